"""What the audience view knows about the presenter, and what it says about it.

:class:`Presenter` is the state of the presenter as an audience view sees it
(waiting, live, quit, lost); :func:`notice_text` is the line the view shows
about it (empty while following). Imports no Textual.
"""

from __future__ import annotations

from enum import Enum


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


def notice_text(presenter: Presenter, *, detached: bool, auto: bool, slide: int, count: int) -> str:
    """The audience view's notice line ("" when there is nothing to say).

    Args:
        presenter: What the view knows about the presenter.
        detached: The viewer browses alone.
        auto: The view follows whichever presenter starts (no deck named).
        slide: The 0-based slide the view shows.
        count: Slides in the deck.
    """
    if detached:
        return f"Detached: browsing alone ({slide + 1}/{count}) · d follows the presenter again"
    if presenter is Presenter.WAITING:
        if auto:
            return "Waiting for a presenter: run  podium  in another terminal"
        return "Waiting for the presenter: run  podium  with this deck in another terminal"
    if presenter is Presenter.QUIT:
        return (
            "The presenter has quit; showing the last slide. "
            "This view follows again when they return."
        )
    if presenter is Presenter.LOST:
        return "The presenter stopped unexpectedly; showing the last slide until it is back."
    return ""
