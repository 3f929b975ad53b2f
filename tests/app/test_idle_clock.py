"""The notes pane's clock tick: the changed cells of the clock repainted, nothing else.

A tick changes a digit or two of the timer and of the pace line. It must
not lay the screen out, not re-render any widget but the clock, and
render only the rows (and, on the terminal, the cells) that changed; what
the presenter sees is the same as before (text, colours, warnings).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import datetime

import pytest
from conftest import FixedClock, fixed_now
from rich.segment import Segment
from textual.geometry import Region
from textual.screen import Screen
from textual.widget import Widget

from tui.app import make_app
from tui.deck import Deck
from tui.themes import available_themes
from tui.widgets.notes_pane import TICK_LATE, TICK_LONGEST, NotesPane, seconds_to_next_change
from tui.widgets.pace_clock import PaceClock, changed_columns

SIZE = (100, 30)


def _text(widget: Widget) -> str:
    lines = widget.render_lines(widget.region.reset_offset)
    return "\n".join("".join(segment.text for segment in line).rstrip() for line in lines)


@pytest.fixture
def spies(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, list[object]]]:
    """Every widget render (widget, rows asked for) and every layout of a screen."""
    seen: dict[str, list[object]] = {"renders": [], "layouts": []}
    render_lines, refresh_layout = Widget.render_lines, Screen._refresh_layout
    clock_lines = PaceClock.render_lines

    def spy_render(self: Widget, crop: Region) -> list[object]:
        if not isinstance(self, PaceClock):
            seen["renders"].append((type(self).__name__, crop.height))
        return render_lines(self, crop)  # type: ignore[return-value]

    def spy_clock(self: PaceClock, crop: Region) -> list[object]:
        seen["renders"].append((type(self).__name__, crop.height))
        return clock_lines(self, crop)  # type: ignore[return-value]

    def spy_layout(self: Screen, *args: object, **kwargs: object) -> None:
        seen["layouts"].append(type(self).__name__)
        refresh_layout(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Widget, "render_lines", spy_render)
    monkeypatch.setattr(PaceClock, "render_lines", spy_clock)
    monkeypatch.setattr(Screen, "_refresh_layout", spy_layout)
    yield seen


async def test_a_tick_renders_the_changed_rows_of_the_clock_alone(
    seed_deck: Deck, clock: FixedClock, spies: dict[str, list[object]]
) -> None:
    app = make_app(seed_deck, clock=clock, now=fixed_now)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right", "s")  # the talk timer starts on leaving slide 1
        await pilot.pause()
        pane = app.screen.query_one(NotesPane)
        widget = app.screen.query_one(PaceClock)
        clock.advance(1)
        pane.refresh_clock()
        await pilot.pause()
        first, pace = _text(widget).splitlines()
        assert first.startswith("0:01 / 20:00") and "14:05" in first
        assert "left" in pace
        spies["renders"].clear()
        spies["layouts"].clear()
        clock.advance(1)
        pane.refresh_clock()  # what the once-a-second timer calls
        renders = list(spies["renders"])
        await pilot.pause()
        assert spies["layouts"] == []
        # Drawn at once (no round of refresh messages), the clock alone, the
        # rows that changed: the timer's and the pace line's.
        assert renders == [("PaceClock", 2)]
        assert _text(widget).startswith("0:02 / 20:00")


async def test_nothing_changed_nothing_drawn(
    seed_deck: Deck, clock: FixedClock, spies: dict[str, list[object]]
) -> None:
    app = make_app(seed_deck, clock=clock, now=fixed_now)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")  # the timer waits for the talk to start: nothing ticks
        await pilot.pause()
        spies["renders"].clear()
        app.screen.query_one(NotesPane).refresh_clock()
        await pilot.pause()
        assert spies["renders"] == []


async def test_the_clock_looks_as_a_text_would(seed_deck: Deck, clock: FixedClock) -> None:
    """Bold timer, the badge in reverse, the pace line in its stylesheet colour."""
    app = make_app(seed_deck, clock=clock, now=fixed_now)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await pilot.pause()
        widget = app.screen.query_one(PaceClock)
        segments: list[Segment] = [
            segment for line in widget.render_lines(widget.region.reset_offset) for segment in line
        ]
        timer = next(segment for segment in segments if "0:00" in segment.text)
        badge = next(segment for segment in segments if "ready" in segment.text)
        assert timer.style is not None and timer.style.bold
        assert badge.style is not None and badge.style.reverse
        base = widget.visual_style.rich_style
        assert timer.style.bgcolor == base.bgcolor and timer.style.color == base.color


def test_changed_columns_span_the_cells_that_differ() -> None:
    line = (("0:09 / 20:00", "bold"), ("   14:05", ""))
    assert changed_columns(line, line) is None
    assert changed_columns(line, (("0:10 / 20:00", "bold"), ("   14:05", ""))) == (2, 4)
    # Another length: up to the end of the longer line.
    assert changed_columns(line, (("10:00 / 20:00", "bold"), ("   14:05", ""))) == (0, 21)
    # The same text in another look is a change too.
    assert changed_columns(line, (("0:09 / 20:00", ""), ("   14:05", ""))) == (0, 12)
    # A wide character is repainted whole.
    assert changed_columns((("日本", ""),), (("日本x", ""),)) == (4, 5)
    assert changed_columns((("日本", ""),), (("日x", ""),)) == (2, 4)


async def test_what_changed_while_the_pane_was_hidden_shows_when_it_comes_back(
    seed_deck: Deck, clock: FixedClock
) -> None:
    app = make_app(seed_deck, clock=clock, now=fixed_now)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right", "s")
        await pilot.pause()
        widget = app.screen.query_one(PaceClock)
        assert _text(widget).startswith("0:00 / 20:00")
        await pilot.press("s")  # hidden: the clock stops ticking
        clock.advance(65)
        await pilot.press("right")  # the pane is told the new slide (and reads the clock)
        await pilot.press("s")
        await pilot.pause()
        assert _text(widget).startswith("1:05 / 20:00")


@pytest.mark.parametrize("theme", sorted(available_themes()))
@pytest.mark.parametrize("no_color", [False, True], ids=["colour", "no-colour"])
async def test_the_clock_draws_what_textuals_styles_cache_would(
    seed_deck: Deck,
    clock: FixedClock,
    monkeypatch: pytest.MonkeyPatch,
    theme: str,
    no_color: bool,
) -> None:
    """PaceClock draws its rows itself (no border, padding or tint to apply): the same strips."""
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(seed_deck, theme_name=theme, clock=clock, now=fixed_now)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right", "s")
        await pilot.pause()
        pane = app.screen.query_one(NotesPane)
        widget = app.screen.query_one(PaceClock)
        for seconds in (10, 600, 700):  # on time, then behind, then over time
            clock.advance(seconds)
            pane.refresh_clock()
            await pilot.pause()
            whole = widget.region.reset_offset
            widget._styles_cache.clear()
            assert widget.render_lines(whole) == Widget.render_lines(widget, whole)
            part = Region(3, 1, 10, 1)
            widget._styles_cache.clear()
            assert widget.render_lines(part) == Widget.render_lines(widget, part)


def test_the_next_tick_is_when_the_text_turns_over() -> None:
    at = datetime(2012, 9, 19, 14, 5, 10, 250_000)
    # Running: the next whole second of the timer (the pace turns with it).
    assert seconds_to_next_change(12.25, at) == pytest.approx(0.75 + TICK_LATE)
    assert seconds_to_next_change(5.0, at) == pytest.approx(1.0 + TICK_LATE)
    # Paused or ready: only the wall clock moves, at the next minute.
    assert seconds_to_next_change(None, at) == pytest.approx(49.75 + TICK_LATE)
    # A running timer near the minute: whichever turns first.
    assert seconds_to_next_change(3.5, datetime(2012, 9, 19, 14, 5, 59, 900_000)) == (
        pytest.approx(0.1 + TICK_LATE)
    )
    assert seconds_to_next_change(None, datetime(2012, 9, 19, 14, 5)) <= TICK_LONGEST


async def test_one_pending_tick_only_while_shown_and_none_each_second_while_paused(
    seed_deck: Deck, clock: FixedClock
) -> None:
    """No wake without work: a paused or ready timer ticks with the wall clock's minute."""
    app = make_app(seed_deck, clock=clock, now=fixed_now)  # 14:05:00
    async with app.run_test(size=SIZE) as pilot:
        loop = asyncio.get_running_loop()
        await pilot.press("s")  # ready: nothing but the wall clock moves
        await pilot.pause()
        pane = app.screen.query_one(NotesPane)
        assert pane._tick is not None and pane._tick.when() - loop.time() > 59
        await pilot.press("right")  # the talk timer starts on leaving slide 1
        await pilot.pause()
        clock.advance(0.4)
        pane.refresh_clock()
        pending = pane._tick
        assert pending is not None and pending.when() - loop.time() == pytest.approx(
            0.6 + TICK_LATE, abs=0.05
        )
        pane.refresh_clock()  # a redraw asked for in between: still one pending tick
        assert pending.cancelled() and pane._tick is not None and not pane._tick.cancelled()
        await pilot.press("t")  # paused
        await pilot.pause()
        assert pane._tick is not None and pane._tick.when() - loop.time() > 59
        await pilot.press("s")  # hidden: no tick at all
        await pilot.pause()
        assert pane._tick is None


async def test_the_tick_redraws_the_clock_on_its_own(seed_deck: Deck) -> None:
    """Real clocks: the timer shown moves without any key, on the turn of the second."""
    app = make_app(seed_deck)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right", "s")
        await pilot.pause()
        widget = app.screen.query_one(PaceClock)
        assert _text(widget).startswith("0:00")
        for _ in range(100):  # up to 10 s (a slow machine); a tick is due within 1 s
            await asyncio.sleep(0.1)
            if _text(widget).startswith("0:01"):
                break
        assert _text(widget).startswith("0:01")
