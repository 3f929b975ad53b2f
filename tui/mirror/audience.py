"""The audience view: the slide alone, full size, following the presenter.

Runs in a second terminal (the one on the projector) with
``podium --audience [DECK]``. It reads the state the presenter publishes
(:mod:`tui.mirror.state`) whenever the kernel says the file changed
(:mod:`tui.mirror.watch`; a 50 ms ``stat`` poll where there is no inotify),
and checks once a second that the presenter still holds its lock. When the
presenter quits or crashes it says so and keeps the last slide; when the
presenter comes back it follows again. Navigation keys do nothing while
following, so a stray key on the projector laptop cannot move the talk;
``d`` detaches to browse alone and reattaches.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import replace
from enum import Enum
from pathlib import Path

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen
from textual.theme import Theme
from textual.timer import Timer
from textual.widgets import Static

from tui import navigation
from tui.deck.model import Deck
from tui.mirror.state import (
    PresenterState,
    live_presenters,
    lock_path,
    presenter_alive,
    read_state,
    state_path,
)
from tui.mirror.watch import FolderWatcher
from tui.navigation import Position
from tui.polls.model import PollResults
from tui.no_color import apply_no_color
from tui.render import MarkdownStyles
from tui.safe_text import one_line, printable
from tui.screens.confirm import ConfirmScreen
from tui.screens.help import HelpScreen, help_rows
from tui.screens.overview import OverviewScreen
from tui.widgets.plain_notify import PlainNotify
from tui.widgets.poll_view import as_results
from tui.widgets.slide_view import SlideView

POLL_SECONDS = 0.05
"""How often the state file is checked where the kernel cannot tell us."""

ALIVE_SECONDS = 1.0
"""How often a following view checks that the presenter is still running."""


class Presenter(str, Enum):
    """What the audience view knows about the presenter."""

    WAITING = "waiting"
    """No presenter has published for this deck yet."""
    LIVE = "live"
    """Running and followed."""
    QUIT = "quit"
    """Quit normally."""
    LOST = "lost"
    """Stopped without saying so (crashed, killed, connection dropped)."""


class AudienceScreen(Screen[None]):
    """Shows the presenter's slide, or the viewer's own when detached.

    Args:
        deck: The deck, as loaded by this process.
        deck_path: The deck file whose presenter to follow.
        auto: No deck was named: while no presenter of this deck runs,
            follow any presenter that starts (with its deck).
    """

    BINDINGS = [
        Binding("d", "detach", "Detach", tooltip="Detach to browse alone, or follow the presenter again"),
        Binding("right,space,pagedown,l,n,enter", "next", "Next", tooltip="Next step or slide (detached)"),
        Binding("left,pageup,backspace,h,p", "previous", "Back", tooltip="Previous step or slide (detached)"),
        Binding("home,g", "first", "First", tooltip="First slide (detached)"),
        Binding("end,G", "last", "Last", tooltip="Last slide (detached)"),
        Binding("o", "overview", "Overview", tooltip="Overview: jump to a slide by title (detached)"),
        Binding("q", "ask_quit", "Quit", tooltip="Close the audience view (asks first)"),
    ]

    _NAVIGATION = frozenset({"next", "previous", "first", "last", "overview"})

    # `var`s, not `reactive`s: no whole-screen repaint on every change.
    position: var[Position] = var(Position(0, 0), init=False)
    """The slide and reveal step on screen."""

    detached: var[bool] = var(False, init=False)
    """Browsing alone instead of following the presenter."""

    class StateChanged(Message):
        """The presenter's state or lock file changed (posted by the watcher)."""

    class OtherPresenter(Message):
        """A presenter of another deck published (posted by the watcher)."""

        def __init__(self, name: str) -> None:
            super().__init__()
            self.name = name
            """The state file's name."""

    def __init__(self, deck: Deck, deck_path: str, *, auto: bool = False) -> None:
        super().__init__()
        self.deck = deck
        self.deck_path = deck_path
        self.auto = auto
        self.state_file = state_path(deck_path)
        self.lock_file = lock_path(deck_path)
        self.presenter = Presenter.WAITING
        self.state: PresenterState | None = None
        self._blank = False
        self._results = False
        self._totals: dict[str, PollResults] = {}
        self._watcher: FolderWatcher | None = None
        self._alive_timer: Timer | None = None
        self._stat: tuple[int, int] | None = None

    def change_deck(self, deck: Deck, deck_path: str) -> None:
        """Follow the presenter of another deck from now on.

        Args:
            deck: That deck, loaded.
            deck_path: Its file.
        """
        self.deck, self.deck_path = deck, deck_path
        self.state_file, self.lock_file = state_path(deck_path), lock_path(deck_path)
        self.state = None
        self._totals.clear()
        self._stat = None
        self.presenter = Presenter.WAITING
        self.position = Position(0, 0)
        self._sync()
        self._draw_notice()

    def compose(self) -> ComposeResult:
        yield SlideView(id="slide")
        yield Static(id="audience-notice", markup=False)

    def on_mount(self) -> None:
        folder = self.state_file.parent
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError:
            pass
        self._watcher = FolderWatcher(folder, self._file_changed)
        if not self._watcher.start():
            self._watcher = None
            self.set_interval(POLL_SECONDS, self._poll)
            if self.auto:
                self.set_interval(ALIVE_SECONDS, self._look_for_presenters)
        self._alive_timer = self.set_interval(ALIVE_SECONDS, self._check_alive, pause=True)
        self._sync()
        self._draw()
        self._draw_notice()

    def on_unmount(self) -> None:
        if self._watcher is not None:
            self._watcher.stop()

    # -- following -------------------------------------------------------------

    def _file_changed(self, name: str | None) -> None:
        if name in (None, self.state_file.name, self.lock_file.name):
            self.post_message(self.StateChanged())
        elif self.auto and name.endswith(".json") and not name.startswith("."):
            self.post_message(self.OtherPresenter(name))

    def on_audience_screen_state_changed(self, message: StateChanged) -> None:
        self._sync()

    def on_audience_screen_other_presenter(self, message: OtherPresenter) -> None:
        if self.presenter is Presenter.LIVE:
            return  # following one already
        state = read_state(self.state_file.parent / message.name)
        if state is not None and not state.ended and presenter_alive(
            (self.state_file.parent / message.name).with_suffix(".lock")
        ):
            self.app.follow_deck(state.deck)  # type: ignore[attr-defined]

    def _look_for_presenters(self) -> None:
        """Without inotify: has a presenter of another deck started?"""
        if self.presenter is Presenter.LIVE:
            return
        mine = os.path.realpath(self.deck_path)
        running = [state for state in live_presenters() if state.deck != mine]
        if running:
            self.app.follow_deck(running[0].deck)  # type: ignore[attr-defined]

    def _poll(self) -> None:
        """The fallback without inotify: has the state file been replaced?"""
        try:
            info = os.stat(self.state_file)
            stamp = (info.st_ino, info.st_mtime_ns)
        except OSError:
            stamp = None
        if stamp != self._stat:
            self._stat = stamp
            self._sync()

    def _check_alive(self) -> None:
        if self.presenter is Presenter.LIVE and not presenter_alive(self.lock_file):
            self._set_presenter(Presenter.LOST)

    def _sync(self) -> None:
        """Read the presenter's state and follow it."""
        state = read_state(self.state_file)
        if state is None:
            return
        alive = presenter_alive(self.lock_file)
        if state.ended:
            status = Presenter.QUIT
        elif alive:
            status = Presenter.LIVE
        else:
            status = Presenter.LOST
        fresh = self.state is None or (state.session, state.seq) != (self.state.session, self.state.seq)
        self.state = state
        if state.totals is not None:
            slide = self.deck.slides[min(state.slide, len(self.deck.slides) - 1)]
            if slide.poll is not None:
                self._totals[slide.poll.id] = as_results(
                    slide.poll, state.totals, state.voters, state.closed
                )
        if fresh and not self.detached:
            self._follow(state)
        self._set_presenter(status)

    def _follow(self, state: PresenterState) -> None:
        app = self.app
        if state.theme and state.theme != app.theme and state.theme in app.available_themes:
            app.theme = state.theme
        index = min(max(state.slide, 0), len(self.deck.slides) - 1)
        step = min(max(state.step, 0), self.deck.slides[index].steps)
        changed = (state.blank, state.results) != (self._blank, self._results)
        self._blank, self._results = state.blank, state.results
        self.set_class(state.blank, "-blank")
        if Position(index, step) != self.position:
            self.position = Position(index, step)
        elif changed or state.totals is not None:
            self._draw()

    def _set_presenter(self, status: Presenter) -> None:
        if self._alive_timer is not None:
            if status is Presenter.LIVE:
                self._alive_timer.resume()
            else:
                self._alive_timer.pause()
        if status is not self.presenter:
            self.presenter = status
            self._draw_notice()

    # -- drawing -------------------------------------------------------------

    def watch_position(self) -> None:
        self._draw()

    def watch_detached(self, detached: bool) -> None:
        if not detached and self.state is not None:
            self._follow(self.state)
            self._draw()
        self._draw_notice()
        self.refresh_bindings()

    def _draw(self) -> None:
        slide = self.deck.slides[self.position.slide]
        shown = None
        if slide.poll is not None:
            # The audience votes with its own command, not the presenter's
            # keys: show that command, as the presenter's slide does.
            how_to_vote = self.state.how_to_vote if self.state is not None else None
            totals = self._totals.get(slide.poll.id)
            shown = replace(as_results(slide.poll, totals), how_to_vote=how_to_vote)
        results = self._results and not self.detached
        with self.app.batch_update():
            self.query_one(SlideView).show(
                slide, self.position.step, shown, results, poll_hints=False
            )
            if self.detached:
                self._draw_notice()

    def _draw_notice(self) -> None:
        notice = self.query_one("#audience-notice", Static)
        text = self._notice_text()
        notice.display = bool(text)
        # Wrapped, never cut: the notice grows to as many lines as it needs.
        notice.update(Text(printable(text)))

    def _notice_text(self) -> str:
        count = len(self.deck.slides)
        if self.detached:
            return f"Detached: browsing alone ({self.position.slide + 1}/{count}) · d follows the presenter again"
        if self.presenter is Presenter.WAITING:
            if self.auto:
                return "Waiting for a presenter: run  podium  in another terminal"
            return "Waiting for the presenter: run  podium  with this deck in another terminal"
        if self.presenter is Presenter.QUIT:
            return "The presenter has quit; showing the last slide. This view follows again when they return."
        if self.presenter is Presenter.LOST:
            return "The presenter stopped unexpectedly; showing the last slide until it is back."
        return ""

    def redraw(self) -> None:
        """Redraw after something outside this screen changed (the theme)."""
        if self.is_mounted:
            self._draw()

    # -- keys ------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Navigation keys act only while detached."""
        if action in self._NAVIGATION:
            return self.detached
        return True

    def action_detach(self) -> None:
        """Detach to browse alone, or follow the presenter again."""
        self.detached = not self.detached

    def action_next(self) -> None:
        """Next step or slide (detached only)."""
        self.position = navigation.advance(self.deck, self.position)

    def action_previous(self) -> None:
        """Previous step or slide (detached only)."""
        self.position = navigation.retreat(self.deck, self.position)

    def action_first(self) -> None:
        """First slide (detached only)."""
        self.position = navigation.first(self.deck)

    def action_last(self) -> None:
        """Last slide (detached only)."""
        self.position = navigation.last(self.deck)

    def action_overview(self) -> None:
        """Jump to a slide by title (detached only)."""

        def chosen(index: int | None) -> None:
            if index is not None:
                self.position = Position(index, 0)

        self.app.push_screen(OverviewScreen(self.deck, self.position.slide), chosen)

    def action_ask_quit(self) -> None:
        """Ask, then close the audience view."""

        def answered(yes: bool | None) -> None:
            if yes:
                self.app.exit()

        self.app.push_screen(ConfirmScreen("Close the audience view?"), answered)

    def action_help(self) -> None:
        """Show the keys."""
        bindings = [*self.BINDINGS, *AudienceApp.HELP_BINDINGS]
        self.app.push_screen(HelpScreen(help_rows(bindings, self.app.get_key_display)))  # type: ignore[arg-type]


