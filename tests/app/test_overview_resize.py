"""The overview after a terminal resize: every entry as tall as its title needs, no stale blank row."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SEED_DECK, FixedClock, fixed_now, in_english

from tui.app import make_app
from tui.deck import load_deck
from tui.polls.store import VoteStore


def _rows(overview) -> list[str]:
    return [
        "".join(segment.text for segment in line).rstrip()
        for line in overview.render_lines(overview.region.reset_offset)
    ]


@pytest.mark.parametrize("small", [(40, 10), (60, 15), (50, 24)])
async def test_no_blank_row_is_left_from_a_smaller_size(tmp_path: Path, small: tuple[int, int]) -> None:
    deck = in_english(load_deck(SEED_DECK))
    store = VoteStore.open(tmp_path / "votes.sqlite3")
    app = make_app(deck, store=store, clock=FixedClock(), now=fixed_now)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("o")
        await pilot.pause()
        overview = app.screen.query_one("#overview-list")
        before = _rows(overview)
        await pilot.resize_terminal(*small)
        await pilot.pause()
        await pilot.pause()
        await pilot.resize_terminal(100, 30)
        for _ in range(5):
            await pilot.pause()
        after = _rows(overview)
        assert after == before
        # Every row of an entry holds text: a title one line long takes one row.
        titled = [row for row in after if row.strip()]
        assert len(titled) == len(deck.slides) + sum(row.startswith("     ") for row in titled)
