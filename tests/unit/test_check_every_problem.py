"""``podium check`` and the presenter report every problem once, each at its
own FILE:LINE:COL, in file order: raw control characters, escaped ones, a
poll whose title is rejected."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tui.cli import main
from tui.deck import DeckError, load_deck
from tui.yamlcheck.compose import MOST_PLACES

RAW = (
    "title: Talk\n"  # 1
    "slides:\n"  # 2
    "  - title: One\n"  # 3
    '    body: "red \x1b[31m and \x1b[0m back"\n'  # 4: two raw ESC (cols 16, 26)
    '    notes: "bell \x07"\n'  # 5: BEL (col 18)
    "  - title: Two \x7f\n"  # 6: DEL (col 16)
)

ESCAPED = (
    "title: Talk\n"  # 1
    "slides:\n"  # 2
    '  - title: "Vote \\e[2J now"\n'  # 3: the poll's title, rejected (col 18)
    "    poll:\n"  # 4
    "      options: [Yes, No]\n"  # 5
    '  - title: "\\e[1mBold\\e[0m \\u202eevil"\n'  # 6: three (cols 13, 22, 28)
    "    body: |\n"  # 7
    "      one \u2066 two \u2067\n"  # 8: two raw bidi isolates (cols 11, 17)
)


def _report(deck: Path, command: list[str], capsys: pytest.CaptureFixture[str]) -> list[str]:
    assert main([*command, str(deck)]) == 2
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return captured.err.splitlines()


def _places(lines: list[str], deck: Path) -> list[tuple[int, int, str]]:
    located = [re.fullmatch(rf"{re.escape(str(deck))}:(\d+):(\d+): (.*)", line) for line in lines]
    assert all(located), lines
    return [(int(m.group(1)), int(m.group(2)), m.group(3)) for m in located if m]


def test_every_raw_control_character_has_its_own_place(tmp_path: Path, capsys) -> None:
    deck = tmp_path / "raw.yaml"
    deck.write_text(RAW, encoding="utf-8")
    lines = _report(deck, ["check"], capsys)
    places = _places(lines, deck)
    assert [(line, column) for line, column, _ in places] == [(4, 16), (4, 26), (5, 18), (6, 16)]
    assert [message.split()[1] for _, _, message in places] == [
        "U+001B",
        "U+001B",
        "U+0007",
        "U+007F",
    ]
    assert main([str(deck)]) == 2  # presenting it says the same
    assert capsys.readouterr().err.splitlines() == lines


def test_escaped_controls_each_reported_and_a_rejected_poll_title_once(
    tmp_path: Path, capsys
) -> None:
    deck = tmp_path / "escaped.yaml"
    deck.write_text(ESCAPED, encoding="utf-8")
    lines = _report(deck, ["check"], capsys)
    places = _places(lines, deck)
    assert [(line, column) for line, column, _ in places] == [
        (3, 18),
        (6, 13),
        (6, 22),
        (6, 28),
        (8, 11),
        (8, 17),
    ]
    assert len(set(lines)) == len(lines)
    assert not any("needs a question" in message for _, _, message in places)
    assert "U+202E (a bidirectional override) in title" in places[3][2]
    assert main([str(deck)]) == 2
    assert capsys.readouterr().err.splitlines() == lines
    with pytest.raises(DeckError) as error:  # the presenter's loader, directly
        load_deck(deck)
    assert [str(problem) for problem in error.value.problems] == lines


def test_a_file_of_control_characters_lists_the_first_and_counts_the_rest(
    tmp_path: Path,
) -> None:
    deck = tmp_path / "noise.yaml"
    deck.write_text("title: Talk\nslides:\n  - title: x\n    body: " + "\x1b" * 5000 + "\n")
    with pytest.raises(DeckError) as error:
        load_deck(deck)
    problems = error.value.problems
    assert len(problems) == MOST_PLACES
    assert [(p.line, p.column) for p in problems] == [(4, 11 + n) for n in range(MOST_PLACES)]
    assert problems[-1].message.endswith(
        f"(and {5000 - MOST_PLACES} more such characters after this one)"
    )
