"""The key line under the slide: the keys that act now, redrawn with the slide."""

from __future__ import annotations

from pathlib import Path

import msgspec
import pytest
from conftest import SEED_DECK, FixedClock, fixed_now, in_english
from rich.cells import cell_len

from tui.app import make_app
from tui.deck import load_deck
from tui.i18n import languages
from tui.polls.store import VoteStore
from tui.widgets.key_line import Drawn, KeyLine, Rank, fitting_keys, key_rank


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


def _in_language(deck, code: str):
    """``deck`` in the shipped language ``code`` (its polls too)."""
    deck = in_english(deck)
    return msgspec.structs.replace(deck, lang=code) if code != "en" else deck


def _shown(line: KeyLine) -> list[tuple[str, str]]:
    """The ``(key, description)`` pairs the line would draw with no width limit."""
    key_display = getattr(line.screen, "key_display", line.app.get_key_display)
    return [(key_display(binding), binding.description) for binding, _ in line.keys()]


def _check_line(line: KeyLine, shown: list[tuple[str, str]]) -> None:
    """The drawn line follows the rule of :func:`fitting_keys` and cuts no word."""
    text = str(line.render())
    width = line.keys_width()  # the status bar's keys leave the position its cells
    assert cell_len(text.rstrip()) <= width
    # Whole keys and whole descriptions only, in line order.
    drawn = fitting_keys(
        [
            (cell_len(key), cell_len(description), key_rank(binding.action))
            for (key, description), (binding, _) in zip(shown, line.keys(), strict=True)
        ],
        width,
    )
    expected = " ".join(
        key + (" " + description if draw is Drawn.WITH_WORDS else "")
        for (key, description), draw in zip(shown, drawn, strict=True)
        if draw is not Drawn.NOT
    )
    assert text.rstrip() == expected
    ranks = [key_rank(binding.action) for binding, _ in line.keys()]
    arrows = {
        draw for draw, rank in zip(drawn, ranks, strict=True) if rank is Rank.SPEAKS_FOR_ITSELF
    }
    assert len(arrows) <= 1, text  # the arrows keep their words together or lose them together


@pytest.mark.parametrize("code", languages())
async def test_at_80_and_100_columns_the_poll_slide_s_keys_shorten_by_one_rule(
    tmp_path: Path, code: str
) -> None:
    """On the poll slide (the widest line), in every shipped language."""
    deck = _in_language(load_deck(SEED_DECK), code)
    for width in (80, 100, 200):
        store = VoteStore.open(tmp_path / f"votes-{width}.sqlite3")
        app = make_app(deck, store=store, clock=FixedClock(), now=fixed_now)
        async with app.run_test(size=(width, 24)) as pilot:
            await pilot.press("colon", *str(_poll_slide(deck)), "enter")
            await pilot.pause()
            line = app.screen.query_one(KeyLine)
            shown = _shown(line)
            _check_line(line, shown)
            text = str(line.render())
            # Quit and help keep their words at 80 columns and wider.
            for key, description in shown[-2:]:
                assert f"{key} {description}" in text
            if width == 200:
                assert all(f"{key} {description}" in text for key, description in shown)


async def test_the_bokmal_poll_slide_at_80_columns_loses_only_the_arrows_words(
    tmp_path: Path,
) -> None:
    """Both arrows bare, every other key keeps its words (not "→ : ← Tilbake")."""
    deck = load_deck(SEED_DECK)  # lang: nb
    store = VoteStore.open(tmp_path / "votes.sqlite3")
    app = make_app(deck, store=store, clock=FixedClock(), now=fixed_now)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("colon", *str(_poll_slide(deck)), "enter")
        await pilot.pause()
        line = app.screen.query_one(KeyLine)
        text = str(line.render()).rstrip()
        assert len(text) <= line.keys_width()
        assert text.startswith("→ : Gå til ← o Oversikt s Notater ")
        assert text.endswith("Stem r Resultat q Avslutt ? Hjelp")
        assert "Neste" not in text and "Tilbake" not in text


@pytest.mark.parametrize("code", languages())
async def test_every_width_gives_a_line_that_follows_the_rule(tmp_path: Path, code: str) -> None:
    """From 20 to 120 columns: never more words at a narrower width, never a cut word."""
    deck = _in_language(load_deck(SEED_DECK), code)
    store = VoteStore.open(tmp_path / "votes.sqlite3")
    app = make_app(deck, store=store, clock=FixedClock(), now=fixed_now)
    async with app.run_test(size=(120, 24)) as pilot:
        await pilot.press("colon", *str(_poll_slide(deck)), "enter")
        await pilot.pause()
        line = app.screen.query_one(KeyLine)
        shown = _shown(line)
        keys = [
            (cell_len(key), cell_len(description), key_rank(binding.action))
            for (key, description), (binding, _) in zip(shown, line.keys(), strict=True)
        ]
    before: list[Drawn] | None = None
    order = [Drawn.NOT, Drawn.BARE, Drawn.WITH_WORDS]
    for width in range(20, 121):
        drawn = fitting_keys(keys, width)
        used = sum(
            key + 1 + (1 + description if draw is Drawn.WITH_WORDS else 0)
            for (key, description, _), draw in zip(keys, drawn, strict=True)
            if draw is not Drawn.NOT
        )
        assert used <= width
        if before is not None:  # one more column never takes a word away
            assert all(
                order.index(now) >= order.index(then)
                for now, then in zip(drawn, before, strict=True)
            ), width
        before = drawn
