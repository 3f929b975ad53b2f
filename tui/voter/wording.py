"""What the voter's view says: pure functions, so the wording lives in one place.

Imports no Textual; :class:`tui.voter.app.VoterApp` shows what these return.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from tui.deck.model import Poll
from tui.i18n import Words, english


def waiting(started: bool, words: Words | None = None) -> tuple[str, str]:
    """The headline and help line while no poll is on the presenter's screen.

    Args:
        started: Whether a presentation is running (else none was found yet).
        words: The talk's language (English when None).

    Returns:
        ``(headline, help line)``.
    """
    words = words or english()
    if not started:
        return words("voter.waiting_start"), words("voter.waiting_start_help")
    return words("voter.waiting_next"), words("voter.waiting_next_help")


def how_to_vote(poll: Poll, closed: bool, words: Words | None = None) -> str:
    """The help line under a poll's question (in ``words``' language, English when None)."""
    words = words or english()
    if closed:
        return words("voter.closed_help")
    return words("voter.how_multiple" if poll.multiple else "voter.how_single")


def status(
    poll: Poll,
    chosen: Sequence[int],
    cast_at: float | None,
    closed: bool,
    marked: bool,
    words: Words | None = None,
) -> str:
    """The status line: the vote saved, or what is still to do.

    Args:
        poll: The poll on screen.
        chosen: Indexes of the options of the voter's saved vote.
        cast_at: Unix time the vote was saved, when there is one.
        closed: The poll is closed.
        marked: Options are marked but not sent (multiple choice).
        words: The talk's language (English when None).
    """
    words = words or english()
    if chosen and cast_at is not None:
        labels = ", ".join(poll.options[index] for index in chosen)
        saved = f"{datetime.fromtimestamp(cast_at):%H:%M:%S}"
        return words("voter.your_vote", options=labels, time=saved)
    if closed:
        return words("voter.did_not_vote")
    if poll.multiple and marked:
        return words("voter.marked_not_sent")
    return ""


def too_small(
    width: int, height: int, min_width: int, min_height: int, words: Words | None = None
) -> str:
    """The message shown instead of the poll when the terminal is too small (cells)."""
    return (words or english())(
        "screen.too_small", width=width, height=height, min_width=min_width, min_height=min_height
    )
