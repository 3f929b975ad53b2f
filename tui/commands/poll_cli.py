"""``podium vote`` and ``podium results``, and the presenter's vote store.

Usage::

    podium vote [DECK] [--store PATH] [--voter NAME] [--choice N]
    podium results [DECK] [--store PATH] [--format table|csv|json]

Exit status: 0 on success; 1 when a vote is refused (no poll on the
presenter's screen, poll closed); 2 for bad input (unknown option, a
store that cannot be used, several talks running and none named with
``--choice``), with a message and never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tui.cli import EXIT_BAD_INPUT, EXIT_OK, ArgumentParser, _fail, _load, default_deck_path
from tui.polls.voters import voter_name_problem
from tui.safe_text import one_line, printable, printable_output

if TYPE_CHECKING:
    from tui.app import PodiumApp
    from tui.deck.model import Deck, Poll
    from tui.polls import live
    from tui.polls.store import VoteStore

EXIT_REFUSED = 1
"""Exit status when the store refuses a vote (no poll on screen, closed)."""


# -- the presenter's store -------------------------------------------------------


PRESENTER_BUSY_TIMEOUT = 0.5
"""Seconds the presenter waits for another process's write lock (seconds).

The presenter writes on the UI's thread; a store held locked elsewhere must
not freeze the slides for long. A hand vote that cannot be written in time
is reported ("Vote not saved") and not shown, so nothing is lost silently;
voters keep the store's longer default wait.
"""


def open_presenter_store(
    deck: Deck, store_arg: str | None, *, shared: bool = False
) -> tuple[VoteStore, str]:
    """Open the store the presenter keeps votes in and announce it to voters.

    Args:
        deck: The deck presented.
        store_arg: ``--store PATH`` as given, or None for the deck's own
            store in the user's data folder.
        shared: ``--shared-store``: the store's group may vote too (see
            :mod:`tui.polls.access`); else it is private to the presenter.

    Returns:
        The open store, and the command the audience types to vote.

    Raises:
        StoreError: The store cannot be used; the message names the file.
    """
    from tui.polls import live
    from tui.polls.store import VoteStore, store_path_for_deck

    default = store_path_for_deck(deck.source)
    path = Path(store_arg).expanduser() if store_arg else default
    store = VoteStore.open(path, busy_timeout=PRESENTER_BUSY_TIMEOUT, shared=shared)
    live.announce(store.path, deck)
    return store, live.vote_command(store.path, default)


def close_presenter_store(app: PodiumApp | None, store: VoteStore) -> None:
    """Tell voters the presentation is over, withdraw it, close the store.

    Args:
        app: The app that presented (None if it never started).
        store: The store from :func:`open_presenter_store`.
    """
    from tui.polls import live

    try:
        if app is not None:
            app.end_polls()
    finally:
        live.withdraw()
        store.close()


# -- podium vote -------------------------------------------------------------------


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
            "Exit status: 0 vote saved, 1 vote refused (no poll on screen, poll closed), 2 bad input."
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


def _voter_store_path(args: argparse.Namespace) -> tuple[Path | None, bool]:
    """Which store to vote in, and whether to follow the live presentation.

    Returns:
        ``(path, follow)``: the store (None when no presentation is
        running and none was named) and whether the view should switch to
        the store of a presentation that starts later.

    Raises:
        _SeveralTalks: Two or more talks are presented now and neither a
            deck nor a store was named.
    """
    from tui.polls import live
    from tui.polls.store import store_path_for_deck

    if args.store:
        return Path(args.store).expanduser(), False
    running = live.live_presentations()
    if args.deck:
        deck = str(Path(args.deck).expanduser().resolve())
        for talk in running:
            if talk.deck == deck:  # presented from a --store elsewhere
                return talk.store, False
        return store_path_for_deck(args.deck), False
    if len(running) > 1:
        raise _SeveralTalks(running)
    if running:
        return running[0].store, True
    default = store_path_for_deck(default_deck_path())
    return (default if default.exists() else None), True


class _SeveralTalks(Exception):
    """More than one talk is presented now: the voter must say which."""

    def __init__(self, talks: Sequence[live.Presentation]) -> None:
        super().__init__(f"{len(talks)} talks")
        self.talks = list(talks)


def _shown(text: str) -> str:
    """``text`` with anything a terminal could take as a control made harmless."""
    return "".join(char if char.isprintable() else "?" for char in text)


def _talk_lines(talks: Sequence[live.Presentation]) -> list[str]:
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


def _choose_talk(talks: Sequence[live.Presentation], interactive: bool) -> Path | int:
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
        print(heading, *_talk_lines(talks), "Vote in one of them with the command after it.",
              sep="\n", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(heading, *_talk_lines(talks), sep="\n")
    while True:
        try:
            answer = input(f"Which talk do you vote in? [1-{len(talks)}] ").strip()
        except (EOFError, KeyboardInterrupt):
            print()
            return 130
        if answer.isdigit() and 1 <= int(answer) <= len(talks):
            return talks[int(answer) - 1].store
        print(f"Type a number from 1 to {len(talks)}, or press Ctrl+C to stop.")


def vote(argv: Sequence[str]) -> int:
    """``podium vote``: the voter's full-screen view, or one vote with ``--choice``."""
    from tui.polls import live
    from tui.polls.store import StoreError, VoteStore

    args = _vote_parser().parse_args(argv)
    voter = live.voter_identity(args.voter)
    problem = voter_name_problem(voter)
    if problem is not None:
        given = "--voter" if args.voter and args.voter.strip() else "your login and terminal"
        return _fail([f"podium vote: {given}: {problem}; choose another with --voter NAME"])
    if args.deck and not args.store and not Path(args.deck).is_file():
        return _fail([f"podium vote: {one_line(args.deck)}: no such deck file"])
    try:
        path, follow = _voter_store_path(args)
    except _SeveralTalks as several:
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
                return _fail([f"podium vote: {error}"])
    from tui.terminal import exit_status, refuse_without_terminal, run_app

    refused = refuse_without_terminal("podium vote", "to vote from a script use 'podium vote --choice N'")
    if refused is not None:
        if store is not None:
            store.close()
        return refused
    from tui.voter.app import make_voter_app

    app = make_voter_app(voter, store, locate=live.live_store if follow else None)
    quit_signal = None
    try:
        quit_signal = run_app(app)
    finally:
        app.close_store()
    return exit_status(app, quit_signal)


