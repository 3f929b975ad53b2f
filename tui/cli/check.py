"""``podium check [DECK]``: validate a deck without presenting it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from tui.cli.common import (
    DECK_HELP,
    deck_error_problems,
    deck_theme_problem,
    fail,
    lang_warning,
    load_deck,
    warn,
)
from tui.cli.parser import ArgumentParser
from tui.exit_codes import EXIT_OK
from tui.safe_text import printable

if TYPE_CHECKING:
    from tui.deck import Deck


def _parser() -> ArgumentParser:
    parser = ArgumentParser(
        prog="podium check", description="Validate a deck without presenting it."
    )
    parser.add_argument("deck", nargs="?", help=DECK_HELP)
    return parser


def summary(deck: Deck) -> str:
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


def main(argv: Sequence[str]) -> int:
    """Print a summary of the deck (exit 0) or every problem (exit 2).

    Args:
        argv: The arguments after ``podium check``.
    """
    from tui.deck import DeckError

    args = _parser().parse_args(argv)
    try:
        deck = load_deck(args.deck)
    except DeckError as error:
        return fail(deck_error_problems(error))
    problem = deck_theme_problem(deck)
    if problem is not None:
        return fail([str(problem)])
    warning = lang_warning(deck)
    if warning is not None:
        warn(str(warning))
    print(printable(summary(deck)))
    return EXIT_OK
