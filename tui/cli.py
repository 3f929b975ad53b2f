"""The ``podium`` command.

Usage::

    podium [DECK] [--theme NAME|PATH]     present a deck
    podium check [DECK]                   validate a deck without presenting

``DECK`` defaults to ``./slides.yaml`` when there is one, else the deck that
ships with Podium. Problems are printed as ``FILE:LINE:COL: message`` and
exit with status 2 (the Unix convention for bad input); never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from tui import __version__

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
        epilog="Other commands: 'podium check [DECK]' validates a deck. Keys: press ? while presenting.",
    )
    parser.add_argument("deck", nargs="?", help="deck file (default: ./slides.yaml, else the bundled talk)")
    parser.add_argument("--theme", metavar="NAME|PATH", help="theme name or theme file; overrides the deck's")
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
        minutes, seconds = divmod(int(deck.duration), 60)
        parts.append(f"target {minutes}:{seconds:02d}")
    return f"{deck.source}: OK: {', '.join(parts)}"


def check(argv: Sequence[str]) -> int:
    """``podium check [DECK]``: print a summary (exit 0) or the problems (exit 2)."""
    from tui.deck import DeckError

    args = _check_parser().parse_args(argv)
    try:
        deck = _load(args.deck)
    except DeckError as error:
        return _fail([str(problem) for problem in error.problems])
    print(summary(deck))
    return EXIT_OK


def present(argv: Sequence[str]) -> int:
    """``podium [DECK] [--theme ...]``: present a deck full-screen."""
    from tui.deck import DeckError

    args = _present_parser().parse_args(argv)
    try:
        deck = _load(args.deck)
    except DeckError as error:
        return _fail([str(problem) for problem in error.problems])
    store = None
    if deck.polls:
        from tui.polls.store import StoreError, VoteStore

        try:
            store = VoteStore.for_deck(deck.source)
        except StoreError as error:
            return _fail([f"podium: cannot keep poll votes: {error}"])

    from tui.app import make_app
    from tui.themes import ThemeError

    try:
        app = make_app(deck, theme_name=args.theme, store=store)
    except ThemeError as error:
        if store is not None:
            store.close()
        return _fail([str(error)])
    try:
        app.run()
    finally:
        if store is not None:
            store.close()
    return app.return_code or EXIT_OK


COMMANDS = {"check": check}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``podium`` command; returns the exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if args and args[0] in COMMANDS:
            return COMMANDS[args[0]](args[1:])
        return present(args)
    except KeyboardInterrupt:
        return 130
