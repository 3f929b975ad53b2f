"""The deck format's one table of fields: the loader reads it, the JSON Schema
is generated from it, and the two accept the same decks."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path
from typing import Any

import msgspec
import pytest
import yaml

from tui.deck import DeckError, load_deck_text
from tui.deck.json_schema import (
    DURATION_PATTERN,
    TEXT_PATTERN,
    deck_schema,
    field_schema,
    schema_text,
)
from tui.deck.model import Deck, Poll, Slide, parse_duration
from tui.deck.schema import (
    DECK_FIELDS,
    OPTION_FIELDS,
    POLL_FIELDS,
    SLIDE_FIELDS,
    Field,
    Kind,
)
from tui.paths import bundled_schema
from tui.safe_text import first_control

jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is in the test extra")

REPO = Path(__file__).resolve().parents[2]
TABLES: dict[str, tuple[tuple[Field, ...], type | None]] = {
    "deck": (DECK_FIELDS, Deck),
    "slide": (SLIDE_FIELDS, Slide),
    "poll": (POLL_FIELDS, Poll),
    "option": (OPTION_FIELDS, None),
}


class Yaml12Loader(yaml.SafeLoader):
    """YAML 1.2's core schema, as editors' YAML language server reads a deck:
    ``No`` and ``on`` are words, ``2012-09-19`` is text, ``1.10`` a number."""

    yaml_implicit_resolvers: dict[Any, Any] = {}


for _tag, _pattern, _first in [
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", list("-+0123456789")),
    (
        "float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        list("-+.0123456789"),
    ),
    ("merge", r"^<<$", ["<"]),
]:
    Yaml12Loader.add_implicit_resolver(f"tag:yaml.org,2002:{_tag}", re.compile(_pattern), _first)


def _int12(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    text = str(loader.construct_scalar(node))
    return int(text, 0) if text.startswith(("0o", "0x")) else int(text, 10)


Yaml12Loader.add_constructor("tag:yaml.org,2002:int", _int12)


def _json_ready(value: Any) -> Any:
    """YAML 1.1 dates as the text they were written as (JSON has no dates)."""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(key): _json_ready(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_json_ready(item) for item in value]
    return value


VALIDATOR = jsonschema.Draft202012Validator(deck_schema())


def schema_errors(text: str) -> list[str]:
    """Schema errors of a deck's text, read as YAML 1.2 and as YAML 1.1."""
    errors = []
    for loader in (Yaml12Loader, yaml.SafeLoader):
        try:
            data = _json_ready(yaml.load(text, Loader=loader))
        except yaml.YAMLError as error:
            return [f"not YAML: {error}"]
        errors += [
            f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
            for error in VALIDATOR.iter_errors(data)
        ]
    return errors


def loader_accepts(text: str) -> bool:
    try:
        load_deck_text(text)
    except DeckError:
        return False
    return True


# -- the table ---------------------------------------------------------------


@pytest.mark.parametrize("table", sorted(TABLES))
def test_every_field_has_a_one_sentence_description(table: str) -> None:
    for field in TABLES[table][0]:
        assert field.description[:1].isupper(), field
        assert field.description.endswith("."), field
        assert "\n" not in field.description, field


@pytest.mark.parametrize("table", sorted(TABLES))
def test_every_field_is_in_the_model_with_the_tables_default(table: str) -> None:
    fields, model = TABLES[table]
    if model is None:
        return
    attributes = {each.name: each for each in msgspec.structs.fields(model)}
    for field in fields:
        assert field.key in attributes, f"{field.key} is not an attribute of {model.__name__}"
        default = attributes[field.key].default
        if isinstance(default, (str, bool)) and default != "":
            default = getattr(default, "value", default)
            assert field.default == default, field
        else:
            assert field.default is None, field


def _allowed_keys(message: str) -> list[str]:
    match = re.search(r"the keys allowed here are: (.*)$", message)
    assert match, message
    return match.group(1).split(", ")


UNKNOWN_KEY_DECKS = {
    "deck": "zzzz: 1\nslides: [{title: A}]\n",
    "slide": "slides: [{title: A, zzzz: 1}]\n",
    "poll": "slides: [{title: A, poll: {options: [x, y], zzzz: 1}}]\n",
    "option": "slides:\n  - title: A\n    poll:\n      options:\n        - {text: x, zzzz: 1}\n"
    "        - y\n",
}


