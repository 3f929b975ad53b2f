"""The presenter's side of a deck's polls: counts, keys, and the stage.

:class:`PollSession` wraps the vote store for the presenter's app: it
counts raised hands, closes and reopens polls, resets them (with a backup),
tells the audience which poll is on screen, and notices votes from other
processes. Imports no Textual, so it is tested on its own, and no SQLite
until a store is needed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Literal

from msgspec.structs import replace

from tui.deck.model import Poll
from tui.polls.model import PollResults, VoteRefused
from tui.polls.naming import presenter_tag
from tui.polls.store_errors import StoreError

if TYPE_CHECKING:
    from tui.polls.store import VoteStore


class PollSession:
    """Polls as the presenter runs them.

    Args:
        store: Where the votes are kept; None keeps them in memory (made
            when first needed, so a deck without polls never opens one).
        how_to_vote: The command the audience types to vote (shown on poll
            slides), or None when only the presenter's keys count votes.
        presenter: ``(process id, host name)`` published with the stage;
            defaults to this process.
        open_store: Opens the store when first needed, instead of ``store``
            (see :class:`tui.polls.opening.PresenterStore`): the presenter's
            first frame does not wait for SQLite. If it fails, votes are
            kept in memory and :attr:`on_problem` hears why.

    Attributes:
        how_to_vote: As given.
        keeps_votes: A store was given: votes outlive the app (else memory only).
        on_problem: Told ``(message, severity)`` when ``open_store`` fails
            (``error``) or opens a store with notes (``warning``), or None.
    """

    def __init__(
        self,
        store: VoteStore | None,
        *,
        how_to_vote: str | None = None,
        presenter: tuple[int, str] | None = None,
        open_store: Callable[[], VoteStore] | None = None,
    ) -> None:
        self._store = store
        self._open_store = open_store if store is None else None
        self.keeps_votes = store is not None or self._open_store is not None
        self.on_problem: Callable[[str, Literal["warning", "error"]], object] | None = None
        self.not_kept: Callable[[str], str] = lambda error: f"Poll votes will NOT be saved: {error}"
        """Words :attr:`on_problem` hears when the store fails to open (the app's language)."""
        self.how_to_vote = how_to_vote
        self._presenter = presenter or presenter_tag()
        self._closed: dict[str, bool] = {}
        self._shown: tuple[Poll | None, bool] | None = None
        self._version: int | None = None
        self._file_told = False

    def check_file(self) -> str | None:
        """Notice the store's file deleted or replaced while presenting.

        A deleted file is made again at once with every vote counted so
        far (the open store still holds them: see
        :meth:`tui.polls.store.VoteStore.recreate`), so votes are not lost
        in a file nobody can reach. Another file put in its place is never
        written to: that is said once, and votes go on into the file open.

        Returns:
            None when all is well (or already said); ``"recreated"`` when
            the file was made again; ``"replaced"`` when another file is at
            the store's path (the first time only).

        Raises:
            StoreError: The file was deleted and cannot be made again (the
                votes stay in the open store while Podium runs).
        """
        store = self._store
        if store is None or self._file_told:
            return None
        state = store.file_state()
        if state == "same":
            return None
        if state == "replaced":
            self._file_told = True
            return "replaced"
        store.recreate()
        self._version = None  # a new file: its data version starts again
        return "recreated"

    @property
    def store(self) -> VoteStore:
        """The vote store (an in-memory one when none was given or it could not be opened)."""
        if self._store is None:
            self._store = self._opened()
            if self._store is None:
                from tui.polls.store import VoteStore  # SQLite only once a poll needs it

                self._store = VoteStore.in_memory()
        return self._store

    @property
    def opens_later(self) -> bool:
        """Whether the store is still to be opened (``open_store`` not called yet)."""
        return self._store is None and self._open_store is not None

    def _opened(self) -> VoteStore | None:
        """The store ``open_store`` opens, or None (none given, or it failed: said)."""
        opener, self._open_store = self._open_store, None
        if opener is None:
            return None
        try:
            store = opener()
        except StoreError as error:
            # As for a broken default store at start: present on, count hands
            # in memory, and say loudly that votes are not kept.
            self.keeps_votes = False
            if self.on_problem is not None:
                self.on_problem(self.not_kept(str(error)), "error")
            return None
        if store.notes and self.on_problem is not None:
            self.on_problem(" ".join(store.notes), "warning")
        return store

    def open_now(self) -> None:
        """Open the store now, if it is still to be opened (see :attr:`opens_later`)."""
        if self.opens_later:
            self.store  # noqa: B018 (opens it)

    # -- reading -------------------------------------------------------------

    def results(self, poll: Poll) -> PollResults:
        """The poll's counts, with the command to vote.

        Raises:
            StoreError: The store could not be read.
        """
        results = self.store.results(poll)
        self._closed[poll.id] = results.closed
        return replace(results, how_to_vote=self.how_to_vote)

    def is_closed(self, poll: Poll) -> bool:
        """Whether ``poll`` is closed; cached, so cheap enough for key checks.

        Raises:
            StoreError: The store could not be read (first call only).
        """
        if poll.id not in self._closed:
            self._closed[poll.id] = self.store.is_closed(poll.id)
        return self._closed[poll.id]

    def changed(self) -> bool:
        """Whether another process wrote to the store since the last call.

        One cheap ``PRAGMA data_version``; the first call says True.

        Raises:
            StoreError: The store could not be read.
        """
        version = self.store.data_version()
        if version == self._version:
            return False
        self._version = version
        self._closed.clear()
        return True

    # -- the presenter's keys ------------------------------------------------------

    def count_hand(self, poll: Poll, index: int) -> None:
        """Count one raised hand for option ``index`` (0-based) as its own vote.

        Raises:
            IndexError: There is no such option.
            VoteRefused: The poll is closed.
            StoreError: The vote could not be stored.
        """
        try:
            self.store.vote(poll, [poll.ids[index]])
        except VoteRefused:
            self._closed[poll.id] = True  # closed by another presenter, maybe
            raise

    def undo(self, poll: Poll) -> bool:
        """Take back the newest counted hand; True if there was one.

        Raises:
            VoteRefused: The poll is closed: its counts stay as they are.
            StoreError: The store could not be written.
        """
        try:
            return self.store.undo_last(poll.id)
        except VoteRefused:
            self._closed[poll.id] = True
            raise VoteRefused(f"the poll “{poll.question}” is closed") from None

    def set_closed(self, poll: Poll, closed: bool) -> None:
        """Close ``poll`` to new votes, or reopen it; voters see it at once.

        Raises:
            StoreError: The store could not be written.
        """
        self.store.set_closed(poll.id, closed)
        self._closed[poll.id] = closed

    def reset(self, poll: Poll) -> int:
        """Clear the poll's votes into the store's backup; returns the voters cleared.

        Raises:
            StoreError: The store could not be written.
        """
        return self.store.reset(poll.id)

    def restore(self, poll: Poll) -> int:
        """Bring back what the newest reset cleared; returns the voters restored.

        Raises:
            StoreError: The store could not be written.
        """
        return self.store.restore(poll.id)

    # -- the stage -------------------------------------------------------------

    def show(self, poll: Poll | None, revealed: bool) -> bool:
        """Tell voters which poll is on screen; writes only when that changed.

        Args:
            poll: The poll on the presenter's screen, or None.
            revealed: Whether its results are shown.

        Returns:
            True when the stage was written; False when nothing changed, or
            another Podium presenting the same deck holds the stage (asked
            again with the next change).

        Raises:
            StoreError: The store could not be written.
        """
        # The whole poll, not its id: a deck saved while presenting may change
        # its question or options (live reload), which voters must see.
        shown = (poll, revealed and poll is not None)
        if shown == self._shown or (poll is None and self._store is None):
            return False  # unchanged, or no poll and no store: nobody to tell
        if not self.store.publish(poll, revealed=shown[1], presenter=self._presenter):
            return False  # another presenter's stage: voters follow that one
        self._shown = shown
        return True

    def end(self) -> None:
        """Tell voters the presentation is over (if this session published).

        Raises:
            StoreError: The store could not be written.
        """
        if self._shown is not None:
            self.store.end_presentation(self._presenter)
            self._shown = None
