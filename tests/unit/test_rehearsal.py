"""Rehearsals: per-slide timings with a fixed clock, the store, the report."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest
from conftest import DATA, REPO, SEED_DECK, FixedClock, fixed_now

from tui.app import make_app
from tui.deck import Deck, load_deck, load_deck_text
from tui.rehearsal.formats import format_csv, format_history, format_json, format_table
from tui.rehearsal.recorder import Recorder
from tui.rehearsal.report import build_report
from tui.rehearsal.store import RehearsalStore, StoreError, Timing

SIZE = (100, 30)
GOLDEN = DATA / "rehearsal_report.txt"
WALL = 1_348_056_000.0  # 2012-09-19 12:00 UTC


def utc(seconds: float) -> datetime:
    return datetime.fromtimestamp(seconds, timezone.utc)


class Wall:
    """Unix time moved by hand."""

    def __init__(self, start: float = WALL) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def store(tmp_path: Path):
    opened = RehearsalStore.open(tmp_path / "rehearsals.sqlite3")
    yield opened
    opened.close()


STEPS = """\
title: Steps
duration: 3m
slides:
  - title: One
    time: 1m
  - title: Two
    reveal: true
    body: |
      - a
      - b
  - title: Three
"""


def test_recorder_adds_up_revisits_and_steps(store: RehearsalStore) -> None:
    deck = load_deck_text(STEPS, "steps.yaml")
    clock = FixedClock()
    recorder = Recorder(deck, store, clock=clock, wall=Wall())
    recorder.update(0, 0, True)
    clock.advance(50)
    recorder.update(1, 0, True)
    clock.advance(10)
    recorder.update(1, 1, True)
    clock.advance(20)
    recorder.update(1, 1, False)  # paused: not counted
    clock.advance(500)
    recorder.update(1, 1, True)
    clock.advance(5)
    recorder.update(0, 0, True)  # back to slide 1 ...
    clock.advance(7)
    recorder.update(1, 2, True)  # ... and forward again
    clock.advance(3)
    assert recorder.timings() == [
        Timing(1, 0, 57.0, 2),
        Timing(2, 0, 10.0, 1),
        Timing(2, 1, 25.0, 0),
        Timing(2, 2, 3.0, 1),
    ]
    recorder.finish()
    report = build_report(store, recorder.rehearsal)
    assert report is not None and not report.complete and report.skipped == (3,)
    one, two, three = report.rows
    assert (one.seconds, one.budget, one.visits) == (57.0, 60.0, 2)
    assert two.seconds == 38.0 and two.steps == (10.0, 25.0, 3.0) and two.budget == 60.0
    assert three.seconds == 0.0 and report.total == 95.0 and report.target == 180.0


def test_interrupted_rehearsal_keeps_its_timings(tmp_path: Path) -> None:
    deck = load_deck_text(STEPS, "steps.yaml")
    path = tmp_path / "r.sqlite3"
    store = RehearsalStore.open(path)
    clock = FixedClock()
    recorder = Recorder(deck, store, clock=clock, wall=Wall())
    recorder.update(0, 0, True)
    clock.advance(30)
    recorder.update(1, 0, True)
    clock.advance(12)
    recorder.flush()  # the periodic save; then the process dies without finish()
    store.close()
    reopened = RehearsalStore.open(path)
    (run,) = reopened.rehearsals("steps.yaml")
    assert run.ended is None and run.total == 42.0
    report = build_report(reopened, run.id)
    assert report is not None and not report.complete
    assert "interrupted" in format_table(report, local=utc)
    assert "interrupted" in format_history([run], "table", local=utc)
    reopened.close()


def test_store_refuses_a_file_that_is_not_a_rehearsal_store(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE x (y)")
    with pytest.raises(StoreError, match="not a Podium rehearsal store"):
        RehearsalStore.open(other)
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"not sqlite at all" * 100)
    with pytest.raises(StoreError, match="garbage.sqlite3"):
        RehearsalStore.open(garbage)


async def _rehearse(deck: Deck, store: RehearsalStore, wall: Wall, minutes: list[float], back: int) -> int:
    """Rehearse ``deck`` in a Pilot: ``minutes`` on each slide, one revisit of slide ``back``."""
    clock = FixedClock()
    recorder = Recorder(deck, store, clock=clock, wall=wall)
    app = make_app(deck, clock=clock, now=fixed_now, rehearsal=recorder)
    async with app.run_test(size=SIZE) as pilot:
        assert app.timer.running and app.show.state.notes_shown
        for index, spent in enumerate(minutes):
            clock.advance(spent * 60)
            if index == back:
                await pilot.press("left")
                clock.advance(20)
                await pilot.press("right")
            await pilot.press("right")
        await pilot.press("q")
    recorder.finish()
    return recorder.rehearsal


async def test_rehearsal_report_golden(store: RehearsalStore, seed_deck: Deck) -> None:
    wall = Wall()
    runs = [
        [1.2, 1.0, 1.5, 2.5, 2.0, 1.5, 1.0, 2.0, 1.0, 1.5, 3.0, 2.0, 1.0],
        [1.0, 0.8, 1.5, 2.2, 2.4, 1.5, 1.2, 2.0, 1.0, 1.6, 2.5, 2.0, 0.8],
        [1.1, 0.9, 1.4, 2.0, 2.1, 1.4, 1.5, 2.2, 0.9, 1.5, 2.8, 1.6, 0.9],
    ]
    ids = []
    for minutes in runs:
        ids.append(await _rehearse(seed_deck, store, wall, minutes, back=4))
        wall.now += 86_400
    report = build_report(store, ids[-1])
    assert report is not None
    text = format_table(report, local=utc)
    if os.environ.get("PODIUM_UPDATE_GOLDEN"):
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")
    # Slide 4 was revisited from slide 5: both visits add up.
    assert report.rows[3].visits == 2 and report.rows[3].seconds == 2.0 * 60 + 20
    data = json.loads(format_json(report, local=utc))
    assert data["total"]["earlier"] == 2 and data["slides"][0]["title"] == seed_deck.slides[0].title
    csv_lines = format_csv(report).splitlines()
    assert csv_lines[0].startswith("rehearsal,slide,step,title,seconds") and csv_lines[-1].split(",")[1] == "total"
    history = format_history(store.rehearsals(seed_deck.source), "table", local=utc)
    assert history.count("complete") == 3


def test_rehearse_history_and_formats_on_the_command_line(tmp_path: Path, private_data_dir: Path) -> None:
    deck = load_deck_text(STEPS, str(tmp_path / "steps.yaml"))
    (tmp_path / "steps.yaml").write_text(STEPS, encoding="utf-8")
    store = RehearsalStore.open(private_data_dir / "rehearsals.sqlite3")
    clock = FixedClock()
    recorder = Recorder(deck, store, clock=clock, wall=Wall())
    recorder.update(0, 0, True)
    clock.advance(61)
    recorder.finish()
    store.close()

    def podium(*args: str) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "PODIUM_DATA_DIR": str(private_data_dir)}
        return subprocess.run(
            [sys.executable, "-m", "tui", "rehearse", *args], capture_output=True, text=True, cwd=REPO, env=env
        )

    deck_file = str(tmp_path / "steps.yaml")
    listed = podium(deck_file, "--history")
    assert listed.returncode == 0 and "1:01" in listed.stdout
    assert "not complete: slides 2–3 were never shown" in listed.stdout
    as_json = json.loads(podium(deck_file, "--history", "--format", "json").stdout)
    assert as_json[0]["seconds"] == 61.0
    report = podium(deck_file, "--report", "--format", "csv")
    assert report.returncode == 0 and report.stdout.splitlines()[1].startswith("1,1,,One,61.0,60.0,1.0")
    missing = podium(deck_file, "--report", "7")
    assert missing.returncode == 2 and "no rehearsal 7" in missing.stderr and "Traceback" not in missing.stderr
    bad = podium(deck_file, "--format", "xml")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    none_yet = podium(str(SEED_DECK), "--history")
    assert "No rehearsals of this deck yet" in none_yet.stdout


def test_seed_deck_budgets_add_up_to_its_duration() -> None:
    deck = load_deck(SEED_DECK)
    assert all(slide.time for slide in deck.slides)
    assert sum(slide.time or 0 for slide in deck.slides) == deck.duration


def test_a_rehearsal_that_skipped_slides_is_not_complete(store: RehearsalStore) -> None:
    deck = load_deck_text(STEPS + "  - title: Four\n  - title: Five\n", "five.yaml")
    clock = FixedClock()
    recorder = Recorder(deck, store, clock=clock, wall=Wall())
    recorder.update(0, 0, True)
    clock.advance(30)
    recorder.update(2, 0, True)  # jumped over slide 2
    clock.advance(30)
    recorder.update(4, 0, True)  # and over slide 4
    clock.advance(30)
    recorder.finish()
    report = build_report(store, recorder.rehearsal)
    assert report is not None and not report.complete and report.skipped == (2, 4)
    table = format_table(report, local=utc)
    assert "not complete: slides 2, 4 were never shown" in table.splitlines()[1]
    assert "· complete" not in table
    data = json.loads(format_json(report, local=utc))
    assert data["rehearsal"]["complete"] is False and data["rehearsal"]["never_shown"] == [2, 4]
    runs = store.rehearsals("five.yaml")
    history = format_history(runs, "table", local=utc)
    assert "not complete: slides 2, 4 were never shown" in history
    as_json = json.loads(format_history(runs, "json", local=utc))
    assert as_json[0]["complete"] is False and as_json[0]["never_shown"] == [2, 4]
    rows = format_history(runs, "csv", local=utc).splitlines()
    assert rows[0].endswith("complete,never_shown") and rows[1].endswith(",no,2 4")
    # A skipping run is no yardstick for the next one.
    second = Recorder(deck, store, clock=clock, wall=Wall())
    for slide in range(5):
        second.update(slide, 0, True)
        clock.advance(10)
    second.finish()
    again = build_report(store, second.rehearsal)
    assert again is not None and again.complete and again.previous is None and again.earlier == 0
    assert "· complete" in format_table(again, local=utc)
    # Nor is a whole run one for a skipping run: its shorter total is no news.
    third = Recorder(deck, store, clock=clock, wall=Wall())
    third.update(0, 0, True)
    clock.advance(5)
    third.update(4, 0, True)
    clock.advance(5)
    third.finish()
    partial = build_report(store, third.rehearsal)
    assert partial is not None and not partial.complete and partial.previous is not None
    lines = format_table(partial, local=utc).splitlines()
    assert lines[-1] == "Total not compared with earlier rehearsals: this one is not complete."
    assert not any("shorter" in line or "longer" in line for line in lines)


def test_every_exported_time_carries_its_utc_offset(store: RehearsalStore) -> None:
    deck = load_deck_text(STEPS, "steps.yaml")
    clock = FixedClock()
    recorder = Recorder(deck, store, clock=clock, wall=Wall())
    for slide in range(3):
        recorder.update(slide, 0, True)
        clock.advance(10)
    recorder.finish()
    report = build_report(store, recorder.rehearsal)
    assert report is not None
    runs = store.rehearsals("steps.yaml")
    stamps = [
        json.loads(format_json(report))["rehearsal"]["started"],
        json.loads(format_json(report))["rehearsal"]["ended"],
        json.loads(format_history(runs, "json"))[0]["started"],
        json.loads(format_history(runs, "json"))[0]["ended"],
        *format_history(runs, "csv").splitlines()[1].split(",")[1:3],
    ]
    for stamp in stamps:  # the default: local time, with the local offset
        when = datetime.fromisoformat(stamp)
        assert when.utcoffset() is not None, stamp
        assert when.timestamp() == WALL
    assert json.loads(format_json(report, local=utc))["rehearsal"]["started"] == "2012-09-19T12:00:00+00:00"


def test_report_table_shows_a_title_with_a_newline_or_tab_on_one_line(
    store: RehearsalStore,
) -> None:
    deck = load_deck_text(
        'title: "Deck\\none"\nslides:\n'
        '  - title: "line one\\nline two"\n'
        '  - title: "tab\\there"\n'
        "  - title: Plain\n",
        "tabs.yaml",
    )
    clock = FixedClock()
    recorder = Recorder(deck, store, clock=clock, wall=Wall())
    for slide in range(3):
        recorder.update(slide, 0, True)
        clock.advance(61)
    recorder.finish()
    report = build_report(store, recorder.rehearsal)
    assert report is not None
    lines = format_table(report, local=utc).splitlines()
    assert lines[0] == "Rehearsal 1 · Deck␤one"
    rows = {line.split()[0]: line for line in lines if line[:3].strip() in ("1", "2", "3")}
    assert "line one␤line two" in rows["1"] and "tab here" in rows["2"]
    assert "\t" not in "".join(lines)
    # Every row's times start in the same column as the heading's.
    column = lines[3].index("Time")
    for number in ("1", "2", "3"):
        assert rows[number][column:].split()[0] == "1:01", rows[number]
    # CSV keeps the title as written.
    assert "line one\nline two" in format_csv(report)
