"""The show as it will be after the next key: :class:`ShowPreview`.

The presenter screen draws from a :class:`tui.show.core.Show`. A preview
answers the same questions (state, deck, timer, the poll and its counts)
for a position the show is not at yet, so that a second presenter screen
can draw the next slide while the presenter is still talking over this one
(:mod:`tui.screens.frame_ahead`). It changes nothing: it has no store of
its own, moves nobody and tells no voter. Imports no Textual.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from tui.deck.model import Deck, Poll
from tui.navigation import Position
from tui.pacing import TalkTimer
from tui.polls.model import PollResults
from tui.show.core import Show
from tui.show.events import Change, Flag, Observer
from tui.show.state import ShowState


class ShowPreview:
    """A read-only show at another position, for drawing ahead.

    Args:
        show: The show being presented (deck, timer, polls, state).

    Attributes:
        state: What the preview draws: the show's state at :meth:`move_to`'s
            position, with the go-to prompt closed.
        results: The counts of the previewed slide's poll, read when moved
            there (None without a poll).
    """

    rehearsing = False

    def __init__(self, show: Show) -> None:
        self._show = show
        self.state: ShowState = show.state
        self.results: PollResults | None = None
        self._observers: list[Observer] = []
        self._deck = show.deck  # the deck last drawn: a reload is drawn as one

    @property
    def deck(self) -> Deck:
        """The deck of the show (the same object: a reload is seen at once)."""
        return self._show.deck

    @property
    def timer(self) -> TalkTimer:
        """The show's talk timer."""
        return self._show.timer

    @property
    def position(self) -> Position:
        """The previewed slide and reveal step."""
        return self.state.position

    @property
    def poll(self) -> Poll | None:
        """The poll of the previewed slide, or None."""
        return self.deck.slides[self.state.position.slide].poll

    def poll_closed(self) -> bool:
        """Whether the previewed slide's poll is closed (False without one)."""
        poll = self.poll
        return poll is not None and self._show.polls.is_closed(poll)

    def chart_shown(self, poll: Poll | None = None) -> bool:
        """Whether the chart of ``poll`` (default: the previewed one) is shown."""
        poll = poll or self.poll
        return poll is not None and poll.id in self.state.charts_shown

    def subscribe(self, observer: Observer) -> Callable[[], None]:
        """Call ``observer`` with every :meth:`move_to` from now on."""
        self._observers.append(observer)
        return lambda: self._observers.remove(observer)

    def start(self) -> None:
        """Publish the state as it is (the screen's first draw)."""
        self._publish(self.state, self.state, frozenset({Flag.START}))

    def cancel_goto(self) -> None:
        """Nothing to cancel: a preview's go-to prompt is always closed."""

    def move_to(self, position: Position) -> None:
        """Preview the show at ``position``: its state now but for the position.

        The go-to prompt is closed (any move closes it); the poll's counts
        are read from the store (the show's own reading, no notice).
        """
        old = self.state
        state = replace(self._show.state, position=position, goto_open=False, typed="")
        self.state = state
        poll = self.poll
        self.results = self._show.read_results(poll) if poll is not None else None
        flags = {Flag.MOVED, Flag.NOTES}
        if self._deck is not self.deck:  # the file was saved since
            self._deck = self.deck
            flags.add(Flag.DECK)
        self._publish(state, old, frozenset(flags))

    def _publish(self, state: ShowState, old: ShowState, flags: frozenset[Flag]) -> None:
        change = Change(state, old, flags, None)
        for observer in list(self._observers):
            observer(change)
