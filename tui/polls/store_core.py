"""The vote store's open connection: its lifetime and its transactions.

:class:`StoreCore` is the part of :class:`~tui.polls.store.VoteStore` every
other part builds on (see :mod:`tui.polls.store` for the whole map): it holds
the checked connection in a :class:`tui.storage.sqlite.Database`, which runs
calls one at a time, each read in one snapshot and each write in one
committed transaction, and turns SQLite's errors into
:class:`~tui.polls.store_errors.StoreError`. Imports no SQLite itself.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    import sqlite3

    from tui.storage.sqlite import Database

_T = TypeVar("_T")
_Store = TypeVar("_Store", bound="StoreCore")


class StoreCore:
    """An open vote store file: lifetime and transactions (see :class:`~tui.polls.store.VoteStore`).

    Attributes:
        path: The store file (:data:`~tui.polls.schema.MEMORY` in memory).
        notes: What the presenter should know about who may write the file
            (permissions narrowed, a folder anyone may write); empty when
            all is well.
        read_only: Opened with ``read_only``: every write raises
            :class:`~tui.polls.store_errors.StoreError`.
        shared: Opened with ``shared`` (the group may vote too).
    """

    def __init__(self, database: Database) -> None:
        """Wrap an open, checked database; use :meth:`VoteStore.open` instead."""
        self._db = database
        self.path: Path = database.path
        self.notes: tuple[str, ...] = ()
        self.read_only = False
        self.shared = False

    def file_state(self) -> str:
        """Whether the file open is still the one at :attr:`path`: ``"same"``, ``"gone"``
        or ``"replaced"`` (see :meth:`tui.storage.sqlite.Database.file_state`)."""
        return self._db.file_state()

    @property
    def _connection(self) -> sqlite3.Connection | None:
        """The SQLite connection, or None once closed (for tests of its settings)."""
        return self._db._connection

    @property
    def _busy_timeout(self) -> float:
        return self._db.busy_timeout

    def close(self) -> None:
        """Close the store; further calls raise :class:`StoreError`. Idempotent."""
        self._db.close()

    def __enter__(self: _Store) -> _Store:  # a TypeVar: typing.Self needs 3.11
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "closed" if self._db.closed else "open"
        return f"<{type(self).__name__} {str(self.path)!r} {state}>"

    def _run(self, action: Callable[[sqlite3.Connection], _T]) -> _T:
        """Run ``action`` on the connection (see :meth:`tui.storage.sqlite.Database.run`)."""
        return self._db.run(action)

    def _read(self, action: Callable[[sqlite3.Connection], _T]) -> _T:
        """Run ``action`` in one read transaction: one consistent snapshot."""
        return self._db.read(action)

    def _write(self, action: Callable[[sqlite3.Connection], _T], *, durable: bool = True) -> _T:
        """Run ``action`` in one write transaction, committed on return.

        Args:
            action: Does the writing; may raise to roll everything back.
            durable: Flush to disk before returning (``synchronous=FULL``);
                False only for state that is rebuilt anyway (the stage).
        """
        return self._db.write(action, durable=durable)
