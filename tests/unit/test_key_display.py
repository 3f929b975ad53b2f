"""Plain keys are shown as Textual shows them, without its Unicode name lookups."""

from __future__ import annotations

import string
import unicodedata
from pathlib import Path

import pytest
import textual.app
import textual.keys
import textual.screen
from conftest import SEED_DECK, FixedClock, fixed_now
from textual.app import App
from textual.binding import Binding
from textual.keys import KEY_DISPLAY_ALIASES, _character_to_key

from tui.app import make_app
from tui.deck import load_deck
from tui.key_display import PUNCTUATION, key_to_character, plain_key_display
from tui.polls.store import VoteStore

# "+" joins modifiers: a binding names that key "plus".
PLAIN = [*string.ascii_letters, *string.digits, *string.punctuation.replace("+", ""), *PUNCTUATION]
PLAIN += ["ctrl+p", "ctrl+question_mark", "shift+ctrl+a", "alt+colon", "ctrl+shift+alt+x"]


@pytest.mark.parametrize("key", PLAIN)
def test_a_plain_key_shows_as_textual_shows_it(key: str) -> None:
    binding = Binding(key, "noop")
    shown = plain_key_display(key)
    assert shown
    assert shown == App.get_key_display(App(), binding)


def test_the_table_names_every_ascii_punctuation_key_as_textual_does() -> None:
    assert PUNCTUATION == {_character_to_key(ch): ch for ch in string.punctuation}


@pytest.mark.parametrize(
    "key", ["right", "f1", "space", "escape", "shift+tab", " ", "ctrl+right", "ctrl+f1"]
)
def test_other_keys_are_left_to_textual(key: str) -> None:
    assert plain_key_display(key) == ""


def test_a_bindings_own_key_display_wins() -> None:
    assert plain_key_display("question_mark", "F1") == "F1"


async def test_the_key_line_looks_up_no_key_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On the key line Textual formats only the keys it shows without a lookup (arrows ...)."""
    formatted: list[str] = []
    real = textual.app.format_key

    def recording(key: str) -> str:
        formatted.append(key)
        return real(key)

    monkeypatch.setattr(textual.app, "format_key", recording)
    store = VoteStore.open(tmp_path / "votes.sqlite3")
    app = make_app(load_deck(SEED_DECK), store=store, clock=FixedClock(), now=fixed_now)
    async with app.run_test(size=(100, 30)) as pilot:
        for key in ("right", "s", "right"):
            await pilot.press(key)
            await pilot.pause()
    assert formatted, "the key line showed no named key"
    assert set(formatted) <= set(KEY_DISPLAY_ALIASES), formatted


@pytest.mark.parametrize(
    "key",
    [*PLAIN, "right", "f1", "space", "escape", "shift+tab", "tab", "enter", "plus_sign"],
)
def test_a_keys_character_is_the_one_textual_finds(key: str) -> None:
    assert key_to_character(key) == textual.keys.key_to_character(key)


async def test_pressing_keys_looks_up_no_unicode_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Textual's screens ask the app's keys for their characters: none by name."""
    looked_up: list[str] = []

    class Names:
        def __getattr__(self, name: str) -> object:
            return getattr(unicodedata, name)

        @staticmethod
        def lookup(name: str) -> str:
            looked_up.append(name)
            return unicodedata.lookup(name)

    monkeypatch.setattr(textual.keys, "unicodedata", Names())
    store = VoteStore.open(tmp_path / "votes.sqlite3")
    app = make_app(load_deck(SEED_DECK), store=store, clock=FixedClock(), now=fixed_now)
    assert textual.screen.key_to_character is key_to_character
    async with app.run_test(size=(100, 30)) as pilot:
        for key in ("right", "s", "right", "left"):
            await pilot.press(key)
            await pilot.pause()
        assert app.screen._binding_chain  # what a key press gathers
    assert not looked_up, looked_up
