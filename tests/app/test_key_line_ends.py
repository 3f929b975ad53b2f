"""At the deck's ends the key line dims the keys with nowhere to go."""

from __future__ import annotations

from pathlib import Path

from conftest import SEED_DECK, FixedClock, fixed_now, in_english

from tui.app import make_app
from tui.deck import load_deck
from tui.navigation import Position, ends
from tui.polls.store import VoteStore
from tui.widgets.key_line import KeyLine

DECK = """\
title: Ends
slides:
  - title: One
    body: first
  - title: Two
    reveal: true
    body: |
      - a
      - b
"""


def _enabled(app) -> dict[str, bool]:
    """Per action shown on the key line: whether it acts (False: drawn dimmed)."""
    line = app.screen.query_one(KeyLine)
    return {binding.action: enabled for binding, enabled in line.keys()}


def _app(deck, tmp_path: Path):
    store = VoteStore.open(tmp_path / "votes.sqlite3")
    return make_app(deck, store=store, clock=FixedClock(), now=fixed_now)


def test_ends_of_a_deck_count_reveal_steps(tmp_path: Path) -> None:
    path = tmp_path / "ends.yaml"
    path.write_text(DECK, encoding="utf-8")
    deck = load_deck(path)
    assert ends(deck, Position(0, 0)) == (True, False)
    assert ends(deck, Position(1, 0)) == (False, False)  # two steps left on the last slide
    assert ends(deck, Position(1, 2)) == (False, True)


async def test_back_is_dimmed_on_the_first_slide_next_on_the_last(tmp_path: Path) -> None:
    app = _app(in_english(load_deck(SEED_DECK)), tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert _enabled(app)["previous"] is False
        assert _enabled(app)["next"] is True
        await pilot.press("right")
        await pilot.pause()
        assert _enabled(app)["previous"] is True
        await pilot.press("end")
        await pilot.pause()
        assert _enabled(app)["next"] is False
        assert _enabled(app)["previous"] is True
        line = str(app.screen.query_one(KeyLine).render())
        assert "→ Next" in line  # dimmed, in its place: the line does not shift
        await pilot.press("right")  # nowhere to go: nothing happens
        await pilot.pause()
        assert app.show.state.position.slide == len(app.deck.slides) - 1
        await pilot.press("left")
        await pilot.pause()
        assert _enabled(app)["next"] is True
        await pilot.press("home")
        await pilot.pause()
        assert _enabled(app)["previous"] is False


async def test_next_acts_on_the_last_slide_while_steps_are_left(tmp_path: Path) -> None:
    path = tmp_path / "ends.yaml"
    path.write_text(DECK, encoding="utf-8")
    app = _app(load_deck(path), tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right")
        await pilot.pause()
        assert app.show.state.position == (1, 0)
        assert _enabled(app)["next"] is True
        await pilot.press("right")
        await pilot.pause()
        assert _enabled(app)["next"] is True  # one step left
        await pilot.press("right")
        await pilot.pause()
        assert app.show.state.position == (1, 2)
        assert _enabled(app)["next"] is False
        await pilot.press("left")
        await pilot.pause()
        assert _enabled(app)["next"] is True
