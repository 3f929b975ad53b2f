"""The speaker notes pane: notes, what comes next, the clocks and the pace."""

from __future__ import annotations

import asyncio
import math
from collections.abc import Callable
from datetime import datetime

from rich.console import Group, RenderableType
from rich.styled import Styled
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from tui.deck.model import Deck, reveal_blocks
from tui.i18n import Words, words_for
from tui.notes import (
    NotesBlock,
    PreviewKind,
    Role,
    hard_line_breaks,
    next_preview,
    notes_blocks,
    plain_lines,
)
from tui.pace_plan import Pace, PaceStatus, Plan, make_plan, pace, pace_text
from tui.pacing import TalkTimer, TimerState, format_seconds
from tui.render import markdown
from tui.safe_text import one_line
from tui.widgets.pace_clock import PaceClock, Span

TICK_LATE = 0.005
"""Seconds after the clock's text turns over that the tick runs (never before it)."""
TICK_LONGEST = 60.0
"""The most seconds between two ticks."""
PREVIEW_LINES_SIDE = 2
"""Body lines of the next slide shown beside the slide."""
PREVIEW_LINES_WIDE = 6
"""Body lines of the next slide shown in notes-only mode."""

_PACE_STYLES = {
    PaceStatus.BEHIND: "pace-clock--behind",
    PaceStatus.OVER: "pace-clock--over",
}


def format_elapsed(seconds: float) -> str:
    """``seconds`` as ``m:ss`` (or ``h:mm:ss`` past an hour); never negative."""
    return format_seconds(max(0.0, seconds))


def seconds_to_next_change(elapsed: float | None, now: datetime) -> float:
    """How long until the clock's text can next change, in seconds.

    The talk timer (``m:ss``) and the pace turn over when the running
    timer's elapsed seconds reach the next whole second; the wall clock
    (``HH:MM``) at the next minute; nothing else changes unless a key (or a
    reload, a theme) changes it, and those redraw the clock themselves.

    Args:
        elapsed: The running timer's seconds, or None when it is not
            running (ready or paused: only the wall clock moves).
        now: The local time now.

    Returns:
        Seconds, :data:`TICK_LATE` after the turn, at most :data:`TICK_LONGEST`.
    """
    wall = 60.0 - (now.second + now.microsecond / 1e6)
    wait = wall
    if elapsed is not None:
        wait = min(wait, math.floor(elapsed) + 1.0 - elapsed)
    return min(max(wait, 0.0) + TICK_LATE, TICK_LONGEST)


