"""Writing an export's files: whole or not at all, private to the presenter. Imports no Textual."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from tui.paths import PRIVATE_FILE_MODE


def write_file(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all (a temporary file, then a rename).

    The file is private (:data:`tui.paths.PRIVATE_FILE_MODE`, ``0600``), as
    every file Podium writes, whatever the umask: an export may hold the
    speaker notes (``--handout``) and the votes; share it on purpose
    (``chmod``). Also when it replaces an earlier export: ``mkstemp`` makes
    the temporary file ``0600`` before anything is written to it, and that
    file takes the target's place.

    Raises:
        OSError: The folder does not exist or cannot be written.
    """
    folder = path.parent if str(path.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
    try:
        os.fchmod(handle, PRIVATE_FILE_MODE)  # what mkstemp gives, said here
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
