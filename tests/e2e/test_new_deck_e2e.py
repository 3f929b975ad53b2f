"""A deck made by ``podium new`` presents in a real terminal (tmux, 80x24)."""

from __future__ import annotations

import os
import re
import subprocess
import uuid
from pathlib import Path

from tmux_session import PODIUM, TmuxSession, needs_podium, needs_tmux, new_session


@needs_tmux
@needs_podium
def test_a_new_deck_presents_at_80x24(tmp_path: Path) -> None:
    made = subprocess.run(
        [str(PODIUM), "new", "talk.yaml"], cwd=tmp_path, env=os.environ, capture_output=True
    )
    assert made.returncode == 0, made.stderr
    name = f"schema-new-{uuid.uuid4().hex[:8]}"
    status = tmp_path / "status"
    script = (
        f"export PODIUM_DATA_DIR={str(tmp_path / '.data')!r} TERM=xterm-256color; "
        f"{PODIUM} talk.yaml; echo $? > {str(status)!r}; sleep 30"
    )
    new_session(name, script, width=80, height=24, cwd=tmp_path)
    try:
        session = TmuxSession(name)
        session.wait_for("A starter deck made by podium new")
        session.keys("s")
        screen = session.wait_for("This is a title slide")
        assert re.search(r"1/8", screen)
        session.keys("Right", "Right", "Right")
        session.wait_for("One point at a time")
        session.wait_for("reveal: true shows the")
        session.keys("q")
        assert session.exit_status(status) == 0
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)
