"""The next frame, drawn while the slide is read: :class:`FrameAhead`.

A slide change costs Textual a layout of the slide's widgets and a render
of every line, ~10 ms between the key and the first byte of the new slide.
The next key is nearly always Right, and what it will show is known: so
while the presenter talks, a second presenter screen (an understudy, never
on the screen stack) draws the show at the next position, off screen
(:func:`tui.compositor.draw_offscreen`), and keeps its cells. When Right
arrives and nothing else changed, those cells go to the terminal at once
(:meth:`tui.diff_display.DiffDisplay.write_ahead`); the presenter's own
screen then draws the same change as usual, and as its frame equals what
the terminal already shows, it sends nothing.

The understudy is the presenter screen itself (same widgets, stylesheet and
drawing code) reading a :class:`tui.show.preview.ShowPreview`, so what it
draws is what the presenter screen would; the cells of the notes pane's
clock are left as the terminal has them (the clock ticks on its own).
Nothing is drawn ahead when the frame could differ: a toast on screen,
another screen on top, pictures (drawn by the terminal's graphics), a
scroll bar, a terminal too small, the timer starting with the move.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from rich.color import ColorSystem
from textual.geometry import Size
from textual.scrollbar import ScrollBar
from textual.widget import Widget

from tui import navigation
from tui.cell_diff import Cell, Unmodelled, update_pieces
from tui.compositor import draw_offscreen, forget_lines
from tui.diff_display import PlannedWrite
from tui.pacing import TimerState
from tui.screens.presenter import PresenterScreen
from tui.show.events import Change, Flag
from tui.show.preview import ShowPreview
from tui.show.state import ShowState
from tui.widgets.notes_pane import NotesPane
from tui.widgets.slide_view import SlideView

if TYPE_CHECKING:
    from tui.show.core import Show

_MOVES = frozenset({Flag.MOVED, Flag.STEP})
MOUNT_RETRIES = 10
"""Times a frame waits (20 ms each) for the understudy's new widgets to mount."""


class UnderstudyScreen(PresenterScreen):
    """The presenter screen drawing a :class:`ShowPreview`, off the screen stack.

    Its notes pane's clock does not tick (the presenter's does), and
    building the pane holds no screen update.
    """

    starts_show = False  # drawn only when asked: the app may be closing by its mount

    def _show_notes(self, state: ShowState) -> None:
        super()._show_notes(state)
        for pane in self.query(NotesPane):
            pane.stop_clock()

    def _mount_notes(self) -> None:
        self.query_one("#stage").mount(NotesPane(self.show.timer, self.deck, self._now, id="notes"))


@dataclass(frozen=True, slots=True)
class _Drawn:
    """A frame drawn ahead, and what it was drawn for."""

    state: ShowState
    """The show's state the frame shows."""
    old: ShowState
    """The show's state when it was drawn: the frame is for the move from it."""
    size: Size
    timer: TimerState
    rows: list[tuple[int, int, list[Cell]]]
    write: PlannedWrite | None
    """The write that brings the terminal to it (None: the terminal is not known)."""


