"""The status row: the keys and the position (slide, step, go-to prompt, "more") as one widget."""

from __future__ import annotations

from pathlib import Path

from conftest import SEED_DECK, FixedClock, fixed_now, in_english
from rich.color import Color
from status_row import status_position, status_row

from tui.app import make_app
from tui.deck import load_deck
from tui.polls.store import VoteStore
from tui.widgets.status_bar import StatusBar


def _app(tmp_path: Path):
    deck = in_english(load_deck(SEED_DECK))
    store = VoteStore.open(tmp_path / "votes.sqlite3")
    return make_app(deck, store=store, clock=FixedClock(), now=fixed_now)


async def test_the_whole_bottom_row_is_one_widget(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(StatusBar)
        assert not bar.children
        assert {app.screen.get_widget_at(x, 23)[0] for x in range(80)} == {bar}


async def test_the_position_ends_the_row_and_the_keys_fit_before_it(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(40, 15)) as pilot:
        bar = app.screen.query_one(StatusBar)
        await pilot.pause()
        assert status_row(app).endswith(" 1/13 ")
        wide = bar.keys_width()
        await pilot.press("colon", "1", "2")
        await pilot.pause()
        row = status_row(app)
        assert status_position(app) == " go to 12 ⏎  1/13 "
        assert len(row) == 40 and row.endswith(status_position(app))
        # The keys shorten by their rule into the cells the position leaves.
        keys = str(bar.render()).rstrip()
        assert bar.keys_width() == 40 - len(" go to 12 ⏎  1/13 ") < wide
        assert len(keys) <= bar.keys_width()
        assert row[: bar.keys_width()].rstrip() == keys
        await pilot.press("escape")
        await pilot.pause()
        assert status_position(app) == "1/13 "
        assert bar.keys_width() == wide


async def test_the_position_keeps_its_colours(tmp_path: Path) -> None:
    """The theme's foreground on its panel colour; the slide number bold, the prompt reversed."""
    app = _app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("colon")
        await pilot.pause()
        bar = app.screen.query_one(StatusBar)
        (line,) = bar.render_lines(bar.region.reset_offset)
        styles = {segment.text: segment.style for segment in line if segment.text.strip()}
        variables = app.get_css_variables()
        foreground = Color.parse(variables["foreground"]).triplet
        panel = Color.parse(variables["panel"]).triplet
        number, prompt = styles["1/13 "], styles[" go to _ ⏎ "]
        assert number.bold and not number.reverse
        assert prompt.reverse and not prompt.bold
        for style in (number, prompt):
            assert style.color is not None and style.color.triplet == foreground
            assert style.bgcolor is not None and style.bgcolor.triplet == panel


async def test_a_click_on_the_position_does_nothing(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(StatusBar)
        assert await pilot.click(StatusBar, offset=(79 - 1, 0))
        await pilot.pause()
        assert app.show.state.position.slide == 0
        assert bar.keys_width() == 80 - len("1/13 ")
