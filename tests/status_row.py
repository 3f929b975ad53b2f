"""What the presenter's status row draws, read back from its rendered cells."""

from __future__ import annotations

from typing import Any

from tui.widgets.status_bar import StatusBar


def status_row(app: Any) -> str:
    """The status row's text as drawn (keys, then the position), at its current size."""
    bar = app.screen.query_one(StatusBar)
    (line,) = bar.render_lines(bar.region.reset_offset)
    return line.text


def status_position(app: Any) -> str:
    """The position drawn at the status row's right end ("3/13 · 1/2", go-to prompt, "more")."""
    bar = app.screen.query_one(StatusBar)
    return status_row(app)[bar.size.width - bar.position_cells() :]
