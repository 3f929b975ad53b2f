"""The one place Podium opens SQLite files: checks first, then pragmas, then transactions.

Both stores (votes in :mod:`tui.polls.store`, rehearsals in
:mod:`tui.rehearsal.store`) describe their file with a :class:`Kind` (what it
is called, its ``application_id``, schema version, tables and creation or
upgrade scripts) and leave the rest to this module:

- :func:`inspect` reads an existing file through a read-only connection
  before anything may write to it: an SQLite header, ``PRAGMA quick_check``,
  the application id, the tables and a schema version this Podium reads.
  Nothing is written, not even a ``-wal`` or ``-shm`` file next to it.
- :func:`open_file` opens the read-write connection and :func:`prepare`
  creates the tables in an empty file or upgrades an older one (after a
  backup copy when the kind asks for one), in one ``BEGIN IMMEDIATE``
  transaction that checks the file again, then switches to WAL mode with the
  kind's ``synchronous`` setting and a busy timeout.
- :class:`Database` runs calls one at a time from any thread, each read in
  one snapshot and each write in one committed transaction.
- Every :class:`sqlite3.Error` becomes the kind's
  :class:`~tui.storage.errors.StoreError` with a message that names the file
  and says what to do (:func:`translate`).
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from tui.storage.errors import StoreError

MEMORY = Path(":memory:")
"""The ``path`` of a database made by :func:`open_memory`."""

SQLITE_MAGIC = b"SQLite format 3\x00"
"""The first 16 bytes of every SQLite database file."""

_T = TypeVar("_T")


@dataclass(frozen=True)
class Kind:
    """One kind of store file: what it must hold and how its troubles are told.

    Attributes:
        noun: What the file is called in messages (``vote store``).
        application_id: ``PRAGMA application_id`` marking such a file.
        version: Schema version this Podium writes and reads
            (``PRAGMA user_version``).
        tables: For each readable version, the tables a file of it must have.
        scripts: For each older version (0: an empty database), the SQL that
            brings the file to :attr:`version`, statements separated by ``;``;
            it sets ``user_version`` (and, from 0, ``application_id``).
        error: The :class:`StoreError` subclass raised.
        elsewhere: How the user picks another place, for messages
            (``--store PATH or PODIUM_DATA_DIR``).
        what: The tables as named in messages (``the vote tables``).
        empty_message: Message for a file nothing has set up yet, with
            ``{path}``.
        backup_before_upgrade: Versions copied to a backup file next to the
            store before they are upgraded.
        synchronous: ``PRAGMA synchronous`` of durable writes (``FULL``: a
            commit survives a power cut; ``NORMAL``: it survives a crash of
            the app, without an ``fsync`` per commit).
        setup: Pragmas run on every read-write connection
            (``PRAGMA foreign_keys = ON``).
        untouched: How messages say a refused file was not changed.
    """

    noun: str
    application_id: int
    version: int
    tables: Mapping[int, frozenset[str]]
    scripts: Mapping[int, str]
    error: type[StoreError] = StoreError
    elsewhere: str = "PODIUM_DATA_DIR"
    what: str = "its tables"
    empty_message: str = "{path} is empty: nothing has set it up as a Podium store yet"
    backup_before_upgrade: frozenset[int] = field(default_factory=frozenset)
    synchronous: str = "FULL"
    setup: tuple[str, ...] = ()
    untouched: str = "it was left untouched"


class NeedsRecovery(Exception):
    """A crashed writer left a hot rollback journal that only a writer may replay."""


class _Retry(Exception):
    """SQLite reported damage: read again in case a writer was mid-change."""


# -- messages -------------------------------------------------------------------------


def not_a_store(path: Path, kind: Kind, why: str) -> StoreError:
    """The error for a file that is not an undamaged store of ``kind``.

    Args:
        path: The file.
        kind: The store it should have been.
        why: What it is instead (``not an SQLite database``).

    Returns:
        The error, saying the file was left untouched.
    """
    return kind.error(
        f"{path} is not a Podium {kind.noun} ({why}); {kind.untouched}."
        f" Move it away, or pick another place with {kind.elsewhere}",
        path,
    )


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


def read_header(path: Path, kind: Kind) -> bytes:
    """The first 100 bytes of a store file (its SQLite header), read only.

    Args:
        path: The file.
        kind: The store it should be.

    Returns:
        The header; empty for an empty file.

    Raises:
        StoreError: The path is a folder, the file cannot be read, or it
            does not start like an SQLite database.
    """
    if path.is_dir():
        raise kind.error(f"{kind.noun} {path} is a folder, not a file", path)
    try:
        with path.open("rb") as file:
            header = file.read(100)
    except OSError as error:
        raise kind.error(
            f"cannot read the {kind.noun} {path}: {error.strerror or error}", path
        ) from None
    if header and not header.startswith(SQLITE_MAGIC):
        raise not_a_store(path, kind, "not an SQLite database")
    if header and len(header) < 100:
        raise not_a_store(path, kind, "a damaged SQLite database: it is cut short")
    return header


# -- opening --------------------------------------------------------------------------


def _connect(target: str, busy_timeout: float) -> sqlite3.Connection:
    return sqlite3.connect(
        target,
        uri=target.startswith("file:"),
        timeout=busy_timeout,
        isolation_level=None,  # autocommit: transactions are explicit
        check_same_thread=False,
    )


def open_memory() -> sqlite3.Connection:
    """A private in-memory database (tests, no file); set it up with :func:`prepare`."""
    return _connect(":memory:", 0.0)


def open_file(path: Path, kind: Kind, busy_timeout: float) -> sqlite3.Connection:
    """A read-write connection to an existing file; :func:`prepare` it next.

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
        return _connect(f"{path.resolve().as_uri()}?mode=rw", busy_timeout)
    except sqlite3.Error as error:
        raise translate(error, path, kind, busy_timeout) from None


