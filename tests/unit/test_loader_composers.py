"""The deck loader gives the same deck, or the same FILE:LINE:COL problems, whichever
composer reads the file: libyaml's C composer (taken for ordinary files) or the exact
composer over the same parser's events. (The pure-Python parser differs from libyaml on
a few inputs, such as a tab inside a value, as it always has: tests/unit/test_loader.py
runs its cases with both parsers.)"""

from __future__ import annotations

import tracemalloc

import pytest
import yaml
from big_deck import big_deck
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_loader import FRAGMENTS

import tui.deck.yaml_source as yaml_source
from tui.deck import Deck, DeckError, load_deck_text
from tui.yamlcheck import c_compose
from tui.yamlcheck.nodes import Mapping, Scalar, Sequence

pytestmark = pytest.mark.skipif(not c_compose.available(getattr(yaml, "CSafeLoader", object)), reason="PyYAML without libyaml")

Outcome = Deck | tuple[list[str], tuple[str, int, int] | None]


def outcome(text: str) -> Outcome:
    """The deck, or every problem as printed (and the theme ``podium check`` is told of)."""
    try:
        return load_deck_text(text, "talk.yaml")
    except DeckError as error:
        return [str(problem) for problem in error.problems], error.theme


def both_ways(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[Outcome, Outcome]:
    """The outcome with the C composer, and with the exact composer over libyaml's events."""
    with monkeypatch.context() as patch:
        patch.setattr(yaml_source, "PARSER", yaml.CSafeLoader)
        c_composed = outcome(text)
        patch.setattr(c_compose, "available", lambda parser: False)
        return c_composed, outcome(text)


DECKS = {
    "ordinary": "title: Talk\nslides:\n  - title: One\n    body: |\n      - a\n      - b\n",
    "yaml 1.1 words": "slides:\n  - title: No\n    subtitle: on\n    body: 0777\n    attribution: 2012-09-19\n    reveal: yes\n",
    "flow text": "slides:\n  - title: [a, b]\n    body: {x: y}\n    columns: [Left, Right, '1.10']\n",
    "duplicate keys": "slides:\n  - title: a\n    title: b\n",
    "unknown key": "slides:\n  - titel: a\n",
    "tab indent": "slides:\n\t- title: a\n",
    "tab in value": "slides:\n  - title: a\tb\n",
    "syntax error": "slides:\n  - title: a: b\n",
    "unclosed quote": 'slides:\n  - title: "a\n',
    "second document": "slides:\n  - title: a\n---\nslides: []\n",
    "second document, broken": "slides:\n  - title: a\n---\n  - : [\n",
    "empty": "",
    "comments only": "# nothing\n",
    "document marker only": "---\n",
    "bare tag": "slides:\n  - title: ! 12\n",
    "bare tag, quoted": "slides:\n  - title: ! '12'\n    body: ! ~\n",
    "bare tag on a mapping": "slides:\n  - ! {title: a}\n",
    "verbatim bare tag": "slides:\n  - title: !<!> 12\n",
    "bare tag in flow": "slides:\n  - columns: [!, b]\n",
    "standard tag": "slides:\n  - title: !!str 12\n    body: !!int 5\n",
    "foreign tag": "slides:\n  - title: !!python/object:os.system x\n",
    "local tag": "slides:\n  - title: !x y\n",
    "exclamations": "slides:\n  - title: Wow !\n    body: Yes! ![pic](p.png) !\n",
    "anchor and alias": "base: &b {title: a}\nslides:\n  - *b\n  - <<: *b\n    body: x\n",
    "anchor, no alias": "slides:\n  - &s\n    title: a\n",
    "undefined alias": "slides:\n  - title: *nope\n",
    "alias inside itself": "slides: &s\n  - *s\n",
    "merge without alias": "slides:\n  - <<: {title: a}\n    body: b\n",
    "control escape": 'slides:\n  - title: "a\\e[2Jb"\n',
    "raw control": "slides:\n  - title: a\x07b\n",
    "crlf": "slides:\r\n  - title: a\r\n    body: |\r\n      x\r\n",
    "not allowed character": "slides:\n  - title: a\x00\n",
    "null slides": "slides:\n",
    "scalar top": "just text\n",
    "list top": "- title: a\n",
    "bad duration": "duration: soon\nslides:\n  - title: a\n    time: -1\n",
    "poll": "slides:\n  - title: Q?\n    poll:\n      options: [Yes, No, {id: x, text: Maybe}]\n      results: live\n",
    "bad poll": "slides:\n  - title: Q?\n    poll: {options: [only], id: '', multiple: maybe}\n",
    "notes list": "slides:\n  - body: |\n      - a\n      - b\n    reveal: true\n    notes: [x, y, z, w]\n",
    "non-text key": "slides:\n  - [a]: b\n    ? {x: y}\n    : c\n",
    "theme": "theme: paper\nslides:\n  - titel: a\n",
    "deep": "slides:\n  - title: " + "[" * 999 + "]" * 999 + "\n",
    "deeper": "slides:\n  - title: " + "[" * 1001 + "]" * 1001 + "\n",
}


@pytest.mark.parametrize("text", DECKS.values(), ids=DECKS.keys())
def test_every_composer_gives_the_same_outcome(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    c_composed, events = both_ways(text, monkeypatch)
    assert c_composed == events


def test_the_thousand_slide_deck_is_the_same_either_way(monkeypatch: pytest.MonkeyPatch) -> None:
    c_composed, events = both_ways(big_deck(1000), monkeypatch)
    assert isinstance(c_composed, Deck) and len(c_composed.slides) == 1000
    assert c_composed == events


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=st.lists(st.sampled_from([*FRAGMENTS, "! ", "!<!> ", "&b ", "*b", "Hi !"]), max_size=60))
def test_deck_shaped_text_is_the_same_either_way(parts: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    text = "".join(parts)
    c_composed, events = both_ways(text, monkeypatch)
    assert c_composed == events


def test_an_ordinary_file_is_composed_in_c_with_marks_kept() -> None:
    text = "title: Talk\nslides:\n  - title: 'One'\n    columns: [a, b]\n"
    composed, root = c_compose.c_compose(text, 100, 10)
    assert composed and isinstance(root, Mapping)
    (_, title), (slides_key, slides) = root.pairs
    assert isinstance(title, Scalar) and (title.value, title.style, title.tag) == ("Talk", None, None)
    assert (slides_key.line, slides_key.column) == (2, 1)
    assert isinstance(slides, Sequence) and not slides.flow
    slide = slides.items[0]
    assert isinstance(slide, Mapping) and (slide.line, slide.column) == (3, 5)
    (_, one), (_, columns) = slide.pairs
    assert (one.value, one.style, one.line, one.column) == ("One", "'", 3, 12)
    assert isinstance(columns, Sequence) and columns.flow
    assert (columns.start, columns.end, columns.end_line) == (text.index("[a"), text.index("]") + 1, 4)


@pytest.mark.parametrize(
    "text",
    [
        "a: ! x\n",
        "a: !!str x\n",
        "a: &x [1]\nb: *x\n",
        "a: *x\n",
        "a: 1\n---\nb: 2\n",
        "a: [\n",
        "a: " + "[" * 11 + "]" * 11 + "\n",
        "a: [" + ", ".join("x" * 100) + "]\n",
    ],
    ids=["bare tag", "tag", "alias", "undefined alias", "two documents", "syntax", "deep", "many"],
)
def test_an_unusual_file_is_left_to_the_exact_composer(text: str) -> None:
    assert c_compose.c_compose(text, 100, 10) == (False, None)


def test_too_many_values_stop_the_c_composer_before_it_builds_a_tree() -> None:
    text = "a: [" + ", ".join(["x"] * 200_000) + "]\n"
    tracemalloc.start()
    try:
        assert c_compose.c_compose(text, 1000, 10) == (False, None)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 5_000_000  # the whole tree would take tens of megabytes
