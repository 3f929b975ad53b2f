"""Pacing and the talk timer: pure rules, then the notes pane with a fixed clock."""

from __future__ import annotations

import pytest
from conftest import DATA, FixedClock, fixed_now
from textual.color import Color

from tui.app import make_app
from tui.deck import Deck, load_deck, load_deck_text
from tui.notes import PreviewKind, Role, next_preview, notes_blocks, plain_lines
from tui.pace_plan import Pace, PaceStatus, budgets, make_plan, pace, pace_text
from tui.pacing import TalkTimer, TimerState, format_seconds
from tui.screens.confirm import ConfirmScreen
from tui.screens.help import HelpScreen
from tui.widgets.notes_pane import NotesPane

SIZE = (100, 30)

PACED = """\
title: Paced
duration: 10m
slides:
  - title: Walk-in
  - title: Two minutes
    time: 2m
  - title: Steps
    time: 3m
    reveal: true
    body: |
      - one
      - two
    notes:
      - Say hello.
      - About one.
      - About two.
  - title: Shared A
  - title: Shared B
"""


@pytest.fixture
def paced() -> Deck:
    return load_deck_text(PACED, "paced.yaml")


def text_of(app, selector: str) -> str:
    widget = app.screen.query_one(selector)
    lines = widget.render_lines(widget.region.reset_offset)
    return "\n".join("".join(segment.text for segment in line).rstrip() for line in lines)


def colour_of(app, selector: str, text: str) -> Color:
    """Foreground colour of the first rendered segment containing ``text``."""
    widget = app.screen.query_one(selector)
    for line in widget.render_lines(widget.region.reset_offset):
        for segment in line:
            if text in segment.text and segment.style and segment.style.color:
                return Color.from_rich_color(segment.style.color)
    raise AssertionError(f"{text!r} not drawn in {selector}")


# -- pure rules ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "0:00"), (5.9, "0:05"), (754, "12:34"), (3723, "1:02:03"), (-83, "-1:23"), (-0.5, "0:00")],
)
def test_format_seconds(seconds: float, text: str) -> None:
    assert format_seconds(seconds) == text


def test_budgets_share_the_rest_of_the_duration(paced: Deck) -> None:
    # 10 min - 2 - 3 = 5 min shared by the three slides without time:.
    assert budgets(paced, 0) == (100.0, 120.0, 180.0, 100.0, 100.0)
    # Started by leaving the walk-in slide: it gets no share.
    assert budgets(paced, 1) == (0.0, 120.0, 180.0, 150.0, 150.0)
    plan = make_plan(paced, 1)
    assert plan is not None
    assert plan.starts == (0.0, 0.0, 120.0, 300.0, 450.0) and plan.total == 600.0


def test_no_timing_no_plan() -> None:
    deck = load_deck_text("slides: [{title: A}, {title: B}]")
    assert make_plan(deck) is None
    assert pace(None, 0, 0, 0, 100.0) == Pace(PaceStatus.NO_PLAN)
    assert pace_text(Pace(PaceStatus.NO_PLAN)) == ""


def test_times_without_duration_make_the_total() -> None:
    deck = load_deck_text("slides: [{title: A, time: 1m}, {title: B}, {title: C, time: 90s}]")
    plan = make_plan(deck)
    assert plan is not None and plan.budgets == (60.0, 0.0, 90.0) and plan.total == 150.0


def test_pace_ahead_on_time_behind_over(paced: Deck) -> None:
    plan = make_plan(paced, 1)
    # Slide "Steps" (index 2) is planned for 2:00-5:00, a minute per step.
    assert pace(plan, 2, 0, 2, 60.0).status is PaceStatus.AHEAD
    assert pace(plan, 2, 0, 2, 60.0).by == 60.0
    assert pace(plan, 2, 0, 2, 115.0).status is PaceStatus.ON_TIME  # inside the dead band
    assert pace(plan, 2, 0, 2, 170.0).status is PaceStatus.ON_TIME
    assert pace(plan, 2, 0, 2, 185.0).status is PaceStatus.ON_TIME  # 5 s late: still on time
    behind = pace(plan, 2, 0, 2, 200.0)
    assert behind.status is PaceStatus.BEHIND and behind.by == 20.0
    assert pace(plan, 2, 2, 2, 200.0).status is PaceStatus.AHEAD  # last step starts at 4:00
    over = pace(plan, 4, 0, 0, 645.0)
    assert over.status is PaceStatus.OVER and over.remaining == -45.0
    assert pace_text(over) == "-0:45 over time"
    assert pace_text(behind) == "behind 0:20 · 6:40 left"
    assert pace_text(pace(plan, 2, 0, 2, 150.0)) == "on time · 7:30 left"


