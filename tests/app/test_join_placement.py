"""The phone page's join code on a poll slide: beside the options while they
keep their room, else under them (the notes pane open), in the talk's language."""

from __future__ import annotations

import pytest
from conftest import SEED_DECK
from textual.geometry import Region

from tui.app import make_app
from tui.deck import load_deck
from tui.widgets.join_view import JoinView
from tui.widgets.slide_view import SlideView

pytest.importorskip("segno")

URL = "http://127.0.0.1:8769/NW27HAWPKQ"


def text_of(widget: JoinView) -> str:
    """What ``widget`` shows, line by line."""
    lines = widget.render_lines(Region(0, 0, widget.size.width, widget.size.height))
    return "\n".join("".join(segment.text for segment in line) for line in lines)


async def test_the_code_moves_under_the_options_when_the_notes_pane_takes_the_room() -> None:
    from tui.web.qr import make_join

    deck = load_deck(SEED_DECK)  # lang: nb
    poll_slide = next(index for index, slide in enumerate(deck.slides) if slide.poll)
    app = make_app(deck)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("colon", *str(poll_slide + 1), "enter")
        await pilot.pause()
        view = app.presenter.query_one(SlideView)
        view.set_join(make_join(URL, "NW27H-AWPKQ"))
        await pilot.pause()
        await pilot.pause()
        join = app.presenter.query_one("#slide-join", JoinView)
        row = app.presenter.query_one("#slide-poll-row")
        assert join.display and join.beside and row.styles.layout.name == "horizontal"
        assert "▀" in text_of(join)  # the QR code fits beside the options
        await pilot.press("s")  # the notes pane: the slide keeps 56 cells
        await pilot.pause()
        await pilot.pause()
        assert not join.beside and row.styles.layout.name == "vertical"
        shown = text_of(join)
        assert URL in shown and "kode NW27H-AWPKQ" in shown and "code " not in shown
        poll = app.presenter.query_one("#slide-poll")
        assert join.region.y > poll.region.y and join.region.width >= poll.region.width - 1
        await pilot.press("s")
        await pilot.pause()
        await pilot.pause()
        assert join.beside and row.styles.layout.name == "horizontal"
