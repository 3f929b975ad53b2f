"""Errors of the vote store: :class:`StoreError`, location checks, SQLite errors.

:mod:`tui.polls.store` owns :class:`~tui.polls.store.VoteStore` and
:mod:`tui.polls.schema` the tables and upgrades; this module owns what can go
wrong with the store file and how it is told. It checks, before SQLite opens
the file, that its folder can be created and written and that an existing
file is an SQLite database; it creates a new file with its folder's write
permissions; and it turns SQLite's errors (locked, read-only, corrupt, disk
full) into a :class:`StoreError` whose message names the file and says what
to do.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

_SQLITE_MAGIC = b"SQLite format 3\x00"


class StoreError(Exception):
    """The vote store cannot be used; the message says why and names the file.

    Attributes:
        path: The store file concerned.
        busy: True when another process held the store locked: trying again
            later may work (the vote was refused, not the input).
    """

    def __init__(self, message: str, path: Path | None = None, *, busy: bool = False) -> None:
        super().__init__(message)
        self.path = path
        self.busy = busy


def _create_shared(path: Path) -> None:
    """Create a missing store file with its folder's write permissions.

    In a folder its group may write, the new file is group-writable too
    (``0664``); in a folder anyone may write, anyone may write the file
    (``0666``). SQLite gives its ``-wal`` and ``-shm`` files the same
    permissions as the store, so every user who can write the folder can
    vote. Otherwise the file is made as usual (the umask applies).

    Raises:
        StoreError: The file cannot be created.
    """
    try:
        folder_mode = path.parent.stat().st_mode
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o666)
    except FileExistsError:
        return
    except OSError as error:
        raise StoreError(
            f"cannot create the vote store {path}: {error.strerror or error}"
            " (set PODIUM_DATA_DIR, or --store, to a writable place)",
            path,
        ) from None
    try:
        if folder_mode & stat.S_IWOTH:
            os.fchmod(descriptor, 0o666)
        elif folder_mode & stat.S_IWGRP:
            os.fchmod(descriptor, 0o664)
    except OSError:
        pass  # the file still works for its owner
    finally:
        os.close(descriptor)


def _check_location(path: Path) -> None:
    """Create the store's folders and check that the file can be written.

    Raises:
        StoreError: The folder cannot be created or written, the path is a
            folder, or the file is read-only.
    """
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        reason = error.strerror or str(error)
        raise StoreError(
            f"cannot create the folder {folder} for the vote store {path}: {reason}"
            " (pick a writable place with --store PATH or PODIUM_DATA_DIR)",
            path,
        ) from None
    if path.is_dir():
        raise StoreError(f"vote store {path} is a folder, not a file", path)
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
        try:
            with path.open("rb") as file:
                header = file.read(len(_SQLITE_MAGIC))
        except OSError as error:
            raise StoreError(
                f"cannot read the vote store {path}: {error.strerror or error}", path
            ) from None
        if header and header != _SQLITE_MAGIC:
            raise _not_a_store(path, "not an SQLite database")


def _not_a_store(path: Path, why: str) -> StoreError:
    return StoreError(
        f"{path} is not a Podium vote store ({why}); it was left untouched."
        " Move it away, or pick another place with --store PATH or PODIUM_DATA_DIR",
        path,
    )


def _is_busy(error: sqlite3.Error) -> bool:
    text = str(error).lower()
    return "locked" in text or "busy" in text


def _is_corruption(error: sqlite3.Error) -> bool:
    text = str(error).lower()
    return "not a database" in text or "malformed" in text or "corrupt" in text


def _translate(error: sqlite3.Error, path: Path, busy_timeout: float) -> StoreError:
    """Turn an SQLite error into a :class:`StoreError` that names the file."""
    text = str(error).lower()
    if _is_busy(error):
        return StoreError(
            f"vote store {path} is locked by another process (waited {busy_timeout:g} s);"
            " try again, or close the other program using it",
            path,
            busy=True,
        )
    if "readonly" in text or "read-only" in text:
        return StoreError(
            f"cannot write the vote store {path}: it or its folder is read-only"
            " (pick a writable place with --store PATH or PODIUM_DATA_DIR)",
            path,
        )
    if _is_corruption(error):
        return StoreError(
            f"vote store {path} is damaged ({error}); move it away to start afresh", path
        )
    if "unable to open" in text:
        return StoreError(
            f"cannot open the vote store {path} ({error}); check that its folder is writable",
            path,
        )
    if "disk" in text or "full" in text:
        return StoreError(f"cannot write the vote store {path}: {error}", path)
    return StoreError(f"vote store {path}: {error}", path)
