"""The deck format as a JSON Schema (draft 2020-12), for editors.

Generated from the field tables of :mod:`tui.deck.schema` (the same tables
the loader's checks read) and the loader's own words and patterns, so it
cannot drift from what ``podium check`` accepts. ``podium schema`` prints
it; ``tui/data/deck.schema.json`` is the copy that ships with Podium
(``podium schema --write`` regenerates it). An editor with the YAML language
server (VS Code's YAML extension, Neovim's yamlls) reads it from the deck's
``# yaml-language-server: $schema=...`` line for completion and inline
errors.

The schema accepts every deck the loader accepts, written in YAML 1.2 (as
editors read it) or 1.1. A few rules span values it cannot see and are left
to ``podium check``: poll ids unique across the deck, notes blocks no more
than the reveal steps of the body, options that differ only in case, a
one-line ``[...]`` or ``{...}`` written as text, and the theme file itself.
Imports no YAML.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tui.deck.model import MAX_WIDTH, MIN_WIDTH
from tui.deck.schema import (
    DECK_FIELDS,
    MAX_SLIDE_ID,
    OPTION_FIELDS,
    POLL_FIELDS,
    SLIDE_FIELDS,
    Field,
    Kind,
)
from tui.safe_text import TEXT_CONTROLS
from tui.yamlcheck.checker import FALSE_WORDS, TRUE_WORDS

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

Schema = dict[str, Any]

DURATION_PATTERN = r"^\s*(?=.*[1-9])(?:\d+|(?:\d+\s*h)?\s*(?:\d+\s*m(?:in)?)?\s*(?:\d+\s*s)?)\s*$"
"""A duration as :func:`tui.deck.model.parse_duration` reads it, more than zero.

A test checks the two agree.
"""


def _escaped(chars: str) -> str:
    """Characters of a regex class with every non-ASCII or control as ``\\uXXXX``."""
    return "".join(
        char if char == "-" or 0x20 < ord(char) < 0x7F else f"\\u{ord(char):04x}" for char in chars
    )


TEXT_PATTERN = f"^[^{_escaped(TEXT_CONTROLS)}]*$"
"""Text without a control character other than tab and newline."""


def _any_case(word: str) -> str:
    """A regex for ``word`` in any case, with ``_`` also written as spaces or hyphens."""
    parts = []
    for char in word:
        if char == "_":
            parts.append(r"(?:_|[\s-]+)")
        elif char.isalpha():
            parts.append(f"[{char.lower()}{char.upper()}]")
        else:
            parts.append(char)
    return "".join(parts)


def _words(words: tuple[str, ...] | frozenset[str]) -> str:
    """A regex for one of ``words``, in any case, with spaces around."""
    return r"^\s*(?:" + "|".join(_any_case(word) for word in sorted(words)) + r")\s*$"


def _text(*, nonblank: bool = False, max_length: int | None = None) -> Schema:
    """A text field: any single value, kept as typed.

    ``null`` is allowed even where the text must not be blank: to a schema,
    ``~`` and ``null`` (kept as that text, see :func:`tui.deck.fields.null_text`)
    and an empty value are all null; the loader refuses the empty one.
    """
    schema: Schema = {
        "type": ["string", "number", "boolean", "null"],
        "pattern": TEXT_PATTERN,
        "patternErrorMessage": "text may hold tabs and newlines but no other control character",
    }
    if max_length is not None:
        schema["maxLength"] = max_length
    if nonblank:
        schema["allOf"] = [{"pattern": r"\S", "patternErrorMessage": "must not be empty"}]
    return schema


def choice(words: tuple[str, ...]) -> Schema:
    """One of ``words``: listed for completion, accepted in any case."""
    return {"anyOf": [{"enum": list(words)}, {"type": "string", "pattern": _words(words)}]}


def _truth(words: frozenset[str], value: bool) -> Schema:
    return {"anyOf": [{"const": value}, {"type": "string", "pattern": _words(words)}]}


def field_schema(field: Field) -> Schema:
    """The schema of one field's value, with its description and default.

    Args:
        field: An entry of one of the tables in :mod:`tui.deck.schema`.

    Returns:
        A JSON Schema object.

    Raises:
        ValueError: The field's kind has no schema here yet.
    """
    kind = field.kind
    if kind is Kind.TEXT:
        schema = _text(nonblank=field.nonblank, max_length=field.max_length)
    elif kind is Kind.BOOLEAN:
        schema = {
            "type": ["boolean", "string"],
            "pattern": _words(TRUE_WORDS | FALSE_WORDS),
            "patternErrorMessage": f"{field.key} must be true or false (or yes/no, on/off)",
        }
    elif kind is Kind.DURATION:
        schema = {
            "type": ["string", "integer", "null"],
            "minimum": 1,
            "pattern": DURATION_PATTERN,
            "patternErrorMessage": f"{field.key} must be a length of time such as 20m, 1h 30m, "
            "90s or 45 (minutes), more than zero",
        }
    elif kind is Kind.CHOICE:
        schema = choice(field.choices)
    elif kind is Kind.TEXTS:
        schema = {"type": "array", "items": _text()}
    elif kind is Kind.NOTES:
        schema = {"anyOf": [_text(), {"type": "array", "items": _text()}]}
    elif kind is Kind.SLIDES:
        schema = {"type": "array", "items": {"$ref": "#/$defs/slide"}}
    elif kind is Kind.POLL:
        schema = {"$ref": "#/$defs/poll"}
    elif kind is Kind.OPTIONS:
        option = {"anyOf": [_text(nonblank=True), {"$ref": "#/$defs/option"}]}
        schema = {"type": "array", "items": option}
    elif kind is Kind.CELLS:
        schema = {
            "type": ["integer", "string"],
            "minimum": MIN_WIDTH,
            "maximum": MAX_WIDTH,
            "pattern": "^[0-9]+$",
            "patternErrorMessage": f"{field.key} must be a whole number of cells from "
            f"{MIN_WIDTH} to {MAX_WIDTH}",
        }
    elif kind is Kind.IMAGE:
        schema = _text(nonblank=True)
        schema["not"] = {"type": "string", "pattern": "^[A-Za-z][A-Za-z0-9+.-]*://"}
    elif kind is Kind.SLIDE_ID:
        schema = {"type": "string", "pattern": "^[a-z0-9][a-z0-9_-]*$", "maxLength": MAX_SLIDE_ID}
    else:  # pragma: no cover - a new Kind needs its schema here
        raise ValueError(f"no JSON Schema for fields of kind {kind.value!r}")
    if field.min_items is not None:
        schema["minItems"] = field.min_items
    if field.max_items is not None:
        schema["maxItems"] = field.max_items
    described: Schema = {"description": field.description}
    if field.default is not None:
        described["default"] = field.default
    return described | schema


def _mapping(fields: tuple[Field, ...], description: str) -> Schema:
    """A mapping holding only the table's keys."""
    schema: Schema = {
        "description": description,
        "type": "object",
        "properties": {field.key: field_schema(field) for field in fields},
        "additionalProperties": False,
    }
    required = [field.key for field in fields if field.required]
    if required:
        schema["required"] = required
    return schema


