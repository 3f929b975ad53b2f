"""Poll votes: the SQLite vote store. Imports no Textual."""

from __future__ import annotations

from tui.polls.store import SCHEMA_VERSION, StoreError, VoteStore, store_path_for_deck

__all__ = ["SCHEMA_VERSION", "StoreError", "VoteStore", "store_path_for_deck"]
