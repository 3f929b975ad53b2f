"""Wake up when files in a folder change: the kernel's directory notification.

On Linux the kernel tells us through "dnotify": ``fcntl(fd, F_NOTIFY, ...)``
on an ``O_RDONLY | O_DIRECTORY | O_CLOEXEC`` fd of the folder makes it send
the process ``SIGIO`` when something in the folder is written, created,
removed or renamed. No polling, no CPU while nothing happens, a change seen
within a millisecond or so, and no ``ctypes`` (which inotify would need: its
import and libc cost 350 kB of memory). Elsewhere (no ``fcntl.F_NOTIFY``:
macOS, other systems) or when any step fails, :meth:`FolderWatcher.start`
returns False and the caller polls ``os.stat`` instead. Imports no Textual.

The rules this module keeps (tests/unit/test_folder_watch.py checks them):

- The signal. One Python-level ``SIGIO`` handler, installed with
  :func:`signal.signal` from the main thread BEFORE the first ``F_NOTIFY``,
  serves every watcher (the deck's folder, the theme's, the audience's). It
  does no work: it only wakes the event loops of the watchers
  (``loop.call_soon_threadsafe``), once until they have looked. It is never
  taken away again: ``SIGIO``'s default action ends the process, and a signal
  may still be on its way after the last folder fd is closed. When someone
  else has a ``SIGIO`` handler (a callable we did not install, or one set from
  C), :meth:`FolderWatcher.start` refuses (False: the caller polls) and
  leaves it alone. Textual, :mod:`tui.terminal` and asyncio use other signals
  (quit signals, ``SIGWINCH``, ``SIGTSTP``/``SIGCONT`` and asyncio's wake-up
  fd); asyncio's loop reads a ``SIGIO`` byte on that fd and ignores it.
- The thread. Each folder fd's owner is set to the main thread
  (``F_SETOWN_EX``, ``F_OWNER_TID``), where Python runs signal handlers and
  Podium's event loop waits: the signal interrupts that wait at once, and the
  other threads (Textual's input and output threads) are not interrupted.
  Where that is refused the kernel picks a thread: Python's calls retry on
  ``EINTR`` in any thread (PEP 475; Textual's input thread waits in
  ``select`` and ``os.read``), SQLite retries its own, and the signal still
  wakes the app's loop through asyncio's wake-up fd (:mod:`tui.terminal`
  handles ``SIGCONT`` on the loop, which sets it).
- One signal per look. A notification is one-shot: the kernel sends one
  ``SIGIO`` and then nothing until the watcher looks and arms it again
  (before taking the stamps, so a change after them signals). However fast
  a folder is written, a watcher takes at most one signal per look, never
  one per write (a flood of signals would keep the app's thread busy).
- Coalescing. Standard signals coalesce: one ``SIGIO`` may stand for many
  changes in many folders, and dnotify does not say which file changed. After
  waking, every watcher compares the stamps (inode, size, modification time)
  of what it watches with those it took before and reports the names that
  differ: at once, :data:`LOOKS_PER_GAP` times in a row (an editor's save is
  a write and a rename), then at most that often per :data:`GAP_SECONDS`
  while writes keep coming (a tool appending to a file in the folder costs a
  few looks per gap, no more).
- Stamps that cannot tell. File times come from a clock that ticks every few
  ms: a stamp taken within :data:`RACY_NS` of its file's modification time
  would not change for a second write of the same size in the same tick. Such
  a name is reported at the next wake even with an equal stamp (its callers
  read it again: cheap), and the stamps are taken again, without reporting,
  :data:`SETTLE_SECONDS` later, after any look a signal asked for.
- Stopping closes the fd (which ends the kernel's notification); the fd is
  ``O_CLOEXEC``, so no child process inherits it.
"""

from __future__ import annotations

import asyncio
import os
import signal
import struct
import threading
import time
from collections import deque
from collections.abc import Callable, Collection
from pathlib import Path

try:
    import fcntl
except ImportError:  # not a POSIX system
    fcntl = None  # type: ignore[assignment]

# What callers ask to hear, by inotify's names and values (their masks predate
# dnotify); :func:`_dnotify_mask` turns them into dnotify's.
IN_CLOSE_WRITE = 0x00000008
IN_MOVED_FROM = 0x00000040
IN_MOVED_TO = 0x00000080
IN_CREATE = 0x00000100
IN_DELETE = 0x00000200
WATCHED = IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE

GAP_SECONDS = 0.02
LOOKS_PER_GAP = 4
"""While changes keep coming, the watchers of a loop look at most this many times
in :data:`GAP_SECONDS`; each of the first at once."""

RACY_NS = 20_000_000
"""File times come from a clock that ticks every 1-10 ms: a file modified this
close (ns) before its stamp was taken may change again without its stamp changing."""

