"""The command palette speaks the talk's language: its prompt, "no matches",
Textual's own commands and the theme palette they open."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SEED_DECK, FixedClock, fixed_now, in_english
from textual.command import CommandInput, CommandList

from tui.app import make_app
from tui.deck import load_deck
from tui.i18n import languages, words_for
from tui.polls.store import VoteStore
from tui.screens.safe_lists import SafeCommandPalette


def _app(tmp_path: Path, code: str):
    deck = load_deck(SEED_DECK)  # lang: nb
    if code != "nb":
        import msgspec

        deck = in_english(deck)
        deck = msgspec.structs.replace(deck, lang=code) if code != "en" else deck
    store = VoteStore.open(tmp_path / "votes.sqlite3")
    return make_app(deck, store=store, clock=FixedClock(), now=fixed_now)


def _prompts(palette: SafeCommandPalette) -> list[str]:
    """The text of every option listed (titles and help lines)."""
    listed = palette.query_one(CommandList)
    prompts = []
    for index in range(listed.option_count):
        prompt = listed.get_option_at_index(index).prompt
        renderable = getattr(prompt, "renderable", prompt)  # "no matches" is centred
        prompts.append(str(getattr(renderable, "plain", renderable)))
    return prompts


async def _until(pilot, condition) -> None:
    """Let the palette search (in a worker) until ``condition()`` holds, or 10 s pass."""
    for _ in range(100):
        if condition():
            return
        await pilot.pause(0.1)


@pytest.mark.parametrize("code", languages())
async def test_the_palette_speaks_the_talk_s_language(tmp_path: Path, code: str) -> None:
    words = words_for(code)
    english = words_for("en")
    app = _app(tmp_path, code)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        palette = app.screen
        assert isinstance(palette, SafeCommandPalette)
        assert str(palette.query_one(CommandInput).placeholder) == words("palette.placeholder")
        await _until(pilot, lambda: len(_prompts(palette)) > 20)
        listed = "\n".join(_prompts(palette))
        for name in ("quit", "screenshot"):  # Textual's own commands
            assert words(f"palette.textual.{name}.help") in listed
        # One theme switcher: Podium's, with every theme the talk can use.
        assert "Change the current theme" not in listed  # Textual's theme list
        for name in ("contrast", "ks", "paper", "terminal"):
            assert words("palette.theme", name=name) in listed
        if code != "en":
            assert english("palette.textual.quit.help") not in listed
        await pilot.press(*"zzzq")
        no_matches = [words("palette.no_matches")]
        await _until(pilot, lambda: _prompts(palette) == no_matches)
        assert _prompts(palette) == no_matches


def test_bokmal_says_no_matches_in_bokmal() -> None:
    assert words_for("nb")("palette.no_matches") != words_for("en")("palette.no_matches")


async def test_the_commands_are_made_once_per_opening(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui.app_commands

    made = []
    real = tui.app_commands.podium_commands

    def counted(app):
        made.append(1)
        return real(app)

    monkeypatch.setattr(tui.app_commands, "podium_commands", counted)
    app = _app(tmp_path, "en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        palette = app.screen
        await _until(pilot, lambda: len(_prompts(palette)) > 20)
        await pilot.press(*"lys")
        await _until(pilot, lambda: len(_prompts(palette)) < 20)
        assert len(made) == 1
        await pilot.press("escape", "ctrl+p")
        await _until(pilot, lambda: len(_prompts(app.screen)) > 20)
        assert len(made) == 2  # a new opening sees what changed since (a poll reset ...)
