"""Wake up when files in a folder change: inotify where there is one.

On Linux the kernel tells us (inotify through ``ctypes``, read from the event
loop): no polling, no CPU while nothing happens, and a change is seen within
a millisecond or so. Elsewhere :class:`FolderWatcher` reports that it cannot
start and the caller polls ``os.stat`` instead. Imports no Textual.
"""

from __future__ import annotations

import asyncio
import ctypes
import os
import struct
import sys
from collections.abc import Callable
from pathlib import Path

IN_CLOSE_WRITE = 0x00000008
IN_MOVED_FROM = 0x00000040
IN_MOVED_TO = 0x00000080
IN_CREATE = 0x00000100
IN_DELETE = 0x00000200
IN_Q_OVERFLOW = 0x00004000
IN_NONBLOCK = 0o4000
IN_CLOEXEC = 0o2000000
_EVENT = struct.Struct("iIII")
WATCHED = IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE


def _libc() -> ctypes.CDLL | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        # glibc by its name: ctypes.util.find_library runs ldconfig in a child
        # process and loads modules (about 60 kB) to find what this names.
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
    except OSError:
        from ctypes.util import find_library  # another C library (musl ...)

        try:
            libc = ctypes.CDLL(find_library("c"), use_errno=True)
        except OSError:
            return None
    if not (hasattr(libc, "inotify_init1") and hasattr(libc, "inotify_add_watch")):
        return None
    return libc


class FolderWatcher:
    """Calls ``changed(name)`` when a file in ``folder`` is written or replaced.

    Args:
        folder: An existing folder.
        changed: Called on the event loop with the file's name (not path);
            ``None`` when events were lost and everything should be re-read.
        mask: The inotify events to hear (default :data:`WATCHED`).
    """

    def __init__(
        self, folder: Path, changed: Callable[[str | None], None], *, mask: int = WATCHED
    ) -> None:
        self.folder = folder
        self._changed = changed
        self._mask = mask
        self._fd: int | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def start(self) -> bool:
        """Start watching on the running event loop.

        Returns:
            False when inotify is not available here (poll instead).
        """
        libc = _libc()
        if libc is None:
            return False
        fd = libc.inotify_init1(IN_NONBLOCK | IN_CLOEXEC)
        if fd < 0:
            return False
        watch = libc.inotify_add_watch(fd, os.fsencode(self.folder), self._mask)
        if watch < 0:
            os.close(fd)
            return False
        try:
            loop = asyncio.get_running_loop()
            loop.add_reader(fd, self._readable)
        except (RuntimeError, NotImplementedError):
            os.close(fd)
            return False
        self._fd, self._loop = fd, loop
        return True

    def stop(self) -> None:
        """Stop watching (safe to call twice)."""
        if self._fd is None:
            return
        if self._loop is not None and not self._loop.is_closed():
            self._loop.remove_reader(self._fd)
        os.close(self._fd)
        self._fd = None

    def _readable(self) -> None:
        assert self._fd is not None
        try:
            data = os.read(self._fd, 16384)
        except BlockingIOError:
            return
        except OSError:
            self.stop()
            return
        names: list[str | None] = []
        offset = 0
        while offset + _EVENT.size <= len(data):
            _wd, mask, _cookie, length = _EVENT.unpack_from(data, offset)
            raw = data[offset + _EVENT.size : offset + _EVENT.size + length]
            offset += _EVENT.size + length
            if mask & IN_Q_OVERFLOW:
                names.append(None)
                continue
            name = os.fsdecode(raw.rstrip(b"\0"))
            if name not in names:
                names.append(name)
        for changed in names:
            self._changed(changed)