def test_the_walk_in_slide_shown_again_is_neither_ahead_nor_behind(paced: Deck) -> None:
    plan = make_plan(paced, 1)  # the talk starts at slide 2: slide 1 has no window
    assert plan is not None and plan.budgets[0] == 0
    for elapsed in (5.0, 200.0, 599.0):
        back = pace(plan, 0, 0, 0, elapsed)
        assert back.status is PaceStatus.ON_TIME and back.by == 0
        assert back.remaining == plan.total - elapsed
    assert pace(plan, 0, 0, 0, 700.0).status is PaceStatus.OVER  # over time is over time


def test_dead_band_does_not_flip_between_ahead_and_behind(paced: Deck) -> None:
    plan = make_plan(paced, 1)
    seen = [pace(plan, 1, 0, 0, t / 2).status for t in range(0, 2 * 200)]
    # Through one slide, time only moves ahead -> on time -> behind.
    order = [status for index, status in enumerate(seen) if index == 0 or seen[index - 1] is not status]
    assert order == [PaceStatus.ON_TIME, PaceStatus.BEHIND]


def test_timer_start_pause_resume_reset() -> None:
    clock = FixedClock()
    timer = TalkTimer(clock)
    clock.advance(30)
    assert timer.state is TimerState.READY and timer.elapsed() == 0
    timer.toggle(slide=0)
    assert timer.running and timer.origin == 0
    clock.advance(60)
    timer.toggle(slide=3)  # pause
    clock.advance(600)  # questions
    assert timer.state is TimerState.PAUSED and timer.elapsed() == 60
    timer.toggle(slide=3)  # resume
    clock.advance(15)
    assert timer.elapsed() == 75
    timer.reset()
    assert timer.state is TimerState.READY and timer.elapsed() == 0 and timer.origin is None
    timer.toggle(slide=4)
    assert timer.origin == 1  # started later: the plan still begins after the walk-in slide


# -- notes helpers -------------------------------------------------------------


def test_step_notes_follow_reveal(paced: Deck) -> None:
    slide = paced.slides[2]
    assert slide.steps == 2 and slide.notes == "Say hello." and slide.step_notes == ("About one.", "About two.")
    assert [(b.text, b.role) for b in notes_blocks(slide, 0)] == [("Say hello.", Role.CURRENT)]
    assert [(b.text, b.role) for b in notes_blocks(slide, 2)] == [
        ("Say hello.", Role.PAST),
        ("About one.", Role.PAST),
        ("About two.", Role.CURRENT),
    ]
    assert [(b.role) for b in notes_blocks(paced.slides[1], 0)] == []


def test_preview_of_next_step_and_slide(paced: Deck) -> None:
    step = next_preview(paced, 2, 0)
    assert step.kind is PreviewKind.STEP and step.lines == ("one",)
    following = next_preview(paced, 2, 2)
    assert following.kind is PreviewKind.SLIDE and following.title == "Shared A" and following.number == 4
    assert next_preview(paced, 4, 0).kind is PreviewKind.END
    assert plain_lines("# Head\n\n- **bold** and *it*\n> quoted [link](http://x)\n```\ncode\n```\n") == (
        "Head",
        "bold and it",
        "quoted link",
    )


# -- the notes pane, with an injected clock --------------------------------------


async def test_pacing_text_at_given_times(paced: Deck, clock: FixedClock) -> None:
    app = make_app(paced, clock=clock, now=fixed_now)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        pane = app.screen.query_one(NotesPane)
        assert "0:00 / 10:00" in text_of(app, "#notes-clock") and "ready" in text_of(app, "#notes-clock")
        assert "t starts it (or the next slide)" in text_of(app, "#notes-clock")
        clock.advance(300)  # the walk-in slide: not counted
        await pilot.press("right")
        assert app.timer.running and app.timer.origin == 1
        clock.advance(60)
        pane.refresh_clock()
        await pilot.pause()
        assert "1:00 / 10:00" in text_of(app, "#notes-clock")
        assert "on time · 9:00 left" in text_of(app, "#notes-clock")
        clock.advance(90)  # 2:30 on a slide planned to end at 2:00
        pane.refresh_clock()
        await pilot.pause()
        pace_widget = app.screen.query_one("#notes-clock")
        assert "behind 0:30" in text_of(app, "#notes-clock") and pace_widget.has_class("-behind")
        assert colour_of(app, "#notes-clock", "behind") == Color.parse(app.get_css_variables()["warning"])
        await pilot.press("right", "right", "right")  # to step 2 of "Steps": planned from 4:00
        assert "ahead 1:30" in text_of(app, "#notes-clock") and not pace_widget.has_class("-behind")
        clock.advance(600)
        pane.refresh_clock()
        await pilot.pause()
        assert "-2:30 over time" in text_of(app, "#notes-clock") and pace_widget.has_class("-over")
        assert colour_of(app, "#notes-clock", "over time") == Color.parse(app.get_css_variables()["error"])


