"""Dialogs over the slide (help, overview, a question): their own key line, no toast over them."""

from __future__ import annotations

from pathlib import Path

from conftest import SEED_DECK, FixedClock, fixed_now, in_english
from textual.widgets._toast import Toast

from tui.app import make_app
from tui.deck import load_deck
from tui.polls.store import VoteStore
from tui.screens.confirm import ConfirmScreen
from tui.screens.help import HelpScreen
from tui.screens.overview import OverviewScreen
from tui.widgets.key_line import KeyLine

SIZE = (100, 30)


def _app(tmp_path: Path):
    deck = in_english(load_deck(SEED_DECK))
    store = VoteStore.open(tmp_path / "votes.sqlite3")
    return make_app(deck, store=store, clock=FixedClock(), now=fixed_now)


def _bottom_line(app) -> str:
    """The text of the key line drawn on the screen's bottom row (the one on top)."""
    widget, _region = app.screen.get_widget_at(0, SIZE[1] - 1)
    assert isinstance(widget, KeyLine), f"the bottom row is {widget!r}, not a key line"
    assert widget.screen is app.screen
    return str(widget.render())


def _toast_texts(screen) -> list[str]:
    return [str(toast._notification.message) for toast in screen.query(Toast)]


async def _toasts_after(pilot, screen, rounds: int = 20) -> list[str]:
    """The toasts on ``screen`` once they have come (or after ``rounds`` pauses)."""
    for _ in range(rounds):
        if texts := _toast_texts(screen):
            return texts
        await pilot.pause()
    return _toast_texts(screen)


async def test_help_shows_its_own_keys_not_the_slide_s(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert "Next" in _bottom_line(app)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        line = _bottom_line(app)
        assert "Close" in line
        assert "Next" not in line and "Overview" not in line


async def test_overview_shows_its_own_keys(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
        line = _bottom_line(app)
        assert "Go to" in line and "Close" in line
        assert "Next" not in line and "Notes" not in line
        await pilot.press("escape")
        await pilot.pause()
        assert "Next" in _bottom_line(app)


async def test_a_question_shows_its_answers(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        app.push_screen(ConfirmScreen("Reset?"))
        await pilot.pause()
        line = _bottom_line(app)
        assert "Yes" in line and "No" in line and "Next" not in line


async def test_a_notice_waits_for_the_help_to_close(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        help_screen = app.screen
        app.notify("Poll closed", timeout=5)
        await pilot.pause()
        await pilot.pause()
        assert await _toasts_after(pilot, help_screen, 5) == []  # never drawn over the help
        await pilot.press("escape")
        await pilot.pause()
        await pilot.pause()
        assert app.screen is not help_screen
        assert await _toasts_after(pilot, app.screen) == ["Poll closed"]


async def test_a_notice_shown_before_the_help_stays_off_it(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        app.notify("Votes kept", timeout=30)
        await pilot.pause()
        await pilot.press("question_mark")
        assert await _toasts_after(pilot, app.screen, 5) == []
        await pilot.press("escape")
        await pilot.pause()
        assert await _toasts_after(pilot, app.screen) == ["Votes kept"]


async def test_notices_wait_through_help_opened_over_the_overview(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("o")
        await pilot.pause()
        app.push_screen(HelpScreen([("esc", "Close")]))
        await pilot.pause()
        app.notify("First")
        app.notify("Second")
        await pilot.pause()
        await pilot.press("escape")  # the help closes: the overview is still open
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
        assert _toast_texts(app.screen) == []
        await pilot.press("escape")
        await pilot.pause()
        await pilot.pause()
        assert await _toasts_after(pilot, app.screen) == ["First", "Second"]
