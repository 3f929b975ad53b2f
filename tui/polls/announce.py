"""Announcing the live presentation: which store a presenter presents from now.

No network is involved. Each presenter announces the store it presents from
in a small file of its own in the user's data folder (:func:`announce`,
``votes/presenters/<host>-<pid>.json``, private to the user), so that ``podium
vote`` typed by the same user finds it with no arguments, and finds every
talk when two are given at once (:func:`tui.polls.talks.live_presentations`);
other users name a shared store with ``--store PATH``.

While it announces, the presenter holds the lock ``<host>-<pid>.lock`` next
to its announcement (:mod:`tui.locks`, the same kind of lock the audience view's publisher
uses), so whether it still runs is told by that lock
(:func:`tui.polls.talks.is_alive`), not by its process id, which the system
hands out again after it ends. The voter's side (finding the talks, who
votes) is :mod:`tui.polls.talks`, which a presenter never imports. Imports
neither Textual nor SQLite; the announcements are JSON written with msgspec
(which the presenter has loaded already; :mod:`json` would add its own
modules).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import msgspec

from tui import locks
from tui.polls.naming import presenter_tag as presenter_tag
from tui.polls.naming import vote_command as vote_command

if TYPE_CHECKING:
    from tui.deck.model import Deck

PRESENTERS_DIR = "presenters"
"""Folder of the presenters' announcements, in ``<user data dir>/votes/``."""


def _live_dir() -> Path:
    from tui.paths import user_data_dir

    return user_data_dir() / "votes" / PRESENTERS_DIR


def _own_file() -> Path:
    pid, host = presenter_tag()
    return _lock_file(pid, host).with_suffix(".json")


def _lock_file(pid: int, host: str) -> Path:
    """The lock a presenter ``pid`` on ``host`` holds while it announces."""
    safe_host = "".join(c if c.isalnum() or c in "-._" else "_" for c in host)
    return _live_dir() / f"{safe_host}-{pid}.lock"


_held: tuple[Path, int] | None = None
"""This process's presenter lock and the descriptor holding it, while it announces."""


def announce(store_path: Path, deck: Deck | None = None) -> None:
    """Record that this process presents from ``store_path`` now.

    Best effort: a folder that cannot be written only means ``podium vote``
    needs ``--store``. The file, its lock (held until :func:`withdraw` or
    the end of the process) and the folders made for them are private to
    the user (``0600``, ``0700``).

    Args:
        store_path: The store the presenter uses.
        deck: The deck presented, named to voters when several talks run.
    """
    from tui.paths import deck_identity, make_private_dirs, write_atomically

    global _held
    pid, host = presenter_tag()
    target = _own_file()
    record = {
        "store": str(store_path.resolve()),
        "pid": pid,
        "host": host,
        "deck": deck_identity(deck.source) if deck is not None and deck.source else "",
        "title": deck.title if deck is not None else "",
    }
    try:
        make_private_dirs(target.parent)
        lock = _lock_file(pid, host)
        if _held is not None and _held[0] != lock:  # the data folder changed
            locks.release(_held[1])
            _held = None
        if _held is None:
            descriptor = locks.hold(lock)
            _held = (lock, descriptor) if descriptor is not None else None
        write_atomically(target, msgspec.json.encode(record))
    except OSError:
        pass


def withdraw() -> None:
    """Remove this process's announcement and let go of its lock."""
    global _held
    pid, host = presenter_tag()
    for path in (_own_file(), _lock_file(pid, host)):
        try:
            path.unlink()
        except OSError:
            pass
    if _held is not None:
        locks.release(_held[1])
        _held = None
