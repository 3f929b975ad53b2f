"""The vote store: every poll vote, in an SQLite file, safe across processes.

This is the only module in Podium that touches SQLite. One store file holds
the votes of one deck (see :meth:`VoteStore.for_deck`). The presenter's app
and any number of ``podium vote`` processes may open the same file at once:

- The database runs in WAL mode, so readers never block the writer, with
  ``synchronous=FULL``, so a vote whose :meth:`VoteStore.cast` has returned
  survives a crash, ``kill -9`` or power loss.
- Every write is its own committed transaction before the method returns.
- Writers wait up to a busy timeout (5 s by default) for each other.
- :meth:`VoteStore.data_version` changes whenever *another* connection
  commits, which lets the presenter's screen notice audience votes cheaply.

Anything wrong with the file (not SQLite, corrupt, from a newer Podium,
read-only, locked) raises :class:`StoreError` with a message naming the file;
a file that is not a Podium vote store is never modified.
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import threading
import time
import unicodedata
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

SCHEMA_VERSION = 1
"""Schema version this Podium writes and reads (``PRAGMA user_version``)."""

APPLICATION_ID = 0x506F6469
"""``PRAGMA application_id`` marking a Podium vote store (ASCII ``Podi``)."""

DEFAULT_BUSY_TIMEOUT = 5.0
"""Seconds a write waits for another process's write before giving up."""

HAND_PREFIX = "hand:"
"""Voter ids starting with this are anonymous votes keyed in by the presenter."""

_SQLITE_MAGIC = b"SQLite format 3\x00"

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS votes (
    id INTEGER PRIMARY KEY,
    poll_id TEXT NOT NULL,
    option TEXT NOT NULL,      -- the option's text, as written in the deck
    voter TEXT NOT NULL,       -- audience voter id, or 'hand:<uuid4>'
    cast_at REAL NOT NULL,     -- unix time, seconds
    UNIQUE (poll_id, voter)
);
CREATE TABLE IF NOT EXISTS poll_state (
    poll_id TEXT PRIMARY KEY,
    closed INTEGER NOT NULL DEFAULT 0
);
PRAGMA application_id = {APPLICATION_ID};
PRAGMA user_version = {SCHEMA_VERSION};
"""

_T = TypeVar("_T")


class StoreError(Exception):
    """The vote store cannot be used; the message says why and names the file.

    Attributes:
        path: The store file concerned.
    """

    def __init__(self, message: str, path: Path | None = None) -> None:
        super().__init__(message)
        self.path = path


def _slug(text: str) -> str:
    """Lower-case ASCII slug of ``text`` (``Min Tale!`` -> ``min-tale``)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:40].rstrip("-") or "deck"


def store_path_for_deck(deck_source: str | os.PathLike[str]) -> Path:
    """Where the votes of a deck are kept.

    Args:
        deck_source: Path of the deck file, absolute or relative to the
            current directory.

    Returns:
        ``<user data dir>/votes/<slug of file stem>-<12 hex digits>.sqlite3``,
        the digits being the start of the SHA-256 of the deck's resolved
        absolute path, so two decks both named ``slides.yaml`` never share
        votes.
    """
    from tui.paths import user_data_dir

    resolved = Path(deck_source).expanduser().resolve()
    digest = hashlib.sha256(os.fsencode(str(resolved))).hexdigest()[:12]
    return user_data_dir() / "votes" / f"{_slug(resolved.stem)}-{digest}.sqlite3"


