"""The rehearsal store: every rehearsal's slide timings, in one SQLite file.

The only place rehearsals touch SQLite. The file (``rehearsals.sqlite3`` in
the user data folder) holds the rehearsals of every deck, told apart by the
deck's resolved path. Timings are written as they are recorded, each write
one committed transaction, so a rehearsal cut short by a crash, Ctrl+C or
``kill`` keeps what was recorded up to its last save; such a rehearsal has no
end time and is listed as interrupted.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import NamedTuple

from tui.paths import create_file, make_private_dirs, readonly_sqlite_uri, user_data_dir

SCHEMA_VERSION = 1
"""``PRAGMA user_version`` of a rehearsal store this Podium writes."""

APPLICATION_ID = 0x506F6452
"""``PRAGMA application_id`` marking a rehearsal store (ASCII ``PodR``)."""

FILE_NAME = "rehearsals.sqlite3"

_SCHEMA = """
CREATE TABLE rehearsal (
    id INTEGER PRIMARY KEY,
    deck TEXT NOT NULL,          -- resolved absolute path of the deck
    title TEXT NOT NULL,         -- the deck's title then
    started REAL NOT NULL,       -- unix time, seconds
    ended REAL,                  -- NULL: interrupted (or still running)
    duration REAL                -- the deck's target, seconds, or NULL
);
CREATE INDEX rehearsal_deck ON rehearsal (deck, id);
CREATE TABLE slide (             -- the deck's slides as rehearsed
    rehearsal INTEGER NOT NULL REFERENCES rehearsal (id) ON DELETE CASCADE,
    number INTEGER NOT NULL,     -- 1-based
    title TEXT NOT NULL,
    steps INTEGER NOT NULL,      -- reveal steps
    budget REAL,                 -- time: in seconds, or NULL
    PRIMARY KEY (rehearsal, number)
);
CREATE TABLE timing (            -- seconds on screen per slide and reveal step
    rehearsal INTEGER NOT NULL REFERENCES rehearsal (id) ON DELETE CASCADE,
    number INTEGER NOT NULL,     -- 1-based slide
    step INTEGER NOT NULL,
    seconds REAL NOT NULL,
    visits INTEGER NOT NULL,     -- times the slide came on screen at this step
    PRIMARY KEY (rehearsal, number, step)
);
"""


_SELECT_REHEARSAL = (
    "SELECT r.id, r.deck, r.title, r.started, r.ended, r.duration, "
    "coalesce((SELECT sum(seconds) FROM timing t WHERE t.rehearsal = r.id), 0), "
    # The slides never shown: no timing row with time or a visit.
    "coalesce((SELECT group_concat(s.number) FROM slide s WHERE s.rehearsal = r.id AND NOT EXISTS "
    "(SELECT 1 FROM timing t WHERE t.rehearsal = r.id AND t.number = s.number "
    "AND (t.seconds > 0 OR t.visits > 0))), '') "
)


def _rehearsal(row: tuple) -> Rehearsal:  # type: ignore[type-arg]
    *fields, skipped = row
    numbers = tuple(sorted(int(number) for number in str(skipped).split(",") if number))
    return Rehearsal(*fields, skipped=numbers)


class StoreError(Exception):
    """The rehearsal store cannot be opened or written; the message names the file."""


class SlideInfo(NamedTuple):
    """A slide as it was when rehearsed.

    Attributes:
        number: 1-based slide number.
        title: Its title (or what stands for it).
        steps: Its reveal steps.
        budget: Its ``time:`` in seconds, or None.
    """

    number: int
    title: str
    steps: int
    budget: float | None


class Timing(NamedTuple):
    """Time spent at one reveal step of one slide.

    Attributes:
        number: 1-based slide number.
        step: Reveal step (0 = before the first item).
        seconds: Seconds on screen, all visits added up.
        visits: How many times the slide came on screen at this step (a
            slide's visits are the sum over its steps).
    """

    number: int
    step: int
    seconds: float
    visits: int


class Rehearsal(NamedTuple):
    """One stored rehearsal.

    Attributes:
        id: Its number in the store.
        deck: Resolved path of the deck.
        title: The deck's title.
        started: Unix time it started.
        ended: Unix time it ended, or None when it was interrupted.
        duration: The deck's target length in seconds, or None.
        total: Seconds recorded over all slides.
        skipped: 1-based numbers of the slides never shown (no time and no
            visit recorded), in order.
    """

    id: int
    deck: str
    title: str
    started: float
    ended: float | None
    duration: float | None
    total: float
    skipped: tuple[int, ...] = ()

    @property
    def complete(self) -> bool:
        """Ended normally with every slide shown; else interrupted or skipping slides."""
        return self.ended is not None and not self.skipped


def default_path() -> Path:
    """Where rehearsals are kept: the user data folder (not created here)."""
    return user_data_dir() / FILE_NAME


def deck_id(deck_path: str | os.PathLike[str]) -> str:
    """How the store names a deck: its resolved absolute path."""
    return os.path.realpath(os.fspath(deck_path))


class RehearsalStore:
    """Rehearsals of every deck in one SQLite file.

    Use :meth:`open`. Methods raise :class:`StoreError` when the file cannot
    be read or written.
    """

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._db = connection
        self.path = path

    @classmethod
    def open(cls, path: Path | None = None) -> RehearsalStore:
        """Open (creating if needed) the store at ``path``.

        A new file is private to the user (``0600``, new folders ``0700``,
        whatever the umask); an existing one of the user's loses any access
        other users had. An existing file is checked through a read-only
        connection first: a file that is not an undamaged rehearsal store
        this Podium reads is never written to.

        Args:
            path: The SQLite file; defaults to :func:`default_path`.

        Raises:
            StoreError: The file is not a rehearsal store, is damaged, from
                a newer Podium, or cannot be created.
        """
        path = path or default_path()
        try:
            make_private_dirs(path.parent)
            if not create_file(path):
                if path.stat().st_size > 0:
                    _inspect(path)
                _narrow(path)
            connection = sqlite3.connect(path, timeout=5.0, isolation_level=None)
        except (OSError, sqlite3.Error) as error:
            raise StoreError(f"cannot open the rehearsal store {path}: {error}") from None
        store = cls(connection, path)
        try:
            store._prepare()
        except sqlite3.DatabaseError as error:
            connection.close()
            raise StoreError(f"{path} is not a Podium rehearsal store ({error})") from None
        except StoreError:
            connection.close()
            raise
        return store

    def _prepare(self) -> None:
        db = self._db
        db.execute("PRAGMA foreign_keys = ON")
        # WAL with NORMAL sync: a commit survives the app crashing (not a
        # power cut) and costs no fsync on the presenter's key press.
        db.execute("PRAGMA synchronous = NORMAL")
        version, application, tables = _identify(db)
        if tables == 0 and application == 0 and version == 0:
            db.execute("PRAGMA journal_mode = WAL")
            db.executescript(
                "BEGIN;"
                + _SCHEMA
                + f"PRAGMA user_version = {SCHEMA_VERSION}; PRAGMA application_id = {APPLICATION_ID};"
                + "COMMIT;"
            )
            return
        _check_identity(self.path, version, application)

    def _transaction(self):  # type: ignore[no-untyped-def]
        return _Transaction(self._db, self.path)

    def close(self) -> None:
        """Close the file."""
        self._db.close()

    # -- writing ---------------------------------------------------------------

    def begin(
        self,
        deck_path: str,
        title: str,
        started: float,
        duration: float | None,
        slides: Sequence[SlideInfo],
    ) -> int:
        """Record that a rehearsal started.

        Args:
            deck_path: The deck file.
            title: The deck's title.
            started: Unix time.
            duration: The deck's target length in seconds, or None.
            slides: The deck's slides.

        Returns:
            The new rehearsal's id.
        """
        with self._transaction() as db:
            cursor = db.execute(
                "INSERT INTO rehearsal (deck, title, started, duration) VALUES (?, ?, ?, ?)",
                (deck_id(deck_path), title, started, duration),
            )
            rehearsal = int(cursor.lastrowid or 0)
            db.executemany(
                "INSERT INTO slide (rehearsal, number, title, steps, budget) VALUES (?, ?, ?, ?, ?)",
                [(rehearsal, *info) for info in slides],
            )
        return rehearsal

    def save(self, rehearsal: int, timings: Iterable[Timing]) -> None:
        """Store the totals so far (replacing earlier ones for the same step).

        Args:
            rehearsal: From :meth:`begin`.
            timings: Totals per slide and step.
        """
        rows = [(rehearsal, *timing) for timing in timings]
        if not rows:
            return
        with self._transaction() as db:
            db.executemany(
                "INSERT INTO timing (rehearsal, number, step, seconds, visits) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (rehearsal, number, step) DO UPDATE SET "
                "seconds = excluded.seconds, visits = excluded.visits",
                rows,
            )

    def finish(self, rehearsal: int, ended: float) -> None:
        """Record that a rehearsal ended normally at unix time ``ended``."""
        with self._transaction() as db:
            db.execute("UPDATE rehearsal SET ended = ? WHERE id = ?", (ended, rehearsal))

    # -- reading ---------------------------------------------------------------

    def rehearsals(self, deck_path: str) -> list[Rehearsal]:
        """Every rehearsal of a deck, oldest first."""
        rows = self._read(
            _SELECT_REHEARSAL + "FROM rehearsal r WHERE r.deck = ? ORDER BY r.id",
            (deck_id(deck_path),),
        )
        return [_rehearsal(row) for row in rows]

    def get(self, rehearsal: int) -> Rehearsal | None:
        """One rehearsal by id, or None."""
        rows = self._read(
            _SELECT_REHEARSAL + "FROM rehearsal r WHERE r.id = ?",
            (rehearsal,),
        )
        return _rehearsal(rows[0]) if rows else None

    def slides(self, rehearsal: int) -> list[SlideInfo]:
        """The slides of a rehearsal, in order."""
        rows = self._read(
            "SELECT number, title, steps, budget FROM slide WHERE rehearsal = ? ORDER BY number",
            (rehearsal,),
        )
        return [SlideInfo(*row) for row in rows]

    def timings(self, rehearsal: int) -> list[Timing]:
        """The timings of a rehearsal, by slide and step."""
        rows = self._read(
            "SELECT number, step, seconds, visits FROM timing WHERE rehearsal = ? ORDER BY number, step",
            (rehearsal,),
        )
        return [Timing(*row) for row in rows]

    def _read(self, sql: str, parameters: tuple[object, ...]) -> list[tuple]:  # type: ignore[type-arg]
        try:
            return self._db.execute(sql, parameters).fetchall()
        except sqlite3.Error as error:
            raise StoreError(f"cannot read the rehearsal store {self.path}: {error}") from None


def _identify(db: sqlite3.Connection) -> tuple[int, int, int]:
    """``(user_version, application_id, number of schema objects)``."""
    version = db.execute("PRAGMA user_version").fetchone()[0]
    application = db.execute("PRAGMA application_id").fetchone()[0]
    tables = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    return int(version), int(application), int(tables)


def _check_identity(path: Path, version: int, application: int) -> None:
    if application != APPLICATION_ID:
        raise StoreError(f"{path} is not a Podium rehearsal store; it was left as it is")
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path} was written by a newer Podium (schema {version}); upgrade Podium"
        )


def _inspect(path: Path) -> None:
    """Check, reading only, that ``path`` is an undamaged rehearsal store.

    Raises:
        StoreError: It is not SQLite, is damaged, another program's
            database, or from a newer Podium; it was not touched.
    """
    try:
        with open(path, "rb") as file:
            magic = file.read(16)
        if magic != b"SQLite format 3\x00":
            raise StoreError(f"{path} is not a Podium rehearsal store; it was left as it is")
        db = sqlite3.connect(readonly_sqlite_uri(path), uri=True, timeout=5.0)
        try:
            version, application, tables = _identify(db)
            if tables or application or version:
                _check_identity(path, version, application)
                problems = [row[0] for row in db.execute("PRAGMA quick_check(3)")]
                if problems != ["ok"]:
                    raise StoreError(
                        f"rehearsal store {path} is damaged ({'; '.join(problems)});"
                        " it was left as it is: move it away to start afresh"
                    )
        finally:
            db.close()
    except sqlite3.DatabaseError as error:
        if getattr(error, "sqlite_errorname", "") == "SQLITE_READONLY_ROLLBACK":
            return  # a crashed writer's journal: the read-write connection replays it
        raise StoreError(
            f"{path} is not a Podium rehearsal store, or a damaged one ({error});"
            " it was left as it is"
        ) from None


def _narrow(path: Path) -> None:
    """Take away other users' access to an existing store file of this user's."""
    info = path.stat()
    if info.st_uid == os.geteuid() and info.st_mode & 0o077:
        os.chmod(path, info.st_mode & 0o700)
    for suffix in ("-wal", "-shm"):
        try:
            side = os.lstat(f"{path}{suffix}")
        except OSError:
            continue
        if side.st_uid == os.geteuid() and side.st_mode & 0o077:
            os.chmod(f"{path}{suffix}", side.st_mode & 0o700)


class _Transaction:
    """``with``: one committed transaction, or a rollback and a StoreError."""

    def __init__(self, db: sqlite3.Connection, path: Path) -> None:
        self._db = db
        self._path = path

    def __enter__(self) -> sqlite3.Connection:
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            raise StoreError(f"cannot write the rehearsal store {self._path}: {error}") from None
        return self._db

    def __exit__(self, kind, error, traceback) -> bool:  # type: ignore[no-untyped-def]
        if error is None:
            try:
                self._db.execute("COMMIT")
                return False
            except sqlite3.Error as commit_error:
                error = commit_error
        if self._db.in_transaction:
            self._db.rollback()
        if isinstance(error, sqlite3.Error):
            raise StoreError(f"cannot write the rehearsal store {self._path}: {error}") from None
        return False
