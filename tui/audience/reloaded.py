"""The deck an audience view shows when the presenter reloaded theirs.

A presenter whose deck file is saved while presenting (live reload, see
:mod:`tui.reload`) writes a copy of the good deck it now shows next to its
state file (:func:`tui.audience.state.deck_copy_path`) and announces its
revision in the state (``deck_rev``). An audience view that sees a revision
other than its own reads that copy, never the deck file itself: the file may
already hold the next, broken, save, which the presenter is not showing.
A presenter that publishes no revision shows the deck as it started: the
view reads the deck file. Imports no Textual.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tui.audience.state import PresenterState, deck_copy_path
from tui.deck import DeckError
from tui.deck.loader import load_deck, load_deck_text

if TYPE_CHECKING:
    from tui.deck.model import Deck


def presenters_deck(deck_path: str, state: PresenterState) -> Deck | None:
    """The deck the presenter of ``deck_path`` shows now, as its state says.

    Args:
        deck_path: The deck file the audience view follows.
        state: The presenter's state.

    Returns:
        The deck (messages and theme paths relative to ``deck_path``), or
        None when it cannot be read or is not valid (the view keeps its own).
    """
    try:
        if state.deck_rev is None:
            return load_deck(deck_path)
        data = deck_copy_path(deck_path).read_bytes()
        return load_deck_text(data, deck_path)
    except (OSError, DeckError):
        return None


def theme_path(state: PresenterState) -> Path | None:
    """The theme file the presenter reloaded with its deck, or None."""
    return Path(state.theme_file) if state.theme_file else None
