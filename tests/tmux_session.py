"""Drive the installed ``podium`` command in a real terminal (tmux).

``PODIUM`` is the console script that ``pip install .`` put beside the Python
running the tests (else the one on ``PATH``); ``needs_tmux`` and
``needs_podium`` skip tests that cannot run without them. A ``TmuxSession``
reads the screen of a detached session and types into it the way a
presenter would.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

PODIUM = Path(sys.executable).with_name("podium")
if not PODIUM.exists():
    PODIUM = Path(shutil.which("podium") or "podium")

needs_tmux = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
needs_podium = pytest.mark.skipif(not PODIUM.exists(), reason="the podium command is not installed")


def new_session(
    name: str, script: str, *, width: int, height: int, cwd: Path | None = None
) -> None:
    """Start a detached tmux session ``name`` running ``sh -c script``.

    ``COLUMNS`` and ``LINES`` are unset first: pytest-textual-snapshot sets
    them (80 and 24) in the tests' environment, and Rich would take them
    over the terminal's own size.

    A session started just as the tmux server exits (its last session was
    killed a moment before) fails with "server exited unexpectedly" and
    nothing started: that start is tried again, up to three times.
    """
    command = ["tmux", "new-session", "-d", "-s", name, "-x", str(width), "-y", str(height)]
    if cwd is not None:
        command += ["-c", str(cwd)]
    for _ in range(3):
        done = subprocess.run(
            [*command, "sh", "-c", f"unset COLUMNS LINES; {script}"], capture_output=True, text=True
        )
        if done.returncode == 0 or "server exited unexpectedly" not in done.stderr:
            break
        time.sleep(0.2)
    done.check_returncode()


class TmuxSession:
    """A detached tmux session running one command."""

    def __init__(self, name: str) -> None:
        self.name = name

    def screen(self) -> str:
        return subprocess.run(
            ["tmux", "capture-pane", "-p", "-t", self.name],
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    def wait_for(self, text: str, timeout: float = 15.0, poll: float = 0.05) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(poll)
        raise AssertionError(f"{text!r} never appeared; screen was:\n{self.screen()}")

    def keys(self, *keys: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, *keys], check=True)

    def exit_status(self, status_file: Path, timeout: float = 10.0) -> int:
        """The exit status the session's command wrote to ``status_file``."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if status_file.exists() and status_file.read_text().strip():
                return int(status_file.read_text())
            time.sleep(0.05)
        raise AssertionError(f"podium did not exit; screen was:\n{self.screen()}")
