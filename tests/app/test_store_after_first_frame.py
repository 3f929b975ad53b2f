"""The presenter's vote store: checked before the terminal is taken, opened after the frame."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

from tui.app import make_app
from tui.deck import Deck, load_deck_text
from tui.polls import talks
from tui.polls.opening import PresenterStore, check_presenter_store
from tui.polls.store import StoreError, VoteStore
from tui.screens.presenter import PresenterScreen

SIZE = (100, 30)


def _poll_slide(deck: Deck) -> int:
    return next(index for index, slide in enumerate(deck.slides) if slide.poll)


async def test_the_store_opens_once_the_first_slide_is_up_and_keeps_the_votes(
    seed_deck: Deck, tmp_path: Path
) -> None:
    votes = check_presenter_store(seed_deck, str(tmp_path / "votes.db"))
    opened_with_frames: list[bool] = []

    def open_store() -> VoteStore:
        screen = app.screen
        opened_with_frames.append(isinstance(screen, PresenterScreen) and screen.is_mounted)
        return votes.open()

    app = make_app(seed_deck, open_store=open_store, how_to_vote=votes.how_to_vote)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert opened_with_frames == [True]  # once, with the first slide up
        assert talks.live_presentations()[0].store == votes.path.resolve()
        await pilot.press("colon", *str(_poll_slide(seed_deck) + 1), "enter", "2", "2", "r")
        await pilot.pause()
    assert votes.store is not None
    votes.close(end_polls=app.end_polls)
    poll = seed_deck.slides[_poll_slide(seed_deck)].poll
    assert poll is not None
    with VoteStore.open(votes.path, create=False) as store:
        assert store.results(poll).counts[1] == 2  # both hands were written to the file
    assert talks.live_presentations() == []


async def test_a_first_slide_with_a_poll_opens_the_store_at_once(tmp_path: Path) -> None:
    deck = load_deck_text("slides:\n  - title: Ja?\n    poll:\n      options: [Ja, Nei]\n")
    votes = check_presenter_store(deck, str(tmp_path / "votes.db"))
    app = make_app(deck, open_store=votes.open)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1")
        await pilot.pause()
        assert votes.store is not None and app.show.polls.session.store is votes.store
        poll = deck.slides[0].poll
        assert poll is not None and votes.store.results(poll).counts == (1, 0)
    votes.close()


async def test_a_store_that_fails_late_is_told_and_votes_are_counted_in_memory(
    seed_deck: Deck, tmp_path: Path
) -> None:
    path = tmp_path / "votes.db"
    votes = check_presenter_store(seed_deck, str(path))
    path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)  # damaged after the check

    app = make_app(seed_deck, open_store=votes.open)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        told = [str(note.message) for note in app._notifications]
        assert any(line.startswith("Poll votes will NOT be saved:") for line in told), told
        assert any(str(path) in line for line in told)
        assert not app.show.polls.session.keeps_votes
        index = _poll_slide(seed_deck)
        await pilot.press("colon", *str(index + 1), "enter", "3")
        await pilot.pause()
        poll = seed_deck.slides[index].poll
        assert poll is not None
        assert app.poll_results(poll).counts[2] == 1  # still counted, in memory
        assert app.is_running
    votes.close()
    assert votes.store is None


def test_a_named_store_that_cannot_be_kept_is_refused_before_it_is_opened(
    seed_deck: Deck, tmp_path: Path
) -> None:
    not_sqlite = tmp_path / "votes.db"
    not_sqlite.write_text("a shopping list\n" * 20, encoding="utf-8")
    with pytest.raises(StoreError, match="is not a Podium vote store"):
        check_presenter_store(seed_deck, str(not_sqlite))
    damaged = tmp_path / "damaged.db"  # an SQLite header, nothing sound after it
    damaged.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 8)
    before = damaged.read_bytes()
    with pytest.raises(StoreError, match=str(damaged)):
        check_presenter_store(seed_deck, str(damaged))  # named: read through SQLite now
    assert damaged.read_bytes() == before
    (tmp_path / "folder.db").mkdir()
    with pytest.raises(StoreError, match="is a folder, not a file"):
        check_presenter_store(seed_deck, str(tmp_path / "folder.db"))
    assert not_sqlite.read_text(encoding="utf-8") == "a shopping list\n" * 20


def test_checking_the_store_loads_no_sqlite(tmp_path: Path) -> None:
    code = (
        "import sys, json\n"
        "import tui.app, tui.cli.present, tui.cli.session\n"
        "from tui.deck import load_deck_text\n"
        "from tui.polls.opening import check_presenter_store\n"
        "deck = load_deck_text('slides: [{title: A, poll: {options: [Ja, Nei]}}]')\n"
        f"votes = check_presenter_store(deck, {str(tmp_path / 'votes.db')!r})\n"
        "print(json.dumps([votes.how_to_vote, 'sqlite3' in sys.modules]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=False
    )
    assert result.returncode == 0, result.stderr
    how_to_vote, loaded = json.loads(result.stdout)
    assert "podium vote" in how_to_vote and loaded is False


def test_an_unopened_store_closes_to_nothing(seed_deck: Deck, tmp_path: Path) -> None:
    votes = PresenterStore(seed_deck, tmp_path / "votes.db", tmp_path / "votes.db", shared=False)
    votes.close()
    assert votes.store is None and not (tmp_path / "votes.db").exists()


async def test_the_presenter_hears_of_a_failing_store_in_the_talks_language(
    tmp_path: Path,
) -> None:
    from conftest import SEED_DECK

    from tui.deck import load_deck

    deck = load_deck(SEED_DECK)  # lang: nb
    path = tmp_path / "votes.db"
    votes = check_presenter_store(deck, str(path))
    path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    app = make_app(deck, open_store=votes.open)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        told = [str(note.message) for note in app._notifications]
        assert any(line.startswith("Stemmene blir IKKE lagret:") for line in told), told
        assert not any("will NOT be saved" in line for line in told)
