"""Reading a FIGlet font file, as pyfiglet does, without importing pyfiglet.

Big titles (:mod:`tui.big_text`) need one font's glyphs. pyfiglet finds
its fonts through ``importlib.resources`` and imports ``zipfile`` and
``optparse`` on the way: about 6 ms and 0.7 MB before the first title
slide is drawn, for a 17 kB text file. :func:`read_font` reads the file
that ships inside the installed pyfiglet package directly, with pyfiglet's
own parsing rules (``FigletFont.loadFont``: the header, the comment lines,
ASCII 32-126, the seven German letters, then code-tagged glyphs), so the
glyphs are exactly the ones pyfiglet would give. When the file is not a
plain file on disk (a zipped install), :func:`read_font` returns None and
the caller asks pyfiglet.

Imports no Textual, no Rich and no pyfiglet.
"""

from __future__ import annotations

from importlib.machinery import PathFinder
from pathlib import Path

Glyphs = tuple[dict[int, list[str]], str]
"""The rows of every glyph by code point, and the font's hard blank."""

_GERMAN = "ÄÖÜäöüß"
"""The glyphs that follow ASCII 126 in every FIGlet font, in this order."""

_OTHER_BREAKS = ("\u0085", "\u2028", "\u2029")
"""Line breaks other than CR and LF, read as spaces (as figlet and pyfiglet do)."""


def font_file(name: str) -> Path | None:
    """The file of pyfiglet's font ``name`` (``.tlf`` or ``.flf``), if on disk.

    Finds the installed pyfiglet package on the import path without
    importing it (nor :mod:`importlib.util`, half a millisecond of the
    first title slide).
    """
    spec = PathFinder.find_spec("pyfiglet")
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        for suffix in (".tlf", ".flf"):
            path = Path(folder, "fonts", name + suffix)
            if path.is_file():
                return path
    return None


def read_font(name: str) -> Glyphs | None:
    """The glyphs of pyfiglet's font ``name``; None when its file cannot be read here.

    Raises:
        ValueError: The file is not a FIGlet font.
    """
    path = font_file(name)
    if path is None:
        return None
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if data[:2] == b"PK":  # a zipped font: pyfiglet unpacks it
        return None
    return parse_font(data.decode("utf-8", "replace"))


def parse_font(text: str) -> Glyphs:
    """Parse the text of a FIGlet font file (pyfiglet's ``FigletFont.loadFont``).

    Raises:
        ValueError: The text is not a FIGlet font.
    """
    for other in _OTHER_BREAKS:
        if other in text:
            text = text.replace(other, " ")
    lines = text.splitlines()
    if not lines or lines[0][:4] not in ("tlf2", "flf2") or len(lines[0]) < 5:
        raise ValueError("not a FIGlet font")
    header = lines[0][5:].split()
    if len(header) < 6:
        raise ValueError("malformed FIGlet header")
    hard_blank = header[0]
    height, comments = int(header[1]), int(header[5])
    rows = iter(lines[1 + comments :])
    chars: dict[int, list[str]] = {}

    def glyph() -> list[str]:
        end = ""
        letter: list[str] = []
        for _ in range(height):
            line = next(rows).rstrip()
            end = end or line[-1:]
            for _ in range(2):  # the end mark, once or twice
                if end and line.endswith(end):
                    line = line[: -len(end)]
            letter.append(line)
        return letter

    try:
        for code in range(32, 127):
            letter = glyph()
            if code == 32 or "".join(letter):
                chars[code] = letter
        for char in _GERMAN:
            letter = glyph()
            if "".join(letter):
                chars[ord(char)] = letter
    except StopIteration:
        return chars, hard_blank
    for line in rows:
        tag = line.strip().split(" ", 1)[0]
        if tag[:2].lower() != "0x":
            continue
        try:
            letter = glyph()
        except StopIteration:
            break
        if "".join(letter):
            chars[int(tag, 16)] = letter
    return chars, hard_blank
