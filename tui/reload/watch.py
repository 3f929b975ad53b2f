"""Hear that any of a few files was saved, once per burst of saves.

:class:`FilesWatcher` watches the FOLDERS of the files, not the files: an
editor that saves by writing a new file and renaming it over the old one
(vim, VS Code, JetBrains) replaces the file's inode, which a watch on the file
itself would lose, while one that truncates and writes in place closes the
same file. Both show up in the folder as an event for the file's name.

On Linux the kernel tells us (dnotify, :class:`tui.audience.watch.FolderWatcher`,
which compares the stamps of the files named here only): no CPU while nothing
happens. Where the kernel cannot tell us (or a folder cannot be watched, e.g.
it was removed), each file is ``stat``-ed every
:data:`POLL_SECONDS` instead. Events are debounced: the callback runs
:data:`DEBOUNCE_SECONDS` after the last of a burst, and at most
:data:`MAX_WAIT_SECONDS` after the first, so a tool that keeps writing still
gets its changes shown. Plain asyncio; imports no Textual.
"""

from __future__ import annotations

import asyncio
import os
import stat
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path

from tui.audience.watch import (
    IN_CLOSE_WRITE,
    IN_DELETE,
    IN_MOVED_FROM,
    IN_MOVED_TO,
    FolderWatcher,
)

DEBOUNCE_SECONDS = 0.04
"""Quiet time after the last event of a burst before the callback runs."""

MAX_WAIT_SECONDS = 0.2
"""The callback runs at most this long after the first event of a burst."""

POLL_SECONDS = 0.25
"""How often files are ``stat``-ed where the kernel cannot tell us."""

SAVED = IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE
"""The folder events that mean a file was saved, replaced, renamed away or removed.

Not ``IN_CREATE`` or ``IN_MODIFY``: a file is heard once it is complete
(closed after writing, or renamed into place), not half-written.
"""

Stamp = tuple[int, int, int] | None
"""A file's (inode, size, modification time in ns), or None when it is missing."""


def _stamp(path: Path) -> Stamp:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_ino, info.st_size, info.st_mtime_ns)


def _watched_paths(file: str | os.PathLike[str]) -> list[Path]:
    """Where a save of ``file`` shows: its own name and, for a link, the file it names.

    The name as given is always watched: a link replaced by a file (or by a
    link elsewhere) is a save. The file a link names is watched too when it
    is a regular file (an editor saving through the link changes only that);
    never a device's folder, which a link to ``/dev/zero`` would otherwise
    leave watched in place of the deck's own.
    """
    given = Path(os.path.abspath(file))
    paths = [given]
    real = Path(os.path.realpath(given))
    if real != given:
        try:
            regular = stat.S_ISREG(os.stat(real).st_mode)
        except OSError:
            regular = False
        if regular:
            paths.append(real)
    return paths


class FilesWatcher:
    """Calls ``changed()`` once after each burst of saves to the files watched.

    Call :meth:`watch` on the running event loop (again whenever the set of
    files changes, e.g. the deck names another theme file), :meth:`stop` at
    the end.

    Args:
        changed: Called on the event loop, with no arguments.
        debounce: See :data:`DEBOUNCE_SECONDS` (seconds).
        max_wait: See :data:`MAX_WAIT_SECONDS` (seconds).
        poll: See :data:`POLL_SECONDS` (seconds).
    """

    def __init__(
        self,
        changed: Callable[[], None],
        *,
        debounce: float = DEBOUNCE_SECONDS,
        max_wait: float = MAX_WAIT_SECONDS,
        poll: float = POLL_SECONDS,
    ) -> None:
        self._changed = changed
        self._debounce = debounce
        self._max_wait = max_wait
        self._poll_seconds = poll
        self._names: dict[Path, set[str]] = {}
        self._inotify: dict[Path, FolderWatcher] = {}
        self._stamps: dict[Path, Stamp] = {}
        self._poll_handle: asyncio.TimerHandle | None = None
        self._fire_handle: asyncio.TimerHandle | None = None
        self._first: float | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    @property
    def polled(self) -> list[Path]:
        """The files watched by ``stat`` polling (none where the kernel tells us)."""
        return sorted(self._stamps)

    def watch(self, files: Iterable[str | os.PathLike[str]]) -> None:
        """Watch exactly ``files`` from now on (their folders, that is).

        Args:
            files: The files; a missing one is watched for coming back.
        """
        self._loop = asyncio.get_running_loop()
        wanted: dict[Path, set[str]] = {}
        for file in files:
            for path in _watched_paths(file):
                wanted.setdefault(path.parent, set()).add(path.name)
        for folder in list(self._inotify):
            if folder not in wanted or not self._inotify[folder].watching:
                self._inotify.pop(folder).stop()  # not wanted, or removed since
        self._names = wanted
        polled: dict[Path, Stamp] = {}
        for folder, names in wanted.items():
            if folder in self._inotify:
                self._inotify[folder].names_changed()
            else:
                watcher = FolderWatcher(
                    folder,
                    partial(self._heard, folder),
                    mask=SAVED,
                    names=partial(self._names_in, folder),
                )
                if watcher.start():
                    self._inotify[folder] = watcher
            if folder not in self._inotify:
                for name in names:
                    path = folder / name
                    polled[path] = self._stamps.get(path, _stamp(path))
        self._stamps = polled
        if polled and self._poll_handle is None:
            self._poll_handle = self._loop.call_later(self._poll_seconds, self._poll)
        elif not polled and self._poll_handle is not None:
            self._poll_handle.cancel()
            self._poll_handle = None

    def stop(self) -> None:
        """Stop watching (safe to call twice)."""
        for watcher in self._inotify.values():
            watcher.stop()
        self._inotify.clear()
        self._stamps.clear()
        for handle in (self._poll_handle, self._fire_handle):
            if handle is not None:
                handle.cancel()
        self._poll_handle = self._fire_handle = None

    # -- hearing ---------------------------------------------------------------

    def _names_in(self, folder: Path) -> set[str]:
        return self._names.get(folder, set())

    def _heard(self, folder: Path, name: str | None) -> None:
        if name is None or name in self._names.get(folder, ()):
            self._kick()

    def _poll(self) -> None:
        self._poll_handle = None
        moved = False
        for path, before in list(self._stamps.items()):
            now = _stamp(path)
            if now != before:
                self._stamps[path] = now
                moved = True
        if moved:
            self._kick()
        if self._stamps and self._loop is not None:
            self._poll_handle = self._loop.call_later(self._poll_seconds, self._poll)

    def _kick(self) -> None:
        """An event: (re)start the quiet-time countdown, within the burst's deadline."""
        loop = self._loop
        if loop is None or loop.is_closed():
            return
        now = loop.time()
        if self._first is None:
            self._first = now
        if self._fire_handle is not None:
            self._fire_handle.cancel()
        delay = min(self._debounce, max(0.0, self._first + self._max_wait - now))
        self._fire_handle = loop.call_later(delay, self._fire)

    def _fire(self) -> None:
        self._fire_handle = None
        self._first = None
        self._changed()
