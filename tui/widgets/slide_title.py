"""A slide's title: in big letters on title and section slides when it fits.

The choice between big letters and normal text is made for the width the
layout gives the title and the terminal's height, inside Textual's layout
pass (:meth:`SlideTitle.get_content_height`): a slide change or a resize
lays the title out once, at its final height, never in a second pass.

Under big letters the title is written once more as text, smaller and
muted: block glyphs are not words to a screen reader or a braille display,
to copying from the terminal, to a search of the scrollback or to a font
without the quadrant glyphs, and the caption keeps the title readable to
all of them.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

BIG_MIN_WIDTH = 60
"""Narrowest title (cells) drawn in big letters."""

BIG_HEIGHT_SHARE = 3
"""Big letters take at most a third of the terminal's height."""

BIG_MAX_LINES = 3
"""Most lines a title in big letters wraps to."""

STATUS_ROWS = 1
"""Rows under the slide that are not the slide's: the presenter's status line."""

BIG_SCALES = ((2, 30), (1, 0))
"""Sizes of big letters tried, largest first (see :func:`tui.big_text.big_lines`),
each with the fewest terminal rows it is tried on: on a laptop's 24 rows a
title in twice the size would push the rest of a title slide off screen."""


class SlideTitle(Widget):
    """The title of the slide on screen.

    Big letters (:mod:`tui.big_text`) are drawn when :meth:`show` allows
    them, every character of the title has a big glyph, the title fits the
    width in at most three lines and the rows take at most a third of the
    terminal's height (twice the size where that fits too, on 30 rows or
    more), with every other part of the slide still on screen; otherwise
    the whole title is normal text (styled by CSS: bold,
    the theme's title colour), wrapped at the width. Big letters have the
    title as text under them, after a blank row (the component class
    ``slide-title--caption``: not bold, muted).
    """

    COMPONENT_CLASSES = {"slide-title--caption"}
    DEFAULT_CSS = """
    SlideTitle > .slide-title--caption {
        text-style: not bold;
        color: $text-muted;
    }
    """

    _text = ""
    _big = False
    _room = 1 << 16
    """Rows the title may take with the rest of its slide still on screen
    (worked out in each layout pass, :meth:`_room_for_title`)."""

    def show(self, text: str, *, big: bool) -> None:
        """Set the title.

        Args:
            text: The title, already made printable (no control characters).
            big: Whether big letters may be used (title and section slides).
        """
        if (text, big) != (self._text, self._big):
            self._text, self._big = text, big
            self.refresh(layout=True)

    @property
    def is_big(self) -> bool:
        """Whether the title is drawn in big letters at its current size."""
        return self._big_rows(self.content_size.width) is not None

    def _big_rows(self, width: int) -> tuple[str, ...] | None:
        if not self._big or width < BIG_MIN_WIDTH or not self._text.strip():
            return None
        from tui.big_text import ROWS, big_lines, console_glyphs_only  # deferred: pyfiglet

        height = self.app.size.height
        budget = height // BIG_HEIGHT_SHARE
        caption = len(self._caption(width))  # the same under every size of letters
        for scale, min_height in BIG_SCALES:
            # Lines of big text within the budget (a blank row between two):
            # a title that needs more is not drawn to be thrown away.
            lines = min(BIG_MAX_LINES, (budget + 1) // (ROWS * scale + 1))
            if height < min_height or lines < 1:
                continue
            rows = big_lines(
                self._text,
                width,
                half_blocks=console_glyphs_only(),
                max_lines=lines,
                scale=scale,
            )
            if rows is None:
                continue
            while rows and not rows[-1].strip():  # a font's empty descender row
                rows = rows[:-1]
            # The big rows, a blank one and the caption, and the rest of the
            # slide still on screen: else a smaller size, or normal text.
            if len(rows) + 1 + caption <= self._room:
                return rows
        return None

    def _room_for_title(self, viewport: Size, width: int) -> int:
        """Rows of content the title may take with every other part of its slide on screen.

        The screen's height less the status row and what the title's
        siblings in the slide's frame need at ``width`` (their content,
        padding, borders and margins), and the title's own gutter.
        """
        others = 0
        parent = self.parent
        for sibling in parent.children if parent is not None else ():
            if sibling is self or not sibling.display:
                continue
            styles = sibling.styles
            inner = max(1, width - styles.gutter.width)
            height = sibling.get_content_height(viewport, viewport, inner)
            others += height + styles.gutter.height + styles.margin.top + styles.margin.bottom
        own = self.styles.gutter.height + self.styles.margin.top + self.styles.margin.bottom
        return viewport.height - STATUS_ROWS - others - own

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return container.width

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if width <= 0:
            return 0
        if self._big:
            self._room = self._room_for_title(viewport, width)
        rows = self._big_rows(width)
        if rows is not None:
            return len(rows) + 1 + len(self._caption(width))
        return len(Text(self._text).wrap(self.app.console, width))

    def _caption(self, width: int, style: Style | str = "") -> list[Text]:
        """The title as text under big letters: lines of ``width`` cells, centred."""
        # Spaced as the big letters are: any run of spaces one space.
        caption = Text(" ".join(self._text.split()), style=style, end="")
        return list(caption.wrap(self.app.console, width, justify="center"))

    def render(self) -> Text:
        width = self.content_size.width
        rows = self._big_rows(width)
        if rows is None:
            return Text(self._text)
        # Each line's rows padded alike on both sides: centred as one block.
        drawn = Text(no_wrap=True, overflow="crop", end="")
        for row in rows:
            left = (width - len(row)) // 2
            drawn.append(" " * left + row + " " * (width - left - len(row)) + "\n")
        style = self.get_component_rich_style("slide-title--caption", partial=True)
        for line in self._caption(width, style):
            drawn.append("\n")
            drawn.append_text(line)
        return drawn
