"""The loader's shortcuts give what the long way gives: without libyaml, for slugs and
for poll option ids."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
import unicodedata
from collections import Counter
from pathlib import Path

from big_deck import big_deck
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.deck import DeckError, load_deck_text
from tui.deck.poll_options import MAX_OPTION_ID, derive_option_ids
from tui.deck.slug import MAX_SLUG, slug

TESTS = Path(__file__).resolve().parents[1]

BAD_DECKS = [
    "slides:\n  - title: a\n    title: b\n",
    "slides:\n  - titel: a\n    reveal: maybe\n",
    "slides:\n  - title: a: b\n",
    "slides:\n  - title: !!python/object x\n",
    "base: &b {title: a}\nslides:\n  - *b\n  - *c\n",
    "slides:\n  - title: Q\n    poll: {options: [Yes, yes]}\n",
    "slides:\n  - title: a\n---\nslides: []\n",
]

OUTCOMES = """
import json, sys
sys.path[:0] = [sys.argv[1]]
from big_deck import big_deck
from tui.deck import DeckError, load_deck_text
def outcome(text):
    try:
        deck = load_deck_text(text, "talk.yaml")
    except DeckError as error:
        return [str(problem) for problem in error.problems]
    return [len(deck.slides), [slide.line for slide in deck.slides], [poll.ids for poll in deck.polls]]
print(json.dumps([outcome(text) for text in [big_deck(200), *json.loads(sys.argv[2])]]))
"""


def outcome(text: str) -> object:
    try:
        deck = load_deck_text(text, "talk.yaml")
    except DeckError as error:
        return [str(problem) for problem in error.problems]
    return [len(deck.slides), [slide.line for slide in deck.slides], [list(poll.ids) for poll in deck.polls]]


def test_without_libyaml_the_loader_gives_the_same_results() -> None:
    # PyYAML built without libyaml: its C module cannot be imported.
    code = "import sys; sys.modules['yaml._yaml'] = None\nimport yaml\nassert not yaml.__with_libyaml__\n" + OUTCOMES
    run = subprocess.run(
        [sys.executable, "-c", code, str(TESTS), json.dumps(BAD_DECKS)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout) == [outcome(text) for text in [big_deck(200), *BAD_DECKS]]


# -- slugs and option ids, against the long way ----------------------------------

_FOLD = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "ß": "ss", "œ": "oe", "ð": "d", "þ": "th"})


def slug_the_long_way(text: str, *, fold_letters: bool = True) -> str:
    if fold_letters:
        ascii_text = unicodedata.normalize("NFKD", text.lower().translate(_FOLD)).encode("ascii", "ignore").decode()
    else:
        ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:MAX_SLUG].rstrip("-")


def option_ids_the_long_way(poll_id: str, texts: list[str], explicit: list[str | None]) -> tuple[str, ...]:
    given = [explicit[index] if index < len(explicit) else None for index in range(len(texts))]
    taken = {each for each in given if each}
    slugs = [slug_the_long_way(text)[:MAX_OPTION_ID] for text in texts]
    uses = Counter(each for each, written in zip(slugs, given, strict=True) if not written)
    ids = []
    for text, each, written in zip(texts, slugs, given, strict=True):
        if written:
            ids.append(written)
        elif each and uses[each] == 1 and each not in taken:
            ids.append(each)
        else:
            digest = hashlib.sha256(f"{poll_id}\n{text}".encode()).hexdigest()[:6]
            ids.append(f"{(each or 'option')[: MAX_OPTION_ID - 7]}-{digest}")
    return tuple(ids)


WORDS = st.text(st.sampled_from("aB1 -_!?æøåÆØÅßœðþéÉİıﬁ½\u0301"), max_size=50)


@settings(max_examples=500, deadline=None)
@given(WORDS, st.booleans())
def test_slugs_are_what_the_long_way_makes(text: str, fold_letters: bool) -> None:
    assert slug(text, fold_letters=fold_letters) == slug_the_long_way(text, fold_letters=fold_letters)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["Yes", "yes", "No", "Åpen", "apen", "!", "", "x" * 50, "Ja"]), max_size=9),
    st.lists(st.sampled_from([None, None, "yes", "open"]), max_size=9),
)
def test_option_ids_are_what_the_long_way_makes(texts: list[str], explicit: list[str | None]) -> None:
    assert derive_option_ids("q", texts, explicit) == option_ids_the_long_way("q", texts, explicit)
