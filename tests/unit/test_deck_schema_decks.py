"""Decks against the JSON Schema: every valid deck in the repository passes,
the invalid ones fail where a schema can tell, and generated decks show the
schema and the loader agree."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.cli.new import starter_text
from tui.deck import DeckError, load_deck, load_deck_text
from tui.paths import bundled_starter_deck

pytest.importorskip("jsonschema", reason="jsonschema is in the test extra")

from test_deck_schema import loader_accepts, schema_errors

REPO = Path(__file__).resolve().parents[2]


def _repository_decks() -> list[Path]:
    decks = [
        REPO / "slides.yaml",
        bundled_starter_deck(),
        *sorted((REPO / "tests").rglob("*.yaml")),
    ]
    return [path for path in decks if "snapshots" not in path.parts]


def _loads(path: Path) -> bool:
    try:
        load_deck(path)
    except DeckError:
        return False
    return True


VALID = [path for path in _repository_decks() if _loads(path)]
INVALID = [path for path in _repository_decks() if not _loads(path)]


@pytest.mark.parametrize("path", VALID, ids=lambda path: str(path.relative_to(REPO)))
def test_every_valid_deck_in_the_repository_passes_the_schema(path: Path) -> None:
    assert schema_errors(path.read_text(encoding="utf-8")) == []


def test_the_decks_podium_new_writes_pass_the_schema() -> None:
    text = starter_text()
    assert loader_accepts(text)
    assert schema_errors(text) == []


@pytest.mark.parametrize("path", INVALID, ids=lambda path: str(path.relative_to(REPO)))
def test_every_invalid_deck_in_the_repository_fails_the_schema(path: Path) -> None:
    assert schema_errors(path.read_text(encoding="utf-8"))


def test_the_repository_has_valid_and_invalid_decks() -> None:
    assert len(VALID) >= 6
    assert [path.name for path in INVALID] == ["three_problems.yaml"]


BAD_DECKS = {
    "empty file": "",
    "top is a list": "- title: A\n",
    "no slides": "title: Talk\n",
    "slides empty": "slides: []\n",
    "slides a mapping": "slides: {title: A}\n",
    "slide a word": "slides: [Hello]\n",
    "unknown top key": "titel: Talk\nslides: [{title: A}]\n",
    "slide key at the top": "body: x\nslides: [{title: A}]\n",
    "unknown slide key": "slides: [{titel: A}]\n",
    "unknown poll key": "slides: [{title: A, poll: {options: [x, y], multi: true}}]\n",
    "unknown option key": "slides:\n  - title: A\n    poll:\n      options:\n"
    "        - {id: x, txt: X}\n        - y\n",
    "nothing to show": "slides: [{layout: section}]\n",
    "empty title": 'slides: [{title: ""}]\n',
    "unknown layout": "slides: [{title: A, layout: colums}]\n",
    "reveal maybe": "slides: [{title: A, reveal: maybe}]\n",
    "reveal a number": "slides: [{title: A, reveal: 1}]\n",
    "time soon": "slides: [{title: A, time: soon}]\n",
    "time zero": "slides: [{title: A, time: 0}]\n",
    "time fraction": "slides: [{title: A, time: 1.5}]\n",
    "duration zero": "duration: 0m\nslides: [{title: A}]\n",
    "text as a block list": "slides:\n  - title:\n      - A\n      - B\n",
    "text as a block mapping": "slides:\n  - title:\n      a: b\n",
    "escape in text": 'slides: [{title: "\\e[2J"}]\n',
    "bidi override in text": 'slides: [{title: "a\\u202eb"}]\n',
    "one column": "slides: [{title: A, columns: [x]}]\n",
    "five columns": "slides: [{title: A, columns: [a, b, c, d, e]}]\n",
    "columns on a quote": "slides: [{layout: quote, body: x, columns: [a, b]}]\n",
    "layout columns without columns": "slides: [{title: A, layout: columns}]\n",
    "poll on a title slide": "slides: [{title: A, layout: title, poll: {options: [x, y]}}]\n",
    "poll with columns": "slides: [{title: A, columns: [a, b], poll: {options: [x, y]}}]\n",
    "layout poll without poll": "slides: [{title: A, layout: poll}]\n",
    "poll a list": "slides: [{title: A, poll: [x, y]}]\n",
    "poll without options": "slides: [{title: A, poll: {id: p}}]\n",
    "one option": "slides: [{title: A, poll: {options: [x]}}]\n",
    "ten options": "slides: [{title: A, poll: {options: [a, b, c, d, e, f, g, h, i, j]}}]\n",
    "empty option": 'slides: [{title: A, poll: {options: [x, "  "]}}]\n',
    "option without text": "slides: [{title: A, poll: {options: [{id: x}, y]}}]\n",
    "empty option id": 'slides: [{title: A, poll: {options: [{id: "", text: x}, y]}}]\n',
    "long option id": "slides: [{title: A, poll: {options: [{id: LONG, text: x}, y]}}]\n".replace(
        "LONG", "x" * 41
    ),
    "empty poll id": 'slides: [{title: A, poll: {id: "", options: [x, y]}}]\n',
    "poll without a question": "slides: [{body: x, poll: {options: [x, y]}}]\n",
    "results later": "slides: [{title: A, poll: {options: [x, y], results: later}}]\n",
    "step notes without reveal": "slides:\n  - title: A\n    notes:\n      - a\n      - b\n",
}


@pytest.mark.parametrize("name", sorted(BAD_DECKS))
def test_invalid_decks_fail_the_loader_and_the_schema(name: str) -> None:
    text = BAD_DECKS[name]
    assert not loader_accepts(text), text
    assert schema_errors(text), text


NOT_EXPRESSIBLE = {
    # Uniqueness across slides: a schema compares values within one array only.
    "poll ids used twice": "slides:\n  - {title: A, poll: {id: p, options: [x, y]}}\n"
    "  - {title: B, poll: {id: p, options: [x, y]}}\n",
    # Ids made from the question: a schema cannot make slugs.
    "questions with the same id": "slides:\n  - title: Ready?\n    poll: {options: [x, y]}\n"
    "  - title: ready\n    poll: {options: [x, y]}\n",
    # Options compared after case folding: uniqueItems compares exactly (and
    # 1.0 and 1.00 are one JSON number but two texts), so it is not used.
    "options that differ in case": "slides: [{title: A, poll: {options: [Yes, yes]}}]\n",
    "option ids used twice": "slides: [{title: A, poll: {options: [{id: a, text: X}, "
    "{id: a, text: Y}]}}]\n",
    # Counting the Markdown list items of the body.
    "more notes blocks than steps": "slides:\n  - title: A\n    reveal: true\n"
    "    body: |\n      - one\n    notes:\n      - a\n      - b\n      - c\n",
    "step notes on a body without a list": "slides:\n  - title: A\n    reveal: true\n"
    "    body: no list\n    notes:\n      - a\n      - b\n",
    # YAML level: the data a schema sees has one of the keys (editors flag it).
    "duplicate keys": "slides: [{title: A, title: B}]\n",
}
"""Problems the loader finds that no JSON Schema can express, and why."""


@pytest.mark.parametrize("name", sorted(NOT_EXPRESSIBLE))
def test_problems_no_schema_can_express_are_left_to_podium_check(name: str) -> None:
    text = NOT_EXPRESSIBLE[name]
    assert not loader_accepts(text), text
    assert schema_errors(text) == [], text


def test_a_one_line_list_written_as_text_is_the_schemas_one_stricter_case() -> None:
    # The loader keeps `title: [a, b]` as the text "[a, b]"; to a schema it is a
    # list, which no editor should suggest as a title.
    text = "slides: [{title: [a, b]}]\n"
    assert loader_accepts(text)
    assert schema_errors(text)


# -- generated decks -----------------------------------------------------------

TEXTS = ["Hello", '""', "~", "No", "1.10", "2012-09-19", '"  "', "yes", "45", "'- a'", "on"]
GOOD: dict[str, list[str]] = {
    "layout": ["title", "section", "content", "quote", "columns", "poll", "Title", " Poll "],
    "title": TEXTS,
    "subtitle": TEXTS,
    "body": [*TEXTS, '"Intro\\n\\n- a\\n- b\\n"'],
    "attribution": TEXTS,
    "notes": [*TEXTS, "BLOCKS1", "BLOCKS2", "BLOCKS3"],
    "reveal": ["true", "yes", "On", "no", "OFF"],
    "time": ["1m", "90s", "45", "~", "1h 30m", "0h 5s", "2 min"],
    "columns": ["[A, B]", "[A, B, C, D]", "[A, '']", "[1, ~, No]"],
    "poll": ["{options: [Yes, No]}", "{id: p, options: [A, B], results: live}",
             "{options: [{id: a, text: A}, B]}", "{options: [{text: A}, {text: B}], question: Q}",
             "{options: [A, B], multiple: yes}", "{options: [A, B], question: ''}",
             "{options: [A, B], results: ON REVEAL}", "{options: [a, b, c, d, e, f, g, h, i]}"],
}  # fmt: skip
BAD: dict[str, list[str]] = {
    "layout": ["colums", "1", '""'],
    "title": ['"\\e[2J"', '"a\\u202eb"'],
    "reveal": ["maybe", "1", '""', "~"],
    "time": ["0", "soon", "1.5", "-3"],
    "columns": ["[A]", "[A, B, C, D, E]", "Hello"],
    "poll": ["{options: [A]}", "{options: [A, '']}", "{id: '', options: [A, B]}",
             "{options: [A, B], results: later}", "[A, B]", "{options: [A, B], multiple: 2}",
             "{options: [a, b, c, d, e, f, g, h, i, j]}", "{options: [{id: a}, B]}"],
}  # fmt: skip
TOP_GOOD: dict[str, list[str]] = {
    "title": TEXTS,
    "date": TEXTS,
    "duration": ["20m", "45", "~"],
    "theme": ["ks", '""'],
}
TOP_BAD: dict[str, list[str]] = {"duration": ["0", "soon", "1.5"]}


def _value(key: str, value: str) -> str:
    if value.startswith("BLOCKS"):
        blocks = int(value[-1])
        return "\n" + "".join(f"      - block {index}\n" for index in range(blocks)).rstrip("\n")
    return value


def _mapping(
    good: dict[str, list[str]], bad: dict[str, list[str]], *, min_size: int, always: str = ""
) -> Any:
    """Mappings of a few keys (``always`` among them), each value valid more often than not."""
    pools = {key: (good.get(key, []), bad.get(key, [])) for key in {*good, *bad}}

    def value(key: str) -> Any:
        right, wrong = pools[key]
        if not right:
            return st.sampled_from(wrong)
        if not wrong:
            return st.sampled_from(right)
        return st.sampled_from(right * 3 + wrong)

    keys = st.lists(
        st.sampled_from(sorted(pools)),
        min_size=min_size,
        max_size=3,
        unique=True,
    )
    return keys.map(lambda chosen: [always, *chosen] if always else chosen).flatmap(
        lambda chosen: st.fixed_dictionaries({key: value(key) for key in chosen})
    )


deck_strategy = st.tuples(
    _mapping(TOP_GOOD, TOP_BAD, min_size=0),
    st.lists(_mapping(GOOD, BAD, min_size=0, always="title"), min_size=1, max_size=3),
)

LEFT_TO_THE_LOADER = re.compile(
    r"is already used by the poll|is listed twice|is used twice in this poll|notes has \d+ blocks"
    r"|notes as a list gives one block per reveal step"
    # An empty value is null to a schema, as ~ and null are (both kept as text).
    r"|is empty|has nothing to show|needs a question|must not be empty"
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(deck_strategy)
def test_generated_decks_the_loader_accepts_pass_the_schema_and_back(
    deck: tuple[dict[str, str], list[dict[str, str]]],
) -> None:
    top, slides = deck
    lines = [f"{key}: {value}" for key, value in top.items()]
    lines.append("slides:")
    for slide in slides:
        entries = [f"{key}: {_value(key, value)}" for key, value in slide.items()]
        lines.append("  - " + "\n    ".join(entries))
    text = "\n".join(lines) + "\n"
    errors = schema_errors(text)
    try:
        load_deck_text(text)
    except DeckError as error:
        messages = [problem.message for problem in error.problems]
        if not errors:
            # Only the problems no schema can express may pass the schema.
            assert all(LEFT_TO_THE_LOADER.search(message) for message in messages), (
                text,
                messages,
            )
        return
    assert errors == [], text
