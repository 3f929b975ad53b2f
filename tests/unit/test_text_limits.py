"""A text field too long to show is refused at its own place, before the talk."""

from __future__ import annotations

import pytest

from tui.deck import load_deck_text
from tui.deck.fields import MAX_TEXT_CHARS, MAX_TEXT_LINES
from tui.deck.loader import DeckError


def _problems(text: str) -> list[str]:
    with pytest.raises(DeckError) as raised:
        load_deck_text(text, "talk.yaml")
    return str(raised.value).splitlines()


def test_a_body_of_too_many_lines_is_refused_where_it_starts() -> None:
    items = "\n".join(f"      - item {number}" for number in range(MAX_TEXT_LINES + 1))
    problems = _problems(f"slides:\n  - title: A\n  - title: B\n    body: |\n{items}\n")
    assert problems == [
        f"talk.yaml:4:11: body is too long to show: {MAX_TEXT_LINES + 1:,} lines "
        f"(at most {MAX_TEXT_LINES:,}); split it over slides"
    ]


def test_notes_columns_and_one_long_line_are_refused_each() -> None:
    long = "x" * (MAX_TEXT_CHARS + 1)
    problems = _problems(
        "slides:\n"
        f"  - title: A\n    notes: {long}\n"
        f"  - layout: columns\n    columns:\n      - {long}\n      - fine\n"
    )
    assert [line.split(": ", 1)[0] for line in problems] == ["talk.yaml:3:12", "talk.yaml:6:9"]
    assert problems[0].endswith(
        f"notes is too long to show: {MAX_TEXT_CHARS + 1:,} characters "
        f"(at most {MAX_TEXT_CHARS:,}); split it over slides"
    )
    assert "a column is too long to show" in problems[1]


def test_text_up_to_the_limits_is_kept_as_typed() -> None:
    items = "\n".join(f"      - {number}" for number in range(MAX_TEXT_LINES - 1))
    deck = load_deck_text(f"slides:\n  - title: A\n    body: |\n{items}\n", "talk.yaml")
    assert deck.slides[0].body.count("\n") == MAX_TEXT_LINES - 1
