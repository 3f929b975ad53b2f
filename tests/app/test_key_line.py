"""The key line under the slide: the keys that act now, redrawn with the slide."""

from __future__ import annotations

from pathlib import Path

from conftest import SEED_DECK, FixedClock, fixed_now, in_english

from tui.app import make_app
from tui.deck import load_deck
from tui.polls.store import VoteStore
from tui.widgets.key_line import KeyLine


def _app(tmp_path: Path):
    deck = in_english(load_deck(SEED_DECK))
    store = VoteStore.open(tmp_path / "votes.sqlite3")
    return make_app(deck, store=store, clock=FixedClock(), now=fixed_now)


def _poll_slide(deck) -> int:
    return next(i for i, slide in enumerate(deck.slides) if slide.poll is not None) + 1


async def test_vote_keys_come_and_go_with_the_poll_slide(tmp_path: Path) -> None:
    app = _app(tmp_path)
    number = _poll_slide(app.deck)
    options = len(app.deck.slides[number - 1].poll.options)
    async with app.run_test(size=(120, 30)) as pilot:
        line = app.screen.query_one(KeyLine)
        assert f"1-{options}" not in str(line.render())
        await pilot.press("colon", *str(number), "enter")
        await pilot.pause()
        assert f"1-{options}" in str(line.render())
        await pilot.press("right")
        await pilot.pause()
        assert f"1-{options}" not in str(line.render())


async def test_a_click_on_a_key_presses_it(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        line = app.screen.query_one(KeyLine)
        start, _end, _binding, enabled = next(
            span for span in line._spans if span[2].action in ("next", "app.next", "screen.next")
        )
        assert enabled
        before = app.show.state.position.slide
        await pilot.click(KeyLine, offset=(start, 0))
        await pilot.pause()
        assert app.show.state.position.slide == before + 1


async def test_keys_drawn_are_the_screen_s_shown_bindings(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        line = app.screen.query_one(KeyLine)
        text = str(line.render())
        for binding, _enabled in line.keys():
            assert app.get_key_display(binding) in text
            assert binding.description in text


async def test_at_80_columns_quit_and_help_stay_readable_on_a_poll_slide(tmp_path: Path) -> None:
    """The Bokmål poll slide's keys are wider than 80 columns: the arrows lose their words."""
    deck = load_deck(SEED_DECK)  # lang: nb
    store = VoteStore.open(tmp_path / "votes.sqlite3")
    app = make_app(deck, store=store, clock=FixedClock(), now=fixed_now)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("colon", *str(_poll_slide(deck)), "enter")
        await pilot.pause()
        line = app.screen.query_one(KeyLine)
        text = str(line.render()).rstrip()
        assert len(text) <= line.size.width
        assert text.endswith("q Avslutt ? Hjelp")
        assert "r Resultat" in text and "Stem" in text
        assert "Neste" not in text  # the first keys speak for themselves
    wide = make_app(
        deck, store=VoteStore.open(tmp_path / "wide.sqlite3"), clock=FixedClock(), now=fixed_now
    )
    async with wide.run_test(size=(160, 24)) as pilot:
        await pilot.press("colon", *str(_poll_slide(deck)), "enter")
        await pilot.pause()
        assert "→ Neste" in str(wide.screen.query_one(KeyLine).render())
