"""Unit tests for the SQLite vote store: opening, files, errors (no Textual).

What votes mean (replace, undo, close, reset, orphans) is tested in
``test_vote_store_votes.py``; many processes at once in ``e2e/test_polls_concurrency.py``.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tui.deck.model import Poll
from tui.polls import SCHEMA_VERSION, StoreError, VoteStore
from tui.polls.store import store_path_for_deck

POLL = Poll(id="driver", question="Driver?", options=("Behov", "Bruker", "Teknologi"))


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "votes" / "deck.sqlite3"


@pytest.fixture
def store(store_path: Path) -> Iterator[VoteStore]:
    with VoteStore.open(store_path) as opened:
        yield opened


def test_open_creates_folders_and_schema(store_path: Path) -> None:
    with VoteStore.open(store_path):
        pass
    assert store_path.is_file()
    db = sqlite3.connect(store_path)
    try:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
        assert {"votes", "poll_state", "cleared_votes", "polls", "stage"} <= tables
    finally:
        db.close()


def test_votes_persist_across_close_and_reopen(store_path: Path) -> None:
    with VoteStore.open(store_path) as first:
        first.vote(POLL, ["behov"], "alice")
        first.vote(POLL, ["bruker"])
    with VoteStore.open(store_path) as second:
        assert second.results(POLL).counts == (1, 1, 0)
        second.vote(POLL, ["bruker"], "alice")
        assert second.results(POLL).counts == (0, 2, 0)


def test_write_is_visible_without_close(store: VoteStore, store_path: Path) -> None:
    """A vote is committed on return: a fresh connection sees it at once."""
    store.vote(POLL, ["behov"])
    db = sqlite3.connect(store_path)
    try:
        assert db.execute("SELECT COUNT(*) FROM votes").fetchone()[0] == 1
    finally:
        db.close()


def test_durability_settings(store: VoteStore) -> None:
    """WAL with synchronous=FULL: a committed vote survives power loss."""
    connection = store._connection
    assert connection is not None
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert connection.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert connection.execute("PRAGMA busy_timeout").fetchone()[0] == 5000


def test_closed_store_raises(store_path: Path) -> None:
    opened = VoteStore.open(store_path)
    opened.close()
    opened.close()  # idempotent
    with pytest.raises(StoreError, match="closed"):
        opened.results(POLL)


def test_for_deck_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    monkeypatch.setenv("PODIUM_DATA_DIR", str(data))
    monkeypatch.chdir(tmp_path)
    deck = tmp_path / "Min Tale – 2012.yaml"
    deck.write_text("slides: []\n", encoding="utf-8")
    path = store_path_for_deck("Min Tale – 2012.yaml")
    assert path.parent == data / "votes"
    assert path.name.startswith("min-tale-2012-")
    assert path.suffix == ".sqlite3"
    digest = path.stem.rsplit("-", 1)[1]
    assert len(digest) == 12 and all(c in "0123456789abcdef" for c in digest)
    # Same file however it is named; another folder's slides.yaml differs.
    assert store_path_for_deck(str(deck)) == path
    assert store_path_for_deck(str(tmp_path / "a" / "slides.yaml")) != store_path_for_deck(
        str(tmp_path / "b" / "slides.yaml")
    )
    with VoteStore.for_deck(str(deck)) as opened:
        opened.vote(POLL, ["behov"])
        assert opened.path == path
    assert path.is_file()


def test_newer_schema_is_refused_untouched(store_path: Path) -> None:
    with VoteStore.open(store_path) as opened:
        opened.vote(POLL, ["behov"])
    db = sqlite3.connect(store_path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.commit()
    db.close()
    before = store_path.read_bytes()
    with pytest.raises(StoreError) as caught:
        VoteStore.open(store_path)
    message = str(caught.value)
    assert str(store_path) in message
    assert "newer" in message and f"version {SCHEMA_VERSION + 1}" in message
    assert store_path.read_bytes() == before


@pytest.mark.parametrize(
    "content",
    [
        b"title: not a database\n",
        b"SQLite format 3\x00" + bytes(range(256)) * 20,  # right header, garbage after
    ],
    ids=["text-file", "corrupt-sqlite"],
)
def test_corrupt_file_is_left_untouched(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "votes.sqlite3"
    path.write_bytes(content)
    with pytest.raises(StoreError) as caught:
        VoteStore.open(path)
    message = str(caught.value)
    assert f"{path} is not a Podium vote store" in message
    assert "not an SQLite database" in message
    assert "left untouched" in message
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["votes.sqlite3"]


def test_other_programs_database_is_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE customers (name TEXT)")
    db.commit()
    db.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="is not a Podium vote store"):
        VoteStore.open(path)
    assert path.read_bytes() == before


def _as_unprivileged(action: Callable[[], str]) -> str:
    """Run ``action`` and return its result, dropping root rights first if needed.

    Root ignores file permissions, so a permission test run as root forks a
    child that switches to the ``nobody`` user before acting.
    """
    if os.geteuid() != 0:
        return action()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        os.close(read_end)
        try:
            os.setgid(65534)
            os.setuid(65534)
            result = action()
        except BaseException as error:
            result = f"UNEXPECTED {type(error).__name__}: {error}"
        with os.fdopen(write_end, "w", encoding="utf-8") as pipe:
            pipe.write(result)
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, encoding="utf-8") as pipe:
        result = pipe.read()
    os.waitpid(pid, 0)
    return result


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A temporary folder that an unprivileged user can enter."""
    folder = Path(tempfile.mkdtemp(prefix="podium-store-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        for path in [folder, *folder.rglob("*")]:
            if path.is_dir():
                path.chmod(0o755)
        shutil.rmtree(folder)


def _open_error(path: Path) -> Callable[[], str]:
    def action() -> str:
        try:
            VoteStore.open(path).close()
        except StoreError as error:
            return str(error)
        return "opened"

    return action


def test_read_only_folder_message(shared_dir: Path) -> None:
    folder = shared_dir / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    path = folder / "votes.sqlite3"
    message = _as_unprivileged(_open_error(path))
    assert str(path) in message
    assert "read-only" in message
    assert "PODIUM_DATA_DIR" in message
    assert not path.exists()


def test_read_only_file_message(shared_dir: Path) -> None:
    folder = shared_dir / "rw"
    folder.mkdir()
    folder.chmod(0o777)
    path = folder / "votes.sqlite3"
    with VoteStore.open(path) as opened:
        opened.vote(POLL, ["behov"])
    path.chmod(0o444)
    if os.geteuid() == 0:  # the unprivileged user's own read-only file
        os.chown(path, 65534, 65534)
    before = path.read_bytes()
    message = _as_unprivileged(_open_error(path))
    assert str(path) in message
    assert "read-only" in message
    assert path.read_bytes() == before


def test_locked_database_message(store_path: Path) -> None:
    with VoteStore.open(store_path, busy_timeout=0.2) as opened:
        blocker = sqlite3.connect(store_path, isolation_level=None)
        try:
            blocker.execute("BEGIN EXCLUSIVE")
            with pytest.raises(StoreError) as caught:
                opened.vote(POLL, ["behov"])
            assert str(store_path) in str(caught.value)
            assert "locked" in str(caught.value)
            blocker.execute("ROLLBACK")
        finally:
            blocker.close()
        opened.vote(POLL, ["behov"])  # works again once the lock is gone
        assert opened.results(POLL).voters == 1


def test_data_version_changes_after_other_connection_writes(store_path: Path) -> None:
    with VoteStore.open(store_path) as presenter, VoteStore.open(store_path) as audience:
        first = presenter.data_version()
        assert presenter.data_version() == first  # stable while nothing changes
        audience.vote(POLL, ["behov"], "alice")
        second = presenter.data_version()
        assert second != first
        assert presenter.results(POLL).counts[0] == 1
        audience.vote(POLL, ["bruker"], "bob")
        assert presenter.data_version() != second