@pytest.mark.parametrize("table", sorted(TABLES))
def test_the_loaders_keys_are_the_tables_keys(table: str) -> None:
    fields = TABLES[table][0]
    with pytest.raises(DeckError) as caught:
        load_deck_text(UNKNOWN_KEY_DECKS[table])
    (problem,) = caught.value.problems
    assert _allowed_keys(problem.message) == [field.key for field in fields]
    schema = deck_schema() if table == "deck" else deck_schema()["$defs"][table]
    assert list(schema["properties"]) == [field.key for field in fields]
    assert schema["additionalProperties"] is False


def test_every_property_in_the_schema_has_a_description() -> None:
    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            for key, value in node.get("properties", {}).items():
                if where.count("/if") == 0 and "/then" not in where and "/allOf" not in where:
                    assert value.get("description"), f"{where}/{key}"
            for key, value in node.items():
                walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, f"{where}/{index}")

    walk(deck_schema(), "#")
    jsonschema.Draft202012Validator.check_schema(deck_schema())


# -- the shipped file and `podium schema` ------------------------------------


def test_the_shipped_schema_file_is_the_generated_one() -> None:
    assert bundled_schema().read_text(encoding="utf-8") == schema_text(), (
        "tui/data/deck.schema.json is out of date: run  podium schema --write"
    )
    assert json.loads(schema_text()) == deck_schema()


def test_schema_text_is_stable_and_ascii() -> None:
    assert schema_text() == schema_text()
    assert schema_text().isascii()


# -- the patterns agree with the loader --------------------------------------

DURATIONS = [
    "20m", "1h 30m", "90s", "45", " 45 ", "1h", "1h30m", "2 min", "1m 30s", "1 h 2 m 3 s",
    "0", "0m", "0h 0m 0s", "00", "10", "05m", "1h 30", "m", "", " ", "1.5", "-5", "20 minutes",
    "1d", "h", "1 m s", "30s 1m", "1hour", "1m30", "0h 1s",
]  # fmt: skip


@pytest.mark.parametrize("text", DURATIONS)
def test_the_duration_pattern_is_parse_duration(text: str) -> None:
    try:
        parse_duration(text)
        parsed = True
    except ValueError:
        parsed = False
    assert (re.search(DURATION_PATTERN, text) is not None) == parsed


def test_the_text_pattern_refuses_exactly_the_loaders_controls() -> None:
    for code in [*range(0x0, 0x300), *range(0x2000, 0x2070), 0xFEFF, 0xFFFD]:
        text = f"a{chr(code)}b"
        assert (re.search(TEXT_PATTERN, text) is not None) == (first_control(text) < 0), hex(code)


WORDS = [
    "content", "Content", " TITLE ", "titel", "poll", "Columns", "quote ", "section",
    "live", "LIVE", "on_reveal", "On-Reveal", "on reveal", "on  -  reveal", "on__reveal",
    "on_-reveal", "onreveal", "-live", "true", "Yes", " off ", "NO", "On", "y", "1", "tru",
]  # fmt: skip


@pytest.mark.parametrize("word", WORDS)
@pytest.mark.parametrize("key", ["layout", "reveal", "results"])
def test_word_patterns_accept_what_the_loader_accepts(key: str, word: str) -> None:
    slide = {"title": "A", "body": "x"}
    if key == "results":
        slide = {"title": "A", "poll": {"options": ["x", "y"], "results": word}}
    else:
        slide[key] = word
        if key == "layout" and word.strip().lower() in ("poll", "columns"):
            return  # those layouts need their own keys: see the rules below
    text = json.dumps({"slides": [slide]})
    assert (not schema_errors(text)) == loader_accepts(text), text


def test_text_fields_take_any_single_value() -> None:
    schema = field_schema(SLIDE_FIELDS[1])
    assert set(schema["type"]) == {"string", "number", "boolean", "null"}
    # ~ and null are text (kept as typed): a schema cannot tell them from an empty value.
    assert field_schema(Field("x", Kind.TEXT, "X.", nonblank=True))["type"] == [
        "string",
        "number",
        "boolean",
        "null",
    ]


@pytest.mark.parametrize("table", ["deck", "slide"])
def test_every_text_true_false_and_duration_field_reaches_the_model(table: str) -> None:
    # The loader reads these fields from the table: a new one is one entry (and
    # its attribute in the model).
    fields = TABLES[table][0]
    written = {Kind.TEXT: ("Ja", "Ja"), Kind.BOOLEAN: ("yes", True), Kind.DURATION: ("2m", 120.0)}
    for field in fields:
        if field.kind not in written:
            continue
        typed, expected = written[field.kind]
        slide = {"title": "A", field.key: typed} if table == "slide" else {"title": "A"}
        top = {field.key: typed} if table == "deck" else {}
        deck = load_deck_text(json.dumps({**top, "slides": [slide]}))
        assert getattr(deck if table == "deck" else deck.slides[0], field.key) == expected, field
