"""The command line parser every ``podium`` subcommand uses (:class:`ArgumentParser`).

A module of its own: ``podium DECK``, the command a talk starts with, is
read without :mod:`argparse` (see :func:`tui.cli.main`), so that importing
the helpers in :mod:`tui.cli.common` does not load it.
"""

from __future__ import annotations

import argparse
import re
from typing import NoReturn

from tui.safe_text import ECHO_LIMIT, printable, shortened

_LONG_QUOTE = re.compile(rf"'([^'\n]{{{ECHO_LIMIT + 1},}})'")
"""A long value argparse quotes back in an error, e.g. ``invalid choice: '...'``."""


class ArgumentParser(argparse.ArgumentParser):
    """``argparse`` whose error messages show the arguments they quote safely.

    ``unrecognized arguments: ...`` repeats what was typed (or what a script
    passed, a file name perhaps) as it is; here its control characters are
    made visible (see :func:`tui.safe_text.printable`).
    """

    def error(self, message: str) -> NoReturn:  # as argparse's
        # A value quoted back ("invalid choice: '...'") is cut to its start.
        message = _LONG_QUOTE.sub(lambda found: repr(shortened(found.group(1))), message)
        super().error(printable(message))
