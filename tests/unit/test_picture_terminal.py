"""How pictures reach the terminal: chosen from the environment, never by a query."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import REPO

from tui.picture_terminal import DEFAULT_CELL, CellSize, picture_mode
from tui.render_images import fit


@pytest.mark.parametrize(
    ("environ", "tty", "mode"),
    [
        ({"TERM": "xterm-kitty"}, True, "kitty"),
        ({"TERM": "xterm-256color", "KITTY_WINDOW_ID": "3"}, True, "kitty"),
        ({"TERM": "xterm-kitty"}, False, "blocks"),  # output is not the terminal
        ({"TERM": "xterm-kitty", "TMUX": "/tmp/tmux-0/default,1,0"}, True, "blocks"),
        ({"TERM": "tmux-256color", "KITTY_WINDOW_ID": "3"}, True, "blocks"),
        ({"TERM": "screen-256color"}, True, "blocks"),
        ({"TERM": "xterm-256color"}, True, "blocks"),
        ({"TERM": "linux"}, True, "blocks"),
        ({"TERM": "xterm-kitty", "NO_COLOR": "1"}, True, "text"),
        ({"TERM": "xterm-256color", "NO_COLOR": ""}, True, "blocks"),  # empty: no effect
        ({"TERM": "xterm-256color", "PODIUM_IMAGES": "text"}, True, "text"),
        ({"TERM": "linux", "PODIUM_IMAGES": "Kitty"}, False, "kitty"),
        ({"TERM": "xterm-kitty", "PODIUM_IMAGES": "blocks"}, True, "blocks"),
        ({"TERM": "xterm-kitty", "PODIUM_IMAGES": "auto"}, True, "kitty"),
        ({"TERM": "xterm-kitty", "PODIUM_IMAGES": "bogus"}, True, "kitty"),
    ],
)
def test_picture_mode(environ: dict[str, str], tty: bool, mode: str) -> None:
    assert picture_mode(environ, tty=tty) == mode


def test_fit_keeps_the_aspect_ratio_within_the_room() -> None:
    cell = CellSize(10, 20)
    # 64x40 pixels: at 72 columns it needs 72*10*40/(64*20) = 22.5 rows.
    assert fit((64, 40), (72, 30), cell) == (72, 22)
    # Only 10 rows: the width follows the height.
    assert fit((64, 40), (72, 10), cell) == (32, 10)
    # A tall picture in a wide room.
    assert fit((100, 400), (200, 20), cell) == (10, 20)
    assert fit((0, 0), (0, 0), DEFAULT_CELL) == (1, 1)


def test_the_picture_modules_load_no_textual_and_the_deck_no_picture_library() -> None:
    code = (
        "import sys, json\n"
        "import tui.render_images\n"
        "mods = {name.split('.')[0] for name in sys.modules}\n"
        "from tui.deck import load_deck\n"
        "print(json.dumps(sorted(mods)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=False
    )
    assert result.returncode == 0, result.stderr
    loaded = set(json.loads(result.stdout))
    assert "textual" not in loaded
    assert not loaded & {"PIL", "textual_image"}  # only once a picture is drawn
    code = (
        "import sys, json\n"
        "from tui.deck import load_deck\n"
        f"load_deck({str(REPO / 'tests' / 'data' / 'pictures.yaml')!r})\n"
        "print(json.dumps(sorted({name.split('.')[0] for name in sys.modules})))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=False
    )
    assert result.returncode == 0, result.stderr
    assert not set(json.loads(result.stdout)) & {"PIL", "textual_image", "textual", "rich"}
