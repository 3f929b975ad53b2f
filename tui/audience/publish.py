"""The presenter's side of the audience view: publish each move for audience views.

One small file write and rename per change (well under a millisecond), no
timer and no socket: an idle presenter costs nothing. :func:`follow_show`
subscribes a :class:`Publisher` to the presenter's show. Imports no Textual.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from tui import locks
from tui.audience.state import (
    PresenterState,
    TimerRecord,
    deck_copy_path,
    encode,
    lock_path,
    state_path,
)
from tui.pacing import TalkTimer, TimerState
from tui.paths import deck_identity, make_private_dirs, narrow_dir, write_atomically

if TYPE_CHECKING:
    from tui.show.core import Show
    from tui.show.events import Change, Observer


class Publisher:
    """Publishes a presenter's position for the audience views of one deck.

    Call :meth:`open` once, :meth:`publish` on every change, :meth:`close`
    on the way out. A publisher that could not open (another presenter holds
    the deck, or the folder is not writable) ignores :meth:`publish`.

    Args:
        deck_path: The deck being presented.

    Attributes:
        problem: Why publishing is off, or None while it works.
        elsewhere: Publishing is off because another Podium presents this deck.
    """

    def __init__(self, deck_path: str | os.PathLike[str]) -> None:
        self.deck = deck_identity(deck_path)
        self.state_file = state_path(self.deck)
        self.lock_file = lock_path(self.deck)
        self.session = uuid.uuid4().hex
        self.problem: str | None = "not opened"
        self.elsewhere = False
        self._lock_fd: int | None = None
        self._seq = 0
        self._last: tuple[object, ...] | None = None
        self._last_timer: TimerRecord | None = None
        self._deck_rev: str | None = None
        self._theme_file: str | None = None
        self._deck_changed = False

    @property
    def active(self) -> bool:
        """True when moves reach audience views."""
        return self._lock_fd is not None

    def open(self) -> bool:
        """Take the deck's lock and create the folder (mode 0700).

        Returns:
            True when publishing works; else :attr:`problem` says why.
        """
        folder = self.state_file.parent
        try:
            # Private whatever the umask: another user who could write here
            # could move the projector's slides.
            make_private_dirs(folder)
            narrow_dir(folder)
            fd = locks.hold(self.lock_file)
        except OSError as error:
            self.problem = f"cannot write to {folder}: {error.strerror or error}"
            return False
        if fd is None:
            self.elsewhere = True
            self.problem = "another Podium is presenting this deck; audience views follow that one"
            return False
        self._lock_fd = fd
        self.problem = None
        return True

    def publish(
        self,
        slide: int,
        step: int,
        *,
        blank: bool = False,
        chart: bool = False,
        totals: dict[str, int] | None = None,
        theme: str | None = None,
        how_to_vote: str | None = None,
        ended: bool = False,
        voters: int | None = None,
        closed: bool = False,
        join: tuple[str, str] | None = None,
        resumable: bool = False,
        timer: TimerRecord | None = None,
    ) -> bool:
        """Publish the presenter's state, if it changed.

        Args:
            slide: 0-based slide on screen.
            step: Reveal steps shown.
            blank: The screen is blanked.
            chart: The bar chart of the slide's poll is shown.
            totals: Votes per option of that slide's poll, or None.
            theme: The theme name.
            how_to_vote: The vote command shown on the poll slide, or None.
            ended: The presenter is quitting.
            voters: Distinct voters of that poll, or None (the sum of ``totals``).
            closed: That poll is closed to new votes.
            join: The phone page's ``(join address, short code)``, or None.
            resumable: With ``ended``: a signal ended the presenter, so the
                next start resumes here (:attr:`PresenterState.resumable`).
            timer: The talk timer, or None while it waits to start (see
                :func:`timer_record`).

        Returns:
            True when a new state was written.
        """
        if self._lock_fd is None:
            return False
        key = (
            slide,
            step,
            blank,
            chart,
            totals,
            theme,
            how_to_vote,
            ended,
            voters,
            closed,
            join,
            resumable,
            _timer_key(timer),
        )
        if key == self._last and not self._deck_changed:
            return False
        self._seq += 1
        state = PresenterState(
            deck=self.deck,
            session=self.session,
            pid=os.getpid(),
            seq=self._seq,
            slide=slide,
            step=step,
            blank=blank,
            chart=chart,
            totals=dict(totals) if totals is not None else None,
            voters=voters,
            closed=closed,
            theme=theme,
            how_to_vote=how_to_vote,
            join_url=join[0] if join else None,
            join_code=join[1] if join else None,
            ended=ended,
            resumable=resumable,
            deck_rev=self._deck_rev,
            theme_file=self._theme_file,
            timer=timer,
        )
        try:
            write_atomically(self.state_file, encode(state))
        except OSError as error:
            self.problem = f"cannot write {self.state_file}: {error.strerror or error}"
            return False
        self._last = key
        self._last_timer = timer
        self._deck_changed = False
        return True

    def publish_deck(self, text: str, revision: str, theme_file: Path | None = None) -> bool:
        """Give audience views the deck the presenter reloaded (with the next state).

        Args:
            text: The deck's text as loaded.
            revision: Its revision (:attr:`tui.reload.loading.Loaded.revision`).
            theme_file: The theme file loaded with it, or None.

        Returns:
            True when the copy was written (the next :meth:`publish` announces it).
        """
        if self._lock_fd is None:
            return False
        try:
            write_atomically(deck_copy_path(self.deck), text.encode("utf-8", "surrogatepass"))
        except OSError as error:
            self.problem = f"cannot write {deck_copy_path(self.deck)}: {error.strerror or error}"
            return False
        self._deck_rev = revision
        self._theme_file = str(theme_file.resolve()) if theme_file is not None else None
        self._deck_changed = True  # published with the next change, even in place
        return True

    pending: Callable[[], None] | None = None
    """Writes a change still waiting for the presenter's frame (:class:`AfterFrames`)."""

    def close(self, clean: bool = True, *, resumable: bool = False) -> None:
        """Say the presenter has quit (when ``clean``), then let go of the lock.

        A change still waiting for its frame (a key pressed just before
        quitting) is written first, so audience views end on that slide.

        Args:
            clean: False after a crash: audience views then say the
                presenter stopped unexpectedly.
            resumable: A signal ended the presenter (a hang-up, ``kill``),
                not ``q``: audience views hear that it quit, and the next
                start of the deck resumes at this slide as after a crash.
        """
        if self._lock_fd is None:
            return
        if self.pending is not None:
            self.pending()
        if clean and self._last is not None:
            slide, step, _blank, chart, totals, theme, how_to_vote, _, voters, closed, *_ = (
                self._last
            )
            self.publish(
                slide,  # type: ignore[arg-type]
                step,  # type: ignore[arg-type]
                chart=chart,  # type: ignore[arg-type]
                totals=totals,  # type: ignore[arg-type]
                theme=theme,  # type: ignore[arg-type]
                how_to_vote=how_to_vote,  # type: ignore[arg-type]
                ended=True,
                voters=voters,  # type: ignore[arg-type]
                closed=closed,  # type: ignore[arg-type]
                resumable=resumable,
                timer=self._last_timer,  # a running one's count goes on from its reading
            )
        locks.release(self._lock_fd)
        self._lock_fd = None
        self.problem = "closed"


