"""What exports say, in words, the same in every format. Imports no Textual.

The deck's cover line, a poll's summary line and a slide's planned and
rehearsed times; the text returned is plain (each format escapes it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from tui.deck.model import Deck
from tui.export.sources import PollRecord, SlideTime, Sources
from tui.notes import hard_line_breaks
from tui.pacing import format_seconds
from tui.polls.model import PollResults


def when(seconds: float) -> str:
    """Unix time as local ``YYYY-MM-DD HH:MM``."""
    return datetime.fromtimestamp(seconds).strftime("%Y-%m-%d %H:%M")


def cover_lines(deck: Deck) -> list[str]:
    """Author, event and date of a deck, those it has, one per line."""
    return [line for line in (deck.author, deck.event, deck.date) if line.strip()]


@dataclass(frozen=True)
class PollRow:
    """One option as a chart shows it.

    Attributes:
        label: The option's text.
        votes: Its votes.
        percent: Whole percent of voters (as every view shows it).
    """

    label: str
    votes: int
    percent: int


def poll_rows(results: PollResults) -> list[PollRow]:
    """The chart's rows, one per option, in the deck's order."""
    shown = results.percentages()
    return [
        PollRow(label, results.counts[index], shown[index])
        for index, label in enumerate(results.poll.options)
    ]


def poll_summary(record: PollRecord) -> str:
    """``12 voters · one choice · closed (last vote 2026-12-04 11:05)``."""
    results = record.results
    voters = f"{results.voters} {'voter' if results.voters == 1 else 'voters'}"
    kind = "several choices" if results.poll.multiple else "one choice"
    state = "closed" if results.closed else "open"
    if record.last_vote is not None:
        state += f" (last vote {when(record.last_vote)})"
    total = sum(results.counts)
    votes = f"{total} {'vote' if total == 1 else 'votes'}"
    return f"{voters} · {votes} · {kind} · {state}"


def slide_time(sources: Sources, index: int) -> str:
    """``planned 1:30 · rehearsed 1:42``, or "" for a deck never rehearsed.

    Args:
        sources: What the stores say.
        index: 0-based slide.
    """
    if index >= len(sources.times):
        return ""
    time: SlideTime = sources.times[index]
    parts = []
    if time.planned is not None:
        parts.append(f"planned {format_seconds(time.planned)}")
    parts.append(
        "rehearsed " + (format_seconds(time.rehearsed) if time.rehearsed is not None else "–")
    )
    return " · ".join(parts)


def export_note(sources: Sources) -> str:
    """Where the figures come from, for the cover of a handout."""
    parts = [f"Exported {when(datetime.now().timestamp())}"]
    if sources.store is not None:
        parts.append(f"votes from {sources.store}")
    if sources.rehearsed_at is not None:
        parts.append(f"times from the rehearsal of {when(sources.rehearsed_at)}")
    return " · ".join(parts)


notes_markdown = hard_line_breaks
"""Speaker notes with the author's line breaks kept, as the notes pane shows them."""
