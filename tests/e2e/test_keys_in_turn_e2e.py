"""End-to-end: keys sent together (one ``tmux send-keys``) act one after another.

The installed ``podium`` on the default deck in tmux: the key typed right
after the one that closes the overview or the blank screen acts on the
presenter.
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


@pytest.fixture
def podium(tmp_path: Path, private_data_dir: Path) -> Iterator[tuple[TmuxSession, Path]]:
    """``podium`` (the default deck) at 80x24; yields the session and its exit-status file."""
    name = f"keys-in-turn-{os.getpid()}-{time.monotonic_ns()}"
    status = tmp_path / "status"
    new_session(
        name,
        f"export TERM=xterm-256color PODIUM_DATA_DIR={private_data_dir}; {PODIUM}; "
        f"echo $? > {status}; sleep 30",
        width=80,
        height=24,
        cwd=tmp_path,
    )
    session = TmuxSession(name)
    try:
        session.wait_for("1/13")
        yield session, status
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)


def stays(session: TmuxSession, text: str) -> str:
    """Wait for ``text``, then check it is still there a moment later (no key left over)."""
    session.wait_for(text)
    time.sleep(0.5)
    return session.wait_for(text, timeout=1)


def test_right_after_choosing_in_the_overview_moves_on(podium) -> None:
    session, status = podium
    session.keys("o", "Down", "Enter", "Right")  # one send-keys: the keys arrive together
    screen = stays(session, "3/13")
    assert "Oversikt:" not in screen  # the default deck is in Bokmål
    session.keys("q")
    assert session.exit_status(status) == 0


def test_the_key_after_b_brings_the_slide_back(podium) -> None:
    session, status = podium
    session.keys("b", "Right")
    screen = stays(session, "1/13")  # back, and not moved on: Right ended the blank
    assert "innovasjonsutfordring" in screen  # the title may be in big letters
    session.keys("q")
    assert session.exit_status(status) == 0
