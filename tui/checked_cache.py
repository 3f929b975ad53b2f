"""Decks and theme files checked once, kept by their exact bytes, so a start skips PyYAML.

``podium`` starts by reading the deck and its theme: parsing them needs
PyYAML and the checking layer (about 25 ms of imports and work before the
first frame). Both results are plain data (a :class:`~tui.deck.model.Deck`,
a theme's fields), so once a file has checked clean its result is kept
here, next to the very bytes it came from. The next start reads the file,
compares its bytes with the kept ones and, when they are equal, uses the
kept result: the same result the checker gives for those bytes.

An entry is used only when all of these match, else the file is checked
again (and the entry replaced):

- the file's bytes, compared in full (no hash that could collide);
- the name the file was given by (a deck keeps it in ``Deck.source``, a
  theme's name is its file name);
- the checking code: the size and modification time of every module of
  :mod:`tui.deck`, :mod:`tui.yamlcheck` and the theme checker, PyYAML's and
  Textual's (a colour is checked by Textual), Python's version.

Only what checked clean is kept: a file with problems is always checked
again, so every ``FILE:LINE:COL`` comes from the checker itself. A deck
whose slides show pictures is never kept (its check looks at other files).
A deck saved while presenting is read by live reload without this cache;
a theme file goes through it wherever it is read (the same bytes give the
same fields).

Entries live in a private folder (``0700``, files ``0600``; see
:mod:`tui.paths`): the user cache folder, or ``cache/`` in
``PODIUM_DATA_DIR`` when it is set. One file per deck or theme file, named
by a hash of its resolved path. Cost (default deck, this machine): a hit
is about 1 ms (read, compare, work out the code stamp, decode) where the
check costs about 25 ms; a miss is the normal check plus about 3 ms to
write the entry. Any problem with the cache (unreadable, corrupt,
not ours, read-only folder) is a miss, never an error. The folder is kept
small: each write removes entries unused for :data:`MAX_ENTRY_AGE` and, past
:data:`MAX_ENTRIES`, the oldest (see :func:`prune`).

Imports :mod:`msgspec` and :mod:`tui.paths`; no PyYAML, no Textual.
"""

from __future__ import annotations

import os
import stat
import sys
import time
from pathlib import Path
from typing import Any, TypeVar

import msgspec

from tui import __version__
from tui.paths import PRIVATE_FILE_MODE, deck_key, make_private_dirs, write_atomically
from tui.regular_file import open_regular

T = TypeVar("T")

MAX_SOURCE_BYTES = 2 * 1024 * 1024
"""Largest file kept (bytes); larger ones are always checked (and refused) by the checker."""

_PACKAGE = Path(__file__).resolve().parent
_CODE_DIRS = (_PACKAGE / "deck", _PACKAGE / "yamlcheck")
_CODE_FILES = (
    _PACKAGE / "checked_cache.py",
    _PACKAGE / "theme_file.py",
    _PACKAGE / "theme_values.py",
    _PACKAGE / "themes.py",
    _PACKAGE / "safe_text.py",
)
MAX_ENTRIES = 64
"""Most files the cache folder keeps (decks, themes and stylesheets together)."""

MAX_ENTRY_AGE = 60 * 24 * 3600
"""Seconds after which an entry no start has used is removed (60 days)."""

_ENTRY_PREFIXES = ("deck-", "theme-", "css-")
"""The names of the files this cache writes (nothing else in the folder is touched)."""

_LIBRARIES = ("yaml", "textual", "msgspec")
"""Libraries whose version changes what a check gives (their ``__init__`` stat is in the key)."""


class _Entry(msgspec.Struct, array_like=True):
    """One kept result: what it is for and the result itself (msgpack)."""

    code: str
    name: str
    source: bytes
    value: bytes


_code: str | None = None


def _stamp(path: str | os.PathLike[str]) -> str:
    try:
        info = os.stat(path)
    except OSError:
        return f"{os.fspath(path)}:-"
    return f"{os.fspath(path)}:{info.st_size}:{info.st_mtime_ns}"


def _library_init(name: str) -> str | None:
    """The ``__init__.py`` of an installed package, found without importing it."""
    for folder in sys.path:
        candidate = os.path.join(folder or ".", name, "__init__.py")
        if os.path.isfile(candidate):
            return candidate
    return None


def code_stamp() -> str:
    """What the checking code is: changes whenever a check could give another result.

    Returns:
        A text made of Podium's and Python's versions and the size and
        modification time of each module the checks run (worked out once
        per process).
    """
    global _code
    if _code is None:
        parts = [__version__, sys.version]
        for folder in _CODE_DIRS:
            try:
                names = sorted(os.listdir(folder))
            except OSError:
                names = []
            parts += [_stamp(folder / name) for name in names if name.endswith(".py")]
        parts += [_stamp(path) for path in _CODE_FILES]
        for library in _LIBRARIES:
            found = _library_init(library)
            parts.append(_stamp(found) if found else f"{library}:-")
        _code = "\n".join(parts)
    return _code


def cache_dir() -> Path:
    """The folder entries are kept in (not created here).

    Returns:
        ``PODIUM_DATA_DIR/cache`` when ``PODIUM_DATA_DIR`` is set (the tests
        stay hermetic), else Podium's user cache folder.
    """
    override = os.environ.get("PODIUM_DATA_DIR")
    if override:
        return Path(override) / "cache"
    from platformdirs import user_cache_path

    return user_cache_path("podium", appauthor=False)


def _entry_path(kind: str, name: str) -> Path:
    return cache_dir() / f"{kind}-{deck_key(name, digits=24)}.msgpack"


