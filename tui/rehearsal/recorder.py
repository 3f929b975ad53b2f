"""Recording a rehearsal: how long each slide and reveal step is on screen.

The presenter's show tells the :class:`Recorder` where the talk is after
every change (and whether the talk timer runs; see :func:`follow_show`); the recorder adds up the
time between changes per slide and step, revisits included, and saves the
totals to the store at each change and every few seconds, so an interrupted
rehearsal keeps what it had. Time while the timer is paused is not counted.
Imports no Textual.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from tui.deck.model import Deck
from tui.notes import slide_label
from tui.rehearsal.records import SlideInfo, StoreError, Timing
from tui.show.events import Flag

if TYPE_CHECKING:
    from tui.rehearsal.store import RehearsalStore
    from tui.show.core import Show
    from tui.show.events import Change, Observer


class Recorder:
    """Adds up time on screen per slide and reveal step for one rehearsal.

    Args:
        deck: The deck being rehearsed.
        store: Where the rehearsal is saved, or None to keep it in memory.
        clock: Monotonic seconds (injected in tests).
        wall: Unix time, for the rehearsal's date (injected in tests).

    Attributes:
        rehearsal: The rehearsal's id in the store (0 before the first
            update, or without a store).
        problem: The last store error, or None.
    """

    def __init__(
        self,
        deck: Deck,
        store: RehearsalStore | None,
        *,
        clock: Callable[[], float] = time.monotonic,
        wall: Callable[[], float] = time.time,
    ) -> None:
        self.deck = deck
        self.store = store
        self._clock = clock
        self._wall = wall
        self._seconds: dict[tuple[int, int], float] = {}
        self._visits: dict[tuple[int, int], int] = {}
        self._at: tuple[int, int] | None = None
        self._since: float | None = None
        self._entered: int | None = None
        self._dirty: set[tuple[int, int]] = set()
        self.problem: str | None = None
        self.rehearsal = 0

    def _begin(self) -> None:
        """Store the rehearsal's start, on the first update (so a run that
        never reaches the screen leaves nothing behind)."""
        if self.rehearsal or self.store is None:
            return
        try:
            self.rehearsal = self._insert(self.store)
        except StoreError as error:
            self.problem = str(error)
            self.store = None

    def _insert(self, store: RehearsalStore) -> int:
        deck = self.deck
        return store.begin(deck.source, deck.title, self._wall(), deck.duration, self._slides())

    def _slides(self) -> list[SlideInfo]:
        return [
            SlideInfo(number, slide_label(slide), slide.steps, slide.time)
            for number, slide in enumerate(self.deck.slides, start=1)
        ]

    def replace_deck(self, deck: Deck) -> None:
        """The deck was reloaded (saved while rehearsing): times follow their slides.

        Each slide's time so far moves to where the slide is in ``deck``
        (:func:`tui.show.replace.find_slide`: by id, title, else number; a
        deleted slide's time goes to the slide that took its place), and
        the stored rehearsal is rewritten with the new slides.
        """
        from tui.show.replace import find_slide

        old, self.deck = self.deck, deck
        self._close()

        def moved(key: tuple[int, int]) -> tuple[int, int]:
            slide = find_slide(old, deck, key[0])
            return (slide, min(key[1], deck.slides[slide].steps))

        seconds: dict[tuple[int, int], float] = {}
        visits: dict[tuple[int, int], int] = {}
        for key, value in self._seconds.items():
            seconds[moved(key)] = seconds.get(moved(key), 0.0) + value
        for key, count in self._visits.items():
            visits[moved(key)] = visits.get(moved(key), 0) + count
        self._seconds, self._visits = seconds, visits
        self._at = moved(self._at) if self._at is not None else None
        self._entered = moved((self._entered, 0))[0] if self._entered is not None else None
        self._dirty.clear()
        if self.store is None or not self.rehearsal:
            return
        try:
            self.store.replace_slides(
                self.rehearsal, deck.title, deck.duration, self._slides(), self.timings()
            )
        except StoreError as error:
            self.problem = str(error)

    def update(self, slide: int, step: int, running: bool) -> None:
        """The talk is at ``slide``/``step`` now; ``running`` says if it counts.

        Args:
            slide: 0-based slide on screen.
            step: Reveal step on screen.
            running: Whether the talk timer runs (paused time is not counted).
        """
        self._begin()
        where = (slide, step)
        counting = self._since is not None
        if where == self._at and running == counting:
            return
        self._close()
        if running and slide != self._entered:
            # A visit: the slide comes on screen (again) while the timer runs.
            self._entered = slide
            self._visits[where] = self._visits.get(where, 0) + 1
            self._dirty.add(where)
        self._at = where
        self._since = self._clock() if running else None
        self.flush()

    def _close(self) -> None:
        """Add the time since the last change to the step on screen."""
        if self._at is None or self._since is None:
            return
        now = self._clock()
        self._seconds[self._at] = self._seconds.get(self._at, 0.0) + max(0.0, now - self._since)
        self._since = now
        self._dirty.add(self._at)

    def timings(self) -> list[Timing]:
        """Totals so far per slide (1-based) and step, the open one included."""
        seconds = dict(self._seconds)
        if self._at is not None and self._since is not None:
            seconds[self._at] = seconds.get(self._at, 0.0) + max(0.0, self._clock() - self._since)
        keys = sorted(set(seconds) | set(self._visits))
        return [
            Timing(
                slide + 1, step, seconds.get((slide, step), 0.0), self._visits.get((slide, step), 0)
            )
            for slide, step in keys
        ]

    def flush(self) -> None:
        """Save the totals so far (the step on screen up to now included)."""
        if self.store is None or not self.rehearsal:
            return
        if self._at is not None and self._since is not None:
            self._dirty.add(self._at)
        if not self._dirty:
            return
        dirty, self._dirty = self._dirty, set()
        wanted = {(slide + 1, step) for slide, step in dirty}
        try:
            self.store.save(
                self.rehearsal,
                [timing for timing in self.timings() if (timing.number, timing.step) in wanted],
            )
        except StoreError as error:
            self.problem = str(error)
            self._dirty |= dirty

    def finish(self) -> None:
        """Stop counting and save; marks the rehearsal as complete."""
        self._close()
        self._since = None
        self.flush()
        if self.store is not None and self.rehearsal:
            try:
                self.store.finish(self.rehearsal, self._wall())
            except StoreError as error:
                self.problem = str(error)


def follow_show(recorder: Recorder, show: Show) -> Observer:
    """The observer that tells ``recorder`` where ``show`` is after each change.

    Returns:
        A callback for :meth:`tui.show.core.Show.subscribe`.
    """

    def observe(change: Change) -> None:
        if Flag.DECK in change.flags:
            recorder.replace_deck(show.deck)
        position = change.state.position
        recorder.update(position.slide, position.step, show.timer.running)

    return observe
