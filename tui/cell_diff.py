"""Send the terminal only the cells that changed since the last frame.

Textual repaints whole widget regions: a slide change rewrites every cell
of the title and body rows, blank padding included, and the notes pane's
clock rewrites both of its lines every second to change two digits; each
run of text carries a full colour code and a reset. Over SSH those bytes
are the lag. :class:`CellDiff` keeps what the terminal shows (a shadow of
its cells: character, colours and attributes, link) and turns each of
Textual's screen updates into the changed cells alone: a cursor move to
each changed run, short unchanged gaps rewritten rather than jumped,
colour codes only where the colour changes, and only the attributes that
change. :class:`tui.diff_display.DiffDisplay` puts it between an app's
compositor and its terminal.

The shadow is forgotten whenever the terminal may hold something else:
another size, a resize, the app suspended and resumed, output that did not
come from the compositor, a segment with control codes. Then the next
update is written in full, as Textual would.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, cast

from rich.cells import get_character_cell_size
from rich.color import ColorSystem
from rich.segment import Segment
from textual._compositor import ChopsUpdate, LayoutUpdate
from textual.strip import Strip

from tui.cell_codes import move, transition

if TYPE_CHECKING:
    pass

Cell = tuple[str, str, str | None]
"""What one terminal cell shows: its character (``""`` for the right half of
a wide one), its SGR parameters (``""`` for none) and the URL it links to (OSC 8).

