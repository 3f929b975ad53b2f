"""The slide itself: title, body, columns, quote or poll, laid out by layout.

One set of child widgets serves every layout; the layout is a CSS class on
the view (``-layout-title`` ...) so changing slides only updates text and
classes, never remounts (except when a columns slide has a different number
of columns).
"""

from __future__ import annotations

import sys
from collections.abc import Mapping

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Center, Horizontal, Vertical, VerticalScroll
from textual.widgets import Static

from tui.deck.model import Layout, Slide
from tui.polls.model import PollResults
from tui.render import markdown
from tui.safe_text import printable
from tui.widgets.poll_view import PollKeys, PollView

_CENTRED = {Layout.TITLE, Layout.SECTION, Layout.QUOTE}


class SlideView(Vertical):
    """Draws one slide at one reveal step."""

    _layout: Layout | None = None
    _deferred_body: tuple[str, str] | None = None

    def compose(self) -> ComposeResult:
        # Center lets a centred layout shrink the framed title to its text
        # and centre it; Textual aligns a vertical stack only as a block.
        with Center(id="slide-title-row"):
            yield Static(id="slide-title", markup=False)
        yield Static(id="slide-subtitle", markup=False)
        with VerticalScroll(id="slide-scroll", can_focus=False):
            yield Static(id="slide-body", markup=False)
            yield Horizontal(id="slide-columns")
            yield PollView(id="slide-poll")
            yield Static(id="slide-attribution", markup=False)

    def show(
        self,
        slide: Slide,
        step: int,
        totals: PollResults | Mapping[str, int] | None = None,
        chart_shown: bool = False,
        *,
        poll_hints: PollKeys | None = None,
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
        """
        if slide.layout is not self._layout:
            # Class changes restyle the whole subtree: only when needed.
            classes = {f"-layout-{slide.layout.value}": True}
            if self._layout is not None:
                classes[f"-layout-{self._layout.value}"] = False
            self.update_classes(classes)  # one restyle of the subtree, not two
            self._layout = slide.layout
        centred = slide.layout in _CENTRED
        title = self.query_one("#slide-title", Static)
        title.update(Text(printable(slide.title)))
        self.query_one("#slide-title-row").display = bool(slide.title)
        subtitle = self.query_one("#slide-subtitle", Static)
        subtitle.update(Text(printable(slide.subtitle)))
        subtitle.display = bool(slide.subtitle)

        body = self.query_one("#slide-body", Static)
        body_text = slide.body_at_step(step)
        self._deferred_body = None  # a body still waiting belongs to another slide
        body.display = bool(body_text.strip())
        if body.display:
            justify = "center" if centred else "left"
            if "rich.markdown" in sys.modules:
                body.update(markdown(body_text, justify))
            else:
                # The first slide: paint its title now and its body once the
                # Markdown renderer (with Pygments, ~60 ms to import) is in.
                body.update("")
                self._deferred_body = (body_text, justify)
                self.call_after_refresh(self._show_deferred_body)

        self._show_columns(slide.columns)

        poll_view = self.query_one("#slide-poll", PollView)
        poll_view.display = slide.poll is not None
        if slide.poll is not None:
            # The question too, unless the slide's title already asks it.
            poll_view.show(
                slide.poll, totals or {}, chart_shown, hints=poll_hints, title=slide.title
            )

        attribution = self.query_one("#slide-attribution", Static)
        attribution.display = bool(slide.attribution)
        attribution.update(Text(printable(f"— {slide.attribution}") if slide.attribution else ""))
        scroll = self.query_one("#slide-scroll")
        if scroll.scroll_y:
            scroll.scroll_home(animate=False)

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
