"""Where a vote store lives, and whether it can be kept there, checked without SQLite.

:func:`store_path_for_deck` names a deck's store; :func:`_check_location`
checks its folder, its permissions and an existing file's SQLite header.
Both are re-exported by :mod:`tui.polls.store`; they live here so that the
presenter's store is checked before the first frame (a bad ``--store`` is
reported plainly, exit status 2) while :mod:`sqlite3` and the store itself
wait until after it (see :class:`tui.polls.opening.PresenterStore`).
"""

from __future__ import annotations

import os
from pathlib import Path

from tui.polls.schema import KIND
from tui.polls.store_errors import StoreError, _user_name

STORE_KEY_DIGITS = 12
"""Hex digits of :func:`tui.paths.deck_key` in a vote store's file name.

Twelve, where the audience view's files use sixteen: both are the start of the same
digest, and vote stores have always been named with twelve, so existing
stores keep being found.
"""


def store_path_for_deck(deck_source: str | os.PathLike[str]) -> Path:
    """Where the votes of a deck are kept.

    Args:
        deck_source: Path of the deck file, absolute or relative to the
            current directory (``~`` is expanded).

    Returns:
        ``<user data dir>/votes/<slug of file stem>-<12 hex digits>.sqlite3``,
        the digits being :func:`tui.paths.deck_key` of the deck (the start of
        the SHA-256 of its resolved absolute path), so two decks both named
        ``slides.yaml`` never share votes.
    """
    from tui.deck.slug import slug
    from tui.paths import deck_identity, deck_key, user_data_dir

    deck = Path(deck_source).expanduser()
    name = slug(Path(deck_identity(deck)).stem, fold_letters=False) or "deck"
    key = deck_key(deck, digits=STORE_KEY_DIGITS)
    return user_data_dir() / "votes" / f"{name}-{key}.sqlite3"


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
    from tui.storage.kind import read_header

    return read_header(path, KIND)
