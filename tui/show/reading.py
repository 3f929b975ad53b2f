"""What a show's state says of the slide on screen: :class:`ShowReading`.

Read by the presenter screen from the :class:`tui.show.core.Show` being
presented and from a :class:`tui.show.preview.ShowPreview` (the show at
another position, drawn ahead). Imports no Textual.
"""

from __future__ import annotations

from tui.deck.model import Deck, Poll
from tui.navigation import Position
from tui.show.state import ShowState
from tui.show.votes import PollDesk


class ShowReading:
    """What a show's state says of the slide on screen: its position, poll and chart.

    A base of :class:`tui.show.core.Show` and
    :class:`tui.show.preview.ShowPreview`, which set these attributes.
    """

    deck: Deck
    state: ShowState
    polls: PollDesk

    @property
    def position(self) -> Position:
        """The slide and reveal step on screen."""
        return self.state.position

    @property
    def poll(self) -> Poll | None:
        """The poll of the slide on screen, or None."""
        return self.deck.slides[self.state.position.slide].poll

    def poll_closed(self) -> bool:
        """Whether the poll on screen is closed to new votes (False without one)."""
        poll = self.poll
        return poll is not None and self.polls.is_closed(poll)

    def chart_shown(self, poll: Poll | None = None) -> bool:
        """Whether the chart of ``poll`` (default: the one on screen) is shown."""
        poll = poll or self.poll
        return poll is not None and poll.id in self.state.charts_shown
