"""``podium vote``: vote on the poll the presenter shows now, from any terminal.

Usage::

    podium vote [DECK] [--store PATH] [--voter NAME] [--choice N]

Exit status: 0 vote saved; 1 when a vote is refused (no poll on the
presenter's screen, poll closed); 2 for bad input (unknown option, a store
that cannot be used, several talks running and none named with
``--choice``), with a message and never a traceback.
"""

from __future__ import annotations

import argparse
import os
import stat
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tui.cli.common import default_deck_path, fail
from tui.cli.parser import ArgumentParser
from tui.exit_codes import EXIT_BAD_INPUT, EXIT_INTERRUPTED, EXIT_OK, EXIT_REFUSED
from tui.polls.voters import voter_name_problem
from tui.safe_text import one_line, printable, shortened

if TYPE_CHECKING:
    from tui.deck.model import Poll
    from tui.polls import talks


def _vote_parser() -> argparse.ArgumentParser:
    parser = ArgumentParser(
        prog="podium vote",
        description=(
            "Vote on the poll the presenter shows now, from your own terminal. "
            "The screen follows the presenter from poll to poll; vote again to change your vote."
        ),
        epilog=(
            "Without DECK or --store this finds the presentation you (the same user) are giving, "
            "and asks which one when you give several; "
            "others use the --store PATH the presenter's slide shows. "
            "Exit status: 0 vote saved, 1 vote refused (no poll on screen, poll closed), "
            "2 bad input."
        ),
    )
    parser.add_argument(
        "deck", nargs="?", help="vote on this deck's polls (default: the running presentation)"
    )
    parser.add_argument(
        "--store",
        metavar="PATH",
        help="the vote store the presenter shares (shown on the poll slide)",
    )
    parser.add_argument(
        "--voter",
        metavar="NAME",
        help="who you are (default: your login and terminal, e.g. alice@pts/3)",
    )
    parser.add_argument(
        "--choice",
        metavar="N",
        help="vote without the full-screen view: an option's number, id or text "
        "(several, comma-separated, on a multiple-choice poll)",
    )
    return parser


def _shown(text: str) -> str:
    """``text`` with anything a terminal could take as a control made harmless."""
    return "".join(char if char.isprintable() else "?" for char in text)


def _talk_lines(talks: Sequence[talks.Presentation]) -> list[str]:
    """One line per talk: its number, title and the command that votes in it."""
    import shlex

    lines = []
    for number, talk in enumerate(talks, start=1):
        command = (
            f"podium vote {shlex.quote(talk.deck)}"
            if talk.deck
            else f"podium vote --store {shlex.quote(str(talk.store))}"
        )
        title = talk.title or Path(talk.deck or talk.store).name
        lines.append(f"  {number}. {_shown(title)}  ({_shown(command)})")
    return lines


