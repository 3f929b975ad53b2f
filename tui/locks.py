"""Is the presenter still running? One answer: a lock it holds while it runs.

A running presenter holds an exclusive ``flock`` on a lock file of its own
(:func:`hold`); the kernel drops the lock when the process ends in any way
(quit, crash, ``kill -9``), so whoever asks (:func:`is_held`) learns whether
that presenter is still running, with no heartbeat and no trust in process
ids, which the system hands out again. Two locks use this: the audience view's lock
per deck (:func:`tui.audience.state.lock_path`, for audience views) and each
presenter's lock next to its announcement to voters
(:mod:`tui.polls.announce`). Imports nothing from Podium.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path


def hold(path: Path) -> int | None:
    """Take the exclusive lock on ``path``, creating the file (``0600``) if needed.

    Args:
        path: The lock file; its folder must exist.

    Returns:
        The open descriptor that holds the lock (keep it open while running;
        :func:`release` it, or let the process end), or None when another
        process (or another descriptor) holds the lock already.

    Raises:
        OSError: The lock file could not be opened or created.
    """
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(descriptor)
        return None
    return descriptor


def release(descriptor: int) -> None:
    """Let go of a lock taken with :func:`hold` (closing drops it)."""
    try:
        os.close(descriptor)
    except OSError:
        pass


def is_held(path: Path) -> bool | None:
    """Whether someone holds the exclusive lock on ``path``.

    Args:
        path: A lock file.

    Returns:
        True when a running process holds it (this one included, through
        another descriptor); False when nobody does (the holder quit or
        died); None when there is no such file or it cannot be opened, so
        nothing can be told from it.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        fcntl.flock(descriptor, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:
        return False
    finally:
        os.close(descriptor)  # closing drops the shared lock, if we got it
    return False
