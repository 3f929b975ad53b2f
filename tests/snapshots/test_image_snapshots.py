"""Snapshot tests: slides with pictures (half blocks) and links, at a projector's sizes.

After an intended visual change, review and refresh with
``pytest tests/snapshots/test_image_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DATA, FixedClock, fixed_now

from tui.app import make_app
from tui.deck import load_deck
from tui.polls.store import VoteStore

# textual-image 0.12 reads pixels with Image.getdata(), deprecated in Pillow 12
# (Podium filters it once; pytest resets warning filters for every test).
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:textual_image._pixeldata")


@pytest.fixture(autouse=True)
def half_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("PODIUM_IMAGES", raising=False)


def pictures_app(tmp_path: Path):
    deck = load_deck(DATA / "pictures.yaml")
    store = VoteStore.open(tmp_path / "votes.sqlite3")
    return make_app(deck, store=store, clock=FixedClock(), now=fixed_now)


@pytest.mark.parametrize("size", [(80, 24), (200, 60)], ids=["80x24", "200x60"])
def test_image_slide(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    assert snap_compare(pictures_app(tmp_path), terminal_size=size)


@pytest.mark.parametrize("size", [(80, 24), (200, 60)], ids=["80x24", "200x60"])
def test_picture_in_the_body_with_a_link(
    snap_compare, tmp_path: Path, size: tuple[int, int]
) -> None:
    assert snap_compare(pictures_app(tmp_path), press=["right"], terminal_size=size)
