"""Presenter and audience view in two real pseudo-terminals: how far behind
does the audience view draw each slide change?

Used by ``tests/app/test_audience.py`` (a few changes) and by
``tests/bench/bench_audience.py`` (50 changes, idle CPU); standard library,
pexpect and pyte.
"""

from __future__ import annotations

import os
import select
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pexpect
import pyte


def podium_command() -> list[str]:
    """The installed ``podium`` beside this Python, else ``python -m tui``."""
    script = Path(sys.executable).with_name("podium")
    return [str(script)] if script.exists() else [sys.executable, "-m", "tui"]


def write_numbered_deck(path: Path, count: int) -> list[str]:
    """Write a deck of ``count`` slides titled ``Slide 001 ...``; returns the titles."""
    titles = [f"Slide {number:03d} of the lag test" for number in range(1, count + 1)]
    lines = ["title: Lag test", "slides:"]
    for title in titles:
        lines += [f"  - title: {title}", f"    body: Body of {title.split(' of')[0].lower()}."]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return titles


class Terminal:
    """A command in its own pseudo-terminal, its output kept as bytes."""

    def __init__(self, args: Sequence[str], env: dict[str, str], size: tuple[int, int] = (30, 100)) -> None:
        self.child = pexpect.spawn(args[0], list(args[1:]), env=env, dimensions=size, encoding=None)
        self.output = bytearray()
        # What the terminal shows: Podium writes only the cells that change,
        # so a new title that shares words with the last is not in the bytes whole.
        self.screen = pyte.Screen(size[1], size[0])
        self.stream = pyte.ByteStream(self.screen)

    @property
    def fd(self) -> int:
        return self.child.child_fd

    def read(self) -> None:
        """Take whatever the program wrote so far."""
        try:
            while True:
                chunk = self.child.read_nonblocking(65536, timeout=0)
                if not chunk:
                    return
                self.output += chunk
                self.stream.feed(chunk)
        except (pexpect.TIMEOUT, pexpect.EOF):
            return

    def text_since(self, mark: int) -> str:
        return self.output[mark:].decode("utf-8", "replace")

    def shows(self, text: str) -> bool:
        """Whether ``text`` is on one line of the screen now."""
        return any(text in line for line in self.screen.display)

    def wait_for(self, text: str, timeout: float = 15.0, since: int = 0) -> float:
        """Wait until ``text`` is on the screen or was written after byte
        ``since``; returns when. (The screen, because only changed cells
        are written: a new title may arrive as its last two characters.)"""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            self.read()
            if self.shows(text) or text in self.text_since(since):
                return time.perf_counter()
            select.select([self.fd], [], [], 0.01)
        raise AssertionError(f"{text!r} never appeared; last output: {self.text_since(max(0, len(self.output) - 400))!r}")

    def send(self, keys: str) -> None:
        self.child.send(keys)

    def stop(self) -> None:
        if self.child.isalive():
            self.child.kill(9)
        self.child.close(force=True)


@dataclass
class LagResult:
    """Seconds per slide change.

    Attributes:
        lags: Audience drawn minus presenter drawn, per change.
        key_to_audience: Key sent to audience drawn, per change.
        key_to_presenter: Key sent to presenter drawn, per change.
    """

    lags: list[float] = field(default_factory=list)
    key_to_audience: list[float] = field(default_factory=list)
    key_to_presenter: list[float] = field(default_factory=list)

    def summary(self) -> str:
        ms = [lag * 1000 for lag in self.lags]
        keyed = [lag * 1000 for lag in self.key_to_audience]
        own = [lag * 1000 for lag in self.key_to_presenter]
        return (
            f"{len(ms)} slide changes: audience lag behind presenter median {statistics.median(ms):.1f} ms, "
            f"worst {max(ms):.1f} ms; key to audience view median {statistics.median(keyed):.1f} ms, "
            f"worst {max(keyed):.1f} ms (key to presenter view median {statistics.median(own):.1f} ms)"
        )


def measure(presenter: Terminal, audience: Terminal, titles: Sequence[str], changes: int) -> LagResult:
    """Press "next" ``changes`` times on the presenter; time both screens.

    Both are expected on the first slide. Returns the lags.
    """
    result = LagResult()
    for index in range(1, changes + 1):
        title = titles[index]
        sent = time.perf_counter()
        presenter.send("n")
        seen_p = seen_a = None
        deadline = sent + 10.0
        while (seen_p is None or seen_a is None) and time.perf_counter() < deadline:
            ready, _, _ = select.select([presenter.fd, audience.fd], [], [], 0.05)
            now = time.perf_counter()
            if presenter.fd in ready:
                presenter.read()
                if seen_p is None and presenter.shows(title):
                    seen_p = now
            if audience.fd in ready:
                audience.read()
                if seen_a is None and audience.shows(title):
                    seen_a = now
        if seen_p is None or seen_a is None:
            raise AssertionError(f"change {index}: presenter saw {seen_p}, audience saw {seen_a}")
        result.lags.append(seen_a - seen_p)
        result.key_to_audience.append(seen_a - sent)
        result.key_to_presenter.append(seen_p - sent)
        time.sleep(0.05)  # a presenter does not press keys at 1 kHz
    return result


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process (Linux ``/proc``)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
