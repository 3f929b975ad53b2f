"""Every key of every screen is worded in every catalogue, and English
words each one exactly as its binding is written."""

from __future__ import annotations

import pytest
from textual.binding import Binding

from tui.app import PodiumApp
from tui.audience.app import AudienceApp
from tui.i18n import english, languages, words_for
from tui.i18n.keys import translate, translate_all, word_keys
from tui.screens.audience import AudienceScreen
from tui.screens.confirm import ConfirmScreen
from tui.screens.help import HelpScreen
from tui.screens.overview import OverviewScreen
from tui.screens.presenter import PresenterScreen
from tui.voter.app import VoterApp

OWNERS = [
    (PodiumApp.HELP_BINDINGS, ""),
    (PresenterScreen.BINDINGS, ""),
    (HelpScreen.BINDINGS, ""),
    (ConfirmScreen.BINDINGS, ""),
    (OverviewScreen.BINDINGS, ""),
    (AudienceApp.BINDINGS, "audience"),
    (AudienceScreen.BINDINGS, "audience"),
    (VoterApp.BINDINGS, "voter"),
]

CASES = [
    (binding, scope)
    for bindings, scope in OWNERS
    for binding in Binding.make_bindings(bindings)
    if binding.description or binding.tooltip
]


@pytest.mark.parametrize(("binding", "scope"), CASES, ids=lambda value: str(value)[:60])
def test_english_words_each_key_as_written(binding: Binding, scope: str) -> None:
    worded = translate(binding, english(), scope)
    assert (worded.description, worded.tooltip) == (binding.description, binding.tooltip)


@pytest.mark.parametrize("code", languages())
def test_every_catalogue_words_every_key(code: str) -> None:
    words = words_for(code)
    for binding, scope in CASES:
        for tip, text in ((False, binding.description), (True, binding.tooltip)):
            if text:
                keys = word_keys(binding.action, scope, tip)
                assert any(words.has(key) for key in keys), f"{code}.json lacks {keys[-1]}"


def test_bokmal_words_the_presenters_footer() -> None:
    worded = {b.action: b for b in translate_all(PresenterScreen.BINDINGS, words_for("nb"))}
    assert worded["next"].description == "Neste"
    assert worded["previous"].description == "Tilbake"
    assert worded["scroll(1)"].tooltip == "Rull et langt lysbilde ned (notatene når bare de vises)"
    assert worded["vote(3)"].description == "Stem"
    # Keys with no words stay without (they are never listed).
    assert worded["erase_digit"].description == ""


def test_a_scope_words_a_key_that_means_something_else_there() -> None:
    nb = words_for("nb")
    (quit_key,) = [b for b in Binding.make_bindings(VoterApp.BINDINGS) if b.key == "q"]
    assert translate(quit_key, nb, "voter").tooltip == "Gå ut (stemmen din blir stående)"
    assert translate(quit_key, nb).tooltip == "Avslutt"
