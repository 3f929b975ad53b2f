"""Shared fixtures: the seed deck, fixture decks, a hermetic data folder,
and a fixed clock so what the notes pane shows is deterministic."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import msgspec
import pytest

from tui.deck import Deck, load_deck

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SEED_DECK = REPO / "slides.yaml"


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep vote stores out of the real user data folder."""
    folder = tmp_path / "podium-data"
    monkeypatch.setenv("PODIUM_DATA_DIR", str(folder))
    return folder


def in_english(deck: Deck) -> Deck:
    """``deck`` with no ``lang:``: its screens in English, whatever it says.

    Tests of Podium's own wording (keys, notices, the poll lines) read
    English; the default deck says ``lang: nb``, and tests of its Norwegian
    screens load it as it is.
    """
    polls = {
        index: msgspec.structs.replace(slide.poll, lang="")
        for index, slide in enumerate(deck.slides)
        if slide.poll is not None
    }
    slides = tuple(
        msgspec.structs.replace(slide, poll=polls[index]) if index in polls else slide
        for index, slide in enumerate(deck.slides)
    )
    return msgspec.structs.replace(deck, lang="", lang_at=(0, 0), slides=slides)


@pytest.fixture
def seed_deck() -> Deck:
    """The default deck, loaded through the real loader, in English (see :func:`in_english`)."""
    return in_english(load_deck(SEED_DECK))


class FixedClock:
    """A monotonic clock the test moves by hand (seconds)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


def fixed_now() -> datetime:
    """Wall clock pinned to 14:05 so screenshots never change."""
    return datetime(2012, 9, 19, 14, 5, 0)
