"""The stage in the vote store: what the presenter's screen shows, for voters.

One part of :class:`~tui.polls.store.VoteStore` (see :mod:`tui.polls.store`
for the whole map). The presenter publishes the poll on screen (open or
closed, results revealed) and who it is; voters read it and notice changes
through :meth:`Staging.data_version`.
"""

from __future__ import annotations

import os
import time
from typing import TYPE_CHECKING

import msgspec

from tui.deck.model import Poll
from tui.polls.model import Stage
from tui.polls.store_core import StoreCore
from tui.polls.store_queries import _closed, _read_spec

if TYPE_CHECKING:
    import sqlite3


def _held_by_another(pid: int | None, host: str | None, presenter: tuple[int, str]) -> bool:
    """Whether the stage's presenter ``(pid, host)`` is another process, running on this host.

    A presenter on another host cannot be asked: it is not counted (the
    stage goes to whoever publishes, as before).
    """
    if pid is None or (pid, host) == presenter or host != presenter[1]:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False  # it stopped without clearing the stage (killed)
    except PermissionError:
        return True  # running, as another user
    except OSError:
        return False
    return True


class Staging(StoreCore):
    """Publishing and reading the stage, for :class:`~tui.polls.store.VoteStore`."""

    def publish(
        self,
        poll: Poll | None,
        *,
        revealed: bool = False,
        presenter: tuple[int, str] | None = None,
    ) -> bool:
        """Tell the audience what the presenter's screen shows now.

        Also records the poll's definition, so voters see its options and
        ``podium results`` can name them without the deck. This write skips
        the disk flush votes get (losing it in a crash loses nothing: the
        next presenter publishes again), so it costs well under a
        millisecond.

        The stage has one presenter: while another Podium on this machine
        that set it is running, a second one presenting the same deck (the
        same store) leaves it alone, so voters keep following the first,
        as audience views do (:mod:`tui.audience.publish`).

        Args:
            poll: The poll on screen, or None.
            revealed: Whether its results are on screen.
            presenter: ``(process id, host name)`` of the presenter, or None
                when no presenter is running any more.

        Returns:
            False when another running presenter holds the stage (nothing written).

        Raises:
            StoreError: The store could not be written.
        """
        now = time.time()
        pid, host = presenter if presenter is not None else (None, None)

        def write(db: sqlite3.Connection) -> bool:
            if presenter is not None:
                row = db.execute(
                    "SELECT presenter_pid, presenter_host FROM stage WHERE id = 1"
                ).fetchone()
                if row is not None and _held_by_another(row[0], row[1], presenter):
                    return False
            if poll is not None:
                db.execute(
                    "INSERT INTO polls (poll_id, spec, published_at) VALUES (?, ?, ?)"
                    " ON CONFLICT (poll_id) DO UPDATE SET"
                    " spec = excluded.spec, published_at = excluded.published_at",
                    (poll.id, msgspec.json.encode(poll).decode(), now),
                )
            db.execute(
                "INSERT INTO stage"
                " (id, poll_id, revealed, presenter_pid, presenter_host, changed_at)"
                " VALUES (1, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
                " poll_id = excluded.poll_id, revealed = excluded.revealed,"
                " presenter_pid = excluded.presenter_pid, presenter_host = excluded.presenter_host,"
                " changed_at = excluded.changed_at",
                (poll.id if poll else None, int(revealed and poll is not None), pid, host, now),
            )
            return True

        return self._write(write, durable=False)

    def end_presentation(self, presenter: tuple[int, str]) -> None:
        """Clear the stage when the presenter who set it stops.

        Args:
            presenter: ``(process id, host name)`` given to :meth:`publish`;
                a stage set by another presenter since is left alone.

        Raises:
            StoreError: The store could not be written.
        """
        pid, host = presenter
        self._write(
            lambda db: db.execute(
                "UPDATE stage SET poll_id = NULL, revealed = 0, presenter_pid = NULL,"
                " presenter_host = NULL, changed_at = ?"
                " WHERE id = 1 AND presenter_pid = ? AND presenter_host = ?",
                (time.time(), pid, host),
            ),
            durable=False,
        )

    def stage(self) -> Stage:
        """What the presenter's screen shows now (see :meth:`publish`).

        Returns:
            The stage; ``Stage()`` (no poll, no presenter) before any
            presenter published one.

        Raises:
            StoreError: The store could not be read.
        """

        def read(db: sqlite3.Connection) -> Stage:
            row = db.execute(
                "SELECT poll_id, revealed, presenter_pid, presenter_host, changed_at"
                " FROM stage WHERE id = 1"
            ).fetchone()
            if row is None:
                return Stage()
            poll_id, revealed, pid, host, changed_at = row
            poll = _read_spec(db, poll_id) if poll_id is not None else None
            closed = _closed(db, poll_id) if poll_id is not None else False
            return Stage(poll, closed, bool(revealed), pid, host, float(changed_at))

        return self._read(read)

    def data_version(self) -> int:
        """A number that changes whenever another connection commits a change.

        Cheap enough to call several times a second: compare it with the
        previous value to learn whether anything needs re-reading. Writes
        made through this store do not change it.

        Returns:
            SQLite's ``PRAGMA data_version`` for this connection.

        Raises:
            StoreError: The store could not be read.
        """
        return int(self._run(lambda db: db.execute("PRAGMA data_version").fetchone()[0]))