class NotesPane(Vertical):
    """Speaker notes beside the slide (or filling the screen), for the presenter.

    Shows the talk timer against the plan and the wall clock, the pace (ahead
    or behind, in the theme's warning colour when behind and its error colour
    once over time), the notes of the slide on screen (with step notes, the
    block of the step just revealed stands out), and a preview of what the
    next key shows. The clocks tick only while the pane is shown, once when
    their text turns over (each second of a running timer, else each minute
    of the wall clock: see :func:`seconds_to_next_change`), and only the
    changed cells are redrawn, so an idle presenter costs next to no CPU.

    Args:
        timer: The talk timer (owned by the app).
        deck: The deck, for the plan and the previews.
        now: Returns the current local time (injected for tests).
    """

    def __init__(
        self,
        timer: TalkTimer,
        deck: Deck,
        now: Callable[[], datetime],
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self._timer = timer
        self._deck = deck
        self._words = words_for(deck.lang)
        self._now = now
        self._ticking = False
        self._tick: asyncio.TimerHandle | None = None
        self._position = (0, 0)
        self._wide = False
        self._plan: Plan | None = None
        self._plan_origin: int | None = -1
        self._shown_clock: tuple[str, str, str, str] | None = None
        self._shown_status: PaceStatus | None = None
        self._stopped = False
        self._composed = False  # what is asked before the children exist is drawn on mount
        self._clock: PaceClock

    def compose(self) -> ComposeResult:
        self._clock = PaceClock(id="notes-clock")
        yield self._clock
        with VerticalScroll(id="notes-scroll", can_focus=False):
            yield Static(id="notes-text", markup=False)
        yield Static(id="notes-next", markup=False)

    def on_mount(self) -> None:
        # An app that quits while the pane is being built mounts it without
        # its children (a pane drawn ahead, off screen, closes last): then
        # there is nothing to draw, now or later.
        self._composed = bool(self.query("#notes-text"))
        self._ticking = bool(self.display) and not self._stopped and self._composed
        self.show(*self._position)

    def on_unmount(self) -> None:
        self._ticking = False
        self._cancel_tick()

    def set_shown(self, shown: bool) -> None:
        """Start or stop the clock along with the pane's visibility."""
        if self._stopped:
            return
        self._ticking = shown
        if shown:
            self.refresh_clock()
        else:
            self._cancel_tick()

    def _cancel_tick(self) -> None:
        if self._tick is not None:
            self._tick.cancel()
            self._tick = None

    def _schedule_tick(self, now: datetime) -> None:
        """Tick again when the clock's text next turns over (one pending tick at a time).

        A loop callback, not a Textual timer: a tick is a call, without a
        task to wake, and lands on the turn rather than once a second at
        whatever phase the pane opened.
        """
        self._cancel_tick()
        if not self._ticking:
            return
        timer = self._timer
        elapsed = timer.elapsed() if timer.state is TimerState.RUNNING else None
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # no app running (the pane drawn outside one)
            return
        self._tick = loop.call_later(seconds_to_next_change(elapsed, now), self._on_tick)

    def _on_tick(self) -> None:
        self._tick = None
        try:
            self.refresh_clock()
        except Exception as error:  # as a Textual timer would: the app reports it
            self.app._handle_exception(error)

    def stop_clock(self) -> None:
        """Stop the clock's ticking for good (a pane drawn off screen, ahead)."""
        self._stopped = True
        self._ticking = False
        self._cancel_tick()

    def set_deck(self, deck: Deck) -> None:
        """Show the notes of ``deck`` from now on (it was reloaded); the plan is made again."""
        self._deck = deck
        self._plan_origin = -1
        self._shown_clock = None
        self._shown_status = None

    def set_wide(self, wide: bool) -> None:
        """Notes-only mode: the pane fills the screen and previews more."""
        if wide != self._wide:
            self._wide = wide
            if self._composed:
                self._show_preview()

    def show(self, slide: int, step: int) -> None:
        """Show the notes of a position and what comes after it.

        Args:
            slide: 0-based slide on screen.
            step: Reveal steps shown.
        """
        self._position = (slide, step)
        if not self._composed:
            return
        current = self._deck.slides[slide]
        count = len(self._deck.slides)
        self.border_title = self._words("notes.title", slide=slide + 1, count=count)
        blocks = notes_blocks(current, step)
        text = self.query_one("#notes-text", Static)
        text.update(
            self._render_blocks(
                blocks, reveal_blocks(current.body) if current.reveal else [], self._words
            )
        )
        scroll = self.query_one("#notes-scroll", VerticalScroll)
        if any(block.role is Role.CURRENT and block.step > 0 for block in blocks):
            self.call_after_refresh(scroll.scroll_end, animate=False)
        else:
            scroll.scroll_home(animate=False)
        self._show_preview()
        self.refresh_clock()

    @staticmethod
    def _render_blocks(blocks: list[NotesBlock], items: list[str], words: Words) -> RenderableType:
        if not blocks:
            return Text(words("notes.none"), style="italic")
        parts: list[RenderableType] = []
        for block in blocks:
            body = markdown(hard_line_breaks(block.text))
            if block.role is Role.PLAIN:
                parts.append(body)
                continue
            label = ""
            if block.step > 0 and block.step < len(items):
                first = plain_lines(items[block.step], 1)
                label = (
                    words("notes.step_item", step=block.step, text=one_line(first[0]))
                    if first
                    else words("notes.step", step=block.step)
                )
            if block.role is Role.PAST:
                parts.append(
                    Styled(
                        Group(Text(label, no_wrap=True, overflow="ellipsis"), body)
                        if label
                        else body,
                        "dim",
                    )
                )
            else:
                if label:
                    parts.append(
                        Text(
                            f"▶ {label}", style="bold underline", no_wrap=True, overflow="ellipsis"
                        )
                    )
                parts.append(body)
        return Group(*parts)

    def _show_preview(self) -> None:
        slide, step = self._position
        limit = PREVIEW_LINES_WIDE if self._wide else PREVIEW_LINES_SIDE
        preview = next_preview(self._deck, slide, step, limit)
        words = self._words
        line = Text(no_wrap=True, overflow="ellipsis")
        if preview.kind is PreviewKind.END:
            line.append(words("notes.last_slide"))
        elif preview.kind is PreviewKind.STEP:
            line.append(words("notes.next_step"), style="bold")
            more = words("notes.more_of_slide")
            line.append(one_line(preview.lines[0]) if preview.lines else more)
            for extra in preview.lines[1:]:
                line.append(f"\n  {one_line(extra)}", style="dim")
        else:
            line.append(words("notes.next", title=one_line(preview.title)))
            for extra in preview.lines:
                line.append(f"\n  {one_line(extra)}", style="dim")
        self.query_one("#notes-next", Static).update(line)

    def reading(self) -> Pace:
        """The pace now, for the position last shown."""
        timer = self._timer
        if timer.origin != self._plan_origin:
            self._plan_origin = timer.origin
            self._plan = make_plan(self._deck, timer.origin or 0)
        slide, step = self._position
        return pace(
            self._plan,
            slide,
            step,
            self._deck.slides[slide].steps,
            timer.elapsed(),
            started=timer.state is not TimerState.READY,
        )

    def refresh_clock(self) -> None:
        """Redraw the timer, wall clock and pace, if their text changed; tick again at the turn."""
        if not self._composed:
            return
        now = self._now()
        self._draw_clock(now)
        self._schedule_tick(now)

    def _draw_clock(self, now: datetime) -> None:
        timer = self._timer
        reading = self.reading()
        clock = format_elapsed(timer.elapsed())
        if self._plan is not None:
            clock += f" / {format_elapsed(self._plan.total)}"
        badges = {TimerState.PAUSED: "notes.paused", TimerState.READY: "notes.ready"}
        badge = self._words(badges[timer.state]) if timer.state in badges else ""
        wall = now.strftime("%H:%M")
        pace_line = pace_text(reading, self._words)
        style = _PACE_STYLES.get(reading.status, "pace-clock--pace")
        state = (f"{clock} {badge} {wall}", pace_line, style, self.app.theme)
        if state == self._shown_clock:
            return  # nothing visible changed: send no bytes
        self._shown_clock = state
        first: list[Span] = [(clock, "bold")]
        if badge:
            first += [(" ", ""), (f" {badge} ", "reverse")]
        first.append((f"   {wall}", ""))
        lines = [tuple(first)]
        if pace_line:
            lines.append(((pace_line, style),))
        # Only the cells that changed are repainted; a layout only when the
        # pace line comes or goes (see PaceClock.show).
        clock_widget = self._clock
        clock_widget.show(lines)
        if reading.status is not self._shown_status:  # classes set only when they change
            self._shown_status = reading.status
            clock_widget.set_class(reading.status is PaceStatus.BEHIND, "-behind")
            clock_widget.set_class(reading.status is PaceStatus.OVER, "-over")
