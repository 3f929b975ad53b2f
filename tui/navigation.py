"""Where the presenter is in a deck, and how keys move that position.

Pure functions over :class:`tui.deck.Deck`; no Textual, so the rules can be
tested (and property-tested) on their own.
"""

from __future__ import annotations

from typing import NamedTuple

from tui.deck.model import Deck


class Position(NamedTuple):
    """A slide and how many of its reveal steps are shown.

    Attributes:
        slide: 0-based slide index.
        step: 0 to ``deck.slides[slide].steps``.
    """

    slide: int
    step: int


def first(deck: Deck) -> Position:
    """The opening position: first slide, nothing revealed."""
    return Position(0, 0)


def last(deck: Deck) -> Position:
    """The last slide with every reveal step shown."""
    index = len(deck.slides) - 1
    return Position(index, deck.slides[index].steps)


def advance(deck: Deck, position: Position) -> Position:
    """Next reveal step, else the first step of the next slide.

    Returns the same position on the last step of the last slide.
    """
    slide, step = position
    if step < deck.slides[slide].steps:
        return Position(slide, step + 1)
    if slide + 1 < len(deck.slides):
        return Position(slide + 1, 0)
    return position


def retreat(deck: Deck, position: Position) -> Position:
    """Previous reveal step, else the previous slide fully revealed.

    Going back shows the previous slide as the audience last saw it, as
    reveal.js and pdfpc do. Returns the same position on the first slide.
    """
    slide, step = position
    if step > 0:
        return Position(slide, step - 1)
    if slide > 0:
        return Position(slide - 1, deck.slides[slide - 1].steps)
    return position


class Ends(NamedTuple):
    """Whether a position is at an end of the deck, where a key has nowhere to go.

    Attributes:
        start: The first step of the first slide: back (and first) stay put.
        end: The last step of the last slide: next (and last) stay put; a
            reveal step left on the last slide is somewhere to go.
    """

    start: bool
    end: bool


def ends(deck: Deck, position: Position) -> Ends:
    """Which ends of ``deck`` ``position`` is at (see :class:`Ends`)."""
    return Ends(retreat(deck, position) == position, advance(deck, position) == position)


def go_to(deck: Deck, number: int) -> Position | None:
    """Position of slide ``number`` (1-based, as shown on screen).

    Returns:
        The slide's first step, or None when there is no such slide.
    """
    if 1 <= number <= len(deck.slides):
        return Position(number - 1, 0)
    return None
