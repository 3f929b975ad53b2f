"""Voting in the vote store: a vote, a voter's ballot, undoing a hand vote.

One part of :class:`~tui.polls.store.VoteStore` (see :mod:`tui.polls.store`
for the whole map): each vote's checks and its write are one durable
transaction. Runs no SQLite of its own: the transactions are
:class:`~tui.polls.store_core.StoreCore`'s.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from tui.deck.model import Poll
from tui.polls.model import Ballot, VoteRefused
from tui.polls.store_core import StoreCore
from tui.polls.store_queries import _closed, _read_spec

if TYPE_CHECKING:
    import sqlite3

HAND_PREFIX = "hand:"
"""Voter ids starting with this are anonymous votes keyed in by the presenter."""


def is_hand_vote(voter: str) -> bool:
    """Whether ``voter`` is an anonymous vote keyed in by the presenter."""
    return voter.startswith(HAND_PREFIX)


class Voting(StoreCore):
    """:meth:`vote`, :meth:`ballot` and :meth:`undo_last` of :class:`~tui.polls.store.VoteStore`."""

    def vote(
        self,
        poll: Poll,
        option_ids: Iterable[str],
        voter: str | None = None,
        *,
        audience: bool = False,
    ) -> Ballot:
        """Record a vote; it is committed to disk when this returns.

        A voter has one vote per poll: a new vote from the same voter
        replaces their earlier one (all its options, for a multiple-choice
        poll). The checks below and the write are one transaction, so a
        vote is never stored in a poll that was closed a moment before.

        Args:
            poll: The poll voted on.
            option_ids: Ids of the chosen options (``poll.ids``); exactly one
                unless ``poll.multiple``.
            voter: The audience member's id, or None for an anonymous vote
                keyed in by the presenter (each one counts separately).
            audience: The vote comes from ``podium vote``: refuse it unless
                the poll is on the presenter's screen now with these options.

        Returns:
            The stored ballot.

        Raises:
            ValueError: No option, an unknown option id, several options on
                a single-choice poll, or an empty voter id.
            VoteRefused: The poll is closed; or (``audience``) it is not on
                the presenter's screen, or its options changed.
            StoreError: The vote could not be written.
        """
        ballot, write = self._prepare(poll, option_ids, voter, audience)
        self._write(write)
        return ballot

    def vote_many(
        self, votes: Sequence[tuple[Poll, Iterable[str], str]]
    ) -> list[Ballot | Exception]:
        """Record several audience votes in ONE durable transaction (one disk flush).

        Each vote is checked and written as :meth:`vote` with ``audience``
        does, on its own: a refused vote is left out, the others are kept.
        All of them are committed to disk when this returns. The phone
        page uses it to write a burst of votes with one flush instead of
        one per vote.

        Args:
            votes: ``(poll, option ids, voter id)`` per vote.

        Returns:
            Per vote, in order: the stored ballot, or the ``ValueError`` or
            :class:`VoteRefused` that refused it.

        Raises:
            StoreError: Nothing could be written (no vote is stored).
        """
        outcomes: list[Ballot | Exception] = []
        writes = []
        for poll, option_ids, voter in votes:
            try:
                ballot, write = self._prepare(poll, option_ids, voter, True)
            except ValueError as error:
                outcomes.append(error)
                continue
            outcomes.append(ballot)
            writes.append((len(outcomes) - 1, write))

        def write_all(db: sqlite3.Connection) -> None:
            for index, write in writes:
                db.execute("SAVEPOINT one_vote")
                try:
                    write(db)
                except VoteRefused as refused:
                    db.execute("ROLLBACK TO one_vote")
                    outcomes[index] = refused
                db.execute("RELEASE one_vote")

        if writes:
            self._write(write_all)
        return outcomes

    def _prepare(
        self, poll: Poll, option_ids: Iterable[str], voter: str | None, audience: bool
    ) -> tuple[Ballot, Callable[[sqlite3.Connection], None]]:
        """Check a vote and make the function that writes it (see :meth:`vote`).

        Raises:
            ValueError: As for :meth:`vote`.
        """
        chosen = set(option_ids)
        ids = poll.ids
        unknown = sorted(chosen - set(ids))
        if unknown:
            raise ValueError(f"poll {poll.id!r} has no option {unknown[0]!r}")
        if not chosen:
            raise ValueError("a vote needs at least one option")
        if len(chosen) > 1 and not poll.multiple:
            raise ValueError(f"poll {poll.id!r} takes one option, got {len(chosen)}")
        if voter is None:
            voter = f"{HAND_PREFIX}{uuid.uuid4()}"
        elif not voter.strip():
            raise ValueError("a voter id must not be empty (use None for an anonymous vote)")
        else:
            from tui.polls.voters import voter_name_problem  # deferred: a named voter's vote

            if (problem := voter_name_problem(voter)) is not None:
                raise ValueError(problem)
        choices = tuple(option for option in ids if option in chosen)
        labels = dict(zip(ids, poll.options, strict=True))
        cast_at = time.time()

        def write(db: sqlite3.Connection) -> None:
            if _closed(db, poll.id):
                raise VoteRefused(f"the poll “{poll.question}” is closed")
            if audience:
                row = db.execute("SELECT poll_id, presenter_pid FROM stage WHERE id = 1").fetchone()
                if row is None or row[0] != poll.id or row[1] is None:
                    raise VoteRefused(
                        f"the poll “{poll.question}” is no longer on the presenter's screen"
                    )
                shown = _read_spec(db, poll.id)
                if shown is not None and not chosen <= set(shown.ids):
                    raise VoteRefused(
                        f"the poll “{poll.question}” has changed since it was shown to you;"
                        " look at its options again and vote anew"
                    )
            db.execute("DELETE FROM votes WHERE poll_id = ? AND voter = ?", (poll.id, voter))
            db.executemany(
                "INSERT INTO votes (poll_id, voter, option_id, label, cast_at)"
                " VALUES (?, ?, ?, ?, ?)",
                [(poll.id, voter, option, labels[option], cast_at) for option in choices],
            )

        return Ballot(poll.id, voter, choices, cast_at), write

    def ballot(self, poll_id: str, voter: str) -> Ballot | None:
        """A voter's current vote on a poll.

        Args:
            poll_id: The poll.
            voter: The voter's id.

        Returns:
            The ballot (ids of votes from schema 1 are left out), or None
            when the voter has not voted.

        Raises:
            StoreError: The store could not be read.
        """
        rows = self._read(
            lambda db: db.execute(
                "SELECT option_id, cast_at FROM votes WHERE poll_id = ? AND voter = ? ORDER BY id",
                (poll_id, voter),
            ).fetchall()
        )
        if not rows:
            return None
        return Ballot(poll_id, voter, tuple(row[0] for row in rows if row[0]), float(rows[0][1]))

    def undo_last(self, poll_id: str) -> bool:
        """Remove the newest anonymous (presenter-keyed) vote of a poll.

        Args:
            poll_id: The poll's id.

        Returns:
            True if a vote was removed, False if the poll had none.

        Raises:
            VoteRefused: The poll is closed (checked in the same transaction).
            StoreError: The store could not be written.
        """

        def write(db: sqlite3.Connection) -> int:
            if _closed(db, poll_id):
                raise VoteRefused("the poll is closed")
            return db.execute(
                "DELETE FROM votes WHERE poll_id = ? AND voter = ("
                " SELECT voter FROM votes WHERE poll_id = ? AND voter GLOB ?"
                " ORDER BY id DESC LIMIT 1)",
                (poll_id, poll_id, f"{HAND_PREFIX}*"),
            ).rowcount

        return self._write(write) > 0
