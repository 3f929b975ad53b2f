"""The audience view's screen: the slide alone, full size, following the presenter.

Runs in a second terminal (the one on the projector) with
``podium --audience [DECK]``. It reads the state the presenter publishes
(:mod:`tui.audience.state`) whenever the kernel says the file changed
(:mod:`tui.audience.watch`; a 50 ms ``stat`` poll where the kernel cannot tell),
and checks once a second that the presenter still holds its lock. When the
presenter quits or crashes it says so and keeps the last slide; when the
presenter comes back it follows again. Navigation keys do nothing while
following, so a stray key on the projector laptop cannot move the talk;
``d`` detaches to browse alone and reattaches: its navigation keys are the
presenter's (:class:`tui.screens.navigable.NavigableScreen`), moving a
:class:`tui.show.browse.Browser` instead of the show. The app around it is
:mod:`tui.audience.app`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence

from msgspec.structs import replace
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import var
from textual.timer import Timer
from textual.widgets import Static

from tui.audience.following import Presenter, notice_text
from tui.audience.state import (
    PresenterState,
    live_presenters,
    lock_path,
    presenter_alive,
    read_state,
    state_path,
)
from tui.audience.watch import FolderWatcher
from tui.deck.model import Deck
from tui.i18n import Words, words_for
from tui.i18n.keys import translate_all, translate_node
from tui.navigation import Position
from tui.polls.model import PollResults
from tui.safe_text import printable
from tui.screens.confirm import ConfirmScreen
from tui.screens.help import HelpScreen, help_rows
from tui.screens.navigable import NAVIGATION_ACTIONS, NavigableScreen, navigation_keys
from tui.show.browse import Browser
from tui.widgets.poll_view import as_results
from tui.widgets.slide_view import SlideView

POLL_SECONDS = 0.05
"""How often the state file is checked where the kernel cannot tell us."""

ALIVE_SECONDS = 1.0
"""How often a following view checks that the presenter is still running."""


_NAV = navigation_keys(
    next_keys="right,space,pagedown,l,n,enter", suffix=" (detached)", show_ends=True
)


class AudienceScreen(NavigableScreen):
    """Shows the presenter's slide, or the viewer's own when detached.

    Args:
        deck: The deck, as loaded by this process.
        deck_path: The deck file whose presenter to follow.
        auto: No deck was named: while no presenter of this deck runs,
            follow any presenter that starts (with its deck).
        follow_deck: Called with another deck's file to follow its
            presenter instead (``auto`` only).
        help_bindings: Keys of the app, listed in help after the screen's own.
    """

    BINDINGS = [
        Binding(
            "d", "detach", "Detach", tooltip="Detach to browse alone, or follow the presenter again"
        ),
        *_NAV,
        Binding("q", "ask_quit", "Quit", tooltip="Close the audience view (asks first)"),
    ]

    navigator: Browser

    # A `var`, not a `reactive`: no whole-screen repaint on every change.
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

    def __init__(
        self,
        deck: Deck,
        deck_path: str,
        *,
        auto: bool = False,
        follow_deck: Callable[[str], None] = lambda deck_path: None,
        help_bindings: Sequence[BindingType] = (),
    ) -> None:
        super().__init__()
        self._follow_deck = follow_deck
        self._help_bindings = list(help_bindings)
        self.deck = deck
        self.navigator = Browser(deck, self._draw)
        """Where the view is: the presenter's slide, or the viewer's own when detached."""
        self.deck_path = deck_path
        self.auto = auto
        self.state_file = state_path(deck_path)
        self.lock_file = lock_path(deck_path)
        self.presenter = Presenter.WAITING
        self.state: PresenterState | None = None
        self._blank = False
        self._chart = False
        self._totals: dict[str, PollResults] = {}
        self._watcher: FolderWatcher | None = None
        self._alive_timer: Timer | None = None
        self._stat: tuple[int, int] | None = None
        self._deck_rev: str | None = None  # of the presenter's reloaded deck shown
        translate_node(self, self.words, "audience")

    @property
    def words(self) -> Words:
        """The deck's language (its ``lang:``)."""
        return words_for(self.deck.lang)

    @property
    def position(self) -> Position:
        """The slide and reveal step on screen."""
        return self.navigator.position

    def change_deck(self, deck: Deck, deck_path: str) -> None:
        """Follow the presenter of another deck from now on.

        Args:
            deck: That deck, loaded.
            deck_path: Its file.
        """
        self.deck, self.deck_path = deck, deck_path
        self.navigator.deck = deck
        translate_node(self, self.words, "audience")
        self.refresh_bindings()
        self.state_file, self.lock_file = state_path(deck_path), lock_path(deck_path)
        self.state = None
        self._totals.clear()
        self._stat = None
        self.presenter = Presenter.WAITING
        self.navigator.place(Position(0, 0))
        self._sync()
        self._draw_notice()

    def compose(self) -> ComposeResult:
        yield SlideView(id="slide", deck=self.deck)  # the parts its slides show
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
        if (
            state is not None
            and not state.ended
            and presenter_alive((self.state_file.parent / message.name).with_suffix(".lock"))
        ):
            self._follow_deck(state.deck)

    def _look_for_presenters(self) -> None:
        """Without the kernel's word: has a presenter of another deck started?"""
        if self.presenter is Presenter.LIVE:
            return
        mine = os.path.realpath(self.deck_path)
        running = [state for state in live_presenters() if state.deck != mine]
        if running:
            self._follow_deck(running[0].deck)

    def _poll(self) -> None:
        """The fallback without the kernel's word: has the state file been replaced?"""
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
        fresh = self.state is None or (state.session, state.seq) != (
            self.state.session,
            self.state.seq,
        )
        self.state = state
        if state.deck_rev != self._deck_rev and not state.ended:
            self._take_presenters_deck(state)
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
        changed = (state.blank, state.chart) != (self._blank, self._chart)
        self._blank, self._chart = state.blank, state.chart
        self.set_class(state.blank, "-blank")
        if Position(index, step) != self.position:
            self.navigator.place(Position(index, step))
        elif changed or state.totals is not None:
            self._draw()

    def _take_presenters_deck(self, state: PresenterState) -> None:
        """The presenter reloaded its deck (saved while presenting): show that one."""
        from tui.audience.reloaded import presenters_deck, theme_path

        deck = presenters_deck(self.deck_path, state)
        if deck is None:
            return  # keep the deck shown; the next revision may read
        self._deck_rev = state.deck_rev
        self.deck = self.navigator.deck = deck
        position = self.navigator.position
        slide = min(position.slide, len(deck.slides) - 1)
        self.navigator.position = Position(slide, min(position.step, deck.slides[slide].steps))
        source = theme_path(state)
        if source is not None:
            from tui.themes import ThemeError, load_theme_file

            try:
                self.app.register_theme(load_theme_file(source))
            except ThemeError:
                pass
            else:
                if self.app.theme == state.theme:
                    self.app.mutate_reactive(type(self.app).theme)
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
        chart = self._chart and not self.detached
        with self.app.batch_update():
            view = self.query_one(SlideView)
            self._show_join(view)
            view.show(slide, self.position.step, shown, chart, poll_hints=None, deck=self.deck)
            if self.detached:
                self._draw_notice()

    def _show_join(self, view: SlideView) -> None:
        """The phone page's join code, as the presenter publishes it (segno only then)."""
        state = self.state
        url = state.join_url if state is not None and not state.ended else None
        join = view.join
        if url is None:
            if join is not None:
                view.set_join(None)
            return
        code = (state.join_code or "") if state is not None else ""
        if join is None or (join.url, join.code) != (url, code):
            from tui.web.qr import make_join

            view.set_join(make_join(url, code))

    def _draw_notice(self) -> None:
        notice = self.query_one("#audience-notice", Static)
        text = self._notice_text()
        notice.display = bool(text)
        # Wrapped, never cut: the notice grows to as many lines as it needs.
        notice.update(Text(printable(text)))

    def _notice_text(self) -> str:
        return notice_text(
            self.presenter,
            detached=self.detached,
            auto=self.auto,
            slide=self.position.slide,
            count=len(self.deck.slides),
            words=self.words,
        )

    def redraw(self) -> None:
        """Redraw after something outside this screen changed (the theme)."""
        if self.is_mounted:
            self._draw()

    # -- keys ------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Navigation keys act only while detached."""
        if action in NAVIGATION_ACTIONS:
            return self.detached
        return True

    def action_detach(self) -> None:
        """Detach to browse alone, or follow the presenter again."""
        self.detached = not self.detached

    def action_ask_quit(self) -> None:
        """Ask, then close the audience view."""

        def answered(yes: bool | None) -> None:
            if yes:
                self.app.exit()

        self.app.push_screen(ConfirmScreen(self.words("audience.confirm_close")), answered)

    def action_help(self) -> None:
        """Show the keys."""
        bindings = translate_all([*self.BINDINGS, *self._help_bindings], self.words, "audience")
        self.app.push_screen(HelpScreen(help_rows(bindings, self.app.get_key_display)))
