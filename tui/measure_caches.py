"""When what Rich measured for the frames drawn is let go: :func:`forget_measures`.

Rich measures every piece of text it lays out (``rich.cells.cell_len``)
and keeps each answer for text under 512 characters in an LRU cache of
4,096 entries (``rich.cells.cached_cell_len``), strings included. Over a
talk that is every word of every slide, note and toast drawn: about 1,300
entries after the default deck, ~0.3 MB at the peak of the process, held to
the end for words that are not on screen any more.

Podium lets them go once a slide's frame is out and the next slide has been
laid out ahead (:meth:`tui.widgets.slide_view.SlideView.show`): what a later
frame draws is measured again, a few microseconds a word (for Latin text,
``len`` after a set test), a fraction of a millisecond for a slide, after
its frame drawn ahead (:mod:`tui.screens.frame_ahead`) is already out. The
clock's ticks keep theirs (a handful of short strings).

Textual's caches of region arithmetic (``Region.overlaps``,
``intersection`` ...) are kept: emptied at the same moment they saved
~0.2 MB more, but every layout asks them again at once and the start and
the slide changes measured slower for it.
"""

from __future__ import annotations

from rich.cells import cached_cell_len

__all__ = ["forget_measures"]


def forget_measures() -> None:
    """Empty Rich's cache of text widths (see the module for when and why)."""
    cached_cell_len.cache_clear()
