"""End-to-end: the installed ``podium`` drawing pictures and links in real terminals.

tmux (half blocks, ``TERM=xterm-256color`` and ``TERM=linux``), and a bare
pty for the raw bytes: no terminal query is ever sent for pictures, and in
kitty the picture goes out through the kitty graphics protocol.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import DATA, SEED_DECK
from pty_capture import run_in_pty
from tmux_session import PODIUM, TmuxSession, needs_podium, needs_tmux, new_session

BLOCK = "▀"
QUERIES = (b"\x1b[16t", b"\x1b[14t", b"\x1b_G", b"a=q")
"""Cell-size and pixel-size queries, and any kitty graphics message (its support query)."""


@pytest.fixture
def deck(tmp_path: Path) -> Path:
    """The picture deck and its picture, copied to a folder of their own."""
    folder = tmp_path / "talk"
    folder.mkdir()
    shutil.copy(DATA / "picture.png", folder / "picture.png")
    shutil.copy(DATA / "pictures.yaml", folder / "slides.yaml")
    return folder / "slides.yaml"


class Terminal(TmuxSession):
    def __init__(self, name: str, status_file: Path) -> None:
        super().__init__(name)
        self.status_file = status_file

    def picture_rows(self) -> int:
        return sum(1 for line in self.screen().splitlines() if BLOCK * 8 in line)


@pytest.fixture
def terminal(tmp_path: Path, private_data_dir: Path) -> Iterator[callable]:
    sessions: list[str] = []

    def start(args: list[str], *, width: int, height: int, term: str) -> Terminal:
        name = f"podium-images-{uuid.uuid4().hex[:8]}"
        status = tmp_path / f"{name}.status"
        environment = {"TERM": term, "PODIUM_DATA_DIR": str(private_data_dir)}
        exports = " ".join(f"{key}={value!r}" for key, value in environment.items())
        command = " ".join([str(PODIUM), *(repr(arg) for arg in args)])
        script = (
            f"unset NO_COLOR PODIUM_IMAGES COLUMNS LINES; export {exports}; {command}; "
            f"echo $? > {str(status)!r}; sleep 30"
        )
        new_session(name, script, width=width, height=height, cwd=tmp_path)
        sessions.append(name)
        return Terminal(name, status)

    yield start
    for name in sessions:
        subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)


def wait_until(session: Terminal, condition, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"condition never held; screen was:\n{session.screen()}")


def resize(session: Terminal, width: int, height: int) -> None:
    """Resize the session's window, again if the shared tmux server undid it."""
    for _ in range(20):
        subprocess.run(
            ["tmux", "resize-window", "-t", session.name, "-x", str(width), "-y", str(height)],
            check=True,
        )
        size = subprocess.run(
            ["tmux", "display", "-p", "-t", session.name, "#{window_width}x#{window_height}"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        if size == f"{width}x{height}":
            return
        time.sleep(0.2)
    raise AssertionError(f"the window stayed {size}")


@needs_tmux
@needs_podium
@pytest.mark.parametrize("term", ["xterm-256color", "linux"])
def test_pictures_and_links_in_tmux(terminal, deck: Path, term: str) -> None:
    session = terminal([str(deck)], width=80, height=24, term=term)
    session.wait_for("Et bilde")
    wait_until(session, lambda: session.picture_rows() >= 10)
    small = session.picture_rows()
    assert small <= 24 - 5  # title, rule, gap and status line stay on screen

    resize(session, 160, 48)
    wait_until(session, lambda: session.picture_rows() > small, timeout=30)  # kept to the measure: it grows, within width:
    assert session.picture_rows() <= 48 - 5

    session.keys("Right")
    session.wait_for("Les mer hos KS (www.ks.no).")
    assert "Før bildet." in session.screen()
    session.keys("Right")
    screen = session.wait_for("KS (www.ks.no) og Difi (www.difi.no/om-difi)")
    assert BLOCK not in screen
    session.keys("q")
    assert session.exit_status(session.status_file) == 0
    assert "Traceback" not in session.screen()


def _pty(args: list[str], data: Path, **env: str) -> bytes:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("NO_COLOR", "PODIUM_IMAGES", "TMUX", "KITTY_WINDOW_ID", "COLUMNS", "LINES")
    }
    environment.update(TERM="xterm-256color", COLORTERM="truecolor", PODIUM_DATA_DIR=str(data))
    environment.update(env)
    keys = [(2.5, b" "), (0.6, b"q")]
    return run_in_pty([str(PODIUM), *args], env=environment, keys=keys, size=(100, 30), timeout=20)


@needs_podium
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs Linux ptys")
def test_pictures_send_no_terminal_query(deck: Path, tmp_path: Path) -> None:
    plain = _pty([str(SEED_DECK)], tmp_path / "a")
    pictures = _pty([str(deck)], tmp_path / "b")
    assert BLOCK.encode() in pictures and b"www.ks.no" in pictures
    for query in QUERIES:
        assert query not in pictures, query
    # Whatever Textual itself asks (device attributes ...) is asked no more often.
    for query in (b"\x1b[c", b"\x1b[0c", b"\x1b[>c"):
        assert pictures.count(query) == plain.count(query), query
    assert b"\x1b]8;" in pictures  # the link is an OSC 8 hyperlink


@needs_podium
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs Linux ptys")
def test_kitty_gets_the_picture_through_its_graphics_protocol(deck: Path, tmp_path: Path) -> None:
    output = _pty([str(deck)], tmp_path / "k", TERM="xterm-kitty", KITTY_WINDOW_ID="1")
    uploads = [part for part in output.split(b"\x1b_G")[1:] if b"f=100" in part.split(b";")[0]]
    assert uploads  # a PNG sent to the terminal, whole messages (not cut by a frame)
    assert all(b"\x1b\\" in part for part in uploads)
    assert b"a=p" in output  # and a placement for it
    assert chr(0x10EEEE).encode() in output  # placed with kitty's Unicode placeholders
    assert b"a=q" not in output  # never asked whether it is supported
    assert BLOCK.encode() not in output
