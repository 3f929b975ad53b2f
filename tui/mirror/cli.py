"""Command-line glue for the mirror: the presenter's publisher, the audience view."""

from __future__ import annotations

import sys

from tui.deck.model import Deck
from tui.mirror.publish import Publisher
from tui.mirror.state import (
    live_presenters,
    lock_path,
    presenter_alive,
    read_state,
    state_path,
)
from tui.navigation import Position
from tui.safe_text import printable

EXIT_OK = 0
EXIT_BAD_INPUT = 2


def crashed_position(deck: Deck) -> Position | None:
    """Where the last presenter of ``deck`` was, if it stopped unexpectedly.

    A presenter that quits publishes ``ended``; one that crashed (or was
    killed) leaves its last position behind with no process holding the
    lock. Restarting there keeps the talk (and the projector) where it was.

    Returns:
        The position to resume at, or None after a clean quit, on the first
        slide, while another presenter runs, or when the deck has changed
        so that the position no longer exists.
    """
    state = read_state(state_path(deck.source))
    if state is None or state.ended or presenter_alive(lock_path(deck.source)):
        return None
    if not 0 < state.slide < len(deck.slides):
        return None
    return Position(state.slide, min(state.step, deck.slides[state.slide].steps))


def open_mirror(deck: Deck) -> Publisher:
    """A publisher for ``deck``, opened (see :attr:`Publisher.problem` if not)."""
    publisher = Publisher(deck.source)
    publisher.open()
    return publisher


def audience_deck_path(deck_arg: str | None) -> str:
    """Which deck an audience view follows.

    Args:
        deck_arg: The DECK given on the command line, or None.

    Returns:
        ``deck_arg`` when given; else the deck of the presenter running now
        (the most recently moved one), else the default deck.
    """
    if deck_arg is not None:
        return deck_arg
    running = live_presenters()
    if running:
        return running[0].deck
    from tui.cli import default_deck_path

    return str(default_deck_path())


def run_audience(deck_arg: str | None, theme: str | None) -> int:
    """``podium --audience [DECK]``: follow the presenter of a deck.

    Args:
        deck_arg: The deck file, or None to follow the presenter running now.
        theme: A theme name or file, or None for the deck's.

    Returns:
        The exit status: 0, or 2 for a bad deck or theme (messages on stderr).
    """
    from tui.deck import DeckError, load_deck
    from tui.mirror.audience import make_audience_app
    from tui.themes import ThemeError

    path = audience_deck_path(deck_arg)
    try:
        deck = load_deck(path)
    except DeckError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        app = make_audience_app(deck, path, theme, auto=deck_arg is None)
    except ThemeError as error:
        print(printable(str(error)), file=sys.stderr)
        return EXIT_BAD_INPUT
    from tui.terminal import exit_status, refuse_without_terminal, run_app

    refused = refuse_without_terminal(
        "podium --audience", "run it in the terminal the projector shows"
    )
    if refused is not None:
        return refused
    quit_signal = run_app(app)
    return exit_status(app, quit_signal)
