"""The slide itself: title, body, columns, quote or poll, laid out by layout.

One set of child widgets serves every layout; a layout is a set of inline
styles (:mod:`tui.widgets.slide_layouts`), so changing slides only updates
text and styles, never remounts (except when a columns slide has a
different number of columns) and never restyles the view from the
stylesheet. The view's class names its layout (``-layout-title`` ...).

Parts the first slide does not show (the top margin of a content slide,
columns, the poll and its join code, a quote's attribution) are built once
the first frame is out, or with the first slide that shows one: start-up
lays out only what is on screen (see :meth:`SlideView.show`).

The slide is drawn in a frame (``#slide-frame``) that keeps text to the
deck's measure (``width:``, :func:`frame_width`) and is centred on wide
terminals; its side and top margins are shares of the terminal (CSS
percentages in ``app.tcss``), so every size is decided in Textual's one
layout pass.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import AwaitMount, Widget
from textual.widgets import Static

from tui.compositor import forget_lines
from tui.deck.model import DEFAULT_WIDTH, Deck, Layout, Slide
from tui.held_updates import draw_when_done
from tui.polls.model import PollResults
from tui.render import markdown, prefetch_markdown
from tui.safe_text import printable
from tui.widgets.slide_frame import frame_width
from tui.widgets.slide_layouts import CENTRED, apply_layout, leaf_classes
from tui.widgets.slide_pictures import PictureFitting
from tui.widgets.slide_title import SlideTitle
from tui.word_widths import forget_word_widths

if TYPE_CHECKING:
    from tui.web.qr import JoinCode
    from tui.widgets.join_view import JoinView
    from tui.widgets.poll_keys import PollKeys
    from tui.widgets.poll_view import PollView

_BIG_TITLE = {Layout.TITLE, Layout.SECTION}


def meta_lines(deck: Deck | None) -> tuple[str, str]:
    """The deck's author, and its event and date joined by " · " (each may be empty)."""
    if deck is None:
        return "", ""
    return deck.author.strip(), " · ".join(
        part for part in (deck.event.strip(), deck.date.strip()) if part
    )


_LAYOUT_NAMES = {layout.value for layout in Layout}


def _shows_extras(slide: Slide) -> bool:
    """Whether ``slide`` shows columns, a poll or an attribution."""
    return bool(slide.columns) or slide.poll is not None or bool(slide.attribution)


def _extras() -> tuple[list[Widget], list[Widget]]:
    """The body's companions in order (columns, the poll row, the attribution), and
    what goes in the poll row (the poll and its join code)."""
    from tui.widgets.join_view import JoinView  # with the first slide that needs them
    from tui.widgets.poll_view import PollView

    return [
        Horizontal(id="slide-columns"),
        Horizontal(id="slide-poll-row"),
        Static(id="slide-attribution", markup=False),
    ], [PollView(id="slide-poll"), JoinView(id="slide-join")]


