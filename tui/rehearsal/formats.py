"""The rehearsal report as text: a table, CSV or JSON, and the history list.

:func:`format_table`, :func:`format_csv` and :func:`format_json` format a
:class:`~tui.rehearsal.report.Report`; :func:`format_history` lists the
rehearsals of a deck. Times in CSV and JSON are ISO 8601 with the UTC offset.
Pure; imports no Textual.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from rich.cells import cell_len, set_cell_size

from tui.pacing import format_seconds
from tui.rehearsal.report import TITLE_WIDTH, Local, Report
from tui.rehearsal.store import Rehearsal
from tui.safe_text import one_line

# -- text ----------------------------------------------------------------------


def _time(seconds: float | None) -> str:
    return "—" if seconds is None else format_seconds(round(seconds))


def _difference(seconds: float, budget: float | None) -> float | None:
    """``seconds - budget`` in whole seconds, so the columns add up as shown."""
    return None if budget is None else round(seconds) - round(budget)


def _signed(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    if abs(seconds) < 1:
        return "0:00"
    return ("+" if seconds > 0 else "-") + format_seconds(abs(seconds))


def _fit(text: str, width: int) -> str:
    # A cell holds one line: a newline shows as ␤ and a tab as a space, as in the overview.
    text = one_line(text)
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…"
    return set_cell_size(text, width)


def _when(seconds: float, local: Local) -> str:
    return local(seconds).strftime("%Y-%m-%d %H:%M")


def local_time(seconds: float) -> datetime:
    """Unix time as an aware date and time in the local time zone."""
    return datetime.fromtimestamp(seconds).astimezone()


def iso_time(seconds: float, local: Local = local_time) -> str:
    """Unix time as ISO 8601 with its UTC offset, e.g. ``2012-09-19T14:00:00+02:00``.

    Every timestamp Podium exports carries its offset, so a file read on
    another machine or after a change of time zone still means one instant.
    A naive result of ``local`` is taken as local time.
    """
    when = local(seconds)
    if when.tzinfo is None:
        when = when.astimezone()
    return when.isoformat(timespec="seconds")


def slide_ranges(numbers: Sequence[int]) -> str:
    """Slide numbers for people: ``2, 5–7, 9`` (runs joined with an en dash)."""
    parts: list[str] = []
    run: list[int] = []
    for number in sorted(numbers):
        if run and number == run[-1] + 1:
            run.append(number)
            continue
        if run:
            parts.append(str(run[0]) if len(run) == 1 else f"{run[0]}–{run[-1]}")
        run = [number]
    if run:
        parts.append(str(run[0]) if len(run) == 1 else f"{run[0]}–{run[-1]}")
    return ", ".join(parts)


def _never_shown(skipped: Sequence[int]) -> str:
    noun = "slide" if len(skipped) == 1 else "slides"
    verb = "was" if len(skipped) == 1 else "were"
    return f"{noun} {slide_ranges(skipped)} {verb} never shown"


def status_text(rehearsal: Rehearsal) -> str:
    """How a rehearsal went, in words: complete, interrupted, or which slides it skipped."""
    if rehearsal.ended is None:
        status = "interrupted: timings up to the interruption"
        return status + (f"; {_never_shown(rehearsal.skipped)}" if rehearsal.skipped else "")
    if rehearsal.skipped:
        return f"not complete: {_never_shown(rehearsal.skipped)}"
    return "complete"


def format_table(report: Report, *, local: Local = local_time) -> str:
    """The report as a table for the terminal.

    Args:
        report: From :func:`build_report`.
        local: Unix time to local date and time.

    Returns:
        Lines of text ending in a newline: a heading, one row per slide (and
        per reveal step), the total and a comparison with earlier runs.
    """
    rehearsal = report.rehearsal
    status = status_text(rehearsal)
    lines = [
        one_line(f"Rehearsal {rehearsal.id} · {rehearsal.title or Path(rehearsal.deck).name}"),
        one_line(f"{Path(rehearsal.deck).name} · {_when(rehearsal.started, local)} · {status}"),
        "",
        f"{'#':>3}  {_fit('Slide', TITLE_WIDTH)}  {'Time':>6}  {'Budget':>6}  {'+/-':>6}"
        f"  {'Prev':>6}  {'Median':>6}",
    ]
    for row in report.rows:
        lines.append(
            f"{row.number:>3}  {_fit(row.title, TITLE_WIDTH)}  {_time(row.seconds):>6}"
            f"  {_time(row.budget):>6}  {_signed(_difference(row.seconds, row.budget)):>6}"
            f"  {_time(row.previous):>6}  {_time(row.median):>6}"
        )
        for step, seconds in enumerate(row.steps):
            label = "  before the first item" if step == 0 else f"  step {step}"
            lines.append(f"{'':>3}  {_fit(label, TITLE_WIDTH)}  {_time(seconds):>6}")
    total = report.total
    target = report.target
    delta = _difference(total, target)
    previous_total = report.previous.total if report.previous else None
    lines.append(
        f"{'':>3}  {_fit('Total', TITLE_WIDTH)}  {_time(total):>6}  {_time(target):>6}  "
        f"{_signed(delta):>6}  {_time(previous_total):>6}  {_time(report.median_total):>6}"
    )
    lines.append("")
    summary = f"Total {_time(total)}"
    if target is not None and delta is not None:
        if abs(delta) < 1:
            summary += f", exactly the target of {_time(target)}"
        else:
            word = "over" if delta > 0 else "under"
            summary += f", {format_seconds(abs(delta))} {word} the target of {_time(target)}"
    lines.append(summary + ".")
    if not rehearsal.complete:
        # Its total lacks the slides never shown: against a whole run it reads as quick.
        lines.append("Total not compared with earlier rehearsals: this one is not complete.")
    elif report.previous is not None and previous_total is not None:
        change = round(total) - round(previous_total)
        if abs(change) < 1:
            than = "this one the same"
        else:
            than = f"this one {format_seconds(abs(change))} {'longer' if change > 0 else 'shorter'}"
        comparison = (
            f"Previous rehearsal ({report.previous.id}, {_when(report.previous.started, local)}): "
            f"{_time(previous_total)}, {than}"
        )
        if report.median_total is not None:
            comparison += f"; median of {report.earlier} earlier: {_time(report.median_total)}"
        lines.append(comparison + ".")
    else:
        lines.append("No earlier complete rehearsal of this deck to compare with.")
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _number(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def report_data(report: Report, *, local: Local = local_time) -> dict[str, object]:
    """The report as plain data (what :func:`format_json` writes).

    Times are ISO 8601 with their UTC offset; ``complete`` is false when the
    rehearsal was interrupted or ``never_shown`` lists slides.
    """
    rehearsal = report.rehearsal
    total = report.total
    return {
        "rehearsal": {
            "id": rehearsal.id,
            "deck": rehearsal.deck,
            "title": rehearsal.title,
            "started": iso_time(rehearsal.started, local),
            "ended": None if rehearsal.ended is None else iso_time(rehearsal.ended, local),
            "complete": report.complete,
            "never_shown": list(report.skipped),
        },
        "slides": [
            {
                "number": row.number,
                "title": row.title,
                "seconds": _number(row.seconds),
                "budget": _number(row.budget),
                "delta": _number(row.delta),
                "previous": _number(row.previous),
                "median": _number(row.median),
                "visits": row.visits,
                "steps": [_number(seconds) for seconds in row.steps],
            }
            for row in report.rows
        ],
        "total": {
            "seconds": _number(total),
            "target": _number(report.target),
            "delta": _number(None if report.target is None else total - report.target),
            "previous": _number(report.previous.total if report.previous else None),
            "median": _number(report.median_total),
            "earlier": report.earlier,
        },
    }


def format_json(report: Report, *, local: Local = local_time) -> str:
    """The report as JSON (seconds rounded to tenths)."""
    return json.dumps(report_data(report, local=local), ensure_ascii=False, indent=2) + "\n"


CSV_COLUMNS = (
    "rehearsal",
    "slide",
    "step",
    "title",
    "seconds",
    "budget",
    "delta",
    "previous",
    "median",
    "visits",
)


def format_csv(report: Report) -> str:
    """The report as CSV: one row per slide, per reveal step, and the total.

    Step rows have a ``step`` number and only ``seconds``; the total row has
    ``slide`` set to ``total``.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    rid = report.rehearsal.id

    def cell(value: float | None) -> str:
        return "" if value is None else f"{value:.1f}"

    for row in report.rows:
        writer.writerow(
            [
                rid,
                row.number,
                "",
                row.title,
                cell(row.seconds),
                cell(row.budget),
                cell(row.delta),
                cell(row.previous),
                cell(row.median),
                row.visits,
            ]
        )
        for step, seconds in enumerate(row.steps):
            writer.writerow([rid, row.number, step, "", cell(seconds), "", "", "", "", ""])
    total = report.total
    writer.writerow(
        [
            rid,
            "total",
            "",
            "",
            cell(total),
            cell(report.target),
            cell(None if report.target is None else total - report.target),
            cell(report.previous.total if report.previous else None),
            cell(report.median_total),
            "",
        ]
    )
    return out.getvalue()


