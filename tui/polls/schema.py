"""The vote store's schema: its tables, versions, creation and upgrades.

:mod:`tui.polls.store` owns :class:`~tui.polls.store.VoteStore`; this module
owns what a store file must look like. When an existing store is opened,
:func:`_inspect` first reads it through a read-only connection and checks
that it is an empty database or an undamaged Podium vote store of a version
this Podium reads; anything else is refused before any connection that can
write has touched it. Then :func:`_prepare` creates the tables in a new
file, upgrades a store of schema version 1 in one transaction after writing
a backup copy next to it, and switches the file to WAL mode with
``synchronous=FULL``. ``podium results`` keeps the read-only connection. Errors are reported as
:class:`~tui.polls.store_errors.StoreError` (see :mod:`tui.polls.store_errors`).
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from tui.polls.store_errors import (
    StoreError,
    _is_busy,
    _is_corruption,
    _not_a_store,
    _read_header,
    _translate,
)

SCHEMA_VERSION = 2
"""Schema version this Podium writes and reads (``PRAGMA user_version``).

1: votes keyed by option text, one per voter and poll.
2: votes keyed by option id (text kept as a label), several per voter for
multiple-choice polls; reset backups; poll definitions; the stage.
"""

APPLICATION_ID = 0x506F6469
"""``PRAGMA application_id`` marking a Podium vote store (ASCII ``Podi``)."""

MEMORY = Path(":memory:")
"""The ``path`` of a store made by :meth:`~tui.polls.store.VoteStore.in_memory`."""

_TABLES_V2 = """
CREATE TABLE votes (
    id INTEGER PRIMARY KEY,
    poll_id TEXT NOT NULL,
    voter TEXT NOT NULL,       -- audience voter id, or 'hand:<uuid4>'
    option_id TEXT,            -- the option's id, or NULL for votes from schema 1
    label TEXT NOT NULL,       -- the option's text when the vote was cast
    cast_at REAL NOT NULL      -- unix time, seconds
);
CREATE UNIQUE INDEX votes_choice ON votes (poll_id, voter, option_id);
CREATE TABLE cleared_votes (   -- what resets cleared: a backup
    id INTEGER PRIMARY KEY,
    reset_id INTEGER NOT NULL, -- one number per reset
    cleared_at REAL NOT NULL,
    poll_id TEXT NOT NULL,
    voter TEXT NOT NULL,
    option_id TEXT,
    label TEXT NOT NULL,
    cast_at REAL NOT NULL
);
CREATE INDEX cleared_votes_poll ON cleared_votes (poll_id, reset_id);
CREATE TABLE polls (           -- poll definitions, as last presented
    poll_id TEXT PRIMARY KEY,
    spec TEXT NOT NULL,        -- the deck's Poll as JSON
    published_at REAL NOT NULL
);
CREATE TABLE stage (           -- what the presenter's screen shows now
    id INTEGER PRIMARY KEY CHECK (id = 1),
    poll_id TEXT,              -- NULL: no poll on screen
    revealed INTEGER NOT NULL DEFAULT 0,
    presenter_pid INTEGER,     -- NULL: no presenter running
    presenter_host TEXT,
    changed_at REAL NOT NULL
);
"""

_SCHEMA = f"""
{_TABLES_V2}
CREATE TABLE IF NOT EXISTS poll_state (
    poll_id TEXT PRIMARY KEY,
    closed INTEGER NOT NULL DEFAULT 0
);
PRAGMA application_id = {APPLICATION_ID};
PRAGMA user_version = {SCHEMA_VERSION};
"""

_MIGRATE_V1 = f"""
ALTER TABLE votes RENAME TO votes_v1;
{_TABLES_V2}
INSERT INTO votes (id, poll_id, voter, option_id, label, cast_at)
    SELECT id, poll_id, voter, NULL, option, cast_at FROM votes_v1 ORDER BY id;
