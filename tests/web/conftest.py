"""A presenter's show with the phone page served on loopback, without a terminal."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

pytest.importorskip("aiohttp")

from tui.deck import load_deck
from tui.pacing import TalkTimer
from tui.polls.session import PollSession
from tui.polls.store import VoteStore
from tui.show.core import Show
from tui.web.guard import Limits
from tui.web.serving import Address, Serving, bind

DATA = Path(__file__).resolve().parents[1] / "data"


@dataclass
class Served:
    """A show on its first poll, its store and the page served for it."""

    show: Show
    store: VoteStore
    serving: Serving

    def on_poll(self, slide: int) -> None:
        self.show.jump(slide)
        self.show.tell_voters()

    def counted(self, poll_id: str) -> int:
        poll = next(each for each in self.show.deck.polls if each.id == poll_id)
        return self.store.results(poll).voters

    def votes(self) -> list[tuple[str, str]]:
        """Every stored choice on every poll: ``(voter, option id)``."""
        return [
            (record.voter, record.option_id or "")
            for poll in self.show.deck.polls
            for record in self.store.records(poll)
        ]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[VoteStore]:
    with VoteStore.open(tmp_path / "votes.sqlite3") as opened:
        yield opened


def make_show(store: VoteStore) -> Show:
    deck = load_deck(str(DATA / "two_polls.yaml"))
    show = Show(deck, timer=TalkTimer(time.monotonic), polls=PollSession(store))
    show.start()
    return show


@pytest.fixture
async def served(store: VoteStore) -> AsyncIterator[Served]:
    show = make_show(store)
    serving = Serving(
        show,
        bind(Address("127.0.0.1", 0)),
        "ABCDEFGHJK",
        store=store,
        limits=Limits(rate=1000.0, burst=1000),
    )
    assert await serving.start("en")
    result = Served(show, store, serving)
    result.on_poll(1)
    try:
        yield result
    finally:
        await serving.stop()
