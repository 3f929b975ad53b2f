"""End-to-end: the installed ``podium`` reloads its deck when it is saved, in tmux.

A presenter and an audience view of one deck run in two tmux sessions at
80x24; the deck is saved the way editors save (renamed over, written in
place); both screens must show the new deck on the same slide, and only the
presenter's the problems of a broken save.
"""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from tmux_session import PODIUM, TmuxSession, needs_podium, needs_tmux, new_session

pytestmark = [needs_tmux, needs_podium]

DECK = """\
title: Reload end to end
slides:
  - title: Opening slide
  - title: Ideas slide
    reveal: true
    body: |
      - first idea
      - second idea
  - title: Middle slide
    body: In the middle.
  - title: Closing slide
"""


def save_by_rename(path: Path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.swp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def save_in_place(path: Path, text: str) -> None:
    with open(path, "r+", encoding="utf-8") as handle:
        handle.truncate(0)
        handle.write(text)


def start(name: str, args: str, folder: Path, data: Path, status: Path) -> TmuxSession:
    new_session(
        name,
        f"export TERM=xterm-256color PODIUM_DATA_DIR={data}; {PODIUM} {args}; "
        f"echo $? > {status}; sleep 30",
        width=80,
        height=24,
        cwd=folder,
    )
    return TmuxSession(name)


@pytest.fixture
def talk(tmp_path: Path, private_data_dir: Path) -> Iterator[tuple[Path, Path, list[str]]]:
    """The deck, the data folder, and the tmux sessions to kill afterwards."""
    deck = tmp_path / "talk.yaml"
    deck.write_text(DECK, encoding="utf-8")
    names: list[str] = []
    try:
        yield deck, private_data_dir, names
    finally:
        for name in names:
            subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)


def session_name(role: str) -> str:
    return f"reload-{role}-{os.getpid()}-{time.monotonic_ns()}"


def test_saves_reach_the_presenter_and_the_audience_view(talk, tmp_path: Path) -> None:
    deck, data, names = talk
    names += [session_name("presenter"), session_name("audience")]
    status = tmp_path / "status"
    presenter = start(names[0], "talk.yaml", tmp_path, data, status)
    presenter.wait_for("1/4")
    audience = start(names[1], "--audience talk.yaml", tmp_path, data, tmp_path / "a-status")
    audience.wait_for("Opening slide")
    presenter.keys("Right", "Right")  # Ideas slide, first idea shown
    presenter.wait_for("first idea")
    audience.wait_for("first idea")
    time.sleep(0.5)  # the watcher starts after the first frame; let a slow machine settle

    # Renamed over (vim, VS Code, JetBrains): both screens, same slide and step.
    save_by_rename(deck, DECK.replace("- first idea", "- first idea, edited"))
    screen = presenter.wait_for("first idea, edited")
    assert "2/4" in screen and "second idea" not in screen
    assert "second idea" not in audience.wait_for("first idea, edited")

    # A slide inserted before the one on screen: still on it, now number 3.
    save_in_place(
        deck, DECK.replace("  - title: Ideas", "  - title: Inserted slide\n  - title: Ideas")
    )
    screen = presenter.wait_for("3/5")
    assert "Ideas slide" in screen
    assert "Ideas slide" in audience.wait_for("Ideas slide")

    # A broken save: the presenter sees where, the audience sees nothing of it.
    save_by_rename(deck, DECK.replace("title: Middle slide", "titel: Middle slide"))
    screen = presenter.wait_for("Not reloaded")
    assert "talk.yaml:9:5: unknown key 'titel'" in screen
    assert "Ideas slide" in screen  # the last good deck stays up
    time.sleep(0.3)
    assert "Not reloaded" not in audience.screen() and "titel" not in audience.screen()
    presenter.keys("Right")  # the keys act on the last good deck
    presenter.wait_for("second idea")

    # Fixed: the panel goes; the current slide deleted: the next one takes its place.
    save_by_rename(
        deck,
        DECK.replace(
            "  - title: Ideas slide\n    reveal: true\n    body: |\n      - first idea\n      - second idea\n",
            "",
        ),
    )
    screen = presenter.wait_for("Middle slide")
    assert "Not reloaded" not in screen and "2/3" in screen
    audience.wait_for("Middle slide")

    presenter.keys("q")
    assert presenter.exit_status(status) == 0


def test_no_reload_keeps_the_deck_it_started_with(talk, tmp_path: Path) -> None:
    deck, data, names = talk
    names.append(session_name("no-reload"))
    status = tmp_path / "status"
    presenter = start(names[0], "talk.yaml --no-reload", tmp_path, data, status)
    presenter.wait_for("1/4")
    time.sleep(0.5)
    save_by_rename(deck, DECK.replace("Opening slide", "Changed slide"))
    time.sleep(1.0)
    screen = presenter.screen()
    assert "Opening slide" in screen and "Changed slide" not in screen
    presenter.keys("q")
    assert presenter.exit_status(status) == 0