class VoteStore:
    """Votes of one deck's polls, kept in an SQLite file.

    Create one with :meth:`open` or :meth:`for_deck`; :meth:`close` it when
    done (or use it as a context manager). Methods may be called from any
    thread; calls are serialised.

    Attributes:
        path: The store file.
    """

    def __init__(self, connection: sqlite3.Connection, path: Path, busy_timeout: float) -> None:
        """Wrap an open, validated connection; use :meth:`open` instead."""
        self._connection: sqlite3.Connection | None = connection
        self.path = path
        self._busy_timeout = busy_timeout
        self._lock = threading.Lock()

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(cls, path: Path, *, busy_timeout: float = DEFAULT_BUSY_TIMEOUT) -> VoteStore:
        """Open the store at ``path``, creating its folders and the file if needed.

        Args:
            path: The store file.
            busy_timeout: Seconds to wait for another process's write lock.

        Returns:
            The open store.

        Raises:
            StoreError: The file is not a Podium vote store (not SQLite,
                corrupt, or another program's database), was written by a
                newer Podium, cannot be created or written (read-only folder
                or file), or stays locked by another process.
        """
        path = Path(path).expanduser()
        _check_location(path)
        try:
            connection = sqlite3.connect(
                f"{path.resolve().as_uri()}?mode=rwc",
                uri=True,
                timeout=busy_timeout,
                isolation_level=None,  # autocommit: every statement commits on return
                check_same_thread=False,
            )
        except sqlite3.Error as error:
            raise _translate(error, path, busy_timeout) from None
        try:
            _prepare(connection, path, busy_timeout)
        except BaseException:
            connection.close()
            raise
        return cls(connection, path, busy_timeout)

    @classmethod
    def for_deck(
        cls, deck_source: str, *, busy_timeout: float = DEFAULT_BUSY_TIMEOUT
    ) -> VoteStore:
        """Open the store that keeps the votes of the deck at ``deck_source``.

        Args:
            deck_source: Path of the deck file (see :func:`store_path_for_deck`).
            busy_timeout: Seconds to wait for another process's write lock.

        Returns:
            The open store.

        Raises:
            StoreError: As for :meth:`open`.
        """
        return cls.open(store_path_for_deck(deck_source), busy_timeout=busy_timeout)

    # ------------------------------------------------------------------ writing

    def cast(self, poll_id: str, option: str, voter: str | None = None) -> None:
        """Record a vote; it is committed to disk when this returns.

        A voter has one vote per poll: a new vote from the same voter
        replaces their earlier one.

        Args:
            poll_id: The poll's id.
            option: The chosen option's text.
            voter: The audience member's id, or None for an anonymous vote
                keyed in by the presenter (each one counts separately).

        Raises:
            ValueError: ``poll_id``, ``option`` or ``voter`` is empty.
            StoreError: The vote could not be written.
        """
        if not poll_id or not option:
            raise ValueError("a vote needs a poll id and an option")
        if voter is None:
            voter = f"{HAND_PREFIX}{uuid.uuid4()}"
        elif not voter:
            raise ValueError("a voter id must not be empty (use None for an anonymous vote)")
        self._run(
            lambda db: db.execute(
                "INSERT INTO votes (poll_id, option, voter, cast_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (poll_id, voter)"
                " DO UPDATE SET option = excluded.option, cast_at = excluded.cast_at",
                (poll_id, option, voter, time.time()),
            )
        )

    def undo_last(self, poll_id: str) -> bool:
        """Remove the newest anonymous (presenter-keyed) vote of a poll.

        Args:
            poll_id: The poll's id.

        Returns:
            True if a vote was removed, False if the poll had none.

        Raises:
            StoreError: The store could not be written.
        """
        cursor = self._run(
            lambda db: db.execute(
                "DELETE FROM votes WHERE id = ("
                " SELECT id FROM votes WHERE poll_id = ? AND voter GLOB ?"
                " ORDER BY id DESC LIMIT 1)",
                (poll_id, f"{HAND_PREFIX}*"),
            )
        )
        return cursor.rowcount > 0

    def reset(self, poll_id: str) -> int:
        """Delete every vote of a poll.

        Args:
            poll_id: The poll's id.

        Returns:
            How many votes were deleted.

        Raises:
            StoreError: The store could not be written.
        """
        cursor = self._run(lambda db: db.execute("DELETE FROM votes WHERE poll_id = ?", (poll_id,)))
        return max(cursor.rowcount, 0)

    def set_closed(self, poll_id: str, closed: bool) -> None:
        """Mark a poll as closed to new votes, or open it again.

        Args:
            poll_id: The poll's id.
            closed: True to close the poll.

        Raises:
            StoreError: The store could not be written.
        """
        self._run(
            lambda db: db.execute(
                "INSERT INTO poll_state (poll_id, closed) VALUES (?, ?)"
                " ON CONFLICT (poll_id) DO UPDATE SET closed = excluded.closed",
                (poll_id, int(closed)),
            )
        )

    # ------------------------------------------------------------------ reading

    def totals(self, poll_id: str, options: Sequence[str]) -> dict[str, int]:
        """Votes per option of a poll.

        Args:
            poll_id: The poll's id.
            options: The poll's options, in deck order.

        Returns:
            Every option, in the given order, mapped to its number of votes
            (0 when it has none). Votes for texts not in ``options`` are left
            out; see :meth:`orphaned`.

        Raises:
            StoreError: The store could not be read.
        """
        counts = self._counts(poll_id)
        return {option: counts.get(option, 0) for option in options}

    def orphaned(self, poll_id: str, options: Sequence[str]) -> dict[str, int]:
        """Votes for option texts the deck no longer has (edited after voting).

        Args:
            poll_id: The poll's id.
            options: The poll's current options.

        Returns:
            Each stored option text not in ``options`` mapped to its number
            of votes; empty when there are none.

        Raises:
            StoreError: The store could not be read.
        """
        known = set(options)
        return {text: n for text, n in self._counts(poll_id).items() if text not in known}

    def voter_count(self, poll_id: str) -> int:
        """Number of votes (one per voter) in a poll, orphaned ones included.

        Args:
            poll_id: The poll's id.

        Returns:
            The number of voters.

        Raises:
            StoreError: The store could not be read.
        """
        row = self._run(
            lambda db: db.execute("SELECT COUNT(*) FROM votes WHERE poll_id = ?", (poll_id,))
        ).fetchone()
        return int(row[0])

    def is_closed(self, poll_id: str) -> bool:
        """Whether a poll was closed with :meth:`set_closed`.

        Raises:
            StoreError: The store could not be read.
        """
        row = self._run(
            lambda db: db.execute("SELECT closed FROM poll_state WHERE poll_id = ?", (poll_id,))
        ).fetchone()
        return bool(row and row[0])

    def data_version(self) -> int:
        """A number that changes whenever another connection commits a change.

        Cheap enough to call several times a second: compare it with the
        previous value to learn whether totals need re-reading. Writes made
        through this store do not change it.

        Returns:
            SQLite's ``PRAGMA data_version`` for this connection.

        Raises:
            StoreError: The store could not be read.
        """
        return int(self._run(lambda db: db.execute("PRAGMA data_version")).fetchone()[0])

    # ------------------------------------------------------------------ lifetime

    def close(self) -> None:
        """Close the store; further calls raise :class:`StoreError`. Idempotent."""
        with self._lock:
            connection, self._connection = self._connection, None
        if connection is not None:
            connection.close()

    def __enter__(self) -> VoteStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "open" if self._connection is not None else "closed"
        return f"<VoteStore {str(self.path)!r} {state}>"

    # ------------------------------------------------------------------ internals

    def _counts(self, poll_id: str) -> dict[str, int]:
        rows = self._run(
            lambda db: db.execute(
                "SELECT option, COUNT(*) FROM votes WHERE poll_id = ? GROUP BY option",
                (poll_id,),
            )
        ).fetchall()
        return {str(text): int(n) for text, n in rows}

    def _run(self, action: Callable[[sqlite3.Connection], _T]) -> _T:
        with self._lock:
            if self._connection is None:
                raise StoreError(f"vote store {self.path} is closed", self.path)
            try:
                return action(self._connection)
            except sqlite3.Error as error:
                raise _translate(error, self.path, self._busy_timeout) from None


