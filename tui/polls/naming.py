"""How a presenter is named to voters: its tag and the command that reaches it.

Both are needed as a talk with polls starts (the vote command is shown on
its poll slides); the rest of :mod:`tui.polls.announce` (the announcement
files, finding live talks) is not, so these live apart from it and load
nothing :mod:`tui.polls.announce` loads but :mod:`os` and :mod:`socket`.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path


def presenter_tag() -> tuple[int, str]:
    """``(process id, host name)`` identifying this process as a presenter."""
    return os.getpid(), socket.gethostname()


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
    import shlex  # only for a store other than the deck's own

    return f"podium vote --store {shlex.quote(str(store_path.resolve()))}"
