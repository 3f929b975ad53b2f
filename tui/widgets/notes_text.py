"""The speaker notes' text, scrolled in place: :class:`NotesText`."""

from __future__ import annotations

from rich.console import RenderableType
from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual


class NotesText(ScrollView, can_focus=False):
    """The notes of the slide on screen, scrolled by the presenter's keys.

    Draws and scrolls as a ``Static`` in a ``VerticalScroll`` did (the text
    drawn by the same Textual pipeline, at the width the scroll bar leaves
    once the text is taller than the widget), as one widget: each mounted
    widget costs memory, and the presenter keeps two screens alive. Its
    styles (``#notes-scroll`` in ``app.tcss``) hide the horizontal scroll bar.
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._content: RenderableType = Text()
        self._lines: list[Strip] = []
        self._laid_out: tuple[int, int] | None = None
        """The widget's width and height the lines were drawn for (None: draw again)."""

    def update(self, content: RenderableType) -> None:
        """Show ``content`` (a Rich renderable: never a string parsed as markup)."""
        self._content = content
        self._laid_out = None
        self.refresh()  # forgets the last text's visual
        self._lay_out()

    def render(self) -> RenderableType:
        """The notes (Textual turns them into the visual drawn)."""
        return self._content

    def on_resize(self, _event: events.Resize) -> None:
        self._lay_out()

    def _lay_out(self) -> None:
        """Draw the lines for the widget's size: narrower by the scroll bar when they overflow."""
        region = self.region.shrink(self.styles.gutter)
        size = (region.width, region.height)
        if not region.width or size == self._laid_out:
            return
        self._laid_out = size
        visual = self._render()
        lines = self._strips(visual, region.width)
        bar = self.styles.scrollbar_size_vertical
        if len(lines) > region.height and bar and region.width > bar:
            lines = self._strips(visual, region.width - bar)
        self._lines = lines
        self.virtual_size = Size(lines[0].cell_length if lines else 0, len(lines))
        self.refresh()

    def _strips(self, visual: Visual, width: int) -> list[Strip]:
        return Visual.to_strips(self, visual, width, None, self.visual_style)

    def render_line(self, y: int) -> Strip:
        """Line ``y`` of the widget: the text's line at the scroll position."""
        index = y + self.scroll_offset.y
        width = self.scrollable_content_region.width
        # Padding as Textual pads a line: the background alone.
        blank = Style.from_color(bgcolor=self.visual_style.rich_style.bgcolor)
        if 0 <= index < len(self._lines):
            return self._lines[index].crop_extend(0, width, blank)
        return Strip.blank(width, blank)
