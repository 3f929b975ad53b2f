"""The notes pane's clock: the talk timer, the wall clock and the pace, repainted cell by cell.

It ticks once a second for the whole talk, so each tick must cost next to
nothing: the widget draws its own lines (Textual's line API: no markup, no
re-render of a text, no layout) and asks Textual to repaint only the cells
between the first and the last that changed, usually one digit of the timer
and two of the pace line. See :meth:`PaceClock.show`.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.theme import Theme
from textual.widget import Widget

from tui.compositor import paint_now

Span = tuple[str, str]
"""Text and its look: ``""`` (the widget's style), ``"bold"``, ``"reverse"``,
or one of :attr:`PaceClock.COMPONENT_CLASSES` (a colour from the stylesheet)."""

Line = tuple[Span, ...]

_LOOKS = {"": Style(), "bold": Style(bold=True), "reverse": Style(reverse=True)}


def _cells(line: Line) -> list[tuple[str, str]]:
    """Each cell of ``line``: its character (``""`` right of a wide one) and look."""
    out: list[tuple[str, str]] = []
    for text, look in line:
        if text.isascii():  # one cell each: the clock's digits, the usual words
            out += [(character, look) for character in text]
            continue
        for character in text:
            out.append((character, look))
            if cell_len(character) == 2:
                out.append(("", look))
    return out


def changed_columns(old: Line, new: Line) -> tuple[int, int] | None:
    """The cells ``[start, end)`` that differ between two lines, or None if none do.

    A line whose length changes differs up to the end of the longer one.
    """
    return _changed(_cells(old), _cells(new))


def _changed(before: list[tuple[str, str]], after: list[tuple[str, str]]) -> tuple[int, int] | None:
    """:func:`changed_columns` of two lines given as their cells (see :func:`_cells`)."""
    if before == after:
        return None
    pairs = zip(before, after, strict=False)
    shorter = min(len(before), len(after))
    start = next((index for index, (was, now) in enumerate(pairs) if was != now), shorter)
    if len(before) != len(after):
        return start, max(len(before), len(after))
    end = len(after)
    while end > start and before[end - 1] == after[end - 1]:
        end -= 1
    # The right half of a wide character is repainted with its left half.
    while start > 0 and after[start][0] == "":
        start -= 1
    return start, end


class PaceClock(Widget):
    """Two lines: the timer and wall clock, then the pace (none before the talk has a plan).

    One widget for both, so a tick repaints one region. The pace line's
    colour comes from the stylesheet through component classes
    (``pace-clock--pace``, ``--behind``, ``--over``). Text is set with
    :meth:`show`, never parsed as markup.
    """

    COMPONENT_CLASSES = {"pace-clock--pace", "pace-clock--behind", "pace-clock--over"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._lines: tuple[Line, ...] = ()
        self._line_cells: list[list[tuple[str, str]]] = []  # of _lines, kept for the next tick
        self._looks: dict[str, Style] = {}
        self._plain: tuple[Theme, tuple[Style, Color] | None] | None = None

    def show(self, lines: Sequence[Line]) -> None:
        """Show ``lines``, repainting only the cells that changed.

        The same number of lines: a repaint of the changed cells of each
        line, no layout. Another number (the pace line comes or goes): a
        layout, for the pane's other parts move.
        """
        new, old = tuple(lines), self._lines
        if new == old:
            return
        old_cells = self._line_cells
        if len(old_cells) != len(old):
            old_cells = [_cells(line) for line in old]
        new_cells = self._line_cells = [_cells(line) for line in new]
        self._lines = new
        if len(new) != len(old):
            self.refresh(layout=True)
            return
        width = self.content_region.width
        if width <= 0:  # not on screen (the pane is hidden): drawn whole when it shows
            self.refresh()
            return
        regions = []
        for y, (was, now) in enumerate(zip(old_cells, new_cells, strict=True)):
            columns = _changed(was, now)
            if columns is not None:
                start, end = columns
                if max(len(was), len(now)) > width:  # cells: the lines' widths
                    end = width  # the ellipsis moves too
                if start < width:
                    regions.append(Region(start, y, min(end, width) - start, 1))
        if regions and not paint_now(self, regions):
            self.refresh(*regions)

    def notify_style_update(self) -> None:
        """The stylesheet changed (a theme switch): look the colours up again."""
        self._looks.clear()
        self._plain = None
        super().notify_style_update()

    def _look(self, look: str) -> Style:
        style = self._looks.get(look)
        if style is None:
            style = _LOOKS.get(look)
            if style is None:
                style = self.get_component_rich_style(look, partial=True)
            self._looks[look] = style
        return style

    def get_content_width(self, container: Size, viewport: Size) -> int:
        """The longest line, in cells."""
        return max((cell_len(_plain(line)) for line in self._lines), default=0)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """One row per line."""
        return len(self._lines)

    def render_lines(self, crop: Region) -> list[Strip]:
        """The rows of ``crop``, as Textual's styles cache would draw them.

        The clock has no border, padding, outline, tint or transparency
        (see ``#notes-clock`` in the stylesheet): then a row is its line
        padded with the background, through the app's line filters, which
        is all the styles cache would do, at a fraction of the cost, once a
        second. Any of those set: Textual's way.
        """
        plain = self._plain_background()
        if plain is None:
            return super().render_lines(crop)
        padding, background = plain
        width = self.size.width
        filters = self.get_line_filters()
        strips = []
        for y in crop.line_range:
            strip = self.render_line(y).adjust_cell_length(width, padding)
            for line_filter in filters:
                strip = strip.apply_filter(line_filter, background)
            strips.append(strip)
        if crop.column_span != (0, width):
            first, last = crop.column_span
            strips = [strip.crop(first, last) for strip in strips]
        return strips

    def _plain_background(self) -> tuple[Style, Color] | None:
        """The padding style and background of a row, or None when styles ask for more.

        Looked up once per stylesheet update and theme (style lookups are
        what a tick would otherwise spend most of its time on).
        """
        theme = self.app.current_theme  # a theme file reloaded is another object
        if self._plain is not None and self._plain[0] is theme:
            return self._plain[1]
        styles = self.styles
        plain: tuple[Style, Color] | None = None
        if not (
            any(edge for edge, _ in styles.border)
            or any(edge for edge, _ in styles.outline)
            or any(styles.padding)
            or styles.tint.a
            or styles.text_opacity != 1.0
            or self.opacity != 1.0
            or (styles.has_rule("hatch") and styles.hatch != "none")
        ):
            base_background, background = self.background_colors
            padding = Style.from_color(bgcolor=(base_background + background).rich_color)
            plain = (padding, background)
        self._plain = (theme, plain)
        return plain

    def render_line(self, y: int) -> Strip:
        """Line ``y`` in the widget's style, cut with an ellipsis where it is too long."""
        width = self.content_region.width
        base = self.visual_style.rich_style
        if y >= len(self._lines):
            return Strip.blank(width, base)
        segments = [Segment(text, base + self._look(look)) for text, look in self._lines[y] if text]
        strip = Strip(segments)
        if strip.cell_length > width:
            if width < 1:
                return Strip([])
            last = strip.crop(width - 1, width)
            style = next(iter(last)).style if last.cell_length else base
            strip = Strip.join([strip.crop(0, width - 1), Strip([Segment("…", style)])])
        return strip


def _plain(line: Line) -> str:
    return "".join(text for text, _ in line)
