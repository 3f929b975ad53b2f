"""Reading the vote store: results, vote records, known polls, and the counting.

One part of :class:`~tui.polls.store.VoteStore` (see :mod:`tui.polls.store`
for the whole map), with the row helpers its other parts share. Every read is
one snapshot. Counting is here and only here: a stored vote counts for the
option with its id (a vote from schema 1, which has none, for the option with
its text); any other vote is orphaned, reported and never counted.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import msgspec

from tui.deck.model import Poll
from tui.polls.model import Orphan, PollResults, Status, VoteRecord
from tui.polls.store_core import StoreCore

if TYPE_CHECKING:
    import sqlite3


class Queries(StoreCore):
    """The read queries of :class:`~tui.polls.store.VoteStore`.

    :meth:`results`, :meth:`records` and :meth:`known_polls`.
    """

    def results(self, poll: Poll) -> PollResults:
        """Votes per option of ``poll``, as the deck defines it now.

        A stored vote counts for the option with its id; a vote from
        schema 1 (no id) counts for the option with its text. Any other
        vote is orphaned: reported, never counted.

        Args:
            poll: The poll.

        Returns:
            The counts, distinct voters, orphans and closed flag, read in
            one snapshot.

        Raises:
            StoreError: The store could not be read.
        """

        def read(db: sqlite3.Connection) -> PollResults:
            rows = db.execute(
                "SELECT voter, option_id, label FROM votes WHERE poll_id = ?", (poll.id,)
            ).fetchall()
            return _tally(poll, rows, _closed(db, poll.id))

        return self._read(read)

    def records(self, poll: Poll) -> list[VoteRecord]:
        """Every stored choice of a poll, cleared ones included, oldest first.

        Args:
            poll: The poll (its options decide what counts and what is orphaned).

        Returns:
            One record per chosen option per voter.

        Raises:
            StoreError: The store could not be read.
        """

        def read(db: sqlite3.Connection) -> tuple[list[tuple], list[tuple]]:
            current = db.execute(
                "SELECT voter, option_id, label, cast_at FROM votes WHERE poll_id = ? ORDER BY id",
                (poll.id,),
            ).fetchall()
            cleared = db.execute(
                "SELECT voter, option_id, label, cast_at, cleared_at FROM cleared_votes"
                " WHERE poll_id = ? ORDER BY id",
                (poll.id,),
            ).fetchall()
            return current, cleared

        current, cleared = self._read(read)
        records = [
            VoteRecord(
                poll.id,
                voter,
                option_id,
                label,
                cast_at,
                Status.COUNTED
                if _option_index(poll, option_id, label) is not None
                else Status.ORPHANED,
            )
            for voter, option_id, label, cast_at in current
        ]
        records += [
            VoteRecord(poll.id, voter, option_id, label, cast_at, Status.CLEARED, cleared_at)
            for voter, option_id, label, cast_at, cleared_at in cleared
        ]
        records.sort(key=lambda record: (record.cast_at, record.voter))
        return records

    def known_polls(self) -> list[Poll]:
        """Polls as last presented from this store, in the order first shown.

        Returns:
            The published definitions; a poll that has votes but was never
            published (votes from schema 1) gets one built from its votes.

        Raises:
            StoreError: The store could not be read.
        """

        def read(db: sqlite3.Connection) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
            specs = db.execute("SELECT poll_id, spec FROM polls ORDER BY rowid").fetchall()
            labels = db.execute(
                "SELECT poll_id, label FROM ("
                " SELECT poll_id, label, id FROM votes"
                " UNION ALL SELECT poll_id, label, id FROM cleared_votes)"
                " GROUP BY poll_id, label ORDER BY MIN(id)"
            ).fetchall()
            return specs, labels

        specs, labels = self._read(read)
        polls: dict[str, Poll] = {}
        for poll_id, spec in specs:
            decoded = _decode_spec(spec)
            if decoded is not None:
                polls[poll_id] = decoded
        unpublished: dict[str, list[str]] = {}
        for poll_id, label in labels:
            if poll_id not in polls:
                unpublished.setdefault(poll_id, []).append(label)
        for poll_id, texts in unpublished.items():
            polls[poll_id] = Poll(id=poll_id, question=poll_id, options=tuple(texts))
        return list(polls.values())


def _closed(db: sqlite3.Connection, poll_id: str) -> bool:
    row = db.execute("SELECT closed FROM poll_state WHERE poll_id = ?", (poll_id,)).fetchone()
    return bool(row and row[0])


def _decode_spec(spec: str) -> Poll | None:
    try:
        return msgspec.json.decode(spec, type=Poll)
    except msgspec.DecodeError:
        return None


def _read_spec(db: sqlite3.Connection, poll_id: str) -> Poll | None:
    row = db.execute("SELECT spec FROM polls WHERE poll_id = ?", (poll_id,)).fetchone()
    return _decode_spec(row[0]) if row else None


def _option_index(poll: Poll, option_id: str | None, label: str) -> int | None:
    """Which option a stored vote counts for, or None when it is orphaned."""
    if option_id is not None:
        ids = poll.ids
        return ids.index(option_id) if option_id in ids else None
    return poll.options.index(label) if label in poll.options else None


def _tally(poll: Poll, rows: Sequence[tuple[str, str | None, str]], closed: bool) -> PollResults:
    """Count ``(voter, option_id, label)`` rows against the poll's options."""
    counts = [0] * len(poll.options)
    voters: set[str] = set()
    orphans: dict[tuple[str | None, str], int] = {}
    for voter, option_id, label in rows:
        index = _option_index(poll, option_id, label)
        if index is None:
            orphans[(option_id, label)] = orphans.get((option_id, label), 0) + 1
        else:
            counts[index] += 1
            voters.add(voter)
    return PollResults(
        poll,
        tuple(counts),
        len(voters),
        tuple(Orphan(option_id, label, n) for (option_id, label), n in orphans.items()),
        closed,
    )
