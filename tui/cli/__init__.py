"""The ``podium`` command.

Usage::

    podium [DECK] [--theme NAME|PATH]     present a deck
    podium check [DECK]                   validate a deck without presenting
    podium --audience [DECK]              audience view: follow the presenter
    podium rehearse [DECK]                rehearse: time every slide, then report
    podium vote [--store PATH] [--choice N]    vote on the poll on the presenter's screen
    podium results [DECK] [--format csv|json]  print poll totals and every vote
    podium export [DECK] --format html|pdf|svg -o PATH [--handout]   export the deck
    podium new [PATH]                     write a starter deck (never overwrites)
    podium schema [--modeline]            the deck format as a JSON Schema, for editors

``DECK`` defaults to ``./slides.yaml`` when there is one, else the deck that
ships with Podium. Problems are printed as ``FILE:LINE:COL: message`` and
exit with status 2 (the Unix convention for bad input); never a traceback.
The full-screen commands need a terminal (status 2 and one line without
one: see :mod:`tui.terminal`); SIGTERM, SIGHUP, SIGQUIT and SIGINT end them
as ``q`` does, with status 128 + the signal's number.

This package's modules: one per subcommand (:mod:`~tui.cli.present`,
:mod:`~tui.cli.audience`, :mod:`~tui.cli.check`, :mod:`~tui.cli.rehearse`,
:mod:`~tui.cli.vote`, :mod:`~tui.cli.results`, :mod:`~tui.cli.export`, :mod:`~tui.cli.new`,
:mod:`~tui.cli.schema`), the helpers they share (:mod:`~tui.cli.common`,
and their parser :mod:`~tui.cli.parser`) and the composition root of a
presentation (:mod:`~tui.cli.session`). Only this module knows the
subcommands; each is imported when used (and the options of a presentation,
:mod:`~tui.cli.present_parser`, when more than a deck is given).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from types import SimpleNamespace
from typing import TYPE_CHECKING

from tui.exit_codes import EXIT_INTERRUPTED

if TYPE_CHECKING:
    import argparse

COMMANDS = ("check", "rehearse", "vote", "results", "export", "new", "schema")
"""The subcommands, each the first argument."""


PRESENT_DEFAULTS: dict[str, object] = {
    "theme": None,
    "store": None,
    "shared_store": False,
    "no_reload": False,
    "audience": False,
    "serve": None,
    "public_url": None,
}
"""``podium``'s options when none is given (besides the deck), as :func:`_parser` has them."""


def _plain(argv: list[str]) -> SimpleNamespace | None:
    """``podium`` or ``podium DECK``, the way every talk starts, read without argparse.

    Returns:
        The options :func:`_parser` gives for ``argv`` (a test compares them),
        or None when ``argv`` holds more than a deck (then ask the parser):
        importing :mod:`argparse` and building the parser is a few
        milliseconds of the way to the first slide.
    """
    if len(argv) > 1 or (argv and (not argv[0] or argv[0].startswith("-"))):
        return None
    return SimpleNamespace(deck=argv[0] if argv else None, **PRESENT_DEFAULTS)


def _parser() -> argparse.ArgumentParser:
    """``podium [DECK] ...``'s parser (see :mod:`tui.cli.present_parser`)."""
    from tui.cli.present_parser import present_parser  # deferred: more than a deck given

    return present_parser()


def _run(argv: list[str]) -> int:
    """Run the subcommand ``argv`` names, else present (or follow) a deck."""
    command = argv[0] if argv else ""
    if command == "check":
        from tui.cli.check import main as run_command
    elif command == "rehearse":
        from tui.cli.rehearse import main as run_command
    elif command == "vote":
        from tui.cli.vote import main as run_command
    elif command == "results":
        from tui.cli.results import main as run_command
    elif command == "export":
        from tui.cli.export import main as run_command
    elif command == "new":
        from tui.cli.new import main as run_command
    elif command == "schema":
        from tui.cli.schema import main as run_command
    else:
        from tui.startup_gc import hold

        hold()  # until the first frame (tui.startup_gc); main releases it on the way out
        options = _plain(argv) or _parser().parse_args(argv)
        if options.audience:
            from tui.cli.audience import run_audience

            return run_audience(options.deck, options.theme)
        from tui.cli.present import present

        return present(options)
    return run_command(argv[1:])


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``podium`` command; returns the exit status."""
    from tui.terminal import safe_streams

    safe_streams()
    from tui.terminal_size import size_from_the_terminal

    size_from_the_terminal()  # an exported COLUMNS would pin the slides to its size
    from tui.lock_handoff import hand_off_quickly

    hand_off_quickly()  # frames reach the terminal sooner from Textual's output thread
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        return _run(args)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    finally:
        from tui.startup_gc import release

        release()  # in case no app drew a frame (a bad deck, no terminal)
