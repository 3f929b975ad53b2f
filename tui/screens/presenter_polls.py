"""Live polls on the presenter screen: closing and reopening, following votes.

:class:`PresenterPolls` is mixed into
:class:`~tui.screens.presenter.PresenterScreen`, which calls
:meth:`PresenterPolls.polls_sync` at the end of every redraw. That hook tells
the app which poll (if any) is on screen, so voters follow the presenter and
the app watches the store for their votes; when one arrives the app calls
:meth:`PresenterPolls.redraw_poll`, which redraws the poll alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.binding import Binding

from tui.widgets.poll_view import PollView

if TYPE_CHECKING:
    from tui.app import PodiumApp
    from tui.deck.model import Slide
    from tui.polls.model import PollResults

_CLOSE_TOOLTIP = "Close the poll to new votes, or reopen it"

POLL_CLOSED_MESSAGE = "Poll closed — press c to reopen."
"""What a vote key or ``u`` on a closed poll says (and nothing changes)."""

POLL_BINDINGS = [
    # Not in the footer (it is full on a poll slide): the poll itself says
    # "c closes the poll" / "c reopens", and help lists the key.
    Binding("c", "close_poll", "Close poll", show=False, tooltip=_CLOSE_TOOLTIP),
    Binding("c", "reopen_poll", "Reopen poll", show=False, tooltip=_CLOSE_TOOLTIP),
    # The vote keys of a closed poll: say why nothing is counted. No
    # description, so neither the footer nor help lists them.
    *(Binding(str(n), f"refuse_vote({n})", "", show=False) for n in range(1, 10)),
]
"""Poll keys besides voting (``1``-``9``), ``r`` and ``u``; listed in help."""

POLL_ACTIONS = frozenset({"close_poll", "reopen_poll", "refuse_vote"})
"""Actions whose availability :meth:`PresenterPolls.poll_action_enabled` decides."""


class PresenterPolls:
    """Close/reopen keys and live vote counts for the presenter screen."""

    # Provided by PresenterScreen.
    _results_shown: set[str]
    _poll_results: PollResults | None

    if TYPE_CHECKING:
        # Typed as Any so they agree with every other base of the screen.
        is_mounted: Any
        query_one: Any
        refresh_bindings: Any
        tools_sync: Any

        @property
        def podium(self) -> PodiumApp: ...

        @property
        def slide(self) -> Slide: ...

    _poll_keys: tuple[str, bool] | None = None

    def polls_sync(self) -> None:
        """Tell the app which poll is on screen (called after each redraw).

        Also refreshes the footer when going from an open poll to a closed
        one (or back): their keys differ.
        """
        poll = self.slide.poll
        self.podium.poll_on_screen(poll, poll is not None and poll.id in self._results_shown)
        keys = (poll.id, self.podium.poll_closed(poll)) if poll is not None else None
        last, self._poll_keys = self._poll_keys, keys
        if keys is not None and last is not None and keys[1] != last[1]:
            self.refresh_bindings()

    def redraw_poll(self) -> None:
        """Redraw the poll on screen after votes arrived from other processes."""
        poll = self.slide.poll
        if poll is None or not self.is_mounted:
            return
        closed = self.podium.poll_closed(poll)
        results = self.podium.poll_results(poll)
        self._poll_results = results
        self.query_one(PollView).show(
            poll, results, poll.id in self._results_shown, title=self.slide.title
        )
        if results.closed != closed:
            self.refresh_bindings()  # another presenter closed or reopened it
        self.tools_sync()

    def poll_action_enabled(self, action: str, parameters: tuple[object, ...] = ()) -> bool:
        """Whether ``action`` (one of :data:`POLL_ACTIONS`) acts on this slide."""
        poll = self.slide.poll
        if poll is None:
            return False
        closed = self.podium.poll_closed(poll)
        if action == "refuse_vote":
            return closed and int(parameters[0]) <= len(poll.options)  # type: ignore[call-overload]
        return closed if action == "reopen_poll" else not closed

    def action_refuse_vote(self, number: int) -> None:
        """A vote key on a closed poll: count nothing, say how to reopen."""
        self.podium.poll_refused()

    def action_close_poll(self) -> None:
        """Close the poll on screen: no more votes; voters see it is closed."""
        self._set_closed(True)

    def action_reopen_poll(self) -> None:
        """Reopen the closed poll on screen."""
        self._set_closed(False)

    def _set_closed(self, closed: bool) -> None:
        poll = self.slide.poll
        if poll is not None and self.podium.set_poll_closed(poll, closed):
            self.refresh_bindings()
            self.redraw_poll()
