"""Which vote store a presenter keeps votes in, checked and opened.

The presenter's store is opened with a short lock wait and announced to
voters (see :mod:`tui.polls.announce`); which store a voter votes in is
:func:`tui.polls.talks.voter_store_path`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.deck.model import Deck
    from tui.polls.store import VoteStore

PRESENTER_BUSY_TIMEOUT = 0.5
"""Seconds the presenter waits for another process's write lock (seconds).

The presenter writes on the UI's thread; a store held locked elsewhere must
not freeze the slides for long. A hand vote that cannot be written in time
is reported ("Vote not saved") and not shown, so nothing is lost silently;
voters keep the store's longer default wait.
"""


def open_presenter_store(
    deck: Deck, store_arg: str | None, *, shared: bool = False
) -> tuple[VoteStore, str]:
    """Open the store the presenter keeps votes in and announce it to voters, at once.

    :func:`check_presenter_store` then :meth:`PresenterStore.open`; the
    presenter's app opens its store later (after the first frame).

    Args:
        deck: The deck presented.
        store_arg: ``--store PATH`` as given, or None for the deck's own
            store in the user's data folder.
        shared: ``--shared-store``: the store's group may vote too (see
            :mod:`tui.polls.access`); else it is private to the presenter.

    Returns:
        The open store, and the command the audience types to vote.

    Raises:
        StoreError: The store cannot be used; the message names the file.
    """
    pending = check_presenter_store(deck, store_arg, shared=shared)
    store = pending.open()
    store.notes = (*pending.notes, *store.notes)
    return store, pending.how_to_vote


class PresenterStore:
    """The presenter's vote store: its place checked at once, the store opened when needed.

    Made by :func:`check_presenter_store` before the terminal is taken, so a
    store that cannot be kept is reported plainly; :meth:`open` (after the
    first frame, or when a poll first needs it) opens it, announces it to
    voters and keeps it; :meth:`close` ends it.

    Args:
        deck: The deck presented.
        path: The store file.
        default: The deck's own store (for the vote command).
        shared: ``--shared-store``.
        notes: What the check found the presenter should know.

    Attributes:
        path: As given.
        how_to_vote: The command the audience types to vote.
        notes: As given.
        store: The open store, once :meth:`open` has succeeded; else None.
    """

    def __init__(
        self, deck: Deck, path: Path, default: Path, *, shared: bool, notes: Sequence[str] = ()
    ) -> None:
        from tui.polls.naming import vote_command

        self._deck = deck
        self.path = path
        self._shared = shared
        self.notes = tuple(notes)
        self.how_to_vote = vote_command(path, default)
        self.store: VoteStore | None = None

    def open(self) -> VoteStore:
        """Open the store (once) and announce it to voters.

        Returns:
            The open store.

        Raises:
            StoreError: The store cannot be used (its file changed since the
                check, is damaged, or stays locked); the message names the file.
        """
        if self.store is None:
            from tui.polls import announce
            from tui.polls.store import VoteStore

            store = VoteStore.open(
                self.path, busy_timeout=PRESENTER_BUSY_TIMEOUT, shared=self._shared
            )
            announce.announce(store.path, self._deck)
            # Notes the check found were told at start: only new ones now.
            store.notes = tuple(note for note in store.notes if note not in self.notes)
            self.store = store
        return self.store

    def close(self, *, end_polls: Callable[[], object] | None = None) -> None:
        """Close the store if it was opened (see :func:`close_presenter_store`)."""
        if self.store is not None:
            close_presenter_store(self.store, end_polls=end_polls)


def check_presenter_store(
    deck: Deck, store_arg: str | None, *, shared: bool = False
) -> PresenterStore:
    """Check where the presenter keeps votes, without opening the store (no SQLite).

    The store's folder is created if needed (private, see
    :mod:`tui.polls.access`) and checked, with an existing file's
    permissions and SQLite header; a store named with ``--store`` is also
    read through a read-only connection (SQLite is loaded for it). The
    rest waits for :meth:`PresenterStore.open`: a default store found
    damaged then is told to the presenter, and votes are kept in memory.

    Args:
        deck: The deck presented.
        store_arg: ``--store PATH`` as given, or None for the deck's own store.
        shared: ``--shared-store``.

    Returns:
        The store to open.

    Raises:
        StoreError: The store cannot be kept there; the message names the file.
    """
    from tui.polls import access
    from tui.polls.store_place import _check_location, store_path_for_deck

    default = store_path_for_deck(deck.source)
    path = Path(store_arg).expanduser() if store_arg else default
    notes = access.prepare_folder(path, shared)
    _check_location(path)
    access.secure_files(path, shared, fix=False)
    if store_arg and path.exists() and path.stat().st_size > 0:
        # The presenter named this store: one that is damaged inside, another
        # program's or a newer Podium's is refused now, read only (as
        # VoteStore.open does first), not found out after the first frame.
        from tui.polls.schema import KIND
        from tui.storage import checks, sqlite

        try:
            checks.inspect(path, KIND, PRESENTER_BUSY_TIMEOUT, require_store=False).close()
        except sqlite.NeedsRecovery:
            pass  # the read-write connection replays the crashed writer's journal
    return PresenterStore(deck, path, default, shared=shared, notes=notes)


def close_presenter_store(
    store: VoteStore, *, end_polls: Callable[[], object] | None = None
) -> None:
    """Tell voters the presentation is over, withdraw it, close the store.

    Args:
        store: The store from :func:`open_presenter_store`.
        end_polls: Ends the polls on the presenter's side first (the app's
            ``end_polls``), or None if the app never started.
    """
    from tui.polls import announce

    try:
        if end_polls is not None:
            end_polls()
    finally:
        announce.withdraw()
        store.close()
