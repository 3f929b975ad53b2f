"""A deck's ``lang:``: read as written, given to its polls, checked by ``podium check``."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SEED_DECK

from tui.cli import main
from tui.deck import DeckError, load_deck, load_deck_text


def test_lang_is_kept_as_written_with_where_it_is() -> None:
    deck = load_deck_text("title: T\nlang: nb-NO\nslides:\n  - {title: Q, poll: {options: [Ja, Nei]}}\n")
    assert deck.lang == "nb-NO"
    assert deck.lang_at == (2, 7)
    poll = deck.slides[0].poll
    assert poll is not None and poll.lang == "nb-NO"


def test_no_lang_means_english() -> None:
    deck = load_deck_text("slides: [{title: Hi, poll: {options: [a, b]}}]")
    assert deck.lang == "" and deck.lang_at == (0, 0)
    assert deck.slides[0].poll is not None and deck.slides[0].poll.lang == ""


def test_lang_no_stays_text() -> None:
    # YAML 1.1 would read `no` as false; it is Norwegian.
    assert load_deck_text("lang: no\nslides: [{title: Hi}]").lang == "no"


def test_lang_that_is_not_text_is_an_error() -> None:
    with pytest.raises(DeckError) as caught:
        load_deck_text("lang:\n  code: nb\nslides: [{title: Hi}]", "talk.yaml")
    assert str(caught.value).startswith("talk.yaml:2:3: lang must be text")


def test_the_default_deck_is_in_bokmal() -> None:
    assert load_deck(SEED_DECK).lang == "nb"


def test_check_warns_about_an_unknown_language_and_succeeds(tmp_path: Path, capsys) -> None:
    deck = tmp_path / "talk.yaml"
    deck.write_text("title: Tal\nlang: sv-SE\nslides: [{title: Hej}]\n", encoding="utf-8")
    assert main(["check", str(deck)]) == 0
    out, err = capsys.readouterr()
    assert out.startswith(f"{deck}: OK: 1 slide")
    assert err.splitlines() == [
        f"{deck}:2:7: warning: Podium has no words for the language 'sv-SE', so the talk's"
        " screens will be in English; lang: takes a BCP 47 tag of one of:"
        " en (English), nb (norsk bokmål)"
    ]


@pytest.mark.parametrize("tag", ["nb", "nb-NO", "no", "en", "en-GB"])
def test_check_is_quiet_about_a_known_language(tag: str, tmp_path: Path, capsys) -> None:
    deck = tmp_path / "talk.yaml"
    deck.write_text(f"lang: {tag}\nslides: [{{title: Hei}}]\n", encoding="utf-8")
    assert main(["check", str(deck)]) == 0
    assert capsys.readouterr().err == ""
