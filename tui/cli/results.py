"""``podium results``: print the poll totals and every vote with its time.

Usage::

    podium results [DECK] [--store PATH] [--format table|csv|json]

Exit status: 0, or 2 for a deck or store that cannot be read.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tui.cli.common import DECK_HELP, fail, load_deck, write_report
from tui.cli.parser import ArgumentParser
from tui.exit_codes import EXIT_OK
from tui.safe_text import printable_output

if TYPE_CHECKING:
    from tui.deck.model import Poll


def _results_parser() -> argparse.ArgumentParser:
    from tui.polls.export import FORMATS

    parser = ArgumentParser(
        prog="podium results",
        description="Print the poll totals and every vote with its time.",
    )
    parser.add_argument("deck", nargs="?", help=DECK_HELP)
    parser.add_argument(
        "--store", metavar="PATH", help="read this vote store (default: the deck's own)"
    )
    parser.add_argument(
        "--format", choices=FORMATS, default="table", help="output format (default: table)"
    )
    return parser


def main(argv: Sequence[str]) -> int:
    """``podium results``: totals per poll and option, and the individual votes.

    Args:
        argv: The arguments after ``podium results``.
    """
    from tui.deck import DeckError
    from tui.polls.export import PollReport, render
    from tui.polls.model import PollResults
    from tui.polls.store import StoreError, VoteStore, store_path_for_deck

    args = _results_parser().parse_args(argv)
    deck = None
    if args.deck or not args.store:
        try:
            deck = load_deck(args.deck)
        except DeckError as error:
            return fail([str(problem) for problem in error.problems])
    path = Path(args.store).expanduser() if args.store else store_path_for_deck(deck.source)  # type: ignore[union-attr]
    polls: list[Poll] = list(deck.polls) if deck is not None else []
    reports: list[PollReport] | None = None
    if path.exists() or args.store:
        try:
            # Read-only: results may read a store they may not write, and
            # never change it (not even by setting up an empty file).
            with VoteStore.open(path, read_only=True) as store:
                known = {poll.id for poll in polls}
                polls += [poll for poll in store.known_polls() if poll.id not in known]
                reports = [PollReport(store.results(poll), store.records(poll)) for poll in polls]
        except StoreError as error:
            if not error.empty:
                return fail([f"podium results: {error}"])
    if reports is None:
        reports = [PollReport(PollResults.empty(poll), ()) for poll in polls]
    recorded = path.exists() and path.stat().st_size > 0
    source = str(path) if recorded else f"{path} (no votes recorded yet)"
    write_report(printable_output(render(reports, args.format, source), args.format), args.format)
    return EXIT_OK
