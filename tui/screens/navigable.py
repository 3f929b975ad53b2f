"""One set of navigation keys and actions for every screen that shows slides.

:class:`NavigableScreen` turns the navigation keys (next, previous, first,
last, overview) into calls on a :class:`Navigator`: the presenter's is the
show itself (:class:`tui.show.core.Show`), the detached audience view's a
:class:`tui.show.browse.Browser`. :func:`navigation_keys` builds the
bindings, so both screens use the same actions with their own wording.
"""

from __future__ import annotations

from typing import NamedTuple, Protocol

from textual.binding import Binding

from tui.compositor import CroppedRenders
from tui.deck.model import Deck
from tui.navigation import Position
from tui.screens.one_frame import OneLayoutScreen


class Navigator(Protocol):
    """What the navigation keys move: anything with these moves and a position."""

    @property
    def position(self) -> Position:
        """The slide and reveal step shown."""
        ...

    def next(self) -> object:
        """Next reveal step, else the next slide."""
        ...

    def previous(self) -> object:
        """Previous reveal step, else the previous slide."""
        ...

    def first(self) -> object:
        """The first slide."""
        ...

    def last(self) -> object:
        """The last slide, fully revealed."""
        ...

    def jump(self, index: int) -> object:
        """Slide ``index`` (0-based) from its first step."""
        ...


class NavigationKeys(NamedTuple):
    """The navigation bindings, to place in a screen's ``BINDINGS``."""

    next: Binding
    previous: Binding
    first: Binding
    last: Binding
    overview: Binding


def navigation_keys(*, next_keys: str, suffix: str = "", show_ends: bool = False) -> NavigationKeys:
    """The navigation bindings of a screen.

    Args:
        next_keys: The keys that go forward (the presenter keeps Enter for the go-to prompt).
        suffix: Added to every tooltip (e.g. `` (detached)``).
        show_ends: Show First and Last in the footer.
    """
    return NavigationKeys(
        Binding(next_keys, "next", "Next", tooltip=f"Next step or slide{suffix}"),
        Binding(
            "left,pageup,backspace,h,p",
            "previous",
            "Back",
            tooltip=f"Previous step or slide{suffix}",
        ),
        Binding("home,g", "first", "First", show=show_ends, tooltip=f"First slide{suffix}"),
        Binding("end,G", "last", "Last", show=show_ends, tooltip=f"Last slide{suffix}"),
        Binding("o", "overview", "Overview", tooltip=f"Overview: jump to a slide by title{suffix}"),
    )


NAVIGATION_ACTIONS = frozenset({"next", "previous", "first", "last", "overview"})
"""The actions of :class:`NavigableScreen`."""


class NavigableScreen(CroppedRenders, OneLayoutScreen):
    """A screen whose navigation keys move its :attr:`navigator`.

    Its updates render only the rows they show (:mod:`tui.compositor`).

    Subclasses set :attr:`deck` and :attr:`navigator` in their constructor.
    """

    deck: Deck
    navigator: Navigator

    AUTO_FOCUS = ""
    """No widget is focused when the screen is composed or comes back: nothing
    on a slide takes focus (its keys are the screen's), and Textual's search
    for one (the app's ``"*"``) matches every widget of the slide against the
    selector before the first frame, and again after each dialog."""

    def action_next(self) -> None:
        """Next reveal step, else next slide."""
        self.navigator.next()

    def action_previous(self) -> None:
        """Previous reveal step, else previous slide."""
        self.navigator.previous()

    def action_first(self) -> None:
        """First slide."""
        self.navigator.first()

    def action_last(self) -> None:
        """Last slide, fully revealed."""
        self.navigator.last()

    def action_overview(self) -> None:
        """Open the overview and jump to the slide chosen there."""

        def chosen(index: int | None) -> None:
            if index is not None:
                self.navigator.jump(index)

        from tui.screens.overview import OverviewScreen  # not needed for the first slide

        self.app.push_screen(OverviewScreen(self.deck, self.navigator.position.slide), chosen)
