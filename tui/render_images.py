"""Pictures on slides, drawn in the terminal and scaled to the room left for them.

A slide's pictures are its ``image:`` and every ``![alt](file)`` that stands
alone on its line in the body (one inside running text reads as its alt
text). The loader has checked each file (:mod:`tui.deck.images`); here they
are decoded with Pillow, fitted to the room the slide has left, and drawn
through textual-image's renderables in the way
:func:`tui.picture_terminal.picture_mode` chose for this terminal.

This module is imported only for a slide that has pictures: a deck without
any never loads Pillow or textual-image. Imports no Textual.
"""

from __future__ import annotations

import os
import sys
import threading
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from tui.deck.images import image_refs
from tui.deck.picture_size import MAX_PIXELS, picture_size, pixels_problem
from tui.picture_terminal import DEFAULT_CELL, CellSize, Mode, cell_size, picture_mode, renderables
from tui.regular_file import open_regular

if TYPE_CHECKING:
    from PIL.Image import Image as PILImage
    from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
    from rich.measure import Measurement

    from tui.deck.model import Slide

__all__ = [
    "MAX_PIXELS",
    "MIN_ROWS",
    "Picture",
    "SlideBody",
    "decoded",
    "fit",
    "picture_mode",
    "slide_body",
]

MIN_ROWS = 3
"""Fewest rows a picture gets, however full the slide is."""

_GAP = 1
"""Blank lines between a picture and the text around it."""


MAX_SIDE = 1280
"""Longest side a decoded picture is kept at, in pixels: more than 200
columns of half blocks or kitty cells show, and it bounds the memory kept."""


@lru_cache(maxsize=8)
def _decoded(path: str, stamp: tuple[int, int]) -> PILImage | str:
    """The picture at ``path`` as RGB pixels, or why it cannot be shown.

    ``stamp`` (modification time and size) makes an edited file decode anew.
    Transparent parts are laid on white, as on a page; a large picture is
    reduced to :data:`MAX_SIDE` (a JPEG already while it is decoded).
    """
    from PIL import Image, UnidentifiedImageError

    try:
        # The check's rule (tui.deck.picture_size), read from the header
        # before Pillow's own, so a huge picture reads the same everywhere.
        with open_regular(path) as file:
            sides = picture_size(file)
            too_large = pixels_problem(*sides) if sides is not None else None
            if too_large is not None:
                return too_large
            file.seek(0)
            with Image.open(file) as image:
                too_large = pixels_problem(*image.size)
                if too_large is not None:
                    return too_large
                image.draft("RGB", (MAX_SIDE, MAX_SIDE))  # JPEG: decode at a fraction
                image.load()
                if image.mode in ("RGBA", "LA", "P", "PA") or "transparency" in image.info:
                    rgba = image.convert("RGBA")
                    page = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
                    picture = Image.alpha_composite(page, rgba).convert("RGB")
                else:
                    picture = image.convert("RGB")
    except (OSError, UnidentifiedImageError, ValueError, Image.DecompressionBombError) as error:
        return str(error) or type(error).__name__
    if max(picture.size) > MAX_SIDE:
        picture.thumbnail((MAX_SIDE, MAX_SIDE))
    return picture


def decoded(path: str) -> PILImage | str:
    """The picture at ``path`` decoded (cached until the file changes), or why not."""
    try:
        stat = os.stat(path)
    except OSError as error:
        return error.strerror or type(error).__name__
    return _decoded(path, (stat.st_mtime_ns, stat.st_size))


def fit(
    pixels: tuple[int, int], room: tuple[int, int], cell: CellSize = DEFAULT_CELL
) -> tuple[int, int]:
    """The largest size in cells that shows ``pixels`` undistorted within ``room``.

    Args:
        pixels: The picture's width and height in pixels.
        room: Columns and rows available.
        cell: The terminal cell's size in pixels, for the aspect ratio.

    Returns:
        ``(columns, rows)``, each at least 1.
    """
    width, height = max(pixels[0], 1), max(pixels[1], 1)
    columns, rows = max(room[0], 1), max(room[1], 1)
    # Rows needed at full width, given that a cell is taller than wide.
    rows_at_full_width = columns * cell.width * height / (width * cell.height)
    if rows_at_full_width <= rows:
        return columns, max(1, round(rows_at_full_width))
    return max(1, min(columns, round(rows * cell.height * width / (height * cell.width)))), rows


