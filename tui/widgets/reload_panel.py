"""The presenter's panel of a saved deck's problems (live reload).

Shown under the slide (the slide gets the rest of the screen: the panel
never covers it) while the deck file on disk has problems; the last good
deck stays on screen meanwhile. Only the presenter's app has it: audience
views never show it. Every line is the loader's ``FILE:LINE:COL: message``,
shown as text (never markup), its control characters made visible.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import Static

from tui.i18n import words_of
from tui.safe_text import printable

MAX_LINES_SHOWN = 20
"""Problems listed in the panel; the rest are counted (``podium check`` lists all)."""


class ReloadProblems(Static):
    """Lists the problems of the deck as saved, under the slide."""

    DEFAULT_CSS = """
    ReloadProblems {
        display: none;
        height: auto;
        max-height: 40%;
        overflow-y: auto;
        padding: 0 1;
        border-top: heavy $error;
        border-title-color: $error;
        border-title-style: bold;
        background: $surface;
        color: $foreground;
    }
    ReloadProblems.-shown {
        display: block;
    }
    """

    def __init__(self) -> None:
        super().__init__(id="reload-problems", markup=False)
        self.lines: list[str] = []
        """The problems shown (empty while the panel is hidden)."""

    def show_problems(self, lines: Sequence[str], *, since: str) -> None:
        """Show the deck's problems (replacing those shown before).

        Args:
            lines: ``FILE:LINE:COL: message`` lines, in file order.
            since: When the last good deck was loaded (``HH:MM:SS``), for the title.
        """
        self.lines = list(lines)
        count = len(self.lines)
        words = words_of(self.app)
        self.border_title = words("reload.title", count=count, since=since)
        text = Text()
        for index, line in enumerate(self.lines[:MAX_LINES_SHOWN]):
            if index:
                text.append("\n")
            text.append(printable(line))
        if count > MAX_LINES_SHOWN:
            text.append("\n" + words("reload.more", count=count - MAX_LINES_SHOWN))
        self.update(text)
        self.add_class("-shown")

    def hide_problems(self) -> None:
        """Hide the panel: the deck is good again."""
        if self.lines:
            self.lines = []
            self.update("")
        self.remove_class("-shown")
