"""What the rehearsal store hands out: rehearsals, slides, timings, and its error.

Plain data, no SQLite: the recorder and the report use these without
loading the store (:mod:`tui.rehearsal.store` keeps them).
"""

from __future__ import annotations

from typing import NamedTuple

from tui.storage import errors


class RehearsalStoreError(errors.StoreError):
    """The rehearsal store cannot be opened or written; the message names the file.

    A :class:`tui.storage.errors.StoreError`; importable here as ``StoreError``.
    """


StoreError = RehearsalStoreError
"""The name the rehearsal store's callers have always used for :class:`RehearsalStoreError`."""


class SlideInfo(NamedTuple):
    """A slide as it was when rehearsed.

    Attributes:
        number: 1-based slide number.
        title: Its title (or what stands for it).
        steps: Its reveal steps.
        budget: Its ``time:`` in seconds, or None.
    """

    number: int
    title: str
    steps: int
    budget: float | None


class Timing(NamedTuple):
    """Time spent at one reveal step of one slide.

    Attributes:
        number: 1-based slide number.
        step: Reveal step (0 = before the first item).
        seconds: Seconds on screen, all visits added up.
        visits: How many times the slide came on screen at this step (a
            slide's visits are the sum over its steps).
    """

    number: int
    step: int
    seconds: float
    visits: int


class Rehearsal(NamedTuple):
    """One stored rehearsal.

    Attributes:
        id: Its number in the store.
        deck: Resolved path of the deck.
        title: The deck's title.
        started: Unix time it started.
        ended: Unix time it ended, or None when it was interrupted.
        duration: The deck's target length in seconds, or None.
        total: Seconds recorded over all slides.
        skipped: 1-based numbers of the slides never shown (no time and no
            visit recorded), in order.
    """

    id: int
    deck: str
    title: str
    started: float
    ended: float | None
    duration: float | None
    total: float
    skipped: tuple[int, ...] = ()

    @property
    def complete(self) -> bool:
        """Ended normally with every slide shown; else interrupted or skipping slides."""
        return self.ended is not None and not self.skipped
