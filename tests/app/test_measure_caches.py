"""What Rich measured for a slide is let go once its frame is out."""

from __future__ import annotations

from conftest import SEED_DECK, FixedClock, fixed_now, in_english
from rich.cells import cached_cell_len, cell_len

from tui.app import make_app
from tui.deck import load_deck
from tui.measure_caches import forget_measures


def test_forgetting_empties_the_caches_and_answers_stay_right() -> None:
    assert cell_len("samordning æøå") == 14
    assert cached_cell_len.cache_info().currsize > 0
    forget_measures()
    assert cached_cell_len.cache_info().currsize == 0
    assert cell_len("samordning æøå") == 14  # measured again, the same
    assert cell_len("漢字") == 4


async def test_a_walk_of_the_deck_keeps_no_measures_of_slides_left_behind() -> None:
    deck = in_english(load_deck(SEED_DECK))
    app = make_app(deck, clock=FixedClock(), now=fixed_now)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(len(deck.slides)):
            await pilot.press("right")
            await pilot.pause()
        await pilot.press("s")  # the notes pane: its words too
        for _ in range(5):
            await pilot.pause()
        assert app.show.state.position.slide == len(deck.slides) - 1
        # Every word of every slide was measured on the way (over a thousand
        # strings); once the last frame is out none of them is kept.
        assert cached_cell_len.cache_info().currsize < 50
