"""Time loading a generated 1,000-slide deck (prints the time; asserts nothing).

Run with:  python tests/bench/bench_loader.py [SLIDES]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from big_deck import big_deck

from tui.deck import load_deck_text


def main() -> None:
    """Print how long loading and validating the generated deck takes."""
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    text = big_deck(count)
    load_deck_text(text)  # warm up imports and caches
    runs, cpu = [], []
    for _ in range(9):
        start, start_cpu = time.perf_counter(), time.process_time()
        deck = load_deck_text(text, "bench.yaml")
        runs.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    runs.sort()
    cpu.sort()
    # CPU time too: on a shared machine the wall clock also counts waiting for a core.
    print(
        f"{len(deck.slides)} slides, {len(text.encode()) / 1024:.0f} KiB: "
        f"median {runs[4] * 1000:.1f} ms, best {runs[0] * 1000:.1f} ms "
        f"(CPU median {cpu[4] * 1000:.1f} ms, best {cpu[0] * 1000:.1f} ms)"
    )


if __name__ == "__main__":
    main()
