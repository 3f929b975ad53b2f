"""Time slide changes inside the app (prints figures; asserts nothing).

Measures, for every slide change of the default deck (forward, then back),
the time from the key to the end of the screen update Textual sends, and
the cells Textual repaints. For terminal-level figures (start-up, bytes on
the wire, memory, idle CPU) run the installed ``podium`` under a
pseudo-terminal benchmark.

Run with:  python tests/bench/bench_navigation.py [ROUNDS]
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from textual._compositor import Compositor

from tui.app import make_app
from tui.deck import load_deck

DECK = Path(__file__).resolve().parents[2] / "slides.yaml"


async def measure(rounds: int) -> tuple[list[float], list[float], list[int]]:
    """Press Right through the deck and Left back, ``rounds`` times.

    Returns:
        Milliseconds per change from the key to the first screen update
        and to the last one, and distinct cells repainted per change.
    """
    updates: list[tuple[float, set[tuple[int, int]]]] = []
    render_update = Compositor.render_update

    def timed(self: Compositor, *args: object, **kwargs: object) -> object:
        cells = {
            (x, y)
            for region in self._dirty_regions
            for y in range(region.y, region.bottom)
            for x in range(region.x, region.right)
        }
        result = render_update(self, *args, **kwargs)
        updates.append((time.perf_counter(), cells))
        return result

    Compositor.render_update = timed  # type: ignore[method-assign]
    deck = load_deck(DECK)
    app = make_app(deck)
    first: list[float] = []
    settled: list[float] = []
    cells: list[int] = []
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.5)
        keys = ["right"] * (len(deck.slides) - 1) + ["left"] * (len(deck.slides) - 1)
        for _ in range(rounds):
            for key in keys:
                updates.clear()
                start = time.perf_counter()
                await pilot.press(key)
                await pilot.pause(0.05)
                if updates:
                    first.append((updates[0][0] - start) * 1000)
                    settled.append((updates[-1][0] - start) * 1000)
                    cells.append(len(set().union(*(painted for _, painted in updates))))
    Compositor.render_update = render_update  # type: ignore[method-assign]
    return first, settled, cells


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    first, settled, cells = asyncio.run(measure(rounds))
    print(f"slide changes:           {len(first)}")
    print(f"key to first update ms:  median {statistics.median(first):.1f}  max {max(first):.1f}")
    print(
        f"key to last update ms:   median {statistics.median(settled):.1f}  max {max(settled):.1f}"
    )
    print(
        f"cells repainted/change:  median {statistics.median(cells):.0f}  "
        f"max {max(cells)}  (screen: {100 * 30})"
    )


if __name__ == "__main__":
    main()
