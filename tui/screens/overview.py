"""The overview: every slide by number and title; Enter jumps there."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.deck.model import Deck
from tui.i18n import words_for
from tui.i18n.keys import translate_node
from tui.safe_text import one_line
from tui.screens.safe import DismissOnce, SafeOptionList


def _entry(number: int, width: int, title: str) -> Table:
    """One overview line: the slide number, then the title.

    A title too long for the line wraps under the title's first letter (a
    hanging indent), so the numbers stay alone in their column.

    Args:
        number: The 1-based slide number.
        width: Digits of the largest slide number, to right-align the numbers.
        title: The slide's title, shown as written (never parsed as markup).
    """
    grid = Table.grid(padding=(0, 2, 0, 0))
    grid.add_column(justify="right", width=width, no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_row(str(number), Text(title))
    return grid


class OverviewScreen(DismissOnce, ModalScreen[int | None]):
    """Lists the slides; dismisses with the chosen 0-based index or None.

    Args:
        deck: The deck shown.
        current: Index of the slide on screen, highlighted first.
    """

    BINDINGS = [
        Binding("escape,o,q", "cancel", "Close", show=True),
    ]

    def __init__(self, deck: Deck, current: int) -> None:
        super().__init__()
        self._deck = deck
        self._current = current
        self._words = words_for(deck.lang)
        translate_node(self, self._words)

    def _options(self) -> list[Option]:
        width = len(str(len(self._deck.slides)))
        untitled = self._words("overview.untitled")
        return [
            Option(_entry(number, width, one_line(slide.title) or untitled), id=str(number - 1))
            for number, slide in enumerate(self._deck.slides, start=1)
        ]

    def compose(self) -> ComposeResult:
        with Vertical(id="overview"):
            yield Static(self._words("overview.help"), id="overview-help", markup=False)
            yield SafeOptionList(*self._options(), id="overview-list")

    def follow_deck(self, deck: Deck, current: int) -> None:
        """List the slides of ``deck`` instead (the deck file was saved while the overview is open).

        Args:
            deck: The deck now shown.
            current: Index of the slide on screen now, highlighted.
        """
        self._deck, self._current = deck, current
        for option_list in self.query(OptionList).results(OptionList):
            option_list.clear_options()
            option_list.add_options(self._options())
            option_list.highlighted = current

    def on_mount(self) -> None:
        # Not query_one: a key typed at once may have closed the overview already.
        for option_list in self.query(OptionList).results(OptionList):
            option_list.highlighted = self._current
            option_list.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option_index)

    def action_cancel(self) -> None:
        """Close without moving."""
        self.dismiss(None)
