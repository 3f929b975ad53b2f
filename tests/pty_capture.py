"""Run the installed ``podium`` in a pseudo-terminal and keep every byte it writes.

For checks on the raw output (colour codes, escape sequences) that a
screen-scraping tmux session cannot see.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import termios
import time
from collections.abc import Mapping, Sequence

SGR = re.compile(rb"\x1b\[([0-9;:]*)m")
"""A Select Graphic Rendition sequence; group 1 holds its parameters."""


def colour_parameters(output: bytes) -> list[str]:
    """The colour-setting SGR parameters in ``output``.

    Colours are 30–37 and 90–97 (foreground), 40–47 and 100–107
    (background), and 38 / 48 / 58 with their 5;N or 2;R;G;B (or colon)
    arguments. 39 and 49 (back to the terminal's default colours) set no
    colour and are not counted; neither are attributes such as 1 (bold),
    2 (dim), 7 (reverse) or 0 (reset).

    Returns:
        Each colour found, as written (for example ``38;2;10;20;30``).
    """
    found: list[str] = []
    for match in SGR.finditer(output):
        params = match.group(1).decode("ascii").split(";") if match.group(1) else ["0"]
        index = 0
        while index < len(params):
            param = params[index]
            head = param.split(":", 1)[0]
            code = int(head) if head.isdigit() else 0
            if code in (38, 48, 58):
                if ":" in param:  # 38:2::R:G:B, all in one parameter
                    found.append(param)
                    index += 1
                    continue
                kind = params[index + 1] if index + 1 < len(params) else ""
                width = 2 if kind == "5" else 4 if kind == "2" else 1
                found.append(";".join(params[index : index + 1 + width]))
                index += 1 + width
                continue
            if 30 <= code <= 37 or 40 <= code <= 47 or 90 <= code <= 97 or 100 <= code <= 107:
                found.append(param)
            index += 1
    return found


def run_in_pty(
    argv: Sequence[str],
    *,
    env: Mapping[str, str],
    keys: Sequence[tuple[float, bytes]] = (),
    size: tuple[int, int] = (80, 24),
    timeout: float = 20.0,
) -> bytes:
    """Run ``argv`` in a new pty of ``size`` (columns, rows) and return all it wrote.

    Args:
        argv: The command.
        env: Its whole environment.
        keys: (seconds to wait first, bytes to type) pairs, in order.
        size: Terminal columns and rows.
        timeout: Seconds before the process is killed.
    """
    pid, fd = pty.fork()
    if pid == 0:  # the child: become the command
        try:
            os.execve(argv[0], list(argv), dict(env))
        finally:
            os._exit(127)
    columns, rows = size
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    output = bytearray()
    deadline = time.monotonic() + timeout
    pending = list(keys)
    next_key = time.monotonic() + (pending[0][0] if pending else 0)
    finished = False
    try:
        while time.monotonic() < deadline:
            if pending and time.monotonic() >= next_key:
                os.write(fd, pending.pop(0)[1])
                next_key = time.monotonic() + (pending[0][0] if pending else 0)
            ready, _, _ = select.select([fd], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:  # EIO: the child closed the terminal
                    chunk = b""
                if not chunk:
                    finished = True
                    break
                output += chunk
    finally:
        if not finished:
            os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)
    return bytes(output)
