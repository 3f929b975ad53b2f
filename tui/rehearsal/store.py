"""The rehearsal store: every rehearsal's slide timings, in one SQLite file.

The only place rehearsals touch SQLite, through :mod:`tui.storage.sqlite`
and :mod:`tui.storage.checks` (shared with the vote store: the same checks
before anything writes, WAL, transactions and messages). The file
(``rehearsals.sqlite3`` in the user data folder) holds the rehearsals of
every deck, told apart by the deck's :func:`~tui.paths.deck_identity` (its
resolved path). Timings are written as they are recorded, each write one
committed transaction, so a rehearsal cut short by a crash, Ctrl+C or
``kill`` keeps what was recorded up to its last save; such a rehearsal has
no end time and is listed as interrupted. Commits use
``synchronous=NORMAL``: they survive the app crashing (not a power cut) and
cost no ``fsync`` on the presenter's key press.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.paths import create_file, deck_identity, make_private_dirs, user_data_dir
from tui.rehearsal.records import Rehearsal, RehearsalStoreError, SlideInfo, StoreError, Timing
from tui.storage import checks, sqlite

if TYPE_CHECKING:
    import sqlite3

__all__ = [
    "Rehearsal",
    "RehearsalStore",
    "RehearsalStoreError",
    "SlideInfo",
    "StoreError",
    "Timing",
]

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


def _rehearsal(row: tuple[Any, ...]) -> Rehearsal:
    rehearsal, deck, title, started, ended, duration, total, skipped = row
    numbers = tuple(sorted(int(number) for number in str(skipped).split(",") if number))
    return Rehearsal(rehearsal, deck, title, started, ended, duration, total, numbers)


KIND = sqlite.Kind(
    noun="rehearsal store",
    application_id=APPLICATION_ID,
    version=SCHEMA_VERSION,
    tables={1: frozenset({"rehearsal", "slide", "timing"})},
    scripts={
        0: _SCHEMA
        + f"PRAGMA user_version = {SCHEMA_VERSION}; PRAGMA application_id = {APPLICATION_ID};"
    },
    error=RehearsalStoreError,
    elsewhere="PODIUM_DATA_DIR",
    what="the rehearsal tables",
    synchronous="NORMAL",
    setup=("PRAGMA foreign_keys = ON",),
    untouched="it was left as it is",
)
"""What a rehearsal store file is, for :mod:`tui.storage.checks` and :mod:`tui.storage.sqlite`."""

BUSY_TIMEOUT = 5.0
"""Seconds a write waits for another process's write before giving up."""


def default_path() -> Path:
    """Where rehearsals are kept: the user data folder (not created here)."""
    return user_data_dir() / FILE_NAME


def deck_id(deck_path: str | os.PathLike[str]) -> str:
    """How the store names a deck: :func:`tui.paths.deck_identity`, its resolved path."""
    return deck_identity(deck_path)


