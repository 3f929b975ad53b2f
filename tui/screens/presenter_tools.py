"""Presenter tools on the presenter screen: talk timer, notes-only mode,
rehearsal timing and publishing each move to audience views.

:class:`PresenterTools` is mixed into
:class:`~tui.screens.presenter.PresenterScreen`, which owns navigation and
calls :meth:`PresenterTools.tools_sync` at the end of every redraw; that one
hook starts the timer when the walk-in slide is left, tells the rehearsal
recorder where the talk is and publishes the position. Textual calls the
``_on_mount`` and screen-event handlers here as well as the screen's own
(handlers run for every class along the MRO).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding

from tui.pacing import WALK_IN_ORIGIN, TimerState
from tui.screens.blank import BlankScreen
from tui.screens.confirm import ConfirmScreen
from tui.widgets.notes_pane import NotesPane

if TYPE_CHECKING:
    from tui.app import PodiumApp
    from tui.deck.model import Deck, Slide
    from tui.navigation import Position
    from tui.polls.model import PollResults

REHEARSAL_FLUSH_SECONDS = 10.0
"""How often a running rehearsal saves the slide on screen (crash safety)."""

TOOL_BINDINGS = [
    Binding("t", "timer", "Timer", show=False, tooltip="Start, pause or resume the talk timer"),
    Binding("T", "reset_timer", "Reset timer", show=False, tooltip="Reset the talk timer to 0:00 (asks first)"),
    Binding("N", "notes_only", "Notes only", show=False, tooltip="Notes only: the notes pane fills the screen"),
    Binding("J,shift+down", "scroll_notes(1)", "Scroll notes", show=False, tooltip="Scroll the speaker notes down"),
    Binding("K,shift+up", "scroll_notes(-1)", "Scroll notes", show=False, tooltip="Scroll the speaker notes up"),
]
"""Keys of the presenter tools, listed in help with the screen's own."""


class PresenterTools:
    """Timer, notes-only mode, rehearsal and mirror for the presenter screen."""

    # Provided by PresenterScreen.
    deck: Deck
    position: Position
    notes_shown: bool
    _results_shown: set[str]
    _poll_results: PollResults | None

    _tools_last: Position | None = None

    def action_scroll_notes(self, direction: int) -> None:
        """Scroll long speaker notes (the pane must be open)."""
        if self.notes_shown:
            self.query_one("#notes-scroll").scroll_relative(  # type: ignore[attr-defined]
                y=direction * 3, animate=False
            )
    _notes_only: bool = False
    _blanked: bool = False

    if TYPE_CHECKING:
        app: PodiumApp

        @property
        def podium(self) -> PodiumApp: ...

        @property
        def slide(self) -> Slide: ...

        def query_one(self, selector: type[NotesPane]) -> NotesPane: ...

        def set_class(self, add: bool, *names: str) -> object: ...

        def notify(self, message: str, **kwargs: object) -> None: ...

        def set_interval(self, interval: float, callback: object) -> object: ...

    def _on_mount(self) -> None:
        app = self.podium
        mirror = app.mirror
        if mirror is not None and mirror.problem is not None:
            self.notify(f"Audience views will not follow: {mirror.problem}.", severity="warning")
        if app.rehearsal is not None:
            # A rehearsal times everything from the first slide on.
            app.timer.start(0)
            self.notes_shown = True
            self.set_interval(REHEARSAL_FLUSH_SECONDS, app.rehearsal.flush)
            self.tools_sync()

    # -- the hook ------------------------------------------------------------

    def tools_sync(self) -> None:
        """Bring the tools up to date with the screen (called after each redraw).

        Starts the timer when the presenter leaves the walk-in slide, records
        the position for a rehearsal and publishes it to audience views.
        """
        app = self.podium
        position = self.position
        last, self._tools_last = self._tools_last, position
        if (
            last is not None
            and last.slide == 0
            and position.slide != 0
            and app.timer.state is TimerState.READY
        ):
            app.timer.start(WALK_IN_ORIGIN)
        if self._notes_only and not self.notes_shown:
            self._set_notes_only(False)
        if app.rehearsal is not None:
            app.rehearsal.update(position.slide, position.step, app.timer.running)
        if self.notes_shown:
            self.query_one(NotesPane).refresh_clock()
        self._publish()

    def _publish(self) -> None:
        mirror = self.podium.mirror
        if mirror is None:
            return
        slide = self.slide
        totals = how_to_vote = voters = None
        results = closed = False
        if slide.poll is not None:
            # The counts just drawn (set by the screen's last redraw).
            shown = self._poll_results
            totals = shown.by_text() if shown is not None else None
            voters = shown.voters if shown is not None else None
            closed = shown.closed if shown is not None else False
            results = slide.poll.id in self._results_shown
            how_to_vote = self.podium.polls.how_to_vote
        mirror.publish(
            self.position.slide,
            self.position.step,
            blank=self._blanked,
            results=results,
            totals=totals,
            theme=self.podium.theme,
            how_to_vote=how_to_vote,
            voters=voters,
            closed=closed,
        )

    def on_screen_suspend(self) -> None:
        # The blank screen hides this one: blank the audience views too.
        if isinstance(self.app.screen, BlankScreen):
            self._blanked = True
            self._publish()

    def on_screen_resume(self) -> None:
        if self._blanked:
            self._blanked = False
            self._publish()

    # -- actions -------------------------------------------------------------

    def action_timer(self) -> None:
        """Start the talk timer, or pause it (for questions), or resume it."""
        timer = self.podium.timer
        timer.toggle(self.position.slide)
        message = {
            TimerState.RUNNING: "Timer running.",
            TimerState.PAUSED: "Timer paused; t resumes.",
        }[timer.state]
        self.notify(message, timeout=2)
        self.tools_sync()

    def action_reset_timer(self) -> None:
        """Ask, then set the talk timer back to 0:00 (it starts again with t)."""

        def answered(yes: bool | None) -> None:
            if yes:
                self.podium.timer.reset()
                self._tools_last = None
                self.notify("Timer reset; t starts it.", timeout=2)
                self.tools_sync()

        self.app.push_screen(
            ConfirmScreen("Reset the talk timer to 0:00? The time so far is forgotten."), answered
        )

    def action_notes_only(self) -> None:
        """Let the notes pane fill the screen (the slide is on the projector)."""
        if self._notes_only and self.notes_shown:
            self._set_notes_only(False)
        else:
            self._set_notes_only(True)
            self.notes_shown = True

    def _set_notes_only(self, on: bool) -> None:
        self._notes_only = on
        self.set_class(on, "-notes-only")
        self.query_one(NotesPane).set_wide(on)