class Picture:
    """One picture, drawn centred in at most ``rows`` rows of the width given.

    Args:
        path: Absolute path of the picture file.
        alt: Its alternative text (shown when it cannot be drawn).
        source: The path as typed in the deck (shown with the alt text).
        rows: Most rows the picture may take.
        mode: How to draw it (see :func:`picture_mode`).
    """

    def __init__(self, path: str, alt: str, source: str, rows: int, mode: Mode) -> None:
        self.path = path
        self.alt = alt
        self.source = source
        self.rows = max(rows, 1)
        self.mode = mode

    def size(self, columns: int) -> tuple[int, int] | None:
        """The picture's size in cells within ``columns``, or None when it is not drawn."""
        if self.mode == "text":
            return None
        image = decoded(self.path)
        if isinstance(image, str):
            return None
        return fit(image.size, (columns, self.rows), _renderer_cell())

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.align import Align
        from rich.segment import Segment

        if self.mode == "text":
            yield self.caption()
            return
        image = decoded(self.path)
        if isinstance(image, str):
            yield self.caption(image)
            return
        size = fit(image.size, (options.max_width, self.rows), _renderer_cell())
        key = (self.path, _stamp(self.path), size, options.max_width, self.mode)
        with _DRAWN_LOCK:  # the next slide's pictures are drawn ahead in a thread
            drawn = _DRAWN.pop(key, None)
        if drawn is None:
            halfcell, kitty = renderables()
            renderable = (kitty if self.mode == "kitty" else halfcell)(image, *size)
            lines = console.render_lines(
                Align.center(renderable, width=options.max_width),
                options.reset_height(),
                pad=False,
            )
            # Runs of one colour as one segment: fewer for Textual to handle.
            drawn = (renderable, [list(Segment.simplify(line)) for line in lines])
        with _DRAWN_LOCK:
            while len(_DRAWN) >= _DRAWN_KEPT:
                # Forget the oldest; in kitty, free its image in the terminal too.
                _DRAWN.pop(next(iter(_DRAWN)))[0].cleanup()
            _DRAWN[key] = drawn  # most recently used last
        for line in drawn[1]:
            yield from line
            yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        from rich.measure import Measurement

        size = self.size(options.max_width)
        width = size[0] if size else min(options.max_width, len(self.caption_text()))
        return Measurement(width, options.max_width)

    def caption_text(self, problem: str | None = None) -> str:
        """The line shown instead of the picture."""
        from tui.safe_text import one_line

        name = self.alt.strip() or os.path.basename(self.source)
        text = f"[picture: {name} — {self.source}]"
        if problem:
            text += f" (cannot be shown: {problem})"
        return one_line(text)

    def caption(self, problem: str | None = None) -> RenderableType:
        """The picture as a line of text, centred and in italics."""
        from rich.text import Text

        return Text(self.caption_text(problem), style="italic", justify="center")


_DRAWN: dict[tuple[str, tuple[int, int], tuple[int, int], int, str], tuple[Any, list[Any]]] = {}
"""Pictures drawn, by file, size and mode: the textual-image renderable (in
kitty it holds the image sent to the terminal, so it is drawn, and sent, once)
and its lines of segments (drawing half blocks costs ~0.1 s a picture)."""
_DRAWN_KEPT = 16
_DRAWN_LOCK = threading.Lock()


def _stamp(path: str) -> tuple[int, int]:
    """Modification time and size of ``path``: a changed file is drawn anew."""
    try:
        stat = os.stat(path)
    except OSError:
        return (0, 0)
    return (stat.st_mtime_ns, stat.st_size)


def _renderer_cell() -> CellSize:
    """The cell size textual-image will scale with, once imported; else the kernel's."""
    terminal = sys.modules.get("textual_image._terminal")
    result = getattr(getattr(terminal, "get_cell_size", None), "_result", None)
    return CellSize(*result) if result else cell_size()


class SlideBody:
    """A slide's body with its pictures, fitted to ``height`` rows.

    Text is Markdown (see :func:`tui.render.markdown`); pictures share what
    the text leaves of ``height``, each at least :data:`MIN_ROWS` rows.

    Args:
        parts: Markdown text and :class:`Picture` items, in order.
        height: Rows available for the whole body.
        justify: Paragraph alignment of the text.
    """

    def __init__(self, parts: list[str | Picture], height: int, justify: str = "left") -> None:
        self.parts = parts
        self.height = height
        self.justify = justify

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.segment import Segment

        from tui.render import markdown

        rendered: list[list[list[Segment]] | Picture] = []
        text_rows = 0
        for part in self.parts:
            if isinstance(part, Picture):
                rendered.append(part)
                continue
            lines = console.render_lines(
                markdown(part, "center" if self.justify == "center" else "left"),
                options.reset_height(),
                pad=False,
            )
            while lines and not "".join(seg.text for seg in lines[-1]).strip():
                lines.pop()
            if lines:
                rendered.append(lines)
                text_rows += len(lines)
        pictures = [part for part in rendered if isinstance(part, Picture)]
        gaps = _GAP * max(len(rendered) - 1, 0)
        share = (self.height - text_rows - gaps) // max(len(pictures), 1)
        for picture in pictures:
            picture.rows = max(MIN_ROWS, share)
        for index, item in enumerate(rendered):
            if index:
                yield from [Segment.line()] * _GAP
            if isinstance(item, Picture):
                yield from console.render(item, options.reset_height())
            else:
                for line in item:
                    yield from line
                    yield Segment.line()


def slide_body(
    slide: Slide, body: str, height: int, justify: str = "left", mode: Mode | None = None
) -> SlideBody:
    """The body of ``slide`` (as revealed: ``body``) with its pictures drawn.

    Args:
        slide: The slide; its ``image_files`` map paths as typed to files.
        body: The Markdown shown at the current reveal step.
        height: Rows available for the body.
        justify: ``left`` or ``center``.
        mode: How to draw pictures (default: :func:`picture_mode`).

    Returns:
        A Rich renderable.
    """
    chosen = mode or picture_mode()
    files = dict(slide.image_files)
    parts: list[str | Picture] = []
    at = 0
    for ref in image_refs(body):
        if not ref.alone or ref.source not in files:
            continue
        line_start = body.rfind("\n", 0, ref.start) + 1
        line_end = body.find("\n", ref.start)
        line_end = len(body) if line_end < 0 else line_end + 1
        if body[at:line_start].strip():
            parts.append(body[at:line_start])
        parts.append(Picture(files[ref.source], ref.alt, ref.source, height, chosen))
        at = line_end
    if body[at:].strip():
        parts.append(body[at:])
    if slide.image and slide.image in files:
        parts.append(Picture(files[slide.image], slide.title, slide.image, height, chosen))
    return SlideBody(parts, height, justify)


def has_pictures(slide: Slide) -> bool:
    """Whether ``slide`` has a picture to draw (cheap: no import)."""
    return bool(slide.image_files)