def read_source(name: str) -> bytes | None:
    """The bytes of the file ``name``, or None when it cannot be read as a whole.

    None (missing, a folder, unreadable, too big) means: let the checker
    read the file, so its problem is worded as always.
    """
    try:
        with open_regular(name) as handle:
            data = handle.read(MAX_SOURCE_BYTES + 1)
    except (OSError, ValueError):
        return None
    return data if len(data) <= MAX_SOURCE_BYTES else None


def read_private(path: Path) -> bytes | None:
    """The content of a file in the cache folder, if this user wrote it.

    Returns:
        The bytes; None when the file is missing, unreadable, not a regular
        file, owned by another user or writable by others (never trusted).
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError:
        return None
    try:
        info = os.fstat(descriptor)
        if (
            not stat.S_ISREG(info.st_mode)
            or info.st_uid != os.getuid()
            or info.st_mode & 0o022
            or info.st_size > 4 * MAX_SOURCE_BYTES
        ):
            return None  # not a file this user wrote: ignore it
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            return handle.read()
    except OSError:
        return None
    finally:
        os.close(descriptor)


def write_private(path: Path, data: bytes) -> None:
    """Replace a file in the cache folder (``0600``, its folders ``0700``).

    Never raises: a cache that cannot be written only costs the next start.
    """
    try:
        make_private_dirs(path.parent)
        write_atomically(path, data, PRIVATE_FILE_MODE)
    except OSError:
        return
    prune(path.parent, keep=path)


def mark_used(path: Path) -> None:
    """Note that a start used the entry ``path``, so :func:`prune` keeps it. Never raises.

    Its modification time is set to now when it is older than half of
    :data:`MAX_ENTRY_AGE` (so a start writes nothing most of the time).
    """
    try:
        if time.time() - os.stat(path).st_mtime > MAX_ENTRY_AGE / 2:
            os.utime(path)
    except OSError:
        pass


def prune(folder: Path, keep: Path | None = None, now: float | None = None) -> None:
    """Remove stale entries from the cache folder. Never raises.

    An entry is a regular file this user owns whose name this cache gives
    (``deck-``, ``theme-``, ``css-``); other files are left alone. Entries
    last used (written, or read by a start: :func:`touch`) more than
    :data:`MAX_ENTRY_AGE` seconds ago go; then, while more than
    :data:`MAX_ENTRIES` remain, the least recently used go.

    Args:
        folder: The cache folder.
        keep: An entry never removed (the one just written).
        now: The time to count ages from (seconds since the epoch; default now).
    """
    now = time.time() if now is None else now
    try:
        names = [name for name in os.listdir(folder) if name.startswith(_ENTRY_PREFIXES)]
    except OSError:
        return
    used: list[tuple[float, Path]] = []
    for name in names:
        path = folder / name
        try:
            info = os.lstat(path)
        except OSError:
            continue
        if stat.S_ISREG(info.st_mode) and info.st_uid == os.getuid() and path != keep:
            used.append((info.st_mtime, path))
    used.sort()
    room = MAX_ENTRIES - (1 if keep is not None else 0)
    for count, (mtime, path) in enumerate(used):
        if now - mtime > MAX_ENTRY_AGE or len(used) - count > room:
            try:
                path.unlink()
            except OSError:
                pass


def lookup(kind: str, name: str, source: bytes, type_: type[T]) -> T | None:
    """The kept result of checking ``source``, read from ``name``, if there is one.

    Args:
        kind: What the file is (``deck``, ``theme``): entries of each are apart.
        name: The file as it was named; the entry must have been made for
            the same name.
        source: The file's bytes, just read.
        type_: The result's type (decoded and type-checked by msgspec).

    Returns:
        The result kept for exactly these bytes, this name and this code,
        or None.
    """
    path = _entry_path(kind, name)
    data = read_private(path)
    if data is None:
        return None
    try:
        entry = msgspec.msgpack.decode(data, type=_Entry)
        if entry.source != source or entry.name != name or entry.code != code_stamp():
            return None
        value = msgspec.msgpack.decode(entry.value, type=type_)
    except (msgspec.DecodeError, ValueError, TypeError):
        return None
    mark_used(path)
    return value


def keep(kind: str, name: str, source: bytes, value: Any) -> None:
    """Keep the result of a clean check of ``source`` (read from ``name``).

    Never raises: a cache that cannot be written only costs the next start
    its check.

    Args:
        kind: What the file is (``deck``, ``theme``).
        name: The file as it was named.
        source: The bytes that were checked.
        value: The result (msgpack-encodable: a msgspec struct, a dict ...).
    """
    try:
        entry = _Entry(code_stamp(), name, source, msgspec.msgpack.encode(value))
        data = msgspec.msgpack.encode(entry)
    except (TypeError, ValueError):
        return
    write_private(_entry_path(kind, name), data)


def library_stamp(name: str, *modules: str) -> str:
    """What an installed library is, found without importing it: changes when it does.

    Args:
        name: The package (``textual``).
        modules: Module files inside it, relative (``css/parse.py``), whose
            size and modification time are part of the stamp too.

    Returns:
        A text of Python's version and the stamps of those files.
    """
    found = _library_init(name)
    if found is None:
        return f"{name}:-"
    folder = os.path.dirname(found)
    files = [found, *(os.path.join(folder, module) for module in modules)]
    return "\n".join([sys.version, *(_stamp(path) for path in files)])


def forget_code_stamp() -> None:
    """Work the code stamp out again on next use (for tests that change the code)."""
    global _code
    _code = None
