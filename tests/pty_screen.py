"""One program in a real pseudo-terminal, its screen emulated by pyte.

Used by ``tests/bench/bench_ratios.py`` and ``tests/e2e/test_frames.py``:
spawn a command at a fixed size, send keys, wait until a text is on the
emulated screen, read until the output goes quiet, count the frames, and
estimate what a renderer sending only the changed cells would have needed
(:func:`optimal_bytes`).
Linux only (``/proc``); needs ``pyte`` (in the ``test`` extra).
"""

from __future__ import annotations

import fcntl
import os
import select
import signal
import struct
import termios
import time
from collections.abc import Sequence

import pyte

KEYS = {"right": b"\x1b[C", "right-app": b"\x1bOC"}
FRAME_GAP = 0.004
"""Output separated by more than this many seconds counts as another frame."""

Style = tuple[str, str, bool, bool, bool, bool]
Cells = list[list[tuple[str, Style]]]
_PLAIN: Style = ("default", "default", False, False, False, False)


class _Screen(pyte.Screen):
    """A pyte screen that answers the terminal queries a program sends."""

    def __init__(self, cols: int, rows: int) -> None:
        super().__init__(cols, rows)
        self.replies: list[str] = []

    def write_process_input(self, data: str) -> None:
        self.replies.append(data)


