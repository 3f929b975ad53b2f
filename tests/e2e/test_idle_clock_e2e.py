"""End-to-end: what the notes pane's clock writes to a real terminal each second.

The installed ``podium`` in a pty (the default deck, 100x30), the talk timer
running and the notes pane open: each tick writes the cells that changed
and little else (no synchronized-update marks around a few digits, no
colour reset), within what the optimal cell diff needs; and on the way out
the terminal gets its default colours back before the main screen. Bytes,
not times: nothing here fails on a slow machine.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from pty_screen import PtyProgram, optimal_bytes, slide_marks
from tmux_session import PODIUM, needs_podium

from tui.cell_diff import GAP

pytestmark = [
    needs_podium,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs Linux ptys and /proc"),
]

SEED = Path(__file__).resolve().parents[2] / "slides.yaml"
ESCAPE = re.compile(rb"\x1b\[[0-9;?<>]*[A-Za-z]|\x1b\][^\x1b]*\x1b\\")


def _notes_open_timer_running(data_dir: Path) -> PtyProgram:
    env = {
        "PODIUM_DATA_DIR": str(data_dir),
        "XDG_STATE_HOME": str(data_dir / "state"),
        "TERM": "xterm-256color",
    }
    program = PtyProgram([str(PODIUM), str(SEED)], (100, 30), env)
    titles = slide_marks(SEED)
    program.wait_visible(titles[0], timeout=60)
    program.settle(quiet=0.5, limit=10)
    program.send("right")  # leaving the walk-in slide starts the talk timer
    program.wait_visible(titles[1], timeout=30)
    program.send("s")
    program.wait_visible("0:0", timeout=30)  # the clock, in the notes pane
    program.settle(quiet=0.5, limit=10)
    return program


def _next_tick(program: PtyProgram) -> bytes:
    """Read until the clock writes, then until that write is over; its bytes."""
    index = len(program.chunks)
    assert program.wait_output(3.0), "the clock did not tick"  # it ticks once a second
    program.settle(quiet=0.3, limit=0.8)
    return b"".join(chunk for _, chunk in program.chunks[index:])


def test_each_tick_writes_the_cells_that_changed_and_little_else(private_data_dir: Path) -> None:
    program = _notes_open_timer_running(private_data_dir)
    try:
        _next_tick(program)  # the first tick after the pane opened
        for _ in range(4):
            before = program.cells()
            tick = _next_tick(program)
            after = program.cells()
            changed = sum(
                a != b
                for old, new in zip(before, after, strict=True)
                for a, b in zip(old, new, strict=True)
            )
            assert changed, f"{tick!r} changed nothing"
            assert b"\x1b[?2026" not in tick  # a few cells: no synchronized-update marks
            assert not tick.endswith(b"\x1b[0m")  # the colours stay on for the next tick
            written = len(ESCAPE.sub(b"", tick).decode())
            assert written <= changed + GAP, f"{written} characters for {changed} cells: {tick!r}"
            assert len(tick) <= optimal_bytes(before, after), tick
    finally:
        program.stop()


def test_the_default_colours_come_back_before_the_main_screen(private_data_dir: Path) -> None:
    program = _notes_open_timer_running(private_data_dir)
    _next_tick(program)  # its colours are left on
    index = len(program.chunks)
    program.stop()
    out = b"".join(chunk for _, chunk in program.chunks[index:])
    leave = out.rfind(b"\x1b[?1049l")
    assert leave > 0, out
    assert b"\x1b[0m" in out[:leave], out
