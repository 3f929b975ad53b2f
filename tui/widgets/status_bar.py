"""The bottom line: where we are (slide k/N, reveal step s/S), what is pending, and the keys."""

from __future__ import annotations

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from tui.i18n import words_of
from tui.widgets.key_line import KeyLine


class StatusBar(KeyLine):
    """The footer keys, then slide k/N and reveal step s/S on the right: one widget, one row.

    The keys are drawn by :class:`KeyLine` in the cells the position leaves
    (so they shorten by its rule when the position grows: a typed slide
    number, the "more" hint); the position is drawn over the row's right
    end, as wide as its text. One widget rather than a row of three: each
    mounted widget costs memory, and the presenter keeps two screens alive.
    """

    COMPONENT_CLASSES = KeyLine.COMPONENT_CLASSES | {"status-bar--position"}
    DEFAULT_CSS = """
    StatusBar {
        .status-bar--position {
            color: $foreground;
            background: $panel;
        }
    }
    """

    _shown: tuple[int, int, tuple[int, int], str, bool, bool] | None = None
    _position: tuple[tuple[str, str], ...] = ()
    """The position's runs of text, each with its style (``""``, ``bold``, ``reverse``)."""
    _position_cells = 0
    """The cells the position takes at the row's right end."""

    def show(
        self,
        number: int,
        count: int,
        *,
        step: tuple[int, int] = (0, 0),
        pending: str = "",
        more: bool = False,
        prompt: bool = False,
    ) -> None:
        """Update the position part.

        Args:
            number: Current slide, 1-based.
            count: Slides in the deck.
            step: Reveal steps shown and the slide's steps (``2/3``, shown
                after the slide number); nothing when the slide has none.
            pending: Digits typed so far for "go to slide" (may be empty).
            more: The slide is taller than the screen (scroll for the rest).
            prompt: The go-to prompt is open (shown even before a digit is typed).
        """
        state = (number, count, step, pending, more, prompt)
        if state == self._shown:
            return  # unchanged: send no bytes
        self._shown = state
        words = words_of(self.app)
        runs: list[tuple[str, str]] = []
        if more:
            runs += [(f" {words('status.more')} ", "reverse"), (" ", "")]
        if prompt or pending:
            runs += [(f" {words('status.goto', number=pending or '_')} ", "reverse"), (" ", "")]
        runs.append((f"{number}/{count} ", "bold"))
        if step[1]:
            runs.append((f"· {step[0]}/{step[1]} ", ""))
        self._position = tuple(runs)
        self._position_cells = sum(cell_len(text) for text, _style in runs)
        # The whole row: the keys fit in what the position leaves (only the
        # cells that changed reach the terminal: tui/cell_diff.py).
        self.refresh()

    def position_cells(self) -> int:
        """How many cells at the right end of the row the position takes."""
        return self._position_cells

    def keys_width(self) -> int:
        """The cells left of the position, for the keys."""
        return max(0, self.size.width - self._position_cells)

    def render_line(self, y: int) -> Strip:
        """The key line, its right end covered by the position."""
        line = super().render_line(y)
        if not self._position:
            return line
        base = self.get_component_rich_style("status-bar--position")
        styles = {"": base, "bold": base + Style(bold=True), "reverse": base + Style(reverse=True)}
        # The keys' part padded as Textual pads a line: the background alone.
        blank = Style.from_color(bgcolor=self.background_colors[1].rich_color)
        keys = line.crop_extend(0, self.keys_width(), blank)
        position = Strip([Segment(text, styles[style]) for text, style in self._position])
        return Strip.join([keys, position]).crop(0, self.size.width)
