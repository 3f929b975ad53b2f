"""The presenter app's polls: counts for the palette, resets, and the vote watch.

:class:`AppPolls` is a mixin of :class:`tui.app.PodiumApp`: the palette's
poll commands ask it for counts and to reset or restore a poll, and it
follows the show (:meth:`AppPolls._show_changed`) to tell voters which poll
is on screen and to watch the store for votes from elsewhere while one is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import App
from textual.timer import Timer

from tui.deck.model import Poll
from tui.i18n import Words
from tui.polls.model import PollResults
from tui.show.core import Show
from tui.show.events import Change, Flag

VOTE_CHECK_INTERVAL = 0.25
"""Seconds between checks for votes from other processes, while a poll is on screen."""


# A plain class at run time, a Textual App for the type checker: defining a
# subclass of a Textual class takes about half a millisecond on the way to
# the first frame, and a mixin needs none of what Textual sets up for one (it
# has no bindings, CSS or decorated handlers; Textual finds a handler named
# ``on_...`` anywhere in a widget's MRO).
if TYPE_CHECKING:
    _AppMixin = App[None]
else:
    _AppMixin = object


class AppPolls(_AppMixin):
    """Mixin: the app's poll operations (needs ``show``, ``words`` and ``_vote_watch``)."""

    show: Show
    words: Words
    _vote_watch: Timer | None

    def poll_results(self, poll: Poll) -> PollResults:
        """Counts of ``poll`` (empty, and the presenter told, if the store is unreadable)."""
        return self.show.read_results(poll)

    def poll_totals(self, poll: Poll) -> dict[str, int]:
        """Votes per option text of ``poll``."""
        return self.poll_results(poll).by_text()

    def reset_poll(self, poll: Poll) -> None:
        """Ask, then clear every vote on ``poll`` (kept in the store as a backup)."""
        voters = self.poll_results(poll).voters

        def answered(yes: bool | None) -> None:
            if yes:
                self.show.reset_poll(poll)

        question = self.words("confirm.reset_poll", count=voters, question=poll.question)
        from tui.screens.confirm import ConfirmScreen  # not needed for the first slide

        self.push_screen(ConfirmScreen(question), answered)

    def restore_poll(self, poll: Poll) -> None:
        """Bring back the votes the last reset of ``poll`` cleared."""
        self.show.restore_poll(poll)

    def _show_changed(self, change: Change) -> None:
        """Tell voters which poll is on screen; watch the store while one is.

        Voters are told after the screen is drawn, so a slide change never
        waits for the disk; the store is checked every
        :data:`VOTE_CHECK_INTERVAL` seconds while a poll is on screen, and
        not at all otherwise.
        """
        if not change.flags & {Flag.START, Flag.MOVED, Flag.CHART, Flag.DECK}:
            return
        self.call_after_refresh(self.show.tell_voters)
        if self.show.poll is None:
            if self._vote_watch is not None:
                self._vote_watch.pause()
        elif self._vote_watch is None:
            self._vote_watch = self.set_interval(VOTE_CHECK_INTERVAL, self.show.votes_changed)
        else:
            self._vote_watch.resume()

    def end_polls(self) -> None:
        """Tell voters the presentation is over; call when the app has exited."""
        self.show.end()
