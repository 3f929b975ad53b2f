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

from msgspec.structs import replace

from tui.deck.model import Deck
from tui.navigation import Position
from tui.pacing import TalkTimer
from tui.polls.model import PollResults
from tui.show.core import Show
from tui.show.events import Change, Flag, Observer
from tui.show.reading import ShowReading
from tui.show.state import ShowState
from tui.show.votes import PollDesk


class ShowPreview(ShowReading):
    """A read-only show at another position, for drawing ahead.

    Args:
        show: The show being presented (deck, timer, polls, state).

    Attributes:
        state: What the preview draws: the show's state at :meth:`move_to`'s
            position, with the go-to prompt closed.
        deck: The show's deck as of the last :meth:`move_to` (a reload
            since is drawn as one by the next).
        timer: The show's talk timer.
        polls: The show's poll control (read only).
        results: The counts of the previewed slide's poll, read when moved
            there (None without a poll).
    """

    rehearsing = False

    def __init__(self, show: Show) -> None:
        self._show = show
        self.state: ShowState = show.state
        self.deck: Deck = show.deck
        self.timer: TalkTimer = show.timer
        self.polls: PollDesk = show.polls
        self.results: PollResults | None = None
        self._observers: list[Observer] = []

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
        flags = {Flag.MOVED, Flag.NOTES}
        if self.deck is not self._show.deck:  # the file was saved since
            self.deck = self._show.deck
            flags.add(Flag.DECK)
        state = replace(self._show.state, position=position, goto_open=False, typed="")
        self.state = state
        poll = self.poll
        self.results = self._show.read_results(poll) if poll is not None else None
        self._publish(state, old, frozenset(flags))

    def _publish(self, state: ShowState, old: ShowState, flags: frozenset[Flag]) -> None:
        change = Change(state, old, flags, None)
        for observer in list(self._observers):
            observer(change)
