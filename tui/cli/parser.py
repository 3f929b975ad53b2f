"""The command line parser every ``podium`` subcommand uses (:class:`ArgumentParser`).

A module of its own: ``podium DECK``, the command a talk starts with, is
read without :mod:`argparse` (see :func:`tui.cli.main`), so that importing
the helpers in :mod:`tui.cli.common` does not load it.
"""

from __future__ import annotations

import argparse
from typing import NoReturn

from tui.safe_text import printable


class ArgumentParser(argparse.ArgumentParser):
    """``argparse`` whose error messages show the arguments they quote safely.

    ``unrecognized arguments: ...`` repeats what was typed (or what a script
    passed, a file name perhaps) as it is; here its control characters are
    made visible (see :func:`tui.safe_text.printable`).
    """

    def error(self, message: str) -> NoReturn:  # as argparse's
        super().error(printable(message))
