"""A navigator for a view that browses alone (the detached audience view).

The same moves as the presenter's :class:`tui.show.core.Show` (next,
previous, first, last, jump), over the same :mod:`tui.navigation` rules,
without a store, a timer or observers beyond one callback. Imports no Textual.
"""

from __future__ import annotations

from collections.abc import Callable

from tui import navigation
from tui.deck.model import Deck
from tui.navigation import Position


class Browser:
    """Moves through a deck on its own and says when it moved.

    Args:
        deck: The deck to browse.
        moved: Called after each move that changed the position.

    Attributes:
        deck: The deck (replace it to browse another; see :meth:`place`).
        position: The slide and reveal step shown.
    """

    def __init__(self, deck: Deck, moved: Callable[[], None]) -> None:
        self.deck = deck
        self.position = Position(0, 0)
        self._moved = moved

    def place(self, position: Position) -> None:
        """Show ``position`` (a move that the caller asked for: following someone)."""
        if position != self.position:
            self.position = position
            self._moved()

    def next(self) -> None:
        """Next reveal step, else the next slide."""
        self.place(navigation.advance(self.deck, self.position))

    def previous(self) -> None:
        """Previous reveal step, else the previous slide fully revealed."""
        self.place(navigation.retreat(self.deck, self.position))

    def first(self) -> None:
        """The first slide."""
        self.place(navigation.first(self.deck))

    def last(self) -> None:
        """The last slide, fully revealed."""
        self.place(navigation.last(self.deck))

    def jump(self, index: int) -> None:
        """Slide ``index`` (0-based) from its first step."""
        self.place(Position(index, 0))
