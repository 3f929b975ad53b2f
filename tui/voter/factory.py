"""Building the voter's app: the one factory ``podium vote`` and the tests use."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from tui.voter.app import CHECK_INTERVAL, VoterApp

if TYPE_CHECKING:
    from textual.theme import Theme

    from tui.polls.store import VoteStore


def make_voter_app(
    voter: str,
    store: VoteStore | None,
    *,
    locate: Callable[[], Path | None] | None = None,
    check_interval: float = CHECK_INTERVAL,
) -> VoterApp:
    """Build the voter's app with Podium's default theme.

    Args:
        voter: Who votes.
        store: The presenter's store, or None until ``locate`` finds one.
        locate: Finds the running presentation's store (same user), or None.
        check_interval: Seconds between checks of the store.

    Returns:
        The app, not yet running.
    """
    from tui.app import DEFAULT_THEME
    from tui.themes import ThemeError, resolve_theme

    try:
        theme: Theme | None = resolve_theme(DEFAULT_THEME)
    except ThemeError:
        theme = None
    return VoterApp(voter, store, theme=theme, locate=locate, check_interval=check_interval)
