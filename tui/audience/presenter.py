"""The presenter's side of the audience view: its publisher, and where a crashed run stopped."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import NamedTuple

from tui.audience.publish import Publisher
from tui.audience.state import (
    PresenterState,
    TimerRecord,
    lock_path,
    presenter_alive,
    read_state,
    state_path,
)
from tui.deck.model import Deck
from tui.navigation import Position

TALK_GOES_ON_SECONDS = 15 * 60
"""Longest time between a crash and the next start that still counts as talk time.

A hang-up over SSH, a reconnect and ``podium`` again take a minute or two
while the talk goes on; a presenter back after longer has stopped talking,
so the timer comes back paused where it was.
"""


class ResumedTimer(NamedTuple):
    """The talk timer of a run that stopped unexpectedly, as it goes on.

    Attributes:
        elapsed: Seconds counted (incl. the time since the crash, if that is
            short: :data:`TALK_GOES_ON_SECONDS`).
        origin: 0-based slide the talk's plan starts from.
        running: It counts on at once (else it waits for the timer key).
    """

    elapsed: float
    origin: int
    running: bool


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
    resumed = crashed_run(deck)
    return None if resumed is None else resumed[0]


def crashed_run(
    deck: Deck, wall: Callable[[], float] = time.time
) -> tuple[Position, ResumedTimer | None] | None:
    """Where the last run of ``deck`` stopped unexpectedly, and its talk timer, from one read.

    See :func:`crashed_position` and :func:`crashed_timer`, which each give half.

    Args:
        deck: The deck about to be presented.
        wall: Unix time (injected in tests).
    """
    state = _crashed_state(deck)
    if state is None:
        return None
    position = Position(state.slide, min(state.step, deck.slides[state.slide].steps))
    return position, None if state.timer is None else _going_on(state.timer, wall())


def crashed_timer(deck: Deck, wall: Callable[[], float] = time.time) -> ResumedTimer | None:
    """The talk timer of the run :func:`crashed_position` resumes, as it goes on now.

    A timer that was running counts the time since its last reading too
    when that is at most :data:`TALK_GOES_ON_SECONDS` (the talk went on
    while the presenter reconnected); else it comes back paused.

    Args:
        deck: The deck about to be presented.
        wall: Unix time (injected in tests).

    Returns:
        The timer, or None when there is nothing to resume (see
        :func:`crashed_position`) or the timer had not started.
    """
    resumed = crashed_run(deck, wall)
    return None if resumed is None else resumed[1]


def _going_on(timer: TimerRecord, now: float) -> ResumedTimer:
    if not timer.running:
        return ResumedTimer(timer.elapsed, timer.origin, running=False)
    since = now - timer.at
    if 0 <= since <= TALK_GOES_ON_SECONDS:
        return ResumedTimer(timer.elapsed + since, timer.origin, running=True)
    return ResumedTimer(timer.elapsed, timer.origin, running=False)


def _crashed_state(deck: Deck) -> PresenterState | None:
    state = read_state(state_path(deck.source))
    if state is None or (state.ended and not state.resumable):
        return None
    if presenter_alive(lock_path(deck.source)):
        return None
    if not 0 < state.slide < len(deck.slides):
        return None
    if state.timer is not None and not 0 <= state.timer.origin < len(deck.slides):
        state.timer = None  # a deck changed since: its plan no longer fits
    return state


def open_publisher(deck: Deck) -> Publisher:
    """A publisher for ``deck``, opened (see :attr:`Publisher.problem` if not)."""
    publisher = Publisher(deck.source)
    publisher.open()
    return publisher
