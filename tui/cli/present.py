"""``podium [DECK] [--theme NAME|PATH] [--store PATH] [--shared-store]``: present a deck."""

from __future__ import annotations

import argparse

from tui.cli.common import BadInput, deck_to_present, fail
from tui.cli.session import NotStarted, Options, open_session

NO_TERMINAL_HINT = "for scripts use 'podium check' or 'podium vote --choice N'"
"""What ``podium`` suggests when it has no terminal to present in."""


def present(args: argparse.Namespace) -> int:
    """Present a deck full-screen.

    Args:
        args: ``podium``'s parsed options (``deck``, ``theme``, ``store``,
            ``shared_store``, ``no_reload``).

    Returns:
        The exit status: 0 after ``q``, 2 for bad input or no terminal,
        128 + the signal's number after a quit signal.
    """
    try:
        deck = deck_to_present(args.deck, args.theme)
    except BadInput as error:
        return fail(error.lines)
    options = Options(
        command="podium",
        no_terminal_hint=NO_TERMINAL_HINT,
        theme=args.theme,
        store=args.store,
        shared_store=args.shared_store,
        reload=not args.no_reload,
    )
    try:
        session = open_session(deck, options)
    except NotStarted as stop:
        return stop.status
    return session.run()
