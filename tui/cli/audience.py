"""``podium --audience [DECK]``: the slide alone, following the presenter."""

from __future__ import annotations

from tui.cli.common import default_deck_path, fail


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
    from tui.audience.state import live_presenters

    running = live_presenters()
    if running:
        return running[0].deck
    return str(default_deck_path())


def run_audience(deck_arg: str | None, theme: str | None) -> int:
    """Follow the presenter of a deck.

    Args:
        deck_arg: The deck file, or None to follow the presenter running now.
        theme: A theme name or file, or None for the deck's.

    Returns:
        The exit status: 0, or 2 for a bad deck or theme (messages on stderr).
    """
    from tui.audience.app import make_audience_app
    from tui.deck import DeckError, load_deck
    from tui.themes import ThemeError

    path = audience_deck_path(deck_arg)
    try:
        deck = load_deck(path)
    except DeckError as error:
        return fail([str(problem) for problem in error.problems])
    try:
        app = make_audience_app(deck, path, theme, auto=deck_arg is None)
    except ThemeError as error:
        return fail([str(error)])
    from tui.terminal import exit_status, refuse_without_terminal, run_app

    refused = refuse_without_terminal(
        "podium --audience", "run it in the terminal the projector shows"
    )
    if refused is not None:
        return refused
    quit_signal = run_app(app)
    return exit_status(app, quit_signal)
