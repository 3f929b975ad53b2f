"""Big letters for title and section slides. Imports no Textual and no Rich.

The letters come from pyfiglet's ``smblock`` FIGlet font, which draws each
character with quadrant block glyphs (``▖▗▘▝▚▞`` ...) four rows high and
covers ASCII and the Latin-1 letters but ``Ð ð Þ þ``, so Norwegian ``æ ø å``
too (not the other Latin-1 signs, ``£ © ° ×`` ...). It has no en or em
dash, no guillemets and no typographic quotes; those are added here as
pixel art in the same grid (:data:`EXTRA_GLYPHS`). Every glyph is read into
pixels (two across and two down per cell), so a title can be drawn

- in quadrant glyphs, two pixels a cell across (the default), or
- in half blocks (``▀ ▄ █``) only, one pixel a cell across, twice as wide:
  the glyphs the Linux console's own font has (``TERM=linux``).

:func:`big_lines` draws a title, wrapped at spaces, or returns None when a
character has no big glyph or a word does not fit: the caller then shows
the whole title as normal text (never a mix). The font is read once, on the
first big title, from pyfiglet's font file (see :mod:`tui.figlet_font`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from functools import lru_cache

Pixels = tuple[tuple[bool, ...], ...]
"""A glyph: rows of pixels (True is ink), all rows of one width."""

ROWS = 4
"""Cell rows of one line of big text (the font's height)."""

FONT = "smblock"

QUADRANTS = " ▘▝▀▖▌▞▛▗▚▐▜▄▙▟█"
"""The quadrant glyph for each 4-bit mask: top-left 1, top-right 2,
bottom-left 4, bottom-right 8."""

HALF_BLOCKS = " ▀▄█"
"""The half-block glyph for each 2-bit mask: top 1, bottom 2."""

# Glyphs the font lacks, 8 pixels high like its own: "#" is ink. The hyphen
# of smblock sits on pixel row 3; the dashes do too.
EXTRA_GLYPHS: dict[str, tuple[str, ...]] = {
    "–": ("", "", "", "#######", "", "", "", ""),
    "—": ("", "", "", "###########", "", "", "", ""),
    "«": ("", "", "..#..#", ".#..#", "#..#", ".#..#", "..#..#", ""),
    "»": ("", "", "#..#", ".#..#", "..#..#", ".#..#", "#..#", ""),
    "“": (".#..#", "#..#", "##.##", "", "", "", "", ""),
    "”": ("##.##", ".#..#", "#..#", "", "", "", "", ""),
    "‘": (".#", "#", "##", "", "", "", "", ""),
    "’": ("##", ".#", "#", "", "", "", "", ""),
    "„": ("", "", "", "", "", "##.##", ".#..#", "#..#"),
    "‚": ("", "", "", "", "", "##", ".#", "#"),
    "…": ("", "", "", "", "", "", "#.#.#", ""),
    "·": ("", "", "", "", "##", "", "", ""),
}


def console_glyphs_only(environ: os._Environ[str] | dict[str, str] | None = None) -> bool:
    """Whether only the Linux console's block glyphs can be used (``TERM=linux``).

    The console's own fonts have the half blocks ``▀ ▄ █`` but not the
    quadrants; other terminals draw quadrants themselves.
    """
    from tui.console_glyphs import is_linux_console  # the one place that owns the rule

    return is_linux_console(environ)


@lru_cache(maxsize=1)
def _font() -> tuple[Mapping[int, list[str]], str]:
    """The rows of every glyph of :data:`FONT` by code point, and its hard blank.

    Read from pyfiglet's font file without importing pyfiglet
    (:mod:`tui.figlet_font`); pyfiglet itself only when that file is zipped.
    """
    from tui.figlet_font import read_font  # deferred: only when a big title is drawn

    glyphs = read_font(FONT)
    if glyphs is not None:
        return glyphs
    from pyfiglet import FigletFont

    font = FigletFont(FONT)
    return font.chars, font.hardBlank


@lru_cache(maxsize=512)
def _glyph(char: str) -> Pixels | None:
    """The pixels of one character; None when it has no big glyph."""
    art = EXTRA_GLYPHS.get(char)
    if art is not None:
        width = max(len(row) for row in art) + 1  # one pixel between letters
        return tuple(tuple(row.ljust(width, ".")[x] == "#" for x in range(width)) for row in art)
    chars, hard_blank = _font()
    rows = chars.get(ord(char))
    if rows is None or len(rows) != ROWS:
        return None
    return _from_cells(rows, hard_blank)


def _pixels(char: str) -> Pixels:
    """The pixels of a character known to be drawable."""
    glyph = _glyph(char)
    if glyph is None:
        raise ValueError(f"no big glyph for {char!r}")
    return glyph


def _from_cells(rows: list[str], hard_blank: str) -> Pixels | None:
    """A glyph drawn in quadrant characters as pixels; None if it holds others."""
    width = max((len(row) for row in rows), default=0)
    pixels: list[list[bool]] = []
    for row in rows:
        top, bottom = [False] * (width * 2), [False] * (width * 2)
        for x, char in enumerate(row.replace(hard_blank, " ")):
            mask = QUADRANTS.find("▄" if char == "▃" else char)
            if mask < 0:
                return None
            top[2 * x], top[2 * x + 1] = bool(mask & 1), bool(mask & 2)
            bottom[2 * x], bottom[2 * x + 1] = bool(mask & 4), bool(mask & 8)
        pixels += [top, bottom]
    return tuple(tuple(row) for row in pixels)


def drawable(text: str) -> bool:
    """Whether every character of ``text`` has a big glyph."""
    return all(_glyph(char) is not None for char in text)


def text_width(text: str, *, half_blocks: bool = False, scale: int = 1) -> int:
    """Cells ``text`` takes in big letters (every character must be drawable)."""
    pixels = sum(len(_pixels(char)[0]) for char in text) * scale
    return pixels if half_blocks else (pixels + 1) // 2


@lru_cache(maxsize=64)
def big_lines(
    text: str, width: int, *, half_blocks: bool = False, max_lines: int = 3, scale: int = 1
) -> tuple[str, ...] | None:
    """``text`` in big letters, wrapped at spaces to ``width`` cells.

    Args:
        text: One line of text (a title).
        width: Cells available across.
        half_blocks: Draw with ``▀ ▄ █`` only (see :func:`console_glyphs_only`).
        max_lines: Most lines of big text; more means it does not fit.
        scale: Pixels drawn for each of the font's, across and down (2 is
            twice as wide and :data:`ROWS` times 2 rows high).

    Returns:
        The rows to print, :data:`ROWS` times ``scale`` per line of big text and a blank
        row between lines, each line's rows of equal width (at most
        ``width``); or None when a character
        has no big glyph, a word is wider than ``width`` or the text needs
        more than ``max_lines`` lines.
    """
    words = text.split()  # any space (a no-break one too) is a place to wrap
    if not words or not drawable("".join(words)):
        return None

    def measure(line: str) -> int:
        return text_width(line, half_blocks=half_blocks, scale=scale)

    lines = _wrap(words, width, measure)
    if lines is None or len(lines) > max_lines:
        return None
    # Even lines: as many, the longest as short as can be.
    while len(lines) > 1:
        narrower = _wrap(words, max(map(measure, lines)) - 1, measure)
        if narrower is None or len(narrower) > len(lines):
            break
        lines = narrower
    rows: list[str] = []
    for line in lines:
        if rows:
            rows.append("")  # a blank row between lines: descenders never touch capitals
        rows += _draw(line, half_blocks, scale)
    return tuple(rows)


def _wrap(words: list[str], width: int, measure: Callable[[str], int]) -> list[str] | None:
    """Words filled greedily into lines of at most ``width``; None if a word is wider."""
    lines: list[str] = []
    for word in words:
        joined = f"{lines[-1]} {word}" if lines else word
        if lines and measure(joined) <= width:
            lines[-1] = joined
        elif measure(word) <= width:
            lines.append(word)
        else:
            return None
    return lines


def _draw(line: str, half_blocks: bool, scale: int) -> list[str]:
    """The rows of one line of big text."""
    pixels = [
        tuple(pixel for char in line for pixel in _pixels(char)[y] for _ in range(scale))
        for y in range(ROWS * 2)
        for _ in range(scale)
    ]
    across = len(pixels[0])
    if half_blocks:
        return [
            "".join(
                HALF_BLOCKS[pixels[2 * row][x] | pixels[2 * row + 1][x] << 1] for x in range(across)
            )
            for row in range(ROWS * scale)
        ]
    padded = [row + (False,) * (across % 2) for row in pixels]
    return [
        "".join(
            QUADRANTS[
                padded[2 * row][x]
                | padded[2 * row][x + 1] << 1
                | padded[2 * row + 1][x] << 2
                | padded[2 * row + 1][x + 1] << 3
            ]
            for x in range(0, across, 2)
        )
        for row in range(ROWS * scale)
    ]
