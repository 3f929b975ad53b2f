"""A closed poll refuses the presenter's hands and undo, says so, and stays as it is."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DATA

from tui.app import PodiumApp, make_app
from tui.deck import Deck, load_deck
from tui.polls.model import VoteRefused
from tui.polls.session import PollSession
from tui.polls.store import VoteStore
from tui.screens.presenter_keys import POLL_CLOSED_MESSAGE

SIZE = (100, 30)


@pytest.fixture
def two_polls() -> Deck:
    return load_deck(DATA / "two_polls.yaml")


def snapshot(store: VoteStore, deck: Deck) -> list[object]:
    """Everything stored about the deck's polls: counts and every record."""
    return [(store.results(poll), store.records(poll)) for poll in deck.polls]


def notices(app: PodiumApp) -> list[str]:
    return [str(notification.message) for notification in app._notifications]


def test_store_refuses_undo_on_a_closed_poll(two_polls: Deck) -> None:
    poll = two_polls.polls[0]
    store = VoteStore.in_memory()
    store.vote(poll, [poll.ids[0]])
    store.set_closed(poll.id, True)
    before = snapshot(store, two_polls)
    with pytest.raises(VoteRefused):
        store.undo_last(poll.id)
    with pytest.raises(VoteRefused):
        store.vote(poll, [poll.ids[1]])
    assert snapshot(store, two_polls) == before
    store.set_closed(poll.id, False)
    assert store.undo_last(poll.id)
    assert store.results(poll).voters == 0


def test_session_refuses_hands_and_undo_on_a_closed_poll(two_polls: Deck) -> None:
    poll = two_polls.polls[0]
    session = PollSession(VoteStore.in_memory())
    session.count_hand(poll, 0)
    session.count_hand(poll, 1)
    session.set_closed(poll, True)
    before = snapshot(session.store, two_polls)
    with pytest.raises(VoteRefused, match="closed"):
        session.count_hand(poll, 0)
    with pytest.raises(VoteRefused, match="closed"):
        session.undo(poll)
    assert snapshot(session.store, two_polls) == before


def test_session_notices_a_poll_closed_by_another_presenter(two_polls: Deck) -> None:
    poll = two_polls.polls[0]
    session = PollSession(VoteStore.in_memory())
    session.count_hand(poll, 0)
    assert not session.is_closed(poll)  # cached as open
    session.store.set_closed(poll.id, True)  # closed behind the cache's back
    with pytest.raises(VoteRefused):
        session.undo(poll)
    assert session.is_closed(poll)
    assert session.store.results(poll).counts == (1, 0)


async def test_closed_poll_refuses_digits_and_undo_with_a_message(
    two_polls: Deck, tmp_path: Path
) -> None:
    store = VoteStore.open(tmp_path / "votes.sqlite3")
    app = make_app(two_polls, store=store)
    poll = two_polls.polls[0]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right", "1", "1", "2")
        assert store.results(poll).counts == (2, 1)
        await pilot.press("c")
        assert store.is_closed(poll.id)
        before = snapshot(store, two_polls)
        app.clear_notifications()
        for key in ("1", "2", "u", "1", "u"):
            await pilot.press(key)
            await pilot.pause()
            assert notices(app)[-1:] == [POLL_CLOSED_MESSAGE], key
            app.clear_notifications()
        await pilot.press("1", "2", "u", "1")  # a burst: one message, not a column of them
        await pilot.pause()
        assert notices(app).count(POLL_CLOSED_MESSAGE) == 1
        assert snapshot(store, two_polls) == before
        assert app.show.state.typed == ""  # digits were not typed as a slide number
        assert app.show.state.position.slide == 1
        # Reopened, the keys count again.
        app.clear_notifications()
        await pilot.press("c", "u")
        assert store.results(poll).counts == (2, 0)
        await pilot.press("2")
        assert store.results(poll).counts == (2, 1)
        assert POLL_CLOSED_MESSAGE not in notices(app)
    store.close()


async def test_poll_closed_elsewhere_refuses_hands_with_a_message(
    two_polls: Deck, tmp_path: Path
) -> None:
    path = tmp_path / "votes.sqlite3"
    store = VoteStore.open(path)
    app = make_app(two_polls, store=store)
    poll = two_polls.polls[0]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right", "1")
        other = VoteStore.open(path)  # another presenter closes it
        other.set_closed(poll.id, True)
        other.close()
        app.clear_notifications()
        await pilot.press("2", "u")
        await pilot.pause()
        assert POLL_CLOSED_MESSAGE in notices(app)
        assert store.results(poll).counts == (1, 0)
        # Now known closed: the footer no longer offers the vote keys.
        assert "closed (c reopens)" in "".join(
            segment.text
            for line in app.screen.query_one("#slide-poll").render_lines(
                app.screen.query_one("#slide-poll").region.reset_offset
            )
            for segment in line
        )
        assert not app.presenter.check_action("vote", (1,))
    store.close()