def _choose_talk(talks: Sequence[talks.Presentation], interactive: bool) -> Path | int:
    """Ask which of several running talks to vote in.

    Args:
        talks: The talks presented now.
        interactive: Standard input and output are a terminal: ask; else
            (scripts, ``--choice``) refuse and say what to type.

    Returns:
        The chosen talk's store, or an exit status (2 when the voter must
        name a talk, 130 when they gave up with Ctrl+C or end of input).
    """
    heading = f"podium vote: {len(talks)} talks are being presented now:"
    if not interactive:
        print(
            heading,
            *_talk_lines(talks),
            "Vote in one of them with the command after it.",
            sep="\n",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    print(heading, *_talk_lines(talks), sep="\n")
    while True:
        try:
            answer = input(f"Which talk do you vote in? [1-{len(talks)}] ").strip()
        except (EOFError, KeyboardInterrupt):
            print()
            return EXIT_INTERRUPTED
        if answer.isdigit() and 1 <= int(answer) <= len(talks):
            return talks[int(answer) - 1].store
        print(f"Type a number from 1 to {len(talks)}, or press Ctrl+C to stop.")


def main(argv: Sequence[str]) -> int:
    """``podium vote``: the voter's full-screen view, or one vote with ``--choice``.

    Args:
        argv: The arguments after ``podium vote``.
    """
    from tui.polls import talks
    from tui.polls.store import StoreError, VoteStore
    from tui.polls.talks import SeveralTalks, voter_store_path

    args = _vote_parser().parse_args(argv)
    voter = talks.voter_identity(args.voter)
    problem = voter_name_problem(voter)
    if problem is not None:
        given = "--voter" if args.voter is not None else "your login and terminal"
        return fail([f"podium vote: {given}: {problem}; choose another with --voter NAME"])
    if args.deck and not args.store and not Path(args.deck).is_file():
        return fail([f"podium vote: {one_line(args.deck)}: {_not_a_deck_file(args.deck)}"])
    try:
        path, follow = voter_store_path(args.store, args.deck, default_deck_path)
    except SeveralTalks as several:
        interactive = args.choice is None and sys.stdin.isatty() and sys.stdout.isatty()
        chosen = _choose_talk(several.talks, interactive)
        if isinstance(chosen, int):
            return chosen
        path, follow = chosen, False
    if args.choice is not None:
        return _vote_once(path, voter, args.choice)

    store = None
    if path is not None:
        try:
            store = VoteStore.open(path, create=False)
        except StoreError as error:
            if args.store or not follow:
                return fail([f"podium vote: {error}"])
    from tui.terminal import exit_status, refuse_without_terminal, run_app

    refused = refuse_without_terminal(
        "podium vote", "to vote from a script use 'podium vote --choice N'"
    )
    if refused is not None:
        if store is not None:
            store.close()
        return refused
    from tui.voter.factory import make_voter_app

    app = make_voter_app(voter, store, locate=talks.live_store if follow else None)
    quit_signal = None
    try:
        quit_signal = run_app(app)
    finally:
        app.close_store()
    return exit_status(app, quit_signal)


def _not_a_deck_file(deck: str) -> str:
    """Why ``deck``, which is not a regular file, cannot be voted on (for messages)."""
    from tui.regular_file import describe_kind

    try:
        mode = os.stat(deck).st_mode
    except OSError:
        return "no such deck file"
    if stat.S_ISDIR(mode):
        return "is a folder, not a deck file"
    return f"not a regular file ({describe_kind(mode)})"


def _vote_once(path: Path | None, voter: str, choice: str) -> int:
    """Cast one vote on the poll on the presenter's screen (``--choice``)."""
    from tui.polls import talks
    from tui.polls.model import VoteRefused
    from tui.polls.store import StoreError, VoteStore

    if path is None:
        print(
            "podium vote: no presentation is running for you now; start podium first, "
            "or give the --store PATH the presenter shows",
            file=sys.stderr,
        )
        return EXIT_REFUSED
    try:
        with VoteStore.open(path, create=False) as store:
            stage = store.stage()
            poll = stage.poll
            if poll is None or not talks.is_alive(stage.presenter_pid, stage.presenter_host):
                print(
                    "podium vote: there is no poll on the presenter's screen now; "
                    "try again when it shows one",
                    file=sys.stderr,
                )
                return EXIT_REFUSED
            try:
                chosen = parse_choice(poll, choice)
            except ValueError as error:
                return fail([f"podium vote: {error}"])
            ballot = store.vote(poll, chosen, voter, audience=True)
    except VoteRefused as refused:
        print(printable(f"podium vote: not counted: {refused}"), file=sys.stderr)
        return EXIT_REFUSED
    except StoreError as error:
        if error.busy:  # not bad input: the vote was refused for now
            print(printable(f"podium vote: not saved: {error}"), file=sys.stderr)
            return EXIT_REFUSED
        return fail([f"podium vote: {error}"])
    labels = ", ".join(poll.options[poll.ids.index(each)] for each in ballot.option_ids)
    print(
        one_line(f"Vote saved: {labels} (“{poll.question}”, as {voter}). Vote again to change it.")
    )
    return EXIT_OK


def parse_choice(poll: Poll, choice: str) -> list[str]:
    """Option ids from ``--choice``: numbers, ids or texts, comma-separated.

    Args:
        poll: The poll voted on.
        choice: E.g. ``2``, ``Behov``, ``1,3``.

    Returns:
        The chosen options' ids.

    Raises:
        ValueError: An item names no option, or several are given for a
            single-choice poll; the message lists the options.
    """
    ids = poll.ids
    folded = {
        text.strip().casefold(): option for text, option in zip(poll.options, ids, strict=True)
    }
    chosen: list[str] = []
    for item in (part.strip() for part in choice.split(",")):
        if item.isdigit() and 1 <= int(item) <= len(ids):
            chosen.append(ids[int(item) - 1])
        elif item in ids:
            chosen.append(item)
        elif item.casefold() in folded:
            chosen.append(folded[item.casefold()])
        else:
            listed = "; ".join(
                f"{number} {text}" for number, text in enumerate(poll.options, start=1)
            )
            raise ValueError(
                f"“{poll.question}” has no option {shortened(item)!r}; choose one of: {listed}"
            )
    if len(set(chosen)) > 1 and not poll.multiple:
        raise ValueError(f"“{poll.question}” takes one choice, got {len(set(chosen))}")
    return chosen
