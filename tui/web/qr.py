"""The join QR code: its modules (segno) and how it is drawn in a terminal.

:func:`make_join` encodes the join address with segno (imported here, so
only when serving or when an audience view shows a join code).
:func:`draw` turns the modules into lines of terminal text in explicit
black on white (never the theme's or the terminal's colours), with the
standard quiet zone of four light modules on every side: one module per
cell and two module rows per line with half blocks (``▀``), or, when there
is room, two cells by one line per module, which reads from further away.
Imports no Textual.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.color import Color
from rich.style import Style
from rich.text import Text

QUIET_ZONE = 4
"""Light modules around the code (ISO/IEC 18004's quiet zone)."""

DARK = Color.from_rgb(0, 0, 0)
LIGHT = Color.from_rgb(255, 255, 255)


@dataclass(frozen=True)
class JoinCode:
    """What the slide shows so phones can join.

    Attributes:
        url: The join address (what the QR code holds).
        code: The short code, for typing.
        modules: Rows of the QR code, True for a dark module, without the
            quiet zone.
    """

    url: str
    code: str
    modules: tuple[tuple[bool, ...], ...]

    def size(self, scale: int) -> tuple[int, int]:
        """``(cells wide, lines high)`` of the code drawn at ``scale`` (1 or 2)."""
        side = len(self.modules) + 2 * QUIET_ZONE
        if scale == 1:
            return side, (side + 1) // 2
        return 2 * side, side


def make_join(url: str, code: str) -> JoinCode:
    """Encode ``url`` as a QR code (segno; the smallest version that holds it).

    The code holds :func:`tui.web.join.qr_text` of ``url`` (the same
    address, in capitals where case does not matter, for a smaller code).
    Error correction is raised as far as the smallest version allows
    (level L at least), so the code stays small enough for a slide.
    """
    import segno

    from tui.web.join import qr_text

    qr = segno.make(qr_text(url), error="l", boost_error=True, micro=False)
    modules = tuple(tuple(bool(bit) for bit in row) for row in qr.matrix)
    return JoinCode(url, code, modules)


def _padded(modules: tuple[tuple[bool, ...], ...]) -> list[list[bool]]:
    side = len(modules) + 2 * QUIET_ZONE
    blank = [False] * side
    rows = [list(blank) for _ in range(QUIET_ZONE)]
    for row in modules:
        rows.append([False] * QUIET_ZONE + list(row) + [False] * QUIET_ZONE)
    rows += [list(blank) for _ in range(QUIET_ZONE)]
    return rows


_PLAIN_HALVES = {(True, True): "█", (True, False): "▀", (False, True): "▄", (False, False): " "}


def draw(join: JoinCode, scale: int = 1, *, plain: bool = False) -> list[Text]:
    """The QR code as lines of text, black on white, quiet zone included.

    Args:
        join: The code to draw.
        scale: 1: half blocks, one cell per module; 2: two cells and one
            line per module.
        plain: No colour at all (``NO_COLOR``): light modules are drawn as
            blocks in the terminal's own text colour on its background, which
            is right on a dark terminal and a negative code on a light one
            (phone cameras read both).

    Returns:
        One :class:`~rich.text.Text` per terminal line.
    """
    rows = _padded(join.modules)
    if len(rows) % 2 and scale == 1:
        rows.append([False] * len(rows[0]))
    lines: list[Text] = []
    if plain:
        if scale == 2:
            return [
                Text("".join("  " if dark else "██" for dark in row), no_wrap=True) for row in rows
            ]
        return [
            Text(
                "".join(
                    _PLAIN_HALVES[(not upper, not lower)]
                    for upper, lower in zip(top, bottom, strict=True)
                ),
                no_wrap=True,
            )
            for top, bottom in zip(rows[::2], rows[1::2], strict=True)
        ]
    if scale == 2:
        for row in rows:
            line = Text(no_wrap=True)
            for dark in row:
                line.append("  ", Style(bgcolor=DARK if dark else LIGHT))
            lines.append(line)
        return lines
    for top, bottom in zip(rows[::2], rows[1::2], strict=True):
        line = Text(no_wrap=True)
        for upper, lower in zip(top, bottom, strict=True):
            line.append(
                "▀", Style(color=DARK if upper else LIGHT, bgcolor=DARK if lower else LIGHT)
            )
        lines.append(line)
    return lines
