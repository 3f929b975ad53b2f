"""The overview: every slide by number and title; Enter jumps there."""

from __future__ import annotations

from itertools import islice
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.containers import Lines
from rich.measure import Measurement
from rich.segment import Segment
from rich.text import Text
from textual._context import active_app
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.deck.model import Deck
from tui.i18n import words_for
from tui.i18n.keys import translate_node
from tui.safe_text import one_line
from tui.screens.quiet_modal import QuietModal, modal_keys
from tui.screens.safe import DismissOnce
from tui.screens.safe_lists import SafeOptionList

if TYPE_CHECKING:
    from textual.css.styles import RulesMap


class _Entry(Visual):
    """One overview line: the slide number, then the title.

    A title too long for the line wraps under the title's first letter (a
    hanging indent), so the numbers stay alone in their column. Drawn
    directly rather than as a Rich table, and a Textual visual whose height
    is known without drawing it: the option list asks every entry its
    height when it opens, and only the rows on screen are drawn, so a deck
    of 10,000 slides opens its overview as fast as one of a hundred.

    Args:
        number: The 1-based slide number.
        width: Digits of the largest slide number, to right-align the numbers.
        title: The slide's title, shown as written (never parsed as markup).
    """

    __slots__ = ("number", "title", "title_cells", "width")

    GAP = 2
    """Cells between the number and the title."""

    def __init__(self, number: int, width: int, title: str) -> None:
        self.number = number
        self.width = width
        self.title = title
        self.title_cells = cell_len(title)

    def _lines(self, console: Console, width: int) -> Lines:
        """The title's lines at ``width`` cells for the whole entry (wrapped, folded)."""
        available = max(1, width - self.width - self.GAP)
        return Text(self.title).wrap(console, available, overflow="fold")

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        indent = self.width + self.GAP
        new_line = Segment.line()
        for index, line in enumerate(self._lines(console, options.max_width)):
            number = str(self.number).rjust(self.width) if index == 0 else ""
            yield Segment(number.ljust(indent))
            line.rstrip()
            yield from line.render(console)
            yield new_line

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        indent = self.width + self.GAP
        return Measurement(indent + 1, indent + self.title_cells)

    # -- Textual's Visual: what the option list asks of each entry ----------

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        """The number, the gap and the whole title on one line."""
        return self.width + self.GAP + self.title_cells

    def get_height(self, rules: RulesMap, width: int) -> int:
        """Lines at ``width`` cells: one, unless the title must wrap (then wrapped to count)."""
        if self.width + self.GAP + self.title_cells <= width:
            return 1  # most titles: no wrapping to do
        return len(self._lines(active_app.get().console, width))

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        """The entry's lines on ``style`` (as Textual draws a Rich renderable)."""
        app = active_app.get()
        console = app.console
        render = app.console_options.update(highlight=False, width=width, height=height)
        segments = Segment.apply_style(console.render(self, render), style.rich_style)
        lines = Segment.split_and_crop_lines(segments, width, include_new_lines=False, pad=False)
        return [Strip(line) for line in islice(lines, None, height)]


class _OverviewList(SafeOptionList):
    """The list of slides; its key line shows what Enter does."""

    BINDINGS = [Binding("enter", "select", "Go to")]


class OverviewScreen(QuietModal, DismissOnce, ModalScreen[int | None]):
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
            Option(_Entry(number, width, one_line(slide.title) or untitled), id=str(number - 1))
            for number, slide in enumerate(self._deck.slides, start=1)
        ]

    def compose(self) -> ComposeResult:
        with Vertical(id="overview"):
            yield Static(self._words("overview.help"), id="overview-help", markup=False)
            options = _OverviewList(*self._options(), id="overview-list")
            translate_node(options, self._words)
            yield options
        yield modal_keys()

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
