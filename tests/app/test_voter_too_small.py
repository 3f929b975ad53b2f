"""The voter's view below its smallest size: a message, and no key votes blind."""

from __future__ import annotations

import os
import socket
from pathlib import Path

from conftest import DATA

from tui.deck import load_deck
from tui.polls.session import PollSession
from tui.polls.store import VoteStore
from tui.voter.app import MIN_HEIGHT, MIN_WIDTH, VoterApp

ME = (os.getpid(), socket.gethostname())


def text_of(app: VoterApp, selector: str) -> str:
    widget = app.screen.query_one(selector)
    lines = widget.render_lines(widget.region.reset_offset)
    return "\n".join("".join(segment.text for segment in line).rstrip() for line in lines)


async def test_a_too_small_voter_view_says_so_and_sends_nothing(tmp_path: Path) -> None:
    path = tmp_path / "votes.sqlite3"
    first = load_deck(DATA / "two_polls.yaml").polls[0]
    with VoteStore.open(path) as presenter_store, VoteStore.open(path) as voter_store:
        PollSession(presenter_store, presenter=ME).show(first, False)
        app = VoterApp("alice@pts/9", voter_store, check_interval=0.05)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause(0.2)
            assert app.query_one("#voter-too-small").display is False
            await pilot.resize_terminal(5, 3)
            await pilot.pause(0.2)
            await pilot.press("1", "2", "enter", "down", "space", "enter")
            await pilot.pause(0.1)
            assert presenter_store.results(first).counts == (0, 0)
            message = app.query_one("#voter-too-small")
            assert message.display and app.screen.has_class("-too-small")
            assert f"at least {MIN_WIDTH}x{MIN_HEIGHT} cells; this one is 5x3" in str(
                message.render()
            )
            await pilot.resize_terminal(MIN_WIDTH, MIN_HEIGHT)
            await pilot.pause(0.2)
            assert not app.screen.has_class("-too-small")
            assert "First question?" in text_of(app, "#voter-question")
            await pilot.press("2")
            await pilot.pause(0.1)
            assert presenter_store.results(first).counts == (0, 1)
