"""The one place Podium opens SQLite files: checks first, then pragmas, then transactions.

This module and :mod:`tui.storage.checks` (what a file must be before it is
written) are Podium's SQLite helper; the stores use nothing else.

Both stores (votes in :mod:`tui.polls.store`, rehearsals in
:mod:`tui.rehearsal.store`) describe their file with a :class:`Kind` (what it
is called, its ``application_id``, schema version, tables and creation or
upgrade scripts) and leave the rest to this module:

- :func:`tui.storage.checks.inspect` reads an existing file through a
  read-only connection before anything may write to it: an SQLite header,
  ``PRAGMA quick_check``, the application id, the tables and a schema
  version this Podium reads. Nothing is written, not even a ``-wal`` or
  ``-shm`` file next to it.
- :func:`open_file` opens the read-write connection and
  :func:`tui.storage.checks.prepare` creates the tables in an empty file or
  upgrades an older one (after a backup copy when the kind asks for one), in
  one ``BEGIN IMMEDIATE`` transaction that checks the file again, then
  switches to WAL mode with the kind's ``synchronous`` setting and a busy
  timeout.
- :class:`Database` runs calls one at a time from any thread, each read in
  one snapshot and each write in one committed transaction.
- Every :class:`sqlite3.Error` becomes the kind's
  :class:`~tui.storage.errors.StoreError` with a message that names the file
  and says what to do (:func:`translate`).
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from tui.storage.errors import StoreError
from tui.storage.kind import MEMORY as MEMORY  # re-exported: the stores use them from here
from tui.storage.kind import SQLITE_MAGIC as SQLITE_MAGIC
from tui.storage.kind import Kind
from tui.storage.kind import not_a_store as not_a_store
from tui.storage.kind import read_header as read_header

_T = TypeVar("_T")


class NeedsRecovery(Exception):
    """A crashed writer left a hot rollback journal that only a writer may replay."""


class _Retry(Exception):
    """SQLite reported damage: read again in case a writer was mid-change."""


# -- messages -------------------------------------------------------------------------


def is_busy(error: sqlite3.Error) -> bool:
    """Whether SQLite gave up waiting for another process's lock."""
    text = str(error).lower()
    return "locked" in text or "busy" in text


def is_corruption(error: sqlite3.Error) -> bool:
    """Whether SQLite found the file damaged or not a database."""
    text = str(error).lower()
    return "not a database" in text or "malformed" in text or "corrupt" in text


def translate(error: sqlite3.Error, path: Path, kind: Kind, busy_timeout: float) -> StoreError:
    """Turn an SQLite error into the kind's :class:`StoreError` that names the file.

    Args:
        error: What SQLite raised.
        path: The store file.
        kind: The store.
        busy_timeout: Seconds that were waited for a lock, for the message.

    Returns:
        The error; ``busy`` set when another process held the lock.
    """
    noun, text = kind.noun, str(error).lower()
    if is_busy(error):
        return kind.error(
            f"{noun} {path} is locked by another process (waited {busy_timeout:g} s);"
            " try again, or close the other program using it",
            path,
            busy=True,
        )
    if "readonly" in text or "read-only" in text:
        return kind.error(
            f"cannot write the {noun} {path}: it or its folder is read-only"
            f" (pick a writable place with {kind.elsewhere})",
            path,
        )
    if is_corruption(error):
        return kind.error(f"{noun} {path} is damaged ({error}); move it away to start afresh", path)
    if "unable to open" in text:
        return kind.error(
            f"cannot open the {noun} {path} ({error}); check that its folder is writable", path
        )
    if "disk" in text or "full" in text:
        return kind.error(f"cannot write the {noun} {path}: {error}", path)
    return kind.error(f"{noun} {path}: {error}", path)


def connect(target: str, busy_timeout: float) -> sqlite3.Connection:
    """A connection as every store wants it: autocommit, usable from any thread.

    Args:
        target: A file name, ``:memory:``, or a ``file:`` URI.
        busy_timeout: Seconds to wait for another process's lock.

    Returns:
        The connection; transactions are explicit (``BEGIN``).

    Raises:
        sqlite3.Error: SQLite cannot open it.
    """
    return sqlite3.connect(
        target,
        uri=target.startswith("file:"),
        timeout=busy_timeout,
        isolation_level=None,  # autocommit: transactions are explicit
        check_same_thread=False,
    )


def open_memory() -> sqlite3.Connection:
    """A private in-memory database (tests, no file); set it up with ``checks.prepare``."""
    return connect(":memory:", 0.0)


def open_file(path: Path, kind: Kind, busy_timeout: float) -> sqlite3.Connection:
    """A read-write connection to an existing file; :func:`tui.storage.checks.prepare` it next.

    Args:
        path: The store file; it must exist (``mode=rw``: SQLite never
            creates it, so its mode is whatever the store gave it).
        kind: The store.
        busy_timeout: Seconds to wait for another process's lock.

    Returns:
        The connection, in autocommit mode, usable from any thread.

    Raises:
        StoreError: SQLite cannot open the file.
    """
    try:
        return connect(f"{path.resolve().as_uri()}?mode=rw", busy_timeout)
    except sqlite3.Error as error:
        raise translate(error, path, kind, busy_timeout) from None


def _identity(path: Path) -> tuple[int, int]:
    """The device and inode of ``path``: which file it is.

    Raises:
        OSError: ``path`` cannot be looked at.
    """
    status = os.stat(path)
    return status.st_dev, status.st_ino


def _identity_or_none(path: Path) -> tuple[int, int] | None:
    """:func:`_identity`, or None in memory or where the path cannot be looked at (not watched)."""
    if path == MEMORY:
        return None
    try:
        return _identity(path)
    except OSError:
        return None


