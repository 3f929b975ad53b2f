"""The vote store: every poll vote, in an SQLite file, safe across processes.

This module, with :mod:`tui.polls.schema` and :mod:`tui.polls.store_errors`,
is the only code in Podium's polls that touches SQLite. One store file holds
the votes of one deck (see :meth:`VoteStore.for_deck`), or of a whole
workshop when the presenter shares one file with a group (``--store PATH
--shared-store``; see :mod:`tui.polls.access` for who may write a store).
The presenter's app and any number of ``podium vote`` processes may open the
same file at once:

- The database runs in WAL mode, so readers never block the writer, with
  ``synchronous=FULL``, so a vote whose :meth:`VoteStore.vote` has returned
  survives a crash, ``kill -9`` or power loss.
- Every write is one committed transaction before the method returns; a
  vote's checks (poll open, on screen) and its write are one transaction.
- Writers wait up to a busy timeout (5 s by default) for each other.
- :meth:`VoteStore.data_version` changes whenever *another* connection
  commits, which lets the presenter and the voters notice changes cheaply.
- The presenter publishes what is on its screen (the *stage*: which poll,
  open or closed, results revealed) so voters can follow it.

Votes are stored against option ids (see :mod:`tui.deck.poll_options`), with
the option's text alongside. A vote whose option the deck no longer has is
kept and reported as orphaned, never counted for another option. A reset
moves a poll's votes to a backup table, from which they can be restored.

Anything wrong with the file (not SQLite, corrupt, from a newer Podium,
read-only, locked) raises :class:`StoreError` with a message naming the file;
an existing file is checked through a read-only connection before anything
writes to it, so a file that is not an undamaged Podium vote store is never
modified. ``podium results`` opens stores read-only (``read_only=True``). A store of schema
version 1 is upgraded in place, in one transaction, after a backup copy is
written next to it.

Which module owns what:

- :mod:`tui.polls.store` (this module): :class:`VoteStore` and its public
  methods (voting, results, resets, the stage), where a deck's votes are
  kept (:func:`store_path_for_deck`), and the queries and counting behind
  the methods.
- :mod:`tui.polls.schema`: the tables, the schema version, checking that a
  file is a Podium vote store, creating it, and upgrading older versions.
- :mod:`tui.polls.store_errors`: :class:`StoreError`, checks of where the
  store file lives, and turning SQLite errors into plain messages.
- :mod:`tui.polls.access`: who may write the store (file and folder modes).

Every name other modules use is importable from here.
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
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TypeVar

import msgspec

from tui.deck.model import Poll
from tui.paths import create_file
from tui.polls.model import (
    Ballot,
    Orphan,
    PollResults,
    Stage,
    Status,
    VoteRecord,
    VoteRefused,
)
from tui.polls.schema import (
    APPLICATION_ID,
    MEMORY,
    SCHEMA_VERSION,
    _inspect,
    _NeedsRecovery,
    _prepare,
)
from tui.polls.store_errors import StoreError, _check_location, _translate
from tui.polls.voters import voter_name_problem

__all__ = [
    "APPLICATION_ID",
    "DEFAULT_BUSY_TIMEOUT",
    "HAND_PREFIX",
    "MEMORY",
    "SCHEMA_VERSION",
    "StoreError",
    "VoteStore",
    "is_hand_vote",
    "store_path_for_deck",
]

DEFAULT_BUSY_TIMEOUT = 5.0
"""Seconds a write waits for another process's write before giving up."""

HAND_PREFIX = "hand:"
"""Voter ids starting with this are anonymous votes keyed in by the presenter."""

_T = TypeVar("_T")


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


def is_hand_vote(voter: str) -> bool:
    """Whether ``voter`` is an anonymous vote keyed in by the presenter."""
    return voter.startswith(HAND_PREFIX)


