"""``podium check`` lists every problem of a deck, its theme included, and
``podium --help`` names every subcommand."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from tui.cli import main

BAD_DECK = (
    "title: Talk\n"  # 1
    "slides:\n"  # 2
    "  - titel: Hello\n"  # 3: unknown key
    "    body: x\n"  # 4
    "theme: nosuch\n"  # 5: unknown theme, after a problem
    "duration: soon\n"  # 6: bad duration
)


def test_check_reports_a_bad_theme_with_the_other_problems(tmp_path: Path, capsys) -> None:
    deck = tmp_path / "talk.yaml"
    deck.write_text(BAD_DECK, encoding="utf-8")
    assert main(["check", str(deck)]) == 2
    lines = capsys.readouterr().err.splitlines()
    located = [re.match(rf"{re.escape(str(deck))}:(\d+):(\d+): (.*)", line) for line in lines]
    assert all(located), lines
    places = [(int(m.group(1)), int(m.group(2))) for m in located if m]
    assert places == sorted(places)
    assert [line for line, _ in places] == [3, 5, 6]
    assert located[1] and located[1].group(3).startswith("theme: unknown theme 'nosuch'")
    assert located[1] and places[1] == (5, 8)
    # Presenting the deck reports the same problems, without a traceback.
    assert main([str(deck)]) == 2
    assert capsys.readouterr().err.splitlines() == lines


def test_check_with_only_a_bad_theme_still_reports_it(tmp_path: Path, capsys) -> None:
    deck = tmp_path / "talk.yaml"
    deck.write_text("slides:\n  - title: Hello\ntheme: nosuch\n", encoding="utf-8")
    assert main(["check", str(deck)]) == 2
    assert capsys.readouterr().err.startswith(f"{deck}:3:8: theme: unknown theme 'nosuch'")


def test_check_of_a_broken_deck_with_a_good_theme_blames_only_the_rest(tmp_path: Path, capsys) -> None:
    deck = tmp_path / "talk.yaml"
    deck.write_text(BAD_DECK.replace("nosuch", "paper"), encoding="utf-8")
    assert main(["check", str(deck)]) == 2
    err = capsys.readouterr().err
    assert "theme" not in err and len(err.splitlines()) == 2


def test_help_lists_every_subcommand_with_a_description() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tui", "--help"], capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "COLUMNS": "80"},
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    lines = out.splitlines()
    for command in ("check", "vote", "results", "rehearse", "--audience"):
        described = [
            line for line in lines if re.match(rf"  {re.escape(command)}( \[DECK\])?  +\w.{{15,}}", line)
        ]
        assert described, f"no one-line description of {command} in:\n{out}"
    assert max(len(line) for line in lines) <= 80