class SlideView(PictureFitting, Vertical):
    """Draws one slide at one reveal step."""

    _layout: Layout | None = None
    _deferred_body: tuple[str, str] | None = None
    join: JoinCode | None = None
    """The phone page's join code, shown beside poll options while it is served."""

    _frame_width: int | None = None
    _meta: tuple[str, str] | None = None
    _has_top = True
    """The top margin (``#slide-top``) is built."""
    _has_extras = True
    """The columns, the poll row and the attribution are built."""

    def __init__(
        self, *, first: Slide | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        """A slide view.

        Args:
            first: The first slide it will show: the parts that slide does
                not show are built after the first frame (None: all at once).
            id: The widget's id.
            classes: Its classes; a ``-layout-NAME`` class composes it in
                that layout (no restyle for the first slide).
        """
        super().__init__(id=id, classes=classes)
        self._first = first

    def compose(self) -> ComposeResult:
        # Composed with the first slide's classes (a "-layout-" class given
        # to the view), so that no widget is restyled for the first slide.
        first = next((Layout(name[8:]) for name in self.classes if name[8:] in _LAYOUT_NAMES), None)
        slide = self._first
        self._has_top = slide is None or slide.layout not in CENTRED
        self._has_extras = slide is None or _shows_extras(slide)
        with Vertical(id="slide-frame"):
            if self._has_top:
                yield Static(id="slide-top")  # the top margin of a content slide
            yield SlideTitle(id="slide-title", classes=leaf_classes("#slide-title", first))
            yield Static(id="slide-subtitle", markup=False)
            yield Static(id="slide-author", markup=False)
            with VerticalScroll(id="slide-scroll", can_focus=False):
                yield Static(
                    id="slide-body", markup=False, classes=leaf_classes("#slide-body", first)
                )
                if self._has_extras:
                    (columns, row, attribution), in_row = _extras()
                    yield columns
                    with row:
                        yield from in_row
                    yield attribution
            yield Static(id="slide-meta", markup=False)

    def _build_the_rest(self, *, now: bool = False) -> None:
        """Mount the parts the first slide did not need, hidden until a slide shows them.

        Args:
            now: A slide on screen needs them: the screen is not updated
                until they are mounted (one frame, complete).
        """
        if self._has_top and self._has_extras:
            return
        containers = [*self.query("#slide-frame"), *self.query("#slide-scroll")]
        if len(containers) != 2 or any(
            not each.is_attached or each._closing or each._pruning for each in containers
        ):
            return  # the app is closing (a quit signal right after the first frame)
        frame, scroll = containers
        mounting: list[AwaitMount] = []
        if not self._has_top:
            self._has_top = True
            top = Static(id="slide-top")
            top.display = False
            mounting.append(frame.mount(top, before=0))
        if not self._has_extras:
            self._has_extras = True
            extras, in_row = _extras()
            for part in extras:
                part.display = False
            mounting.append(scroll.mount_all(extras))
            mounting.append(extras[1].mount_all(in_row))
        if self._layout is not None:
            apply_layout(self, self._layout)  # the new parts' inline styles
        # Their stylesheets, parsed now, are kept for the next start too.
        keep_css = getattr(self.app, "keep_more_parsed_css", None)
        if callable(keep_css):
            self.call_after_refresh(keep_css)
        if not now or self.screen not in self.app.screen_stack:
            return  # off screen (a frame drawn ahead waits for its widgets itself)

        async def mounted() -> None:
            for each in mounting:
                await each

        draw_when_done(self.app, self.call_next, mounted)

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
        if (not self._has_top and slide.layout not in CENTRED) or (
            not self._has_extras and _shows_extras(slide)
        ):
            self._build_the_rest(now=True)
        elif first and not (self._has_top and self._has_extras):
            self.call_after_refresh(self._build_the_rest)  # once this frame is out
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
        subtitle = self.query_one("#slide-subtitle", Static)
        subtitle.update(Text(printable(slide.subtitle)))
        subtitle.display = bool(slide.subtitle)
        meta = meta_lines(deck) if slide.shows_meta else ("", "")
        if meta != self._meta:  # the same on most slides: no update, no bytes
            self._meta = meta
            for selector, line in zip(("#slide-author", "#slide-meta"), meta, strict=True):
                widget = self.query_one(selector, Static)
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

        if self._has_extras:  # else this slide shows none of them
            self._show_extras(slide, totals, chart_shown, poll_hints)
        scroll = self.query_one("#slide-scroll")
        if scroll.scroll_y:
            scroll.scroll_home(animate=False)
        if deck is not None:
            self.call_after_refresh(self._prefetch_next, slide, step, deck)
        # Once this frame is out and the next body laid out ahead, the
        # widths Rich measured for their words go (see tui.word_widths).
        self.call_after_refresh(forget_word_widths)

    def _show_extras(
        self,
        slide: Slide,
        totals: PollResults | Mapping[str, int] | None,
        chart_shown: bool,
        poll_hints: PollKeys | None,
    ) -> None:
        """Draw (or hide) the slide's columns, poll and attribution."""
        self._show_columns(slide.columns)

        poll_view = cast("PollView", self.query_one("#slide-poll"))
        row = self.query_one("#slide-poll-row")
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

        attribution = self.query_one("#slide-attribution", Static)
        attribution.display = bool(slide.attribution)
        attribution.update(Text(printable(f"— {slide.attribution}") if slide.attribution else ""))

    def _poll_shown(self) -> bool:
        """Whether the poll row is on the slide (never before it is built)."""
        return self._has_extras and self.query_one("#slide-poll-row").display

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
        self._show_join(self._poll_shown())

    def _show_join(self, poll_shown: bool) -> None:
        if not self._has_extras:
            return  # built hidden, with no code, when first needed
        if self.join is None or not poll_shown:
            cast("JoinView", self.query_one("#slide-join")).show(None, 0, 0)
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
        top = self.query_one("#slide-top")
        # The frame itself may not be laid out for this slide yet.
        width = self._frame_cells(self._frame_width)
        # The frame's height follows its content; the view's is the room, less
        # the top margin, the title, its rule and the poll's top margin.
        room = self.content_region.height or self.screen.size.height
        # The top margin as laid out, or (hidden on the last slide, so not
        # laid out since) as app.tcss gives it: 6 % of the room, at least 1.
        top_height = top.outer_size.height or max(1, room * 6 // 100)
        height = room - 4 - (top_height if top.display else 0)
        join_view = cast("JoinView", self.query_one("#slide-join"))
        join_view.show(self.join, width, height)
        row = self.query_one("#slide-poll-row")
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

    def _show_columns(self, columns: tuple[str, ...]) -> None:
        container = self.query_one("#slide-columns", Horizontal)
        container.display = bool(columns)
        existing = list(container.query(".column"))
        if len(existing) != len(columns):
            container.remove_children()
            existing = [Static(classes="column", markup=False) for _ in columns]
            container.mount_all(existing)
        for widget, source in zip(existing, columns, strict=True):
            widget.update(markdown(source))  # type: ignore[attr-defined]