class VoteStore:
    """Votes of one deck's polls, kept in an SQLite file.

    Create one with :meth:`open`, :meth:`for_deck` or :meth:`in_memory`;
    :meth:`close` it when done (or use it as a context manager). Methods may
    be called from any thread; calls are serialised.

    Attributes:
        path: The store file (:data:`MEMORY` for an in-memory store).
        notes: What the presenter should know about who may write the file
            (permissions narrowed, a folder anyone may write); empty when
            all is well.
        read_only: Opened with ``read_only``: every write raises
            :class:`StoreError`.
    """

    def __init__(self, connection: sqlite3.Connection, path: Path, busy_timeout: float) -> None:
        """Wrap an open, validated connection; use :meth:`open` instead."""
        self._connection: sqlite3.Connection | None = connection
        self.path = path
        self.notes: tuple[str, ...] = ()
        self.read_only = False
        self._busy_timeout = busy_timeout
        self._lock = threading.Lock()

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        busy_timeout: float = DEFAULT_BUSY_TIMEOUT,
        create: bool = True,
        shared: bool = False,
        read_only: bool = False,
    ) -> VoteStore:
        """Open the store at ``path``; the presenter's open creates it if needed.

        An existing file is first checked through a read-only connection
        (see :func:`tui.polls.schema._inspect`): a file that is not an
        undamaged Podium store this Podium reads is refused before anything
        can write to it.

        With ``create`` (the presenter), the store is made private to its
        owner (``0600``, its new folders ``0700``) or, with ``shared``,
        writable by the file's group (``0660``), whatever the umask or the
        folder; see :mod:`tui.polls.access`. :attr:`notes` says what was
        changed or looks unsafe. Without ``create`` (voters, ``podium
        results``) the permissions are left alone and a file no presenter
        has set up yet (empty) is refused, never set up.

        Args:
            path: The store file.
            busy_timeout: Seconds to wait for another process's write lock.
            create: Create the file and its folders when missing and set
                them up; when False a missing or empty file raises
                :class:`StoreError`.
            shared: With ``create``: make the store group-writable, for
                voters who are other Unix users in the file's group.
            read_only: Open without any write access (``podium results``):
                nothing is ever written, no side file is created.

        Returns:
            The open store.

        Raises:
            StoreError: The file is missing or empty (without ``create``),
                is not a Podium vote store (not SQLite, damaged, or another
                program's database), was written by a newer Podium, cannot
                be created or written (read-only folder or file), sits where
                it cannot be kept safe, or stays locked by another process.
        """
        from tui.polls import access

        path = Path(path).expanduser()
        create = create and not read_only
        if not create and not path.exists():
            raise StoreError(f"there is no vote store at {path} (no votes recorded yet)", path)
        if read_only:
            try:
                connection = _inspect(path, busy_timeout, require_store=True)
            except _NeedsRecovery:
                raise StoreError(
                    f"vote store {path} was left mid-write by a crash; present from it once"
                    " (or vote in it) to repair it, then read it again",
                    path,
                ) from None
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            if version < SCHEMA_VERSION:
                connection.close()
                raise StoreError(
                    f"vote store {path} was written by an older Podium (schema version"
                    f" {version}); present from it once (podium --store PATH) to upgrade it,"
                    " keeping a backup copy, then read it again",
                    path,
                )
            store = cls(connection, path, busy_timeout)
            store.read_only = True
            return store
        notes: list[str] = []
        if create:
            notes += access.prepare_folder(path, shared)
        _check_location(path)
        if create:
            access.secure_files(path, shared, fix=False)
        if path.exists() and path.stat().st_size > 0:
            try:
                _inspect(path, busy_timeout, require_store=not create).close()
            except _NeedsRecovery:
                pass  # the read-write connection replays the crashed writer's journal
        elif path.exists() and not create:
            raise StoreError(
                f"{path} holds no votes yet: no presenter has set it up as a vote store",
                path,
                empty=True,
            )
        if create:
            notes += access.secure_files(path, shared)
            try:
                create_file(path, access.store_mode(shared))
            except OSError as error:
                raise StoreError(
                    f"cannot create the vote store {path}: {error.strerror or error}"
                    " (set PODIUM_DATA_DIR, or --store, to a writable place)",
                    path,
                ) from None
        try:
            connection = sqlite3.connect(
                f"{path.resolve().as_uri()}?mode=rw",
                uri=True,
                timeout=busy_timeout,
                isolation_level=None,  # autocommit: transactions are explicit
                check_same_thread=False,
            )
        except sqlite3.Error as error:
            raise _translate(error, path, busy_timeout) from None
        try:
            _prepare(connection, path, busy_timeout, create=create)
        except BaseException:
            connection.close()
            raise
        store = cls(connection, path, busy_timeout)
        store.notes = tuple(notes)
        return store

    @classmethod
    def for_deck(
        cls,
        deck_source: str,
        *,
        busy_timeout: float = DEFAULT_BUSY_TIMEOUT,
        create: bool = True,
        read_only: bool = False,
    ) -> VoteStore:
        """Open the store that keeps the votes of the deck at ``deck_source``.

        Args:
            deck_source: Path of the deck file (see :func:`store_path_for_deck`).
            busy_timeout: Seconds to wait for another process's write lock.
            create: As for :meth:`open`.
            read_only: As for :meth:`open`.

        Returns:
            The open store.

        Raises:
            StoreError: As for :meth:`open`.
        """
        return cls.open(
            store_path_for_deck(deck_source),
            busy_timeout=busy_timeout,
            create=create,
            read_only=read_only,
        )

    @classmethod
    def in_memory(cls) -> VoteStore:
        """A private store that lives as long as the object (tests, no file).

        Returns:
            An empty store; nothing is written to disk.
        """
        connection = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        _prepare(connection, MEMORY, 0.0)
        return cls(connection, MEMORY, 0.0)

    # ------------------------------------------------------------------ voting

    def vote(
        self,
        poll: Poll,
        option_ids: Iterable[str],
        voter: str | None = None,
        *,
        audience: bool = False,
    ) -> Ballot:
        """Record a vote; it is committed to disk when this returns.

        A voter has one vote per poll: a new vote from the same voter
        replaces their earlier one (all its options, for a multiple-choice
        poll). The checks below and the write are one transaction, so a
        vote is never stored in a poll that was closed a moment before.

        Args:
            poll: The poll voted on.
            option_ids: Ids of the chosen options (``poll.ids``); exactly one
                unless ``poll.multiple``.
            voter: The audience member's id, or None for an anonymous vote
                keyed in by the presenter (each one counts separately).
            audience: The vote comes from ``podium vote``: refuse it unless
                the poll is on the presenter's screen now with these options.

        Returns:
            The stored ballot.

        Raises:
            ValueError: No option, an unknown option id, several options on
                a single-choice poll, or an empty voter id.
            VoteRefused: The poll is closed; or (``audience``) it is not on
                the presenter's screen, or its options changed.
            StoreError: The vote could not be written.
        """
        chosen = set(option_ids)
        ids = poll.ids
        unknown = sorted(chosen - set(ids))
        if unknown:
            raise ValueError(f"poll {poll.id!r} has no option {unknown[0]!r}")
        if not chosen:
            raise ValueError("a vote needs at least one option")
        if len(chosen) > 1 and not poll.multiple:
            raise ValueError(f"poll {poll.id!r} takes one option, got {len(chosen)}")
        if voter is None:
            voter = f"{HAND_PREFIX}{uuid.uuid4()}"
        elif not voter.strip():
            raise ValueError("a voter id must not be empty (use None for an anonymous vote)")
        elif (problem := voter_name_problem(voter)) is not None:
            raise ValueError(problem)
        choices = tuple(option for option in ids if option in chosen)
        labels = dict(zip(ids, poll.options))
        cast_at = time.time()

        def write(db: sqlite3.Connection) -> None:
            if _closed(db, poll.id):
                raise VoteRefused(f"the poll “{poll.question}” is closed")
            if audience:
                row = db.execute("SELECT poll_id, presenter_pid FROM stage WHERE id = 1").fetchone()
                if row is None or row[0] != poll.id or row[1] is None:
                    raise VoteRefused(
                        f"the poll “{poll.question}” is no longer on the presenter's screen"
                    )
                shown = _read_spec(db, poll.id)
                if shown is not None and not chosen <= set(shown.ids):
                    raise VoteRefused(
                        f"the poll “{poll.question}” has changed since it was shown to you;"
                        " look at its options again and vote anew"
                    )
            db.execute("DELETE FROM votes WHERE poll_id = ? AND voter = ?", (poll.id, voter))
            db.executemany(
                "INSERT INTO votes (poll_id, voter, option_id, label, cast_at)"
                " VALUES (?, ?, ?, ?, ?)",
                [(poll.id, voter, option, labels[option], cast_at) for option in choices],
            )

        self._write(write)
        return Ballot(poll.id, voter, choices, cast_at)

    def ballot(self, poll_id: str, voter: str) -> Ballot | None:
        """A voter's current vote on a poll.

        Args:
            poll_id: The poll.
            voter: The voter's id.

        Returns:
            The ballot (ids of votes from schema 1 are left out), or None
            when the voter has not voted.

        Raises:
            StoreError: The store could not be read.
        """
        rows = self._read(
            lambda db: db.execute(
                "SELECT option_id, cast_at FROM votes WHERE poll_id = ? AND voter = ? ORDER BY id",
                (poll_id, voter),
            ).fetchall()
        )
        if not rows:
            return None
        return Ballot(poll_id, voter, tuple(row[0] for row in rows if row[0]), float(rows[0][1]))

    def undo_last(self, poll_id: str) -> bool:
        """Remove the newest anonymous (presenter-keyed) vote of a poll.

        Args:
            poll_id: The poll's id.

        Returns:
            True if a vote was removed, False if the poll had none.

        Raises:
            VoteRefused: The poll is closed (checked in the same transaction).
            StoreError: The store could not be written.
        """

        def write(db: sqlite3.Connection) -> int:
            if _closed(db, poll_id):
                raise VoteRefused("the poll is closed")
            return db.execute(
                "DELETE FROM votes WHERE poll_id = ? AND voter = ("
                " SELECT voter FROM votes WHERE poll_id = ? AND voter GLOB ?"
                " ORDER BY id DESC LIMIT 1)",
                (poll_id, poll_id, f"{HAND_PREFIX}*"),
            ).rowcount

        return self._write(write) > 0

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

    # ------------------------------------------------------------------ results

    def results(self, poll: Poll) -> PollResults:
        """Votes per option of ``poll``, as the deck defines it now.

        A stored vote counts for the option with its id; a vote from
        schema 1 (no id) counts for the option with its text. Any other
        vote is orphaned: reported, never counted.

        Args:
            poll: The poll.

        Returns:
            The counts, distinct voters, orphans and closed flag, read in
            one snapshot.

        Raises:
            StoreError: The store could not be read.
        """

        def read(db: sqlite3.Connection) -> PollResults:
            rows = db.execute(
                "SELECT voter, option_id, label FROM votes WHERE poll_id = ?", (poll.id,)
            ).fetchall()
            return _tally(poll, rows, _closed(db, poll.id))

        return self._read(read)

    def records(self, poll: Poll) -> list[VoteRecord]:
        """Every stored choice of a poll, cleared ones included, oldest first.

        Args:
            poll: The poll (its options decide what counts and what is orphaned).

        Returns:
            One record per chosen option per voter.

        Raises:
            StoreError: The store could not be read.
        """

        def read(db: sqlite3.Connection) -> tuple[list[tuple], list[tuple]]:
            current = db.execute(
                "SELECT voter, option_id, label, cast_at FROM votes WHERE poll_id = ? ORDER BY id",
                (poll.id,),
            ).fetchall()
            cleared = db.execute(
                "SELECT voter, option_id, label, cast_at, cleared_at FROM cleared_votes"
                " WHERE poll_id = ? ORDER BY id",
                (poll.id,),
            ).fetchall()
            return current, cleared

        current, cleared = self._read(read)
        records = [
            VoteRecord(
                poll.id,
                voter,
                option_id,
                label,
                cast_at,
                Status.COUNTED
                if _option_index(poll, option_id, label) is not None
                else Status.ORPHANED,
            )
            for voter, option_id, label, cast_at in current
        ]
        records += [
            VoteRecord(poll.id, voter, option_id, label, cast_at, Status.CLEARED, cleared_at)
            for voter, option_id, label, cast_at, cleared_at in cleared
        ]
        records.sort(key=lambda record: (record.cast_at, record.voter))
        return records

    def known_polls(self) -> list[Poll]:
        """Polls as last presented from this store, in the order first shown.

        Returns:
            The published definitions; a poll that has votes but was never
            published (votes from schema 1) gets one built from its votes.

        Raises:
            StoreError: The store could not be read.
        """

        def read(db: sqlite3.Connection) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
            specs = db.execute("SELECT poll_id, spec FROM polls ORDER BY rowid").fetchall()
            labels = db.execute(
                "SELECT poll_id, label FROM ("
                " SELECT poll_id, label, id FROM votes"
                " UNION ALL SELECT poll_id, label, id FROM cleared_votes)"
                " GROUP BY poll_id, label ORDER BY MIN(id)"
            ).fetchall()
            return specs, labels

        specs, labels = self._read(read)
        polls: dict[str, Poll] = {}
        for poll_id, spec in specs:
            decoded = _decode_spec(spec)
            if decoded is not None:
                polls[poll_id] = decoded
        unpublished: dict[str, list[str]] = {}
        for poll_id, label in labels:
            if poll_id not in polls:
                unpublished.setdefault(poll_id, []).append(label)
        for poll_id, texts in unpublished.items():
            polls[poll_id] = Poll(id=poll_id, question=poll_id, options=tuple(texts))
        return list(polls.values())

    # ------------------------------------------------------------------ the stage

    def publish(
        self,
        poll: Poll | None,
        *,
        revealed: bool = False,
        presenter: tuple[int, str] | None = None,
    ) -> None:
        """Tell the audience what the presenter's screen shows now.

        Also records the poll's definition, so voters see its options and
        ``podium results`` can name them without the deck. This write skips
        the disk flush votes get (losing it in a crash loses nothing: the
        next presenter publishes again), so it costs well under a
        millisecond.

        Args:
            poll: The poll on screen, or None.
            revealed: Whether its results are on screen.
            presenter: ``(process id, host name)`` of the presenter, or None
                when no presenter is running any more.

        Raises:
            StoreError: The store could not be written.
        """
        now = time.time()
        pid, host = presenter if presenter is not None else (None, None)

        def write(db: sqlite3.Connection) -> None:
            if poll is not None:
                db.execute(
                    "INSERT INTO polls (poll_id, spec, published_at) VALUES (?, ?, ?)"
                    " ON CONFLICT (poll_id) DO UPDATE SET"
                    " spec = excluded.spec, published_at = excluded.published_at",
                    (poll.id, msgspec.json.encode(poll).decode(), now),
                )
            db.execute(
                "INSERT INTO stage (id, poll_id, revealed, presenter_pid, presenter_host, changed_at)"
                " VALUES (1, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
                " poll_id = excluded.poll_id, revealed = excluded.revealed,"
                " presenter_pid = excluded.presenter_pid, presenter_host = excluded.presenter_host,"
                " changed_at = excluded.changed_at",
                (poll.id if poll else None, int(revealed and poll is not None), pid, host, now),
            )

        self._write(write, durable=False)

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

    def _run(self, action: Callable[[sqlite3.Connection], _T]) -> _T:
        with self._lock:
            if self._connection is None:
                raise StoreError(f"vote store {self.path} is closed", self.path)
            try:
                return action(self._connection)
            except sqlite3.Error as error:
                raise _translate(error, self.path, self._busy_timeout) from None

    def _read(self, action: Callable[[sqlite3.Connection], _T]) -> _T:
        """Run ``action`` in one read transaction: one consistent snapshot."""

        def read(db: sqlite3.Connection) -> _T:
            db.execute("BEGIN")
            try:
                return action(db)
            finally:
                db.execute("COMMIT")

        return self._run(read)

    def _write(self, action: Callable[[sqlite3.Connection], _T], *, durable: bool = True) -> _T:
        """Run ``action`` in one write transaction, committed on return.

        Args:
            action: Does the writing; may raise to roll everything back.
            durable: Flush to disk before returning (``synchronous=FULL``);
                False only for state that is rebuilt anyway (the stage).
        """

        def write(db: sqlite3.Connection) -> _T:
            if not durable:
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
                if not durable:
                    db.execute("PRAGMA synchronous = FULL")
            return result

        return self._run(write)


