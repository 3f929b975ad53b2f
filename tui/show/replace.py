"""Replacing the deck under a running show: where the presenter lands.

When the deck file is saved while presenting (a live reload), the new deck
takes the old one's place and the presenter stays where they were:

1. on the slide with the same ``id:`` (:attr:`tui.deck.model.Slide.id`);
2. else on the slide with the same title (the nearest one, when several
   share it);
3. else (its title was edited, or it was deleted) by the slide that
   followed it: on the new slide just before that one, else on that one;
4. else at the same slide number (the last slide when the deck got shorter).

The reveal step is kept (cut to the steps the slide has now), and so are the
blank screen, the notes pane, the go-to prompt and the poll charts shown (by
poll id; a new poll with ``results: live`` starts with its chart shown). The
talk timer and the votes are not part of the state: the show keeps them as
they are. Imports no Textual.
"""

from __future__ import annotations

from msgspec.structs import replace

from tui.deck.model import Deck, ResultsMode
from tui.navigation import Position
from tui.show.state import ShowState


def _same_slide(old: Deck, new: Deck, index: int) -> int | None:
    """Slide ``index`` of ``old`` in ``new`` by its id, else its title; None if not found."""
    slide = old.slides[index]
    if slide.id:
        for number, candidate in enumerate(new.slides):
            if candidate.id == slide.id:
                return number
    if slide.title:
        same = [
            number
            for number, candidate in enumerate(new.slides)
            if candidate.title == slide.title and not (slide.id and candidate.id)
        ]
        if same:
            # Several slides may share a title ("Questions"): the nearest wins,
            # and of two as near, the one that was at or after this place.
            return min(same, key=lambda number: (abs(number - index), number < index))
    return None


def find_slide(old: Deck, new: Deck, index: int) -> int:
    """Where slide ``index`` of ``old`` is in ``new``: by id, else title, else number.

    A slide whose id and title are both gone was edited (the slide before
    the one that followed it is new: that one is shown) or deleted (the one
    that followed it is shown); without a follower found, the slide at the
    same number is shown.

    Args:
        old: The deck shown until now.
        new: The deck that replaces it.
        index: 0-based slide of ``old``.

    Returns:
        A 0-based slide of ``new``.
    """
    last = len(new.slides) - 1
    if not 0 <= index < len(old.slides):
        return min(max(index, 0), last)
    found = _same_slide(old, new, index)
    if found is not None:
        return found
    follower = _same_slide(old, new, index + 1) if index + 1 < len(old.slides) else None
    if follower is None:
        return min(index, last)
    if follower > 0:
        # The slide just before the follower, if no old slide is known in it, is
        # this one with its title (and id) edited; else this one was deleted.
        before = new.slides[follower - 1]
        ids = {slide.id for slide in old.slides if slide.id}
        titles = {slide.title for number, slide in enumerate(old.slides) if number != index}
        if not (before.id and before.id in ids) and before.title not in titles:
            return follower - 1
    return follower


def carry_state(old: Deck, new: Deck, state: ShowState) -> ShowState:
    """The show's state moved from ``old`` to ``new`` (see the module's rules).

    Args:
        old: The deck shown until now.
        new: The deck that replaces it.
        state: The show's state on ``old``.

    Returns:
        The state on ``new``: same slide (by id, title or number), the same
        reveal step at most, the same charts shown (by poll id).
    """
    slide = find_slide(old, new, state.position.slide)
    step = min(state.position.step, new.slides[slide].steps)
    known = {poll.id for poll in old.polls}
    charts = frozenset(
        poll.id
        for poll in new.polls
        if poll.id in state.charts_shown
        or (poll.id not in known and poll.results is ResultsMode.LIVE)
    )
    return replace(state, position=Position(slide, step), charts_shown=charts)
