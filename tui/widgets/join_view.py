"""The join code beside a poll's options: QR code, address and short code.

Shown on poll slides while the presenter serves the phone page
(``podium --serve``), in the presenter's view and the audience view. The
QR code is drawn as :func:`tui.web.qr.draw` makes it (explicit black on
white, quiet zone included; with ``NO_COLOR``, blocks in the terminal's own
colours), as large as the room beside the options
allows; when even the smallest does not fit, the address and the code
are shown as text alone: beside the options while they keep
:data:`MIN_OPTIONS_WIDTH` cells, else under them on one line (the notes
pane open at 100 columns left the options 20 cells and their summary one
word a line).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.console import Group
from rich.text import Text
from textual.widgets import Static

from tui.i18n import words_of
from tui.safe_text import one_line

if TYPE_CHECKING:
    from tui.web.qr import JoinCode

MIN_OPTIONS_WIDTH = 34
"""Cells the poll's options keep beside the QR code."""


class JoinView(Static):
    """Draws a :class:`~tui.web.qr.JoinCode` to fit the room it is given."""

    DEFAULT_CSS = """
    JoinView { width: auto; height: auto; padding: 0 0 0 2; display: none; }
    """

    _shown: tuple[object, ...] | None = None
    beside = True
    """Whether the code goes beside the options (else under them; the slide lays out the row)."""

    def show(self, join: JoinCode | None, width: int, height: int) -> None:
        """Draw ``join`` in at most ``width`` x ``height`` cells (hidden when None).

        Args:
            join: The join code, or None when the page is not served.
            width: Cells across available for the options and the code.
            height: Lines available.
        """
        state = (join, width, height)
        if state == self._shown:
            return
        self._shown = state
        self.display = join is not None
        if join is None:
            return
        from tui.web.qr import draw

        code = Text(words_of(self.app)("join.code", code=one_line(join.code)))
        address = Text(one_line(join.url), style="bold", overflow="fold")
        room_width = width - MIN_OPTIONS_WIDTH - 2
        self.beside = True
        self.styles.padding = (0, 0, 0, 2)
        for scale in (2, 1):
            wide, high = join.size(scale)
            if wide <= room_width and high + 2 <= height:
                plain = bool(getattr(self.app, "no_color", False))
                self.update(Group(*draw(join, scale, plain=plain), address, code))
                self.styles.width = max(wide, len(join.url)) + 2
                return
        if cell_len(address.plain) <= room_width:
            self.styles.width = "auto"
            self.update(Group(address, code))
            return
        self.beside = False  # under the options, which keep the whole width
        self.styles.padding = (0, 0, 0, 0)
        self.styles.width = "100%"
        line = Text(overflow="fold")
        line.append(address)
        line.append("  ")
        line.append(code)
        self.update(line)
