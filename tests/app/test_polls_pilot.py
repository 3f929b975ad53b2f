"""Pilot tests of live polls: the presenter's chart follows votes from other
processes; the voter's view follows the presenter from poll to poll."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import DATA, REPO

from tui.app import PodiumApp, make_app
from tui.deck import Deck, load_deck
from tui.deck.model import Poll
from tui.polls.session import PollSession
from tui.polls.store import VoteStore
from tui.screens.confirm import ConfirmScreen
from tui.screens.help import HelpScreen
from tui.voter.app import VoterApp

SIZE = (100, 30)
ME = (os.getpid(), socket.gethostname())


@pytest.fixture
def two_polls() -> Deck:
    return load_deck(DATA / "two_polls.yaml")


def text_of(app: PodiumApp | VoterApp, selector: str) -> str:
    """The plain text a widget shows, as rendered at its current size."""
    widget = app.screen.query_one(selector)
    lines = widget.render_lines(widget.region.reset_offset)
    return "\n".join("".join(segment.text for segment in line).rstrip() for line in lines)


async def wait_until(pilot, condition: Callable[[], bool], timeout: float = 3.0) -> float:
    """Let the app run until ``condition()`` holds; returns the seconds it took."""
    start = time.monotonic()
    while not condition():
        if time.monotonic() - start > timeout:
            raise AssertionError("condition never held")
        await pilot.pause(0.02)
    return time.monotonic() - start


async def vote_in_another_process(
    store: Path, choice: str, voter: str
) -> subprocess.CompletedProcess[str]:
    """``podium vote --choice`` in a separate Python process (the app keeps running)."""
    return await asyncio.to_thread(
        subprocess.run,
        [
            sys.executable,
            "-m",
            "tui",
            "vote",
            "--store",
            str(store),
            "--choice",
            choice,
            "--voter",
            voter,
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=30,
        check=False,
    )


async def test_presenter_chart_updates_when_another_process_votes(
    seed_deck: Deck, tmp_path: Path
) -> None:
    path = tmp_path / "votes.sqlite3"
    store = VoteStore.open(path)
    app = make_app(seed_deck, store=store, how_to_vote=f"podium vote --store {path}")
    poll_slide = next(index for index, slide in enumerate(seed_deck.slides) if slide.poll)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("colon", *str(poll_slide + 1), "enter", "r")
        await pilot.pause()
        chart = text_of(app, "#slide-poll")
        assert "0 voters" in chart
        # The command is shown whole (wrapped, never cut short).
        assert f"Vote in your terminal: podium vote --store {path}" in " ".join(chart.split())
        result = await vote_in_another_process(path, "2", "zoe")
        assert result.returncode == 0, result.stderr
        assert "Vote saved: Samfunnsfloker" in result.stdout
        # Picked up by the presenter's look at the store (no key pressed), however slow the machine.
        await wait_until(pilot, lambda: "1 voter " in text_of(app, "#slide-poll"), timeout=15)
        line = next(
            row for row in text_of(app, "#slide-poll").splitlines() if "Samfunnsfloker" in row
        )
        assert "1" in line and "100%" in line
        # Changing the vote moves it; the count of voters stays.
        assert (await vote_in_another_process(path, "Behov", "zoe")).returncode == 0
        await wait_until(
            pilot,
            lambda: (
                "100%"
                in next(row for row in text_of(app, "#slide-poll").splitlines() if "Behov" in row)
            ),
        )
        assert "1 voter " in text_of(app, "#slide-poll")
    store.close()


async def test_presenter_close_reopen_and_keys(seed_deck: Deck, tmp_path: Path) -> None:
    store = VoteStore.open(tmp_path / "votes.sqlite3")
    app = make_app(seed_deck, store=store)
    poll_slide = next(index for index, slide in enumerate(seed_deck.slides) if slide.poll)
    poll = seed_deck.slides[poll_slide].poll
    assert poll is not None
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("colon", *str(poll_slide + 1), "enter", "1", "2")
        assert store.results(poll).voters == 2
        await pilot.press("c")
        assert store.is_closed(poll.id)
        assert "closed (c reopens)" in text_of(app, "#slide-poll")
        assert store.stage().closed
        await pilot.press("1")  # refused while closed: not counted, not typed
        assert store.results(poll).voters == 2 and app.show.state.typed == ""
        await pilot.press("c")
        assert not store.is_closed(poll.id)
        await pilot.press("3", "u")
        assert store.results(poll).counts[:3] == (1, 1, 0)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        help_text = text_of(app, "#help-table")
        assert "Close the poll to new votes, or reopen it" in help_text
        assert help_text.count("Close the poll") == 1
        await pilot.press("escape")


async def test_reset_asks_keeps_a_backup_and_restores(seed_deck: Deck, tmp_path: Path) -> None:
    store = VoteStore.open(tmp_path / "votes.sqlite3")
    app = make_app(seed_deck, store=store)
    poll = seed_deck.polls[0]
    store.vote(poll, ["behov"], "alice")
    store.vote(poll, ["bruker"])
    async with app.run_test(size=SIZE) as pilot:
        app.reset_poll(poll)
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        question = text_of(app, "#confirm-question")
        assert "2 votes" in question and "backup" in question
        await pilot.press("n")
        assert store.results(poll).voters == 2
        app.reset_poll(poll)
        await pilot.pause()
        await pilot.press("y")
        assert store.results(poll).voters == 0
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert f"Restore cleared votes: {poll.question}" in titles
        app.restore_poll(poll)
        assert store.results(poll).voters == 2


async def test_live_results_show_from_the_start(two_polls: Deck) -> None:
    app = make_app(two_polls)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("end")
        await pilot.press("1", "3", "3")
        chart = text_of(app, "#slide-poll")
        assert "several choices allowed" in chart and "r hides the results" in chart
        blue = next(row for row in chart.splitlines() if "Blue" in row)
        assert "2" in blue and "67%" in blue


async def test_voter_follows_the_presenter_from_poll_to_poll(
    two_polls: Deck, tmp_path: Path
) -> None:
    path = tmp_path / "votes.sqlite3"
    first, second = two_polls.polls
    with VoteStore.open(path) as presenter_store, VoteStore.open(path) as voter_store:
        presenter = PollSession(presenter_store, presenter=ME)
        app = VoterApp("alice@pts/9", voter_store, check_interval=0.05)
        async with app.run_test(size=(80, 24)) as pilot:
            assert "Waiting for the presentation" in text_of(app, "#voter-question")
            presenter.show(first, False)
            await wait_until(
                pilot, lambda: text_of(app, "#voter-question").startswith("First question?")
            )
            await wait_until(pilot, lambda: "Yes" in text_of(app, "#voter-poll"))  # after layout
            await pilot.press("2")
            assert presenter_store.results(first).counts == (0, 1)
            assert "Your vote: No" in text_of(app, "#voter-status")
            await pilot.press("up", "enter")  # change the vote with the arrows
            assert presenter_store.results(first).counts == (1, 0)
            assert "Your vote: Yes" in text_of(app, "#voter-status")

            presenter.show(None, False)
            await wait_until(
                pilot, lambda: "Waiting for the next poll" in text_of(app, "#voter-question")
            )
            await pilot.press("1")  # nothing to vote on
            assert presenter_store.results(first).counts == (1, 0)

            presenter.show(second, True)
            await wait_until(pilot, lambda: "Pick any colours" in text_of(app, "#voter-question"))
            await wait_until(pilot, lambda: "Grønn" in text_of(app, "#voter-poll"))
            await pilot.press("1", "3", "enter")
            assert presenter_store.results(second).counts == (1, 0, 1)
            assert "Your vote: Red, Blue" in text_of(app, "#voter-status")
            assert "100%" in text_of(app, "#voter-poll")  # results revealed: shown to voters too

            presenter.set_closed(second, True)
            await wait_until(pilot, lambda: "closed" in text_of(app, "#voter-help"))
            await pilot.press("2", "enter")
            assert presenter_store.results(second).counts == (1, 0, 1)

            presenter.end()
            await wait_until(
                pilot, lambda: "Waiting for the presentation" in text_of(app, "#voter-question")
            )


async def test_voter_notices_a_presenter_that_died(two_polls: Deck, tmp_path: Path) -> None:
    path = tmp_path / "votes.sqlite3"
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    with VoteStore.open(path) as store:
        store.publish(two_polls.polls[0], presenter=(gone.pid, socket.gethostname()))
        app = VoterApp("bob", store, check_interval=0.05)
        async with app.run_test(size=(80, 24)):
            assert "Waiting for the presentation" in text_of(app, "#voter-question")


async def test_orphaned_votes_are_shown_not_counted(two_polls: Deck) -> None:
    poll = two_polls.polls[0]
    store = VoteStore.in_memory()
    renamed = Poll(id=poll.id, question=poll.question, options=("Yes", "Nope"))
    store.vote(renamed, ["nope"], "a")
    store.vote(renamed, ["nope"], "b")
    store.vote(poll, ["yes"], "c")
    app = make_app(two_polls, store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right", "r")
        chart = " ".join(text_of(app, "#slide-poll").split())
        assert "1 voter " in chart
        assert "2 votes not counted, for options no longer in the deck: Nope (2)" in chart
        assert "Yes ████" in chart and "1 100%" in chart
