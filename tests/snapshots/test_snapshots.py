"""Snapshot tests: how seed slides look, at a fixed size with a fixed clock.

After an intended visual change, review and refresh with
``pytest tests/snapshots/test_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DATA, SEED_DECK, FixedClock, fixed_now, in_english

from tui.app import make_app
from tui.deck import load_deck
from tui.polls.store import VoteStore

SIZE = (100, 30)


def seed_app(tmp_path: Path, theme: str | None = None):
    deck = in_english(load_deck(SEED_DECK))
    store = VoteStore.open(tmp_path / "votes.sqlite3")
    return make_app(deck, theme_name=theme, store=store, clock=FixedClock(), now=fixed_now)


def test_title_slide(snap_compare, tmp_path: Path) -> None:
    assert snap_compare(seed_app(tmp_path), terminal_size=SIZE)


def test_nested_bullets_slide(snap_compare, tmp_path: Path) -> None:
    assert snap_compare(seed_app(tmp_path), press=["colon", "4", "enter"], terminal_size=SIZE)


def test_poll_slide_with_results(snap_compare, tmp_path: Path) -> None:
    keys = ["colon", "1", "1", "enter", "1", "1", "4", "7", "r"]
    assert snap_compare(seed_app(tmp_path), press=keys, terminal_size=SIZE)


def test_notes_pane_open(snap_compare, tmp_path: Path) -> None:
    assert snap_compare(seed_app(tmp_path), press=["right", "right", "s"], terminal_size=SIZE)


@pytest.mark.parametrize("theme", ["paper", "contrast"])
def test_other_themes(snap_compare, tmp_path: Path, theme: str) -> None:
    assert snap_compare(seed_app(tmp_path, theme), press=["colon", "5", "enter"], terminal_size=(80, 24))


def test_poll_slide_with_its_own_question_and_wide_labels(snap_compare, tmp_path: Path) -> None:
    # The question above the options; emoji, CJK and combining marks measured
    # in cells; the long label cut with "…"; equal counts with equal figures.
    deck = load_deck(DATA / "poll_question.yaml")
    store = VoteStore.open(tmp_path / "votes.sqlite3")
    app = make_app(deck, store=store, clock=FixedClock(), now=fixed_now)
    keys = ["1", "1", "2", "2", "3", "5", "5", "5", "r"]
    assert snap_compare(app, press=keys, terminal_size=(80, 24))


# The seed deck's slide of each layout, and the keys that bring it up (the
# poll with votes and its chart): at a laptop's 80x24 and a projector's 200x60.
LAYOUT_KEYS = {
    "title": [],
    "section": ["colon", "9", "enter"],
    "content": ["colon", "4", "enter"],
    "quote": ["colon", "2", "enter"],
    "poll": ["colon", "1", "1", "enter", "1", "1", "4", "7", "r"],
}


@pytest.mark.parametrize("size", [(80, 24), (200, 60)], ids=["80x24", "200x60"])
@pytest.mark.parametrize("layout", list(LAYOUT_KEYS))
def test_layout_at_laptop_and_projector_size(
    snap_compare, tmp_path: Path, layout: str, size: tuple[int, int]
) -> None:
    assert snap_compare(seed_app(tmp_path), press=LAYOUT_KEYS[layout], terminal_size=size)


def test_reveal_step_counter(snap_compare, tmp_path: Path) -> None:
    # Slide 2 of 7 with one of its three reveal steps shown: "2/7 · 1/3".
    deck = load_deck(DATA / "presenter_demo.yaml")
    store = VoteStore.open(tmp_path / "votes.sqlite3")
    app = make_app(deck, store=store, clock=FixedClock(), now=fixed_now)
    assert snap_compare(app, press=["right", "right"], terminal_size=(80, 24))
