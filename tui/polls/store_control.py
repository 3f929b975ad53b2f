"""Poll control in the vote store: closing and opening polls, resets and restores.

One part of :class:`~tui.polls.store.VoteStore` (see :mod:`tui.polls.store`
for the whole map). A reset moves a poll's votes to the ``cleared_votes``
backup table in one transaction; :meth:`Control.restore` brings the newest
batch back.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from tui.polls.store_core import StoreCore
from tui.polls.store_queries import _closed

if TYPE_CHECKING:
    import sqlite3


class Control(StoreCore):
    """Closing polls and resetting their votes, for :class:`~tui.polls.store.VoteStore`."""

    def reset(self, poll_id: str) -> int:
        """Clear every vote of a poll, keeping them as a backup.

        The votes move to a backup table in the same store, in one
        transaction; :meth:`restore` brings the newest such batch back.

        Args:
            poll_id: The poll's id.

        Returns:
            How many voters' votes were cleared.

        Raises:
            StoreError: The store could not be written.
        """

        def write(db: sqlite3.Connection) -> int:
            voters = db.execute(
                "SELECT COUNT(DISTINCT voter) FROM votes WHERE poll_id = ?", (poll_id,)
            ).fetchone()[0]
            if not voters:
                return 0
            batch = db.execute(
                "SELECT COALESCE(MAX(reset_id), 0) + 1 FROM cleared_votes"
            ).fetchone()[0]
            db.execute(
                "INSERT INTO cleared_votes"
                " (reset_id, cleared_at, poll_id, voter, option_id, label, cast_at)"
                " SELECT ?, ?, poll_id, voter, option_id, label, cast_at"
                " FROM votes WHERE poll_id = ? ORDER BY id",
                (batch, time.time(), poll_id),
            )
            db.execute("DELETE FROM votes WHERE poll_id = ?", (poll_id,))
            return int(voters)

        return self._write(write)

    def last_reset(self, poll_id: str) -> tuple[int, float] | None:
        """The newest backup :meth:`restore` would bring back.

        Args:
            poll_id: The poll's id.

        Returns:
            ``(voters, cleared_at)`` (Unix seconds), or None without a backup.

        Raises:
            StoreError: The store could not be read.
        """
        row = self._read(
            lambda db: db.execute(
                "SELECT COUNT(DISTINCT voter), MAX(cleared_at) FROM cleared_votes"
                " WHERE reset_id = (SELECT MAX(reset_id) FROM cleared_votes WHERE poll_id = ?)",
                (poll_id,),
            ).fetchone()
        )
        return (int(row[0]), float(row[1])) if row and row[0] else None

    def restore(self, poll_id: str) -> int:
        """Bring back the votes the newest :meth:`reset` of a poll cleared.

        A voter who voted again since the reset keeps the newer vote.

        Args:
            poll_id: The poll's id.

        Returns:
            How many voters' votes were restored (0 without a backup).

        Raises:
            StoreError: The store could not be written.
        """

        def write(db: sqlite3.Connection) -> int:
            batch = db.execute(
                "SELECT MAX(reset_id) FROM cleared_votes WHERE poll_id = ?", (poll_id,)
            ).fetchone()[0]
            if batch is None:
                return 0
            voters = db.execute(
                "SELECT COUNT(DISTINCT voter) FROM cleared_votes WHERE reset_id = ?"
                " AND voter NOT IN (SELECT voter FROM votes WHERE poll_id = ?)",
                (batch, poll_id),
            ).fetchone()[0]
            db.execute(
                "INSERT INTO votes (poll_id, voter, option_id, label, cast_at)"
                " SELECT poll_id, voter, option_id, label, cast_at FROM cleared_votes"
                " WHERE reset_id = ? AND voter NOT IN (SELECT voter FROM votes WHERE poll_id = ?)"
                " ORDER BY id",
                (batch, poll_id),
            )
            db.execute("DELETE FROM cleared_votes WHERE reset_id = ?", (batch,))
            return int(voters)

        return self._write(write)

    def set_closed(self, poll_id: str, closed: bool) -> None:
        """Close a poll to new votes, or open it again.

        Args:
            poll_id: The poll's id.
            closed: True to close the poll.

        Raises:
            StoreError: The store could not be written.
        """
        self._write(
            lambda db: db.execute(
                "INSERT INTO poll_state (poll_id, closed) VALUES (?, ?)"
                " ON CONFLICT (poll_id) DO UPDATE SET closed = excluded.closed",
                (poll_id, int(closed)),
            )
        )

    def is_closed(self, poll_id: str) -> bool:
        """Whether a poll was closed with :meth:`set_closed`.

        Raises:
            StoreError: The store could not be read.
        """
        return self._read(lambda db: _closed(db, poll_id))
