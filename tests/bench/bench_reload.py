"""Benchmark: save to new slide on screen (live reload), and idle CPU while watching.

Runs the installed ``podium`` and an audience view of one deck in two real
pseudo-terminals, saves the deck ``--saves`` times the way editors do (a new
file renamed over the old one), each save changing the title of the slide on
screen, and reports how long after each save the presenter's screen, and the
audience view's, showed the new title (median and worst). Then it measures
the CPU the presenter uses over ``--idle`` seconds while it only watches the
file (no notes pane, so no clock ticking), with and without ``--no-reload``.
Not collected by pytest; run it by hand::

    python tests/bench/bench_reload.py --saves 20 --idle 20
"""

from __future__ import annotations

import argparse
import os
import select
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from audience_lag import Terminal, cpu_seconds, podium_command

DECK = """\
title: Reload benchmark
slides:
  - title: Opening
  - title: {title}
    body: |
      - one
      - two
  - title: Closing
"""


def save(path: Path, title: str) -> float:
    """Save as vim and VS Code do; returns when the rename happened (perf_counter)."""
    temporary = path.with_name(f".{path.name}.swp")
    temporary.write_text(DECK.format(title=title), encoding="utf-8")
    os.replace(temporary, path)
    return time.perf_counter()


def first_seen(
    terminals: dict[str, Terminal], text: str, marks: dict[str, int]
) -> dict[str, float]:
    """When each terminal wrote ``text`` after its mark (perf_counter)."""
    seen: dict[str, float] = {}
    deadline = time.perf_counter() + 10.0
    while len(seen) < len(terminals) and time.perf_counter() < deadline:
        fds = {term.fd: name for name, term in terminals.items() if name not in seen}
        ready, _, _ = select.select(list(fds), [], [], 0.05)
        now = time.perf_counter()
        for fd in ready:
            name = fds[fd]
            terminals[name].read()
            if text in terminals[name].text_since(marks[name]):
                seen[name] = now
    missing = set(terminals) - set(seen)
    if missing:
        raise AssertionError(f"{text!r} never appeared on {sorted(missing)}")
    return seen


def idle_cpu(args: list[str], env: dict[str, str], seconds: float, wait_for: str) -> float:
    """CPU share (%) of ``podium args`` sitting on a slide for ``seconds``."""
    term = Terminal([*podium_command(), *args], env)
    try:
        term.wait_for(wait_for)
        time.sleep(2.0)  # start-up work (the watcher starts after the first frame) is over
        before = cpu_seconds(term.child.pid)
        start = time.monotonic()
        while time.monotonic() - start < seconds:
            term.read()
            time.sleep(0.2)
        return 100 * (cpu_seconds(term.child.pid) - before) / (time.monotonic() - start)
    finally:
        term.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=20, help="saves to time (default 20)")
    parser.add_argument("--idle", type=float, default=20.0, help="seconds of idle CPU (default 20)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        deck = Path(folder) / "talk.yaml"
        deck.write_text(DECK.format(title="Save 00 of the benchmark"), encoding="utf-8")
        env = {
            **os.environ,
            "PODIUM_DATA_DIR": str(Path(folder) / "data"),
            "TERM": "xterm-256color",
        }
        terminals = {
            "presenter": Terminal([*podium_command(), str(deck)], env),
            "audience": Terminal([*podium_command(), "--audience", str(deck)], env),
        }
        try:
            for term in terminals.values():
                term.wait_for("Opening")
            terminals["presenter"].send("n")
            for term in terminals.values():
                term.wait_for("Save 00 of the benchmark")
            time.sleep(1.0)
            delays: dict[str, list[float]] = {name: [] for name in terminals}
            for number in range(1, args.saves + 1):
                title = f"Save {number:02d} of the benchmark"
                marks = {name: len(term.output) for name, term in terminals.items()}
                saved = save(deck, title)
                for name, when in first_seen(terminals, title, marks).items():
                    delays[name].append(when - saved)
                time.sleep(0.3)  # an author saves a few times a minute, not a second
        finally:
            for term in terminals.values():
                term.stop()
        for name, values in delays.items():
            ms = [value * 1000 for value in values]
            print(
                f"save to new slide on the {name}'s screen over {len(ms)} saves: "
                f"median {statistics.median(ms):.1f} ms, worst {max(ms):.1f} ms"
            )
        for label, extra in (("watching", []), ("--no-reload", ["--no-reload"])):
            fresh = {**env, "PODIUM_DATA_DIR": str(Path(folder) / f"data-{label}")}
            share = idle_cpu([str(deck), *extra], fresh, args.idle, "Opening")
            print(f"idle CPU of the presenter ({label}): {share:.2f} % over {args.idle:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
