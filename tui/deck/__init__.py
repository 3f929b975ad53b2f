"""The deck: model and loader. Imports no Textual (see tests/unit/test_import_hygiene.py)."""

from __future__ import annotations

from tui.deck.errors import DeckError, Problem
from tui.deck.loader import load_deck, load_deck_text
from tui.deck.model import Deck, Layout, Poll, Slide, parse_duration

__all__ = [
    "Deck",
    "DeckError",
    "Layout",
    "Poll",
    "Problem",
    "Slide",
    "load_deck",
    "load_deck_text",
    "parse_duration",
]
