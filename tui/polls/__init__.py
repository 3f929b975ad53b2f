"""Poll votes: the SQLite vote store and what it hands out. Imports no Textual.

Importing the package loads nothing else: the names below are looked up on
first use (PEP 562), so ``tui.polls.announce`` and ``tui.polls.model`` are
imported without SQLite; the store itself is :mod:`tui.polls.store`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.polls.model import Ballot, Orphan, PollResults, Stage, Status, VoteRecord, VoteRefused
    from tui.polls.store import SCHEMA_VERSION, StoreError, VoteStore, store_path_for_deck

_HOMES = {
    "Ballot": "tui.polls.model",
    "Orphan": "tui.polls.model",
    "PollResults": "tui.polls.model",
    "Stage": "tui.polls.model",
    "Status": "tui.polls.model",
    "VoteRecord": "tui.polls.model",
    "VoteRefused": "tui.polls.model",
    "SCHEMA_VERSION": "tui.polls.store",
    "StoreError": "tui.polls.store",
    "VoteStore": "tui.polls.store",
    "store_path_for_deck": "tui.polls.store",
}

__all__ = [
    "SCHEMA_VERSION",
    "Ballot",
    "Orphan",
    "PollResults",
    "Stage",
    "Status",
    "StoreError",
    "VoteRecord",
    "VoteRefused",
    "VoteStore",
    "store_path_for_deck",
]


def __getattr__(name: str) -> object:
    """Import the module a re-exported name lives in, on first use."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'tui.polls' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value
