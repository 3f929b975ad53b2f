"""The poll chart: measured in terminal cells, the question shown once, one set of figures."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.console import Console
from rich.style import Style

from tui.app import PodiumApp, make_app
from tui.audience.app import make_audience_app
from tui.audience.publish import Publisher
from tui.deck import Deck, load_deck
from tui.deck.model import Poll
from tui.polls.model import PollResults
from tui.polls.store import VoteStore
from tui.widgets.poll_view import PollChart, fit_cells

# Emoji, CJK, combining marks, a long Norwegian label, a plain one.
OPTIONS = (
    "👍 Bra",
    "日本語のとても長い選択肢のテキストです",
    "Café crème (e\u0301)",
    "Åpen innovasjon i kommunal sektor og samskaping med innbyggerne",
    "Nei",
)
COUNTS = (3, 3, 1, 0, 5)
POLL = Poll(id="mixed", question="Hvordan gikk det?", options=OPTIONS)
FIGURES = re.compile(r"(\d+)  +(\d+)%$")


def render_lines(chart: PollChart, width: int) -> list[str]:
    console = Console(width=width, color_system=None, legacy_windows=False)
    with console.capture() as capture:
        console.print(chart)
    return capture.get().splitlines()


def chart(results: PollResults, **options: object) -> PollChart:
    plain = Style()
    return PollChart(results, True, plain, plain, spacious=False, hints=None, **options)  # type: ignore[arg-type]


@pytest.mark.parametrize("width", [24, 40, 60, 80, 120, 200])
@pytest.mark.parametrize("marks", [False, True])
def test_option_lines_fit_their_cells_and_keep_the_figures(width: int, marks: bool) -> None:
    results = PollResults(POLL, COUNTS, sum(COUNTS))
    extra = {"marked": frozenset({0}), "cursor": 1} if marks else {}
    lines = render_lines(chart(results, **extra), width)
    rows = lines[: len(OPTIONS)]
    shown = results.percentages()
    ends = set()
    for index, row in enumerate(rows):
        assert cell_len(row) <= width, row
        match = FIGURES.search(row)
        assert match is not None, row  # the count and the percentage are never cut
        assert (int(match.group(1)), int(match.group(2))) == (COUNTS[index], shown[index])
        # Aligned: the percentage ends in the same cell on every row, and the
        # bars start in the same cell.
        ends.add(cell_len(row))
        assert f" {index + 1} " in row
    assert len(ends) == 1, rows
    # Long labels are cut with an ellipsis, short ones kept whole.
    if width <= 80:
        assert "…" in rows[3]
    if width >= 120:
        assert OPTIONS[3] in rows[3]
    assert "Nei" in rows[4]
    if width >= 80:
        assert "👍 Bra" in rows[0] and "Café crème (e\u0301)" in rows[2]
        assert "…" not in rows[0] + rows[2]
    if width < 60:
        assert "…" in rows[1]  # CJK cut by cells, not characters


def test_fit_cells_cuts_by_cells_with_an_ellipsis() -> None:
    assert fit_cells("日本語", 6) == "日本語"
    assert fit_cells("日本語", 5) == "日本…"
    assert fit_cells("日本語", 4) == "日… "  # never half a wide character
    assert fit_cells("👍 Bra", 7) == "👍 Bra "
    assert fit_cells("👍 Bra", 4) == "👍… "  # no space before the ellipsis
    assert fit_cells("e\u0301te\u0301 fine", 6) == "e\u0301te\u0301 f…"  # marks take no cell
    assert fit_cells("e\u0301" * 4, 3) == "e\u0301e\u0301…"  # nor are cut from their letter
    assert fit_cells("Åpen innovasjon", 6) == "Åpen… "  # no space before the ellipsis
    for text in OPTIONS:
        for width in range(1, 40):
            assert cell_len(fit_cells(text, width)) == width


def test_equal_counts_show_equal_percentages_on_the_chart() -> None:
    poll = Poll(id="p", question="q", options=tuple("abcdefg"))
    results = PollResults(poll, (3, 1, 2, 1, 1, 1, 4), 13)
    rows = render_lines(chart(results), 60)[:7]
    figures = [FIGURES.search(row).group(2) for row in rows]  # type: ignore[union-attr]
    assert figures == ["23", "8", "15", "8", "8", "8", "31"]


# -- on the presenter's and the audience's screens ---------------------------------


def write_deck(folder: Path, question: str | None, title: str = "Hvordan gikk det?") -> Deck:
    lines = ["title: Chart", "slides:", f"  - title: {title}", "    poll:", "      id: mixed"]
    if question is not None:
        lines.append(f"      question: {question}")
    lines.append("      results: live")
    lines.append("      options:")
    lines += [f"        - \"{option}\"" for option in OPTIONS]
    path = folder / "deck.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return load_deck(path)


def poll_text(app: PodiumApp) -> list[str]:
    widget = app.screen.query_one("#slide-poll")
    lines = widget.render_lines(widget.region.reset_offset)
    return ["".join(segment.text for segment in line).rstrip() for line in lines]


def widget_text(app: PodiumApp, selector: str) -> str:
    widget = app.screen.query_one(selector)
    lines = widget.render_lines(widget.region.reset_offset)
    return "\n".join("".join(segment.text for segment in line) for line in lines)


async def settle(pilot, condition, timeout: float = 5.0) -> None:  # type: ignore[no-untyped-def]
    """Let the app run until ``condition()`` holds (slow machines draw late)."""
    for _ in range(int(timeout / 0.02)):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("condition never held")


@pytest.mark.parametrize("size", [(40, 24), (80, 24), (200, 60)])
async def test_presenter_chart_with_wide_labels(tmp_path: Path, size: tuple[int, int]) -> None:
    deck = write_deck(tmp_path, None)
    store = VoteStore.in_memory()
    poll = deck.polls[0]
    for index, count in enumerate(COUNTS):
        for _ in range(count):
            store.vote(poll, [poll.ids[index]])
    app = make_app(deck, store=store)
    async with app.run_test(size=size) as pilot:
        await settle(pilot, lambda: sum(bool(FIGURES.search(row)) for row in poll_text(app)) == 5)
        rows = [row for row in poll_text(app) if re.match(r"\s*\d ", row)]
        assert len(rows) == len(OPTIONS)
        widget_width = app.screen.query_one("#slide-poll").region.width
        shown = PollResults(poll, COUNTS, sum(COUNTS)).percentages()
        ends = set()
        for index, row in enumerate(rows):
            assert cell_len(row) <= widget_width
            match = FIGURES.search(row)
            assert match is not None, row
            assert (int(match.group(1)), int(match.group(2))) == (COUNTS[index], shown[index])
            ends.add(cell_len(row))
        assert len(ends) == 1, rows
        # The question is the title: it is not asked twice.
        assert "Hvordan gikk det?" in widget_text(app, "#slide-title")
        assert "Hvordan gikk det?" not in "\n".join(poll_text(app))


async def test_question_shown_when_it_differs_from_the_title(tmp_path: Path) -> None:
    deck = write_deck(tmp_path, "Hva syntes du om innlegget?", title="Tilbakemelding")
    app = make_app(deck)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: "Hva syntes" in "\n".join(poll_text(app)))
        text = "\n".join(poll_text(app))
        assert "Hva syntes du om innlegget?" in text
        assert text.index("Hva syntes du om innlegget?") < text.index("👍 Bra")
        assert "Tilbakemelding" in widget_text(app, "#slide-title")
        assert "Hva syntes" not in widget_text(app, "#slide-title")
        await pilot.press("1", "c")  # redrawn for the closed poll: still asked
        await settle(pilot, lambda: "closed" in "\n".join(poll_text(app)))
        assert "Hva syntes du om innlegget?" in "\n".join(poll_text(app))


async def test_audience_shows_the_question_and_the_presenters_figures(tmp_path: Path) -> None:
    deck = write_deck(tmp_path, "Hva syntes du om innlegget?", title="Tilbakemelding")
    publisher = Publisher(deck.source)
    assert publisher.open()
    # A multiple-choice count: 4 voters chose 3, 3, 1, 0, 2 options: shares are of voters.
    totals = dict(zip(OPTIONS, (3, 3, 1, 0, 2)))
    publisher.publish(0, 0, chart=True, totals=totals, voters=4, closed=True)
    app = make_audience_app(deck, deck.source)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: "closed" in "\n".join(poll_text(app)))
        text = poll_text(app)
        assert "Hva syntes du om innlegget?" in "\n".join(text)
        rows = [row for row in text if FIGURES.search(row)]
        figures = [int(FIGURES.search(row).group(2)) for row in rows]  # type: ignore[union-attr]
        assert figures == list(PollResults(deck.polls[0], (3, 3, 1, 0, 2), 4).percentages())
        assert figures == [75, 75, 25, 0, 50]
        assert "closed" in "\n".join(text)
    publisher.close()


async def test_voter_asks_the_same_question_once(tmp_path: Path) -> None:
    import os
    import socket

    from tui.voter.app import VoterApp

    deck = write_deck(tmp_path, "Hva syntes du om innlegget?", title="Tilbakemelding")
    poll = deck.polls[0]
    with VoteStore.open(tmp_path / "votes.sqlite3") as store:
        store.publish(poll, revealed=True, presenter=(os.getpid(), socket.gethostname()))
        for index, count in enumerate(COUNTS):
            for _ in range(count):
                store.vote(poll, [poll.ids[index]])
        app = VoterApp("bob", store, check_interval=0.05)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot, lambda: "%" in widget_text(app, "#voter-poll"))  # type: ignore[arg-type]
            question = app.screen.query_one("#voter-question")
            lines = question.render_lines(question.region.reset_offset)
            asked = "".join(segment.text for line in lines for segment in line)
            assert poll.question in asked  # the deck's question, as the slide shows it
            chart = app.screen.query_one("#voter-poll")
            rows = [
                "".join(segment.text for segment in line).rstrip()
                for line in chart.render_lines(chart.region.reset_offset)
            ]
            assert poll.question not in "\n".join(rows)
            figures = [int(FIGURES.search(row).group(2)) for row in rows if FIGURES.search(row)]  # type: ignore[union-attr]
            assert figures == list(store.results(poll).percentages())
            assert len({cell_len(row) for row in rows if FIGURES.search(row)}) == 1


def test_bars_on_the_linux_console_use_only_its_glyphs(monkeypatch: pytest.MonkeyPatch) -> None:
    from tui.widgets.poll_view import bar

    assert bar(0.55, 10, console=False) == "█████▌"
    assert bar(0.33, 10, console=False) == "███▎"  # eighths elsewhere
    assert bar(0.33, 10, console=True) == "███▌"  # the console's fonts have halves only
    assert bar(0.3, 10, console=True) == "███"
    monkeypatch.setenv("TERM", "linux")
    assert set("".join(bar(n / 37, 12) for n in range(38))) <= {"█", "▌"}
    monkeypatch.setenv("TERM", "xterm-256color")
    assert "▏" in "".join(bar(n / 37, 12) for n in range(38))