DROP TABLE votes_v1;
PRAGMA user_version = 2;
"""

_TABLES = frozenset({"votes", "cleared_votes", "polls", "stage", "poll_state"})


def _prepare(
    connection: sqlite3.Connection, path: Path, busy_timeout: float, *, create: bool = True
) -> None:
    """Check the file is a Podium store of a known version, then set it up.

    Nothing is written until the file is known to be an empty database or a
    Podium vote store of a version this Podium reads. A store of schema 1 is
    copied to a backup file, then upgraded in one transaction. Without
    ``create`` an empty database is refused instead of set up.

    Raises:
        StoreError: As for :meth:`~tui.polls.store.VoteStore.open`.
    """
    memory = path == MEMORY
    try:
        connection.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
        app_id, version, tables = _identify(connection)
    except sqlite3.DatabaseError as error:
        if _is_corruption(error):
            raise _not_a_store(path, f"not an SQLite database, or a damaged one: {error}") from None
        raise _translate(error, path, busy_timeout) from None
    _check_identity(path, app_id, version, tables)
    if version == 0 and not create:
        raise StoreError(
            f"{path} holds no votes yet: no presenter has set it up as a vote store",
            path,
            empty=True,
        )

    try:
        if version < SCHEMA_VERSION:
            if version == 1 and not memory:
                _backup(connection, path, version)
            # Re-check inside the write transaction: another process may be
            # creating or upgrading the same file at this moment.
            connection.execute("BEGIN IMMEDIATE")
            try:
                app_id, version, tables = _identify(connection)
                _check_identity(path, app_id, version, tables)
                script = {0: _SCHEMA, 1: _MIGRATE_V1}.get(version, "")
                for statement in script.split(";"):
                    if statement.strip():
                        connection.execute(statement)
                connection.execute("COMMIT")
            except BaseException:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
                raise
        if not memory:
            _enable_wal(connection, busy_timeout)
        connection.execute("PRAGMA synchronous = FULL")
    except sqlite3.Error as error:
        raise _translate(error, path, busy_timeout) from None


class _NeedsRecovery(Exception):
    """A crashed writer left a hot rollback journal that only a writer may replay."""


def _readonly_uri(path: Path) -> str:
    """The URI of a connection to ``path`` that cannot write anything.

    See :func:`tui.paths.readonly_sqlite_uri`; the header is checked first.
    """
    from tui.paths import readonly_sqlite_uri

    _read_header(path)
    try:
        return readonly_sqlite_uri(path)
    except OSError as error:
        raise StoreError(
            f"cannot read the vote store {path}: {error.strerror or error}", path
        ) from None


def _inspect(path: Path, busy_timeout: float, *, require_store: bool) -> sqlite3.Connection:
    """Open ``path`` read-only and check it is an undamaged Podium vote store.

    Nothing is written: not the file, and no ``-wal``, ``-shm`` or journal
    next to it. The checks: the file is an SQLite database, SQLite finds no
    damage in it (``PRAGMA quick_check``), it is empty or carries Podium's
    application id and the vote tables, and its schema is not newer than
    this Podium's.

    Args:
        path: An existing store file.
        busy_timeout: Seconds to wait for a writer's lock.
        require_store: Refuse an empty database (``empty`` error) instead of
            accepting it as a store to be set up.

    Returns:
        The read-only connection, the checks passed.

    Raises:
        StoreError: The file is not a usable store (the message says why
            and that it was left untouched).
        _NeedsRecovery: A crashed writer's journal must be replayed first.
    """
    for attempt in (1, 2):
        uri = _readonly_uri(path)
        try:
            connection = sqlite3.connect(
                uri,
                uri=True,
                timeout=busy_timeout,
                isolation_level=None,
                check_same_thread=False,
            )
        except sqlite3.Error as error:
            raise _translate(error, path, busy_timeout) from None
        try:
            _check_readonly(connection, path, busy_timeout, require_store=require_store)
        except _Retry as damage:
            connection.close()
            if attempt == 2 or "immutable" not in uri:
                why = f"not an SQLite database, or a damaged one: {damage}"
                raise _not_a_store(path, why) from None
            continue  # a writer started while the file was read as immutable
        except BaseException:
            connection.close()
            raise
        return connection
    raise AssertionError("unreachable")


class _Retry(Exception):
    """SQLite reported damage: read again in case a writer was mid-change."""


def _check_readonly(
    connection: sqlite3.Connection, path: Path, busy_timeout: float, *, require_store: bool
) -> None:
    try:
        connection.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
        app_id, version, tables = _identify(connection)
        _check_identity(path, app_id, version, tables)
        if app_id == 0 and version == 0:
            if require_store:
                raise StoreError(
                    f"{path} holds no votes yet: no presenter has set it up as a vote store",
                    path,
                    empty=True,
                )
            return
        problems = [row[0] for row in connection.execute("PRAGMA quick_check(3)")]
    except sqlite3.DatabaseError as error:
        if getattr(error, "sqlite_errorname", "") == "SQLITE_READONLY_ROLLBACK":
            raise _NeedsRecovery() from None
        if _is_corruption(error):
            raise _Retry(str(error)) from None
        raise _translate(error, path, busy_timeout) from None
    if problems != ["ok"]:
        raise _not_a_store(path, f"a damaged SQLite database: {'; '.join(problems)}")


def _backup(connection: sqlite3.Connection, path: Path, version: int) -> None:
    """Copy the store to ``<name>.schema<version>-backup-<time>`` before an upgrade.

    Raises:
        StoreError: The copy could not be written (the upgrade does not start).
    """
    from tui.paths import create_file

    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.schema{version}-backup-{stamp}")
    try:
        # The copy holds the same votes: no one may read it who may not read the store.
        create_file(target, path.stat().st_mode & 0o660)
        copy = sqlite3.connect(target)
        try:
            connection.backup(copy)
        finally:
            copy.close()
    except (OSError, sqlite3.Error) as error:
        raise StoreError(
            f"cannot upgrade the vote store {path}: its backup copy {target} could not be"
            f" written ({error}); nothing was changed",
            path,
        ) from None


def _identify(connection: sqlite3.Connection) -> tuple[int, int, set[str]]:
    """Read the application id, schema version and table names.

    All three come from one snapshot, so a store that another process is
    creating at the same moment is never seen half made.
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


