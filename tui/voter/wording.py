"""What the voter's view says: pure functions, so the wording lives in one place.

Imports no Textual; :class:`tui.voter.app.VoterApp` shows what these return.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from tui.deck.model import Poll


def waiting(started: bool) -> tuple[str, str]:
    """The headline and help line while no poll is on the presenter's screen.

    Args:
        started: Whether a presentation is running (else none was found yet).

    Returns:
        ``(headline, help line)``.
    """
    if not started:
        return (
            "Waiting for the presentation to start…",
            "This screen shows each poll as soon as the presenter reaches it. Press q to leave.",
        )
    return (
        "Waiting for the next poll…",
        "The presenter is on another slide; the next poll appears here by itself.",
    )


def how_to_vote(poll: Poll, closed: bool) -> str:
    """The help line under a poll's question."""
    if closed:
        return "This poll is closed: no more votes."
    if poll.multiple:
        return (
            "Choose one or more: press their numbers (or ↑↓ and Space), then Enter to send."
            " You can change your vote while the poll is open."
        )
    return (
        "Press the number of your choice (or ↑↓ and Enter)."
        " You can change your vote while the poll is open."
    )


def status(
    poll: Poll, chosen: Sequence[int], cast_at: float | None, closed: bool, marked: bool
) -> str:
    """The status line: the vote saved, or what is still to do.

    Args:
        poll: The poll on screen.
        chosen: Indexes of the options of the voter's saved vote.
        cast_at: Unix time the vote was saved, when there is one.
        closed: The poll is closed.
        marked: Options are marked but not sent (multiple choice).
    """
    if chosen and cast_at is not None:
        labels = ", ".join(poll.options[index] for index in chosen)
        return f"✓ Your vote: {labels} (saved {datetime.fromtimestamp(cast_at):%H:%M:%S})"
    if closed:
        return "You did not vote on this poll."
    if poll.multiple and marked:
        return "Marked, not sent yet: press Enter to send."
    return ""


def too_small(width: int, height: int, min_width: int, min_height: int) -> str:
    """The message shown instead of the poll when the terminal is too small (cells)."""
    return (
        f"Podium needs a terminal of at least {min_width}x{min_height} cells; "
        f"this one is {width}x{height}. Enlarge it to continue."
    )
