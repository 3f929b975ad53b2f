"""What the phone page shows now: a plain snapshot of the presenter's show.

:class:`Board` subscribes to the presenter's :class:`~tui.show.core.Show`
(one more observer of the one change event) and keeps :class:`PhoneView`,
the part of the show a phone may see: the slide's title and text, the poll
on screen, whether it is closed, and its counts once the presenter reveals
them. Nothing is read from the store here: the counts are the ones the
presenter's chart just read. Waiters (the live page's event streams) are
woken when what a phone sees changes. Imports no Textual and no aiohttp.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tui.deck.model import Poll
from tui.safe_text import printable

if TYPE_CHECKING:
    from tui.show.core import Show
    from tui.show.events import Change


@dataclass(frozen=True)
class PhoneView:
    """The presenter's screen as a phone shows it.

    Attributes:
        slide: 1-based number of the slide on screen (0 before the start).
        title: Its title (control characters neutralised).
        text: Its body at the step shown, as source text.
        poll: The poll on screen, or None.
        closed: That poll is closed to new votes.
        revealed: Its results are on the presenter's screen.
        counts: Votes per option (parallel to ``poll.options``) when revealed.
        percentages: Whole percentages per option, as the presenter shows them.
        voters: Distinct voters, when revealed.
        blank: The presenter blanked the screen.
        ended: The presentation is over (the server is stopping).
    """

    slide: int = 0
    title: str = ""
    text: str = ""
    poll: Poll | None = None
    closed: bool = False
    revealed: bool = False
    counts: tuple[int, ...] = ()
    percentages: tuple[int, ...] = ()
    voters: int = 0
    blank: bool = False
    ended: bool = False


def view_of(show: Show) -> PhoneView:
    """What a phone shows for the presenter's ``show`` now."""
    state = show.state
    slide = show.deck.slides[state.position.slide]
    poll = show.poll
    results = show.results if poll is not None else None
    revealed = poll is not None and show.chart_shown(poll)
    closed = results.closed if results is not None else False
    counts: tuple[int, ...] = ()
    shares: tuple[int, ...] = ()
    voters = 0
    if revealed and results is not None:
        counts, shares, voters = results.counts, results.percentages(), results.voters
    return PhoneView(
        slide=state.position.slide + 1,
        title=printable(slide.title or slide.subtitle),
        text="" if state.blank else printable(slide.body_at_step(state.position.step)),
        poll=poll,
        closed=closed,
        revealed=revealed,
        counts=counts,
        percentages=shares,
        voters=voters,
        blank=state.blank,
    )


@dataclass
class Board:
    """The phone view now, and a way to wait for the next one.

    Attributes:
        view: What phones show now.
        version: Increases whenever :attr:`view` changes.
    """

    view: PhoneView = field(default_factory=PhoneView)
    version: int = 0
    _changed: asyncio.Event | None = None

    def update(self, view: PhoneView) -> bool:
        """Make ``view`` current; True (and waiters woken) when it differs."""
        if view == self.view:
            return False
        self.view = view
        self.version += 1
        if self._changed is not None:
            self._changed.set()
            self._changed = None
        return True

    async def wait(self, version: int, timeout: float) -> int:
        """Wait until the version differs from ``version``, at most ``timeout`` s.

        Returns:
            The version then (unchanged after a timeout).
        """
        if self.version != version:
            return self.version
        if self._changed is None:
            self._changed = asyncio.Event()
        try:
            await asyncio.wait_for(self._changed.wait(), timeout)
        except asyncio.TimeoutError:
            pass
        return self.version

    def follow(self, show: Show) -> Callable[[Change], None]:
        """The observer that keeps this board in step with ``show``."""

        def observe(change: Change) -> None:
            self.update(view_of(show))

        return observe
