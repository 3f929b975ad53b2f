"""The bottom line: where we are (slide k/N, reveal step s/S), what is pending, and the keys."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from tui.i18n import words_of
from tui.widgets.key_line import KeyLine


class StatusBar(Horizontal):
    """Slide k/N and reveal step s/S, a typed slide number waiting for Enter, and the footer keys.

    The key line lists the keys that act on the current slide (Textual hides
    the ones whose ``check_action`` says no).
    """

    _shown: tuple[int, int, tuple[int, int], str, bool, bool] | None = None

    def compose(self) -> ComposeResult:
        yield KeyLine(id="status-keys")
        yield Static(id="status-position", markup=False)

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
        line = Text(no_wrap=True, overflow="ellipsis")
        if more:
            line.append(f" {words('status.more')} ", style="reverse")
            line.append(" ")
        if prompt or pending:
            line.append(f" {words('status.goto', number=pending or '_')} ", style="reverse")
            line.append(" ")
        line.append(f"{number}/{count} ", style="bold")
        if step[1]:
            line.append(f"· {step[0]}/{step[1]} ")
        # Its width follows the text; a layout pass only when that changes.
        widget = self.query_one("#status-position", Static)
        widget.update(line, layout=line.cell_len != widget.size.width)
