"""The overview of a big deck draws only the rows on screen, and looks the same."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.segment import Segment

from tui.app import make_app
from tui.deck import load_deck_text
from tui.screens import overview
from tui.screens.overview import OverviewScreen

SLIDES = 3000


def _deck(tmp_path: Path, titles: list[str]):
    source = "slides:\n" + "".join(f'  - title: "{title}"\n' for title in titles)
    return load_deck_text(source, str(tmp_path / "deck.yaml"))


async def test_a_big_overview_draws_only_the_entries_on_screen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    drawn: set[int] = set()
    draw = overview._Entry.__rich_console__

    def counting(self, console, options):
        drawn.add(self.number)
        return draw(self, console, options)

    monkeypatch.setattr(overview._Entry, "__rich_console__", counting)
    deck = _deck(tmp_path, [f"Slide {n} of the big deck" for n in range(1, SLIDES + 1)])
    app = make_app(deck)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("end")  # the overview opens around the slide on screen
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
        rows = app.screen.query_one("#overview-list").size.height
        assert app.show.state.position.slide == SLIDES - 1
        # The first rows, drawn before the list scrolls to the slide on screen, and the last.
        assert 0 < len(drawn) <= 2 * rows, sorted(drawn)
        assert SLIDES in drawn
        drawn.clear()
        await pilot.press("home")
        await pilot.pause()
        assert 1 in drawn and len(drawn) <= 2 * rows
        await pilot.press("pagedown", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, OverviewScreen)
        assert app.show.state.position.slide > 1


TITLES = [
    "Short",
    "x" * 40,  # fits exactly at some widths
    "A title with words that must wrap at a narrow width of the list",
    "Ærlig talt – æøå 漢字 wide 漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字",
    "Averyveryverylongwordwithoutanyspacesthatmustbefoldedacrosslinesforsure",
    "trailing spaces   ",
]


@pytest.mark.parametrize("width", [10, 20, 37, 42, 43, 44, 60, 90])
async def test_an_entry_s_height_is_the_lines_it_draws(tmp_path: Path, width: int) -> None:
    app = make_app(_deck(tmp_path, TITLES))
    async with app.run_test(size=(80, 24)):
        console = app.console
        for number, title in enumerate(TITLES, start=1):
            entry = overview._Entry(number, 2, title)
            options = app.console_options.update_width(width)
            lines = list(Segment.split_lines(console.render(entry, options)))
            assert entry.get_height(app.screen.styles, width) == len(lines), (title, width)