_DESCRIPTIONS = {field.key: field.description for field in (*POLL_FIELDS, *SLIDE_FIELDS)}


def _given(key: str, value: Schema | None = None) -> Schema:
    """Matches a mapping that has ``key`` (with a value matching ``value``).

    The value's schema repeats the key's description: editors show the
    descriptions of every schema a value matches, and a rule's would be empty.
    """
    schema: Schema = {"required": [key]}
    if value is not None:
        schema["properties"] = {key: {"description": _DESCRIPTIONS[key]} | value}
    return schema


_DESCRIBED_LAYOUT: Schema = {"description": _DESCRIPTIONS["layout"]}


def _slide_rules() -> list[Schema]:
    """The loader's rules that tie a slide's keys together."""
    # null may be ~ or null typed as text (see _text): left to the loader.
    not_empty: Schema = {"not": {"const": ""}}
    nonblank: Schema = {"type": ["string", "number", "boolean", "null"], "pattern": r"\S"}
    return [
        {
            "description": "A slide needs something to show: a title, body, columns or poll.",
            "anyOf": [
                _given("title", not_empty),
                _given("body", not_empty),
                _given("columns"),
                _given("poll"),
            ],
        },
        {
            "if": _given("poll"),
            "then": {
                "properties": {"layout": _DESCRIBED_LAYOUT | choice(("poll",))},
                "not": _given("columns"),
                "anyOf": [
                    _given("title", nonblank),
                    {"properties": {"poll": _given("question", nonblank)}},
                ],
            },
        },
        {"if": _given("layout", choice(("poll",))), "then": _given("poll")},
        {
            "if": _given("columns"),
            "then": {"properties": {"layout": _DESCRIBED_LAYOUT | choice(("columns",))}},
        },
        {"if": _given("layout", choice(("columns",))), "then": _given("columns")},
        {
            "if": _given("notes", {"type": "array", "minItems": 2}),
            "then": _given("reveal", _truth(TRUE_WORDS, True)),
        },
    ]


def deck_schema() -> Schema:
    """The JSON Schema of a deck file.

    Returns:
        A JSON Schema (draft 2020-12) as plain data, in a stable order.
    """
    schema: Schema = {
        "$schema": SCHEMA_DIALECT,
        "title": "Podium deck",
    }
    schema |= _mapping(
        DECK_FIELDS, "A talk for Podium: the deck's details and its slides, in order."
    )
    slide = _mapping(SLIDE_FIELDS, "One slide.")
    slide["allOf"] = _slide_rules()
    schema["$defs"] = {
        "slide": slide,
        "poll": _mapping(POLL_FIELDS, "A live poll: a question and its choices."),
        "option": _mapping(OPTION_FIELDS, "A poll option with an id of its own."),
    }
    return schema


def schema_text() -> str:
    """:func:`deck_schema` as JSON text (ASCII, two-space indent, final newline)."""
    return json.dumps(deck_schema(), indent=2, ensure_ascii=True) + "\n"


MODELINE = "# yaml-language-server: $schema="
"""The comment that points the YAML language server at a schema."""


def schema_reference(path: str) -> str:
    """How a modeline names the schema file at ``path``.

    The YAML language server reads the reference up to the first space, so
    a path with white space in it is written as a ``file://`` URI.

    Args:
        path: An absolute path.

    Returns:
        The path itself, or its ``file://`` URI.
    """
    return Path(path).as_uri() if any(char.isspace() for char in path) else path


def modeline(schema: Path) -> str:
    """The first line of a deck that gives editors the schema at ``schema``.

    Args:
        schema: The schema file, by its absolute path.

    Returns:
        ``# yaml-language-server: $schema=...`` (no newline).
    """
    return MODELINE + schema_reference(str(schema))
