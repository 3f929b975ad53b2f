"""End-to-end: the installed ``podium`` presenting and ``podium vote`` voting,
each in its own real terminal (tmux), the way a workshop uses them."""

from __future__ import annotations

import json
import subprocess
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import DATA
from tmux_session import PODIUM, TmuxSession, needs_podium, needs_tmux, new_session

pytestmark = [needs_tmux, needs_podium]


@pytest.fixture
def terminal(tmp_path: Path, private_data_dir: Path) -> Iterator[Callable[..., TmuxSession]]:
    sessions: list[str] = []

    def start(args: list[str], *, width: int = 100, height: int = 30) -> TmuxSession:
        name = f"podium-poll-{uuid.uuid4().hex[:8]}"
        exports = f"export TERM=xterm-256color PODIUM_DATA_DIR={str(private_data_dir)!r}"
        command = " ".join([str(PODIUM), *(repr(arg) for arg in args)])
        script = f"{exports}; {command}; sleep 30"
        new_session(name, script, width=width, height=height, cwd=tmp_path)
        sessions.append(name)
        return TmuxSession(name)

    yield start
    for name in sessions:
        subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)


def podium(*args: str, data: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(PODIUM), *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=30,
        env={"PATH": "/usr/bin:/bin", "PODIUM_DATA_DIR": str(data)},
    )


@pytest.mark.parametrize(("width", "height"), [(100, 30), (80, 24)])
def test_presenter_and_voter_in_two_terminals(
    terminal, private_data_dir: Path, tmp_path: Path, width: int, height: int
) -> None:
    deck = str(DATA / "two_polls.yaml")
    presenter = terminal([deck], width=width, height=height)
    presenter.wait_for("Welcome")
    # Same user, no arguments: the voter finds the running presentation.
    voter = terminal(["vote"], width=width, height=height)
    voter.wait_for("Waiting for the next poll")

    presenter.keys("Right")
    presenter.wait_for("Vote in your terminal")
    assert "podium vote" in presenter.screen()
    voter.wait_for("First question?")
    voter.keys("2")
    voter.wait_for("Your vote: No")
    presenter.wait_for("1 voter ")
    presenter.keys("r")
    screen = presenter.wait_for("100%")
    assert "No" in next(line for line in screen.splitlines() if "100%" in line)

    # A scripted vote from a third terminal, timed until the presenter shows it.
    sent = podium(
        "vote", deck, "--choice", "Yes", "--voter", "script", data=private_data_dir, cwd=tmp_path
    )
    acknowledged = time.monotonic()
    assert sent.returncode == 0, sent.stderr
    presenter.wait_for("2 voters ", poll=0.02)
    print(f"\nvote to presenter's screen: {(time.monotonic() - acknowledged) * 1000:.0f} ms")

    presenter.keys("c")
    voter.wait_for("This poll is closed")
    refused = podium(
        "vote", deck, "--choice", "1", "--voter", "late", data=private_data_dir, cwd=tmp_path
    )
    assert refused.returncode == 1 and "closed" in refused.stderr

    presenter.keys("Right")
    voter.wait_for("Waiting for the next poll")
    presenter.keys("Right")
    voter.wait_for("Pick any colours")
    voter.keys("1", "2", "Enter")
    voter.wait_for("Your vote: Red, Grønn")
    presenter.wait_for("1 voter ")

    presenter.keys("q")
    voter.wait_for("Waiting for the presentation to start")
    voter.keys("q")

    exported = podium("results", deck, "--format", "json", data=private_data_dir, cwd=tmp_path)
    assert exported.returncode == 0, exported.stderr
    polls = {poll["id"]: poll for poll in json.loads(exported.stdout)["polls"]}
    assert [option["votes"] for option in polls["first"]["options"]] == [1, 1]
    assert polls["first"]["closed"] is True
    assert [option["votes"] for option in polls["second"]["options"]] == [1, 1, 0]
    assert {vote["option"] for vote in polls["second"]["votes"]} == {"Red", "Grønn"}


def test_shared_store_for_another_user(terminal, private_data_dir: Path, tmp_path: Path) -> None:
    """Voters who are other users name the shared store the slide shows."""
    shared = tmp_path / "workshop"
    shared.mkdir()
    shared.chmod(0o2770)  # the workshop group's folder
    store = shared / "votes.sqlite3"
    presenter = terminal([str(DATA / "two_polls.yaml"), "--store", str(store), "--shared-store"])
    presenter.wait_for("Welcome")
    presenter.keys("Right")
    screen = presenter.wait_for("Vote in your terminal")
    # The path may wrap across lines on screen: compare without whitespace.
    assert str(store) in "".join(screen.split())
    assert store.stat().st_mode & 0o777 == 0o660
    elsewhere = tmp_path / "other-user-data"
    voted = podium(
        "vote",
        "--store",
        str(store),
        "--choice",
        "1",
        "--voter",
        "guest",
        data=elsewhere,
        cwd=tmp_path,
    )
    assert voted.returncode == 0, voted.stderr
    presenter.wait_for("1 voter ")
