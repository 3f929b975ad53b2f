"""The deck: model and loader. Imports no Textual (see tests/unit/test_import_hygiene.py).

Importing the package loads nothing else: the names below are looked up on
first use (PEP 562), so ``tui.deck.model`` (and everything that only needs
the model: pacing, the presenting core) is imported without PyYAML; the
loader, which needs it, is :mod:`tui.deck.loader`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.deck.errors import DeckError, Problem
    from tui.deck.loader import load_deck, load_deck_text
    from tui.deck.model import Deck, Layout, Poll, Slide, parse_duration

_HOMES = {
    "DeckError": "tui.deck.errors",
    "Problem": "tui.deck.errors",
    "load_deck": "tui.deck.loader",
    "load_deck_text": "tui.deck.loader",
    "Deck": "tui.deck.model",
    "Layout": "tui.deck.model",
    "Poll": "tui.deck.model",
    "Slide": "tui.deck.model",
    "parse_duration": "tui.deck.model",
}

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


def __getattr__(name: str) -> object:
    """Import the module a re-exported name lives in, on first use."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'tui.deck' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value
