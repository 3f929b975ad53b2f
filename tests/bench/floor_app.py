"""The floor: the least any Textual app does to show one line of text.

One ``Static`` shows a slide title; Right, Space or ``n`` replaces it with
the next title; ``q`` quits. ``bench_ratios.py`` runs it beside Podium, so
that Podium's figures read as multiples of what Textual itself costs on the
same machine at the same moment.

Run with:  python tests/bench/floor_app.py TITLES_FILE
"""

from __future__ import annotations

import sys

from textual.app import App, ComposeResult
from textual.widgets import Static


class Floor(App[None]):
    """Shows one title at a time."""

    BINDINGS = [("q", "quit", "Quit"), ("right,space,n", "next", "Next")]

    def __init__(self, titles: list[str]) -> None:
        super().__init__()
        self.titles = titles
        self.index = 0

    def compose(self) -> ComposeResult:
        yield Static(self.titles[0], id="title", markup=False)

    def action_next(self) -> None:
        """Show the next title."""
        self.index = min(self.index + 1, len(self.titles) - 1)
        self.query_one("#title", Static).update(self.titles[self.index])


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as source:
        Floor([line.strip() for line in source if line.strip()]).run()
