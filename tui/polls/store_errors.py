"""Errors of the vote store: :class:`StoreError` and where the file may live.

:mod:`tui.polls.store` owns :class:`~tui.polls.store.VoteStore` and
:mod:`tui.polls.schema` the tables and upgrades; this module owns what can go
wrong with where the store file lives. :class:`VoteStoreError` (also named
``StoreError`` here and in :mod:`tui.polls.store`) derives from the one base
of every store's errors, :class:`tui.storage.errors.StoreError`. Before SQLite
opens the file, :func:`_check_location` checks that its folder can be written
and that an existing file is an SQLite database; turning SQLite's errors into
messages is :func:`tui.storage.sqlite.translate`'s job. Who may write the
file is :mod:`tui.polls.access`'s business. Imports no SQLite.
"""

from __future__ import annotations

import os
from pathlib import Path

from tui.storage import errors


class VoteStoreError(errors.StoreError):
    """The vote store cannot be used; the message says why and names the file.

    A :class:`~tui.storage.errors.StoreError` (``path``, ``busy``, ``empty``);
    importable here and from :mod:`tui.polls.store` as ``StoreError``.
    """


StoreError = VoteStoreError
"""The name the vote store's callers have always used for :class:`VoteStoreError`."""


def _check_location(path: Path) -> None:
    """Check that the store's folder and an existing file can be written.

    Raises:
        StoreError: The folder is missing or read-only, the path is a
            folder, the file is read-only or not an SQLite database.
    """
    folder = path.parent
    if not folder.is_dir():
        raise StoreError(f"cannot open the vote store {path}: there is no folder {folder}", path)
    if path.is_dir():
        raise StoreError(f"vote store {path} is a folder, not a file", path)
    if path.exists() and not os.access(path, os.R_OK | os.W_OK):
        owner = path.stat().st_uid
        if owner != os.geteuid():
            raise StoreError(
                f"cannot write the vote store {path}: it belongs to {_user_name(owner)},"
                " who has not shared it with you (the presenter shares a store with the members of"
                " its group with --shared-store)",
                path,
            )
    # WAL mode keeps two side files next to the store, so the folder must be
    # writable even when the store file already exists.
    if not os.access(folder, os.W_OK | os.X_OK):
        raise StoreError(
            f"cannot write the vote store {path}: the folder {folder} is read-only"
            " (pick a writable place with --store PATH or PODIUM_DATA_DIR)",
            path,
        )
    if path.exists():
        if not os.access(path, os.R_OK | os.W_OK):
            raise StoreError(
                f"cannot write the vote store {path}: the file is read-only;"
                " make it writable, or pick another place with --store PATH or PODIUM_DATA_DIR",
                path,
            )
        _read_header(path)


def _read_header(path: Path) -> bytes:
    """The store file's SQLite header, read only (see :func:`tui.storage.sqlite.read_header`)."""
    from tui.polls.schema import KIND
    from tui.storage.sqlite import read_header

    return read_header(path, KIND)


def _user_name(uid: int) -> str:
    try:
        import pwd

        return pwd.getpwuid(uid).pw_name
    except (ImportError, KeyError):
        return f"user {uid}"
