"""Opening a file the user (or the deck) named, without ever blocking on it.

``open()`` on a named pipe waits for a writer, for ever; a character device
(a terminal, ``/dev/zero``) may never end. A deck, a theme, a picture or a
store is a regular file, so :func:`open_regular` opens with ``O_NONBLOCK``
(which never waits), looks at what it opened, refuses anything but a regular
file with :class:`NotRegularFile`, and only then reads as usual. Imports
nothing outside the standard library.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

__all__ = ["NotRegularFile", "describe_kind", "open_regular", "read_regular"]

_KINDS = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


class NotRegularFile(OSError):
    """The path names a named pipe, device or socket, not a regular file.

    ``strerror`` reads ``not a regular file (a named pipe)`` and so on, so a
    caller that words every ``OSError`` as ``cannot read FILE: reason`` says
    the right thing without knowing this class.
    """


def describe_kind(mode: int) -> str:
    """What a file of ``st_mode`` ``mode`` is, for messages ("a named pipe").

    Args:
        mode: ``st_mode`` from ``os.stat``.

    Returns:
        A few words with an article; ``"not a regular file"`` kinds only
        (a regular file or folder gives ``"a special file"``).
    """
    for test, words in _KINDS:
        if test(mode):
            return words
    return "a special file"


def _refuse(path: str | Path, mode: int) -> NotRegularFile:
    return NotRegularFile(errno.EINVAL, f"not a regular file ({describe_kind(mode)})", str(path))


def open_regular(path: str | Path) -> BinaryIO:
    """Open a regular file for reading in binary mode, never blocking.

    Args:
        path: The file, as named by the user or the deck.

    Returns:
        The open file (blocking reads, as with ``open(path, "rb")``).

    Raises:
        IsADirectoryError: The path is a folder (as ``open()`` would).
        NotRegularFile: The path is a named pipe, device or socket.
        OSError: Any other reason it cannot be opened (missing, permission).
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as error:
        if error.errno == errno.ENXIO:  # a socket (or a device with no driver)
            try:
                mode = os.stat(path).st_mode
            except OSError:
                raise error from None
            raise _refuse(path, mode) from None
        raise
    try:
        mode = os.fstat(descriptor).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if not stat.S_ISREG(mode):
            raise _refuse(path, mode)
        os.set_blocking(descriptor, True)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def read_regular(path: str | Path, limit: int = -1) -> bytes:
    """The bytes of a regular file (see :func:`open_regular`).

    Args:
        path: The file.
        limit: Most bytes read; -1 for all.

    Returns:
        The file's first ``limit`` bytes (all of them for -1).

    Raises:
        OSError: As :func:`open_regular`, or a failed read.
    """
    with open_regular(path) as handle:
        return handle.read(limit)
