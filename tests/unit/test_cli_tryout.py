"""Command-line findings from trying Podium as a user: the rehearsal store's
read-only commands, and exports in the C locale; run as subprocesses."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, SEED_DECK, FixedClock

from tui.deck import load_deck
from tui.polls.store import VoteStore
from tui.rehearsal.recorder import Recorder
from tui.rehearsal.store import RehearsalStore


def podium(data_dir: Path, *args: str, locale: bool = False) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PODIUM_DATA_DIR": str(data_dir)}
    if locale:
        env.pop("PYTHONIOENCODING", None)
        env.update(LC_ALL="C", LANG="C", PYTHONUTF8="0")
    return subprocess.run(
        [sys.executable, "-m", "tui", *args], capture_output=True, cwd=REPO, env=env, timeout=60
    )


def test_rehearse_history_and_report_create_no_store(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    for fmt in ("table", "csv", "json"):
        history = podium(data, "rehearse", str(SEED_DECK), "--history", "--format", fmt)
        assert history.returncode == 0, history.stderr
        assert b"Traceback" not in history.stderr
    assert (
        b"No rehearsals of this deck yet"
        in podium(data, "rehearse", str(SEED_DECK), "--history").stdout
    )
    report = podium(data, "rehearse", str(SEED_DECK), "--report")
    assert report.returncode == 2 and b"no rehearsals of" in report.stderr
    assert list(data.iterdir()) == []
    missing = tmp_path / "not-yet"
    podium(missing, "rehearse", str(SEED_DECK), "--history")
    assert not missing.exists()


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_exports_are_utf8_in_the_c_locale(tmp_path: Path, fmt: str) -> None:
    store_path = tmp_path / "votes.sqlite3"
    poll = load_deck(SEED_DECK).polls[0]
    with VoteStore.open(store_path) as store:
        store.vote(poll, [poll.ids[poll.options.index("Åpen innovasjon")]], "kari")
    results = podium(
        tmp_path,
        "results",
        str(SEED_DECK),
        "--store",
        str(store_path),
        "--format",
        fmt,
        locale=True,
    )
    assert results.returncode == 0, results.stderr
    assert "Åpen innovasjon" in results.stdout.decode("utf-8")
    assert "Hva bør være" in results.stdout.decode("utf-8")

    rehearsals = RehearsalStore.open(tmp_path / "rehearsals.sqlite3")
    deck = load_deck(SEED_DECK)
    clock = FixedClock()
    recorder = Recorder(deck, rehearsals, clock=clock, wall=lambda: 1_348_056_000.0)
    recorder.update(3, 0, True)
    clock.advance(30)
    recorder.finish()
    rehearsals.close()
    report = podium(tmp_path, "rehearse", str(SEED_DECK), "--report", "--format", fmt, locale=True)
    assert report.returncode == 0, report.stderr
    assert "Innovasjon – hva er det?" in report.stdout.decode("utf-8")
    history = podium(
        tmp_path, "rehearse", str(SEED_DECK), "--history", "--format", fmt, locale=True
    )
    assert history.returncode == 0 and history.stdout.decode("utf-8").strip()


def test_the_table_stays_locale_safe_in_the_c_locale(tmp_path: Path) -> None:
    store_path = tmp_path / "votes.sqlite3"
    with VoteStore.open(store_path) as store:
        store.vote(load_deck(SEED_DECK).polls[0], [load_deck(SEED_DECK).polls[0].ids[0]], "kari")
    table = podium(tmp_path, "results", str(SEED_DECK), "--store", str(store_path), locale=True)
    assert table.returncode == 0 and table.stdout.isascii() and b"b?r" in table.stdout