SETTLE_SECONDS = GAP_SECONDS + RACY_NS / 1e9
"""After a look that took a stamp too fresh to tell, it is taken again this much later
(after any look a signal asked for in between: that one reports such a name)."""

_F_SETOWN_EX = 15  # <fcntl.h> on every Linux architecture; not in Python's fcntl
_F_OWNER_TID = 0
_OWNER = struct.Struct("ii")  # struct f_owner_ex {int type; pid_t pid;}

Stamp = tuple[int, int, int]
"""A folder entry's (inode, size, modification time in ns), not following links."""


def _dnotify_mask(mask: int) -> int:
    assert fcntl is not None
    dn = 0
    if mask & IN_CLOSE_WRITE:
        dn |= fcntl.DN_MODIFY
    if mask & (IN_MOVED_FROM | IN_MOVED_TO):
        dn |= fcntl.DN_RENAME
    if mask & IN_CREATE:
        dn |= fcntl.DN_CREATE
    if mask & IN_DELETE:
        dn |= fcntl.DN_DELETE
    return dn  # one-shot: armed again at each look (see the module)


# -- the one SIGIO handler -----------------------------------------------------

_watching: list[FolderWatcher] = []
"""The started watchers, in start order."""

_woken: set[asyncio.AbstractEventLoop] = set()
"""Loops told to look and not yet looking (the handler tells each once)."""


def _on_sigio(signum: int, frame: object) -> None:
    """Runs in the main thread between two bytecodes: wakes the loops, nothing more."""
    for watcher in tuple(_watching):
        loop = watcher._loop
        if loop is None or loop in _woken:
            continue
        _woken.add(loop)
        try:
            loop.call_soon_threadsafe(_woken_up, loop)
        except RuntimeError:  # closed: its watchers can hear nothing more
            _woken.discard(loop)


def _handler_ready() -> bool:
    """Install :func:`_on_sigio` unless someone else handles ``SIGIO``.

    Returns:
        True when ours is the handler now.
    """
    current = signal.getsignal(signal.SIGIO)
    if current is _on_sigio:
        return True
    if current not in (signal.SIG_DFL, signal.SIG_IGN):
        return False  # someone else's (or set outside Python): leave it alone
    try:
        signal.signal(signal.SIGIO, _on_sigio)
    except (ValueError, OSError):  # not the main thread
        return False
    return True


_recent: dict[asyncio.AbstractEventLoop, deque[float]] = {}
"""When each loop's watchers looked last (the last :data:`LOOKS_PER_GAP` times)."""
_look_later: dict[asyncio.AbstractEventLoop, asyncio.TimerHandle] = {}


def _woken_up(loop: asyncio.AbstractEventLoop) -> None:
    """On ``loop``: look at once, or once the gap after the oldest recent look ends."""
    _woken.discard(loop)  # before looking: a signal from now on wakes again
    if loop in _look_later:
        return  # a look is due
    recent = _recent.get(loop)
    wait = 0.0
    if recent is not None and len(recent) == LOOKS_PER_GAP:
        wait = recent[0] + GAP_SECONDS - loop.time()
    if wait > 0:
        _look_later[loop] = loop.call_later(wait, _look, loop)
    else:
        _look(loop)


def _look(loop: asyncio.AbstractEventLoop) -> None:
    _look_later.pop(loop, None)
    _recent.setdefault(loop, deque(maxlen=LOOKS_PER_GAP)).append(loop.time())
    for watcher in tuple(_watching):
        if watcher._loop is loop:
            watcher._look()


def _forget(loop: asyncio.AbstractEventLoop) -> None:
    """``loop`` has no watchers left."""
    _recent.pop(loop, None)
    later = _look_later.pop(loop, None)
    if later is not None:
        later.cancel()


# -- one folder ------------------------------------------------------------------


def _stamp_of(info: os.stat_result) -> Stamp:
    return (info.st_ino, info.st_size, info.st_mtime_ns)


