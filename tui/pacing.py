"""The talk timer: how long the talk has run (see :mod:`tui.pace_plan` for the plan).

Pure logic with an injected clock, so it is tested without a screen and
imports no Textual. The presenter screen drives :class:`TalkTimer` from
keys; the notes pane compares its reading with the deck's plan
(:mod:`tui.pace_plan`, imported with the pane: the first slide needs the
timer, not the plan).
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.i18n import Words
    from tui.navigation import Position

WALK_IN_ORIGIN = 1
"""Slide the plan starts from when the timer starts anywhere but on the first
(walk-in) slide (leaving it, the next move after a reset, or its key): the
time spent on the walk-in slide is not the talk's."""


def format_seconds(seconds: float) -> str:
    """Seconds as ``m:ss``, ``h:mm:ss`` past an hour, ``-m:ss`` when negative.

    Args:
        seconds: A length of time; fractions are dropped (towards zero).

    Returns:
        The text, for example ``0:05``, ``12:34``, ``1:02:03`` or ``-1:23``.
    """
    sign = "-" if seconds <= -1 else ""
    whole = int(abs(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{secs:02d}"
    return f"{sign}{minutes}:{secs:02d}"


class TimerState(str, Enum):
    """Where the talk timer is."""

    READY = "ready"
    """Not started: waits for the first slide change or the start key."""
    RUNNING = "running"
    """Counting."""
    PAUSED = "paused"
    """Stopped for questions; resumes where it stopped."""


class TalkTimer:
    """The talk's stopwatch: start, pause, resume, reset.

    Args:
        clock: Monotonic seconds (``time.monotonic``; a fake in tests).

    Attributes:
        origin: 0-based slide the plan starts from, or None while ready.
    """

    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self.state = TimerState.READY
        self.origin: int | None = None
        self._banked = 0.0
        self._since = 0.0

    @property
    def running(self) -> bool:
        """True while the timer counts."""
        return self.state is TimerState.RUNNING

    def elapsed(self) -> float:
        """Seconds counted so far (pauses left out); 0 while ready."""
        if self.state is TimerState.RUNNING:
            return self._banked + self._clock() - self._since
        return self._banked

    def start(self, origin: int) -> None:
        """Start counting from zero, the plan starting at slide ``origin``.

        Args:
            origin: 0-based slide index where the talk (and its plan) starts.
        """
        self.state = TimerState.RUNNING
        self.origin = origin
        self._banked = 0.0
        self._since = self._clock()

    def pause(self) -> None:
        """Stop counting; :meth:`resume` goes on from here."""
        if self.state is TimerState.RUNNING:
            self._banked += self._clock() - self._since
            self.state = TimerState.PAUSED

    def resume(self) -> None:
        """Count again after :meth:`pause`."""
        if self.state is TimerState.PAUSED:
            self._since = self._clock()
            self.state = TimerState.RUNNING

    def toggle(self, slide: int) -> None:
        """The start/pause key: start when ready, else pause or resume.

        Args:
            slide: 0-based slide on screen; the plan starts there when it is
                the first slide, else after the walk-in slide.
        """
        if self.state is TimerState.READY:
            self.start(0 if slide == 0 else WALK_IN_ORIGIN)
        elif self.state is TimerState.RUNNING:
            self.pause()
        else:
            self.resume()

    def restore(self, elapsed: float, origin: int, *, running: bool) -> None:
        """Go on from a count kept elsewhere: a talk resumed after a crash or hang-up.

        Args:
            elapsed: Seconds already counted (negative counts as 0).
            origin: 0-based slide the talk's plan starts from.
            running: Count on from now (else paused, until the timer key).
        """
        self.origin = origin
        self._banked = max(0.0, elapsed)
        self._since = self._clock()
        self.state = TimerState.RUNNING if running else TimerState.PAUSED

    def reset(self) -> None:
        """Back to ready at 0:00; the next start begins a new count."""
        self.state = TimerState.READY
        self.origin = None
        self._banked = 0.0


def resumed_text(
    words: Words, resume_at: Position, timer: TalkTimer, key_for: Callable[[str], str]
) -> str:
    """The notice of a talk resumed after a crash or hang-up: where it is, and its timer.

    Args:
        words: The talk's language.
        resume_at: Where the talk resumed.
        timer: The talk timer as restored (running, paused or ready).
        key_for: The key of a presenter action, as shown (``home``, ``t``).
    """
    fields = {
        "slide": resume_at.slide + 1,
        "first": key_for("first").capitalize(),
        "timer": key_for("timer"),
        "elapsed": format_seconds(timer.elapsed()),
    }
    if timer.state is TimerState.RUNNING:
        return words("notice.resumed_running", **fields)
    if timer.state is TimerState.PAUSED:
        return words("notice.resumed_paused", **fields)
    return words("notice.resumed_at", **fields)
