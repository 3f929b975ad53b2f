"""Outside text never reaches the terminal as a control sequence: the pure parts.

:func:`tui.safe_text.printable` and friends, the loader and theme reader
refusing controls with FILE:LINE:COL, voter names, and the results
exports (table, CSV, JSON).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tui.deck import DeckError, load_deck_text
from tui.deck.errors import Problem
from tui.deck.model import Poll
from tui.polls.export import PollReport, render
from tui.polls.store import VoteStore
from tui.polls.voters import MAX_VOTER_NAME, voter_name_problem
from tui.safe_text import first_control, json_text, one_line, printable, spreadsheet_cell
from tui.themes import ThemeError, load_theme_file

OSC52 = "\x1b]52;c;SE9TVElMRQ==\x07"
HOSTILE = f"a{OSC52}b\x1b[2Jc\x1b[?1049ld\x9b2Je\x07f\rg\x7fh\x08i\u202ej\u2028k\x85l\x00m"


# -- printable ------------------------------------------------------------------


def test_printable_leaves_no_control_and_shows_each_one() -> None:
    shown = printable(HOSTILE)
    assert first_control(shown) == -1
    assert not any(ord(char) < 0x20 and char not in "\n\t" for char in shown)
    assert not any(0x7F <= ord(char) <= 0x9F for char in shown)
    # Each control has a visible stand-in, the rest of the text is kept.
    assert shown.startswith("a␛]52;c;SE9TVElMRQ==␇b␛[2Jc␛[?1049ld�2Je␇f␍g␡h␈i�j�k�l␀m")
    assert len(shown) == len(HOSTILE)


def test_printable_keeps_lines_and_tabs_where_lines_are_allowed() -> None:
    assert printable("one\n\ttwo\r\nthree") == "one\n\ttwo\nthree"
    assert one_line("one\n\ttwo\r\nthree") == "one␤ two␤three"
    plain = "Åpen innovasjon – [bold]x[/bold] 🙂"
    assert printable(plain) is plain and one_line(plain) is plain


def test_json_text_escapes_what_json_dumps_leaves_raw() -> None:
    value = {"name": HOSTILE}
    raw = json.dumps(value, ensure_ascii=False)
    assert "\x9b" in raw  # json.dumps alone leaves the 8-bit CSI raw
    safe = json_text(raw)
    assert first_control(safe) == -1
    assert json.loads(safe) == value  # still exactly the same data


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
        ("+1", "'+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "' =1"),
        ("\r=1", "'␍=1"),
        ("Behov", "Behov"),
        ("a=b", "a=b"),
    ],
)
def test_spreadsheet_cell_never_starts_a_formula(cell: str, written: str) -> None:
    assert spreadsheet_cell(cell) == written


def test_problem_text_is_printable() -> None:
    problem = Problem("evil\x1b[2J.yaml", 3, 4, "bad \x9b2J\nthing")
    assert str(problem) == "evil␛[2J.yaml:3:4: bad �2J\nthing"


# -- the loader -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "where", "code", "field"),
    [
        ('slides:\n  - title: "Hi \\e]52;c;SE9=\\a"\n', "2:16", "001B", "title"),
        ('slides:\n  - title: x\n    subtitle: "ok \\x1b[2J"\n', "3:19", "001B", "subtitle"),
        ('slides:\n  - title: x\n    notes: "n \\u009b2J"\n', "3:15", "009B", "notes"),
        ('slides:\n  - title: x\n    body: "ab\\acd"\n', "3:14", "0007", "body"),
        ('slides:\n  - title: x\n    poll: {options: [a, "b\\x1b[?1049l"]}\n', "3:27", "001B", "option 2"),
        ('slides:\n  - title: x\n    poll: {question: "q\\rQ", options: [a, b]}\n', "3:24", "000D", "question"),
        (
            'slides:\n  - title: x\n    reveal: true\n    body: "- one\\n- two"\n'
            '    notes:\n      - a\n      - "b\\x7f"\n',
            "7:11",
            "007F",
            "notes block 2",
        ),
        ("slides:\n  - title: 'a\u202eb'\n", "2:14", "202E", "title"),
        ('title: "T\\U0000009b"\nslides: [{title: x}]\n', "1:10", "009B", "title"),
    ],
)
def test_loader_points_at_the_control_character(source: str, where: str, code: str, field: str) -> None:
    with pytest.raises(DeckError) as caught:
        load_deck_text(source, "talk.yaml")
    messages = [str(problem) for problem in caught.value.problems]
    assert messages[0].startswith(f"talk.yaml:{where}: control character U+{code}")
    assert f" in {field}; remove it" in messages[0]


def test_loader_keeps_tabs_newlines_and_escaped_backslashes() -> None:
    deck = load_deck_text('slides:\n  - title: "a\\tb\\nc \\\\e"\n    body: "x\\u00e5"\n')
    assert deck.slides[0].title == "a\tb\nc \\e"
    assert deck.slides[0].body == "xå"


def test_loader_points_at_a_raw_control_character() -> None:
    with pytest.raises(DeckError) as caught:
        load_deck_text("slides:\n  - title: ab\x1b[2J\n", "talk.yaml")
    assert str(caught.value.problems[0]).startswith("talk.yaml:2:14: character U+001B is not allowed")


# -- themes ---------------------------------------------------------------------


def test_theme_value_with_an_escaped_control_is_refused_at_the_escape(tmp_path: Path) -> None:
    path = tmp_path / "evil.yaml"
    path.write_text('name: evil\nprimary: "#112233"\nvariables:\n  slide-title: "red\\e[2J"\n')
    with pytest.raises(ThemeError) as caught:
        load_theme_file(path)
    assert caught.value.problems == [f"{path}:4:20: control character U+001B in 'slide-title'; remove it"]


def test_theme_file_with_a_raw_control_is_refused_at_the_character(tmp_path: Path) -> None:
    path = tmp_path / "raw.yaml"
    path.write_bytes(b'name: raw\nprimary: "#11\x1b2233"\n')
    with pytest.raises(ThemeError) as caught:
        load_theme_file(path)
    assert caught.value.problems == [
        f"{path}:2:14: character U+001B is not allowed in a YAML file; remove it"
    ]


# -- voter names ----------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["a\nb", "a\rb", "x\x1b[2J", "x\x9b", "x\u2028y", "x\u202ey", "x\ty", "x" * (MAX_VOTER_NAME + 1)]
)
def test_bad_voter_names_are_refused(name: str) -> None:
    assert voter_name_problem(name) is not None
    store = VoteStore.in_memory()
    poll = Poll(id="p", question="Q?", options=("Yes", "No"))
    with pytest.raises(ValueError):
        store.vote(poll, [poll.ids[0]], name)


@pytest.mark.parametrize("name", ["alice@pts/3", "Åse Ødegård", "x" * MAX_VOTER_NAME])
def test_good_voter_names_are_accepted(name: str) -> None:
    assert voter_name_problem(name) is None


# -- podium results exports -------------------------------------------------------


def _hostile_report() -> PollReport:
    """A store that holds hostile text already (written before names were checked)."""
    store = VoteStore.in_memory()
    poll = Poll(id="p", question=f"Q{OSC52}?", options=("=cmd|' /C calc'!A0", "two\x9b2J"))
    store.vote(poll, [poll.ids[0]], "alice")
    forged = "mallory\n  2012-09-19T14:05:00+00:00  bob        two"
    store._write(
        lambda db: db.execute(
            "INSERT INTO votes (poll_id, voter, option_id, label, cast_at) VALUES (?, ?, ?, ?, ?)",
            ("p", forged + "\x1b[2J", poll.ids[1], poll.options[1], 1.0),
        ),
        durable=False,
    )
    return PollReport(store.results(poll), store.records(poll))


def test_table_shows_hostile_text_on_one_line_without_controls() -> None:
    text = render([_hostile_report()], "table", "/tmp/votes\x1b[2J.sqlite3")
    assert first_control(text) == -1
    lines = text.splitlines()
    assert not any(line.lstrip().startswith("2012-09-19") for line in lines)  # no forged row
    assert any("mallory␤" in line and "␛[2J" in line for line in lines)
    assert "Votes in /tmp/votes␛[2J.sqlite3" in lines[0]


def test_csv_neutralises_formulas_and_controls() -> None:
    text = render([_hostile_report()], "csv", "store")
    assert first_control(text) == -1 or set(text[first_control(text)]) == {"\n"}
    rows = list(csv.DictReader(io.StringIO(text)))
    options = {row["option"] for row in rows}
    assert "'=cmd|' /C calc'!A0" in options
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row.values())
    voters = [row["voter"] for row in rows if row["record"] == "vote"]
    assert all("\n" not in voter and "\x1b" not in voter for voter in voters)


def test_json_is_exact_and_escaped() -> None:
    report = _hostile_report()
    text = render([report], "json", "store")
    assert first_control(text) == -1 or set(text[first_control(text)]) == {"\n"}
    assert "\x9b" not in text and "\x1b" not in text
    data = json.loads(text)
    assert data["polls"][0]["question"] == report.poll.question
    assert {vote["voter"] for vote in data["polls"][0]["votes"]} == {
        record.voter for record in report.records
    }
