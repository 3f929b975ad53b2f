"""The one error class of Podium's stores: a message that names the file.

The vote store raises :class:`~tui.polls.store_errors.VoteStoreError` and the
rehearsal store :class:`~tui.rehearsal.store.RehearsalStoreError`; both derive
from :class:`StoreError`, so code that reports any store's trouble catches
this one class, and code that handles one store catches only its own. Imports
nothing (no SQLite).
"""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """A store cannot be used; the message says why and names the file.

    Attributes:
        path: The store file concerned, or None.
        busy: True when another process held the store locked: trying again
            later may work (the write was refused, not the input).
        empty: True when the file exists but nothing has set it up as a
            store yet (an empty file or empty database): it holds no data.
    """

    def __init__(
        self, message: str, path: Path | None = None, *, busy: bool = False, empty: bool = False
    ) -> None:
        super().__init__(message)
        self.path = path
        self.busy = busy
        self.empty = empty
