"""Ctrl+Z suspends the presenter from every screen it shows (``fg`` brings it back)."""

from __future__ import annotations

from textual.screen import Screen

from tui.app import PodiumApp, make_app
from tui.deck import Deck
from tui.screens.blank import BlankScreen
from tui.screens.confirm import ConfirmScreen
from tui.screens.help import HelpScreen
from tui.screens.overview import OverviewScreen
from tui.screens.presenter import PresenterScreen
from tui.screens.safe_lists import SafeCommandPalette
from tui.terminal import bind_suspend

SCREENS: list[tuple[tuple[str, ...], type[Screen[object]]]] = [
    ((), PresenterScreen),
    (("colon", "4"), PresenterScreen),  # the go-to prompt
    (("o",), OverviewScreen),
    (("question_mark",), HelpScreen),
    (("b",), BlankScreen),
    (("t", "T"), ConfirmScreen),  # reset the timer?
    (("ctrl+p",), SafeCommandPalette),
]
"""Keys that open a screen of the presenter, and that screen."""


def suspending_app(deck: Deck) -> tuple[PodiumApp, list[str]]:
    """The presenter app bound as :func:`tui.terminal.run_app` binds it; suspends are recorded.

    Returns:
        The app, and the list of the screens it was on at each suspend.
    """
    app = make_app(deck)
    bind_suspend(app)
    suspended: list[str] = []
    # Textual's action sends SIGTSTP to the process: record the call instead.
    app.action_suspend_process = lambda: suspended.append(type(app.screen).__name__)  # type: ignore[method-assign]
    return app, suspended


async def test_ctrl_z_suspends_from_every_presenter_screen(seed_deck: Deck) -> None:
    app, suspended = suspending_app(seed_deck)
    async with app.run_test(size=(100, 30)) as pilot:
        for keys, screen in SCREENS:
            await pilot.press(*keys)
            await pilot.pause()
            assert isinstance(app.screen, screen), (keys, app.screen)
            before = len(suspended)
            await pilot.press("ctrl+z")
            await pilot.pause()
            assert suspended[before:] == [type(app.screen).__name__], (keys, suspended)
            assert isinstance(app.screen, screen)  # the screen stays as it was for fg
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, PresenterScreen), (keys, app.screen)
        assert app.show.state.position.slide == 0  # Ctrl+Z moved nothing


async def test_ctrl_z_suspends_behind_the_terminal_too_small_message(seed_deck: Deck) -> None:
    app, suspended = suspending_app(seed_deck)
    async with app.run_test(size=(20, 6)) as pilot:
        await pilot.pause()
        assert app.presenter.too_small
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert suspended == ["PresenterScreen"]
