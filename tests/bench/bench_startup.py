"""Start-up of ``podium`` to its first slide, with and without ``--serve`` (prints only).

Each run starts Podium in a pseudo-terminal (pexpect, 100x30) on the
default deck and times spawn -> the first slide's title on screen; runs of
the variants are interleaved so a busy machine weighs on each alike.
``--tree PATH`` adds a variant run from another source tree (e.g. an older
checkout, ``git archive COMMIT | tar -x -C PATH``), to compare start-up
before and after a change.

Run with:  python tests/bench/bench_startup.py [--runs N] [--tree PATH ...]
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pexpect

REPO = Path(__file__).resolve().parents[2]
TITLE = "Samordning mellom"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _run(tree: Path, extra: list[str], data: str) -> float:
    code = (
        f"import sys; sys.path.insert(0, {str(tree)!r}); from tui.cli import main; sys.exit(main())"
    )
    env = {**os.environ, "TERM": "xterm-256color", "PODIUM_DATA_DIR": data}
    started = time.perf_counter()
    child = pexpect.spawn(
        sys.executable,
        ["-c", code, str(tree / "slides.yaml"), *extra],
        dimensions=(30, 100),
        env=env,
        encoding="utf-8",
        timeout=30,
    )
    child.expect(TITLE)
    took = (time.perf_counter() - started) * 1000
    child.send("q")
    child.expect(pexpect.EOF)
    child.close()
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--tree", action="append", default=[], type=Path)
    args = parser.parse_args()
    variants: dict[str, tuple[Path, bool]] = {
        "podium": (REPO, False),
        "podium --serve": (REPO, True),
    }
    for tree in args.tree:
        variants[f"podium ({tree})"] = (tree.resolve(), False)
    times: dict[str, list[float]] = {name: [] for name in variants}
    data = tempfile.mkdtemp(prefix="podium-startup-")
    for _ in range(args.runs + 1):  # the first round warms the disk cache
        for name, (tree, serve) in variants.items():
            extra = ["--serve", f"127.0.0.1:{_free_port()}"] if serve else []
            times[name].append(_run(tree, extra, data))
    for name, values in times.items():
        kept = values[1:]
        print(
            f"{name:<40} start -> first slide: median {statistics.median(kept):6.0f} ms"
            f"  (min {min(kept):.0f}, max {max(kept):.0f}, {len(kept)} runs)"
        )


if __name__ == "__main__":
    main()
