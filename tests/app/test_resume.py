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
        assert app.timer.state is TimerState.READY  # the notes pane: "t starts it (or the next slide)"
        await pilot.press("right")
        assert app.show.state.position == Position(7, 0) and app.timer.running
