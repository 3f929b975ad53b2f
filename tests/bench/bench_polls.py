"""Time how long a vote takes to reach the presenter's screen (prints; asserts nothing).

The installed ``podium`` presents the default deck in a pseudo-terminal; this
process then casts votes into the same store the way ``podium vote`` does
and times each one from "committed" (the store call returned) to the new
voter count appearing in what the presenter wrote to its terminal.

Run with:  python tests/bench/bench_polls.py [VOTES]
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pexpect

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from tui.deck import load_deck
from tui.polls.store import VoteStore

PODIUM = Path(sys.executable).with_name("podium")
if not PODIUM.exists():
    PODIUM = Path(shutil.which("podium") or "podium")


def main(votes: int = 20) -> None:
    folder = Path(tempfile.mkdtemp(prefix="podium-bench-"))
    store_path = folder / "votes.sqlite3"
    poll = load_deck(REPO / "slides.yaml").polls[0]
    env = {**os.environ, "TERM": "xterm-256color", "PODIUM_DATA_DIR": str(folder / "data")}
    child = pexpect.spawn(
        str(PODIUM),
        [str(REPO / "slides.yaml"), "--store", str(store_path)],
        env=env,
        dimensions=(30, 100),
        encoding="utf-8",
        timeout=15,
    )
    try:
        child.expect("Samordning")
        child.send(":11\r")
        child.expect("Vote in your terminal")
        time.sleep(0.5)
        latencies = []
        with VoteStore.open(store_path) as store:
            for number in range(1, votes + 1):
                time.sleep(0.137 * (number % 5) + 0.05)  # votes at unrelated moments
                store.vote(
                    poll, [poll.ids[number % len(poll.ids)]], f"bench-{number}", audience=True
                )
                committed = time.perf_counter()
                noun = "voter" if number == 1 else "voters"
                child.expect(re.escape(f"{number} {noun} "))
                latencies.append((time.perf_counter() - committed) * 1000)
        latencies.sort()
        print(
            f"{votes} votes, committed -> on the presenter's screen: median "
            f"{statistics.median(latencies):.0f} ms, min {latencies[0]:.0f} ms, "
            f"max {latencies[-1]:.0f} ms"
        )
        child.send("q")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
