"""The QR code on the slide decodes to the address shown beside it.

Read back from the real terminal (tmux, with colours) of the installed
``podium --serve``, in the presenter's view and the audience view, and
from the code drawn in-process at both sizes.
"""

from __future__ import annotations

import re
import socket
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import DATA
from tmux_session import PODIUM, TmuxSession, needs_podium, needs_tmux, new_session

from web.qr_screen import BLACK, WHITE, cells, decode, qr_image

pytest.importorskip("segno")

ADDRESS = re.compile(r"http://127\.0\.0\.1:\d+/[A-Z0-9]{10}")


def same_address(first: str, second: str) -> bool:
    """The same URL: scheme and host compared without case (RFC 3986), the rest exactly."""
    a, b = urlsplit(first), urlsplit(second)
    return (a.scheme.lower(), a.netloc.lower(), a.path, a.query) == (
        b.scheme.lower(),
        b.netloc.lower(),
        b.path,
        b.query,
    )


@pytest.mark.parametrize("scale", [1, 2])
def test_the_drawn_code_decodes_to_the_address(scale: int) -> None:
    from tui.web.qr import QUIET_ZONE, draw, make_join

    url = "http://192.168.100.123:8080/K7M2Q9XPAB"
    join = make_join(url, "K7M2Q-9XPAB")
    lines = draw(join, scale)
    assert (len(lines[0].plain), len(lines)) == join.size(scale)
    grid = []
    for line in lines:
        row = []
        for span_text, style in ((line.plain[s.start : s.end], s.style) for s in line.spans):
            fg = style.color.get_truecolor() if style.color else None  # type: ignore[union-attr]
            bg = style.bgcolor.get_truecolor() if style.bgcolor else None  # type: ignore[union-attr]
            for char in span_text:
                if scale == 2:  # two cells per module: draw it as a half block
                    row.append(("▀", tuple(bg), tuple(bg)))
                else:
                    row.append((char, tuple(fg), tuple(bg)))
        grid.append(row)
    # The quiet zone: the outer four modules are light on every side.
    assert all(fg == WHITE for _, fg, _ in grid[0])
    assert all(row[0][2] == WHITE and row[-1][2] == WHITE for row in grid)
    assert QUIET_ZONE == 4
    if scale == 2:
        grid = [
            [("▀", upper[2], lower[2]) for upper, lower in zip(a, b, strict=True)]
            for a, b in zip(grid[::2], grid[1::2], strict=False)
        ]
    found = decode(qr_image(grid))
    assert len(found) == 1 and same_address(found[0], url)
    assert all(colour in (BLACK, WHITE) for row in grid for _, fg, bg in row for colour in (fg, bg))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _coloured(session: TmuxSession) -> str:
    return subprocess.run(
        ["tmux", "capture-pane", "-p", "-e", "-t", session.name],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def _exports(data: Path) -> str:
    """The shell's set-up: pytest-textual-snapshot sets COLUMNS and LINES in
    the test process, a tmux server started from it passes them on, and
    Textual would take them over the real window size: they are unset."""
    return f"unset COLUMNS LINES; export TERM=xterm-256color PODIUM_DATA_DIR={str(data)!r}"


def _read_code(session: TmuxSession, timeout: float = 20.0) -> list[str]:
    """What zbar reads on the screen, once it reads something (the code is
    drawn, and the start-up notification no longer covers it)."""
    deadline = time.monotonic() + timeout
    while True:
        image = qr_image(cells(_coloured(session)))
        found = decode(image) if image is not None else []
        if found or time.monotonic() > deadline:
            return found
        time.sleep(0.2)


@pytest.fixture
def sessions(tmp_path: Path, private_data_dir: Path) -> Iterator[list[str]]:
    names: list[str] = []
    yield names
    for name in names:
        subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)


@needs_tmux
@needs_podium
def test_the_code_on_the_presenter_and_audience_screens_decodes_to_the_address_shown(
    sessions: list[str], tmp_path: Path, private_data_dir: Path
) -> None:
    deck = str(DATA / "two_polls.yaml")
    exports = _exports(private_data_dir)
    port = _free_port()
    name = f"podium-qr-{uuid.uuid4().hex[:8]}"
    new_session(
        name,
        f"{exports}; {PODIUM} {deck!r} --serve 127.0.0.1:{port}; sleep 30",
        width=100,
        height=30,
        cwd=tmp_path,
    )
    sessions.append(name)
    presenter = TmuxSession(name)
    presenter.wait_for("Welcome")
    presenter.keys("Right")
    screen = presenter.wait_for("code ", timeout=20)
    shown = ADDRESS.search(screen)
    assert shown is not None
    found = _read_code(presenter)
    assert len(found) == 1 and same_address(found[0], shown.group()), (found, shown.group())

    name = f"podium-qr-{uuid.uuid4().hex[:8]}"
    new_session(
        name,
        f"{exports}; {PODIUM} {deck!r} --audience; sleep 30",
        width=100,
        height=30,
        cwd=tmp_path,
    )
    sessions.append(name)
    audience = TmuxSession(name)
    screen = audience.wait_for("code ", timeout=20)
    assert shown.group() in screen
    found = _read_code(audience)
    assert len(found) == 1 and same_address(found[0], shown.group())


@needs_tmux
@needs_podium
def test_a_small_terminal_shows_the_address_alone(
    sessions: list[str], tmp_path: Path, private_data_dir: Path
) -> None:
    deck = str(DATA / "two_polls.yaml")
    exports = _exports(private_data_dir)
    name = f"podium-qr-{uuid.uuid4().hex[:8]}"
    new_session(
        name,
        f"{exports}; {PODIUM} {deck!r} --serve 127.0.0.1:{_free_port()}; sleep 30",
        width=80,
        height=24,
        cwd=tmp_path,
    )
    sessions.append(name)
    presenter = TmuxSession(name)
    presenter.wait_for("Welcome")
    presenter.keys("Right")
    screen = presenter.wait_for("code ", timeout=20)
    assert ADDRESS.search(screen) is not None
    assert "▀" not in screen
