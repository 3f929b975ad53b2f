"""Every time in ``podium results`` exports is ISO 8601 with its UTC offset."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest
from conftest import SEED_DECK

from tui.cli import main
from tui.deck import load_deck
from tui.polls.store import VoteStore

DATE_TIME = re.compile(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d)?(?:\.\d+)?(?:[+-]\d\d:\d\d|Z)?")


@pytest.mark.parametrize("fmt", ["csv", "json", "table"])
def test_poll_result_times_carry_their_offset(capsys, tmp_path: Path, fmt: str) -> None:
    path = tmp_path / "votes.sqlite3"
    poll = load_deck(SEED_DECK).polls[0]
    with VoteStore.open(path) as store:
        store.vote(poll, ["behov"], "alice@pts/1")
        store.reset(poll.id)
        store.vote(poll, ["bruker"], "bob@pts/2")
    assert main(["results", "--store", str(path), "--format", fmt]) == 0
    out = capsys.readouterr().out
    stamps = DATE_TIME.findall(out)
    assert len(stamps) >= 3  # two votes cast, one cleared (and the export time in JSON)
    for stamp in stamps:
        assert datetime.fromisoformat(stamp).utcoffset() is not None, stamp