def _check_location(path: Path) -> None:
    """Create the store's folders and check that the file can be written.

    Raises:
        StoreError: The folder cannot be created or written, the path is a
            folder, or the file is read-only.
    """
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        reason = error.strerror or str(error)
        raise StoreError(
            f"cannot create the folder {folder} for the vote store {path}: {reason}"
            " (set PODIUM_DATA_DIR to a writable folder)",
            path,
        ) from None
    if path.is_dir():
        raise StoreError(f"vote store {path} is a folder, not a file", path)
    # WAL mode keeps two side files next to the store, so the folder must be
    # writable even when the store file already exists.
    if not os.access(folder, os.W_OK | os.X_OK):
        raise StoreError(
            f"cannot write the vote store {path}: the folder {folder} is read-only"
            " (set PODIUM_DATA_DIR to a writable folder)",
            path,
        )
    if path.exists():
        if not os.access(path, os.R_OK | os.W_OK):
            raise StoreError(
                f"cannot write the vote store {path}: the file is read-only;"
                " make it writable or set PODIUM_DATA_DIR to another folder",
                path,
            )
        try:
            with path.open("rb") as file:
                header = file.read(len(_SQLITE_MAGIC))
        except OSError as error:
            raise StoreError(
                f"cannot read the vote store {path}: {error.strerror or error}", path
            ) from None
        if header and header != _SQLITE_MAGIC:
            raise _not_a_store(path, "not an SQLite database")


