"""A terminal that reports 0x0 cells (a pty nobody sized, as under ``script``):
the full-screen commands refuse it at once instead of redrawing at full CPU."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import termios
import time
from pathlib import Path

import pytest
from tmux_session import PODIUM, needs_podium

from tui.terminal import EXIT_NO_TERMINAL

SEED = Path(__file__).resolve().parents[2] / "slides.yaml"
COMMANDS = {
    "podium": [str(SEED)],
    "podium vote": ["vote"],
    "podium rehearse": ["rehearse", str(SEED)],
    "podium --audience": ["--audience", str(SEED)],
}


def set_size(fd: int, rows: int, columns: int) -> None:
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))


@needs_podium
@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_zero_size_terminal_is_refused_at_start(command: str, private_data_dir: Path) -> None:
    leader, follower = pty.openpty()
    set_size(follower, 0, 0)
    env = {**os.environ, "PODIUM_DATA_DIR": str(private_data_dir), "TERM": "xterm-256color"}
    process = subprocess.Popen(
        [str(PODIUM), *COMMANDS[command]], stdin=follower, stdout=follower, stderr=follower, env=env
    )
    os.close(follower)
    output = b""
    deadline = time.monotonic() + 10
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([leader], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(leader, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                output += chunk
            elif process.poll() is not None:
                break
    finally:
        os.close(leader)
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
        status = process.wait(timeout=10)
    assert status == EXIT_NO_TERMINAL, output[-500:]
    assert len(output) < 1000, len(output)
    lines = output.decode().splitlines()
    assert len(lines) == 1 and "0x0" in lines[0] and lines[0].startswith(f"{command}: "), output
