"""Benchmark: audience-view lag over many slide changes, and idle CPU.

Runs the presenter and an audience view of a numbered deck in two real
pseudo-terminals, presses "next" on the presenter, and reports how much
later the audience view drew each slide than the presenter did (median and
worst), then the idle CPU of both (the presenter with its notes pane and
clock showing, the timer running). Not collected by pytest; run it by hand::

    python tests/bench/bench_audience.py --changes 50 --idle 30
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from audience_lag import Terminal, cpu_seconds, measure, podium_command, write_numbered_deck


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--changes", type=int, default=50, help="slide changes to time (default 50)"
    )
    parser.add_argument(
        "--idle", type=float, default=30.0, help="seconds of idle CPU measurement (default 30)"
    )
    parser.add_argument(
        "--size", default="100x30", help="terminal size, COLSxROWS (default 100x30)"
    )
    args = parser.parse_args()
    cols, rows = (int(part) for part in args.size.split("x"))
    with tempfile.TemporaryDirectory() as folder:
        deck = Path(folder) / "lag.yaml"
        titles = write_numbered_deck(deck, args.changes + 1)
        env = {
            **os.environ,
            "PODIUM_DATA_DIR": str(Path(folder) / "data"),
            "TERM": "xterm-256color",
        }
        presenter = Terminal([*podium_command(), str(deck)], env, size=(rows, cols))
        audience = Terminal([*podium_command(), "--audience", str(deck)], env, size=(rows, cols))
        try:
            presenter.wait_for(titles[0])
            audience.wait_for(titles[0])
            result = measure(presenter, audience, titles, args.changes)
            print(result.summary())
            presenter.send("s")  # the notes pane: its clock ticks once a second
            time.sleep(2.0)
            pids = {"presenter": presenter.child.pid, "audience": audience.child.pid}
            before = {name: cpu_seconds(pid) for name, pid in pids.items()}
            start = time.monotonic()
            deadline = start + args.idle
            while time.monotonic() < deadline:  # keep draining output, as a terminal does
                presenter.read()
                audience.read()
                time.sleep(0.2)
            wall = time.monotonic() - start
            for name, pid in pids.items():
                share = 100 * (cpu_seconds(pid) - before[name]) / wall
                print(f"idle CPU {name}: {share:.2f} % over {wall:.0f} s")
        finally:
            presenter.stop()
            audience.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