async def test_timer_pause_survives_slide_changes(paced: Deck, clock: FixedClock) -> None:
    app = make_app(paced, clock=clock, now=fixed_now)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "t")
        assert app.timer.running and app.timer.origin == 0
        clock.advance(40)
        await pilot.press("t")
        assert app.timer.state is TimerState.PAUSED
        clock.advance(300)
        await pilot.press("right", "right", "left", "right")
        assert app.timer.state is TimerState.PAUSED and app.timer.elapsed() == 40
        assert "0:40 / 10:00" in text_of(app, "#notes-clock") and "paused" in text_of(app, "#notes-clock")
        await pilot.press("t")
        clock.advance(5)
        app.screen.query_one(NotesPane).refresh_clock()
        await pilot.pause()
        assert "0:45 / 10:00" in text_of(app, "#notes-clock")


async def test_reset_asks_first(paced: Deck, clock: FixedClock) -> None:
    app = make_app(paced, clock=clock, now=fixed_now)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        clock.advance(100)
        await pilot.press("T")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert app.timer.elapsed() == 100
        await pilot.press("T", "y")
        assert app.timer.state is TimerState.READY and app.timer.elapsed() == 0


async def test_the_next_slide_starts_a_reset_timer_as_the_pane_says(
    paced: Deck, clock: FixedClock
) -> None:
    app = make_app(paced, clock=clock, now=fixed_now)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "right")
        clock.advance(50)
        await pilot.press("T", "y")
        assert "0:00 / 10:00" in text_of(app, "#notes-clock")
        assert "t starts it (or the next slide)" in text_of(app, "#notes-clock")
        await pilot.press("right")
        assert app.timer.running and app.timer.origin == 1
        clock.advance(20)
        app.screen.query_one(NotesPane).refresh_clock()
        await pilot.pause()
        assert "0:20 / 10:00" in text_of(app, "#notes-clock")
        assert "ready" not in text_of(app, "#notes-clock")


async def test_notes_follow_reveal_steps_and_preview(paced: Deck) -> None:
    app = make_app(paced)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "right", "right")
        assert "Say hello." in text_of(app, "#notes-text")
        assert "Next step: one" in text_of(app, "#notes-next")
        await pilot.press("right")
        notes = text_of(app, "#notes-text")
        assert "▶ step 1: one" in notes and "About one." in notes and "About two." not in notes
        assert "Next step: two" in text_of(app, "#notes-next")
        await pilot.press("right")
        assert "About two." in text_of(app, "#notes-text")
        assert "Next: Shared A" in text_of(app, "#notes-next")


async def test_notes_only_mode_at_80x24(clock: FixedClock) -> None:
    deck = load_deck(DATA.parent.parent / "slides.yaml")
    app = make_app(deck, clock=clock, now=fixed_now)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("N")
        await pilot.pause()
        pane = app.screen.query_one(NotesPane)
        assert pane.display and not app.screen.query_one("#slide").display
        assert pane.region.width >= 78
        assert "Neste: KS' visjon" in text_of(app, "#notes-next")  # the deck is in Bokmål
        await pilot.press("right")  # a bare slide title in the pane: no slide behind it
        assert "Innovasjon" in text_of(app, "#notes-next")
        await pilot.press("N")
        await pilot.pause()
        assert pane.display and app.screen.query_one("#slide").display
        await pilot.press("N", "s")  # hiding the notes leaves notes-only mode
        await pilot.pause()
        assert not pane.display and app.screen.query_one("#slide").display


async def test_help_lists_the_timer_keys(paced: Deck) -> None:
    app = make_app(paced)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        shown = text_of(app, "#help-table")
        for expected in ("Start, pause or resume the talk timer", "Reset the talk timer", "Notes only"):
            assert expected in shown, expected


# -- deck format: time: and step notes ------------------------------------------------


@pytest.mark.parametrize(
    ("slide", "message"),
    [
        ("  - title: A\n    time: soon\n", "deck.yaml:4:11: time must be a length of time such as 20m"),
        ("  - title: A\n    time: 0\n", "deck.yaml:4:11: time must be more than zero"),
        (
            "  - title: A\n    notes:\n      - one\n      - two\n",
            "deck.yaml:4:5: notes as a list gives one block per reveal step, so this slide needs reveal: true",
        ),
        (
            "  - title: A\n    reveal: true\n    body: '- x'\n    notes:\n      - a\n      - b\n      - c\n",
            "deck.yaml:9:9: notes has 3 blocks but the slide has 1 reveal step: write at most 2",
        ),
        ("  - title: A\n    notes:\n      - a: 1\n", "deck.yaml:5:9: notes block 1 must be text"),
    ],
)
def test_time_and_step_notes_errors_point_at_the_file(slide: str, message: str) -> None:
    from tui.deck import DeckError

    with pytest.raises(DeckError) as raised:
        load_deck_text(f"title: T\nslides:\n{slide}", "deck.yaml")
    assert any(str(problem).startswith(message) for problem in raised.value.problems), raised.value.problems


def test_one_line_lists_in_notes_stay_text() -> None:
    deck = load_deck_text("slides:\n  - title: A\n    notes: [1]\n    time: 1m 30s\n")
    assert deck.slides[0].notes == "[1]" and deck.slides[0].step_notes == () and deck.slides[0].time == 90.0
