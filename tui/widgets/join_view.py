"""The join code beside a poll's options: QR code, address and short code.

Shown on poll slides while the presenter serves the phone page
(``podium --serve``), in the presenter's view and the audience view. The
QR code is drawn as :func:`tui.web.qr.draw` makes it (explicit black on
white, quiet zone included; with ``NO_COLOR``, blocks in the terminal's own
colours), as large as the room beside the options
allows; when even the smallest does not fit, the address and the code
are shown as text alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group
from rich.text import Text
from textual.widgets import Static

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

        address = Text(one_line(join.url), style="bold", overflow="fold")
        code = Text(f"code {one_line(join.code)}")
        room_width = width - MIN_OPTIONS_WIDTH - 2
        for scale in (2, 1):
            wide, high = join.size(scale)
            if wide <= room_width and high + 2 <= height:
                plain = bool(getattr(self.app, "no_color", False))
                self.update(Group(*draw(join, scale, plain=plain), address, code))
                self.styles.width = max(wide, len(join.url)) + 2
                return
        self.styles.width = "auto"
        self.update(Group(address, code))
