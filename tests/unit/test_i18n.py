"""The catalogues: every key used in code exists in every language, with the
same placeholders; plural forms; how a deck's ``lang:`` picks a language."""

from __future__ import annotations

import ast
import json
import re
import string
from pathlib import Path

import pytest

from tui.i18n import ENGLISH, Words, english, languages, match_language, words_for

TUI = Path(__file__).resolve().parents[2] / "tui"
CATALOGUES = TUI / "i18n"

_PREFIXES = (
    "poll",
    "audience",
    "voter",
    "screen",
    "confirm",
    "help",
    "overview",
    "status",
    "notes",
    "pace",
    "notice",
    "palette",
)
_KEY = re.compile(rf"^(?:{'|'.join(_PREFIXES)})\.[a-z_]+(?:\.[a-z_]+)*$")


def _keys_used_in_code() -> set[str]:
    """Every string literal in tui/ that looks like a catalogue key."""
    found: set[str] = set()
    for path in TUI.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if _KEY.match(node.value) and not node.value.endswith((".tcss", ".json")):
                    found.add(node.value)
    return found


def _placeholders(entry: object) -> set[str]:
    texts = entry.values() if isinstance(entry, dict) else [entry]
    names: set[str] = set()
    for text in texts:
        assert isinstance(text, str)
        names |= {name for _, name, _, _ in string.Formatter().parse(text) if name}
    return names


def test_the_shipped_languages() -> None:
    assert languages() == ("en", "nb")
    assert words_for("nb").name == "norsk bokmål"


def test_every_key_used_in_code_is_in_every_catalogue() -> None:
    used = _keys_used_in_code()
    assert len(used) > 40  # the scan finds the keys (poll.voters, voter.who, ...)
    for code in languages():
        missing = sorted(key for key in used if not words_for(code).has(key))
        assert not missing, f"{code}.json lacks {missing}"


@pytest.mark.parametrize("code", [code for code in languages() if code != ENGLISH])
def test_every_catalogue_has_englishs_keys_and_placeholders(code: str) -> None:
    english_words, other = english(), words_for(code)
    assert other.keys() == english_words.keys()
    for key in english_words.keys():
        assert _placeholders(other.entry(key)) == _placeholders(english_words.entry(key)), key
        if isinstance(english_words.entry(key), dict):
            assert isinstance(other.entry(key), dict), f"{code}: {key} needs plural forms"


@pytest.mark.parametrize("code", languages())
def test_catalogue_files_are_plain_json_with_known_plural_rules(code: str) -> None:
    data = json.loads((CATALOGUES / f"{code}.json").read_text(encoding="utf-8"))
    assert data["_plural"] in ("one_other", "one_few_many", "other")
    for key, entry in data.items():
        if isinstance(entry, dict):
            assert {"one", "other"} <= set(entry) or set(entry) == {"other"}, key
        else:
            assert isinstance(entry, str), key
        # Short enough to read on an 80-column screen: at most two lines' worth.
        for text in entry.values() if isinstance(entry, dict) else [entry]:
            assert len(text) <= 160, key


def test_plural_forms() -> None:
    en, nb = words_for("en"), words_for("nb")
    assert en("poll.voters", count=1) == "1 voter"
    assert en("poll.voters", count=11) == "11 voters"
    assert en("poll.voters", count=0) == "0 voters"
    assert nb("poll.voters", count=1) == "1 stemme"
    assert nb("poll.voters", count=11) == "11 stemmer"
    assert nb("notice.restored", count=1, question="Q") == "Hentet tilbake 1 stemme på «Q»."


def test_values_are_inserted_as_text() -> None:
    nb = words_for("nb")
    shown = nb("notice.closed", question="[b]{count}[/b]")
    assert shown == "Stengte «[b]{count}[/b]»: ingen flere stemmer."


def test_a_key_missing_from_a_catalogue_falls_back_to_english() -> None:
    partial = Words("xx", {"poll.closed": "zu"}, english())
    assert partial("poll.closed") == "zu"
    assert partial("poll.voters", count=2) == "2 voters"


@pytest.mark.parametrize(
    ("tag", "code"),
    [
        (None, "en"),
        ("", "en"),
        ("en", "en"),
        ("en-GB", "en"),
        ("EN-us", "en"),
        ("nb", "nb"),
        ("nb-NO", "nb"),
        ("NB_no", "nb"),
        ("no", "nb"),
        ("No", "nb"),
        ("no-NO", "nb"),
        (" nb ", "nb"),
        ("nn", None),
        ("sv-SE", None),
        ("norsk", None),
        ("n", None),
        ("nb NO", None),
        ("[nb]", None),
    ],
)
def test_matching_a_language_tag(tag: str | None, code: str | None) -> None:
    assert match_language(tag) == code


def test_an_unknown_language_reads_english() -> None:
    assert words_for("sv-SE") is english()
    assert words_for("nb-NO") is words_for("nb")


def test_the_fallback_is_read_only_when_a_key_is_missing() -> None:
    reads: list[str] = []

    def read_english() -> Words:
        reads.append("en")
        return english()

    partial = Words("xx", {"poll.closed": "zu"}, read_english)
    assert partial("poll.closed") == "zu" and not reads
    assert partial("poll.voters", count=2) == "2 voters"
    assert partial("poll.voters", count=3) == "3 voters"
    assert reads == ["en"]  # once


async def test_a_talk_in_bokmal_reads_only_bokmals_words(tmp_path: Path) -> None:
    from conftest import SEED_DECK, FixedClock, fixed_now

    import tui.i18n
    from tui.app import make_app
    from tui.deck import load_deck
    from tui.polls.store import VoteStore

    tui.i18n._load.cache_clear()
    deck = load_deck(SEED_DECK)
    assert deck.lang == "nb"
    store = VoteStore.open(tmp_path / "votes.sqlite3")
    app = make_app(deck, store=store, clock=FixedClock(), now=fixed_now)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s", *["right"] * len(deck.slides))
        await pilot.pause()
        assert app.words.code == "nb"
    assert tui.i18n._load.cache_info().currsize == 1  # nb alone, not English besides
