"""The poll on a poll slide: numbered options, how to vote, how many voted,
and, once revealed, a bar chart with counts and percentages."""

from __future__ import annotations

from collections.abc import Mapping

from msgspec.structs import replace
from rich.cells import cell_len, set_cell_size
from rich.console import Console, ConsoleOptions, RenderResult
from rich.style import Style
from rich.text import Text
from textual.widgets import Static

from tui.deck.model import Poll
from tui.i18n import Words, english, words_of
from tui.polls.model import PollResults
from tui.safe_text import one_line, printable
from tui.widgets.poll_keys import PollKeys

# Eighths of a cell, so bars grow smoothly even when narrow.
_PARTIAL_BLOCKS = " ▏▎▍▌▋▊▉"


def bar(fraction: float, width: int, *, console: bool | None = None) -> str:
    """A horizontal bar of ``fraction`` (0-1) of ``width`` cells, in eighths.

    Args:
        fraction: How much of the width it fills.
        width: Cells.
        console: Only the Linux console's glyphs (``TERM=linux``: its fonts
            have ``▌`` and ``█`` but no eighths), so halves of a cell; None
            asks :func:`tui.big_text.console_glyphs_only`.
    """
    if console is None:
        from tui.big_text import console_glyphs_only

        console = console_glyphs_only()
    if console:
        halves = round(max(0.0, min(1.0, fraction)) * width * 2)
        return "█" * (halves // 2) + ("▌" if halves % 2 else "")
    eighths = round(max(0.0, min(1.0, fraction)) * width * 8)
    full, part = divmod(eighths, 8)
    return "█" * full + (_PARTIAL_BLOCKS[part] if part else "")


def fit_cells(text: str, width: int) -> str:
    """``text`` made exactly ``width`` terminal cells wide.

    Measured in cells, not characters: an emoji or a CJK character takes
    two, a combining mark none. Short text is padded with spaces; long text
    is cut (never through a wide character or a grapheme) and ends with
    "…".

    Args:
        text: What to fit (already free of control characters).
        width: Cells available.

    Returns:
        Text of exactly ``width`` cells ("" when ``width`` is 0 or less).
    """
    if width <= 0:
        return ""
    size = cell_len(text)
    if size <= width:
        return text + " " * (width - size)
    cut = set_cell_size(text, width - 1)
    while cut and not text.startswith(cut):
        cut = cut[:-1]  # set_cell_size padded a wide character it could not fit
    cut = cut.rstrip() + "…"
    return cut + " " * (width - cell_len(cut))


def same_text(first: str, second: str) -> bool:
    """Whether two texts read the same (ignoring case and runs of whitespace)."""
    return " ".join(first.split()).casefold() == " ".join(second.split()).casefold()


def as_results(
    poll: Poll,
    totals: PollResults | Mapping[str, int] | None,
    voters: int | None = None,
    closed: bool = False,
) -> PollResults:
    """Results for ``poll`` from full results or from votes per option text.

    Args:
        poll: The poll shown.
        totals: Full results, or a mapping of option text to votes, or None
            for no votes.
        voters: Distinct voters (as the presenter counted them), or None to
            take each vote as one voter (right for a single-choice poll).
        closed: The poll is closed to new votes.

    Returns:
        The results to draw.
    """
    if isinstance(totals, PollResults):
        return totals
    if not totals:
        return replace(PollResults.empty(poll), closed=closed)
    counts = tuple(int(totals.get(option, 0)) for option in poll.options)
    return PollResults(poll, counts, sum(counts) if voters is None else voters, closed=closed)


class PollChart:
    """Rich renderable: one line per option, with bars when revealed.

    Args:
        results: The poll and its counts.
        revealed: Show counts, percentages and bars.
        bar_style: Style of the bars (from the theme).
        key_style: Style of the option numbers.
        leader_style: Style of the leading option's bar.
        spacious: Leave a blank line between options.
        hints: The presenter's keys to name in the summary, or None to name
            none (the audience view and the voter, whose keys do not act on it).
        marked: Indexes of options to mark as chosen (the voter's own).
        cursor: Index of the highlighted option, or None.
        question: The question to show above the options, or None when
            it is shown elsewhere (it is the slide's title).
        words: The talk's language (English when None).

    Every option line is measured in terminal cells: labels are cut with
    "…" to fit, so the bars, counts and percentages are always visible and
    line up, whatever the labels hold (emoji, CJK, combining marks).
    """

    def __init__(
        self,
        results: PollResults,
        revealed: bool,
        bar_style: Style,
        key_style: Style,
        leader_style: Style | None = None,
        spacious: bool = True,
        *,
        hints: PollKeys | None = None,
        marked: frozenset[int] = frozenset(),
        cursor: int | None = None,
        question: str | None = None,
        words: Words | None = None,
    ) -> None:
        self.results = results
        self.revealed = revealed
        self.bar_style = bar_style
        self.key_style = key_style
        self.leader_style = leader_style or bar_style
        self.spacious = spacious
        self.hints = hints
        self.marked = marked
        self.cursor = cursor
        self.question = question
        self.words = words or english()

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        results = self.results
        poll = results.poll
        width = options.max_width
        if self.question:
            yield Text(printable(self.question), style="bold")
            yield Text()
        most = max(results.counts, default=0)
        halves = False
        if self.revealed:  # the Linux console's glyphs or eighths: asked once for every bar
            from tui.big_text import console_glyphs_only

            halves = console_glyphs_only()
        mark_width = 2 if self.marked or self.cursor is not None else 0
        key_width = 4  # " 1 " and a space
        percentages = results.percentages()
        figures = [
            f" {count:>4}  {shown:>3}%"
            for count, shown in zip(results.counts, percentages, strict=False)
        ]
        figures_width = max(map(len, figures)) if self.revealed else 0
        # Cells left for the label and, when revealed, a gap and the bar.
        room = width - mark_width - key_width - (figures_width + 2 if self.revealed else 0)
        longest = max(cell_len(option) for option in poll.options)
        min_bar = min(8, max(1, room // 3)) if self.revealed else 0
        # Options keep their full text while a bar of min_bar cells still fits.
        label_width = max(1, min(longest, room - min_bar))
        bar_width = max(1, room - label_width)
        for index, (option, count) in enumerate(zip(poll.options, results.counts, strict=False)):
            line = Text(no_wrap=True, overflow="ellipsis")
            if mark_width:
                line.append("✓ " if index in self.marked else "  ", "bold")
            highlighted = index == self.cursor
            line.append(f" {index + 1} ", self.key_style)
            line.append(" ")
            line.append(fit_cells(one_line(option), label_width), "reverse" if highlighted else "")
            if self.revealed:
                share = results.share(index)
                style = self.leader_style if count and count == most else self.bar_style
                line.append("  ")
                line.append(bar(share, bar_width, console=halves).ljust(bar_width), style)
                line.append(figures[index].rjust(figures_width))
            yield line
            if self.spacious:
                yield Text()
        if not self.spacious:
            yield Text()
        yield from self._summary(width)

    def _summary(self, width: int) -> RenderResult:
        results = self.results
        words = self.words
        parts = [words("poll.voters", count=results.voters)]
        if results.poll.multiple:
            parts.append(words("poll.several_choices"))
        keys = self.hints
        if results.closed:
            parts.append(
                words("poll.closed_reopens", key=keys.close) if keys else words("poll.closed")
            )
        if keys:
            shows = "poll.key_hides_results" if self.revealed else "poll.key_shows_results"
            parts.append(words(shows, key=keys.chart))
            if not results.closed:
                parts.append(words("poll.key_closes", key=keys.close))
        yield Text(" · ".join(parts), style="italic")
        if results.how_to_vote and not results.closed:
            # Never cut the command short: it is typed from the screen.
            intro = words("poll.vote_in_terminal") + " "
            if cell_len(intro) + cell_len(results.how_to_vote) > width:
                yield Text(intro.rstrip())
                yield Text(one_line(results.how_to_vote), style="bold", overflow="fold")
            else:
                line = Text(intro)
                line.append(one_line(results.how_to_vote), style="bold")
                yield line
        if results.orphaned:
            gone = ", ".join(
                f"{one_line(orphan.label)} ({orphan.votes})" for orphan in results.orphaned
            )
            yield Text(
                words("poll.orphaned", count=results.orphaned_votes, options=gone), style="bold"
            )


class PollView(Static):
    """Shows a poll's options, how to vote and, once revealed, the bar chart.

    The owner (the presenter screen) holds the results and the revealed
    flag and calls :meth:`show`; this widget only draws, and only when what
    it shows has changed.
    """

    DEFAULT_CSS = """
    PollView { height: auto; }
    """

    _shown: tuple[object, ...] | None = None

    def show(
        self,
        poll: Poll,
        totals: PollResults | Mapping[str, int] | None,
        revealed: bool,
        *,
        hints: PollKeys | None = None,
        marked: frozenset[int] = frozenset(),
        cursor: int | None = None,
        title: str | None = None,
    ) -> None:
        """Redraw for ``poll``.

        Args:
            poll: The poll shown.
            totals: Its results (or votes per option text).
            revealed: Show the bar chart.
            hints: The presenter's keys to name, or None.
            marked: Indexes of options to mark as chosen.
            cursor: Index of the highlighted option, or None.
            title: The heading already shown above the poll (the slide's
                title); the poll's question is shown too unless it reads
                the same. None: the question is shown elsewhere.
        """
        results = as_results(poll, totals)
        question = (
            poll.question if title is not None and not same_text(poll.question, title) else None
        )
        variables = self.app.get_css_variables()
        bar_colour = _rgb(variables.get("poll-bar", "blue"))
        leader_colour = _rgb(variables.get("poll-bar-leader", "yellow"))
        key_colour = _rgb(variables.get("primary", "blue"))
        words = words_of(self.app)
        spacious = self.screen.size.height >= 2 * len(poll.options) + 14 + (2 if question else 0)
        state = (
            results,
            revealed,
            hints,
            marked,
            cursor,
            question,
            bar_colour,
            leader_colour,
            key_colour,
            spacious,
            words,
        )
        if state == self._shown:
            return  # unchanged: send no bytes
        self._shown = state
        self.update(
            PollChart(
                results,
                revealed,
                Style.parse(bar_colour),
                Style.parse(f"bold reverse {key_colour}"),
                Style.parse(leader_colour),
                spacious,
                hints=hints,
                marked=marked,
                cursor=cursor,
                question=question,
                words=words,
            )
        )


def _rgb(colour: str) -> str:
    """A theme colour as Rich understands it (see :func:`tui.render.rich_colour`)."""
    from tui.render import rich_colour

    return rich_colour(colour)