def inspect(
    path: Path, kind: Kind, busy_timeout: float, *, require_store: bool
) -> sqlite3.Connection:
    """Open ``path`` read-only and check it is an undamaged store of ``kind``.

    Nothing is written: not the file, and no ``-wal``, ``-shm`` or journal
    next to it (see :func:`tui.paths.readonly_sqlite_uri`). The checks: the
    file is an SQLite database, it is empty or carries the kind's
    application id and tables, its schema is not newer than this Podium's,
    and SQLite finds no damage in it (``PRAGMA quick_check``).

    Args:
        path: An existing file.
        kind: The store it should be.
        busy_timeout: Seconds to wait for a writer's lock.
        require_store: Refuse an empty database (``empty`` error) instead of
            accepting it as a store to be set up.

    Returns:
        The read-only connection, the checks passed.

    Raises:
        StoreError: The file is not a usable store (the message says why
            and that it was left untouched).
        NeedsRecovery: A crashed writer's journal must be replayed first.
    """
    from tui.paths import readonly_sqlite_uri

    for attempt in (1, 2):
        read_header(path, kind)
        try:
            uri = readonly_sqlite_uri(path)
        except OSError as error:
            raise kind.error(
                f"cannot read the {kind.noun} {path}: {error.strerror or error}", path
            ) from None
        try:
            connection = _connect(uri, busy_timeout)
        except sqlite3.Error as error:
            raise translate(error, path, kind, busy_timeout) from None
        try:
            _check_readonly(connection, path, kind, busy_timeout, require_store=require_store)
        except _Retry as damage:
            connection.close()
            if attempt == 2 or "immutable" not in uri:
                raise not_a_store(
                    path, kind, f"not an SQLite database, or a damaged one: {damage}"
                ) from None
            continue  # a writer started while the file was read as immutable
        except BaseException:
            connection.close()
            raise
        return connection
    raise AssertionError("unreachable")


def _check_readonly(
    connection: sqlite3.Connection,
    path: Path,
    kind: Kind,
    busy_timeout: float,
    *,
    require_store: bool,
) -> None:
    try:
        connection.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
        app_id, version, tables = identify(connection)
        check_identity(path, kind, app_id, version, tables)
        if app_id == 0 and version == 0:
            if require_store:
                raise kind.error(kind.empty_message.format(path=path), path, empty=True)
            return
        problems = [row[0] for row in connection.execute("PRAGMA quick_check(3)")]
    except sqlite3.DatabaseError as error:
        if getattr(error, "sqlite_errorname", "") == "SQLITE_READONLY_ROLLBACK":
            raise NeedsRecovery() from None
        if is_corruption(error):
            raise _Retry(str(error)) from None
        raise translate(error, path, kind, busy_timeout) from None
    if problems != ["ok"]:
        raise not_a_store(path, kind, f"a damaged SQLite database: {'; '.join(problems)}")


def identify(connection: sqlite3.Connection) -> tuple[int, int, set[str]]:
    """Read the application id, schema version and table names.

    All three come from one snapshot, so a store that another process is
    creating at the same moment is never seen half made.

    Returns:
        ``(application_id, user_version, tables)``.
    """
    own_transaction = not connection.in_transaction
    if own_transaction:
        connection.execute("BEGIN")
    try:
        app_id = connection.execute("PRAGMA application_id").fetchone()[0]
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        tables = {
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        }
    finally:
        if own_transaction and connection.in_transaction:
            connection.execute("COMMIT")
    return int(app_id), int(version), tables


