"""The poll on a poll slide: numbered options and, once revealed, a bar chart."""

from __future__ import annotations

from collections.abc import Mapping

from rich.console import Console, ConsoleOptions, RenderResult
from rich.style import Style
from rich.text import Text
from textual.widgets import Static

from tui.deck.model import Poll

# Eighths of a cell, so bars grow smoothly even when narrow.
_PARTIAL_BLOCKS = " ▏▎▍▌▋▊▉"


def bar(fraction: float, width: int) -> str:
    """A horizontal bar of ``fraction`` (0-1) of ``width`` cells, in eighths."""
    eighths = round(max(0.0, min(1.0, fraction)) * width * 8)
    full, part = divmod(eighths, 8)
    return "█" * full + (_PARTIAL_BLOCKS[part] if part else "")


class PollChart:
    """Rich renderable: one line per option, with bars when revealed.

    Args:
        poll: The poll shown.
        totals: Votes per option text.
        revealed: Show counts, percentages and bars.
        bar_style: Style of the bars (from the theme).
        key_style: Style of the option numbers.
    """

    def __init__(
        self,
        poll: Poll,
        totals: Mapping[str, int],
        revealed: bool,
        bar_style: Style,
        key_style: Style,
        leader_style: Style | None = None,
    ) -> None:
        self.poll = poll
        self.totals = totals
        self.revealed = revealed
        self.bar_style = bar_style
        self.key_style = key_style
        self.leader_style = leader_style or bar_style

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        label_width = min(max(len(option) for option in self.poll.options), max(10, width // 3))
        total = sum(self.totals.get(option, 0) for option in self.poll.options)
        most = max((self.totals.get(option, 0) for option in self.poll.options), default=0)
        for number, option in enumerate(self.poll.options, start=1):
            line = Text(no_wrap=True, overflow="ellipsis")
            line.append(f" {number} ", self.key_style)
            line.append(" ")
            line.append(option.ljust(label_width)[:label_width])
            if self.revealed:
                count = self.totals.get(option, 0)
                share = count / total if total else 0.0
                figures = f" {count:>3}  {share:>4.0%}"
                bar_width = max(1, width - label_width - 5 - len(figures) - 2)
                line.append("  ")
                style = self.leader_style if count and count == most else self.bar_style
                line.append(bar(share, bar_width).ljust(bar_width), style)
                line.append(figures)
            yield line
            yield Text()


class PollView(Static):
    """Shows a poll's options; the bar chart once results are revealed.

    The owner (the presenter screen) holds votes and the revealed flag and
    calls :meth:`show`; this widget only draws.
    """

    DEFAULT_CSS = """
    PollView { height: auto; }
    """

    def show(self, poll: Poll, totals: Mapping[str, int], revealed: bool) -> None:
        """Redraw for ``poll`` with ``totals`` (votes per option text)."""
        variables = self.app.get_css_variables()
        bar_style = Style.parse(_rgb(variables.get("poll-bar", "blue")))
        leader_style = Style.parse(_rgb(variables.get("poll-bar-leader", "yellow")))
        key_style = Style.parse(f"bold reverse {_rgb(variables.get('primary', 'blue'))}")
        self.update(PollChart(poll, dict(totals), revealed, bar_style, key_style, leader_style))


def _rgb(colour: str) -> str:
    """Drop an alpha channel from a ``#rrggbbaa`` colour for Rich."""
    return colour[:7] if colour.startswith("#") and len(colour) == 9 else colour
