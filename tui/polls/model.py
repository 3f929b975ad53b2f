"""What the vote store hands out: results, ballots, the stage. Plain data.

Imports neither Textual nor SQLite: the presenter, the voter and the
``podium results`` command all read these. Frozen msgspec structs (like the
deck model's; :func:`msgspec.structs.replace` changes a field): a dataclass
takes about a millisecond to define, a struct a twentieth of that.
"""

from __future__ import annotations

from enum import Enum

import msgspec

from tui.deck.model import Poll
from tui.polls.percent import percentages


class VoteRefused(Exception):
    """The poll's state does not allow this vote (closed, off screen, changed).

    The message is one sentence for the voter, e.g. ``the poll “...” is closed``.
    """


class Status(str, Enum):
    """How a stored vote counts towards a poll's results."""

    COUNTED = "counted"
    """For an option the poll has."""
    ORPHANED = "orphaned"
    """For an option the deck no longer has (renamed or removed); not counted."""
    CLEARED = "cleared"
    """Cleared by a reset, kept as a backup; not counted."""


class Orphan(msgspec.Struct, frozen=True):
    """Votes for an option the deck no longer has.

    Attributes:
        option_id: The option's stored id (None for votes from schema 1,
            which stored only the text).
        label: The option's text when the votes were cast.
        votes: How many votes it has.
    """

    option_id: str | None
    label: str
    votes: int


class PollResults(msgspec.Struct, frozen=True):
    """A poll's counts, as shown on the presenter's screen.

    Attributes:
        poll: The poll, as the deck defines it now.
        counts: Votes per option, parallel to ``poll.options``.
        voters: Distinct voters with at least one counted vote. Percentages
            are of this number, so with ``multiple: true`` they may add up
            to more than 100 %.
        orphaned: Votes for options no longer in the poll; not counted.
        closed: Whether the poll is closed to new votes.
        how_to_vote: The command the audience types to vote, or None when
            votes are only counted on the presenter's keys.
    """

    poll: Poll
    counts: tuple[int, ...]
    voters: int = 0
    orphaned: tuple[Orphan, ...] = ()
    closed: bool = False
    how_to_vote: str | None = None

    @classmethod
    def empty(cls, poll: Poll) -> PollResults:
        """Results of a poll nobody has voted on."""
        return cls(poll, (0,) * len(poll.options))

    def share(self, index: int) -> float:
        """Fraction (0-1) of voters who chose option ``index`` (0-based)."""
        return self.counts[index] / self.voters if self.voters else 0.0

    def percentages(self) -> tuple[int, ...]:
        """Whole percentages of voters per option, as every view shows them.

        See :func:`tui.polls.percent.percentages` for the rounding rule:
        equal counts show equal percentages, so a single-choice poll's
        figures need not add up to exactly 100.
        """
        return percentages(self.counts, self.voters)

    def by_text(self) -> dict[str, int]:
        """Votes per option text, in deck order."""
        return dict(zip(self.poll.options, self.counts, strict=True))

    @property
    def orphaned_votes(self) -> int:
        """How many stored votes are not counted because their option is gone."""
        return sum(orphan.votes for orphan in self.orphaned)


class Ballot(msgspec.Struct, frozen=True):
    """One voter's current vote on one poll.

    Attributes:
        poll_id: The poll.
        voter: Who voted.
        option_ids: The chosen options' ids, in deck order (one unless the
            poll allows several).
        cast_at: When it was stored, Unix time in seconds.
    """

    poll_id: str
    voter: str
    option_ids: tuple[str, ...]
    cast_at: float


class Stage(msgspec.Struct, frozen=True):
    """What the presenter's screen shows now, as the audience needs to know it.

    Attributes:
        poll: The poll on the presenter's screen, or None.
        closed: Whether that poll is closed to new votes.
        revealed: Whether its results are on the presenter's screen.
        presenter_pid: Process id of the presenter, or None when no
            presenter has the store open.
        presenter_host: Host name of the presenter's machine.
        changed_at: When the stage last changed, Unix time in seconds.
    """

    poll: Poll | None = None
    closed: bool = False
    revealed: bool = False
    presenter_pid: int | None = None
    presenter_host: str | None = None
    changed_at: float = 0.0


class VoteRecord(msgspec.Struct, frozen=True):
    """One stored choice, for the results export.

    Attributes:
        poll_id: The poll.
        voter: Who voted (``hand:...`` for votes counted on the presenter's keys).
        option_id: The option's id (None for votes from schema 1).
        label: The option's text when the vote was cast.
        cast_at: When it was cast, Unix time in seconds.
        status: Whether it counts, is orphaned, or was cleared by a reset.
        cleared_at: When a reset cleared it (Unix seconds), else None.
    """

    poll_id: str
    voter: str
    option_id: str | None
    label: str
    cast_at: float
    status: Status
    cleared_at: float | None = None