class FolderWatcher:
    """Calls ``changed(name)`` when a file in ``folder`` is written or replaced.

    Args:
        folder: An existing folder.
        changed: Called on the event loop with the file's name (not path);
            ``None`` when the folder cannot be read any more (removed) and
            everything should be re-read.
        mask: What to hear, as inotify's ``IN_*`` flags (default
            :data:`WATCHED`): writes, renames, creations, removals.
        names: When given, called for the names that matter (the only ones
            looked at and reported); else every entry of the folder is.
    """

    def __init__(
        self,
        folder: Path,
        changed: Callable[[str | None], None],
        *,
        mask: int = WATCHED,
        names: Callable[[], Collection[str]] | None = None,
    ) -> None:
        self.folder = folder
        self._changed = changed
        self._mask = mask
        self._names = names
        self._fd: int | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stamps: dict[str, Stamp] = {}
        self._asked: frozenset[str] = frozenset()
        self._taken = 0
        self._settle: asyncio.TimerHandle | None = None

    @property
    def watching(self) -> bool:
        """Whether the kernel still tells us about ``folder`` (the same folder is there)."""
        if self._fd is None:
            return False
        try:
            now, was = os.stat(self.folder), os.fstat(self._fd)
        except OSError:
            return False
        return (now.st_dev, now.st_ino) == (was.st_dev, was.st_ino)

    def start(self) -> bool:
        """Start watching on the running event loop (called in the main thread).

        Returns:
            False when the kernel cannot tell us here (poll instead).
        """
        if self._fd is not None:
            return True
        if fcntl is None or not hasattr(fcntl, "F_NOTIFY"):
            return False
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return False
        if not _handler_ready():  # before any F_NOTIFY: SIGIO's default ends the process
            return False
        try:
            fd = os.open(self.folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        except OSError:
            return False
        try:
            fcntl.fcntl(fd, fcntl.F_NOTIFY, _dnotify_mask(self._mask))
        except OSError:
            os.close(fd)
            return False
        try:
            owner = _OWNER.pack(_F_OWNER_TID, threading.main_thread().native_id)
            fcntl.fcntl(fd, _F_SETOWN_EX, owner)
        except (OSError, OverflowError):
            pass  # the kernel picks a thread: slower to wake, still correct
        self._fd, self._loop = fd, loop
        self._stamps = self._take() or {}
        _watching.append(self)
        self._settle_later()
        return True

    def stop(self) -> None:
        """Stop watching (safe to call twice). ``SIGIO`` stays handled."""
        if self._fd is None:
            return
        os.close(self._fd)
        self._fd = None
        if self._settle is not None:
            self._settle.cancel()
            self._settle = None
        if self in _watching:
            _watching.remove(self)
        loop = self._loop
        if loop is not None and not any(each._loop is loop for each in _watching):
            _forget(loop)

    def names_changed(self) -> None:
        """``names`` answers differently now: a new name is heard from now on."""
        if self._fd is None or self._names is None:
            return
        asked = frozenset(self._names())
        for name in asked - self._asked:
            try:
                self._stamps[name] = _stamp_of(os.lstat(self.folder / name))
            except OSError:
                pass
        for name in self._asked - asked:
            self._stamps.pop(name, None)
        self._asked = asked
        self._settle_later()

    def _take(self) -> dict[str, Stamp] | None:
        """The stamps of what is watched now; None when the folder cannot be read.

        A name asked about but missing is in :attr:`_asked`, not in the stamps.
        """
        self._taken = time.time_ns()
        stamps: dict[str, Stamp] = {}
        if self._names is not None:
            self._asked = frozenset(self._names())
            for name in self._asked:
                try:
                    stamps[name] = _stamp_of(os.lstat(self.folder / name))
                except OSError:
                    pass
            return stamps
        try:
            with os.scandir(self.folder) as entries:
                for entry in entries:
                    try:
                        stamps[entry.name] = _stamp_of(entry.stat(follow_symlinks=False))
                    except OSError:
                        pass
        except OSError:
            return None
        return stamps

    def _look(self, woken: bool = True) -> None:
        """Report what changed, on the loop.

        Args:
            woken: True after a signal (a name whose stamp cannot tell is
                reported); False for the look that settles such stamps.
        """
        if self._fd is None:
            return
        try:  # armed again before the stamps are taken: a change after them signals
            fcntl.fcntl(self._fd, fcntl.F_NOTIFY, _dnotify_mask(self._mask))
        except OSError:
            pass  # the folder went away: the stamps below say so
        before, taken, asked = self._stamps, self._taken, self._asked
        now = self._take()
        if now is None:
            self._stamps = {}
            self._changed(None)
            return
        self._stamps = now
        racy = taken - RACY_NS
        names = before.keys() | now.keys()
        if self._names is not None:  # a name asked about just now has no "before"
            names = {name for name in names if name in asked and name in self._asked}
        for name in sorted(names):
            stamp = now.get(name)
            if stamp != before.get(name) or (woken and stamp is not None and stamp[2] >= racy):
                if self._fd is None:
                    return  # stopped by the last call
                self._changed(name)
        self._settle_later()

    def _settle_later(self) -> None:
        """Take the stamps again once none is too fresh to tell a change."""
        fresh = self._taken - RACY_NS
        if self._settle is None and any(stamp[2] >= fresh for stamp in self._stamps.values()):
            assert self._loop is not None
            self._settle = self._loop.call_later(SETTLE_SECONDS, self._settled)

    def _settled(self) -> None:
        self._settle = None
        loop = self._loop
        if loop in _woken or loop in _look_later:
            self._settle_later()  # a look that reports is due: it comes first
        else:
            self._look(woken=False)
