"""The speaker notes pane: notes, what comes next, and the clocks."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.timer import Timer
from textual.widgets import Static

from tui.render import markdown


def format_elapsed(seconds: float) -> str:
    """``seconds`` as ``m:ss`` (or ``h:mm:ss`` past an hour)."""
    whole = max(0, int(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def hard_line_breaks(source: str) -> str:
    """Keep the author's line breaks in Markdown notes.

    Speaker notes are written a thought per line; Markdown would join the
    lines of a paragraph, so each line that continues a paragraph gets a
    hard break (two trailing spaces).
    """
    lines = source.splitlines()
    out = []
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else ""
        continues = line.strip() and following.strip() and not following.lstrip().startswith(("-", "*", "+"))
        out.append(line + "  " if continues else line)
    return "\n".join(out)


class NotesPane(Vertical):
    """Speaker notes beside the slide, for the presenter only.

    Shows the current slide's notes (scrollable), the next slide's title,
    the elapsed time since the talk started and the wall clock. The clocks
    tick once a second, and only while the pane is shown, so an idle
    presenter costs no CPU.

    Args:
        elapsed: Returns seconds since the talk started.
        now: Returns the current local time (injected for tests).
        duration: Target length of the talk in seconds, or None.
    """

    def __init__(
        self,
        elapsed: Callable[[], float],
        now: Callable[[], datetime],
        duration: float | None,
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self._elapsed = elapsed
        self._now = now
        self._duration = duration
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="notes-clock", markup=False)
        with VerticalScroll(id="notes-scroll", can_focus=False):
            yield Static(id="notes-text", markup=False)
        yield Static(id="notes-next", markup=False)

    def on_mount(self) -> None:
        self._timer = self.set_interval(1.0, self.refresh_clock, pause=not self.display)
        self.refresh_clock()

    def watch_display(self, display: bool) -> None:  # pragma: no cover - Textual hook name
        pass

    def set_shown(self, shown: bool) -> None:
        """Start or stop the clock along with the pane's visibility."""
        if self._timer is None:
            return
        if shown:
            self.refresh_clock()
            self._timer.resume()
        else:
            self._timer.pause()

    def show(self, number: int, count: int, notes: str, next_title: str | None) -> None:
        """Show the notes of slide ``number`` of ``count`` (1-based).

        Args:
            number: The current slide's number.
            count: Slides in the deck.
            notes: The current slide's speaker notes (Markdown).
            next_title: Title of the next slide, or None on the last.
        """
        self.border_title = f"Notes · {number}/{count}"
        text = self.query_one("#notes-text", Static)
        text.update(markdown(hard_line_breaks(notes)) if notes.strip() else Text("(no notes)", style="italic"))
        self.query_one("#notes-scroll").scroll_home(animate=False)
        upcoming = f"Next: {next_title}" if next_title is not None else "Last slide"
        self.query_one("#notes-next", Static).update(Text(upcoming))

    def refresh_clock(self) -> None:
        """Redraw elapsed time, pacing and wall clock."""
        elapsed = self._elapsed()
        line = Text()
        line.append(format_elapsed(elapsed), style="bold")
        if self._duration:
            line.append(f" / {format_elapsed(self._duration)}")
            remaining = self._duration - elapsed
            if remaining < 0:
                line.append(f"  over by {format_elapsed(-remaining)}", style="bold")
        line.append("   ")
        line.append(self._now().strftime("%H:%M"))
        self.query_one("#notes-clock", Static).update(line)
