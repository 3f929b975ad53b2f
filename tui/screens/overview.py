"""The overview: every slide by number and title; Enter jumps there."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.deck.model import Deck
from tui.screens.safe import DismissOnce, SafeOptionList


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

    def compose(self) -> ComposeResult:
        width = len(str(len(self._deck.slides)))
        options = [
            Option(Text(f"{number:>{width}}  {slide.title or '(untitled)'}"), id=str(number - 1))
            for number, slide in enumerate(self._deck.slides, start=1)
        ]
        with Vertical(id="overview"):
            yield Static("Overview: ↑↓ choose, Enter go, Esc close", id="overview-help")
            yield SafeOptionList(*options, id="overview-list")

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