# -- running --------------------------------------------------------------------------


class Database:
    """One open, checked connection: calls serialised, transactions, errors translated.

    Methods may be called from any thread; calls run one at a time.

    Args:
        connection: A connection from :func:`tui.storage.checks.inspect`
            (read-only) or one set up by :func:`tui.storage.checks.prepare`.
        path: The store file (:data:`MEMORY` in memory).
        kind: The store.
        busy_timeout: Seconds waited for another process's lock, for messages.
    """

    def __init__(
        self, connection: sqlite3.Connection, path: Path, kind: Kind, busy_timeout: float
    ) -> None:
        self._connection: sqlite3.Connection | None = connection
        self.path = path
        self.kind = kind
        self.busy_timeout = busy_timeout
        self._lock = threading.Lock()
        self._identity = _identity_or_none(path)

    def file_state(self) -> str:
        """Whether the file open is still the one at :attr:`path`.

        A store removed while open (``rm`` of the file) keeps working on a
        file nobody can reach again: what is written to it is lost when the
        connection closes. One ``stat`` of the path tells.

        Returns:
            ``"same"`` (also in memory, or when the path cannot be looked
            at), ``"gone"`` (no file at the path) or ``"replaced"`` (another
            file is there now: moved away, or replaced).
        """
        if self._identity is None:
            return "same"
        try:
            now = _identity(self.path)
        except (FileNotFoundError, NotADirectoryError):
            return "gone"
        except OSError:
            return "same"  # cannot look (a folder's permissions): assume all is well
        return "same" if now == self._identity else "replaced"

    def copy_and_reopen(self, reopen: Callable[[], Database]) -> None:
        """Copy the database into the empty file at :attr:`path`, then go on in that file.

        For a file deleted while open (:meth:`file_state`): SQLite's backup
        copies everything this connection sees into the file now at the
        path (made empty by the caller), then ``reopen`` opens and checks
        it as the store's own ``open`` does, and its connection is used
        from now on; the old one is closed. A call from another thread
        waits and then runs on the new file, so nothing is written to the
        old one after it was copied.

        Raises:
            StoreError: The database is closed, or the copy or ``reopen``
                failed (the old connection is kept).
        """
        with self._lock:
            if self._connection is None:
                raise self.kind.error(f"{self.kind.noun} {self.path} is closed", self.path)
            target = open_file(self.path, self.kind, self.busy_timeout)
            try:
                self._connection.backup(target)
            except sqlite3.Error as error:
                raise translate(error, self.path, self.kind, self.busy_timeout) from None
            finally:
                target.close()
            old = self._adopt(reopen())
        old.close()

    def adopt(self, other: Database) -> None:
        """Go on with ``other``'s connection (the file now at :attr:`path`); ``other`` is emptied.

        Raises:
            StoreError: Either database is closed.
        """
        with self._lock:
            if self._connection is None:
                raise self.kind.error(f"{self.kind.noun} {self.path} is closed", self.path)
            old = self._adopt(other)
        old.close()

    def _adopt(self, other: Database) -> sqlite3.Connection:
        """Take ``other``'s connection (this lock held); returns the one it replaces."""
        with other._lock:
            connection, other._connection = other._connection, None
        if connection is None or self._connection is None:
            if connection is not None:
                connection.close()  # taken from ``other``, used by nobody now
            raise self.kind.error(f"{self.kind.noun} {self.path} is closed", self.path)
        old, self._connection = self._connection, connection
        self._identity = _identity_or_none(self.path)
        return old

    @property
    def closed(self) -> bool:
        """True once :meth:`close` was called."""
        return self._connection is None

    def run(self, action: Callable[[sqlite3.Connection], _T]) -> _T:
        """Run ``action`` on the connection, outside any explicit transaction.

        Raises:
            StoreError: The database is closed, or SQLite failed.
        """
        with self._lock:
            if self._connection is None:
                raise self.kind.error(f"{self.kind.noun} {self.path} is closed", self.path)
            try:
                return action(self._connection)
            except sqlite3.Error as error:
                raise translate(error, self.path, self.kind, self.busy_timeout) from None

    def read(self, action: Callable[[sqlite3.Connection], _T]) -> _T:
        """Run ``action`` in one read transaction: one consistent snapshot.

        Raises:
            StoreError: As for :meth:`run`.
        """

        def read(db: sqlite3.Connection) -> _T:
            db.execute("BEGIN")
            try:
                return action(db)
            finally:
                db.execute("COMMIT")

        return self.run(read)

    def write(self, action: Callable[[sqlite3.Connection], _T], *, durable: bool = True) -> _T:
        """Run ``action`` in one write transaction, committed on return.

        Args:
            action: Does the writing; may raise to roll everything back.
            durable: Flush to disk as the kind's ``synchronous`` says; False
                (``NORMAL``) only for state that is rebuilt anyway.

        Raises:
            StoreError: As for :meth:`run`; what ``action`` raises passes
                through after the rollback.
        """
        relax = not durable and self.kind.synchronous != "NORMAL"
        synchronous = self.kind.synchronous

        def write(db: sqlite3.Connection) -> _T:
            if relax:
                db.execute("PRAGMA synchronous = NORMAL")
            try:
                db.execute("BEGIN IMMEDIATE")
                try:
                    result = action(db)
                    db.execute("COMMIT")
                except BaseException:
                    if db.in_transaction:
                        db.execute("ROLLBACK")
                    raise
            finally:
                if relax:
                    db.execute(f"PRAGMA synchronous = {synchronous}")
            return result

        return self.run(write)

    def close(self) -> None:
        """Close the connection; further calls raise. Idempotent."""
        with self._lock:
            connection, self._connection = self._connection, None
        if connection is not None:
            connection.close()
