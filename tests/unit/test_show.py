"""The presenting core (:mod:`tui.show`) on its own, without Textual.

Operations, the one change event per operation, observers, refusals, the
go-to prompt, the timer's auto-start, poll control and the adapters that
follow a show (audience-view publisher, rehearsal recorder).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FixedClock

from tui.audience.publish import follow_show
from tui.deck import load_deck
from tui.deck.model import Deck
from tui.navigation import Position
from tui.pacing import WALK_IN_ORIGIN, TalkTimer, TimerState
from tui.polls.session import PollSession
from tui.polls.store import StoreError, VoteStore
from tui.rehearsal.recorder import Recorder
from tui.rehearsal.recorder import follow_show as record_show
from tui.show import Change, Flag, NoticeKind, Show
from tui.show.browse import Browser

REPO = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture
def two_polls() -> Deck:
    return load_deck(DATA / "two_polls.yaml")


@pytest.fixture
def demo_deck() -> Deck:
    """Slide 2 has three reveal steps."""
    return load_deck(DATA / "presenter_demo.yaml")


def make_show(
    deck: Deck,
    store: VoteStore | None = None,
    clock: FixedClock | None = None,
    **options: object,
) -> tuple[Show, list[Change]]:
    """A show over ``deck`` and the list its changes are recorded in."""
    show = Show(
        deck,
        timer=TalkTimer(clock or FixedClock()),
        polls=PollSession(store or VoteStore.in_memory(), presenter=(1, "host")),
        **options,  # type: ignore[arg-type]
    )
    changes: list[Change] = []
    show.subscribe(changes.append)
    return show, changes


# -- moving ---------------------------------------------------------------------


def test_each_move_publishes_one_change_with_what_moved(demo_deck: Deck) -> None:
    show, changes = make_show(demo_deck)
    show.start()
    assert [c.flags for c in changes] == [frozenset({Flag.START})]
    show.next()
    assert changes[-1].flags == {Flag.MOVED}
    assert (changes[-1].old.position, changes[-1].state.position) == (
        Position(0, 0),
        Position(1, 0),
    )
    show.next()  # slide 2 has reveal steps
    assert changes[-1].flags == {Flag.STEP} and show.position == Position(1, 1)
    show.previous()
    show.previous()
    assert show.position == Position(0, 0)
    assert show.previous() is None  # already at the start: nothing published
    assert len(changes) == 5
    show.last()
    assert show.position == navigation_last(demo_deck)
    assert show.next() is None
    show.first()
    assert show.position == Position(0, 0)
    show.jump(6)
    assert show.position == Position(6, 0)


def navigation_last(deck: Deck) -> Position:
    return Position(len(deck.slides) - 1, deck.slides[-1].steps)


def test_every_observer_hears_each_change_once_in_order(demo_deck: Deck) -> None:
    show, _ = make_show(demo_deck)
    heard: list[tuple[str, Position]] = []
    show.subscribe(lambda c: heard.append(("a", c.state.position)))
    unsubscribe = show.subscribe(lambda c: heard.append(("b", c.state.position)))
    show.next()
    assert heard == [("a", Position(1, 0)), ("b", Position(1, 0))]
    unsubscribe()
    show.next()
    assert heard[2:] == [("a", Position(1, 1))]


def test_go_to_prompt_types_erases_and_goes(seed_deck: Deck) -> None:
    show, changes = make_show(seed_deck)
    assert show.type_digit(1) is None  # the prompt is closed: digits do not type
    show.open_goto()
    assert show.state.goto_open and changes[-1].flags == {Flag.GOTO}
    for digit in (1, 2, 9):
        show.type_digit(digit)
    show.erase_digit()
    assert show.state.typed == "12"
    change = show.confirm_goto()
    assert change is not None and change.flags == {Flag.GOTO, Flag.MOVED}
    assert show.position == Position(11, 0)
    assert not show.state.goto_open and show.state.typed == ""


def test_go_to_refuses_a_slide_past_the_deck(seed_deck: Deck) -> None:
    show, _ = make_show(seed_deck)
    show.next()
    show.open_goto()
    show.type_digit(9)
    show.type_digit(9)
    change = show.confirm_goto()
    assert change is not None and change.notice is not None
    assert change.notice.kind is NoticeKind.NO_SUCH_SLIDE
    assert (change.notice.number, change.notice.count) == (99, len(seed_deck.slides))
    assert show.position == Position(1, 0) and not show.state.goto_open
    refused = show.go_to(0)
    assert refused is not None and refused.notice is not None and not refused.flags
    assert show.go_to(3) is not None and show.position == Position(2, 0)


def test_go_to_prompt_caps_digits_and_closes_on_moves(seed_deck: Deck) -> None:
    show, _ = make_show(seed_deck)
    show.open_goto()
    for _ in range(10):
        show.type_digit(7)
    assert show.state.typed == "777777"
    show.next()  # any move forgets a half-typed number
    assert not show.state.goto_open and show.state.typed == ""
    show.open_goto()
    assert show.erase_digit() is not None and not show.state.goto_open  # empty: closes
    show.open_goto()
    show.type_digit(2)
    show.cancel_goto()
    assert show.position == Position(1, 0) and not show.state.goto_open
    show.open_goto()
    change = show.confirm_goto()  # nothing typed: stay
    assert change is not None and change.flags == {Flag.GOTO} and show.position == Position(1, 0)


def test_blank_notes_and_results(two_polls: Deck) -> None:
    show, changes = make_show(two_polls)
    show.blank()
    assert show.state.blank and changes[-1].flags == {Flag.BLANK}
    assert show.blank() is None
    show.unblank()
    assert not show.state.blank
    assert show.toggle_chart() is None  # no poll on the first slide
    show.next()
    assert not show.chart_shown()
    show.toggle_chart()
    assert show.chart_shown() and changes[-1].flags == {Flag.CHART}
    assert show.chart_shown(two_polls.polls[1])  # `results: live` starts shown
    show.toggle_notes_only()
    assert show.state.notes_shown and show.state.notes_only
    show.toggle_notes()  # closing the notes ends notes-only mode
    assert not show.state.notes_shown and not show.state.notes_only
    show.toggle_notes()
    assert show.state.notes_shown and not show.state.notes_only
    show.toggle_notes_only()
    show.toggle_notes_only()
    assert show.state.notes_shown and not show.state.notes_only


# -- the timer ---------------------------------------------------------------------


def test_leaving_the_walk_in_slide_starts_the_timer_once(
    seed_deck: Deck, clock: FixedClock
) -> None:
    show, _ = make_show(seed_deck, clock=clock)
    show.start()
    assert show.timer.state is TimerState.READY
    running: list[bool] = []
    show.subscribe(lambda c: running.append(show.timer.running))
    show.next()
    assert running == [True]  # started before the other observers hear of the move
    assert show.timer.origin == WALK_IN_ORIGIN
    change = show.toggle_timer()
    assert change is not None and change.notice is not None
    assert change.notice.kind is NoticeKind.TIMER_PAUSED and change.flags == {Flag.TIMER}
    show.first()
    show.next()  # paused: leaving slide 1 again does not restart it
    assert show.timer.state is TimerState.PAUSED
    show.reset_timer()
    assert show.timer.state is TimerState.READY
    change = show.toggle_timer()
    assert change is not None and change.notice is not None
    assert change.notice.kind is NoticeKind.TIMER_RUNNING


def test_a_reset_timer_starts_with_the_next_slide(demo_deck: Deck, clock: FixedClock) -> None:
    """As the notes pane says: "t starts it (or the next slide)"."""
    show, _ = make_show(demo_deck, clock=clock)
    show.start()
    show.next()  # leaving the walk-in slide starts it
    clock.advance(120)
    assert show.timer.running
    show.reset_timer()
    clock.advance(30)
    show.next()  # slide 2 has reveal steps: a step is not the next slide
    show.toggle_notes()
    assert show.state.position.slide == 1 and show.state.position.step == 1
    assert show.timer.state is TimerState.READY and show.timer.elapsed() == 0
    show.jump(2)
    assert show.timer.running and show.timer.origin == WALK_IN_ORIGIN
    clock.advance(10)
    assert show.timer.elapsed() == 10  # counted from the move, not from the reset
    show.reset_timer()
    show.previous()  # back a slide starts it too
    assert show.timer.running
    show.reset_timer()
    show.first()  # back to the walk-in slide: the talk starts again when leaving it
    assert show.timer.state is TimerState.READY
    show.next()
    assert show.timer.running and show.timer.origin == WALK_IN_ORIGIN


def test_a_paused_timer_waits_for_its_key_whatever_the_moves(
    seed_deck: Deck, clock: FixedClock
) -> None:
    show, _ = make_show(seed_deck, clock=clock)
    show.start()
    show.next()
    show.toggle_timer()
    for move in (show.next, show.previous, show.first, show.next):
        move()
        assert show.timer.state is TimerState.PAUSED


def test_a_rehearsal_starts_the_timer_and_the_notes(seed_deck: Deck) -> None:
    show, _ = make_show(seed_deck, rehearsing=True)
    assert show.state.notes_shown
    show.start()
    assert show.timer.running and show.timer.origin == 0


# -- votes -----------------------------------------------------------------------------


def test_votes_undo_close_reopen(two_polls: Deck) -> None:
    store = VoteStore.in_memory()
    show, changes = make_show(two_polls, store)
    assert show.vote(1) is None  # no poll on screen
    show.next()
    poll = two_polls.polls[0]
    show.vote(1)
    show.vote(2)
    assert changes[-1].flags == {Flag.VOTES}
    assert show.results is not None and show.results.counts == (1, 1)
    show.undo()
    assert store.results(poll).counts == (1, 0)
    change = show.close_poll()
    assert change is not None and change.notice is not None
    assert change.notice.kind is NoticeKind.CLOSED and change.notice.text == poll.question
    assert show.poll_closed() and Flag.POLL_CLOSED in change
    for refused in (show.vote(1), show.undo()):
        assert refused is not None and refused.notice is not None
        assert refused.notice.kind is NoticeKind.POLL_CLOSED
    assert store.results(poll).counts == (1, 0)
    change = show.reopen_poll()
    assert change is not None and change.notice is not None
    assert change.notice.kind is NoticeKind.REOPENED and not show.poll_closed()
    show.vote(2)
    assert store.results(poll).counts == (1, 1)


def test_reset_and_restore(two_polls: Deck) -> None:
    show, _ = make_show(two_polls)
    show.next()
    show.vote(1)
    show.vote(1)
    poll = two_polls.polls[0]
    change = show.reset_poll(poll)
    assert change is not None and change.notice is not None
    assert (change.notice.kind, change.notice.count) == (NoticeKind.RESET, 2)
    assert show.results is not None and show.results.voters == 0
    change = show.restore_poll(poll)
    assert change is not None and change.notice is not None
    assert (change.notice.kind, change.notice.count) == (NoticeKind.RESTORED, 2)
    assert show.read_results(poll).voters == 2


def test_votes_from_another_process_arrive_as_one_change(two_polls: Deck, tmp_path: Path) -> None:
    path = tmp_path / "votes.sqlite3"
    store = VoteStore.open(path)
    show, changes = make_show(two_polls, store)
    show.next()
    show.votes_changed()  # the first check only learns the store's version
    before = len(changes)
    assert show.votes_changed() is None
    other = VoteStore.open(path)  # `podium vote --choice 2`
    other.vote(two_polls.polls[0], [two_polls.polls[0].ids[1]])
    other.close()
    change = show.votes_changed()
    assert change is not None and change.flags == {Flag.VOTES, Flag.OUTSIDE}
    assert len(changes) == before + 1
    assert show.results is not None and show.results.counts == (0, 1)
    store.close()


class BrokenStore:
    """A vote store whose every read fails."""

    def results(self, poll: object) -> object:
        raise StoreError("the disk is gone")

    def is_closed(self, poll_id: str) -> bool:
        raise StoreError("the disk is gone")

    def data_version(self) -> int:
        raise StoreError("the disk is gone")

    def file_state(self) -> str:
        return "same"  # its file is there; reading it fails

    def vote(self, poll: object, ids: object) -> None:
        raise StoreError("cannot write the vote")


def test_store_errors_come_back_as_notices_said_once(two_polls: Deck) -> None:
    show, changes = make_show(two_polls, BrokenStore())  # type: ignore[arg-type]
    show.next()
    assert changes[-1].notice is not None
    assert changes[-1].notice.kind is NoticeKind.STORE_TROUBLE
    assert show.results is not None and show.results.voters == 0  # empty, not a crash
    show.votes_changed()
    show.previous()
    show.next()
    troubles = [c for c in changes if c.notice and c.notice.kind is NoticeKind.STORE_TROUBLE]
    assert len(troubles) == 1  # said once, not on every check
    change = show.vote(1)
    assert change is not None and change.notice is not None
    assert change.notice.kind is NoticeKind.VOTE_NOT_SAVED and not change.flags


# -- observers in other layers -------------------------------------------------------------


class FakePublisher:
    def __init__(self) -> None:
        self.published: list[tuple[int, int, dict[str, object]]] = []

    def publish(self, slide: int, step: int, **state: object) -> bool:
        self.published.append((slide, step, state))
        return True


def test_the_publisher_tells_audience_views_each_change_with_the_counts_read(two_polls: Deck) -> None:
    show, _ = make_show(two_polls)
    publisher = FakePublisher()
    show.subscribe(follow_show(show, publisher, theme=lambda: "ks"))  # type: ignore[arg-type]
    show.next()
    show.vote(2)
    show.blank()
    slide, step, state = publisher.published[-1]
    assert (slide, step) == (1, 0)
    assert state["blank"] is True and state["totals"] == {"Yes": 0, "No": 1}
    assert state["theme"] == "ks" and state["chart"] is False
    assert len(publisher.published) == 3


def test_the_recorder_follows_the_show(seed_deck: Deck, clock: FixedClock) -> None:
    show, _ = make_show(seed_deck, clock=clock, rehearsing=True)
    recorder = Recorder(seed_deck, None, clock=clock)
    show.subscribe(record_show(recorder, show))
    show.start()
    clock.advance(30)
    show.next()
    clock.advance(12)
    timings = {(t.number, t.step): t.seconds for t in recorder.timings()}
    assert timings == {(1, 0): 30.0, (2, 0): 12.0}


def test_the_browser_moves_alone(seed_deck: Deck) -> None:
    moves: list[Position] = []
    browser = Browser(seed_deck, lambda: moves.append(browser.position))
    browser.previous()
    browser.next()
    browser.last()
    browser.jump(3)
    browser.first()
    assert moves == [Position(1, 0), navigation_last(seed_deck), Position(3, 0), Position(0, 0)]


def test_importing_the_core_loads_no_textual_rich_or_sqlite() -> None:
    code = (
        "import sys\n"
        "import tui.show, tui.show.browse\n"
        "ui = ('textual', 'rich', 'sqlite3')\n"
        "leaked = sorted(n for n in sys.modules if n.split('.')[0] in ui)\n"
        "assert not leaked, leaked\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=False
    )
    assert result.returncode == 0, result.stderr
