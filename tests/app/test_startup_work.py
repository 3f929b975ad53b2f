"""What the presenter does not do at start-up: read unused themes, parse the stylesheet twice."""

from __future__ import annotations

import pytest
from textual.css.stylesheet import Stylesheet

from tui.app import make_app
from tui.deck import Deck
from tui.widgets.notes_pane import NotesPane

SIZE = (100, 30)


async def test_only_the_theme_in_use_is_read_and_the_others_when_picked(seed_deck: Deck) -> None:
    app = make_app(seed_deck)
    async with app.run_test(size=SIZE) as pilot:
        assert app.theme == "ks"
        assert "paper" not in app.available_themes
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Theme: paper" in titles  # offered all the same
        app.theme = "paper"
        await pilot.pause()
        assert app.theme == "paper" and "paper" in app.available_themes


async def test_the_stylesheet_is_parsed_again_only_for_another_theme(
    seed_deck: Deck, monkeypatch: pytest.MonkeyPatch
) -> None:
    reparsed: list[bool] = []
    reparse = Stylesheet.reparse

    def counted(self: Stylesheet) -> None:
        reparsed.append(True)
        reparse(self)

    monkeypatch.setattr(Stylesheet, "reparse", counted)
    app = make_app(seed_deck)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right", "right")
        await pilot.pause()
        assert reparsed == []
        assert not app.screen.query(NotesPane)  # built the first time it is shown
        app.theme = "contrast"
        await pilot.pause()
        assert reparsed
