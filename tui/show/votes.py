"""What happens when a vote arrives: the poll control of a show.

:class:`PollDesk` runs the deck's polls for :class:`tui.show.core.Show`
through :class:`tui.polls.session.PollSession`: it counts the presenter's
raised hands (``1``-``9``), takes one back (``u``), closes and reopens a
poll, resets and restores its votes, reads the counts of the poll on screen
and notices votes written by other processes (``podium vote``).

Each operation returns an :data:`Effect` (what changed, what to tell the
presenter); the show turns it into one :class:`tui.show.events.Change` for
its observers. A vote from another terminal travels:

1. ``podium vote --choice 3`` writes the vote store (SQLite);
2. the app's vote-watch timer calls :meth:`Show.votes_changed
   <tui.show.core.Show.votes_changed>`, which asks :meth:`PollDesk.changed`;
3. the show re-reads the counts (:meth:`PollDesk.read`) and publishes a
   change flagged ``votes`` + ``outside``;
4. the presenter screen redraws the chart, the publisher tells audience views the counts.

Refusals (a closed poll, a store error) come back as a
:class:`tui.show.events.Notice`, never as an exception. Imports no Textual.
"""

from __future__ import annotations

from tui.deck.model import Poll
from tui.polls.model import PollResults, VoteRefused
from tui.polls.session import PollSession
from tui.polls.store_errors import StoreError
from tui.show.events import Flag, Notice, NoticeKind

Effect = tuple[frozenset[Flag], Notice | None]
"""What an operation changed and what to tell the presenter about it."""

NOTHING: Effect = (frozenset(), None)
"""An operation that changed nothing and has nothing to say."""

_VOTES = frozenset({Flag.VOTES})
_CLOSED = frozenset({Flag.POLL_CLOSED})


class PollDesk:
    """The presenter's control of the deck's polls.

    Args:
        session: The polls as this presenter runs them (votes, stage).

    Attributes:
        session: As given.
    """

    def __init__(self, session: PollSession) -> None:
        self.session = session
        self._problem = ""

    # -- reading -------------------------------------------------------------

    def read(self, poll: Poll) -> tuple[PollResults, Notice | None]:
        """The counts of ``poll`` (empty when the store cannot be read).

        Returns:
            The results, and a notice the first time a store problem shows.
        """
        try:
            return self.session.results(poll), None
        except StoreError as error:
            return PollResults.empty(poll), self._trouble(error)

    def is_closed(self, poll: Poll) -> bool:
        """Whether ``poll`` is closed to new votes (cached: cheap for key checks).

        An unreadable store counts as open; reading the counts says why.
        """
        try:
            return self.session.is_closed(poll)
        except StoreError:
            return False

    def changed(self) -> Effect:
        """Did another process write the store since the last check?

        Also notices the store's file deleted (made again, every vote kept)
        or replaced while presenting, and says so.
        """
        try:
            told = self.session.check_file()
            changed = self.session.changed()
        except StoreError as error:
            return frozenset(), self._trouble(error)
        notice = None
        if told is not None:
            kind = NoticeKind.STORE_RECREATED if told == "recreated" else NoticeKind.STORE_REPLACED
            notice = Notice(kind, str(self.session.store.path))
        if not changed:
            return frozenset(), notice
        self._problem = ""
        return frozenset({Flag.VOTES, Flag.OUTSIDE}), notice

    def _trouble(self, error: StoreError) -> Notice | None:
        """A store problem: said once, not on every check."""
        if str(error) == self._problem:
            return None
        self._problem = str(error)
        return Notice(NoticeKind.STORE_TROUBLE, str(error))

    # -- the presenter's operations -----------------------------------------------

    def vote(self, poll: Poll, number: int) -> Effect:
        """Count one raised hand for option ``number`` (1-based)."""
        if not 1 <= number <= len(poll.options):
            return NOTHING
        try:
            self.session.count_hand(poll, number - 1)
        except VoteRefused:
            return _CLOSED, Notice(NoticeKind.POLL_CLOSED, poll.question)
        except StoreError as error:
            return frozenset(), Notice(NoticeKind.VOTE_NOT_SAVED, str(error))
        return _VOTES, None

    def undo(self, poll: Poll) -> Effect:
        """Take back the newest hand counted on ``poll``."""
        try:
            undone = self.session.undo(poll)
        except VoteRefused:
            return _CLOSED, Notice(NoticeKind.POLL_CLOSED, poll.question)
        except StoreError as error:
            return frozenset(), Notice(NoticeKind.VOTE_NOT_REMOVED, str(error))
        return (_VOTES, None) if undone else NOTHING

    def refuse(self, poll: Poll) -> Effect:
        """A vote key on a poll known to be closed: count nothing, say so."""
        return _CLOSED, Notice(NoticeKind.POLL_CLOSED, poll.question)

    def set_closed(self, poll: Poll, closed: bool) -> Effect:
        """Close ``poll`` to new votes, or reopen it."""
        try:
            self.session.set_closed(poll, closed)
        except StoreError as error:
            return frozenset(), Notice(NoticeKind.POLL_NOT_CHANGED, str(error))
        kind = NoticeKind.CLOSED if closed else NoticeKind.REOPENED
        return _CLOSED, Notice(kind, poll.question)

    def reset(self, poll: Poll) -> Effect:
        """Clear every vote on ``poll`` (the store keeps a backup)."""
        try:
            cleared = self.session.reset(poll)
        except StoreError as error:
            return frozenset(), Notice(NoticeKind.POLL_NOT_RESET, str(error))
        return _VOTES, Notice(NoticeKind.RESET, poll.question, count=cleared)

    def restore(self, poll: Poll) -> Effect:
        """Bring back the votes the last reset of ``poll`` cleared."""
        try:
            restored = self.session.restore(poll)
        except StoreError as error:
            return frozenset(), Notice(NoticeKind.VOTES_NOT_RESTORED, str(error))
        return _VOTES, Notice(NoticeKind.RESTORED, poll.question, count=restored)

    # -- the stage ---------------------------------------------------------------

    def tell_voters(self, poll: Poll | None, revealed: bool) -> Notice | None:
        """Tell voters which poll is on screen (written only when it changed)."""
        try:
            self.session.show(poll, revealed)
        except StoreError as error:
            return self._trouble(error)
        return None

    def end(self) -> None:
        """Tell voters the presentation is over (store errors are ignored:
        voters also notice that the presenter has gone)."""
        try:
            self.session.check_file()  # deleted since the last check: its votes kept
            self.session.end()
        except StoreError:
            pass