A link is its URL: Rich gives each drawing of a link a new random id, so a
slide drawn again (or ahead, see :mod:`tui.screens.frame_ahead`) would
otherwise differ in every linked cell. The id sent is made from the URL."""

GAP = 3
"""Unchanged cells between two changed runs on a row that are rewritten
rather than jumped over with a cursor move."""

SMALL = 80
"""Updates up to this many bytes are written without synchronized-output marks."""

REORDER = 8
"""Updates of up to this many runs of changed cells are written in the order
that needs the fewest bytes (see :meth:`CellDiff.render`)."""


def _link_of(url: str | None) -> str:
    if url is None:
        return "\x1b]8;;\x1b\\"
    return f"\x1b]8;id={zlib.crc32(url.encode()):x};{url}\x1b\\"


class Unmodelled(Exception):
    """A segment holds what this module does not model (a control code): write in full."""


class _StyleCells(dict[str, Cell]):
    """The cells of one colour and link, by character: each distinct cell built once.

    A frame is mostly the same few cells (a space, the letters of a text, in
    a handful of colours): the shadow rows and every update share them
    instead of holding a tuple per cell (about 0.3 MB at 100x30).
    """

    __slots__ = ("link", "sgr")

    def __init__(self, sgr: str, link: str | None) -> None:
        super().__init__()
        self.sgr, self.link = sgr, link

    def __missing__(self, character: str) -> Cell:
        if len(self) >= MAX_SHARED:  # a deck of many scripts: start over, never grow without end
            self.clear()
        cell = self[character] = (character, self.sgr, self.link)
        return cell


MAX_SHARED = 2048
"""Distinct cells kept per colour and link (and colours and links kept) for sharing."""

_SHARED: dict[tuple[str, str | None], _StyleCells] = {}


def _style_cells(sgr: str, link: str | None) -> _StyleCells:
    found = _SHARED.get((sgr, link))
    if found is None:
        if len(_SHARED) >= MAX_SHARED:
            _SHARED.clear()
        found = _SHARED[sgr, link] = _StyleCells(sgr, link)
    return found


def cells(segments: Iterable[Segment], color_system: ColorSystem) -> list[Cell]:
    """The cells a run of segments paints, left to right.

    Equal cells are mostly the same tuple (see :class:`_StyleCells`).

    Args:
        segments: Text segments, as in a Textual ``Strip``.
        color_system: The terminal's colours (decides the SGR codes).

    Raises:
        Unmodelled: A segment holds control codes.
    """
    render_ansi = Strip.render_ansi
    out: list[Cell] = []
    append = out.append
    for text, style, control in segments:
        if control:
            raise Unmodelled
        if style is None:
            sgr, link = "", None
        else:
            sgr = style._ansi if style._ansi is not None else render_ansi(style, color_system)
            link = style._link or None
        shared = _style_cells(sgr, link)
        if text.isascii() and text.isprintable():
            out += map(shared.__getitem__, text)
            continue
        for character in text:
            width = get_character_cell_size(character)
            if width == 0:
                if out:  # a combining mark: part of the character before it
                    last = out[-1]
                    out[-1] = (last[0] + character, last[1], last[2])
                continue
            append(shared[character])
            if width == 2:
                append(shared[""])
    return out


class CellDiff:
    """The terminal's cells and colours as last sent, and the writes that change them.

    The colours (SGR) a write ends with are left on: the next write starts
    from them instead of from a reset, which is most of the bytes of a small
    update. Whoever writes to the terminal in between must first send
    :meth:`plain` (see :class:`DiffDisplay`).
    """

    def __init__(self) -> None:
        self.width = self.height = 0
        self.rows: list[list[Cell | None]] = []
        self.sgr: str | None = None
        """The SGR parameters the terminal has now, or None when not known."""
        self.version = 0
        """Counts the changes to what the terminal is known to show."""

    def forget(self) -> None:
        """Assume nothing about the terminal: the next update is written in full."""
        self.rows = [[None] * self.width for _ in range(self.height)]
        self.sgr = None
        self.version += 1

    def plain(self) -> str:
        """What puts the terminal back to its default colours (empty when it has them)."""
        if self.sgr == "":
            return ""
        self.sgr = ""
        self.version += 1
        return "\x1b[0m"

    def copy(self) -> CellDiff:
        """Another shadow of the same terminal, to work out a write without making it."""
        other = CellDiff()
        other.width, other.height, other.sgr = self.width, self.height, self.sgr
        other.rows = [row.copy() for row in self.rows]
        other.version = self.version
        return other

    def adopt(self, other: CellDiff) -> None:
        """Take ``other``'s cells and colours: its write was sent to the terminal."""
        self.rows, self.sgr = other.rows, other.sgr
        self.version += 1

    def resize(self, width: int, height: int) -> None:
        """Start over for a terminal of ``width`` x ``height`` cells."""
        if (width, height) != (self.width, self.height):
            self.width, self.height = width, height
        self.forget()

    def render(self, pieces: Iterable[tuple[int, int, list[Cell]]]) -> str:
        """The escape sequences that bring the terminal to ``pieces``.

        Each changed run of cells is written after the shortest cursor move
        (relative where that is shorter) and colour change; a few runs are
        written in the order that needs the fewest bytes (a clock's two lines
        in two colours: the run in the colour the terminal has first).

        Args:
            pieces: ``(y, x, cells)``: cells painted on row ``y`` from
                column ``x`` on (what Textual's update draws).

        Returns:
            Text to write; empty when nothing changed.
        """
        runs: list[tuple[int, int, list[Cell]]] = []
        unsure: set[int] = set()  # rows whose cells the terminal may place otherwise
        looked: set[int] = set()
        for y, x, new in pieces:
            if not 0 <= y < self.height or x >= self.width:
                continue
            new = new[: self.width - x]
            row = self.rows[y]
            old = row[x : x + len(new)]
            if old == new:
                continue
            if y not in looked:  # as shown, before this update: the terminal may have it shifted
                looked.add(y)
                if _unsure(row):
                    unsure.add(y)
            for start, end in self._runs(old, new):
                if start > 0 and new[start][0] == "":  # right half of a wide character
                    start -= 1
                if end < len(new) and new[end][0] == "" and end > start:
                    end += 1
                runs.append((y, x + start, new[start:end]))
                row[x + start : x + end] = new[start:end]
        if not runs:
            return ""
        unsure = {
            y
            for y in {run[0] for run in runs}
            if (y in unsure or _unsure(self.rows[y])) and None not in self.rows[y]
        }
        if unsure:  # those rows whole, from their first column (see _unsure)
            whole = [(y, 0, cast("list[Cell]", list(self.rows[y]))) for y in unsure]
            runs = sorted(
                [run for run in runs if run[0] not in unsure] + whole,
                key=lambda run: (run[0], run[1]),
            )
        out: list[str] = []
        sgr = self.sgr
        link: str | None = None
        cursor: tuple[int, int] | None = None
        for y, column, cells in self._ordered(runs):
            out.append(move(cursor, y, column, self.width))
            last: list[Cell] = []
            if y in unsure and len(cells) > 1:
                # All but the last cell, then clear what the terminal drew past
                # its own end of them, then the last cell where it belongs
                # (with the cursor on the last column, EL would clear it too).
                cells, last = cells[:-1], cells[-1:]
            for part, written in enumerate((cells, last)):
                if part and written:
                    out.append(ERASE_LINE_END + move(None, y, self.width - 1, self.width))
                for character, cell_sgr, cell_link in written:
                    if cell_link != link:
                        out.append(_link_of(cell_link))
                        link = cell_link
                    if cell_sgr != sgr:
                        out.append(transition(sgr, cell_sgr))
                        sgr = cell_sgr
                    out.append(character)
            cursor = None if y in unsure else (y, column + len(cells))
        if link is not None:
            out.append(_link_of(None))
        self.sgr = sgr
        self.version += 1
        return "".join(out)

    def _ordered(
        self, runs: list[tuple[int, int, list[Cell]]]
    ) -> Iterable[tuple[int, int, list[Cell]]]:
        """``runs`` in the order to write them.

        Up to :data:`REORDER` runs: each next the one whose cursor move and
        colour change from where the last ended are shortest (ties in screen
        order). More (a slide change): screen order.
        """
        if len(runs) == 1 or len(runs) > REORDER:
            yield from runs
            return
        left = list(runs)
        sgr, cursor = self.sgr, None
        while left:
            best = min(
                left,
                key=lambda run: (
                    len(move(cursor, run[0], run[1], self.width))
                    + len(transition(sgr, run[2][0][1]))
                ),
            )
            left.remove(best)
            yield best
            y, column, cells = best
            sgr, cursor = cells[-1][1], (y, column + len(cells))

    @staticmethod
    def _runs(old: list[Cell | None], new: list[Cell]) -> Iterator[tuple[int, int]]:
        """Spans ``[start, end)`` of ``new`` to write: the changed cells, short gaps joined."""
        start = end = -1
        for index, cell in enumerate(new):
            if index < len(old) and old[index] == cell:
                continue
            if start < 0:
                start = index
            elif index - end > GAP:
                yield start, end
                start = index
            end = index + 1
        if start >= 0:
            yield start, end


