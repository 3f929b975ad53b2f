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
change. :class:`DiffDisplay` puts it between an app's compositor and its
terminal.

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
from textual import events
from textual._compositor import ChopsUpdate, LayoutUpdate
from textual.geometry import Offset, Region
from textual.strip import Strip

from tui.cell_codes import move, transition

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from textual.app import App
    from textual.driver import Driver
    from textual.screen import Screen

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


def cells(segments: Iterable[Segment], color_system: ColorSystem) -> list[Cell]:
    """The cells a run of segments paints, left to right.

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
        if text.isascii() and text.isprintable():
            for character in text:
                append((character, sgr, link))
            continue
        for character in text:
            width = get_character_cell_size(character)
            if width == 0:
                if out:  # a combining mark: part of the character before it
                    last = out[-1]
                    out[-1] = (last[0] + character, last[1], last[2])
                continue
            append((character, sgr, link))
            if width == 2:
                append(("", sgr, link))
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
        for y, x, new in pieces:
            if not 0 <= y < self.height or x >= self.width:
                continue
            new = new[: self.width - x]
            row = self.rows[y]
            old = row[x : x + len(new)]
            if old == new:
                continue
            for start, end in self._runs(old, new):
                if start > 0 and new[start][0] == "":  # right half of a wide character
                    start -= 1
                if end < len(new) and new[end][0] == "" and end > start:
                    end += 1
                runs.append((y, x + start, new[start:end]))
                row[x + start : x + end] = new[start:end]
        if not runs:
            return ""
        out: list[str] = []
        sgr = self.sgr
        link: str | None = None
        cursor: tuple[int, int] | None = None
        for y, column, cells in self._ordered(runs):
            out.append(move(cursor, y, column, self.width))
            for character, cell_sgr, cell_link in cells:
                if cell_link != link:
                    out.append(_link_of(cell_link))
                    link = cell_link
                if cell_sgr != sgr:
                    out.append(transition(sgr, cell_sgr))
                    sgr = cell_sgr
                out.append(character)
            cursor = (y, column + len(cells))
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


class PlannedWrite:
    """A write worked out ahead (:meth:`DiffDisplay.plan_ahead`), and the shadow it is for.

    Args:
        pieces: The cells to bring the terminal to (as :meth:`CellDiff.render` takes them).
        output: What to write, from the shadow as it was.
        after: The shadow once ``output`` is written.
        diff: The shadow it was worked out from.
    """

    __slots__ = ("after", "diff", "output", "pieces", "version")

    def __init__(
        self,
        pieces: list[tuple[int, int, list[Cell]]],
        output: str,
        after: CellDiff,
        diff: CellDiff,
    ) -> None:
        self.pieces = pieces
        self.output = output
        self.after = after
        self.diff = diff
        self.version = diff.version
        """``diff``'s version when worked out: ``output`` holds while it is unchanged."""


