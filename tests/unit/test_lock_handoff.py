"""``podium`` hands the interpreter lock to Textual's output and input threads quickly."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tui.lock_handoff import SWITCH_SECONDS

REPO = Path(__file__).resolve().parents[2]


def test_the_podium_command_sets_a_short_switch_interval() -> None:
    assert SWITCH_SECONDS < 0.005  # shorter than Python's default
    code = (
        "import sys\n"
        "from tui.cli import main\n"
        "before = sys.getswitchinterval()\n"
        "status = main(['check', 'slides.yaml'])\n"
        "print(before, sys.getswitchinterval(), status)\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60
    )
    before, after, status = run.stdout.split()[-3:]
    assert float(before) == 0.005 and float(after) == SWITCH_SECONDS and status == "0"
