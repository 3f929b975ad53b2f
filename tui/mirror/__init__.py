"""The audience view: the presenter publishes where it is, audience views follow.

The presenter replaces a small JSON file (:mod:`tui.mirror.state`) in a
per-user folder on every move and holds a lock while it runs; audience views
watch the folder (:mod:`tui.mirror.watch`) and show the same slide
(:mod:`tui.mirror.audience`). No network listener is opened.
"""
