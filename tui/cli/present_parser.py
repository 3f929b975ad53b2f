"""``podium``'s own options (present a deck, or follow one), parsed with argparse.

``podium`` and ``podium DECK``, the way every talk starts, are read without
it (see :func:`tui.cli._plain`); this module and :mod:`argparse` come in only
when more than a deck is given.
"""

from __future__ import annotations

import argparse

from tui import __version__
from tui.cli.common import DECK_HELP, NO_RELOAD_HELP
from tui.cli.parser import ArgumentParser

COMMANDS_HELP = """\
commands (each has its own --help):
  check [DECK]       validate a deck: a summary, or every problem with its line
  rehearse [DECK]    rehearse with the timer, then see where the time went
  vote               vote on the poll on the presenter's screen (any terminal)
  results [DECK]     print poll totals and every vote (--format csv|json)
  export [DECK]      write a web page, a PDF or SVGs (--handout: with notes)
  new [PATH]         write a starter deck to edit (never overwrites a file)
  schema             the deck format as a JSON Schema, for completion in editors
  --audience [DECK]  audience view: the slide alone, following the presenter

keys: press ? while presenting."""
"""The subcommands, one line each, at the end of ``podium --help``."""


def present_parser() -> argparse.ArgumentParser:
    """``podium [DECK] ...``: present a deck, or follow one (``--audience``)."""
    parser = ArgumentParser(
        prog="podium",
        usage="podium [DECK] [--theme NAME|PATH] [--store PATH] [--no-reload]\n"
        "       podium [DECK] --serve [HOST:]PORT [--public-url URL]\n"
        "       podium --audience [DECK]\n"
        "       podium {check,rehearse,vote,results,export,new,schema} [--help] ...",
        description="Present a YAML slide deck in the terminal.",
        epilog=COMMANDS_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("deck", nargs="?", help=DECK_HELP)
    parser.add_argument(
        "--theme", metavar="NAME|PATH", help="theme name or theme file; overrides the deck's"
    )
    parser.add_argument(
        "--store",
        metavar="PATH",
        help="keep poll votes in this file (default: one file per deck in your data folder); "
        "private to you unless --shared-store",
    )
    parser.add_argument(
        "--shared-store",
        action="store_true",
        help="let the members of the --store file's group vote (and so also write the file); "
        "never in a folder every user may write",
    )
    parser.add_argument("--no-reload", action="store_true", help=NO_RELOAD_HELP)
    parser.add_argument(
        "--audience",
        "--follow",
        action="store_true",
        help="audience view: the slide alone, following the presenter of DECK in another terminal",
    )
    parser.add_argument(
        "--serve",
        metavar="[HOST:]PORT",
        help="serve a voting page for phones on the local network (e.g. --serve 8080, or"
        " --serve 192.168.1.20:8080); poll slides show a QR code to join",
    )
    parser.add_argument(
        "--public-url",
        metavar="URL",
        help="with --serve: the address phones are shown (behind a proxy or NAT),"
        " e.g. http://vote.example:8080",
    )
    parser.add_argument("--version", action="version", version=f"podium {__version__}")
    return parser
