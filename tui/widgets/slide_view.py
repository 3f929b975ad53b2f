"""The slide itself: title, body, columns, quote or poll, laid out by layout.

One set of child widgets serves every layout; a layout is a set of inline
styles (:mod:`tui.widgets.slide_layouts`), so changing slides only updates
text and styles, never remounts (except when a columns slide has a
different number of columns) and never restyles the view from the
stylesheet. The view's class names its layout (``-layout-title`` ...).

Parts beyond the title and the body are built only when the deck has a
slide that shows them (:mod:`tui.widgets.slide_parts`): the first slide's
with the view, the rest once the first frame is out (start-up lays out only
what is on screen), hidden, and a slide's own in its frame should it come
before them (see :meth:`SlideView.show`).

The slide is drawn in a frame (``#slide-frame``) that keeps text to the
deck's measure (``width:``, :func:`frame_width`) and is centred on wide
terminals; its side and top margins are shares of the terminal (CSS
percentages in ``app.tcss``), so every size is decided in Textual's one
layout pass.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Static

from tui.compositor import forget_lines
from tui.deck.model import DEFAULT_WIDTH, Deck, Layout, Slide, slide_meta
from tui.measure_caches import forget_measures
from tui.polls.model import PollResults
from tui.render import markdown, prefetch_markdown
from tui.safe_text import printable
from tui.widgets.slide_frame import frame_width
from tui.widgets.slide_layouts import CENTRED, apply_layout, leaf_classes
from tui.widgets.slide_parts import (
    ALL_PARTS,
    make_part,
    mount_parts,
    parts_of_deck,
    parts_shown,
)
from tui.widgets.slide_pictures import PictureFitting
from tui.widgets.slide_title import SlideTitle

if TYPE_CHECKING:
    from tui.web.qr import JoinCode
    from tui.widgets.join_view import JoinView
    from tui.widgets.poll_keys import PollKeys
    from tui.widgets.poll_view import PollView

_BIG_TITLE = {Layout.TITLE, Layout.SECTION}


__all__ = ["SlideView"]

_LAYOUT_NAMES = {layout.value for layout in Layout}


class SlideView(PictureFitting, Vertical):
    """Draws one slide at one reveal step."""

    _layout: Layout | None = None
    _deferred_body: tuple[str, str] | None = None
    join: JoinCode | None = None
    """The phone page's join code, shown beside poll options while it is served."""

    _frame_width: int | None = None
    _meta: tuple[str, str] | None = None
    _deck: Deck | None = None
    """The deck whose parts are built (or being built: see :meth:`_build_the_rest`)."""

    def __init__(
        self,
        *,
        first: Slide | None = None,
        deck: Deck | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        """A slide view.

        Args:
            first: The first slide it will show: it is built with the parts
                that slide shows, the rest of ``deck``'s after the first frame.
            deck: The deck it shows: without ``first``, it is built with
                the parts the deck's slides show (None with no ``first``
                either: with every part).
            id: The widget's id.
            classes: Its classes; a ``-layout-NAME`` class composes it in
                that layout (no restyle for the first slide).
        """
        super().__init__(id=id, classes=classes)
        self._first = first
        self._composed_deck = deck
        self._parts: dict[str, Widget] = {}
        """The optional parts built, by id (see :mod:`tui.widgets.slide_parts`)."""

    def compose(self) -> ComposeResult:
        # Composed with the first slide's classes (a "-layout-" class given
        # to the view), so that no widget is restyled for the first slide.
        first = next((Layout(name[8:]) for name in self.classes if name[8:] in _LAYOUT_NAMES), None)
        deck = self._composed_deck
        if self._first is not None:
            parts = parts_shown(self._first, deck, join=False)
        else:
            parts = ALL_PARTS if deck is None else parts_of_deck(deck, join=False)
        made = {part: make_part(part) for part in parts}
        self._parts.update(made)
        with Vertical(id="slide-frame"):
            yield from self._made(made, "slide-top")  # the top margin of a content slide
            yield SlideTitle(id="slide-title", classes=leaf_classes("#slide-title", first))
            yield from self._made(made, "slide-subtitle", "slide-author")
            with VerticalScroll(id="slide-scroll", can_focus=False):
                yield Static(
                    id="slide-body", markup=False, classes=leaf_classes("#slide-body", first)
                )
                yield from self._made(made, "slide-columns")
                if "slide-poll-row" in made:
                    with made["slide-poll-row"]:
                        yield from self._made(made, "slide-poll", "slide-join")
                yield from self._made(made, "slide-attribution")
            yield from self._made(made, "slide-meta")

    @staticmethod
    def _made(made: Mapping[str, Widget], *parts: str) -> Iterable[Widget]:
        return [made[part] for part in parts if part in made]

    def _build_the_rest(self) -> None:
        """Mount, hidden, the parts the deck's slides show that are not built yet."""
        if self._deck is not None:
            self._build(parts_of_deck(self._deck, join=self.join is not None))

    def _build(self, parts: Iterable[str], *, now: bool = False) -> None:
        """Mount ``parts`` not built yet, hidden (``now``: in the frame on screen)."""
        mount_parts(self, self._parts, parts, self._layout, now=now)

    def show(
        self,
        slide: Slide,
        step: int,
        totals: PollResults | Mapping[str, int] | None = None,
        chart_shown: bool = False,
        *,
        poll_hints: PollKeys | None = None,
        deck: Deck | None = None,
    ) -> None:
        """Draw ``slide`` with ``step`` reveal steps shown.

        Args:
            slide: The slide to draw.
            step: Reveal steps shown (0 to ``slide.steps``).
            totals: The poll's results (or votes per option text) when the
                slide has a poll.
            chart_shown: Whether the poll's bar chart is revealed.
            poll_hints: The presenter's poll keys to name, or None (the
                audience view, whose keys do not act on the poll).
            deck: The deck the slide is in: its measure, and its author,
                event and date for a slide that shows them.
        """
        first = self._layout is None  # the first slide drawn: start-up
        self._build(parts_shown(slide, deck, join=self.join is not None), now=True)
        if deck is not None and deck is not self._deck:
            # The parts the deck's other slides show, hidden, once this frame
            # is out (at start-up, and after a reload).
            self._deck = deck
            self.call_after_refresh(self._build_the_rest)
        if slide.layout is not self._layout:
            # The class names the layout (no stylesheet rule reads it, so no
            # restyle); its look is set as inline styles (see slide_layouts).
            classes = {f"-layout-{slide.layout.value}": True}
            if self._layout is not None:
                classes[f"-layout-{self._layout.value}"] = False
            self.update_classes(classes, update=False)
            apply_layout(self, slide.layout)
            self._layout = slide.layout
        centred = slide.layout in CENTRED
        limit = frame_width(slide.layout, deck.width if deck is not None else DEFAULT_WIDTH)
        if limit != self._frame_width:
            self._frame_width = limit
            self.query_one("#slide-frame").styles.max_width = limit
        title = self.query_one("#slide-title", SlideTitle)
        title.show(printable(slide.title), big=slide.layout in _BIG_TITLE)
        title.display = bool(slide.title)
        subtitle = cast("Static | None", self._parts.get("slide-subtitle"))
        if subtitle is not None:  # else no slide so far has one
            subtitle.update(Text(printable(slide.subtitle)))
            subtitle.display = bool(slide.subtitle)
        meta = slide_meta(deck, slide)
        if meta != self._meta:  # the same on most slides: no update, no bytes
            self._meta = meta
            for part, line in zip(("slide-author", "slide-meta"), meta, strict=True):
                widget = cast("Static | None", self._parts.get(part))
                if widget is not None:
                    widget.update(Text(printable(line)))
                    widget.display = bool(line)

        body = self.query_one("#slide-body", Static)
        body_text = slide.body_at_step(step)
        self._deferred_body = None  # a body still waiting belongs to another slide
        body.display = bool(body_text.strip()) or bool(slide.image_files)
        justify = "center" if centred else "left"
        if self.show_pictures(slide, body_text, justify):
            pass  # drawn with its pictures, sized to the view
        elif body.display:
            if "rich.markdown" in sys.modules or not first:
                body.update(markdown(body_text, justify))
            else:
                # The first slide: paint its title now and its body once the
                # Markdown renderer (with Pygments, ~60 ms to import) is in.
                # Later slides draw theirs in their own frame (the renderer
                # is imported ahead, see _prefetch_next).
                body.update("")
                self._deferred_body = (body_text, justify)
                self.call_after_refresh(self._show_deferred_body)

        self._show_extras(slide, totals, chart_shown, poll_hints)
        scroll = self.query_one("#slide-scroll")
        if scroll.scroll_y:
            scroll.scroll_home(animate=False)
        if deck is not None:
            self.call_after_refresh(self._prefetch_next, slide, step, deck)
        # Once this frame is out and the next body laid out ahead, the
        # widths Rich measured for their words go (see tui.measure_caches).
        self.call_after_refresh(forget_measures)

    def _show_extras(
        self,
        slide: Slide,
        totals: PollResults | Mapping[str, int] | None,
        chart_shown: bool,
        poll_hints: PollKeys | None,
    ) -> None:
        """Draw (or hide) the slide's columns, poll and attribution, those built."""
        parts = self._parts
        columns = parts.get("slide-columns")
        if columns is not None:
            self._show_columns(columns, slide.columns)

        row = parts.get("slide-poll-row")
        if row is not None:
            poll_view = cast("PollView", parts["slide-poll"])
            if slide.poll is None and row.display:  # a poll left behind keeps no lines
                forget_lines(row.walk_children(Widget, with_self=True))
            poll_view.display = slide.poll is not None
            row.display = slide.poll is not None
            self._show_join(slide.poll is not None)
            if slide.poll is not None:
                # The question too, unless the slide's title already asks it.
                poll_view.show(
                    slide.poll, totals or {}, chart_shown, hints=poll_hints, title=slide.title
                )

        attribution = cast("Static | None", parts.get("slide-attribution"))
        if attribution is not None:
            attribution.display = bool(slide.attribution)
            attribution.update(
                Text(printable(f"— {slide.attribution}") if slide.attribution else "")
            )

    def _poll_shown(self) -> bool:
        """Whether the poll row is on the slide (never before it is built)."""
        row = self._parts.get("slide-poll-row")
        return row is not None and row.display

    def _prefetch_next(self, slide: Slide, step: int, deck: Deck) -> None:
        """Parse and lay out the body the next key (Right) shows, while this one is read."""
        if step < slide.steps:
            upcoming, upcoming_step = slide, step + 1
        else:
            index = next((i for i, shown in enumerate(deck.slides) if shown is slide), -1)
            if index < 0 or index + 1 >= len(deck.slides):
                return
            upcoming, upcoming_step = deck.slides[index + 1], 0
        body_text = upcoming.body_at_step(upcoming_step)
        if upcoming.image_files or not body_text.strip():
            return  # pictures are drawn ahead on their own
        # Imports the Markdown renderer the first time (after the first frame,
        # while the slide is read), so the next body comes in its own frame.
        # Its width: its layout's frame, less a quote's padding (app.tcss).
        width = self._frame_cells(frame_width(upcoming.layout, deck.width))
        width -= 8 if upcoming.layout is Layout.QUOTE else 0
        prefetch_markdown(body_text, "center" if upcoming.layout in CENTRED else "left", width)

    def _frame_cells(self, limit: int | None) -> int:
        """Cells across the slide's frame as app.tcss lays it out: 90 % of the
        view, at most ``limit`` (the layout's measure, see :func:`frame_width`).

        Known before the frame is laid out for a slide (the view's size does
        not change with the slide); the screen's width before the first layout.
        """
        width = (self.content_region.width or self.screen.size.width) * 9 // 10
        return min(width, limit) if limit else width

    def set_join(self, join: JoinCode | None) -> None:
        """Show ``join`` beside the options of poll slides (None: no join code)."""
        self.join = join
        if join is not None and "slide-poll-row" in self._parts:
            self._build(("slide-join",), now=self._poll_shown())  # beside the polls
        self._show_join(self._poll_shown())

    def _show_join(self, poll_shown: bool) -> None:
        join_view = cast("JoinView | None", self._parts.get("slide-join"))
        if join_view is None:
            return  # built when the phone page is first served, with a poll
        if self.join is None or not poll_shown:
            join_view.show(None, 0, 0)
            return
        # The code must fit the frame this slide is laid out in (the deck's
        # measure, inside margins in proportion to the terminal). That is
        # known now, so the code comes in the slide's own frame; once the
        # layout is done it is measured again (no redraw if it still fits).
        if self.content_region.width:
            self._fit_join()
        self.call_after_refresh(self._fit_join)

    def _fit_join(self) -> None:
        if self.join is None or not self._poll_shown():
            return
        top = self._parts.get("slide-top")
        # The frame itself may not be laid out for this slide yet.
        width = self._frame_cells(self._frame_width)
        # The frame's height follows its content; the view's is the room, less
        # the top margin, the title, its rule and the poll's top margin.
        room = self.content_region.height or self.screen.size.height
        height = room - 4
        if top is not None and top.display:
            # The top margin as laid out, or (hidden on the last slide, so not
            # laid out since) as app.tcss gives it: 6 % of the room, at least 1.
            height -= top.outer_size.height or max(1, room * 6 // 100)
        join_view = cast("JoinView | None", self._parts.get("slide-join"))
        if join_view is None:
            return
        join_view.show(self.join, width, height)
        row = self._parts["slide-poll-row"]
        layout = "horizontal" if join_view.beside else "vertical"
        if row.styles.layout is None or row.styles.layout.name != layout:
            row.styles.layout = layout

    def on_resize(self) -> None:
        self._show_join(self._poll_shown())

    def _show_deferred_body(self) -> None:
        if self._deferred_body is None:
            return
        body_text, justify = self._deferred_body
        self._deferred_body = None
        self.query_one("#slide-body", Static).update(markdown(body_text, justify))

    def _show_columns(self, container: Widget, columns: tuple[str, ...]) -> None:
        container.display = bool(columns)
        existing = list(container.query(".column"))
        if len(existing) != len(columns):
            container.remove_children()
            existing = [Static(classes="column", markup=False) for _ in columns]
            container.mount_all(existing)
        for widget, source in zip(existing, columns, strict=True):
            widget.update(markdown(source))  # type: ignore[attr-defined]
