"""Snapshot tests of the default deck's own language: Norwegian Bokmål.

The default deck says ``lang: nb``: the poll lines, the footer, the notes
pane, the audience view and the voter's view speak Bokmål. (The other
snapshots show the same deck in English, see ``test_snapshots.py``.)
Refresh after an intended change with
``pytest tests/snapshots/test_snapshots_nb.py --snapshot-update``.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest
from conftest import SEED_DECK, FixedClock, fixed_now

from tui.app import make_app
from tui.audience.app import make_audience_app
from tui.deck import load_deck
from tui.polls.store import VoteStore
from tui.voter.app import VoterApp

SIZES = [(80, 24), (200, 60)]
POLL_KEYS = ["colon", "1", "1", "enter", "1", "1", "4", "7", "r"]


def seed_app(tmp_path: Path):
    deck = load_deck(SEED_DECK)
    assert deck.lang == "nb"
    store = VoteStore.open(tmp_path / "votes.sqlite3")
    return make_app(
        deck,
        store=store,
        how_to_vote="podium vote",
        clock=FixedClock(),
        now=fixed_now,
    )


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_poll_slide_in_bokmal(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    assert snap_compare(seed_app(tmp_path), press=POLL_KEYS, terminal_size=size)


def test_closed_poll_in_bokmal(snap_compare, tmp_path: Path) -> None:
    app = seed_app(tmp_path)

    async def close_the_poll(pilot) -> None:
        await pilot.press(*POLL_KEYS, "c")
        await pilot.pause()
        app.clear_notifications()  # the toast leaves after 3 s: not in the picture
        await pilot.pause()

    assert snap_compare(app, run_before=close_the_poll, terminal_size=(80, 24))


def test_notes_pane_in_bokmal(snap_compare, tmp_path: Path) -> None:
    keys = ["right", "right", "s"]
    assert snap_compare(seed_app(tmp_path), press=keys, terminal_size=(100, 30))


def test_help_in_bokmal(snap_compare, tmp_path: Path) -> None:
    assert snap_compare(seed_app(tmp_path), press=["question_mark"], terminal_size=(100, 40))


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_audience_view_waiting_in_bokmal(snap_compare, size: tuple[int, int]) -> None:
    deck = load_deck(SEED_DECK)
    app = make_audience_app(deck, str(SEED_DECK))
    assert snap_compare(app, terminal_size=size)


def test_voter_in_bokmal(snap_compare, tmp_path: Path) -> None:
    poll = load_deck(SEED_DECK).polls[0]
    store = VoteStore.open(tmp_path / "votes.sqlite3")
    store.publish(poll, revealed=True, presenter=(os.getpid(), socket.gethostname()))
    for index, count in enumerate([3, 1, 0, 2, 0, 0, 1]):
        for _ in range(count):
            store.vote(poll, [poll.ids[index]])
    app = VoterApp("kari@pts/3", store, check_interval=0.05)

    async def settled(pilot) -> None:
        await pilot.pause(0.3)

    try:
        assert snap_compare(app, terminal_size=(80, 24), run_before=settled)
    finally:
        store.close()
