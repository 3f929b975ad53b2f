"""Finding the live presentation: who votes, where, and whether it still runs.

No network is involved. Each presenter announces the store it presents from
in a small file of its own in the user's data folder (:func:`announce`,
``votes/presenters/<host>-<pid>.json``, private to the user), so that ``podium
vote`` typed by the same user finds it with no arguments, and finds every
talk when two are given at once (:func:`live_presentations`); other users
name a shared store with ``--store PATH``.

While it announces, the presenter holds the lock ``<host>-<pid>.lock`` next
to its announcement (:mod:`tui.locks`, the same kind of lock the audience view's publisher
uses), so whether it still runs is told by that lock (:func:`is_alive`), not
by its process id, which the system hands out again after it ends. Imports
neither Textual nor SQLite; the announcements are JSON written and read with
msgspec (which the presenter has loaded already; :mod:`json` would add its
own modules), and :mod:`getpass` comes with the first voter identity.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import msgspec

from tui import locks
from tui.digest import sha256_hex
from tui.polls.naming import presenter_tag as presenter_tag
from tui.polls.naming import vote_command as vote_command

if TYPE_CHECKING:
    from tui.deck.model import Deck

PRESENTERS_DIR = "presenters"
"""Folder of the presenters' announcements, in ``<user data dir>/votes/``."""


class Presentation(NamedTuple):
    """A talk being presented now by this user, as its presenter announced it.

    Attributes:
        store: The vote store it presents from.
        deck: The deck file's absolute path ("" when not announced).
        title: The deck's title ("" when not announced).
        pid: The presenter's process id.
        host: The presenter's host name.
    """

    store: Path
    deck: str
    title: str
    pid: int
    host: str


def is_alive(pid: int | None, host: str | None) -> bool:
    """Whether the presenter process ``pid`` on ``host`` still runs.

    The presenter's lock (:func:`announce`) answers: held means running.
    Only when there is no lock to look at (the presenter is another user,
    whose data folder this user cannot see, or could not write its own)
    is the process table asked instead.

    Args:
        pid: Its process id, or None (no presenter).
        host: Its host name; a process on another host is assumed alive
            (its store is on a shared disk and it cannot be asked).

    Returns:
        False when there is no presenter or it has gone.
    """
    if pid is None:
        return False
    if host is not None and host != socket.gethostname():
        return True
    held = locks.is_held(_lock_file(pid, host or socket.gethostname()))
    if held is not None:
        return held
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process: it exists
    except OSError:
        return False
    return True


def voter_identity(name: str | None = None) -> str:
    """Who is voting: one id per person, stable within one terminal.

    Args:
        name: A name given with ``--voter``; used exactly as given (checked
            by :func:`tui.polls.voters.voter_name_problem`, never stripped).

    Returns:
        ``name``, else ``<login>@<terminal>``, e.g. ``alice@pts/3``: two
        people sharing one Unix account in two SSH sessions (or two tmux
        panes) are two voters, and voting again in the same terminal
        replaces the earlier vote. Without a terminal, an SSH session is
        told apart by its connection (``alice@ssh-1a2b3c``).
    """
    if name is not None:
        return name
    import getpass

    try:
        login = getpass.getuser()
    except (KeyError, OSError):
        login = f"uid{os.getuid()}"
    terminal = None
    for descriptor in (0, 1, 2):
        try:
            terminal = os.ttyname(descriptor)
            break
        except OSError:
            continue
    ssh = os.environ.get("SSH_CONNECTION", "").split()
    if terminal is not None:
        where = terminal.removeprefix("/dev/")
    elif len(ssh) >= 2:
        # Client address and port: unique per SSH connection.
        where = "ssh-" + sha256_hex(" ".join(ssh[:2]).encode())[:6]
    else:
        where = "no-terminal"
    return f"{login}@{where}"


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


def live_presentations() -> list[Presentation]:
    """The talks this user is giving now, one per vote store, by deck path.

    Announcements of presenters that are gone (on this host) are removed.

    Returns:
        The running presentations; two presenters of one store count once.
    """
    found: dict[Path, Presentation] = {}
    try:
        entries = sorted(_live_dir().glob("*.json"))
    except OSError:
        return []
    for path in entries:
        record = _read(path) or {}
        store, pid, host = record.get("store"), record.get("pid"), record.get("host")
        if not isinstance(store, str) or not isinstance(pid, int):
            continue
        host = host if isinstance(host, str) else None
        if not is_alive(pid, host):
            if host == socket.gethostname():
                path.unlink(missing_ok=True)
                path.with_suffix(".lock").unlink(missing_ok=True)
            continue
        deck, title = record.get("deck"), record.get("title")
        found.setdefault(
            Path(store),
            Presentation(
                Path(store),
                deck if isinstance(deck, str) else "",
                title if isinstance(title, str) else "",
                pid,
                host or "",
            ),
        )
    return sorted(found.values(), key=lambda talk: (talk.deck, str(talk.store)))


def live_store() -> Path | None:
    """The store of the presentation this user is giving now, if just one.

    Returns:
        The store when exactly one presentation runs (see
        :func:`live_presentations`), else None: with two or more, the
        voter has to choose (``podium vote DECK``).
    """
    running = live_presentations()
    return running[0].store if len(running) == 1 else None


def _read(path: Path) -> dict[str, object] | None:
    try:
        record = msgspec.json.decode(path.read_bytes())
    except (OSError, ValueError):  # msgspec.DecodeError is a ValueError
        return None
    return record if isinstance(record, dict) else None
