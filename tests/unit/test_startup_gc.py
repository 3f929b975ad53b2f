"""The cyclic collector is off from a full-screen command's start to its first frame."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _run(code: str) -> None:
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=False
    )
    assert result.returncode == 0, result.stderr


def test_hold_then_release_freezes_what_start_up_built() -> None:
    _run(
        "import gc\n"
        "from tui import startup_gc\n"
        "startup_gc.hold()\n"
        "assert not gc.isenabled() and startup_gc.held()\n"
        "built = [[n] for n in range(1000)]\n"
        "startup_gc.release()\n"
        "assert gc.isenabled() and not startup_gc.held()\n"
        "frozen = gc.get_freeze_count()\n"
        "assert frozen > 1000, frozen\n"
        "startup_gc.release()  # once only\n"
        "assert gc.get_freeze_count() == frozen\n"
    )


def test_release_collecting_frees_the_garbage_of_start_up_before_the_freeze() -> None:
    _run(
        "import gc, weakref\n"
        "from tui import startup_gc\n"
        "class Node: pass\n"
        "def garbage():\n"
        "    a, b = Node(), Node()\n"
        "    a.other, b.other = b, a  # a cycle: reference counting never frees it\n"
        "    return weakref.ref(a)\n"
        "startup_gc.hold()\n"
        "kept = garbage()\n"
        "startup_gc.release()\n"
        "gc.collect()\n"
        "assert kept() is not None  # frozen with what was alive\n"
        "gc.unfreeze(); gc.collect()\n"
        "startup_gc.hold()\n"
        "freed = garbage()\n"
        "startup_gc.release(collect=True)\n"
        "assert freed() is None\n"
        "assert gc.isenabled() and gc.get_freeze_count() > 0\n"
    )


def test_release_without_hold_changes_nothing() -> None:
    _run(
        "import gc\n"
        "from tui import startup_gc\n"
        "startup_gc.release()\n"
        "assert gc.isenabled() and gc.get_freeze_count() == 0\n"
        "gc.disable()  # someone else's choice is theirs\n"
        "startup_gc.hold(); startup_gc.release()\n"
        "assert not gc.isenabled() and gc.get_freeze_count() == 0\n"
    )


@pytest.mark.parametrize(
    "argv",
    [
        ["missing-deck.yaml"],  # bad input: exit 2 before any app
        ["--audience", "missing-deck.yaml"],
        ["rehearse", "missing-deck.yaml"],
        ["slides.yaml"],  # no terminal: refused before any app
    ],
)
def test_the_command_turns_the_collector_back_on_whatever_happens(
    argv: list[str], tmp_path: Path
) -> None:
    _run(
        "import gc, os\n"
        f"os.environ['PODIUM_DATA_DIR'] = {str(tmp_path)!r}\n"
        "from tui.cli import main\n"
        f"status = main({argv!r})\n"
        "assert status == 2, status\n"
        "assert gc.isenabled()\n"
    )


def test_line_commands_never_turn_the_collector_off() -> None:
    _run(
        "import gc\n"
        "from tui import startup_gc\n"
        "from tui.cli import main\n"
        "calls = []\n"
        "startup_gc.hold = lambda: calls.append('hold')\n"
        "main(['check', 'slides.yaml'])\n"
        "assert calls == [], calls\n"
    )
