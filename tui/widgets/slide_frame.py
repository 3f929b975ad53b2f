"""How wide a slide's frame may be: the deck's measure, by layout. Imports no Textual."""

from __future__ import annotations

from tui.deck.model import Layout

__all__ = ["COLUMNS_SHARE", "frame_width"]

COLUMNS_SHARE = 1.5
"""A columns slide's frame is this many times the measure: several texts side by side."""


def frame_width(layout: Layout, measure: int) -> int | None:
    """The widest the slide's frame may be, in cells; None for no limit.

    Text keeps to the deck's measure; a title slide's big title may use the
    screen's width (less its margins), a columns slide half as much again.

    Args:
        layout: The slide's layout.
        measure: The deck's ``width:`` in cells.
    """
    if layout is Layout.TITLE:
        return None
    if layout is Layout.COLUMNS:
        return int(measure * COLUMNS_SHARE)
    return measure