ERASE_LINE_END = "\x1b[K"
"""EL: clears from the cursor to the end of its row (in the current colours)."""


def _unsure(row: list[Cell | None]) -> bool:
    """Whether a terminal may give ``row``'s characters other widths than Rich does.

    Emoji (U+1F000 on: flags, skin tones, most pictographs) and anything
    joined into one cell (a zero-width joiner, a variation selector such as
    the one that makes U+2764 a red heart, a combining mark) are drawn as
    one, two or more cells depending on the terminal. A row holding one is
    written whole, then cleared to its end, and the cursor moved absolutely
    afterwards: writing only its changed cells left parts of the last slide
    on the row ("end nd"), the shadow and the terminal disagreeing on where
    each cell was.
    """
    text = "".join(cell[0] for cell in row if cell is not None)
    if text.isascii():
        return False
    return any(len(cell[0]) > 1 or cell[0] >= "\U0001f000" for cell in row if cell is not None)


def update_pieces(update: object, color_system: ColorSystem) -> list[tuple[int, int, list[Cell]]]:
    """The rows a compositor update paints, as cells (see :meth:`CellDiff.render`).

    Args:
        update: A Textual ``LayoutUpdate`` or ``ChopsUpdate``.
        color_system: The terminal's colours.

    Raises:
        TypeError: Another kind of update.
        Unmodelled: A segment holds control codes.
    """
    pieces: list[tuple[int, int, list[Cell]]] = []
    if isinstance(update, LayoutUpdate):
        x = update.region.x
        for y, line in enumerate(update.strips, update.region.y):
            row: list[Cell] = []
            for part in line:
                row += cells(part, color_system)
            pieces.append((y, x, row))
        return pieces
    if not isinstance(update, ChopsUpdate):
        raise TypeError(type(update).__name__)
    for y, x1, x2 in update.spans:
        for end, (x, strip) in zip(update.chop_ends[y], update.chops[y].items(), strict=False):
            if strip is None or x > x2 or end <= x1:
                continue
            whole = x2 > x >= x1 and end <= x2
            shown = strip if whole else strip.crop(0, min(end, x2) - x)
            pieces.append((y, x, cells(shown, color_system)))
    return pieces