def timer_record(timer: TalkTimer, wall: Callable[[], float] = time.time) -> TimerRecord | None:
    """``timer`` as published: None while it waits to start.

    Args:
        timer: The presenter's talk timer.
        wall: Unix time (injected in tests).
    """
    if timer.state is TimerState.READY or timer.origin is None:
        return None
    return TimerRecord(
        running=timer.running, elapsed=timer.elapsed(), origin=timer.origin, at=wall()
    )


def _timer_key(timer: TimerRecord | None) -> tuple[object, ...] | None:
    """What tells one timer reading from another: a running one's count reads
    differently every moment, but its start (in Unix time) stays put."""
    if timer is None:
        return None
    if timer.running:
        return (True, timer.origin, round(timer.at - timer.elapsed))
    return (False, timer.origin, round(timer.elapsed, 1))


def follow_show(
    show: Show,
    publisher: Publisher,
    *,
    theme: Callable[[], str],
    join: Callable[[], tuple[str, str] | None] = lambda: None,
) -> Observer:
    """The observer that publishes each change of ``show`` to audience views.

    Args:
        show: The presenter's show (its poll counts are read from it, not
            from the store again).
        publisher: Where to publish (it writes only what changed).
        theme: The presenter's theme name now.
        join: The phone page's ``(join address, short code)`` now, or None.

    Returns:
        A callback for :meth:`tui.show.core.Show.subscribe`.
    """

    def observe(change: Change) -> None:
        state = change.state
        poll = show.poll
        totals = how_to_vote = voters = None
        chart = closed = False
        if poll is not None:
            shown = show.results  # the counts just read for this change
            totals = shown.by_text() if shown is not None else None
            voters = shown.voters if shown is not None else None
            closed = shown.closed if shown is not None else False
            chart = poll.id in state.charts_shown
            how_to_vote = show.polls.session.how_to_vote
        publisher.publish(
            state.position.slide,
            state.position.step,
            blank=state.blank,
            chart=chart,
            totals=totals,
            theme=theme(),
            how_to_vote=how_to_vote,
            voters=voters,
            closed=closed,
            join=join(),
            timer=timer_record(show.timer),
        )

    return observe


class AfterFrames:
    """An observer run once the presenter's frame is out, for the newest change only.

    Writing the state file takes about a millisecond; done inside the key
    press it delays the presenter's own frame. The audience view reads the
    file a frame later instead, and a burst of changes writes it once.

    Args:
        observe: The observer to defer (from :func:`follow_show`).
        later: Returns a function that runs a callback after the next frame
            (the app's ``call_after_refresh``), or None while there is no
            running app: then ``observe`` runs at once.
    """

    def __init__(
        self, observe: Observer, later: Callable[[], Callable[[Callable[[], None]], object] | None]
    ) -> None:
        self._observe = observe
        self._later = later
        self._newest: list[Change] = []

    def __call__(self, change: Change) -> None:
        """Observe ``change`` after the next frame (or now, without a running app)."""
        schedule = self._later()
        if schedule is None:
            self._newest.clear()
            self._observe(change)
            return
        if not self._newest:
            schedule(self.flush)
        self._newest[:] = [change]

    def flush(self) -> None:
        """Observe the change still waiting for its frame, if any (e.g. on quitting)."""
        if self._newest:
            self._observe(self._newest.pop())
