"""Live reload: the deck and its theme shown again as soon as they are saved.

:mod:`tui.reload.watch` hears the saves (dnotify on the files' folders, else
a modest ``stat`` poll; debounced), :mod:`tui.reload.loading` reads the deck
and its theme again without ever raising, and :mod:`tui.reload.presenter`
wires both into the presenter app: a good deck replaces the one on screen
through :meth:`tui.show.core.Show.replace_deck` (same slide, step, timer and
votes); a bad one leaves the last good deck up and lists its problems in a
panel only the presenter sees. Imported only once the presenter's app is up.
"""
