"""Turning slide text into Rich renderables, styled from the current theme.

Bodies are Markdown rendered by Rich (one renderable per slide, so a slide
change costs one widget update rather than a tree of mounted widgets). Rich
looks Markdown styles up by name (``markdown.h1``, ``markdown.link`` ...) on
the console's theme; :func:`markdown_styles` derives those names from the
Textual theme's colours so a theme switch restyles the Markdown too.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
    from rich.measure import Measurement
    from rich.segment import Segment
    from rich.theme import Theme as RichTheme

Justify = Literal["left", "center"]


QUOTE_LEVELS = 8
"""As :data:`tui.quote_depth.MOST_QUOTE_LEVELS` (a test holds them equal): a body
with no more ``>`` than this has no quote too deep to draw."""


def may_nest_too_deep(source: str) -> bool:
    """Whether Markdown ``source`` may hold a quote or list nested deeper than is drawn.

    False for nearly every text, so that :mod:`tui.list_depth` (which
    flattens them) is imported only for one that may: a list item nested
    too deep is indented 10 cells or more, or by tabs.
    """
    return source.count(">") > QUOTE_LEVELS or " " * 10 in source or "\t" in source


MARKDOWN_KEPT = 6
"""Bodies :func:`markdown` keeps parsed (and laid out), the most recently drawn."""


@lru_cache(maxsize=MARKDOWN_KEPT)
def markdown(source: str, justify: Justify = "left") -> RenderableType:
    """A Rich renderable for Markdown ``source``.

    Text is never read as Rich markup: ``[bold]`` in the source shows as
    typed. Code blocks are highlighted by Pygments (``code_theme``), which
    is imported by the first one drawn (see :mod:`tui.markdown_import`). The
    result is cached: parsing is the costly part of a slide change, and a
    renderable is reused safely (styles are looked up at render time). Only
    the last :data:`MARKDOWN_KEPT` are kept: what a talk reuses is around
    the slide on screen (its reveal steps, the slide before, the next one
    laid out ahead); each holds its parse and its laid-out lines (~10 kB a
    slide), and one left behind is parsed again if it comes back (~0.5 ms).

    Args:
        source: Markdown text.
        justify: Paragraph alignment.
    """
    from tui.markdown_import import markdown_class  # deferred: slow to import
    from tui.render_links import show_link_addresses
    from tui.safe_text import printable

    source = printable(source)  # controls shown, never sent to the terminal
    if may_nest_too_deep(source):  # a quote or list too deep to draw joins the deepest drawn
        from tui.list_depth import flatten_deep_nesting  # deferred: rarely needed

        source = flatten_deep_nesting(source)
    parsed = markdown_class()(source, justify=justify, code_theme="ansi_dark", hyperlinks=True)
    if "![" in source:  # a picture in running text reads as its alt text, marked
        from tui.inline_pictures import name_inline_pictures

        name_inline_pictures(parsed)
    return _TrimmedTop(show_link_addresses(parsed))


def prefetch_markdown(source: str, justify: Justify = "left", width: int | None = None) -> None:
    """Parse ``source`` and lay it out as the last body was, ahead of showing it.

    Called while the presenter looks at a slide, for the slide that comes
    next: the key that shows it then finds its Markdown parsed and laid out
    (when it has the width of the body drawn last, as slides of one layout
    do), and the frame goes out sooner.

    Args:
        source: Markdown text, as passed to :func:`markdown`.
        justify: Paragraph alignment.
        width: The width it will be drawn at, in cells (None: the last body's).
    """
    renderable = markdown(source, justify)
    if isinstance(renderable, _TrimmedTop) and _TrimmedTop.last_drawn is not None:
        console, options = _TrimmedTop.last_drawn
        if width is not None and width > 0:
            options = options.update_width(width)
        for _segment in renderable.__rich_console__(console, options):
            pass


class _TrimmedTop:
    """Drops the blank lines Rich puts before a leading list or block.

    Rich's Markdown starts a body that opens with a list with an empty
    line; under a slide title that reads as a gap.
    """

    last_drawn: tuple[Console, ConsoleOptions] | None = None
    """The console and options of the last body drawn (see :func:`prefetch_markdown`)."""

    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable
        self._lines: dict[tuple[object, ...], list[list[Segment]]] = {}

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.segment import Segment

        _TrimmedTop.last_drawn = (console, options)

        # Textual renders a widget's content to measure it, then to draw it,
        # and again on each repaint: Markdown is laid out once per width.
        key = (
            options.max_width,
            options.min_width,
            options.justify,
            options.overflow,
            options.no_wrap,
            options.ascii_only,
            console.color_system,
            id(console),  # its theme holds the Markdown styles
            MarkdownStyles.generation,
        )
        lines = self._lines.get(key)
        if lines is None:
            # Render in full: the height Textual asks for already excludes the gap.
            lines = console.render_lines(self.renderable, options.reset_height(), pad=False)
            start = 0
            while start < len(lines) and not "".join(seg.text for seg in lines[start]).strip():
                start += 1
            lines = lines[start:]
            if len(self._lines) >= 8:
                self._lines.clear()
            self._lines[key] = lines
        for line in lines:
            yield from line
            yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        from rich.measure import Measurement

        return Measurement.get(console, options, self.renderable)


def markdown_styles(variables: dict[str, str]) -> RichTheme:
    """Rich Markdown styles built from Textual CSS variables.

    Args:
        variables: ``App.get_css_variables()``: colour strings keyed by
            variable name (``primary``, ``accent``, ``foreground`` ...).

    Returns:
        A Rich theme to push on the app's console.
    """
    from rich.theme import Theme as RichTheme

    def var(name: str, fallback: str = "default") -> str:
        return rich_colour(variables.get(name, fallback))

    accent, primary, secondary = var("accent"), var("primary"), var("secondary")
    muted = var("foreground-muted", var("foreground"))
    return RichTheme(
        {
            "markdown.h1": f"bold {var('slide-heading', accent)}",
            "markdown.h2": f"bold {primary}",
            "markdown.h3": f"bold {secondary}",
            "markdown.h4": "bold",
            "markdown.h5": "bold",
            "markdown.h6": "italic",
            "markdown.item.bullet": f"bold {accent}",
            "markdown.item.number": f"bold {accent}",
            "markdown.block_quote": f"italic {var('foreground')}",
            "markdown.em": "italic",
            "markdown.strong": "bold",
            "markdown.link": f"underline {primary}",
            "markdown.link_url": f"underline {primary}",
            "markdown.code": f"bold {secondary}",
            "markdown.hr": muted,
            "markdown.table.border": muted,
            "markdown.table.header": f"bold {primary}",
        }
    )


def rich_colour(colour: str) -> str:
    """A Textual colour string as a colour Rich can parse.

    Textual writes ANSI colours as ``ansi_bright_red`` and may add alpha
    (``#rrggbbaa``); Rich wants ``bright_red`` and ``#rrggbb``. Anything Rich
    still cannot parse becomes ``default`` rather than an error, so a theme
    can never stop a talk.
    """
    from rich.color import Color, ColorParseError

    value = colour.strip().split()[0] if colour.strip() else "default"
    if value.startswith("ansi_"):
        value = value[len("ansi_") :]
    elif value.startswith("#") and len(value) == 9:
        value = value[:7]
    try:
        Color.parse(value)
    except ColorParseError:
        return "default"
    return value


class MarkdownStyles:
    """Keeps the Rich Markdown styles on an app's console in step with its theme.

    Rich looks Markdown styles up on the console that renders them; Textual
    themes do not reach there. Call :meth:`apply` from the app's
    ``watch_theme``: it replaces the styles it pushed before.
    """

    generation = 0
    """Counts style changes: Markdown laid out before one is laid out again."""

    def __init__(self) -> None:
        self._pushed = False

    def apply(self, console: Console, variables: dict[str, str]) -> None:
        """Push styles derived from ``variables`` (``App.get_css_variables()``)."""
        if self._pushed:
            console.pop_theme()
        console.push_theme(markdown_styles(variables))
        self._pushed = True
        MarkdownStyles.generation += 1