def _vote_once(path: Path | None, voter: str, choice: str) -> int:
    """Cast one vote on the poll on the presenter's screen (``--choice``)."""
    from tui.polls import live
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
            if poll is None or not live.is_alive(stage.presenter_pid, stage.presenter_host):
                print(
                    "podium vote: there is no poll on the presenter's screen now; "
                    "try again when it shows one",
                    file=sys.stderr,
                )
                return EXIT_REFUSED
            try:
                chosen = parse_choice(poll, choice)
            except ValueError as error:
                return _fail([f"podium vote: {error}"])
            ballot = store.vote(poll, chosen, voter, audience=True)
    except VoteRefused as refused:
        print(printable(f"podium vote: not counted: {refused}"), file=sys.stderr)
        return EXIT_REFUSED
    except StoreError as error:
        if error.busy:  # not bad input: the vote was refused for now
            print(printable(f"podium vote: not saved: {error}"), file=sys.stderr)
            return EXIT_REFUSED
        return _fail([f"podium vote: {error}"])
    labels = ", ".join(poll.options[poll.ids.index(each)] for each in ballot.option_ids)
    print(one_line(f"Vote saved: {labels} (“{poll.question}”, as {voter}). Vote again to change it."))
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
    folded = {text.strip().casefold(): option for text, option in zip(poll.options, ids)}
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
            raise ValueError(f"“{poll.question}” has no option {item!r}; choose one of: {listed}")
    if len(set(chosen)) > 1 and not poll.multiple:
        raise ValueError(f"“{poll.question}” takes one choice, got {len(set(chosen))}")
    return chosen


# -- podium results ----------------------------------------------------------------


def _results_parser() -> argparse.ArgumentParser:
    from tui.polls.export import FORMATS

    parser = ArgumentParser(
        prog="podium results",
        description="Print the poll totals and every vote with its time.",
    )
    parser.add_argument(
        "deck", nargs="?", help="deck file (default: ./slides.yaml, else the bundled talk)"
    )
    parser.add_argument(
        "--store", metavar="PATH", help="read this vote store (default: the deck's own)"
    )
    parser.add_argument(
        "--format", choices=FORMATS, default="table", help="output format (default: table)"
    )
    return parser


def results(argv: Sequence[str]) -> int:
    """``podium results``: totals per poll and option, and the individual votes."""
    from tui.deck import DeckError
    from tui.polls.export import PollReport, render
    from tui.polls.model import PollResults
    from tui.polls.store import StoreError, VoteStore, store_path_for_deck

    args = _results_parser().parse_args(argv)
    deck = None
    if args.deck or not args.store:
        try:
            deck = _load(args.deck)
        except DeckError as error:
            return _fail([str(problem) for problem in error.problems])
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
                return _fail([f"podium results: {error}"])
    if reports is None:
        reports = [PollReport(PollResults.empty(poll), ()) for poll in polls]
    recorded = path.exists() and path.stat().st_size > 0
    source = str(path) if recorded else f"{path} (no votes recorded yet)"
    sys.stdout.write(printable_output(render(reports, args.format, source), args.format))
    return EXIT_OK


__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_REFUSED",
    "close_presenter_store",
    "open_presenter_store",
    "parse_choice",
    "results",
    "vote",
]
