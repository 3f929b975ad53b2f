"""The Linux console's glyphs: whether the terminal is that console, and stand-ins for the rest.

The Linux console (``TERM=linux``) draws with a font of 256 glyphs, much
like the IBM PC's code page 437: light and double box-drawing lines, the
full and half blocks and shades, arrows ``← → ↑ ↓``, ``· • ▲ ▼ ► ◄ √``, and
Latin-1 letters. Anything else shows as a box. Podium draws more than that,
and so do Textual and Rich: rounded and heavy frames (``╭ ━``), eighth
blocks in scroll bars and button edges (``▁ ▔ ▊``), ``⚠ ✓ ▶ ⏎ ⌫ …``, the
command palette's ``🔎``, typographic dashes and quotes in a deck.

This module owns the rule. :func:`is_linux_console` says whether the
terminal is the console (poll bars and big titles ask it, to draw in half
blocks); :data:`STAND_INS` gives each glyph the console cannot show a plain
stand-in of the same width, and the presenter's and the audience's terminal
driver (:class:`tui.quiet_driver.QuietLinuxDriver`) puts them in every
frame it writes there (:func:`console_text`), so no layout changes and no
piece of Podium, Textual or Rich has to know. The table is built the first
time it is used, so other terminals never hold it. Imports nothing.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

__all__ = ["STAND_INS", "console_text", "is_linux_console"]


def is_linux_console(environ: Mapping[str, str] | None = None) -> bool:
    """Whether the terminal is the Linux console (``TERM=linux`` or ``linux-*``).

    Args:
        environ: The environment to read (default: this process's).
    """
    term = (os.environ if environ is None else environ).get("TERM", "")
    return term == "linux" or term.startswith("linux-")


_PAIRS = (
    # Rounded and heavy frames: light and double lines (Textual's round and
    # heavy borders, Rich's heavy table heads and heading rules).
    "╭┌╮┐╰└╯┘",
    "━═┃║┏╔┓╗┗╚┛╝┣╠┫╣┳╦┻╩╋╬┡╞┩╡╇╪┢╞┪╡╈╪╍═╏║┅═┇║┉═┋║",
    "╌─╎│┄─┆│┈─┊│",
    # Eighth blocks (scroll bars, button and input edges): the nearest of
    # nothing, a half block and the full block.
    "▁ ▂ ▃▄▅▄▆█▇█▔ ▕ ▏ ▎ ▍▌▋▌▊█▉█",
    # Quadrants (big titles already draw in half blocks on the console).
    "▘▀▝▀▖▄▗▄▚▒▞▒▛█▜█▙█▟█",
    # Signs in messages, notes and keys.
    "⚠!✓√✔√✗x✘x✕x▶►▸►◀◄◂◄⏎┘⌫◄",
    # Typography a deck or a message may use.
    "–-—-‐-‑-―-“\"”\"„\"‘'’'‚'′'″\"…~",
    # Control characters as Podium shows them (tui.safe_text), and the
    # replacement character.
    "␀?␁?␂?␃?␄?␅?␆?␇?␈?␉?␊?␋?␌?␍?␎?␏?␐?␑?␒?␓?␔?␕?␖?␗?␘?␙?␚?␛?␜?␝?␞?␟?␡?␤?�?",
)
"""Each glyph followed by its one-cell stand-in, in rows of a kind."""

STAND_INS: dict[str, str]
"""Each glyph the console cannot show, and its stand-in of the same width
(built on first use: see the module's ``__getattr__``)."""

_STAND_INS: dict[str, str] | None = None
_TABLE: dict[int, str] | None = None


def _stand_ins() -> dict[str, str]:
    """:data:`STAND_INS`, built the first time it is asked for (a console, a test)."""
    global _STAND_INS
    if _STAND_INS is None:
        _STAND_INS = {
            **{row[index]: row[index + 1] for row in _PAIRS for index in range(0, len(row), 2)},
            # Two cells each: the command palette's search sign, a picture's sign.
            "🔎": "> ",
            "🌆": "■ ",
        }
    return _STAND_INS


def __getattr__(name: str) -> dict[str, str]:
    """``STAND_INS``: each glyph the console cannot show, and its stand-in of the same width.

    Built on first use (a module ``__getattr__``, PEP 562): a terminal that
    is not the Linux console never needs it (about 40 kB of dictionaries).
    """
    if name == "STAND_INS":
        return _stand_ins()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def console_text(text: str) -> str:
    """``text`` with every glyph of :data:`STAND_INS` replaced by its stand-in (same width)."""
    global _TABLE
    if _TABLE is None:
        _TABLE = str.maketrans(_stand_ins())
    return text.translate(_TABLE)
