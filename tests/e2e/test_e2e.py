"""End-to-end: the installed ``podium`` command in a real terminal (tmux).

These run the console script that ``pip install .`` put beside the Python
running the tests, at several sizes and TERMs, reading the screen the way a
presenter would.
"""

from __future__ import annotations

import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import DATA
from tmux_session import PODIUM, TmuxSession, needs_podium, needs_tmux, new_session

pytestmark = [needs_tmux, needs_podium]


class Terminal(TmuxSession):
    """A tmux session whose command writes its exit status to ``status_file``."""

    def __init__(self, name: str, status_file: Path) -> None:
        super().__init__(name)
        self.status_file = status_file

    def exit_status(self, status_file: Path | None = None, timeout: float = 10.0) -> int:
        return super().exit_status(status_file or self.status_file, timeout)


@pytest.fixture
def terminal(tmp_path: Path, private_data_dir: Path) -> Iterator[callable]:
    sessions: list[str] = []

    def start(args: list[str], *, width: int = 100, height: int = 30, term: str = "xterm-256color",
              cwd: Path | None = None, env: dict[str, str] | None = None) -> Terminal:
        name = f"podium-test-{uuid.uuid4().hex[:8]}"
        status = tmp_path / f"{name}.status"
        environment = {"TERM": term, "PODIUM_DATA_DIR": str(private_data_dir), **(env or {})}
        exports = " ".join(f"{key}={value!r}" for key, value in environment.items())
        command = " ".join([str(PODIUM), *(repr(arg) for arg in args)])
        script = f"export {exports}; {command}; echo $? > {str(status)!r}; sleep 30"
        new_session(name, script, width=width, height=height, cwd=cwd or tmp_path)
        sessions.append(name)
        return Terminal(name, status)

    yield start
    for name in sessions:
        subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)


@pytest.mark.parametrize(
    ("width", "height", "term"),
    [(100, 30, "xterm-256color"), (80, 24, "xterm-256color"), (80, 24, "linux"), (200, 60, "xterm-256color")],
)
def test_presents_default_deck_navigates_and_quits(terminal, width: int, height: int, term: str) -> None:
    # Run from an empty folder: podium must find its bundled deck.
    session = terminal([], width=width, height=height, term=term)
    screen = session.wait_for("en innovasjonsutfordring")
    session.wait_for("1/13")
    # In big letters where the terminal is large enough, with the title
    # written under them as text; as text alone where it is not.
    big = any(glyph in screen for glyph in "█▀▄▖▗▘▝▚▞▛▜▙▟")
    assert big == ((width, height) != (80, 24))
    lines = [line.strip() for line in screen.splitlines()]
    assert "Samordning mellom forvaltningsorganer" in lines
    session.keys("Right")
    # The title and the status line may reach the terminal in separate frames.
    session.wait_for("KS' visjon")
    session.wait_for("2/13")
    session.keys("q")
    assert session.exit_status() == 0


def test_notes_pane_and_poll_vote(terminal) -> None:
    session = terminal([], width=120, height=30)
    session.wait_for("en innovasjonsutfordring")
    session.keys("s")
    session.wait_for("Neste: KS' visjon")
    session.keys(":", "1", "1", "Enter")
    session.wait_for("viktigste driveren")
    session.keys("1", "1", "2", "r")
    screen = session.wait_for("67%")
    assert "33%" in screen
    session.keys("q")
    assert session.exit_status() == 0


def test_bad_deck_gives_located_errors_and_status_2(terminal, tmp_path: Path) -> None:
    deck = tmp_path / "broken.yaml"
    deck.write_text("title: Broken\nslides:\n  - titel: Hello\n", encoding="utf-8")
    result = subprocess.run([str(PODIUM), "check", str(deck)], capture_output=True, text=True)
    assert result.returncode == 2
    assert f"{deck}:3:" in result.stderr and "did you mean 'title'" in result.stderr
    assert "Traceback" not in result.stderr


def test_check_summarises_seed_deck(tmp_path: Path) -> None:
    result = subprocess.run([str(PODIUM), "check"], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "13 slides, 1 poll, speaker notes on 13/13 slides" in result.stdout


def test_python_dash_m_tui_checks_too(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tui", "check", str(DATA / "presenter_demo.yaml")],
        capture_output=True, text=True, cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "7 slides" in result.stdout


def test_missing_deck_is_a_clear_error(tmp_path: Path) -> None:
    result = subprocess.run([str(PODIUM), str(tmp_path / "nope.yaml")], capture_output=True, text=True)
    assert result.returncode == 2
    assert "nope.yaml" in result.stderr and "Traceback" not in result.stderr


def test_unknown_theme_lists_the_available_ones(tmp_path: Path) -> None:
    result = subprocess.run([str(PODIUM), "--theme", "nosuch"], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 2
    assert "nosuch" in result.stderr and "paper" in result.stderr and "contrast" in result.stderr


def test_broken_default_vote_store_does_not_stop_the_talk(terminal, tmp_path: Path) -> None:
    not_a_folder = tmp_path / "data-is-a-file"
    not_a_folder.write_text("not a folder", encoding="utf-8")
    session = terminal([], width=100, height=30, env={"PODIUM_DATA_DIR": str(not_a_folder)})
    session.wait_for("Samordning mellom forvaltningsorganer")  # under big letters too
    session.wait_for("IKKE lagret")  # the talk speaks Norwegian (lang: nb)
    session.keys(":", "1", "1", "Enter")
    session.wait_for("viktigste driveren")
    session.keys("2", "r")
    session.wait_for("100%")
    session.keys("q")
    assert session.exit_status() == 0
    assert not_a_folder.read_text(encoding="utf-8") == "not a folder"


def test_exported_columns_and_lines_do_not_pin_the_size(terminal) -> None:
    """A shell that exports COLUMNS and LINES: the slides still fill the terminal and follow a resize."""
    session = terminal([], width=100, height=30, env={"COLUMNS": "80", "LINES": "24"})
    screen = session.wait_for("1/13")
    status = next(line for line in screen.splitlines() if "1/13" in line)
    # The position ends a cell from the terminal's right edge, not near column 80.
    assert len(status.rstrip()) == 99
    subprocess.run(["tmux", "resize-window", "-t", session.name, "-x", "120", "-y", "40"], check=True)
    screen = session.wait_for("1/13")
    for _ in range(100):
        lines = [line for line in session.screen().splitlines() if "1/13" in line]
        if lines and len(lines[0].rstrip()) == 119:
            break
        time.sleep(0.05)
    else:
        raise AssertionError(f"the slide kept its size after a resize:\n{session.screen()}")
    session.keys("q")
    assert session.exit_status() == 0