class DiffDisplay:
    """App mixin: each frame of the compositor reaches the terminal as changed cells only.

    Put it before ``App`` in the bases. Inline apps, headless runs (tests)
    and anything but the compositor's updates go Textual's way.
    """

    _cell_diff: CellDiff | None = None
    _diff_cursor: Offset | None = None

    def _display(self, screen: Screen, renderable: RenderableType | None) -> None:
        app = cast("App[object]", self)
        driver = app._driver
        if (
            renderable is None
            or app._batch_count
            or not isinstance(renderable, (LayoutUpdate, ChopsUpdate))
            or not app._running
            or app._closed
            or app.is_headless
            or driver is None
            or driver.is_inline
        ):
            if renderable is not None and self._cell_diff is not None:
                self._write_plain(driver)  # Textual's segments assume the default colours
                self._cell_diff.forget()  # something else may have been written
            super()._display(screen, renderable)  # type: ignore[misc]
            return
        diff = self._cell_diff
        if diff is None:
            diff = self._cell_diff = CellDiff()
            app.app_resume_signal.subscribe(app, lambda _app: diff.forget())
            _plain_on_the_way_out(driver, diff)
        width, height = app.size
        if (width, height) != (diff.width, diff.height):
            diff.resize(width, height)
        console: Console = app.console
        color_system = console._color_system or ColorSystem.TRUECOLOR
        try:
            output = diff.render(update_pieces(renderable, color_system))
        except Unmodelled:
            self._write_plain(driver)
            diff.forget()
            super()._display(screen, renderable)  # type: ignore[misc]
            return
        self._send(output)
        app.post_display_hook()

    def plan_ahead(
        self, rows: list[tuple[int, int, list[Cell]]], keep: list[Region]
    ) -> PlannedWrite | None:
        """Work out the write that brings the terminal to a frame drawn ahead.

        Nothing is sent: :meth:`write_ahead` sends it when its key comes
        (see :mod:`tui.screens.frame_ahead`), and Textual's own frame of the
        same change then finds nothing left to send.

        Args:
            rows: ``(y, x, cells)`` as :func:`update_pieces` gives them.
            keep: Screen regions not to write (a clock that ticks on its own).

        Returns:
            The write, or None while the terminal's cells are not known
            (before the first frame, another size).
        """
        app = cast("App[object]", self)
        diff = self._cell_diff
        if diff is None or tuple(app.size) != (diff.width, diff.height):
            return None
        pieces: list[tuple[int, int, list[Cell]]] = []
        for y, x, cells_ in rows:
            cuts = sorted(
                (region.x - x, region.right - x) for region in keep if region.y <= y < region.bottom
            )
            start = 0
            for left, right in cuts:
                if left > start:
                    pieces.append((y, x + start, cells_[start:left]))
                start = max(start, right)
            if start < len(cells_):
                pieces.append((y, x + start, cells_[start:]))
        after = diff.copy()
        return PlannedWrite(pieces, after.render(pieces), after, diff)

    def write_ahead(self, planned: PlannedWrite) -> bool:
        """Send a write worked out by :meth:`plan_ahead`, now, as one update.

        Worked out again when the terminal changed since (a clock ticked).

        Returns:
            False when nothing was sent: the terminal is not the one planned
            for (resized, suspended, the app closing, an update being held).
        """
        app = cast("App[object]", self)
        diff = self._cell_diff
        if (
            diff is not planned.diff
            or app._driver is None
            or app._batch_count
            or not app._running
            or app._closed
            or tuple(app.size) != (diff.width, diff.height)
        ):
            return False
        if diff.version == planned.version:
            diff.adopt(planned.after)
            self._send(planned.output)
        else:
            self._send(diff.render(planned.pieces))
        return True

    def _send(self, output: str) -> None:
        """Write ``output`` (changed cells), then put the cursor where the app wants it."""
        app = cast("App[object]", self)
        driver = app._driver
        assert driver is not None
        cursor = app.screen.outer_size.clamp_offset(app.cursor_position)
        if cursor != self._diff_cursor or (output and (cursor.x or cursor.y)):
            # Where a widget wants the (hidden) cursor, for input methods;
            # none does on a slide (the origin), so a frame ends where it ends.
            output += f"\x1b[{cursor.y + 1};{cursor.x + 1}H"
        if output:
            self._diff_cursor = cursor
            app._previous_cursor_position = cursor
            # A few cells need no synchronized update (nothing can tear): the
            # notes pane's clock ticks in a few dozen bytes.
            synchronized = len(output) > SMALL
            if synchronized:
                app._begin_update()
            try:
                driver.write(output)
            finally:
                if synchronized:
                    app._end_update()
            driver.flush()

    def _write_plain(self, driver: Driver | None) -> None:
        """Put the terminal back to the default colours (the diff leaves its last ones on)."""
        if self._cell_diff is not None and driver is not None:
            plain = self._cell_diff.plain()
            if plain:
                driver.write(plain)

    def forget_terminal(self) -> None:
        """Send the next frame whole: the terminal's content is not known (a resume)."""
        if self._cell_diff is not None:
            self._cell_diff.forget()

    async def _on_resize(self, event: events.Resize) -> None:
        # Textual calls the handler of each class in turn: App's runs after this.
        if self._cell_diff is not None:
            self._cell_diff.forget()  # the terminal may have reflowed its text


def _plain_on_the_way_out(driver: Driver, diff: CellDiff) -> None:
    """Make ``driver`` put the default colours back before it leaves full-screen mode.

    Every way out goes through the driver's ``stop_application_mode``: quit,
    an exception, Ctrl+Z (Textual's SIGTSTP handler suspends through it).
    Without this the shell after the app could inherit the colours of the
    clock's last digit on a terminal that does not restore them with the
    main screen.
    """
    stop = driver.stop_application_mode

    def stop_in_plain_colours() -> None:
        plain = diff.plain()
        if plain:
            driver.write(plain)
        stop()

    driver.stop_application_mode = stop_in_plain_colours  # type: ignore[method-assign]