class AudienceApp(PlainNotify, App[None], inherit_bindings=False):
    """Shows a deck the way the presenter shows it, slide only.

    Args:
        deck: The validated deck (the presenter's deck file).
        deck_path: The deck file whose presenter to follow.
        theme: The theme to start with (the presenter's theme replaces it
            when it is one of ``themes``).
        themes: Themes the presenter may switch to.
        auto: No deck was named: follow whichever presenter starts.
    """

    CSS_PATH = ["../app.tcss", "audience.tcss"]
    TITLE = "Podium audience view"
    ENABLE_COMMAND_PALETTE = False

    BINDINGS = [
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True, tooltip="Quit at once"),
        Binding("question_mark", "help", "Help", tooltip="Show the keys"),
    ]

    HELP_BINDINGS = BINDINGS
    """Keys listed in help besides the screen's own."""

    def __init__(
        self, deck: Deck, deck_path: str, *, theme: Theme, themes: Iterable[Theme] = (), auto: bool = False
    ) -> None:
        super().__init__()
        apply_no_color(self)
        self.deck = deck
        self.deck_path = deck_path
        self.auto = auto
        self._markdown_styles = MarkdownStyles()
        for each in (*themes, theme):
            self.register_theme(each)
        self.theme = theme.name
        self.title = one_line(f"{deck.title or Path(deck_path).name} (audience)")

    def get_theme_variable_defaults(self) -> dict[str, str]:
        """Podium's own CSS variables (``$slide-title`` ...) for any theme."""
        from tui.themes import app_variable_defaults

        return app_variable_defaults(self.current_theme)

    def get_default_screen(self) -> Screen:
        return AudienceScreen(self.deck, self.deck_path, auto=self.auto)

    def follow_deck(self, deck_path: str) -> None:
        """Follow the presenter of another deck (a view started without DECK).

        Args:
            deck_path: The deck file that presenter presents.
        """
        from tui.deck import DeckError, load_deck

        if len(self.screen_stack) != 1 or os.path.realpath(deck_path) == os.path.realpath(self.deck_path):
            return  # a dialog is open: try again on the next change
        try:
            deck = load_deck(deck_path)
        except DeckError as error:
            self.notify(str(error.problems[0]), title="Cannot follow that presenter", severity="error")
            return
        self.deck, self.deck_path = deck, deck_path
        self.title = one_line(f"{deck.title or Path(deck_path).name} (audience)")
        self.audience.change_deck(deck, deck_path)

    @property
    def audience(self) -> AudienceScreen:
        """The audience screen (the app's base screen)."""
        return self.screen_stack[0]  # type: ignore[return-value]

    def watch_theme(self, theme: str) -> None:
        self._markdown_styles.apply(self.console, self.get_css_variables())
        if self.screen_stack:
            self.audience.redraw()

    def action_help(self) -> None:
        """Show the keys."""
        self.audience.action_help()


def make_audience_app(
    deck: Deck, deck_path: str, theme_name: str | None = None, *, auto: bool = False
) -> AudienceApp:
    """Build the audience view for a validated deck (CLI and tests alike).

    Args:
        deck: From :func:`tui.deck.load_deck`.
        deck_path: The deck file the presenter presents.
        theme_name: Theme name or file; defaults to the deck's, else ``ks``.
        auto: No deck was named: follow whichever presenter starts.

    Raises:
        tui.themes.ThemeError: The theme is unknown or its file is bad.
    """
    from tui.app import DEFAULT_THEME
    from tui.themes import load_all_themes, resolve_theme

    name = theme_name or deck.theme or DEFAULT_THEME
    theme = resolve_theme(name, Path(deck_path).parent)
    return AudienceApp(deck, deck_path, theme=theme, themes=load_all_themes(), auto=auto)