def check_identity(path: Path, kind: Kind, app_id: int, version: int, tables: set[str]) -> None:
    """Check a file is empty or a store of ``kind`` of a version this Podium reads.

    Raises:
        StoreError: Another program's database, a newer schema, or a store
            without its tables.
    """
    if app_id not in (0, kind.application_id):
        raise not_a_store(path, kind, "it is another program's SQLite database")
    if version == 0 and app_id == 0:
        if tables:
            raise not_a_store(path, kind, "it is another program's SQLite database")
        return
    if app_id != kind.application_id:
        raise not_a_store(path, kind, "it is another program's SQLite database")
    if version > kind.version:
        raise kind.error(
            f"{kind.noun} {path} was written by a newer Podium (schema version {version};"
            f" this Podium reads version {kind.version}); {kind.untouched}."
            " Upgrade Podium to read it",
            path,
        )
    needed = kind.tables.get(version)
    if version < 1 or needed is None or not needed <= tables:
        raise not_a_store(path, kind, f"schema version {version} without {kind.what}")


def prepare(
    connection: sqlite3.Connection,
    path: Path,
    kind: Kind,
    busy_timeout: float,
    *,
    create: bool = True,
) -> None:
    """Check the file is a store of a known version, then set it up.

    Nothing is written until the file is known to be an empty database or a
    store of ``kind`` of a version this Podium reads. An older version is
    copied to a backup file first when the kind asks for it, then upgraded
    in one transaction; an empty database gets the tables. Last the file is
    switched to WAL mode (not in memory) and the kind's ``synchronous``.

    Args:
        connection: From :func:`open_file` or :func:`open_memory`.
        path: The file, or :data:`MEMORY`.
        kind: The store.
        busy_timeout: Seconds to wait for another process's lock.
        create: Set up an empty database; when False it is refused
            (``empty`` error) instead.

    Raises:
        StoreError: As for :func:`inspect`, or the file cannot be written.
    """
    memory = path == MEMORY
    try:
        connection.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
        for pragma in kind.setup:
            connection.execute(pragma)
        app_id, version, tables = identify(connection)
    except sqlite3.DatabaseError as error:
        if is_corruption(error):
            raise not_a_store(
                path, kind, f"not an SQLite database, or a damaged one: {error}"
            ) from None
        raise translate(error, path, kind, busy_timeout) from None
    check_identity(path, kind, app_id, version, tables)
    if version == 0 and not create:
        raise kind.error(kind.empty_message.format(path=path), path, empty=True)

    try:
        if version < kind.version:
            if version in kind.backup_before_upgrade and not memory:
                _backup(connection, path, kind, version)
            # Re-check inside the write transaction: another process may be
            # creating or upgrading the same file at this moment.
            connection.execute("BEGIN IMMEDIATE")
            try:
                app_id, version, tables = identify(connection)
                check_identity(path, kind, app_id, version, tables)
                for statement in kind.scripts.get(version, "").split(";"):
                    if statement.strip():
                        connection.execute(statement)
                connection.execute("COMMIT")
            except BaseException:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
                raise
        if not memory:
            enable_wal(connection, busy_timeout)
        connection.execute(f"PRAGMA synchronous = {kind.synchronous}")
    except sqlite3.Error as error:
        raise translate(error, path, kind, busy_timeout) from None


def _backup(connection: sqlite3.Connection, path: Path, kind: Kind, version: int) -> None:
    """Copy the store to ``<name>.schema<version>-backup-<time>`` before an upgrade.

    Raises:
        StoreError: The copy could not be written (the upgrade does not start).
    """
    from tui.paths import create_file

    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.schema{version}-backup-{stamp}")
    try:
        # The copy holds the same data: no one may read it who may not read the store.
        create_file(target, path.stat().st_mode & 0o660)
        copy = sqlite3.connect(target)
        try:
            connection.backup(copy)
        finally:
            copy.close()
    except (OSError, sqlite3.Error) as error:
        raise kind.error(
            f"cannot upgrade the {kind.noun} {path}: its backup copy {target} could not be"
            f" written ({error}); nothing was changed",
            path,
        ) from None


def enable_wal(connection: sqlite3.Connection, busy_timeout: float) -> None:
    """Switch to WAL, retrying while another process holds the file.

    Changing the journal mode can report "locked" at once, without waiting
    for the busy timeout, so this waits here instead.

    Raises:
        sqlite3.OperationalError: Still locked after ``busy_timeout``, or
            the file cannot use WAL.
    """
    deadline = time.monotonic() + busy_timeout
    while True:
        try:
            mode = connection.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        except sqlite3.OperationalError as error:
            if is_busy(error) and time.monotonic() < deadline:
                time.sleep(0.02)
                continue
            raise
        if str(mode).lower() != "wal":
            raise sqlite3.OperationalError(f"cannot switch to WAL mode (journal mode is {mode})")
        return


# -- running --------------------------------------------------------------------------


class Database:
    """One open, checked connection: calls serialised, transactions, errors translated.

    Methods may be called from any thread; calls run one at a time.

    Args:
        connection: A connection from :func:`inspect` (read-only) or one
            set up by :func:`prepare`.
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
