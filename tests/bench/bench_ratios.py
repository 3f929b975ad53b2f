"""Podium against the bare-Textual floor, interleaved in one run: prints ratios.

Each round runs every Podium command once and the floor (``floor_app.py``,
showing the same titles) once, in real pseudo-terminals, so that load on a
shared machine hits them alike; round 0 is a discarded warm-up. Per run:

* start: spawn to the first slide's title on screen (ms);
* first frame: bytes until the output went quiet;
* per slide change (Right through the deck): key to the next title on
  screen, key to the last byte (quiet), bytes, frames (bursts of output),
  and those bytes over the optimal cell diff of the two screens;
* idle: with the notes pane open and the timer running (Podium), CPU % and
  bytes per second over ``--idle`` seconds;
* peak RSS (MB).

Prints medians and each figure as a multiple of the floor's (DESIGN.md's
budgets are written that way). Needs ``pyte`` (``pip install ".[test]"``).
Several Podium commands can be compared in the same run, e.g. two checkouts::

    python tests/bench/bench_ratios.py
    python tests/bench/bench_ratios.py --runs 5 --size 80x24 \\
        --podium before=../old/.venv/bin/podium --podium after=.venv/bin/podium
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path


HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from pty_screen import PtyProgram, optimal_bytes, slide_marks

TOASTS_GONE = 6.0
"""Seconds after the last key before idle is measured (notifications last 5)."""

ROWS = [
    ("start_ms", "start → first title (ms)"),
    ("nav_ms", "key → next title visible (ms)"),
    ("quiet_ms", "key → screen quiet (ms)"),
    ("change_bytes", "bytes per slide change"),
    ("optimal_bytes", "optimal cell diff (bytes)"),
    ("over_optimal", "bytes / optimal, median"),
    ("over_optimal_max", "bytes / optimal, worst slide"),
    ("over_erase", "bytes / optimal with erase, median"),
    ("frames_max", "frames per change, most"),
    ("first_frame_bytes", "first frame bytes"),
    ("peak_rss_mb", "peak RSS (MB)"),
    ("idle_cpu_pct", "idle CPU, notes + timer (%)"),
    ("idle_bytes_per_s", "idle output (B/s)"),
]


def titles_of(deck: Path) -> list[str]:
    """What shows once each slide is on screen (its title, see slide_marks)."""
    return slide_marks(deck)


def run_once(
    argv: list[str], titles: list[str], size: tuple[int, int], idle: float, env: dict[str, str]
) -> dict[str, float]:
    """Start, page through every slide, idle, quit: the figures of one run."""
    program = PtyProgram(argv, size, env)
    figures: dict[str, float] = {}
    changes: list[dict[str, float]] = []
    try:
        seen = program.wait_visible(titles[0])
        figures["start_ms"] = (seen - program.started) * 1000
        program.settle()
        figures["first_frame_bytes"] = program.total
        for title in titles[1:]:
            before, index, total = program.cells(), len(program.chunks), program.total
            sent = program.send("right")
            seen = program.wait_visible(title)
            last = program.settle()
            after = program.cells()
            optimal = optimal_bytes(before, after)
            with_erase = optimal_bytes(before, after, erase=True)
            spent = program.total - total
            changes.append(
                {
                    "nav_ms": (seen - sent) * 1000,
                    "quiet_ms": (max(last, seen) - sent) * 1000,
                    "change_bytes": spent,
                    "optimal_bytes": optimal,
                    "over_optimal": spent / optimal if optimal else 1.0,
                    "over_erase": spent / with_erase if with_erase else 1.0,
                    "frames": program.frames_since(index),
                }
            )
        # The notes pane open (the floor ignores the key); the talk timer has
        # been running since the talk left slide 1.
        program.send("s")
        program.settle()
        # Let the toasts those keys raised time out: idle is the steady state.
        program.settle(quiet=TOASTS_GONE, limit=TOASTS_GONE)
        cpu, total, start = program.cpu_seconds(), program.total, time.perf_counter()
        while time.perf_counter() - start < idle:
            program.settle(quiet=idle, limit=idle - (time.perf_counter() - start))
        spent_s = time.perf_counter() - start
        figures["idle_cpu_pct"] = (program.cpu_seconds() - cpu) / spent_s * 100
        figures["idle_bytes_per_s"] = (program.total - total) / spent_s
        figures["peak_rss_mb"] = program.peak_rss_mb()
    finally:
        program.stop()
    for name in (
        "nav_ms",
        "quiet_ms",
        "change_bytes",
        "optimal_bytes",
        "over_optimal",
        "over_erase",
    ):
        figures[name] = statistics.median(change[name] for change in changes)
    figures["over_optimal_max"] = max(change["over_optimal"] for change in changes)
    figures["frames_max"] = max(change["frames"] for change in changes)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="measured rounds (default 5)")
    parser.add_argument("--size", default="100x30", help="COLSxROWS (default 100x30)")
    parser.add_argument("--idle", type=float, default=3.0, help="idle seconds per run (default 3)")
    parser.add_argument("--deck", type=Path, default=HERE.parents[1] / "slides.yaml")
    parser.add_argument(
        "--podium",
        action="append",
        metavar="[NAME=]COMMAND",
        help="a podium command to measure (repeatable; default: the one beside this Python)",
    )
    args = parser.parse_args()
    size = tuple(int(part) for part in args.size.lower().split("x"))
    deck = args.deck.resolve()
    titles = titles_of(deck)
    commands: dict[str, list[str]] = {}
    for spec in args.podium or [str(Path(sys.executable).with_name("podium"))]:
        name, _, command = spec.rpartition("=")
        commands[name or "podium"] = [str(Path(command).resolve()), str(deck)]
    scratch = Path(tempfile.mkdtemp(prefix="podium-bench-"))
    (scratch / "titles.txt").write_text("\n".join(titles) + "\n", encoding="utf-8")
    commands["floor"] = [sys.executable, str(HERE / "floor_app.py"), str(scratch / "titles.txt")]
    # Each command its own folders: the files Podium keeps for the next start
    # (the checked deck, the parsed stylesheet) name the code and the Textual
    # they were made by, so two checkouts sharing them would each find the
    # other's and start cold every time.
    envs: dict[str, dict[str, str]] = {}
    for index, name in enumerate(commands):
        home = scratch / f"home-{index}"
        env = {
            f"XDG_{kind}_HOME": str(home / kind.lower())
            for kind in ("DATA", "STATE", "CONFIG", "CACHE")
        }
        env |= {"PODIUM_DATA_DIR": str(home / "podium"), "TERM": "xterm-256color"}
        # As installed: compiled modules are kept (pip compiles them; a source
        # checkout caches them on the first run, the discarded warm-up round).
        env["PYTHONDONTWRITEBYTECODE"] = ""
        envs[name] = env
    results: dict[str, list[dict[str, float]]] = {name: [] for name in commands}
    for round_ in range(args.runs + 1):
        for name, argv in commands.items():
            figures = run_once(argv, titles, size, args.idle, envs[name])  # type: ignore[arg-type]
            if round_:
                results[name].append(figures)
            time.sleep(0.3)
        print(f"round {round_}/{args.runs} done", file=sys.stderr)
    medians = {
        name: {key: statistics.median(run[key] for run in runs) for key, _ in ROWS}
        for name, runs in results.items()
    }
    floor = medians["floor"]
    print(
        f"\n{deck.name}, {args.size}, medians of {args.runs} interleaved runs; (x) = ratio to the floor"
    )
    header = f"{'':34}" + "".join(f"{name:>20}" for name in commands)
    print(header)
    for key, label in ROWS:
        cells = []
        for name in commands:
            value = medians[name][key]
            ratio = value / floor[key] if floor[key] and name != "floor" else None
            text = f"{value:,.2f}" if value < 10 else f"{value:,.0f}"
            if key == "peak_rss_mb" and name != "floor":
                text += f" ({value - floor[key]:+.1f})"
            elif ratio is not None and key not in (
                "over_optimal",
                "over_optimal_max",
                "over_erase",
                "frames_max",
            ):
                text += f" ({ratio:.2f}x)"
            cells.append(f"{text:>20}")
        print(f"{label:34}" + "".join(cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
