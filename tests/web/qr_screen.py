"""Read a QR code back from a terminal screen, the way a phone would.

:func:`cells` turns ``tmux capture-pane -e`` output (text with SGR colour
sequences) into a grid of ``(character, foreground, background)``;
:func:`qr_image` finds the half-block (``▀``) region drawn in black and
white and builds a grey-scale picture of it (each cell two pixels high, as
on screen), scaled up; :func:`decode` reads it with zbar (pyzbar).
"""

from __future__ import annotations

import re

import pytest

_SGR = re.compile(r"\x1b\[([0-9;]*)m")

BLACK = (0, 0, 0)
WHITE = (255, 255, 255)

Colour = tuple[int, int, int] | None


def _xterm(index: int) -> tuple[int, int, int] | None:
    """An xterm 256-colour index as RGB (None for the 16 palette colours)."""
    if 16 <= index <= 231:
        index -= 16
        steps = (0, 95, 135, 175, 215, 255)
        return steps[index // 36], steps[(index // 6) % 6], steps[index % 6]
    if 232 <= index <= 255:
        grey = 8 + 10 * (index - 232)
        return grey, grey, grey
    return None


def _apply(params: list[int], fg: Colour, bg: Colour) -> tuple[Colour, Colour]:
    i = 0
    while i < len(params):
        code = params[i]
        if code == 0:
            fg = bg = None
        elif code in (38, 48) and i + 1 < len(params):
            if params[i + 1] == 5 and i + 2 < len(params):
                colour = _xterm(params[i + 2])
                i += 2
            elif params[i + 1] == 2 and i + 4 < len(params):
                colour = (params[i + 2], params[i + 3], params[i + 4])
                i += 4
            else:
                colour = None
            if code == 38:
                fg = colour
            else:
                bg = colour
        elif code == 39:
            fg = None
        elif code == 49:
            bg = None
        i += 1
    return fg, bg


def cells(captured: str) -> list[list[tuple[str, Colour, Colour]]]:
    """The screen as rows of ``(character, foreground RGB, background RGB)``."""
    rows = []
    fg: Colour = None
    bg: Colour = None
    for line in captured.split("\n"):
        row = []
        position = 0
        for match in _SGR.finditer(line):
            for char in line[position : match.start()]:
                row.append((char, fg, bg))
            params = [int(part) if part else 0 for part in match.group(1).split(";")]
            fg, bg = _apply(params, fg, bg)
            position = match.end()
        for char in line[position:]:
            row.append((char, fg, bg))
        rows.append(row)
    return rows


def qr_image(grid: list[list[tuple[str, Colour, Colour]]], scale: int = 4):
    """The black-and-white half-block region as ``(pixels, width, height)``.

    Returns:
        8-bit grey pixels, or None when the screen holds no such region.
    """
    spots = [
        (y, x)
        for y, row in enumerate(grid)
        for x, (char, fg, bg) in enumerate(row)
        if char == "▀" and fg in (BLACK, WHITE) and bg in (BLACK, WHITE)
    ]
    if not spots:
        return None
    top = min(y for y, _ in spots)
    bottom = max(y for y, _ in spots)
    left = min(x for _, x in spots)
    right = max(x for _, x in spots)
    width = (right - left + 1) * scale
    rows = []
    for y in range(top, bottom + 1):
        upper, lower = bytearray(), bytearray()
        for x in range(left, right + 1):
            row = grid[y]
            char, fg, bg = row[x] if x < len(row) else (" ", WHITE, WHITE)
            if char != "▀":
                fg = bg = WHITE  # not part of the code
            upper += bytes([0 if fg == BLACK else 255]) * scale
            lower += bytes([0 if bg == BLACK else 255]) * scale
        rows += [bytes(upper)] * scale + [bytes(lower)] * scale
    return b"".join(rows), width, len(rows)


def decode(image) -> list[str]:
    """The texts zbar reads in ``image`` (skips the test without zbar)."""
    try:
        from pyzbar.pyzbar import decode as zbar_decode
    except (ImportError, OSError) as error:
        pytest.skip(f"zbar is not available: {error}")
    return [found.data.decode() for found in zbar_decode(image)]
