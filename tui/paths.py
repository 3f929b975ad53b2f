"""Where Podium finds its bundled files (default deck, themes) and user data.

The default deck and themes sit at the top of the source tree and are copied
into ``tui/data/`` by the wheel build (see ``pyproject.toml``). An editable
install or a source checkout has no copy of them in ``tui/data/``, so each
lookup falls back to the source tree. The deck's JSON Schema is kept in
``tui/data/`` itself.

Everything Podium writes under the user data folder is private to the user:
folders it creates are mode ``0700`` (:func:`make_private_dirs`), files
``0600`` (:func:`create_file`, :func:`write_atomically`), whatever the umask
says. Only a vote store the presenter asks to share (``--shared-store``) is
group-writable; see :mod:`tui.polls.access`.

Files kept per deck are named by one key (:func:`deck_key`) derived from one
identity of the deck (:func:`deck_identity`, its resolved path), whatever
way the deck was named on the command line.
"""

from __future__ import annotations

import os
from pathlib import Path

from tui.digest import sha256_hex

PRIVATE_DIR_MODE = 0o700
"""Mode of the folders Podium creates: only their owner may enter them."""

PRIVATE_FILE_MODE = 0o600
"""Mode of the files Podium creates: only their owner may read or write them."""

_PACKAGE = Path(__file__).resolve().parent
_DATA = _PACKAGE / "data"
_SOURCE_TREE = _PACKAGE.parent


def bundled_deck() -> Path:
    """Path of the default deck shipped with Podium (``slides.yaml``)."""
    packaged = _DATA / "slides.yaml"
    return packaged if packaged.is_file() else _SOURCE_TREE / "slides.yaml"


def bundled_themes_dir() -> Path:
    """Folder of the theme files shipped with Podium (``themes/``)."""
    packaged = _DATA / "themes"
    return packaged if packaged.is_dir() else _SOURCE_TREE / "themes"


def bundled_schema() -> Path:
    """Path of the deck format's JSON Schema shipped with Podium (``podium schema``).

    Kept in the package itself (``tui/data/deck.schema.json``), so a source
    checkout, an editable install and a wheel all have it at this path.
    """
    return _DATA / "deck.schema.json"


def bundled_starter_deck() -> Path:
    """Path of the starter deck that ``podium new`` copies (``tui/data/starter.yaml``)."""
    return _DATA / "starter.yaml"


def user_data_dir() -> Path:
    """Podium's per-user data folder (votes, rehearsals), not created here.

    ``PODIUM_DATA_DIR`` overrides it, which the tests use to stay hermetic.
    """
    import os

    override = os.environ.get("PODIUM_DATA_DIR")
    if override:
        return Path(override)
    from platformdirs import user_data_path

    return user_data_path("podium", appauthor=False)


def deck_identity(deck_path: str | os.PathLike[str]) -> str:
    """The one name of a deck file: its resolved absolute path.

    The same for every way of naming the deck (relative, through a symbolic
    link). The rehearsal store records it; :func:`deck_key` hashes it.

    Args:
        deck_path: The deck file, relative or absolute.

    Returns:
        ``os.path.realpath`` of the path.
    """
    return os.path.realpath(os.fspath(deck_path))


def deck_key(deck_path: str | os.PathLike[str], *, digits: int = 16) -> str:
    """A file-name-safe key for a deck: the same for every way of naming it.

    Every per-deck file name uses it: the audience view's state and lock files
    (16 digits) and vote store files (12 digits, as they always had; see
    :data:`tui.polls.store.STORE_KEY_DIGITS`). Both are the start of the same
    digest, so existing files keep their names.

    Args:
        deck_path: The deck file, relative or absolute.
        digits: How many hex digits to keep (at most 64).

    Returns:
        The first ``digits`` hex digits of the SHA-256 of
        :func:`deck_identity` (encoded as the file system encodes names).
    """
    return sha256_hex(os.fsencode(deck_identity(deck_path)))[:digits]


