"""After a crash, the presenter comes back where the talk was."""

from __future__ import annotations

from tui.app import make_app
from tui.audience.presenter import crashed_position
from tui.audience.publish import Publisher
from tui.audience.state import read_state, state_path
from tui.deck import Deck
from tui.navigation import Position
from tui.pacing import TimerState


def test_position_is_kept_only_after_an_unexpected_stop(seed_deck: Deck) -> None:
    assert crashed_position(seed_deck) is None  # never presented
    crashed = Publisher(seed_deck.source)
    crashed.open()
    crashed.publish(6, 0)
    assert crashed_position(seed_deck) is None  # still running: not a crash
    crashed.close(clean=False)
    assert crashed_position(seed_deck) == Position(6, 0)

    quitting = Publisher(seed_deck.source)
    quitting.open()
    quitting.publish(8, 0)
    quitting.close()
    assert crashed_position(seed_deck) is None  # a clean quit starts afresh


def test_a_presenter_ended_by_a_signal_is_resumed_but_quit_for_its_audience(
    seed_deck: Deck,
) -> None:
    hung_up = Publisher(seed_deck.source)
    hung_up.open()
    hung_up.publish(6, 0)
    hung_up.close(resumable=True)
    state = read_state(state_path(seed_deck.source))
    assert state is not None and state.ended and state.resumable  # "the presenter has quit"
    assert crashed_position(seed_deck) == Position(6, 0)

    quitting = Publisher(seed_deck.source)
    quitting.open()
    quitting.publish(6, 0)  # the same place: still written, no longer resumable
    quitting.close()
    state = read_state(state_path(seed_deck.source))
    assert state is not None and state.ended and not state.resumable
    assert crashed_position(seed_deck) is None


def test_first_slide_is_not_resumed(seed_deck: Deck) -> None:
    crashed = Publisher(seed_deck.source)
    crashed.open()
    crashed.publish(0, 0)
    crashed.close(clean=False)
    assert crashed_position(seed_deck) is None


async def test_app_starts_at_the_resume_position_and_says_so(seed_deck: Deck) -> None:
    app = make_app(seed_deck, resume_at=Position(6, 0))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.show.state.position == Position(6, 0)
        assert any("back at slide 7" in str(n.message) for n in app._notifications)
        await pilot.press("home")
        assert app.show.state.position == Position(0, 0)


async def test_a_resumed_talk_starts_its_timer_with_the_next_slide(seed_deck: Deck) -> None:
    app = make_app(seed_deck, resume_at=Position(6, 0))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert (
            app.timer.state is TimerState.READY
        )  # the notes pane: "t starts it (or the next slide)"
        await pilot.press("right")
        assert app.show.state.position == Position(7, 0) and app.timer.running


def test_the_talk_timer_goes_on_after_a_crash(seed_deck: Deck) -> None:
    from tui.audience.presenter import TALK_GOES_ON_SECONDS, crashed_timer
    from tui.audience.publish import timer_record
    from tui.pacing import TalkTimer

    clock = [100.0]
    timer = TalkTimer(lambda: clock[0])
    timer.start(1)
    clock[0] += 300  # five minutes into the talk
    crashed = Publisher(seed_deck.source)
    crashed.open()
    crashed.publish(6, 0, timer=timer_record(timer, wall=lambda: 1_000_000.0))
    assert crashed_timer(seed_deck) is None  # still running: not a crash
    crashed.close(clean=False)
    going_on = crashed_timer(seed_deck, wall=lambda: 1_000_090.0)  # back 90 s later
    assert going_on is not None and going_on.running and going_on.origin == 1
    assert going_on.elapsed == 390  # the talk went on while the presenter reconnected
    late = crashed_timer(seed_deck, wall=lambda: 1_000_000.0 + TALK_GOES_ON_SECONDS + 1)
    assert late is not None and not late.running and late.elapsed == 300  # paused where it was

    timer.pause()
    paused = Publisher(seed_deck.source)
    paused.open()
    paused.publish(6, 0, timer=timer_record(timer, wall=lambda: 1_000_000.0))
    paused.close(resumable=True)  # a hang-up
    back = crashed_timer(seed_deck, wall=lambda: 1_000_060.0)
    assert back is not None and not back.running and back.elapsed == 300

    timer.reset()
    ready = Publisher(seed_deck.source)
    ready.open()
    ready.publish(6, 0, timer=timer_record(timer))
    ready.close(clean=False)
    assert crashed_position(seed_deck) == Position(6, 0) and crashed_timer(seed_deck) is None


async def test_a_resumed_talk_goes_on_with_its_timer_and_says_so(seed_deck: Deck) -> None:
    from tui.audience.presenter import crashed_timer

    publisher = Publisher(seed_deck.source)
    publisher.open()
    clock = [1000.0]
    app = make_app(seed_deck, publisher=publisher, clock=lambda: clock[0])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("right")  # the talk starts: so does the timer
        clock[0] += 125
        await pilot.press("right", "right")
        await pilot.pause()
        assert app.timer.running
    publisher.close(clean=False)  # as a crash leaves it: no "ended"
    state = read_state(state_path(seed_deck.source))
    assert state is not None and state.timer is not None and state.timer.elapsed >= 125

    position, timer = crashed_position(seed_deck), crashed_timer(seed_deck)
    assert position == Position(3, 0) and timer is not None and timer.running
    again = make_app(seed_deck, resume_at=position, resume_timer=timer)
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert again.timer.running and again.timer.origin == 1
        assert 125 <= again.timer.elapsed() < 125 + 60
        assert any("the timer going on from 2:0" in str(n.message) for n in again._notifications)
        await pilot.press("right")
        assert again.timer.elapsed() >= 125  # not started again from 0:00 by the move
