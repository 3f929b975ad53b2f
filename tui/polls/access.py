"""Who may write a vote store: private by default, group-shared on request.

A vote store is only as honest as the set of users who can write its file:
anyone who can write it can add votes, close a poll or change the question
voters see, without Podium. So the presenter's store is private (``0600``,
in folders Podium creates ``0700``) unless the presenter asks for a
group-shared store with ``--shared-store`` (``0660``: the file's group may
vote, and may also write the file directly, so the group must be trusted).
The modes are set on the file itself, whatever the umask or the folder;
SQLite gives its ``-wal`` and ``-shm`` files the main file's permissions.

A store is never writable by every user. A shared store is refused in a
folder every user may write (``/tmp`` and the like): anyone could put their
own file in its place, and Linux refuses one user's write-open of another
user's file in a sticky folder anyway. Existing files the presenter owns are
brought to the wanted mode (with a note when write access was taken away);
files owned by someone else are left alone, refused when every user may
write them, and noted otherwise.

Only the presenter's open applies this policy: voters and ``podium results``
never change a store's permissions.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from tui.paths import PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, make_private_dirs
from tui.polls.store_errors import StoreError, _user_name

SHARED_FILE_MODE = 0o660
"""Mode of a group-shared store (``--shared-store``): owner and group read and write."""

SHARED_DIR_MODE = 0o2770
"""Mode of a folder Podium creates for a shared store (setgid keeps the group)."""

SIDE_FILES = ("-wal", "-shm", "-journal")
"""SQLite's files next to a store, which hold votes too."""


def store_mode(shared: bool) -> int:
    """Permission bits of a store file: ``0660`` when shared, else ``0600``."""
    return SHARED_FILE_MODE if shared else PRIVATE_FILE_MODE


def prepare_folder(path: Path, shared: bool) -> list[str]:
    """Create the store's folder if needed and check it is safe to keep it in.

    Args:
        path: The store file.
        shared: The presenter asked for a group-shared store.

    Returns:
        Notes for the presenter (a folder every user may write).

    Raises:
        StoreError: The folder cannot be created, or a shared store would
            sit in a folder every user may write or a sticky folder.
    """
    folder = path.parent
    try:
        make_private_dirs(folder, SHARED_DIR_MODE if shared else PRIVATE_DIR_MODE)
        mode = folder.stat().st_mode
    except OSError as error:
        reason = error.strerror or str(error)
        raise StoreError(
            f"cannot create the folder {folder} for the vote store {path}: {reason}"
            " (pick a writable place with --store PATH or PODIUM_DATA_DIR)",
            path,
        ) from None
    if shared and mode & (stat.S_IWOTH | stat.S_ISVTX):
        raise StoreError(
            f"cannot share the vote store {path}: every user may write its folder {folder}"
            " (anyone could put their own file in its place, and Linux keeps other users"
            " from writing it there). Make a folder for your group, e.g."
            " sudo install -d -m 2770 -g GROUP /srv/podium, and use --store in it",
            path,
        )
    if mode & stat.S_IWOTH and not mode & stat.S_ISVTX:
        return [
            (
                f"every user may write the folder {folder}: anyone could replace the vote"
                f" store {path.name} with their own; keep it in a folder only you can write"
            )
        ]
    return []


def secure_files(path: Path, shared: bool, *, fix: bool = True) -> list[str]:
    """Bring an existing store and its side files to the wanted mode.

    Files the presenter owns lose what :func:`store_mode` does not allow
    others (and a shared store gains group read and write); files owned by another
    user are left alone, but refused when every user may write them, and a
    side file made by a user other than the store's owner is refused unless
    the store is group-writable.

    Args:
        path: The store file (it may not exist yet).
        shared: The presenter asked for a group-shared store.
        fix: Change the modes; when False only look for what is refused
            (done before the file is known to be a store: a damaged or
            foreign file keeps even its permissions).

    Returns:
        Notes for the presenter (write access taken away, a store owned by
        someone else).

    Raises:
        StoreError: A file every user may write that the presenter cannot
            fix, a side file planted by another user, or a side file that is
            a symbolic link.
    """
    wanted = store_mode(shared)
    me = os.geteuid()
    notes: list[str] = []
    owner: int | None = None
    group_writable = False
    for suffix in ("", *SIDE_FILES):
        name = Path(f"{path}{suffix}")
        try:
            info = os.lstat(name) if suffix else os.stat(name)
        except FileNotFoundError:
            continue
        except OSError as error:
            raise StoreError(
                f"cannot check the vote store file {name}: {error.strerror or error}", path
            ) from None
        mode = stat.S_IMODE(info.st_mode)
        if suffix and stat.S_ISLNK(info.st_mode):
            raise StoreError(
                f"{name} is a symbolic link, not SQLite's own file: remove it before presenting",
                path,
            )
        if not suffix:
            owner, group_writable = info.st_uid, bool(mode & stat.S_IWGRP)
        if info.st_uid == me:
            # Take away what other users may do; never make a read-only file writable.
            narrowed = (mode & PRIVATE_FILE_MODE) | (wanted & 0o070)
            if mode != narrowed and fix:
                try:
                    os.chmod(name, narrowed)
                except OSError as error:
                    raise StoreError(
                        f"cannot set the permissions of {name}: {error.strerror or error}", path
                    ) from None
                if not suffix and mode & ~narrowed & 0o022:
                    notes.append(_narrowed(path, mode, narrowed, shared))
            continue
        who = _user_name(info.st_uid)
        if mode & stat.S_IWOTH:
            raise StoreError(
                f"every user may write {name} (mode {mode:04o}), which belongs to {who}:"
                f" anyone could change its votes. Ask {who} to run chmod o-w on it",
                path,
            )
        if suffix and owner is not None and info.st_uid != owner and not group_writable:
            raise StoreError(
                f"{name} was made by {who}, not by the owner of the private vote store {path};"
                " remove it before presenting",
                path,
            )
        if not suffix and not shared:
            notes.append(
                f"the vote store {path} belongs to {who}, not to you: {who} and whoever"
                " they let write it can change its votes"
            )
    return notes


def _narrowed(path: Path, before: int, after: int, shared: bool) -> str:
    if shared:
        return (
            f"every user could write the vote store {path}; it is now {after:04o} (your group only)"
        )
    return (
        f"other users could write the vote store {path} (mode {before:04o}); it is now"
        f" {after:04o}, private to you. To let your group vote, present with --shared-store"
    )
