"""What the audience view knows about the presenter, and what it says about it.

:class:`Presenter` is the state of the presenter as an audience view sees it
(waiting, live, quit, lost); :func:`notice_text` is the line the view shows
about it (empty while following). Imports no Textual.
"""

from __future__ import annotations

from enum import Enum

from tui.i18n import Words, english


class Presenter(str, Enum):
    """What the audience view knows about the presenter."""

    WAITING = "waiting"
    """No presenter has published for this deck yet."""
    LIVE = "live"
    """Running and followed."""
    QUIT = "quit"
    """Quit normally."""
    LOST = "lost"
    """Stopped without saying so (crashed, killed, connection dropped)."""


def notice_text(
    presenter: Presenter,
    *,
    detached: bool,
    auto: bool,
    slide: int,
    count: int,
    words: Words | None = None,
) -> str:
    """The audience view's notice line ("" when there is nothing to say).

    Args:
        presenter: What the view knows about the presenter.
        detached: The viewer browses alone.
        auto: The view follows whichever presenter starts (no deck named).
        slide: The 0-based slide the view shows.
        count: Slides in the deck.
        words: The talk's language (English when None).
    """
    words = words or english()
    if detached:
        return words("audience.detached", slide=slide + 1, count=count, key="d")
    if presenter is Presenter.WAITING:
        return words("audience.waiting_any" if auto else "audience.waiting_deck")
    if presenter is Presenter.QUIT:
        return words("audience.quit")
    if presenter is Presenter.LOST:
        return words("audience.lost")
    return ""
