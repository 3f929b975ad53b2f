"""The slide's parts beyond its title and body, and which slides show them.

Every mounted widget costs about 32 kB for as long as it lives, shown or
not, and a slide view is built three times over in a talk (the presenter's,
the frame drawn ahead, the audience's). So the title and the body are
always there, and every other part is built only when the deck has a slide
that shows it: the top margin of a content slide, the subtitle, the
author, the event and date line, columns, the poll's row with the poll, the
phone page's join code (only while it is served), a quote's attribution.
A deck with no columns holds no columns widget all talk long.

:class:`tui.widgets.slide_view.SlideView` builds the first slide's parts
with it, the rest of the deck's (hidden) once the first frame is out or a
reload brought a slide that shows one, and a slide's own parts in its frame
should it come before they are built. This module says which parts a slide
shows (:func:`parts_shown`), where each goes, how it is made
(:func:`make_part`) and mounted (:func:`mount_parts`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from textual.containers import Horizontal
from textual.widget import AwaitMount, Widget
from textual.widgets import Static

from tui.deck.model import Deck, Layout, Slide, slide_meta
from tui.held_updates import draw_when_done
from tui.widgets.slide_layouts import CENTRED, apply_layout

__all__ = [
    "ALL_PARTS",
    "BUILD_ORDER",
    "PLACES",
    "in_order",
    "make_part",
    "mount_parts",
    "parts_of_deck",
    "parts_shown",
]

_FRAME = (
    "slide-top",
    "slide-title",
    "slide-subtitle",
    "slide-author",
    "slide-scroll",
    "slide-meta",
)
_SCROLL = ("slide-body", "slide-columns", "slide-poll-row", "slide-attribution")
_ROW = ("slide-poll", "slide-join")

PLACES: Mapping[str, tuple[str, tuple[str, ...]]] = {
    **{part: ("slide-frame", _FRAME) for part in _FRAME},
    **{part: ("slide-scroll", _SCROLL) for part in _SCROLL},
    **{part: ("slide-poll-row", _ROW) for part in _ROW},
}
"""Per part (its widget's id): the id of its container and the order of the
container's children (a part built later goes to its place among them)."""

BUILD_ORDER = (
    "slide-top",
    "slide-subtitle",
    "slide-author",
    "slide-meta",
    "slide-columns",
    "slide-poll-row",
    "slide-attribution",
    "slide-poll",
    "slide-join",
)
"""The optional parts, each after the part it goes in (the poll row before the poll)."""

ALL_PARTS = frozenset(BUILD_ORDER)


def parts_shown(slide: Slide, deck: Deck | None, *, join: bool) -> frozenset[str]:
    """The optional parts ``slide`` shows (ids, see :data:`BUILD_ORDER`).

    Args:
        slide: The slide.
        deck: Its deck (its author, event and date), or None (none shown).
        join: Whether a join code is shown beside polls (the phone page is served).
    """
    parts: list[str] = []
    if slide.layout not in CENTRED:
        parts.append("slide-top")
    if slide.subtitle:
        parts.append("slide-subtitle")
    author, meta = slide_meta(deck, slide)
    if author:
        parts.append("slide-author")
    if meta:
        parts.append("slide-meta")
    if slide.columns:
        parts.append("slide-columns")
    if slide.poll is not None:
        parts += (
            ("slide-poll-row", "slide-poll", "slide-join")
            if join
            else ("slide-poll-row", "slide-poll")
        )
    if slide.attribution:
        parts.append("slide-attribution")
    return frozenset(parts)


def parts_of_deck(deck: Deck, *, join: bool) -> frozenset[str]:
    """The optional parts some slide of ``deck`` shows (see :func:`parts_shown`)."""
    found: set[str] = set()
    for slide in deck.slides:
        found |= parts_shown(slide, deck, join=join)
        if len(found) == len(ALL_PARTS) - (not join):
            break  # all of them: the rest of a long deck adds none
    return frozenset(found)


def make_part(part: str) -> Widget:
    """A new widget for ``part`` (one of :data:`BUILD_ORDER`), empty."""
    if part == "slide-columns" or part == "slide-poll-row":
        return Horizontal(id=part)
    if part == "slide-poll":
        from tui.widgets.poll_view import PollView  # with the first deck that has a poll

        return PollView(id=part)
    if part == "slide-join":
        from tui.widgets.join_view import JoinView  # only while the phone page is served

        return JoinView(id=part)
    return Static(id=part, markup=False)


def in_order(parts: Iterable[str]) -> list[str]:
    """``parts`` in :data:`BUILD_ORDER` (a container before what goes in it)."""
    return sorted(parts, key=BUILD_ORDER.index)


def mount_parts(
    view: Widget,
    built: dict[str, Widget],
    parts: Iterable[str],
    layout: Layout | None,
    *,
    now: bool = False,
) -> None:
    """Mount, hidden, those of ``parts`` that ``view`` (a slide view) has not built yet.

    Args:
        view: The slide view.
        built: Its parts built so far, by id: the new ones are added.
        parts: The parts it needs (ids).
        layout: The layout it shows (the new parts get its inline
            styles), or None before its first slide.
        now: A slide on screen needs them: the screen is not updated
            until they are mounted (one frame, complete).
    """
    missing = in_order(set(parts) - built.keys())
    if not missing:
        return
    containers = [*view.query("#slide-frame"), *view.query("#slide-scroll")]
    if len(containers) != 2 or any(
        not each.is_attached or each._closing or each._pruning for each in containers
    ):
        return  # the app is closing (a quit signal right after the first frame)
    frame, scroll = containers
    mounting: list[AwaitMount] = []
    for part in missing:
        container_id, order = PLACES[part]
        container = {"slide-frame": frame, "slide-scroll": scroll}.get(container_id)
        container = container or built[container_id]  # the poll's row
        widget = built[part] = make_part(part)
        widget.display = False
        # Before the first part built that comes after it.
        after = order[order.index(part) + 1 :]
        before = next((child for child in container.children if child.id in after), None)
        mounting.append(container.mount(widget, before=before))
    if layout is not None:
        apply_layout(view, layout)  # the new parts' inline styles
    # Their stylesheets, parsed now, are kept for the next start too.
    keep_css = getattr(view.app, "keep_more_parsed_css", None)
    if callable(keep_css):
        view.call_after_refresh(keep_css)
    if not now or view.screen not in view.app.screen_stack:
        return  # off screen (a frame drawn ahead waits for its widgets itself)

    async def mounted() -> None:
        for each in mounting:
            await each

    draw_when_done(view.app, view.call_next, mounted)