def _check_identity(path: Path, app_id: int, version: int, tables: set[str]) -> None:
    if app_id not in (0, APPLICATION_ID):
        raise _not_a_store(path, "it is another program's SQLite database")
    if version == 0 and app_id == 0:
        if tables:
            raise _not_a_store(path, "it is another program's SQLite database")
        return
    if app_id != APPLICATION_ID:
        raise _not_a_store(path, "it is another program's SQLite database")
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"vote store {path} was written by a newer Podium (schema version {version};"
            f" this Podium reads version {SCHEMA_VERSION}); it was left untouched."
            " Upgrade Podium to read it",
            path,
        )
    needed = {"votes", "poll_state"} if version == 1 else _TABLES
    if version < 1 or not needed <= tables:
        raise _not_a_store(path, f"schema version {version} without the vote tables")


def _enable_wal(connection: sqlite3.Connection, busy_timeout: float) -> None:
    """Switch to WAL, retrying while another process holds the file.

    Changing the journal mode can report "locked" at once, without waiting
    for the busy timeout, so this waits here instead.
    """
    deadline = time.monotonic() + busy_timeout
    while True:
        try:
            mode = connection.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        except sqlite3.OperationalError as error:
            if _is_busy(error) and time.monotonic() < deadline:
                time.sleep(0.02)
                continue
            raise
        if str(mode).lower() != "wal":
            raise sqlite3.OperationalError(f"cannot switch to WAL mode (journal mode is {mode})")
        return
