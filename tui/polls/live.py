"""Finding the live presentation: who votes, where, and whether it still runs.

No network is involved. The presenter announces the store it presents from
in a small file in the user's data folder (:func:`announce`), so that
``podium vote`` typed by the same user finds it with no arguments; other
users name a shared store with ``--store PATH``. Imports neither Textual
nor SQLite.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
import shlex
import socket
from pathlib import Path

LIVE_FILE = "live.json"
"""Name of the announcement file, in ``<user data dir>/votes/``."""


def presenter_tag() -> tuple[int, str]:
    """``(process id, host name)`` identifying this process as a presenter."""
    return os.getpid(), socket.gethostname()


def is_alive(pid: int | None, host: str | None) -> bool:
    """Whether the presenter process ``pid`` on ``host`` still runs.

    Args:
        pid: Its process id, or None (no presenter).
        host: Its host name; a process on another host is assumed alive
            (its store is on a shared disk and it cannot be asked).

    Returns:
        False when there is no presenter or its process has gone.
    """
    if pid is None:
        return False
    if host is not None and host != socket.gethostname():
        return True
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
        name: A name given with ``--voter``; used as is when not blank.

    Returns:
        ``name``, else ``<login>@<terminal>``, e.g. ``alice@pts/3``: two
        people sharing one Unix account in two SSH sessions (or two tmux
        panes) are two voters, and voting again in the same terminal
        replaces the earlier vote. Without a terminal, an SSH session is
        told apart by its connection (``alice@ssh-1a2b3c``).
    """
    if name is not None and name.strip():
        return name.strip()
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
        where = "ssh-" + hashlib.sha256(" ".join(ssh[:2]).encode()).hexdigest()[:6]
    else:
        where = "no-terminal"
    return f"{login}@{where}"


def vote_command(store_path: Path, default_path: Path) -> str:
    """The command the audience types to vote, shown on the poll slide.

    Args:
        store_path: The store the presenter uses.
        default_path: The store ``podium vote`` finds by itself (the
            deck's store in the presenter's data folder).

    Returns:
        ``podium vote`` for the presenter's own store, else ``podium vote
        --store PATH`` with the path quoted for a shell.
    """
    if store_path.resolve() == default_path.resolve():
        return "podium vote"
    return f"podium vote --store {shlex.quote(str(store_path.resolve()))}"


def _live_file() -> Path:
    from tui.paths import user_data_dir

    return user_data_dir() / "votes" / LIVE_FILE


def announce(store_path: Path) -> None:
    """Record that this process presents from ``store_path`` now.

    Best effort: a folder that cannot be written only means ``podium vote``
    needs ``--store``.

    Args:
        store_path: The store the presenter uses.
    """
    pid, host = presenter_tag()
    target = _live_file()
    record = {"store": str(store_path.resolve()), "pid": pid, "host": host}
    temporary = target.with_name(f".{LIVE_FILE}.{pid}")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(json.dumps(record), encoding="utf-8")
        os.replace(temporary, target)
    except OSError:
        temporary.unlink(missing_ok=True)


def withdraw() -> None:
    """Remove this process's announcement, if it is still the current one."""
    target = _live_file()
    record = _read(target)
    if record is not None and (record.get("pid"), record.get("host")) == presenter_tag():
        try:
            target.unlink()
        except OSError:
            pass


def live_store() -> Path | None:
    """The store of the presentation this user is giving now.

    Returns:
        The announced store when its presenter still runs, else None.
    """
    record = _read(_live_file()) or {}
    store, pid, host = record.get("store"), record.get("pid"), record.get("host")
    if not isinstance(store, str) or not isinstance(pid, int):
        return None
    if not is_alive(pid, host if isinstance(host, str) else None):
        return None
    return Path(store)


def _read(path: Path) -> dict[str, object] | None:
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) else None
