"""The audience view's notices wrap to the terminal's width instead of being cut."""

from __future__ import annotations

import pytest
from conftest import DATA

from tui.audience.app import Presenter, make_audience_app
from tui.deck import load_deck


def visible_text(app, selector: str) -> str:
    """The text of a widget as drawn on the screen, clipped to the screen."""
    widget = app.screen.query_one(selector)
    region = widget.region.intersection(app.screen.region)
    lines = widget.render_lines(region.reset_offset)
    return "\n".join("".join(segment.text for segment in line).rstrip() for line in lines)


@pytest.mark.parametrize("size", [(80, 24), (50, 20)])
@pytest.mark.parametrize("state", ["waiting", "waiting-auto", "quit", "lost", "detached"])
async def test_every_notice_is_shown_whole(size: tuple[int, int], state: str) -> None:
    deck = load_deck(DATA / "presenter_demo.yaml")
    app = make_audience_app(deck, deck.source, auto=state == "waiting-auto")
    async with app.run_test(size=size) as pilot:
        screen = app.audience
        if state == "quit":
            screen._set_presenter(Presenter.QUIT)
        elif state == "lost":
            screen._set_presenter(Presenter.LOST)
        elif state == "detached":
            await pilot.press("d")
        await pilot.pause()
        message = screen._notice_text()
        assert message
        notice = app.screen.query_one("#audience-notice")
        assert notice.region.height > 1 or len(message) <= size[0] - 2
        assert app.screen.region.contains_region(notice.region)
        shown = visible_text(app, "#audience-notice")
        assert "…" not in shown
        assert shown.split() == message.split()