class RehearsalStore:
    """Rehearsals of every deck in one SQLite file.

    Use :meth:`open`. Methods raise :class:`StoreError` when the file cannot
    be read or written.
    """

    def __init__(self, database: sqlite.Database) -> None:
        self._db = database
        self.path = database.path

    @classmethod
    def open(cls, path: Path | None = None) -> RehearsalStore:
        """Open (creating if needed) the store at ``path``.

        A new file is private to the user (``0600``, new folders ``0700``,
        whatever the umask); an existing one of the user's loses any access
        other users had. An existing file is checked through a read-only
        connection first (:func:`tui.storage.checks.inspect`): a file that is
        not an undamaged rehearsal store this Podium reads is never written to.

        Args:
            path: The SQLite file; defaults to :func:`default_path`.

        Raises:
            StoreError: The file is not a rehearsal store, is damaged, from
                a newer Podium, or cannot be created.
        """
        path = path or default_path()
        try:
            make_private_dirs(path.parent)
            created = create_file(path)
        except OSError as error:
            raise RehearsalStoreError(
                f"cannot open the rehearsal store {path}: {error.strerror or error}", path
            ) from None
        if not created:
            if path.stat().st_size > 0:
                try:
                    checks.inspect(path, KIND, BUSY_TIMEOUT, require_store=False).close()
                except sqlite.NeedsRecovery:
                    pass  # a crashed writer's journal: the read-write connection replays it
            try:
                _narrow(path)
            except OSError as error:
                raise RehearsalStoreError(
                    f"cannot open the rehearsal store {path}: {error.strerror or error}", path
                ) from None
        connection = sqlite.open_file(path, KIND, BUSY_TIMEOUT)
        try:
            checks.prepare(connection, path, KIND, BUSY_TIMEOUT)
        except BaseException:
            connection.close()
            raise
        return cls(sqlite.Database(connection, path, KIND, BUSY_TIMEOUT))

    @classmethod
    def open_read_only(cls, path: Path | None = None) -> RehearsalStore | None:
        """Open the store at ``path`` for reading only; nothing is created or
        written, not even a side file (:func:`tui.storage.checks.inspect`).

        Args:
            path: The SQLite file; defaults to :func:`default_path`.

        Returns:
            The store, or None when none was set up yet (no or empty file).

        Raises:
            StoreError: The file is not an undamaged rehearsal store this
                Podium reads, or a crash left it mid-write.
        """
        path = path or default_path()
        try:
            if path.stat().st_size == 0:
                return None
        except FileNotFoundError:
            return None
        except OSError as error:
            raise RehearsalStoreError(
                f"cannot read the rehearsal store {path}: {error.strerror or error}", path
            ) from None
        try:
            connection = checks.inspect(path, KIND, BUSY_TIMEOUT, require_store=False)
        except sqlite.NeedsRecovery:
            raise RehearsalStoreError(
                f"rehearsal store {path} was left mid-write by a crash; rehearse once"
                " to repair it, then read it again",
                path,
            ) from None
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        if version == 0:  # an empty database, not yet set up: nothing recorded
            connection.close()
            return None
        return cls(sqlite.Database(connection, path, KIND, BUSY_TIMEOUT))

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

        def write(db: sqlite3.Connection) -> int:
            cursor = db.execute(
                "INSERT INTO rehearsal (deck, title, started, duration) VALUES (?, ?, ?, ?)",
                (deck_id(deck_path), title, started, duration),
            )
            rehearsal = int(cursor.lastrowid or 0)
            db.executemany(
                "INSERT INTO slide (rehearsal, number, title, steps, budget)"
                " VALUES (?, ?, ?, ?, ?)",
                [(rehearsal, *info) for info in slides],
            )
            return rehearsal

        return self._db.write(write)

    def save(self, rehearsal: int, timings: Iterable[Timing]) -> None:
        """Store the totals so far (replacing earlier ones for the same step).

        Args:
            rehearsal: From :meth:`begin`.
            timings: Totals per slide and step.
        """
        rows = [(rehearsal, *timing) for timing in timings]
        if not rows:
            return
        self._db.write(
            lambda db: db.executemany(
                "INSERT INTO timing (rehearsal, number, step, seconds, visits)"
                " VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (rehearsal, number, step) DO UPDATE SET "
                "seconds = excluded.seconds, visits = excluded.visits",
                rows,
            )
        )

    def replace_slides(
        self,
        rehearsal: int,
        title: str,
        duration: float | None,
        slides: Sequence[SlideInfo],
        timings: Iterable[Timing],
    ) -> None:
        """The deck was reloaded during the rehearsal: store its slides and totals anew.

        Args:
            rehearsal: From :meth:`begin`.
            title: The deck's title now.
            duration: Its target length in seconds now, or None.
            slides: Its slides now.
            timings: Every total so far, moved to the slides' new numbers.
        """

        def write(db: sqlite3.Connection) -> None:
            db.execute(
                "UPDATE rehearsal SET title = ?, duration = ? WHERE id = ?",
                (title, duration, rehearsal),
            )
            db.execute("DELETE FROM timing WHERE rehearsal = ?", (rehearsal,))
            db.execute("DELETE FROM slide WHERE rehearsal = ?", (rehearsal,))
            db.executemany(
                "INSERT INTO slide (rehearsal, number, title, steps, budget)"
                " VALUES (?, ?, ?, ?, ?)",
                [(rehearsal, *info) for info in slides],
            )
            db.executemany(
                "INSERT INTO timing (rehearsal, number, step, seconds, visits)"
                " VALUES (?, ?, ?, ?, ?)",
                [(rehearsal, *timing) for timing in timings],
            )

        self._db.write(write)

    def finish(self, rehearsal: int, ended: float) -> None:
        """Record that a rehearsal ended normally at unix time ``ended``."""
        self._db.write(
            lambda db: db.execute("UPDATE rehearsal SET ended = ? WHERE id = ?", (ended, rehearsal))
        )

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
            "SELECT number, step, seconds, visits FROM timing"
            " WHERE rehearsal = ? ORDER BY number, step",
            (rehearsal,),
        )
        return [Timing(*row) for row in rows]

    def _read(self, sql: str, parameters: tuple[object, ...]) -> list[Any]:
        return self._db.run(lambda db: db.execute(sql, parameters).fetchall())


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
