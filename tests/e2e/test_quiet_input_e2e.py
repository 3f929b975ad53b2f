"""End-to-end: an idle presenter sleeps; keys (a lone Escape too) still arrive.

The installed ``podium`` in a pty, on the first slide with nothing running
(no notes pane, so no clock): no thread of the process wakes while nothing
happens, where Textual's input thread would wake ten times a second (see
:mod:`tui.quiet_driver`). Counts of wakes, not times.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest
from pty_screen import PtyProgram, slide_marks
from tmux_session import PODIUM, needs_podium

pytestmark = [
    needs_podium,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs Linux ptys and /proc"),
]

SEED = Path(__file__).resolve().parents[2] / "slides.yaml"
IDLE_SECONDS = 2.0


def _start(data_dir: Path) -> PtyProgram:
    env = {
        "PODIUM_DATA_DIR": str(data_dir),
        "XDG_STATE_HOME": str(data_dir / "state"),
        "TERM": "xterm-256color",
    }
    program = PtyProgram([str(PODIUM), str(SEED)], (100, 30), env)
    program.wait_visible(slide_marks(SEED)[0], timeout=60)
    program.settle(quiet=1.0, limit=15)
    return program


def _wakes(pid: int) -> dict[str, int]:
    """Times each thread of ``pid`` has been put on a CPU (``/proc``'s schedstat)."""
    counts = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        with open(f"/proc/{pid}/task/{tid}/schedstat") as stat:
            counts[tid] = int(stat.read().split()[2])
    return counts


def test_an_idle_presenter_wakes_no_thread(private_data_dir: Path) -> None:
    program = _start(private_data_dir)
    try:
        before = _wakes(program.pid)
        start = time.perf_counter()
        while time.perf_counter() - start < IDLE_SECONDS:
            program.settle(quiet=IDLE_SECONDS, limit=IDLE_SECONDS)
        after = _wakes(program.pid)
        woken = {tid: after[tid] - before.get(tid, 0) for tid in after}
        # Textual's input thread alone would have woken about 20 times.
        assert sum(woken.values()) <= 3, woken
        assert len(after) >= 2  # the input thread is there, asleep
    finally:
        program.stop()


def test_keys_and_a_lone_escape_still_arrive(private_data_dir: Path) -> None:
    program = _start(private_data_dir)
    try:
        program.send("?")
        program.wait_visible("Taster", timeout=30)  # the help screen (the deck is in Norwegian)
        program.settle(quiet=0.5, limit=5)
        os.write(program.fd, b"\x1b")  # Escape alone: a key once no sequence follows
        deadline = time.perf_counter() + 30
        while program.visible("Taster") and time.perf_counter() < deadline:
            program.settle(quiet=0.2, limit=0.5)
        assert not program.visible("Taster"), "Escape did not close the help"
        program.send("right")
        program.wait_visible(slide_marks(SEED)[1], timeout=30)
    finally:
        program.stop()


def test_escape_then_a_key_in_one_read_are_two_keys(private_data_dir: Path) -> None:
    """Escape closes the go-to prompt and n goes on, though both bytes arrive together.

    The parser alone reads ``ESC n`` as Alt+N: the prompt stayed open, n was lost.
    """
    program = _start(private_data_dir)
    try:
        program.send(":")
        program.send("9")
        program.wait_visible("9", timeout=30)
        program.settle(quiet=0.5, limit=5)
        os.write(program.fd, b"\x1bn")  # one write: one read
        program.wait_visible(slide_marks(SEED)[1], timeout=30)  # the next slide, not the 9th
        program.settle(quiet=0.5, limit=5)
        assert program.visible("2/13")
    finally:
        program.stop()