class FrameAhead:
    """Draws the presenter's next frame ahead and shows it when its key comes.

    Args:
        presenter: The presenter screen on the stack.
        show: The show it presents.
    """

    def __init__(self, presenter: PresenterScreen, show: Show) -> None:
        self._presenter = presenter
        self._show = show
        self._preview = ShowPreview(show)
        self._understudy: UnderstudyScreen | None = None
        self._drawn: _Drawn | None = None
        self._waits = 0
        self._theme = presenter.app.theme
        self.failed: Exception | None = None
        """What stopped drawing ahead for the rest of the talk (None: nothing)."""

    @property
    def understudy(self) -> UnderstudyScreen | None:
        """The screen the next frame is drawn on (None until :meth:`prepare` built it)."""
        return self._understudy

    def drop(self) -> None:
        """Forget the frame drawn ahead (something changed)."""
        self._drawn = None

    def prepare(self) -> None:
        """Draw the frame the next key (Right) will show; keep its cells.

        Called once the presenter's frame is on screen. Does nothing when
        the next frame could not be shown as drawn (see the module), or
        when it is drawn already. Drawing ahead only saves time: should it
        ever fail, the talk goes on without it.
        """
        if self.failed is not None:
            return
        presenter, show = self._presenter, self._show
        drawn = self._drawn
        if drawn is not None and drawn.old == show.state and drawn.size == presenter.app.size:
            return  # a burst of keys asks again for the frame it already has
        self._drawn = None
        try:
            self._prepare()
        except Exception as error:  # an optimisation must never end the talk
            self.failed = error
            self._drawn = None

    def _prepare(self) -> None:
        presenter, show = self._presenter, self._show
        app = presenter.app
        if app.screen is not presenter or presenter.too_small or not app.is_running:
            return
        state = show.state
        target = navigation.advance(show.deck, state.position)
        if target == state.position or state.goto_open or state.blank:
            return
        slides = show.deck.slides
        if slides[target.slide].image_files or slides[state.position.slide].image_files:
            return  # pictures are drawn by the terminal's graphics, not as cells
        if self._understudy is None:
            # The preview answers everything the screen reads of a show.
            preview = cast("Show", self._preview)
            self._understudy = UnderstudyScreen(preview, now=presenter._now)
            app._register(app, self._understudy)
            self._retry()
            return
        understudy = self._understudy
        if not understudy.is_mounted:
            self._retry()
            return
        if self._theme != app.theme:
            # Textual restyles the screens on the stack for a new theme, not this one.
            self._theme = app.theme
            app.update_styles(understudy)
        understudy.query_one(SlideView).set_join(presenter.query_one(SlideView).join)
        self._preview.move_to(target)
        if not all(widget.is_mounted for widget in understudy.walk_children(Widget)):
            self._retry()  # the notes pane or columns were just built
            return
        self._waits = 0
        size = app.size
        update = draw_offscreen(understudy, size)
        if any(isinstance(widget, ScrollBar) for widget in understudy._compositor.visible_widgets):
            return  # a scroll bar's first drawing is Textual's own affair: not drawn ahead
        try:
            rows = update_pieces(update, app.console._color_system or ColorSystem.TRUECOLOR)
        except Unmodelled:
            return
        finally:
            # Its rows are of no use once they are cells (the next frame
            # drawn ahead shows another slide): it keeps none in between.
            del update
            forget_lines(understudy.walk_children(Widget, with_self=True))
        plan_ahead = getattr(app, "plan_ahead", None)
        if plan_ahead is None:
            return
        keep = [clock.region for clock in presenter.query("#notes-clock") if clock.region]
        self._drawn = _Drawn(
            self._preview.state, state, size, show.timer.state, rows, plan_ahead(rows, keep)
        )

    def _retry(self) -> None:
        if self._waits < MOUNT_RETRIES:
            self._waits += 1
            self._presenter.set_timer(0.02, self.prepare)

    def show_now(self, change: Change) -> bool:
        """Send the frame drawn ahead for ``change`` to the terminal, if it is that frame.

        Call before the presenter screen draws ``change`` (one that draws
        something). Forgets the frame in every case: it is stale now.

        Returns:
            Whether the frame was sent.
        """
        drawn = self.frame_for(change)
        self._drawn = None
        if drawn is None or drawn.write is None:
            return False
        return bool(self._presenter.app.write_ahead(drawn.write))  # type: ignore[attr-defined]

    def frame_for(self, change: Change) -> _Drawn | None:
        """The frame drawn ahead if it is the frame of ``change``, else None."""
        drawn = self._drawn
        presenter = self._presenter
        app = presenter.app
        if (
            drawn is None
            or change.notice is not None
            or not change.flags
            or not change.flags <= _MOVES | {Flag.GOTO}
            or change.state != drawn.state
            or change.old != drawn.old
            or self._show.timer.state is not drawn.timer
            or app.size != drawn.size
            or app.screen is not presenter
            or app._notifications
        ):
            return None
        return drawn
