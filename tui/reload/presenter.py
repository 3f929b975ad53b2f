"""Live reload in the presenter's app: watch, load again, show or explain.

:class:`LiveReload` is started by the presenter app once its first frame is
up (so start-up never waits for it). On each burst of saves to the deck or
its theme file it loads both again (:func:`tui.reload.loading.load_again`):

* a good deck replaces the one on screen (:meth:`tui.show.core.Show.replace_deck`
  keeps the place, reveal step, timer, notes and votes); a changed
  theme file is applied; audience views are told to follow the new deck
  (:meth:`tui.audience.publish.Publisher.publish_deck`); the problems panel
  goes away;
* a deck with problems (or one that disappeared or cannot be read) leaves
  the last good deck up and lists every problem as ``FILE:LINE:COL`` in the
  presenter's :class:`tui.widgets.reload_panel.ReloadProblems`, under the slide.
"""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from tui.regular_file import read_regular
from tui.reload.theme_source import DEFAULT_THEME, theme_file
from tui.reload.watch import FilesWatcher
from tui.safe_text import one_line

if TYPE_CHECKING:
    from textual.app import App
    from textual.theme import Theme

    from tui.audience.publish import Publisher
    from tui.reload.loading import Loaded
    from tui.show.core import Show
    from tui.widgets.reload_panel import ReloadProblems


class LiveReload:
    """Reloads the presenter app's deck and theme when their files are saved.

    Args:
        app: The presenter app (:class:`tui.app.PodiumApp`); its first screen
            is the presenter screen.
        show: The app's show (its deck is replaced on a good save).
        publisher: Tells audience views about the new deck, or None.
        theme_arg: ``--theme NAME|PATH``, or None for the deck's own.

    Attributes:
        reloads: Good decks shown since the start (for tests and benchmarks).
        last_reload: Monotonic time the last good deck reached the screen, or None.
    """

    def __init__(
        self, app: App[None], show: Show, publisher: Publisher | None, theme_arg: str | None
    ) -> None:
        self.app = app
        self.show = show
        self.publisher = publisher
        self.deck_path = show.deck.source
        self.theme_arg = theme_arg
        self.reloads = 0
        self.last_reload: float | None = None
        self._watcher = FilesWatcher(self.reload)
        self._files: tuple[Path, ...] = ()
        self._theme_key: tuple[str, bytes] | None = None
        self._revision = ""
        self._good_since = datetime.now().strftime("%H:%M:%S")
        self._panel_class: type[ReloadProblems] | None = None

    @property
    def files(self) -> tuple[Path, ...]:
        """The files watched now: the deck and its theme file."""
        return self._files

    def start(self) -> None:
        """Start watching (call on the app's event loop)."""
        deck = self.show.deck
        name = self.theme_arg or deck.theme or DEFAULT_THEME
        source = theme_file(name, Path(self.deck_path).parent)
        self._files = (Path(self.deck_path),) + ((source,) if source is not None else ())
        self._theme_key = _theme_key(self.app.current_theme, source)
        self._watcher.watch(self._files)

    def stop(self) -> None:
        """Stop watching."""
        self._watcher.stop()

    def reload(self) -> None:
        """Load the deck and theme again and show the result (good or not)."""
        from tui.reload.loading import load_again  # deferred: the first save

        loaded = load_again(self.deck_path, self.theme_arg)
        if loaded.problems:
            # Keep watching the last good theme file too: fixing it may fix the deck.
            self._watch({*self._files, *loaded.files})
            self._panel().show_problems(loaded.problems, since=self._good_since)
            return
        self._watch(set(loaded.files))
        self._apply(loaded)

    def _watch(self, files: set[Path]) -> None:
        self._files = tuple(sorted(files, key=str))
        self._watcher.watch(self._files)

    def _apply(self, loaded: Loaded) -> None:
        app = self.app
        assert loaded.deck is not None and loaded.theme is not None
        panel = self._existing_panel()
        if panel is not None:
            panel.hide_problems()
        self._good_since = datetime.now().strftime("%H:%M:%S")
        if loaded.revision == self._revision:
            return  # saved without a change (or back to what is shown)
        self._revision = loaded.revision
        new_polls = bool(loaded.deck.polls) and not self.show.deck.polls
        source = loaded.files[1] if len(loaded.files) > 1 else None
        key = _theme_key(loaded.theme, source)
        theme_changed = key != self._theme_key
        self._theme_key = key
        with app.batch_update():
            if theme_changed:
                self._use_theme(loaded.theme)
            if self.publisher is not None:
                self.publisher.publish_deck(loaded.text, loaded.revision, source)
            app.title = one_line(loaded.deck.title or Path(self.deck_path).name)
            self.show.replace_deck(loaded.deck)
        self.reloads += 1
        self.last_reload = time.monotonic()
        if new_polls and not self.show.polls.session.keeps_votes:
            app.notify(
                "The deck has a poll now, but Podium started without one: its votes are "
                "counted in memory only (not saved; podium vote cannot reach them). "
                "Restart podium to keep them.",
                title="Votes not saved",
                severity="warning",
                timeout=15,
            )

    def _use_theme(self, theme: Theme) -> None:
        """Register ``theme`` (again: its file changed) and present with it."""
        app = self.app
        app.register_theme(theme)
        if app.theme == theme.name:
            app.mutate_reactive(type(app).theme)  # same name, new colours
        else:
            app.theme = theme.name

    def _existing_panel(self) -> ReloadProblems | None:
        if self._panel_class is None:
            return None  # never shown: nothing to look for
        found = self.app.screen_stack[0].query(self._panel_class)
        return found.first() if found else None

    def _panel(self) -> ReloadProblems:
        panel = self._existing_panel()
        if panel is None:
            # deferred: only a deck saved with problems shows the panel
            from tui.widgets.reload_panel import ReloadProblems

            self._panel_class = ReloadProblems
            panel = ReloadProblems()
            screen = self.app.screen_stack[0]  # the presenter screen
            screen.mount(panel, after=screen.query_one("#stage"))
        return panel


def _theme_key(theme: Theme, source: Path | None) -> tuple[str, bytes]:
    """What identifies a theme as loaded: its name and its file's bytes."""
    data = b""
    if source is not None:
        try:
            data = read_regular(source)  # never blocks on a named pipe
        except OSError:
            pass
    return (theme.name, data)