def make_private_dirs(folder: Path, mode: int = PRIVATE_DIR_MODE) -> list[Path]:
    """Create ``folder`` and any missing parents with exactly ``mode``.

    Folders that already exist are left as they are. A new folder gets
    ``mode`` whatever the umask (``mkdir`` alone would apply it).

    Args:
        folder: The folder wanted.
        mode: Permission bits of each folder created (default ``0700``).

    Returns:
        The folders created, outermost first.

    Raises:
        OSError: A folder could not be created (or is a file).
    """
    missing: list[Path] = []
    current = folder
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    created: list[Path] = []
    for each in reversed(missing):
        try:
            each.mkdir(mode=mode)
        except FileExistsError:
            continue  # another process made it at the same moment
        os.chmod(each, mode)
        created.append(each)
    if not folder.is_dir():
        raise NotADirectoryError(f"{folder} is not a folder")
    return created


def create_file(path: Path, mode: int = PRIVATE_FILE_MODE) -> bool:
    """Create ``path`` empty with exactly ``mode`` if it does not exist.

    The mode is set on the open descriptor before anything is written, so
    no other user can open the file in between, whatever the umask.

    Args:
        path: The file; its folder must exist.
        mode: Permission bits (default ``0600``).

    Returns:
        True when this call created the file, False when it existed.

    Raises:
        OSError: The file could not be created.
    """
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        descriptor = os.open(path, flags | getattr(os, "O_CLOEXEC", 0), mode & 0o600)
    except FileExistsError:
        return False
    try:
        os.fchmod(descriptor, mode)
    finally:
        os.close(descriptor)
    return True


def write_atomically(path: Path, data: bytes, mode: int = PRIVATE_FILE_MODE) -> None:
    """Replace ``path`` with ``data`` so that readers see the old file or the new one.

    The bytes go to a temporary file next to ``path`` (created with
    ``mode``, set on the descriptor before anything is written, whatever the
    umask), which then takes ``path``'s place with ``os.replace``. Not
    flushed to disk: this is for state that is rewritten often and rebuilt
    after a crash (the audience view's state, the presenters' announcements).

    Args:
        path: The file; its folder must exist.
        data: The new content.
        mode: Permission bits (default ``0600``).

    Raises:
        OSError: The file could not be written; ``path`` is unchanged and
            no temporary file is left behind.
    """
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC | getattr(os, "O_NOFOLLOW", 0)
    try:
        descriptor = os.open(temporary, flags, mode & 0o600)
        try:
            os.fchmod(descriptor, mode)  # a stale temporary file may have had another mode
            view = memoryview(data)
            while view:
                view = view[os.write(descriptor, view) :]
        finally:
            os.close(descriptor)
        os.replace(temporary, path)
    except OSError:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def narrow_dir(folder: Path) -> bool:
    """Take write access to ``folder`` away from other users, if it is ours.

    For folders only Podium writes in (``audience/``, ``votes/presenters/``): another user who could
    write there could put files in it that Podium trusts.

    Args:
        folder: An existing folder.

    Returns:
        True when its mode was changed.
    """
    try:
        info = folder.stat()
        if info.st_uid != os.geteuid() or not info.st_mode & 0o022:
            return False
        os.chmod(folder, info.st_mode & 0o7755)
    except OSError:
        return False
    return True


def readonly_sqlite_uri(path: Path) -> str:
    """An SQLite URI that opens ``path`` without writing anything at all.

    ``mode=ro`` alone still creates ``-wal`` and ``-shm`` files next to a
    database in WAL mode when no other process has it open; then (no
    ``-wal`` file means no writer) the file is opened ``immutable``, which
    reads nothing but the file's bytes. The same when the folder cannot be
    written and there is no ``-shm`` file to share.

    Args:
        path: An existing file.

    Returns:
        ``file:...?mode=ro``, with ``&immutable=1`` when needed.

    Raises:
        OSError: The file cannot be read.
    """
    with open(path, "rb") as file:
        header = file.read(20)
    wal_mode = len(header) == 20 and header[18] == 2 and header[19] == 2
    wal = os.path.exists(f"{path}-wal")
    shm = os.path.exists(f"{path}-shm")
    folder_writable = os.access(path.parent, os.W_OK | os.X_OK)
    immutable = wal_mode and (not wal or (not shm and not folder_writable))
    return f"{path.resolve().as_uri()}?mode=ro" + ("&immutable=1" if immutable else "")
