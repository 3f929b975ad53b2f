"""What a store file is (:class:`Kind`) and its SQLite header, checked without SQLite.

Split from :mod:`tui.storage.sqlite` (which re-exports every name here) so
that a presenter's vote store can be checked before the first frame (its
folder, its permissions, its header) without importing :mod:`sqlite3`;
the store itself is opened later.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import msgspec

from tui.regular_file import open_regular
from tui.storage.errors import StoreError

MEMORY = Path(":memory:")
"""The ``path`` of an in-memory database (:func:`tui.storage.sqlite.open_memory`)."""

SQLITE_MAGIC = b"SQLite format 3\x00"
"""The first 16 bytes of every SQLite database file."""


class Kind(msgspec.Struct, frozen=True):
    """One kind of store file: what it must hold and how its troubles are told.

    Attributes:
        noun: What the file is called in messages (``vote store``).
        application_id: ``PRAGMA application_id`` marking such a file.
        version: Schema version this Podium writes and reads
            (``PRAGMA user_version``).
        tables: For each readable version, the tables a file of it must have.
        scripts: For each older version (0: an empty database), the SQL that
            brings the file to :attr:`version`, statements separated by ``;``;
            it sets ``user_version`` (and, from 0, ``application_id``).
        error: The :class:`StoreError` subclass raised.
        elsewhere: How the user picks another place, for messages
            (``--store PATH or PODIUM_DATA_DIR``).
        what: The tables as named in messages (``the vote tables``).
        empty_message: Message for a file nothing has set up yet, with
            ``{path}``.
        backup_before_upgrade: Versions copied to a backup file next to the
            store before they are upgraded.
        synchronous: ``PRAGMA synchronous`` of durable writes (``FULL``: a
            commit survives a power cut; ``NORMAL``: it survives a crash of
            the app, without an ``fsync`` per commit).
        setup: Pragmas run on every read-write connection
            (``PRAGMA foreign_keys = ON``).
        untouched: How messages say a refused file was not changed.
    """

    noun: str
    application_id: int
    version: int
    tables: Mapping[int, frozenset[str]]
    scripts: Mapping[int, str]
    error: type[StoreError] = StoreError
    elsewhere: str = "PODIUM_DATA_DIR"
    what: str = "its tables"
    empty_message: str = "{path} is empty: nothing has set it up as a Podium store yet"
    backup_before_upgrade: frozenset[int] = frozenset()
    synchronous: str = "FULL"
    setup: tuple[str, ...] = ()
    untouched: str = "it was left untouched"


def not_a_store(path: Path, kind: Kind, why: str) -> StoreError:
    """The error for a file that is not an undamaged store of ``kind``.

    Args:
        path: The file.
        kind: The store it should have been.
        why: What it is instead (``not an SQLite database``).

    Returns:
        The error, saying the file was left untouched.
    """
    return kind.error(
        f"{path} is not a Podium {kind.noun} ({why}); {kind.untouched}."
        f" Move it away, or pick another place with {kind.elsewhere}",
        path,
    )


def read_header(path: Path, kind: Kind) -> bytes:
    """The first 100 bytes of a store file (its SQLite header), read only.

    Args:
        path: The file.
        kind: The store it should be.

    Returns:
        The header; empty for an empty file.

    Raises:
        StoreError: The path is a folder, the file cannot be read, or it
            does not start like an SQLite database.
    """
    if path.is_dir():
        raise kind.error(f"{kind.noun} {path} is a folder, not a file", path)
    try:
        with open_regular(path) as file:  # a named pipe would block for ever
            header = file.read(100)
    except OSError as error:
        raise kind.error(
            f"cannot read the {kind.noun} {path}: {error.strerror or error}", path
        ) from None
    if header and not header.startswith(SQLITE_MAGIC):
        raise not_a_store(path, kind, "not an SQLite database")
    if header and len(header) < 100:
        raise not_a_store(path, kind, "a damaged SQLite database: it is cut short")
    return header


# -- opening --------------------------------------------------------------------------
