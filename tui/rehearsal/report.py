"""The rehearsal report: where the time went, against the plan and earlier runs.

:func:`build_report` reads one rehearsal and the earlier complete ones of the
same deck from the store; :mod:`tui.rehearsal.formats` turns it into a table,
CSV or JSON. Pure apart from reading the store; imports no Textual.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import NamedTuple

from tui.pace_plan import share_budgets
from tui.rehearsal.store import Rehearsal, RehearsalStore, SlideInfo, Timing

TITLE_WIDTH = 34
"""Cells of the title column in the table."""

Local = Callable[[float], datetime]
"""Turns unix time into a local date and time (injected in tests)."""


class SlideRow(NamedTuple):
    """One slide of the report.

    Attributes:
        number: 1-based slide number.
        title: The slide's title.
        seconds: Time on screen, revisits and reveal steps added up.
        budget: Planned seconds (``time:``, or a share of ``duration:``).
        previous: Seconds in the previous complete rehearsal, or None.
        median: Median seconds over the earlier complete rehearsals, or None.
        visits: Times the slide came on screen.
        steps: Seconds per reveal step (empty without reveal steps).
    """

    number: int
    title: str
    seconds: float
    budget: float | None
    previous: float | None
    median: float | None
    visits: int
    steps: tuple[float, ...]

    @property
    def delta(self) -> float | None:
        """Seconds over (positive) or under (negative) the budget."""
        return None if self.budget is None else self.seconds - self.budget


class Report(NamedTuple):
    """One rehearsal, slide by slide, compared with the plan and earlier runs.

    Attributes:
        rehearsal: The rehearsal.
        rows: One row per slide of the deck as rehearsed.
        target: The deck's ``duration:`` (or the sum of budgets), or None.
        previous: The previous complete rehearsal, or None.
        median_total: Median total of the earlier complete rehearsals.
        earlier: How many earlier complete rehearsals there are (ended
            normally, every slide shown).
    """

    rehearsal: Rehearsal
    rows: tuple[SlideRow, ...]
    target: float | None
    previous: Rehearsal | None
    median_total: float | None
    earlier: int

    @property
    def total(self) -> float:
        """Seconds recorded over all slides."""
        return sum(row.seconds for row in self.rows)

    @property
    def complete(self) -> bool:
        """False when the rehearsal was interrupted or never showed some slides."""
        return self.rehearsal.complete

    @property
    def skipped(self) -> tuple[int, ...]:
        """1-based numbers of the slides never shown in this rehearsal."""
        return self.rehearsal.skipped


def _per_slide(slides: Sequence[SlideInfo], timings: Sequence[Timing]) -> dict[int, float]:
    seconds = {info.number: 0.0 for info in slides}
    for timing in timings:
        seconds[timing.number] = seconds.get(timing.number, 0.0) + timing.seconds
    return seconds


def _matcher(
    now: Sequence[SlideInfo], then: Sequence[SlideInfo]
) -> Callable[[SlideInfo], int | None]:
    """Finds a slide of an earlier run: by title when titles are unique, else by number."""
    titles_then = [info.title for info in then]
    unique = len(set(titles_then)) == len(titles_then) and len({i.title for i in now}) == len(now)
    by_title = {info.title: info.number for info in then}
    numbers = {info.number for info in then}

    def match(info: SlideInfo) -> int | None:
        if unique and info.title in by_title:
            return by_title[info.title]
        return info.number if info.number in numbers and not unique else None

    return match


def build_report(store: RehearsalStore, rehearsal_id: int) -> Report | None:
    """Gather one rehearsal and the earlier complete ones of its deck.

    Args:
        store: The rehearsal store.
        rehearsal_id: Which rehearsal.

    Returns:
        The report, or None when there is no such rehearsal.

    Raises:
        tui.rehearsal.store.StoreError: The store cannot be read.
    """
    rehearsal = store.get(rehearsal_id)
    if rehearsal is None:
        return None
    slides = store.slides(rehearsal.id)
    timings = store.timings(rehearsal.id)
    earlier = [
        each
        for each in store.rehearsals(rehearsal.deck)
        if each.id < rehearsal.id and each.complete
    ]
    history: list[dict[int, float | None]] = []
    for each in earlier:
        then_slides = store.slides(each.id)
        then = _per_slide(then_slides, store.timings(each.id))
        match = _matcher(slides, then_slides)
        history.append(
            {info.number: then.get(number) if (number := match(info)) else None for info in slides}
        )
    budgets = share_budgets([info.budget for info in slides], rehearsal.duration)
    seconds = _per_slide(slides, timings)
    visits: dict[int, int] = {}
    steps: dict[int, list[float]] = {
        info.number: [0.0] * (info.steps + 1) for info in slides if info.steps
    }
    for timing in timings:
        visits[timing.number] = visits.get(timing.number, 0) + timing.visits
        if timing.number in steps and timing.step < len(steps[timing.number]):
            steps[timing.number][timing.step] += timing.seconds
    rows = []
    for index, info in enumerate(slides):
        earlier_values = [value for run in history if (value := run.get(info.number)) is not None]
        rows.append(
            SlideRow(
                number=info.number,
                title=info.title,
                seconds=seconds.get(info.number, 0.0),
                budget=budgets[index] if budgets is not None else None,
                previous=history[-1].get(info.number) if history else None,
                median=statistics.median(earlier_values) if earlier_values else None,
                visits=visits.get(info.number, 0),
                steps=tuple(steps.get(info.number, ())),
            )
        )
    target = rehearsal.duration
    if target is None and budgets is not None:
        target = sum(budgets)
    return Report(
        rehearsal=rehearsal,
        rows=tuple(rows),
        target=target,
        previous=earlier[-1] if earlier else None,
        median_total=statistics.median(each.total for each in earlier) if earlier else None,
        earlier=len(earlier),
    )