def _closed(db: sqlite3.Connection, poll_id: str) -> bool:
    row = db.execute("SELECT closed FROM poll_state WHERE poll_id = ?", (poll_id,)).fetchone()
    return bool(row and row[0])


def _decode_spec(spec: str) -> Poll | None:
    try:
        return msgspec.json.decode(spec, type=Poll)
    except msgspec.DecodeError:
        return None


def _read_spec(db: sqlite3.Connection, poll_id: str) -> Poll | None:
    row = db.execute("SELECT spec FROM polls WHERE poll_id = ?", (poll_id,)).fetchone()
    return _decode_spec(row[0]) if row else None


def _option_index(poll: Poll, option_id: str | None, label: str) -> int | None:
    """Which option a stored vote counts for, or None when it is orphaned."""
    if option_id is not None:
        ids = poll.ids
        return ids.index(option_id) if option_id in ids else None
    return poll.options.index(label) if label in poll.options else None


def _tally(poll: Poll, rows: Sequence[tuple[str, str | None, str]], closed: bool) -> PollResults:
    """Count ``(voter, option_id, label)`` rows against the poll's options."""
    counts = [0] * len(poll.options)
    voters: set[str] = set()
    orphans: dict[tuple[str | None, str], int] = {}
    for voter, option_id, label in rows:
        index = _option_index(poll, option_id, label)
        if index is None:
            orphans[(option_id, label)] = orphans.get((option_id, label), 0) + 1
        else:
            counts[index] += 1
            voters.add(voter)
    return PollResults(
        poll,
        tuple(counts),
        len(voters),
        tuple(Orphan(option_id, label, n) for (option_id, label), n in orphans.items()),
        closed,
    )
