"""Errors of the vote store: :class:`StoreError`, location checks, SQLite errors.

:mod:`tui.polls.store` owns :class:`~tui.polls.store.VoteStore` and
:mod:`tui.polls.schema` the tables and upgrades; this module owns what can go
wrong with the store file and how it is told. It checks, before SQLite opens
the file, that its folder can be written and that an existing file is an
SQLite database, and it turns SQLite's errors (locked, read-only, corrupt,
disk full) into a :class:`StoreError` whose message names the file and says
what to do. Who may write the file is :mod:`tui.polls.access`'s business.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

_SQLITE_MAGIC = b"SQLite format 3\x00"


class StoreError(Exception):
    """The vote store cannot be used; the message says why and names the file.

    Attributes:
        path: The store file concerned.
        busy: True when another process held the store locked: trying again
            later may work (the vote was refused, not the input).
        empty: True when the file exists but no presenter has set it up as
            a store yet (an empty file or empty database): it holds no votes.
    """

    def __init__(
        self, message: str, path: Path | None = None, *, busy: bool = False, empty: bool = False
    ) -> None:
        super().__init__(message)
        self.path = path
        self.busy = busy
        self.empty = empty


def _check_location(path: Path) -> None:
    """Check that the store's folder and an existing file can be written.

    Raises:
        StoreError: The folder is missing or read-only, the path is a
            folder, the file is read-only or not an SQLite database.
    """
    folder = path.parent
    if not folder.is_dir():
        raise StoreError(
            f"cannot open the vote store {path}: there is no folder {folder}", path
        )
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
    """The first 100 bytes of the store file (its SQLite header), read only.

    Raises:
        StoreError: The path is a folder, the file cannot be read, or it
            does not start like an SQLite database.
    """
    if path.is_dir():
        raise StoreError(f"vote store {path} is a folder, not a file", path)
    try:
        with path.open("rb") as file:
            header = file.read(100)
    except OSError as error:
        raise StoreError(
            f"cannot read the vote store {path}: {error.strerror or error}", path
        ) from None
    if header and not header.startswith(_SQLITE_MAGIC):
        raise _not_a_store(path, "not an SQLite database")
    if header and len(header) < 100:
        raise _not_a_store(path, "a damaged SQLite database: it is cut short")
    return header


def _user_name(uid: int) -> str:
    try:
        import pwd

        return pwd.getpwuid(uid).pw_name
    except (ImportError, KeyError):
        return f"user {uid}"


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
