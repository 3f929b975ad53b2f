"""The ``podium`` command.

Usage::

    podium [DECK] [--theme NAME|PATH]     present a deck
    podium check [DECK]                   validate a deck without presenting
    podium --audience [DECK]              audience view: follow the presenter
    podium rehearse [DECK]                rehearse: time every slide, then report
    podium vote [--store PATH] [--choice N]    vote on the poll on the presenter's screen
    podium results [DECK] [--format csv|json]  print poll totals and every vote

``DECK`` defaults to ``./slides.yaml`` when there is one, else the deck that
ships with Podium. Problems are printed as ``FILE:LINE:COL: message`` and
exit with status 2 (the Unix convention for bad input); never a traceback.
The full-screen commands need a terminal (status 2 and one line without
one: see :mod:`tui.terminal`); SIGTERM, SIGHUP, SIGQUIT and SIGINT end them
as ``q`` does, with status 128 + the signal's number.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tui import __version__

if TYPE_CHECKING:
    from tui.deck import Deck
    from tui.rehearsal.recorder import Recorder

EXIT_OK = 0
EXIT_BAD_INPUT = 2


def default_deck_path() -> Path:
    """``./slides.yaml`` if present, else the bundled default deck."""
    local = Path("slides.yaml")
    if local.is_file():
        return local
    from tui.paths import bundled_deck

    return bundled_deck()


def _present_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="podium",
        description="Present a YAML slide deck in the terminal.",
        epilog="Other commands: 'podium check [DECK]' validates a deck; 'podium vote' votes on the "
        "poll on the presenter's screen; 'podium results' prints poll results (each has --help). "
        "Keys: press ? while presenting.",
    )
    parser.add_argument("deck", nargs="?", help="deck file (default: ./slides.yaml, else the bundled talk)")
    parser.add_argument("--theme", metavar="NAME|PATH", help="theme name or theme file; overrides the deck's")
    parser.add_argument(
        "--store",
        metavar="PATH",
        help="keep poll votes in this file, to share with voters who are other users "
        "(default: one file per deck in your data folder)",
    )
    parser.add_argument(
        "--audience",
        "--follow",
        action="store_true",
        help="audience view: the slide alone, following the presenter of DECK in another terminal",
    )
    parser.add_argument("--version", action="version", version=f"podium {__version__}")
    return parser


def _check_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="podium check", description="Validate a deck without presenting it.")
    parser.add_argument("deck", nargs="?", help="deck file (default: ./slides.yaml, else the bundled talk)")
    return parser


def _fail(lines: Sequence[str]) -> int:
    for line in lines:
        print(line, file=sys.stderr)
    return EXIT_BAD_INPUT


def _load(deck_arg: str | None):  # -> Deck
    from tui.deck import load_deck

    return load_deck(deck_arg if deck_arg is not None else default_deck_path())


def summary(deck) -> str:  # deck: tui.deck.Deck
    """One line about a valid deck: slides, polls, notes coverage, length.

    Example: ``slides.yaml: OK: 13 slides, 1 poll, speaker notes on 13/13 slides, target 20:00``.
    """
    slides = len(deck.slides)
    polls = len(deck.polls)
    with_notes = sum(1 for slide in deck.slides if slide.notes.strip())
    parts = [
        f"{slides} slide{'s' if slides != 1 else ''}",
        f"{polls} poll{'s' if polls != 1 else ''}",
        f"speaker notes on {with_notes}/{slides} slides",
    ]
    if deck.duration:
        from tui.pacing import format_seconds

        parts.append(f"target {format_seconds(deck.duration)}")
    return f"{deck.source}: OK: {', '.join(parts)}"


def deck_theme_problem(deck):  # (Deck) -> Problem | None
    """The deck's ``theme:`` as a located problem, if it names no usable theme.

    Returns:
        None when the deck names no theme or a theme that loads; else a
        :class:`tui.deck.Problem` at the ``theme:`` value.
    """
    if not deck.theme:
        return None
    from tui.deck import Problem
    from tui.themes import ThemeError, resolve_theme

    try:
        resolve_theme(deck.theme, Path(deck.source).parent)
    except ThemeError as error:
        line, column = deck.theme_at
        return Problem(deck.source, line, column, f"theme: {error}")
    return None


def check(argv: Sequence[str]) -> int:
    """``podium check [DECK]``: print a summary (exit 0) or the problems (exit 2)."""
    from tui.deck import DeckError

    args = _check_parser().parse_args(argv)
    try:
        deck = _load(args.deck)
    except DeckError as error:
        return _fail([str(problem) for problem in error.problems])
    theme_problem = deck_theme_problem(deck)
    if theme_problem is not None:
        return _fail([str(theme_problem)])
    print(summary(deck))
    return EXIT_OK


def present(argv: Sequence[str], *, rehearsal: Callable[[Deck], Recorder] | None = None) -> int:
    """``podium [DECK] [--theme ...] [--audience]``: present a deck full-screen.

    Args:
        argv: The command-line arguments after ``podium``.
        rehearsal: Makes the recorder of a rehearsal (``podium rehearse``).
    """
    from tui.deck import DeckError

    args = _present_parser().parse_args(argv)
    if args.audience:
        from tui.mirror.cli import run_audience

        return run_audience(args.deck, args.theme)
    try:
        deck = _load(args.deck)
    except DeckError as error:
        return _fail([str(problem) for problem in error.problems])
    theme_problem = None if args.theme else deck_theme_problem(deck)
    if theme_problem is not None:
        return _fail([str(theme_problem)])
    if args.theme:  # reported before a missing terminal is
        from tui.themes import ThemeError, resolve_theme

        try:
            resolve_theme(args.theme, Path(deck.source).parent if deck.source else None)
        except ThemeError as error:
            return _fail([str(error)])
    store = how_to_vote = store_warning = None
    if deck.polls:
        from tui.commands.poll_cli import close_presenter_store, open_presenter_store
        from tui.polls.store import StoreError

        try:
            store, how_to_vote = open_presenter_store(deck, args.store)
        except StoreError as error:
            if args.store:  # the presenter asked for this store: don't guess
                return _fail([f"podium: cannot keep poll votes: {error}"])
            # A broken default store must not cost the talk: present, count
            # hands in memory, and say loudly that votes are not kept.
            store_warning = f"Poll votes will NOT be saved: {error}"
            print(f"podium: {store_warning}", file=sys.stderr)
    from tui.terminal import refuse_without_terminal

    # After every problem with the input (deck, theme, --store) is reported.
    refused = (
        refuse_without_terminal("podium", "for scripts use 'podium check' or 'podium vote --choice N'")
        if rehearsal is None
        else refuse_without_terminal("podium rehearse", "'podium rehearse --report' prints the last report")
    )
    if refused is not None:
        if store is not None:
            close_presenter_store(None, store)
        return refused

    from tui.app import make_app
    from tui.mirror.cli import crashed_position, open_mirror
    from tui.themes import ThemeError

    resume_at = crashed_position(deck)  # read before this run publishes its own
    mirror = open_mirror(deck)
    try:
        app = make_app(
            deck,
            theme_name=args.theme,
            store=store,
            how_to_vote=how_to_vote,
            mirror=mirror,
            rehearsal=rehearsal(deck) if rehearsal is not None else None,
        )
    except ThemeError as error:
        mirror.close()
        if store is not None:
            close_presenter_store(None, store)
        return _fail([str(error)])
    app.startup_warning = store_warning
    app.resume_at = resume_at
    from tui.terminal import exit_status, run_app

    quit_signal = None
    try:
        # A quit signal ends the talk as q does: audience views hear "quit".
        quit_signal = run_app(app)
    finally:
        mirror.close(clean=not app.return_code)
        if store is not None:
            close_presenter_store(app, store)
    return exit_status(app, quit_signal)


def _poll_command(name: str) -> Callable[[Sequence[str]], int]:
    """``podium vote`` / ``podium results``, imported only when used."""

    def run(argv: Sequence[str]) -> int:
        from tui.commands import poll_cli

        return getattr(poll_cli, name)(argv)  # type: ignore[no-any-return]

    return run


def rehearse(argv: Sequence[str]) -> int:
    """``podium rehearse [DECK] [--history] [--format ...]``: see :mod:`tui.rehearsal.cli`."""
    from tui.rehearsal.cli import rehearse as run

    return run(argv)


COMMANDS = {
    "check": check,
    "vote": _poll_command("vote"),
    "results": _poll_command("results"),
    "rehearse": rehearse,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``podium`` command; returns the exit status."""
    from tui.terminal import safe_streams

    safe_streams()
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if args and args[0] in COMMANDS:
            return COMMANDS[args[0]](args[1:])
        return present(args)
    except KeyboardInterrupt:
        return 130