# -- history ---------------------------------------------------------------------


def format_history(rehearsals: Sequence[Rehearsal], fmt: str, *, local: Local = local_time) -> str:
    """The list of a deck's rehearsals.

    Args:
        rehearsals: Oldest first.
        fmt: ``table``, ``csv`` or ``json``.
        local: Unix time to local date and time.

    Returns:
        The text, ending in a newline.
    """
    if fmt == "json":
        data = [
            {
                "id": each.id,
                "started": iso_time(each.started, local),
                "ended": None if each.ended is None else iso_time(each.ended, local),
                "seconds": _number(each.total),
                "target": _number(each.duration),
                "complete": each.complete,
                "never_shown": list(each.skipped),
            }
            for each in rehearsals
        ]
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(("id", "started", "ended", "seconds", "target", "complete", "never_shown"))
        for each in rehearsals:
            writer.writerow(
                (
                    each.id,
                    iso_time(each.started, local),
                    "" if each.ended is None else iso_time(each.ended, local),
                    f"{each.total:.1f}",
                    "" if each.duration is None else f"{each.duration:.1f}",
                    "yes" if each.complete else "no",
                    " ".join(str(number) for number in each.skipped),
                )
            )
        return out.getvalue()
    if not rehearsals:
        return "No rehearsals of this deck yet: run  podium rehearse DECK\n"
    lines = [f"{'#':>4}  {'Started':<16}  {'Total':>6}  {'Target':>6}  {'+/-':>6}  Status"]
    for each in rehearsals:
        delta = None if each.duration is None else each.total - each.duration
        if each.ended is None:
            status = "interrupted"
        elif each.skipped:
            status = f"not complete: {_never_shown(each.skipped)}"
        else:
            status = "complete"
        lines.append(
            f"{each.id:>4}  {_when(each.started, local):<16}  {_time(each.total):>6}  "
            f"{_time(each.duration):>6}  {_signed(delta):>6}  {status}"
        )
    return "\n".join(lines) + "\n"
