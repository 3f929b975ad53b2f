"""What the stores say about a deck, read once for an export: poll results
and rehearsal times. Imports no Textual; reads the stores through their own
modules, read-only (an export never creates, sets up or changes a store).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.deck.model import Deck
    from tui.polls.model import PollResults


@dataclass(frozen=True)
class PollRecord:
    """A poll's stored results, as an export shows them.

    Attributes:
        results: The totals (counts, voters, closed).
        last_vote: Unix time of the last counted vote, or None.
    """

    results: PollResults
    last_vote: float | None


@dataclass(frozen=True)
class SlideTime:
    """Planned and rehearsed seconds of one slide.

    Attributes:
        planned: The slide's budget (``time:``, or its share of
            ``duration:``), or None.
        rehearsed: Seconds on screen in the latest rehearsal, or None.
    """

    planned: float | None
    rehearsed: float | None


@dataclass(frozen=True)
class Sources:
    """Everything an export reads besides the deck.

    Attributes:
        polls: Stored results by poll id; empty without a store.
        store: The vote store read, or None.
        times: Planned and rehearsed time per slide (index 0 = slide 1);
            empty when the deck was never rehearsed.
        rehearsed_at: Unix time the latest rehearsal started, or None.
    """

    polls: dict[str, PollRecord] = field(default_factory=dict)
    store: Path | None = None
    times: tuple[SlideTime, ...] = ()
    rehearsed_at: float | None = None


class SourceError(Exception):
    """A store exists but cannot be read; the message says which and why."""


def read_sources(deck: Deck, store: str | None, *, rehearsals: bool) -> Sources:
    """Read the poll results and (for handouts) the rehearsal times.

    Args:
        deck: The deck.
        store: ``--store PATH``, or None for the deck's own vote store.
        rehearsals: Whether to read the rehearsal store too.

    Raises:
        SourceError: ``--store`` names no readable store, or a store is damaged.
    """
    polls, path = _poll_records(deck, store)
    times: tuple[SlideTime, ...] = ()
    started = None
    if rehearsals:
        times, started = _times(deck)
    return Sources(polls=polls, store=path, times=times, rehearsed_at=started)


def _poll_records(deck: Deck, store: str | None) -> tuple[dict[str, PollRecord], Path | None]:
    if not deck.polls and not store:
        return {}, None
    from tui.polls.model import Status
    from tui.polls.store import StoreError, VoteStore, store_path_for_deck

    path = Path(store).expanduser() if store else store_path_for_deck(deck.source)
    if not store and not path.exists():
        return {}, None
    records: dict[str, PollRecord] = {}
    try:
        with VoteStore.open(path, read_only=True) as votes:
            for poll in deck.polls:
                results = votes.results(poll)
                cast = [
                    record.cast_at
                    for record in votes.records(poll)
                    if record.status is Status.COUNTED
                ]
                records[poll.id] = PollRecord(results, max(cast) if cast else None)
    except StoreError as error:
        if error.empty:
            return {}, path
        raise SourceError(f"podium export: {error}") from None
    return records, path


def _times(deck: Deck) -> tuple[tuple[SlideTime, ...], float | None]:
    """The latest rehearsal's time per slide, beside each slide's budget."""
    from tui.notes import slide_label
    from tui.pace_plan import share_budgets
    from tui.rehearsal.report import build_report
    from tui.rehearsal.store import RehearsalStore, StoreError

    try:
        store = RehearsalStore.open_read_only()
    except StoreError as error:
        raise SourceError(f"podium export: {error}") from None
    if store is None:
        return (), None
    try:
        runs = store.rehearsals(deck.source)
        report = build_report(store, runs[-1].id) if runs else None
    except StoreError as error:
        raise SourceError(f"podium export: {error}") from None
    finally:
        store.close()
    if report is None:
        return (), None
    budgets = share_budgets([slide.time for slide in deck.slides], deck.duration)
    by_title = {row.title: row.seconds for row in report.rows}
    by_number = {row.number: row for row in report.rows}
    times = []
    for number, slide in enumerate(deck.slides, start=1):
        row = by_number.get(number)
        label = slide_label(slide)
        if row is not None and row.title == label:
            rehearsed: float | None = row.seconds
        else:
            rehearsed = by_title.get(label)
        planned = budgets[number - 1] if budgets is not None else None
        times.append(SlideTime(planned, rehearsed))
    return tuple(times), report.rehearsal.started
