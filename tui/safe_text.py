"""Outside text made safe to show on a terminal: the one place that does it.

Text from a deck, a theme, the vote store, a voter's name or a file path is
outside text: it may hold control characters (ESC, CSI, OSC, BEL, ...)
that a terminal would obey rather than show. An OSC 52 sequence in a slide
title would set the presenter's clipboard, ``CSI 2J`` would clear the
screen. Rich strips only a few controls (BEL, BS, VT, FF, CR) and Textual
none, so every view and every command routes outside text through
:func:`printable` (or :func:`one_line`) before it becomes a renderable or
is written to a stream.

Each control character is replaced by a visible stand-in, so an author sees
that something is there: C0 controls by their Unicode "control picture"
(ESC shows as ``␛``, BEL as ``␇``), DEL as ``␡``, C1 controls (U+0080 to
U+009F, the 8-bit CSI U+009B among them), the line and paragraph separators
and the bidirectional overrides and isolates (which can make text read in
a different order than it is stored) by ``�``.

:func:`json_text` keeps JSON exact for machines while escaping what
``json.dumps(..., ensure_ascii=False)`` would leave raw, and
:func:`spreadsheet_cell` stops a CSV cell from running as a formula.

Imports nothing outside the standard library.
"""

from __future__ import annotations

import re
from functools import cache

from tui.lazy_re import LazyPattern

__all__ = [
    "CONTROL",
    "ECHO_LIMIT",
    "TEXT_CONTROLS",
    "first_control",
    "json_text",
    "one_line",
    "printable",
    "printable_output",
    "shortened",
    "spreadsheet_cell",
]

REPLACEMENT = "\ufffd"
"""Stand-in for a control character that has no control picture."""

_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_SEPARATORS = "\u2028\u2029"

CONTROL = LazyPattern(f"[\x00-\x1f\x7f-\x9f{_SEPARATORS}{_BIDI}]")
"""Every character :func:`printable` replaces (tab and newline included).

Compiled when first searched (about a millisecond): text with none of these
characters never needs it (see :func:`printable`)."""

TEXT_CONTROLS = f"\x00-\x08\x0b-\x1f\x7f-\x9f{_SEPARATORS}{_BIDI}"
"""The controls multi-line text may not hold (all but tab and newline), as the
inside of a regular expression's ``[...]``; the deck's JSON Schema uses it too."""

_UNSAFE_IN_LINES = LazyPattern(f"[{TEXT_CONTROLS}]|\r\n")
_UNSAFE_IN_LINE = CONTROL

# C0 controls show as U+2400..U+241F ("␀".."␟"), DEL as U+2421 ("␡").
_PICTURES: dict[int, str] = {code: chr(0x2400 + code) for code in range(0x20)}
_PICTURES[0x7F] = "\u2421"
_PICTURES.update({code: REPLACEMENT for code in range(0x80, 0xA0)})
_PICTURES.update({ord(char): REPLACEMENT for char in _SEPARATORS + _BIDI})

_LINES_TABLE = dict(_PICTURES)
del _LINES_TABLE[ord("\n")]
del _LINES_TABLE[ord("\t")]

_LINE_TABLE = dict(_PICTURES)
_LINE_TABLE[ord("\t")] = " "
_LINE_TABLE[ord("\n")] = "\u2424"  # "␤": a line break in a one-line place


