"""What a store file must be before anything writes to it, and setting it up.

Part of Podium's SQLite helper (with :mod:`tui.storage.sqlite`, which opens
files and runs transactions). :func:`inspect` checks an existing file through
a read-only connection that writes nothing; :func:`prepare` checks again on
the read-write connection, then creates or upgrades the tables in one
transaction (after a backup copy when the store's :class:`~tui.storage.sqlite.Kind`
asks for one) and sets WAL mode and ``synchronous``. Refusals are the kind's
:class:`~tui.storage.errors.StoreError`, saying why and that the file was
left untouched.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from tui.storage.sqlite import (
    MEMORY,
    Kind,
    NeedsRecovery,
    connect,
    is_busy,
    is_corruption,
    not_a_store,
    read_header,
    translate,
)


class _Retry(Exception):
    """SQLite reported damage: read again in case a writer was mid-change."""


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
            connection = connect(uri, busy_timeout)
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
