"""The presenter's side of the audience view: its publisher, and where a crashed run stopped."""

from __future__ import annotations

from tui.audience.publish import Publisher
from tui.audience.state import lock_path, presenter_alive, read_state, state_path
from tui.deck.model import Deck
from tui.navigation import Position


def crashed_position(deck: Deck) -> Position | None:
    """Where the last presenter of ``deck`` was, if it stopped unexpectedly.

    A presenter that quits with ``q`` publishes ``ended``; one that crashed
    (or was killed with ``kill -9``) leaves its last position behind with no
    process holding the lock; one ended by a signal (the terminal or SSH
    connection closed: SIGHUP; ``kill``: SIGTERM; SIGQUIT, SIGINT) publishes
    ``ended`` marked :attr:`~tui.audience.state.PresenterState.resumable`.
    Restarting there keeps the talk (and the projector) where it was.

    Returns:
        The position to resume at, or None after a quit with ``q``, on the first
        slide, while another presenter runs, or when the deck has changed
        so that the position no longer exists.
    """
    state = read_state(state_path(deck.source))
    if state is None or (state.ended and not state.resumable):
        return None
    if presenter_alive(lock_path(deck.source)):
        return None
    if not 0 < state.slide < len(deck.slides):
        return None
    return Position(state.slide, min(state.step, deck.slides[state.slide].steps))


def open_publisher(deck: Deck) -> Publisher:
    """A publisher for ``deck``, opened (see :attr:`Publisher.problem` if not)."""
    publisher = Publisher(deck.source)
    publisher.open()
    return publisher
