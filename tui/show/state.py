"""The presenter's state as one immutable value: :class:`ShowState`.

Everything the presenter screen draws besides the deck itself: where the
talk is, the go-to prompt, the blank screen, which poll charts are shown and
the notes pane. :class:`tui.show.core.Show` holds the current value and
replaces it on every operation; observers get the old and the new one in a
:class:`tui.show.events.Change`. Imports no Textual.
"""

from __future__ import annotations

import msgspec

from tui.navigation import Position

_FIRST = Position(0, 0)

GOTO_MAX_DIGITS = 6
"""Digits the go-to prompt takes (more are ignored): a deck never has a million slides."""


class ShowState(msgspec.Struct, frozen=True):
    """What the presenter shows, at one moment.

    A msgspec struct rather than a dataclass: defined in a few microseconds
    on the way to the first frame instead of a millisecond. Replace fields
    with :func:`msgspec.structs.replace`.

    Attributes:
        position: The slide and reveal step on screen.
        goto_open: The go-to prompt (``:``) is open: digits type a slide number.
        typed: The digits typed in the go-to prompt, waiting for Enter.
        blank: The screen is blanked (audience views too).
        charts_shown: Ids of the polls whose bar chart is shown.
        notes_shown: The speaker notes pane is open.
        notes_only: The notes pane fills the presenter's screen.
    """

    position: Position = _FIRST
    goto_open: bool = False
    typed: str = ""
    blank: bool = False
    charts_shown: frozenset[str] = frozenset()
    notes_shown: bool = False
    notes_only: bool = False
