"""Time loading a generated 1,000-slide deck (prints the time; asserts nothing).

Run with:  python tests/bench_loader.py [SLIDES]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tui.deck import load_deck_text


def big_deck(slides: int = 1000) -> str:
    """Build the YAML text of a deck with every layout, repeated.

    Args:
        slides: How many slides to generate.

    Returns:
        The deck's YAML source.
    """
    parts = ["title: Stor presentasjon\nauthor: Test\ndate: 2012-09-19\nduration: 1h 30m\nslides:\n"]
    for number in range(slides):
        kind = number % 6
        if kind == 0:
            parts.append(f"  - layout: title\n    title: Tittel {number}\n    subtitle: Under {number}\n")
        elif kind == 1:
            parts.append(
                f"  - title: Innhold {number}\n    reveal: yes\n    body: |\n"
                "      - Nytt\n      - Nyttig\n        - nested\n      - Nyttiggjort\n"
                f"    notes: |\n      Notater for lysbilde {number}.\n"
            )
        elif kind == 2:
            parts.append(f"  - layout: section\n    title: Del {number}\n")
        elif kind == 3:
            parts.append(f"  - layout: quote\n    body: Sitat {number}\n    attribution: No\n")
        elif kind == 4:
            parts.append(f"  - title: Kolonner {number}\n    columns: [Venstre, Høyre, '1.10']\n")
        else:
            parts.append(
                f"  - title: Spørsmål {number}?\n    poll:\n"
                "      options: [Yes, No, on, Behov, Bruker, Åpen innovasjon]\n"
            )
    return "".join(parts)


def main() -> None:
    """Print how long loading and validating the generated deck takes."""
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    text = big_deck(count)
    load_deck_text(text)  # warm up imports and caches
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        deck = load_deck_text(text, "bench.yaml")
        runs.append(time.perf_counter() - start)
    runs.sort()
    print(
        f"{len(deck.slides)} slides, {len(text.encode()) / 1024:.0f} KiB: "
        f"median {runs[2] * 1000:.1f} ms, best {runs[0] * 1000:.1f} ms"
    )


if __name__ == "__main__":
    main()
