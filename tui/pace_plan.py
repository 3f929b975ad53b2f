"""Pacing: how far along the talk should be, and is.

Pure logic, tested without a screen; imports no Textual. The notes pane
asks :func:`pace` once a second and shows the answer (the timer it reads is
:class:`tui.pacing.TalkTimer`).

The plan: every slide gets a budget. A slide's ``time:`` is its budget; the
rest of the deck's ``duration:`` is shared equally by the slides without one.
The plan starts at the slide where the timer started (the walk-in slide
before it gets no budget), so "on slide 5 after 4:10" can be compared with
"slide 5 should start at 4:30".
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from enum import Enum
from typing import NamedTuple

from tui.deck.model import Deck
from tui.i18n import Words, english
from tui.pacing import format_seconds

DEAD_BAND = 10.0
"""Seconds either side of the plan that still count as on time, so the pace
does not flip between ahead and behind while the presenter talks."""


class Plan(NamedTuple):
    """When each slide should start, counted from the timer's start.

    Attributes:
        starts: Planned start of each slide in seconds (one per slide).
        budgets: Seconds planned for each slide (0 before the origin).
        total: Target length of the talk in seconds.
    """

    starts: tuple[float, ...]
    budgets: tuple[float, ...]
    total: float


def budgets(deck: Deck, origin: int = 0) -> tuple[float, ...] | None:
    """Seconds planned for each slide of ``deck``, or None without timing.

    Args:
        deck: The deck.
        origin: 0-based slide the talk starts from.

    Returns:
        See :func:`share_budgets`.
    """
    return share_budgets([slide.time for slide in deck.slides], deck.duration, origin)


def share_budgets(
    times: Sequence[float | None], duration: float | None, origin: int = 0
) -> tuple[float, ...] | None:
    """Seconds planned for each slide.

    A slide's ``time:`` is its budget; what is left of ``duration`` after
    those is shared equally by the other slides from ``origin`` on. Slides
    before ``origin`` get 0.

    Args:
        times: Each slide's ``time:`` in seconds, or None.
        duration: The talk's target in seconds, or None.
        origin: 0-based slide the talk starts from.

    Returns:
        One budget per slide (seconds), or None without ``duration`` and
        without any ``time:``.
    """
    if duration is None and all(each is None for each in times):
        return None
    counted = range(max(0, origin), len(times))
    fixed = sum(times[index] or 0.0 for index in counted)
    free = [index for index in counted if times[index] is None]
    share = 0.0
    if duration is not None and free:
        share = max(0.0, duration - fixed) / len(free)
    return tuple(
        (each if each is not None else share) if index >= origin else 0.0
        for index, each in enumerate(times)
    )


def make_plan(deck: Deck, origin: int = 0) -> Plan | None:
    """The plan of ``deck`` for a talk starting at slide ``origin``.

    Args:
        deck: The deck.
        origin: 0-based slide the talk starts from.

    Returns:
        The plan, or None when the deck has neither ``duration:`` nor any
        ``time:``. The total is ``duration:`` when given, else the sum of the
        budgets.
    """
    planned = budgets(deck, origin)
    if planned is None:
        return None
    starts: list[float] = []
    clock = 0.0
    for budget in planned:
        starts.append(clock)
        clock += budget
    total = deck.duration if deck.duration is not None else clock
    return Plan(tuple(starts), planned, total)


class PaceStatus(str, Enum):
    """How the talk is doing against its plan."""

    NO_PLAN = "no plan"
    READY = "ready"
    ON_TIME = "on time"
    AHEAD = "ahead"
    BEHIND = "behind"
    OVER = "over time"


class Pace(NamedTuple):
    """One reading of the pace.

    Attributes:
        status: Ahead, behind, on time, over time, ...
        by: Seconds ahead or behind (0 when on time), or over time.
        remaining: Seconds left of the target (negative when over), or None
            without a plan.
        planned_slide: 0-based slide the plan says should be on screen now.
    """

    status: PaceStatus
    by: float = 0.0
    remaining: float | None = None
    planned_slide: int | None = None


def pace(
    plan: Plan | None,
    slide: int,
    step: int,
    steps: int,
    elapsed: float,
    *,
    started: bool = True,
    dead_band: float = DEAD_BAND,
) -> Pace:
    """Compare where the talk is with where the plan says it should be.

    The plan gives slide ``slide`` a window of time; its reveal steps share
    that window equally. Within the window (widened by ``dead_band`` on both
    sides) the talk is on time; before it, ahead; after it, behind.

    Args:
        plan: From :func:`make_plan`, or None.
        slide: 0-based slide on screen.
        step: Reveal step on screen (0 to ``steps``).
        steps: Reveal steps of that slide.
        elapsed: Seconds counted by the timer.
        started: False while the timer has not started.
        dead_band: Seconds of slack either side of the window.

    Returns:
        The reading.
    """
    if plan is None:
        return Pace(PaceStatus.NO_PLAN)
    remaining = plan.total - elapsed
    if not started:
        return Pace(PaceStatus.READY, remaining=plan.total, planned_slide=None)
    planned = _planned_slide(plan, elapsed)
    if remaining < 0:
        return Pace(PaceStatus.OVER, -remaining, remaining, planned)
    slide = min(max(slide, 0), len(plan.starts) - 1)
    budget = plan.budgets[slide]
    if not any(plan.budgets[: slide + 1]):
        # Before the plan starts (the walk-in slide shown again): no window to miss.
        return Pace(PaceStatus.ON_TIME, 0.0, remaining, planned)
    share = budget / (steps + 1) if steps >= 0 else budget
    low = plan.starts[slide] + share * step
    high = low + share
    if elapsed < low - dead_band:
        return Pace(PaceStatus.AHEAD, low - elapsed, remaining, planned)
    if elapsed > high + dead_band:
        return Pace(PaceStatus.BEHIND, elapsed - high, remaining, planned)
    return Pace(PaceStatus.ON_TIME, 0.0, remaining, planned)


def _planned_slide(plan: Plan, elapsed: float) -> int:
    """The last budgeted slide whose planned start is at or before ``elapsed``."""
    index = 0
    for number, start in enumerate(plan.starts):
        if plan.budgets[number] > 0 and start <= elapsed:
            index = number
    return index


def pace_text(reading: Pace, words: Words | None = None) -> str:
    """A short line for the notes pane, e.g. ``behind 0:42 · 12:10 left``.

    Args:
        reading: From :func:`pace`.
        words: The talk's language (English when None).

    Returns:
        The line; empty without a plan.
    """
    words = words or english()
    status = reading.status
    if status is PaceStatus.NO_PLAN:
        return ""
    if status is PaceStatus.READY:
        return words("pace.ready", key="t")
    if status is PaceStatus.OVER:
        return words("pace.over", time=format_seconds(-reading.by))
    # Count down as a countdown does: 19:59.7 left shows as 20:00.
    left = words("pace.left", time=format_seconds(math.ceil(reading.remaining or 0)))
    if status is PaceStatus.ON_TIME:
        return words("pace.on_time", left=left)
    return words(f"pace.{status.value}", time=format_seconds(reading.by), left=left)