def printable(text: str, *, lines: bool = True) -> str:
    """Outside text with every control character replaced by a visible stand-in.

    Args:
        text: Text from outside Podium's own code (deck, theme, store,
            voter name, file path, error message quoting any of them).
        lines: Whether the place shows several lines. When True, newline
            and tab are kept and a CR LF pair becomes a newline; when False
            (a title bar, a table cell, a one-line notice) a newline shows
            as ``␤`` and a tab as a space.

    Returns:
        Text holding no C0 or C1 control (except newline and tab when
        ``lines``), no DEL, no U+2028/U+2029 and no bidirectional override.
        Text without any is returned unchanged (the same object).
    """
    # str.isprintable() is False for every character replaced here (each is
    # in Unicode's Cc, Cf, Zl or Zp category), so printable text, the usual
    # case, is returned without the regular expressions (compiled only when
    # first needed). It is also False for some harmless characters (a
    # no-break space): those go on to the exact search.
    if lines:
        if text.isprintable() or text.replace("\n", "").replace("\t", "").isprintable():
            return text
        if _UNSAFE_IN_LINES.search(text) is None:
            return text
        return text.replace("\r\n", "\n").translate(_LINES_TABLE)
    if text.isprintable() or _UNSAFE_IN_LINE.search(text) is None:
        return text
    return text.replace("\r\n", "\n").translate(_LINE_TABLE)


ECHO_LIMIT = 40
"""Most characters of a user's input an error message quotes back."""


def shortened(text: str, limit: int = ECHO_LIMIT) -> str:
    """User input cut for quoting in an error message: its first ``limit``
    characters, then ``…`` when there was more.

    A message still goes through :func:`printable` (or :func:`one_line`)
    when it is shown; this only keeps a pasted page from being printed back.

    Args:
        text: What the user typed (an option, a size, a name).
        limit: Most characters kept.

    Returns:
        ``text`` itself when short enough, else its start and ``…``.
    """
    return text if len(text) <= limit else text[:limit] + "\u2026"


def one_line(text: str) -> str:
    """Shorthand for ``printable(text, lines=False)``: for one-line places."""
    return printable(text, lines=False)


def first_control(text: str, *, lines: bool = True) -> int:
    """Index of the first character :func:`printable` would replace.

    Args:
        text: Any text.
        lines: As for :func:`printable` (newline and tab allowed when True;
            CR is never allowed).

    Returns:
        The index, or -1 when there is none.
    """
    match = (_control_in_lines() if lines else CONTROL).search(text)
    return -1 if match is None else match.start()


@cache
def _control_in_lines() -> re.Pattern[str]:
    """What :func:`first_control` looks for where tabs and newlines are allowed.

    Compiled when first needed, as :func:`_json_escape`: start-up needs neither.
    """
    return re.compile(f"[{TEXT_CONTROLS}]")


@cache
def _json_escape() -> re.Pattern[str]:
    return re.compile(f"[\x7f-\x9f{_SEPARATORS}{_BIDI}]")


def json_text(encoded: str) -> str:
    """Escape what ``json.dumps(..., ensure_ascii=False)`` leaves raw.

    ``json.dumps`` escapes C0 controls but writes DEL, C1 controls (the
    8-bit CSI U+009B among them), U+2028/U+2029 and bidi overrides as they
    are. This writes them as ``\\uXXXX`` escapes: the JSON decodes to the
    same strings, and nothing in it acts on a terminal.

    Args:
        encoded: The output of ``json.dumps`` (the characters can only occur
            inside JSON strings there).

    Returns:
        The same JSON with those characters escaped.
    """
    return _json_escape().sub(lambda match: f"\\u{ord(match.group()):04x}", encoded)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: str) -> str:
    """A CSV cell a spreadsheet will show rather than run.

    A cell starting with ``=``, ``+``, ``-``, ``@``, tab or CR is read as a
    formula by spreadsheets (CSV injection, see OWASP "CSV Injection"): it
    gets a leading ``'``. The rest of the text is made :func:`printable` on
    one line, so a newline in a voter's name cannot start a new row on a
    terminal either.

    Args:
        value: The cell's text.

    Returns:
        The cell to write.
    """
    guarded = "'" + value if value.startswith(_FORMULA_START) else value
    return one_line(guarded)


def printable_output(text: str, fmt: str = "table") -> str:
    """A command's report, safe to write to a terminal, in its format.

    Args:
        text: The report as formatted (table, CSV or JSON text).
        fmt: ``json`` keeps the JSON exact (see :func:`json_text`); any other
            format goes through :func:`printable` with lines kept.

    Returns:
        The text to write.
    """
    return json_text(text) if fmt == "json" else printable(text)
