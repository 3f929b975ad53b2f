"""The vote store: every poll vote, in an SQLite file, safe across processes.

The vote store and :mod:`tui.storage.sqlite` (shared with the rehearsal
store) are the only code in Podium's polls that touches SQLite. One store
file holds the votes of one deck (see :meth:`VoteStore.for_deck`), or of a
whole workshop when the presenter shares one file with a group (``--store
PATH --shared-store``; see :mod:`tui.polls.access` for who may write a
store). The presenter's app and any number of ``podium vote`` processes may
open the same file at once:

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
modified. ``podium results`` opens stores read-only (``read_only=True``). A
store of schema version 1 is upgraded in place, in one transaction, after a
backup copy is written next to it.

Which module owns what (:class:`VoteStore` is put together from the parts):

- :mod:`tui.polls.store` (this module): opening a store (:meth:`VoteStore.open`,
  :meth:`~VoteStore.for_deck`, :meth:`~VoteStore.in_memory`) and where a
  deck's votes are kept (:func:`store_path_for_deck`).
- :mod:`tui.polls.store_core`: the open connection, its lifetime and
  transactions.
- :mod:`tui.polls.store_votes`: voting, a voter's ballot, undoing a hand vote.
- :mod:`tui.polls.store_control`: closing polls, resets and restores.
- :mod:`tui.polls.store_stage`: the stage (what the presenter shows) and
  :meth:`~VoteStore.data_version`.
- :mod:`tui.polls.store_queries`: results, vote records, known polls, and
  the counting behind them.
- :mod:`tui.polls.schema`: the tables, the schema version and upgrades, as a
  :class:`tui.storage.sqlite.Kind`.
- :mod:`tui.polls.store_errors`: :class:`StoreError` (a
  :class:`tui.storage.errors.StoreError`) and checks of where the file lives.
- :mod:`tui.polls.access`: who may write the store (file and folder modes).
- :mod:`tui.storage.sqlite` and :mod:`tui.storage.checks`: opening SQLite
  files, checking them before anything writes, pragmas, transactions and
  SQLite's errors, for every store.

Every name other modules use is importable from here.
"""

from __future__ import annotations

from pathlib import Path

from tui.paths import create_file
from tui.polls.schema import APPLICATION_ID, KIND, MEMORY, SCHEMA_VERSION
from tui.polls.store_control import Control
from tui.polls.store_errors import StoreError
from tui.polls.store_place import STORE_KEY_DIGITS, _check_location, store_path_for_deck
from tui.polls.store_queries import Queries
from tui.polls.store_stage import Staging
from tui.polls.store_votes import HAND_PREFIX, Voting, is_hand_vote
from tui.storage import checks, sqlite

__all__ = [
    "APPLICATION_ID",
    "DEFAULT_BUSY_TIMEOUT",
    "HAND_PREFIX",
    "MEMORY",
    "SCHEMA_VERSION",
    "STORE_KEY_DIGITS",
    "StoreError",
    "VoteStore",
    "is_hand_vote",
    "store_path_for_deck",
]

DEFAULT_BUSY_TIMEOUT = 5.0
"""Seconds a write waits for another process's write before giving up."""


class VoteStore(Voting, Control, Staging, Queries):
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
        (see :func:`tui.storage.checks.inspect`): a file that is not an
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
                connection = checks.inspect(path, KIND, busy_timeout, require_store=True)
            except sqlite.NeedsRecovery:
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
            store = cls(sqlite.Database(connection, path, KIND, busy_timeout))
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
                checks.inspect(path, KIND, busy_timeout, require_store=not create).close()
            except sqlite.NeedsRecovery:
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
        connection = sqlite.open_file(path, KIND, busy_timeout)
        try:
            checks.prepare(connection, path, KIND, busy_timeout, create=create)
        except BaseException:
            connection.close()
            raise
        store = cls(sqlite.Database(connection, path, KIND, busy_timeout))
        store.notes = tuple(notes)
        store.shared = shared
        return store

    def recreate(self) -> None:
        """Make the store's file again at :attr:`path`, with every vote it holds.

        For a store whose file was deleted while it was open
        (:meth:`file_state` says ``gone``): the open connection still reads
        every vote, and they are copied (SQLite's backup) into a new file at
        the same path, made as :meth:`open` makes one (private, or shared
        as this one was) and checked as :meth:`open` checks one. This store
        goes on in the new file; a call from another thread waits for it.

        Raises:
            StoreError: The file could not be made or written, or another
                file appeared at the path meanwhile (never written to).
        """
        from tui.polls import access

        path = self.path
        try:
            access.prepare_folder(path, self.shared)
            created = create_file(path, access.store_mode(self.shared))
        except (OSError, StoreError) as error:
            reason = error.strerror if isinstance(error, OSError) else str(error)
            raise StoreError(f"cannot make the vote store {path} again: {reason}", path) from None
        if not created:
            raise StoreError(f"another file appeared at {path}; it was left alone", path)

        def reopen() -> sqlite.Database:
            fresh = VoteStore.open(path, busy_timeout=self._busy_timeout, shared=self.shared)
            self.notes = fresh.notes
            return fresh._db

        try:
            self._db.copy_and_reopen(reopen)
        except StoreError:
            path.unlink(missing_ok=True)  # the file made above, not filled: no half store left
            raise

    def follow_file(self) -> bool:
        """Go on in the store file now at :attr:`path` when it is not the one open.

        For a voter: a store deleted while presenting is made again by the
        presenter (:meth:`recreate`), with every vote; the voter's open
        store is the deleted file, which nobody reads any more.

        Returns:
            True when the store switched to the new file.

        Raises:
            StoreError: The file is gone (not made again yet), or the file
                now there is not a vote store (the open one is kept).
        """
        state = self.file_state()
        if state == "same":
            return False
        if state == "gone":
            raise StoreError(f"the vote store {self.path} was deleted", self.path)
        fresh = VoteStore.open(self.path, busy_timeout=self._busy_timeout, create=False)
        self._db.adopt(fresh._db)
        return True

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
        connection = sqlite.open_memory()
        checks.prepare(connection, MEMORY, KIND, 0.0)
        return cls(sqlite.Database(connection, MEMORY, KIND, 0.0))