def _not_a_store(path: Path, why: str) -> StoreError:
    return StoreError(
        f"{path} is not a Podium vote store ({why}); it was left untouched."
        " Move it away, or set PODIUM_DATA_DIR to use another folder",
        path,
    )


def _prepare(connection: sqlite3.Connection, path: Path, busy_timeout: float) -> None:
    """Check the file is a Podium store of a known version, then set it up.

    Nothing is written until the file is known to be an empty database or a
    Podium vote store of this schema version.

    Raises:
        StoreError: As for :meth:`VoteStore.open`.
    """
    try:
        connection.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
        app_id, version, tables = _identify(connection)
    except sqlite3.DatabaseError as error:
        if _is_corruption(error):
            raise _not_a_store(path, f"not an SQLite database, or a damaged one: {error}") from None
        raise _translate(error, path, busy_timeout) from None
    _check_identity(path, app_id, version, tables)

    try:
        if version == 0:
            # A new, empty database: create the schema, re-checking inside the
            # write transaction in case another process is doing the same.
            connection.execute("BEGIN IMMEDIATE")
            try:
                app_id, version, tables = _identify(connection)
                _check_identity(path, app_id, version, tables)
                if version == 0:
                    for statement in _SCHEMA.split(";"):
                        if statement.strip():
                            connection.execute(statement)
                connection.execute("COMMIT")
            except BaseException:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
                raise
        _enable_wal(connection, busy_timeout)
        connection.execute("PRAGMA synchronous = FULL")
        connection.execute("PRAGMA foreign_keys = ON")
    except sqlite3.Error as error:
        raise _translate(error, path, busy_timeout) from None


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
    if version < 1 or not {"votes", "poll_state"} <= tables:
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


def _is_busy(error: sqlite3.Error) -> bool:
    text = str(error).lower()
    return "locked" in text or "busy" in text


def _is_corruption(error: sqlite3.Error) -> bool:
    text = str(error).lower()
    return "not a database" in text or "malformed" in text or "corrupt" in text


def _translate(error: sqlite3.Error, path: Path, busy_timeout: float) -> StoreError:
    """Turn an SQLite error into a :class:`StoreError` that names the file."""
    text = str(error).lower()
    if _is_busy(error):
        return StoreError(
            f"vote store {path} is locked by another process (waited {busy_timeout:g} s);"
            " try again, or close the other program using it",
            path,
        )
    if "readonly" in text or "read-only" in text:
        return StoreError(
            f"cannot write the vote store {path}: it or its folder is read-only"
            " (set PODIUM_DATA_DIR to a writable folder)",
            path,
        )
    if _is_corruption(error):
        return StoreError(f"vote store {path} is damaged ({error}); move it away to start afresh",
                          path)
    if "unable to open" in text:
        return StoreError(
            f"cannot open the vote store {path} ({error}); check that its folder is writable",
            path,
        )
    if "disk" in text or "full" in text:
        return StoreError(f"cannot write the vote store {path}: {error}", path)
    return StoreError(f"vote store {path}: {error}", path)
