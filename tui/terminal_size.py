"""On a terminal, Podium takes its size from the terminal, never from ``COLUMNS`` and ``LINES``.

Textual reads the terminal's size, at start and after every resize, with
:func:`shutil.get_terminal_size`, which prefers the ``COLUMNS`` and
``LINES`` environment variables to the terminal when they are set, and
its app keeps a copy of the environment from the moment it is made. A
shell, a script or a test harness that exports them (pytest-textual-snapshot
sets 80 and 24) would pin the slides to that size in a bigger terminal, and
a resize would never show. Imports nothing but :mod:`os`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, MutableMapping

SIZE_VARIABLES = ("COLUMNS", "LINES")
"""The environment variables that would override the terminal's own size."""


def size_from_the_terminal(
    environ: MutableMapping[str, str] | None = None, *, fds: Iterable[int] = (1, 2)
) -> dict[str, str]:
    """Remove :data:`SIZE_VARIABLES` from ``environ`` when every one of ``fds`` is a terminal.

    Called once, at the start of the ``podium`` command, before any app is
    made. Where output goes to a file or a pipe nothing is removed: there
    the variables are the only width there is (``COLUMNS=100 podium check``).

    Args:
        environ: The environment to change (default: :data:`os.environ`).
        fds: The file descriptors output goes to (stdout, and stderr, where
            Textual draws).

    Returns:
        The variables removed, with their values (empty when none were).
    """
    environ = os.environ if environ is None else environ
    try:
        on_a_terminal = all(os.isatty(fd) for fd in fds)
    except OSError:  # a closed descriptor
        on_a_terminal = False
    if not on_a_terminal:
        return {}
    return {name: environ.pop(name) for name in SIZE_VARIABLES if name in environ}
