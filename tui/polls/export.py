"""Poll results as a table, CSV or JSON, for ``podium results``. Imports no Textual.

Every format holds the same two things: the totals per poll and option
(orphaned options included, marked as such), and every individual vote with
its time (votes cleared by a reset included, marked as such).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tui.deck.model import Poll
from tui.polls.model import PollResults, Status, VoteRecord
from tui.polls.store import is_hand_vote
from tui.polls.voters import WEB_PREFIX
from tui.safe_text import json_text, one_line, spreadsheet_cell

FORMATS = ("table", "csv", "json")
"""Output formats of ``podium results``."""

CSV_FIELDS = (
    "record",
    "poll_id",
    "question",
    "option_id",
    "option",
    "votes",
    "share",
    "percent",
    "voter",
    "cast_at",
    "status",
    "cleared_at",
)
"""Columns of the CSV export: ``record`` is ``total`` or ``vote``; ``share``
is the exact fraction of voters (4 decimals), ``percent`` the whole
percentage every view shows (:func:`tui.polls.percent.percentages`)."""


@dataclass(frozen=True)
class PollReport:
    """Everything exported about one poll.

    Attributes:
        results: Its totals.
        records: Its individual votes, oldest first.
    """

    results: PollResults
    records: Sequence[VoteRecord]

    @property
    def poll(self) -> Poll:
        """The poll."""
        return self.results.poll


def timestamp(seconds: float | None) -> str:
    """ISO 8601 local time with its UTC offset, to the second; "" for None."""
    if seconds is None:
        return ""
    return datetime.fromtimestamp(seconds).astimezone().isoformat(timespec="seconds")


def render(reports: Sequence[PollReport], fmt: str, source: str) -> str:
    """Format the reports.

    Args:
        reports: One per poll, in deck order.
        fmt: One of :data:`FORMATS`.
        source: Where the votes come from (the store file), for the header.

    Returns:
        The text to print, ending with a newline.

    Raises:
        ValueError: ``fmt`` is not a known format.
    """
    if fmt == "table":
        return _table(reports, source)
    if fmt == "csv":
        return _csv(reports)
    if fmt == "json":
        return _json(reports, source)
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def _share(results: PollResults, index: int) -> float:
    return round(results.share(index), 4)


def _csv(reports: Sequence[PollReport]) -> str:
    buffer = io.StringIO()
    writer = _SafeCells(csv.writer(buffer, lineterminator="\n"))
    writer.writerow(CSV_FIELDS)
    for report in reports:
        results, poll = report.results, report.poll
        shown = results.percentages()
        for index, (option_id, text) in enumerate(zip(poll.ids, poll.options, strict=True)):
            writer.writerow(
                [
                    "total",
                    poll.id,
                    poll.question,
                    option_id,
                    text,
                    results.counts[index],
                    _share(results, index),
                    shown[index],
                    "",
                    "",
                    Status.COUNTED.value,
                    "",
                ]
            )
        for orphan in results.orphaned:
            writer.writerow(
                [
                    "total",
                    poll.id,
                    poll.question,
                    orphan.option_id or "",
                    orphan.label,
                    orphan.votes,
                    "",
                    "",
                    "",
                    "",
                    Status.ORPHANED.value,
                    "",
                ]
            )
        for record in report.records:
            writer.writerow(
                [
                    "vote",
                    poll.id,
                    poll.question,
                    record.option_id or "",
                    record.label,
                    "",
                    "",
                    "",
                    record.voter,
                    timestamp(record.cast_at),
                    record.status.value,
                    timestamp(record.cleared_at),
                ]
            )
    return buffer.getvalue()


def _json(reports: Sequence[PollReport], source: str) -> str:
    polls = []
    for report in reports:
        results, poll = report.results, report.poll
        shown = results.percentages()
        polls.append(
            {
                "id": poll.id,
                "question": poll.question,
                "multiple": poll.multiple,
                "closed": results.closed,
                "voters": results.voters,
                "options": [
                    {
                        "id": option_id,
                        "text": text,
                        "votes": results.counts[index],
                        "share": _share(results, index),
                        "percent": shown[index],
                    }
                    for index, (option_id, text) in enumerate(
                        zip(poll.ids, poll.options, strict=True)
                    )
                ],
                "orphaned": [
                    {"id": orphan.option_id, "text": orphan.label, "votes": orphan.votes}
                    for orphan in results.orphaned
                ],
                "votes": [
                    {
                        "voter": record.voter,
                        "option_id": record.option_id,
                        "option": record.label,
                        "cast_at": timestamp(record.cast_at),
                        "status": record.status.value,
                        **(
                            {"cleared_at": timestamp(record.cleared_at)}
                            if record.cleared_at
                            else {}
                        ),
                    }
                    for record in report.records
                ],
            }
        )
    document = {
        "store": source,
        "exported_at": timestamp(datetime.now().timestamp()),
        "polls": polls,
    }
    # json.dumps leaves DEL, C1 controls and U+2028/9 raw: escape them too.
    return json_text(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"


def _table(reports: Sequence[PollReport], source: str) -> str:
    lines = [f"Votes in {one_line(source)}", ""]
    if not reports:
        lines.append("No polls and no votes recorded.")
    for report in reports:
        results, poll = report.results, report.poll
        state = "closed" if results.closed else "open"
        kind = "several choices" if poll.multiple else "one choice"
        voters = f"{results.voters} {'voter' if results.voters == 1 else 'voters'}"
        lines.append(f"{one_line(poll.id)}: {one_line(poll.question)}")
        lines.append(f"  {voters} · {kind} · {state}")
        options = [one_line(text) for text in poll.options]
        width = max([len(text) for text in options] + [len("option")])
        lines.append(f"  {'option'.ljust(width)}  votes  share")
        shown = results.percentages()
        for index, text in enumerate(options):
            lines.append(f"  {text.ljust(width)}  {results.counts[index]:>5}  {shown[index]:>4}%")
        for orphan in results.orphaned:
            lines.append(
                f"  {one_line(orphan.label).ljust(width)}  {orphan.votes:>5}"
                "  not counted: no longer in the deck"
            )
        if report.records:
            lines.append("")
            voter_width = max(len(_voter(record.voter)) for record in report.records)
            lines.append(f"  {'cast at'.ljust(25)}  {'voter'.ljust(voter_width)}  choice")
            for record in report.records:
                note = ""
                if record.status is Status.ORPHANED:
                    note = "  (not counted: option no longer in the deck)"
                elif record.status is Status.CLEARED:
                    note = f"  (cleared by a reset at {timestamp(record.cleared_at)})"
                lines.append(
                    f"  {timestamp(record.cast_at).ljust(25)}  "
                    f"{_voter(record.voter).ljust(voter_width)}  {one_line(record.label)}{note}"
                )
        lines.append("")
    return "\n".join(lines)


def _voter(voter: str) -> str:
    """Voter as shown in the table: hands counted by the presenter are ``(hand)``,
    votes from the phone page (``web:<id>``) ``(phone) <first 8 digits of the id>``.

    A name is shown on one line with its controls made visible, so it can
    neither forge a row nor act on the terminal.
    """
    if is_hand_vote(voter):
        return "(hand)"
    if voter.startswith(WEB_PREFIX):
        return f"(phone) {one_line(voter[len(WEB_PREFIX) : len(WEB_PREFIX) + 8])}"
    return one_line(voter)


class _SafeCells:
    """A ``csv.writer`` whose text cells cannot run as spreadsheet formulas.

    Text goes through :func:`tui.safe_text.spreadsheet_cell` (a leading
    ``'`` before ``= + - @``, tab or CR, as OWASP advises against CSV
    injection; controls made visible, on one line); numbers are written as
    they are.
    """

    def __init__(self, writer: Any) -> None:
        self._writer = writer

    def writerow(self, row: Sequence[object]) -> None:
        """Write one row, text cells made safe."""
        self._writer.writerow(
            [spreadsheet_cell(cell) if isinstance(cell, str) else cell for cell in row]
        )
