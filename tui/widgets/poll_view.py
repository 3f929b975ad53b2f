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
        spacious: bool = True,
    ) -> None:
        self.poll = poll
        self.totals = totals
        self.revealed = revealed
        self.bar_style = bar_style
        self.key_style = key_style
        self.leader_style = leader_style or bar_style
        self.spacious = spacious

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        counts = [self.totals.get(option, 0) for option in self.poll.options]
        total = sum(counts)
        most = max(counts, default=0)
        key_width = 4  # " 1 " and a space
        figures_width = 11 if self.revealed else 0  # "  123  100%"
        min_bar = 8 if self.revealed else 0
        longest = max(len(option) for option in self.poll.options)
        # Options keep their full text while a bar of min_bar cells still fits.
        label_width = max(1, min(longest, width - key_width - figures_width - min_bar - 2))
        bar_width = max(1, width - key_width - label_width - figures_width - 2)
        for number, (option, count) in enumerate(zip(self.poll.options, counts), start=1):
            line = Text(no_wrap=True, overflow="ellipsis")
            line.append(f" {number} ", self.key_style)
            line.append(" ")
            line.append(option.ljust(label_width)[:label_width])
            if self.revealed:
                share = count / total if total else 0.0
                style = self.leader_style if count and count == most else self.bar_style
                line.append("  ")
                line.append(bar(share, bar_width).ljust(bar_width), style)
                line.append(f" {count:>4}  {share:>4.0%}")
            yield line
            if self.spacious:
                yield Text()
        noun = "vote" if total == 1 else "votes"
        hint = "r hides the results" if self.revealed else "r shows the results"
        yield Text(f"{total} {noun} · {hint}", style="italic")


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
        spacious = self.screen.size.height >= 2 * len(poll.options) + 12
        self.update(
            PollChart(poll, dict(totals), revealed, bar_style, key_style, leader_style, spacious)
        )


def _rgb(colour: str) -> str:
    """Drop an alpha channel from a ``#rrggbbaa`` colour for Rich."""
    return colour[:7] if colour.startswith("#") and len(colour) == 9 else colour
