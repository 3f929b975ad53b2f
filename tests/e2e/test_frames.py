"""End-to-end: what the installed ``podium`` writes to a real terminal per change.

Through the default deck at three sizes: each slide change is one frame
(the terminal says it supports synchronized output, so every frame is
marked), its bytes are within 1.5x of what sending only the changed cells
needs (:func:`pty_screen.optimal_bytes`), and back on the first slide the screen is
cell for cell what was first drawn. Bytes and frames, not times: nothing here
fails on a slow machine.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest
from pty_screen import PtyProgram, optimal_bytes, slide_marks
from tmux_session import PODIUM, needs_podium

pytestmark = [
    needs_podium,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs Linux ptys and /proc"),
]

SEED = Path(__file__).resolve().parents[2] / "slides.yaml"


def _titles() -> list[str]:
    return slide_marks(SEED)


def _start(size: tuple[int, int], data_dir: Path, *args: str) -> PtyProgram:
    env = {
        "PODIUM_DATA_DIR": str(data_dir),
        "XDG_STATE_HOME": str(data_dir / "state"),
        "TERM": "xterm-256color",
    }
    return PtyProgram([str(PODIUM), str(SEED), *args], size, env)


def _seen(program: PtyProgram) -> list[list[tuple[object, ...]]]:
    """The screen as a reader sees it: a blank's foreground colour and bold do not show."""
    return [
        [(text, style[1], style[5]) if not text.strip() else (text, *style) for text, style in row]
        for row in program.cells()
    ]


@pytest.mark.parametrize(
    ("size", "args"),
    [
        ((80, 24), ()),
        ((100, 30), ()),
        ((200, 60), ()),
        # Serving the phone page: the poll slide's join code comes in its frame.
        ((100, 30), ("--serve", "127.0.0.1:0")),
    ],
    ids=["80x24", "100x30", "200x60", "100x30-serve"],
)
def test_each_slide_change_is_one_frame_of_changed_cells(
    size: tuple[int, int], args: tuple[str, ...], private_data_dir: Path
) -> None:
    titles = _titles()
    program = _start(size, private_data_dir, *args)
    try:
        program.wait_visible(titles[0], timeout=60)
        program.settle(quiet=0.5, limit=10)
        if args:  # the phone page's toast comes when it serves, then goes: not a slide change
            program.wait_visible("Mobilene blir med", timeout=60)
            deadline = time.perf_counter() + 60
            while program.visible("Mobilene blir med") and time.perf_counter() < deadline:
                program.wait_output(0.5)
            program.settle(quiet=0.5, limit=10)
        first = _seen(program)  # written in full: nothing was known of the terminal
        for number, title in enumerate(titles[1:], start=2):
            before, index, total = program.cells(), len(program.chunks), program.total
            program.send("right")
            program.wait_visible(title, timeout=30)
            program.settle(quiet=0.5, limit=10)
            spent = program.total - total
            optimal = optimal_bytes(before, program.cells())
            frames = program.frames_since(index)
            assert frames == 1, f"slide {number}: {frames} frames"
            assert spent <= 1.5 * optimal + 64, (
                f"slide {number}: {spent} B for {optimal} B of cells"
            )
        # Back on slide 1 after a dozen changes, every cell is as first drawn.
        program.send("g")  # first slide
        program.wait_visible(titles[0], timeout=30)
        program.settle(quiet=0.5, limit=10)
        assert _seen(program) == first
    finally:
        program.stop()


def test_nothing_is_written_while_a_slide_just_sits_there(private_data_dir: Path) -> None:
    titles = _titles()
    program = _start((100, 30), private_data_dir)
    try:
        program.wait_visible(titles[0], timeout=60)
        program.settle(quiet=0.5, limit=10)
        total = program.total
        program.settle(quiet=2.5, limit=2.5)
        assert program.total == total
    finally:
        program.stop()


def test_reveal_steps_votes_and_results_are_one_frame_each(private_data_dir: Path) -> None:
    """Every layout, reveal steps, votes, the chart, closing a poll: each change one frame.

    The first slide has no body, so the first Markdown body comes later:
    it is drawn in its own slide's frame too (the renderer is imported
    ahead, while the slide before is read).
    """
    deck = Path(__file__).resolve().parents[1] / "data" / "all_layouts.yaml"
    env = {
        "PODIUM_DATA_DIR": str(private_data_dir),
        "XDG_STATE_HOME": str(private_data_dir / "state"),
        "TERM": "xterm-256color",
    }
    program = PtyProgram([str(PODIUM), str(deck)], (100, 30), env)
    try:
        program.wait_visible("en innovasjonsutfordring", timeout=60)
        program.settle(quiet=0.5, limit=10)
        # c closes the poll (its toast comes in the same frame), 1 on the
        # closed poll is refused with a toast alone, c reopens it.
        changes = ["right"] * 8 + ["1", "2", "r", "1", "c", "1", "c", "right"]
        for number, key in enumerate(changes, start=1):
            index = len(program.chunks)
            program.send(key)
            program.settle(quiet=0.5, limit=10)
            frames = program.frames_since(index)
            assert frames == 1, f"change {number} ({key}): {frames} frames"
    finally:
        program.stop()


def test_a_toast_is_erased_from_the_terminal_when_it_expires(private_data_dir: Path) -> None:
    """A digit alone shows how to go to a slide, for a few seconds; then the cells behind come back."""
    titles = _titles()
    program = _start((80, 24), private_data_dir)
    try:
        program.wait_visible(titles[0], timeout=60)
        program.settle(quiet=0.5, limit=10)
        before = _seen(program)
        program.send("5")
        program.wait_visible("Trykk :", timeout=30)  # the hint (the deck says lang: nb)
        deadline = time.monotonic() + 30  # it shows for seconds: wait for it to go, however slow
        while program.visible("Trykk :") and time.monotonic() < deadline:
            program.wait_output(0.5)
        program.settle(quiet=0.5, limit=10)
        assert not program.visible("Trykk :"), "\n".join(program.screen.display)
        assert _seen(program) == before
    finally:
        program.stop()
