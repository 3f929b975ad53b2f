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

from array import array
from collections.abc import Iterator, Mapping, Sequence
from importlib.machinery import PathFinder
from pathlib import Path
from typing import overload

Glyphs = tuple[Mapping[int, list[str]], str]
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

    The header is read now, each glyph when first asked for (a title needs
    a handful of a font's hundreds): see :class:`FontGlyphs`.

    Raises:
        ValueError: The text is not a FIGlet font.
    """
    for other in _OTHER_BREAKS:
        if other in text:
            text = text.replace(other, " ")
    lines = _Lines(text)
    if not lines or lines[0][:4] not in ("tlf2", "flf2") or len(lines[0]) < 5:
        raise ValueError("not a FIGlet font")
    header = lines[0][5:].split()
    if len(header) < 6:
        raise ValueError("malformed FIGlet header")
    hard_blank = header[0]
    height, comments = int(header[1]), int(header[5])
    return FontGlyphs(lines, 1 + comments, height), hard_blank


class _Lines(Sequence[str]):
    """The lines of a text (as ``str.splitlines`` gives them), kept as the text itself.

    A font's 1,200 lines as strings held 0.11 MB for the few glyphs a deck's
    titles use; the text and where each line starts and ends hold a quarter
    of that, and a line is cut out when a glyph is read.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._starts = array("I")
        self._ends = array("I")
        position = 0
        for line, bare in zip(text.splitlines(keepends=True), text.splitlines(), strict=True):
            self._starts.append(position)
            self._ends.append(position + len(bare))
            position += len(line)

    def __len__(self) -> int:
        return len(self._starts)

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [self[each] for each in range(*index.indices(len(self)))]
        return self._text[self._starts[index] : self._ends[index]]


_FIXED = (*range(32, 127), *(ord(char) for char in _GERMAN))
"""The code points of the glyphs every font has in order, untagged."""

_FIXED_INDEX = {code: index for index, code in enumerate(_FIXED)}


class FontGlyphs(Mapping[int, list[str]]):
    """A font's glyphs (rows) by code point, each read from its lines when first asked for.

    The same glyphs as reading them all at once, in pyfiglet's order: the
    ASCII and German ones (kept when not blank, the space always), then
    the code-tagged ones (kept when not blank, a later one for the same
    code winning); a glyph cut short by the end of the file ends the font.

    Args:
        lines: The font file's lines.
        first: The line of the first glyph (after the header and comments).
        height: Rows per glyph.
    """

    def __init__(self, lines: Sequence[str], first: int, height: int) -> None:
        self._lines = lines
        self._first = first
        self._height = height
        whole = (len(lines) - first) // height if height > 0 else len(_FIXED)
        self._fixed = min(len(_FIXED), max(0, whole))
        """How many of the untagged glyphs the file holds whole."""
        self._read: dict[int, list[str] | None] = {}
        self._tagged: dict[int, list[int]] | None = None

    def _rows(self, start: int) -> list[str]:
        """The glyph whose rows start at line ``start``, its end marks cut."""
        letter: list[str] = []
        end = ""
        for line in self._lines[start : start + self._height]:
            line = line.rstrip()
            end = end or line[-1:]
            for _ in range(2):  # the end mark, once or twice
                if end and line.endswith(end):
                    line = line[: -len(end)]
            letter.append(line)
        return letter

    def _tags(self) -> dict[int, list[int]]:
        """Where each code-tagged glyph starts, by code point (read once)."""
        if self._tagged is None:
            tagged: dict[int, list[int]] = {}
            lines, height = self._lines, self._height
            if self._fixed == len(_FIXED):  # else the font ended before its tags
                index = self._first + len(_FIXED) * height
                while index < len(lines):
                    tag = lines[index].strip().split(" ", 1)[0]
                    index += 1
                    if tag[:2].lower() != "0x":
                        continue
                    if index + height > len(lines):
                        break  # cut short: the font ends here
                    try:
                        code = int(tag, 16)
                    except ValueError:
                        if "".join(self._rows(index)):
                            raise  # as reading it all at once would
                        code = -1  # a blank glyph under a bad tag: never kept
                    tagged.setdefault(code, []).append(index)
                    index += height
            self._tagged = tagged
        return self._tagged

    def __getitem__(self, code: int) -> list[str]:
        if code in self._read:
            letter = self._read[code]
        else:
            letter = None
            for start in reversed(self._tags().get(code, [])) if code >= 0 else ():
                rows = self._rows(start)
                if "".join(rows):
                    letter = rows
                    break
            index = _FIXED_INDEX.get(code)
            if letter is None and index is not None and index < self._fixed:
                rows = self._rows(self._first + index * self._height)
                if code == 32 or "".join(rows):
                    letter = rows
            self._read[code] = letter
        if letter is None:
            raise KeyError(code)
        return letter

    def __iter__(self) -> Iterator[int]:
        seen: set[int] = set()
        for code in (*_FIXED[: self._fixed], *self._tags()):
            if code not in seen and code in self:
                seen.add(code)
                yield code

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __contains__(self, code: object) -> bool:
        if not isinstance(code, int):
            return False
        try:
            self[code]
        except KeyError:
            return False
        return True
