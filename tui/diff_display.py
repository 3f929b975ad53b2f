"""The app's output stage: each frame reaches the terminal as changed cells only.

:class:`DiffDisplay` puts a :class:`tui.cell_diff.CellDiff` between an
app's compositor and its terminal: every update of Textual's compositor is
turned into the cells that changed. It also sends a frame drawn ahead
(:mod:`tui.screens.frame_ahead`) the moment its key comes, worked out
beforehand (:meth:`DiffDisplay.plan_ahead`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.color import ColorSystem
from textual import events
from textual._compositor import ChopsUpdate, LayoutUpdate
from textual.geometry import Offset, Region

from tui.cell_diff import SMALL, Cell, CellDiff, Unmodelled, update_pieces

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from textual.app import App
    from textual.driver import Driver
    from textual.screen import Screen


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
