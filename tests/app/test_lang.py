"""The talk's language on every screen (Pilot): the presenter's, the
audience view's and the voter's, following the deck's ``lang:``."""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Callable
from pathlib import Path

from conftest import SEED_DECK, in_english
from status_row import status_position

from tui.app import make_app
from tui.audience.app import Presenter, make_audience_app
from tui.deck import load_deck, load_deck_text
from tui.polls.store import VoteStore
from tui.screens.confirm import ConfirmScreen
from tui.voter.app import VoterApp


def text_of(app, selector: str) -> str:  # type: ignore[no-untyped-def]
    widget = app.screen.query_one(selector)
    lines = widget.render_lines(widget.region.reset_offset)
    return "\n".join("".join(segment.text for segment in line) for line in lines)


def footer_text(app) -> str:  # type: ignore[no-untyped-def]
    """The labels of the keys the footer shows now."""
    return " ".join(
        active.binding.description
        for active in app.screen.active_bindings.values()
        if active.binding.show and active.enabled
    )


async def until(pilot, condition: Callable[[], bool], timeout: float = 5.0) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        await pilot.pause(0.05)
    return condition()


async def test_the_presenter_speaks_bokmal_and_english(tmp_path: Path) -> None:
    deck = load_deck(SEED_DECK)
    poll_slide = next(index for index, slide in enumerate(deck.slides) if slide.poll)
    for talk, words in [
        (deck, ("4 stemmer", "Stem i terminalen din:", "Neste", "Nullstille tidtakeren")),
        (in_english(deck), ("4 voters", "Vote in your terminal:", "Next", "the talk timer")),
    ]:
        store = VoteStore.open(tmp_path / f"{talk.lang or 'en'}.sqlite3")
        app = make_app(talk, store=store, how_to_vote="podium vote")
        voters, vote_line, next_label, timer_question = words
        async with app.run_test(size=(100, 30)) as pilot:
            app.show.jump(poll_slide)
            await pilot.press("1", "1", "4", "7")
            assert await until(pilot, lambda: voters in text_of(app, "#slide-poll"))
            assert vote_line in text_of(app, "#slide-poll")
            assert next_label in footer_text(app)
            await pilot.press("T")
            assert await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
            assert timer_question in text_of(app, "#confirm-question")
            await pilot.press("n")
        store.close()


async def test_the_presenter_says_go_to_in_bokmal() -> None:
    app = make_app(load_deck(SEED_DECK))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("5")  # a digit on a slide without a poll: how to go to a slide
        await pilot.pause()
        messages = [notice.message for notice in app._notifications]
        assert "Trykk :, så nummeret på lysbildet og Enter for å gå til et lysbilde." in messages
        await pilot.press("colon", "9")
        await pilot.pause()
        assert "gå til 9 ⏎" in status_position(app)


async def test_the_audience_view_speaks_the_decks_language() -> None:
    app = make_audience_app(load_deck(SEED_DECK), str(SEED_DECK))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.audience
        assert screen._notice_text().startswith("Venter på foredragsholderen:")
        screen._set_presenter(Presenter.LOST)
        assert screen._notice_text() == (
            "Foredragsholderen stoppet uventet; siste lysbilde vises til foredragsholderen"
            " er tilbake."
        )
        assert app.title.endswith("(publikum)")
        # Another deck (a view following whichever presenter starts): its language.
        english = load_deck_text("slides: [{title: Hello}]", str(SEED_DECK))
        screen.change_deck(english, str(SEED_DECK))
        assert screen._notice_text().startswith("Waiting for the presenter:")


async def test_the_voter_speaks_the_language_of_the_last_poll_while_waiting(
    tmp_path: Path,
) -> None:
    poll = load_deck(SEED_DECK).polls[0]
    assert poll.lang == "nb"
    path = tmp_path / "votes.sqlite3"
    presenter = (os.getpid(), socket.gethostname())
    with VoteStore.open(path) as stage, VoteStore.open(path, create=False) as store:
        stage.publish(poll, presenter=presenter)
        stage.publish(None, presenter=presenter)  # the presenter moved on
        app = VoterApp("kari", store, check_interval=0.05)
        async with app.run_test(size=(80, 24)) as pilot:
            assert await until(pilot, lambda: "Venter på neste" in text_of(app, "#voter-question"))
            assert "du stemmer som kari" in text_of(app, "#voter-who")
            stage.publish(poll, presenter=presenter)
            assert await until(pilot, lambda: "Stem" in footer_text(app))
            assert "Avslutt" in footer_text(app)
            await pilot.press("2")
            assert await until(
                pilot, lambda: "Din stemme: Samfunnsfloker" in text_of(app, "#voter-status")
            )
