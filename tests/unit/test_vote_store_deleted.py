"""A vote store whose file is deleted or replaced while presenting (no Textual)."""

from __future__ import annotations

import shutil
import stat
from pathlib import Path

import pytest

from tui.deck.model import Poll
from tui.polls import StoreError, VoteStore
from tui.polls.session import PollSession
from tui.show.events import NoticeKind
from tui.show.votes import PollDesk

POLL = Poll(id="driver", question="Driver?", options=("Behov", "Bruker", "Teknologi"))


def _counts(path: Path) -> tuple[int, ...]:
    """The counts a fresh look at the file finds (as ``podium results`` would)."""
    with VoteStore.open(path, read_only=True) as reader:
        return reader.results(POLL).counts


def _session(path: Path) -> PollSession:
    return PollSession(VoteStore.open(path))


def test_a_deleted_store_is_made_again_with_every_vote(tmp_path: Path) -> None:
    path = tmp_path / "votes.sqlite3"
    session = _session(path)
    session.count_hand(POLL, 0)
    session.store.vote(POLL, ["bruker"], "alice")
    assert session.check_file() is None
    path.unlink()
    session.count_hand(POLL, 2)  # counted into the file nobody can reach any more
    assert session.check_file() == "recreated"
    assert path.exists()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert _counts(path) == (1, 1, 1)
    session.count_hand(POLL, 0)  # and the votes after go to the new file
    assert _counts(path) == (2, 1, 1)
    assert session.check_file() is None
    session.store.close()


def test_the_whole_data_folder_deleted(tmp_path: Path) -> None:
    path = tmp_path / "data" / "votes" / "votes.sqlite3"
    session = _session(path)
    session.count_hand(POLL, 1)
    shutil.rmtree(tmp_path / "data")
    assert session.check_file() == "recreated"
    assert _counts(path) == (0, 1, 0)
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    session.store.close()


def test_another_file_in_its_place_is_left_alone_and_said_once(tmp_path: Path) -> None:
    path = tmp_path / "votes.sqlite3"
    session = _session(path)
    session.count_hand(POLL, 0)
    path.rename(tmp_path / "moved.sqlite3")
    path.write_bytes(b"someone else's file")
    assert session.check_file() == "replaced"
    assert session.check_file() is None
    session.count_hand(POLL, 1)  # still counted, in the store open
    assert session.store.results(POLL).counts == (1, 1, 0)
    assert path.read_bytes() == b"someone else's file"
    session.store.close()


def test_a_store_that_cannot_be_made_again_says_why_and_keeps_the_votes(tmp_path: Path) -> None:
    path = tmp_path / "data" / "votes.sqlite3"
    session = _session(path)
    session.count_hand(POLL, 0)
    shutil.rmtree(tmp_path / "data")
    (tmp_path / "data").write_text("not a folder")
    with pytest.raises(StoreError, match="cannot make the vote store"):
        session.check_file()
    assert session.store.results(POLL).counts == (1, 0, 0)
    session.store.close()


def test_the_presenter_is_told(tmp_path: Path) -> None:
    path = tmp_path / "votes.sqlite3"
    desk = PollDesk(_session(path))
    desk.session.count_hand(POLL, 0)
    assert desk.changed()[1] is None
    path.unlink()
    _flags, notice = desk.changed()
    assert notice is not None and notice.kind is NoticeKind.STORE_RECREATED
    assert notice.text == str(path)
    assert _counts(path) == (1, 0, 0)
    desk.session.store.close()


def test_a_deletion_just_before_the_end_keeps_the_votes(tmp_path: Path) -> None:
    path = tmp_path / "votes.sqlite3"
    desk = PollDesk(_session(path))
    desk.session.count_hand(POLL, 2)
    path.unlink()
    desk.end()
    assert _counts(path) == (0, 0, 1)
    desk.session.store.close()


def test_a_voter_follows_the_store_made_again(tmp_path: Path) -> None:
    path = tmp_path / "votes.sqlite3"
    session = _session(path)
    stage_poll = POLL
    session.show(stage_poll, revealed=False)
    voter = VoteStore.open(path, create=False)
    voter.vote(POLL, ["bruker"], "alice")
    assert voter.follow_file() is False
    path.unlink()
    with pytest.raises(StoreError, match="was deleted"):
        voter.follow_file()
    assert session.check_file() == "recreated"
    assert voter.follow_file() is True
    voter.vote(POLL, ["teknologi"], "bob")  # into the file the presenter reads
    assert session.store.results(POLL).counts == (0, 1, 1)
    voter.close()
    session.store.close()


def test_a_voter_keeps_its_store_when_a_stranger_s_file_is_put_there(tmp_path: Path) -> None:
    path = tmp_path / "votes.sqlite3"
    session = _session(path)
    voter = VoteStore.open(path, create=False)
    path.rename(tmp_path / "moved.sqlite3")
    path.write_bytes(b"not a store")
    with pytest.raises(StoreError):
        voter.follow_file()
    assert voter.results(POLL).counts == (0, 0, 0)  # the open store still answers
    assert path.read_bytes() == b"not a store"
    voter.close()
    session.store.close()
