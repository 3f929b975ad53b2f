"""When what Rich and Textual measured for the frames drawn is let go: :func:`forget_measures`.

Rich measures every piece of text it lays out (``rich.cells.cell_len``)
and keeps each answer for text under 512 characters in an LRU cache of
4,096 entries (``rich.cells.cached_cell_len``), strings included; Textual
keeps the answers of its region arithmetic (``Region.overlaps``,
``intersection``, ``union``, ``translate`` ..., up to 1,024 or 4,096 each).
Over a talk that is every word of every slide, note and toast drawn (about
1,300 entries after the default deck) and every region of every layout
(about 1,000): ~0.3 MB and ~0.15 MB at the peak of the process, held to
the end for slides that are not on screen any more.

Podium lets them go once a slide's frame is out and the next slide has been
laid out ahead (:meth:`tui.widgets.slide_view.SlideView.show`): what a later
frame draws is measured again, a few microseconds a word (for Latin text,
``len`` after a set test) and less a region, a fraction of a millisecond
for a slide, after its frame drawn ahead (:mod:`tui.screens.frame_ahead`)
is already out. The clock's ticks keep theirs (a handful of entries).
"""

from __future__ import annotations

from rich.cells import cached_cell_len
from textual.geometry import Region

__all__ = ["forget_measures"]

_REGION_CACHES = (
    Region.overlaps,
    Region.contains_region,
    Region.translate,
    Region.__contains__,
    Region.grow,
    Region.shrink,
    Region.intersection,
    Region.union,
    Region.split,
    Region.split_vertical,
    Region.split_horizontal,
)
"""Textual's region methods that keep their answers (``functools.lru_cache``)."""


def forget_measures() -> None:
    """Empty Rich's cache of text widths and Textual's of regions (see the module)."""
    cached_cell_len.cache_clear()
    for method in _REGION_CACHES:
        method.cache_clear()
