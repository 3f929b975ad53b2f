"""Poll votes: the SQLite vote store and what it hands out. Imports no Textual."""

from __future__ import annotations

from tui.polls.model import Ballot, Orphan, PollResults, Stage, Status, VoteRecord, VoteRefused
from tui.polls.store import SCHEMA_VERSION, StoreError, VoteStore, store_path_for_deck

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