class PtyProgram:
    """A command on the slave side of a pty; its output fed to a pyte screen.

    Args:
        argv: The command.
        size: ``(columns, rows)``.
        env: Extra environment variables.
    """

    def __init__(self, argv: Sequence[str], size: tuple[int, int], env: dict[str, str]) -> None:
        self.cols, self.rows = size
        self.screen = _Screen(self.cols, self.rows)
        self.stream = pyte.ByteStream(self.screen)
        self.chunks: list[tuple[float, bytes]] = []
        self.total = 0
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", self.rows, self.cols, 0, 0))
        self.started = time.perf_counter()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            os.close(master)
            os.setsid()
            fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
            for fd in (0, 1, 2):
                os.dup2(slave, fd)
            # Not COLUMNS and LINES: pytest-textual-snapshot sets them (80x24)
            # and Rich would take them over the pty's size.
            inherited = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
            os.execvpe(argv[0], list(argv), {**inherited, "LANG": "C.UTF-8", **env})
        os.close(slave)
        os.set_blocking(master, False)
        self.pid, self.fd = pid, master

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.fd], [], [], max(0.0, timeout))
        if not ready:
            return False
        try:
            data = os.read(self.fd, 65536)
        except OSError:
            data = b""
        if not data:
            raise RuntimeError("the program ended")
        self.chunks.append((time.perf_counter(), data))
        self.total += len(data)
        self.stream.feed(data)
        if b"\x1b[?2026$p" in data:  # synchronized output: supported, as in most terminals
            os.write(self.fd, b"\x1b[?2026;2$y")
        if self.screen.replies:
            os.write(self.fd, "".join(self.screen.replies).encode())
            self.screen.replies.clear()
        return True

    def visible(self, text: str) -> bool:
        """Whether ``text`` is on one line of the screen (blank runs count as one)."""
        want = " ".join(text.split())
        return any(want in " ".join(line.split()) for line in self.screen.display)

    def wait_visible(self, text: str, timeout: float = 20.0) -> float:
        """Read until ``text`` is on the screen; returns when it got there."""
        deadline = time.perf_counter() + timeout
        while not self.visible(text):
            if time.perf_counter() > deadline:
                raise TimeoutError(f"{text!r} never showed")
            self._read(0.05)
        return self.chunks[-1][0] if self.chunks else time.perf_counter()

    def wait_output(self, timeout: float) -> bool:
        """Read until something more comes (True), or ``timeout`` seconds pass (False)."""
        count = len(self.chunks)
        deadline = time.perf_counter() + timeout
        while len(self.chunks) == count:
            left = deadline - time.perf_counter()
            if left <= 0:
                return False
            self._read(min(left, 0.1))
        return True

    def settle(self, quiet: float = 0.3, limit: float = 3.0) -> float:
        """Read until nothing came for ``quiet`` seconds; returns the last byte's time."""
        start = time.perf_counter()
        while time.perf_counter() - start < limit:
            last = self.chunks[-1][0] if self.chunks else start
            if not self._read(quiet - (time.perf_counter() - max(last, start))):
                if time.perf_counter() - max(last, start) >= quiet:
                    break
        return self.chunks[-1][0] if self.chunks else start

    def send(self, key: str) -> float:
        """Write a key (a name in :data:`KEYS` or literal text); returns when."""
        if key == "right" and (1 << 5) in self.screen.mode:  # DECCKM: application cursor keys
            key = "right-app"
        os.write(self.fd, KEYS.get(key, key.encode()))
        return time.perf_counter()

    def frames_since(self, index: int) -> int:
        """Frames written in the chunks read from ``index`` on.

        A frame is what the program wraps in synchronized-output marks
        (which this terminal says it supports); output outside any counts
        as one more frame per burst (gaps over :data:`FRAME_GAP` seconds).
        """
        data = b"".join(chunk for _, chunk in self.chunks[index:])
        frames = data.count(b"\x1b[?2026h")
        if frames == 0 and data:
            last = float("-inf")
            for when, _ in self.chunks[index:]:
                frames += when - last > FRAME_GAP
                last = when
        return frames

    def cells(self) -> Cells:
        """The screen's characters and styles, row by row."""
        return [
            [
                (
                    cell.data,
                    (
                        cell.fg,
                        cell.bg,
                        cell.bold,
                        cell.italics,
                        cell.underscore,
                        cell.reverse,
                    ),
                )
                for cell in (self.screen.buffer[y][x] for x in range(self.cols))
            ]
            for y in range(self.rows)
        ]

    def cpu_seconds(self) -> float:
        """CPU time of the program's threads so far (``/proc``, nanosecond clock)."""
        total = 0
        for tid in os.listdir(f"/proc/{self.pid}/task"):
            with open(f"/proc/{self.pid}/task/{tid}/schedstat") as stat:
                total += int(stat.read().split()[0])
        return total / 1e9

    def peak_rss_mb(self) -> float:
        """The most memory the program has held (``VmHWM``), in MB."""
        with open(f"/proc/{self.pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        return 0.0

    def stop(self) -> None:
        """Quit with ``q``; kill the program's group if it lingers."""
        try:
            os.write(self.fd, b"q")
            deadline = time.perf_counter() + 5
            while time.perf_counter() < deadline:
                if os.waitpid(self.pid, os.WNOHANG)[0]:
                    break
                try:
                    self._read(0.05)
                except RuntimeError:
                    pass
            else:
                os.killpg(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
        except (OSError, ChildProcessError):
            pass
        os.close(self.fd)


def _colour(value: str) -> int:
    """Bytes of the SGR parameter choosing ``value`` (a pyte colour: name or hex)."""
    if value == "default" or (not value[:1].isdigit() and len(value) != 6):
        return 2 if not value.startswith("bright") else 3  # 39, 31, 91 ...
    red, green, blue = (int(value[index : index + 2], 16) for index in (0, 2, 4))
    return len(f"38;2;{red};{green};{blue}")


def _sgr(old: Style, new: Style) -> int:
    """Bytes of an SGR sequence moving the terminal from style ``old`` to ``new``."""
    if old == new:
        return 0
    params = [_colour(new[index]) for index in (0, 1) if old[index] != new[index]]
    params += [2 for index in range(2, 6) if old[index] != new[index]]
    return 2 + sum(params) + len(params)


def optimal_bytes(before: Cells, after: Cells, erase: bool = False) -> int:
    """Bytes a renderer that sends only changed cells would need.

    Per row with changes: a cursor move to the first changed cell, then the
    changed runs, skipping unchanged gaps with a cursor move when that is
    cheaper than rewriting them, and styles changed only where they differ.

    Args:
        before: The screen before the change (:meth:`PtyProgram.cells`).
        after: The screen after it.
        erase: Send a blank run that reaches the end of the row as an erase
            (``EL``, which needs a terminal that erases in the current
            background colour) instead of spaces.
    """
    total = 0
    style = _PLAIN
    for y, (old_row, new_row) in enumerate(zip(before, after, strict=True)):
        changed = [x for x, (a, b) in enumerate(zip(old_row, new_row, strict=True)) if a != b]
        if not changed:
            continue
        cursor: int | None = None
        for x in changed:
            if cursor is None or x - cursor > 4:
                total += 4 + len(str(y + 1)) + len(str(x + 1))  # CUP
            elif x > cursor:  # rewrite the short unchanged gap
                for gap in range(cursor, x):
                    total += _sgr(style, new_row[gap][1]) + len(new_row[gap][0].encode())
                    style = new_row[gap][1]
            text, cell_style = new_row[x]
            rest = new_row[x:]
            if (
                erase
                and text == " "
                and all(cell == (" ", cell_style) for cell in rest)
                and len(rest) > 3
            ):
                total += _sgr(style, cell_style) + 3  # erase to the end of the row
                style = cell_style
                break
            total += _sgr(style, cell_style) + len(text.encode())
            style = cell_style
            cursor = x + 1
    return total


def slide_marks(deck: str | os.PathLike[str]) -> list[str]:
    """Per slide of ``deck``, text that shows once the slide is on screen.

    The first 24 characters of its title, as text: a title in big letters
    has it written under them too; the status line's ``N/COUNT`` for a
    slide without a title.
    """
    import yaml

    with open(deck, encoding="utf-8") as file:
        slides = yaml.load(file, Loader=yaml.BaseLoader)["slides"]
    marks = []
    for number, slide in enumerate(slides, start=1):
        title = str(slide.get("title", "")).strip()[:24] or f"{number}/{len(slides)}"
        marks.append(title)
    return marks
