"""The talks this user presents now, as a voter finds them.

A presenter announces the store it presents from (:mod:`tui.polls.announce`:
a small file and a lock of its own in the user's data folder); this module
is the voter's side: which presentations run now (:func:`live_presentations`),
whether a presenter still runs (:func:`is_alive`), who votes
(:func:`voter_identity`), and which store ``podium vote`` votes in
(:func:`voter_store_path`). A presenter never needs any of it, so it is a
module of its own that the presenter does not import. Imports neither Textual
nor SQLite; the announcements are read with msgspec, and :mod:`getpass`
comes with the first voter identity.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

import msgspec

from tui import locks
from tui.digest import sha256_hex
from tui.polls.announce import _live_dir, _lock_file


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


class SeveralTalks(Exception):
    """More than one talk is presented now: the voter must say which.

    Args:
        talks: The talks presented now.
    """

    def __init__(self, talks: Sequence[Presentation]) -> None:
        super().__init__(f"{len(talks)} talks")
        self.talks = list(talks)


def voter_store_path(
    store_arg: str | None, deck_arg: str | None, default_deck: Callable[[], Path]
) -> tuple[Path | None, bool]:
    """Which store to vote in, and whether to follow the live presentation.

    Args:
        store_arg: ``--store PATH`` as given, or None.
        deck_arg: DECK as given, or None.
        default_deck: The deck used when none is named and no talk runs.

    Returns:
        ``(path, follow)``: the store (None when no presentation is
        running and none was named) and whether the view should switch to
        the store of a presentation that starts later.

    Raises:
        SeveralTalks: Two or more talks are presented now and neither a
            deck nor a store was named.
    """
    from tui.polls.store import store_path_for_deck

    if store_arg:
        return Path(store_arg).expanduser(), False
    running = live_presentations()
    if deck_arg:
        deck = str(Path(deck_arg).expanduser().resolve())
        for talk in running:
            if talk.deck == deck:  # presented from a --store elsewhere
                return talk.store, False
        return store_path_for_deck(deck_arg), False
    if len(running) > 1:
        raise SeveralTalks(running)
    if running:
        return running[0].store, True
    default = store_path_for_deck(default_deck())
    return (default if default.exists() else None), True
