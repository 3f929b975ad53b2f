"""A rehearsal whose deck is saved while it runs: times follow their slides."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FixedClock

from tui.deck import load_deck_text
from tui.pacing import TalkTimer
from tui.polls.session import PollSession
from tui.polls.store import VoteStore
from tui.rehearsal.recorder import Recorder, follow_show
from tui.rehearsal.records import Timing
from tui.rehearsal.report import build_report
from tui.rehearsal.store import RehearsalStore
from tui.show import Show

DECK = """\
title: Steps
slides:
  - title: One
  - title: Two
    reveal: true
    body: |
      - a
      - b
  - title: Three
"""


@pytest.fixture
def store(tmp_path: Path):
    opened = RehearsalStore.open(tmp_path / "rehearsals.sqlite3")
    yield opened
    opened.close()


def test_times_move_with_their_slides_when_one_is_inserted(store: RehearsalStore) -> None:
    clock = FixedClock()
    deck = load_deck_text(DECK, "steps.yaml")
    recorder = Recorder(deck, store, clock=clock, wall=lambda: 1.0)
    show = Show(
        deck,
        timer=TalkTimer(clock),
        polls=PollSession(VoteStore.in_memory(), presenter=(1, "host")),
        rehearsing=True,
    )
    show.subscribe(follow_show(recorder, show))
    show.start()
    clock.advance(30)
    show.next()  # Two, step 0
    clock.advance(20)
    show.next()  # Two, step 1
    clock.advance(5)
    new = load_deck_text(
        DECK.replace("title: Steps", "title: Steps v2").replace(
            "  - title: Two", "  - title: New\n  - title: Two"
        ),
        "steps.yaml",
    )
    show.replace_deck(new)
    clock.advance(7)
    show.next()  # Two, step 2
    clock.advance(1)
    assert recorder.timings() == [
        Timing(1, 0, 30.0, 1),
        Timing(3, 0, 20.0, 1),
        Timing(3, 1, 12.0, 0),
        Timing(3, 2, 1.0, 0),
    ]
    recorder.finish()
    report = build_report(store, recorder.rehearsal)
    assert report is not None
    assert [row.title for row in report.rows] == ["One", "New", "Two", "Three"]
    assert [row.seconds for row in report.rows] == [30.0, 0.0, 33.0, 0.0]
