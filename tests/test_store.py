"""Unit tests for the SQLite vote store (no Textual)."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import sqlite3
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tui.polls import SCHEMA_VERSION, StoreError, VoteStore
from tui.polls.store import store_path_for_deck

OPTIONS = ("Behov", "Bruker", "Teknologi")


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
        assert {"votes", "poll_state"} <= tables
    finally:
        db.close()


def test_cast_and_totals(store: VoteStore) -> None:
    store.cast("driver", "Behov", voter="alice")
    store.cast("driver", "Bruker", voter="bob")
    store.cast("driver", "Behov", voter="carol")
    assert store.totals("driver", OPTIONS) == {"Behov": 2, "Bruker": 1, "Teknologi": 0}
    assert list(store.totals("driver", OPTIONS)) == list(OPTIONS)
    assert store.voter_count("driver") == 3
    # Polls are kept apart.
    assert store.totals("other", OPTIONS) == {"Behov": 0, "Bruker": 0, "Teknologi": 0}
    assert store.voter_count("other") == 0


def test_same_voter_replaces_their_vote(store: VoteStore) -> None:
    store.cast("driver", "Behov", voter="alice")
    store.cast("driver", "Teknologi", voter="alice")
    assert store.totals("driver", OPTIONS) == {"Behov": 0, "Bruker": 0, "Teknologi": 1}
    assert store.voter_count("driver") == 1
    # The same voter may vote in another poll too.
    store.cast("other", "Behov", voter="alice")
    assert store.voter_count("driver") == 1
    assert store.voter_count("other") == 1


def test_anonymous_votes_count_separately(store: VoteStore) -> None:
    for _ in range(3):
        store.cast("driver", "Bruker")
    store.cast("driver", "Bruker", voter="alice")
    assert store.totals("driver", OPTIONS)["Bruker"] == 4
    assert store.voter_count("driver") == 4


def test_undo_last_removes_newest_hand_vote_only(store: VoteStore) -> None:
    store.cast("driver", "Behov")
    store.cast("driver", "Bruker", voter="alice")
    store.cast("driver", "Teknologi")
    assert store.undo_last("driver") is True
    assert store.totals("driver", OPTIONS) == {"Behov": 1, "Bruker": 1, "Teknologi": 0}
    assert store.undo_last("driver") is True
    assert store.totals("driver", OPTIONS) == {"Behov": 0, "Bruker": 1, "Teknologi": 0}
    # Audience votes are never undone by the presenter's undo.
    assert store.undo_last("driver") is False
    assert store.totals("driver", OPTIONS) == {"Behov": 0, "Bruker": 1, "Teknologi": 0}


def test_reset_deletes_one_poll(store: VoteStore) -> None:
    store.cast("driver", "Behov")
    store.cast("driver", "Bruker", voter="alice")
    store.cast("other", "Behov")
    assert store.reset("driver") == 2
    assert store.voter_count("driver") == 0
    assert store.voter_count("other") == 1
    assert store.reset("driver") == 0


def test_orphaned_options(store: VoteStore) -> None:
    store.cast("driver", "Behov", voter="a")
    store.cast("driver", "Samskapning", voter="b")  # option renamed in the deck later
    store.cast("driver", "Samskapning", voter="c")
    assert store.totals("driver", OPTIONS) == {"Behov": 1, "Bruker": 0, "Teknologi": 0}
    assert store.orphaned("driver", OPTIONS) == {"Samskapning": 2}
    assert store.orphaned("driver", [*OPTIONS, "Samskapning"]) == {}
    assert store.voter_count("driver") == 3


def test_poll_state(store: VoteStore) -> None:
    assert store.is_closed("driver") is False
    store.set_closed("driver", True)
    assert store.is_closed("driver") is True
    store.set_closed("driver", False)
    assert store.is_closed("driver") is False


def test_empty_arguments_are_refused(store: VoteStore) -> None:
    with pytest.raises(ValueError):
        store.cast("", "Behov")
    with pytest.raises(ValueError):
        store.cast("driver", "")
    with pytest.raises(ValueError):
        store.cast("driver", "Behov", voter="")


def test_votes_persist_across_close_and_reopen(store_path: Path) -> None:
    with VoteStore.open(store_path) as first:
        first.cast("driver", "Behov", voter="alice")
        first.cast("driver", "Bruker")
    with VoteStore.open(store_path) as second:
        assert second.totals("driver", OPTIONS) == {"Behov": 1, "Bruker": 1, "Teknologi": 0}
        second.cast("driver", "Bruker", voter="alice")
        assert second.totals("driver", OPTIONS) == {"Behov": 0, "Bruker": 2, "Teknologi": 0}


def test_write_is_visible_without_close(store: VoteStore, store_path: Path) -> None:
    """A cast is committed on return: a fresh connection sees it at once."""
    store.cast("driver", "Behov")
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
        opened.totals("driver", OPTIONS)


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
        opened.cast("driver", "Behov")
        assert opened.path == path
    assert path.is_file()


def test_newer_schema_is_refused_untouched(store_path: Path) -> None:
    with VoteStore.open(store_path) as opened:
        opened.cast("driver", "Behov")
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
        except BaseException as error:  # noqa: BLE001 - report anything to the parent
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
        opened.cast("driver", "Behov")
    path.chmod(0o444)
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
                opened.cast("driver", "Behov")
            assert str(store_path) in str(caught.value)
            assert "locked" in str(caught.value)
            blocker.execute("ROLLBACK")
        finally:
            blocker.close()
        opened.cast("driver", "Behov")  # works again once the lock is gone
        assert opened.voter_count("driver") == 1


def test_data_version_changes_after_other_connection_writes(store_path: Path) -> None:
    with VoteStore.open(store_path) as presenter, VoteStore.open(store_path) as audience:
        first = presenter.data_version()
        assert presenter.data_version() == first  # stable while nothing changes
        audience.cast("driver", "Behov", voter="alice")
        second = presenter.data_version()
        assert second != first
        assert presenter.totals("driver", OPTIONS)["Behov"] == 1
        audience.cast("driver", "Bruker", voter="bob")
        assert presenter.data_version() != second


VOTES_PER_PROCESS = 5
PROCESSES = 20


def _expected_vote(process: int, index: int) -> tuple[str, str | None]:
    """Option and voter of one vote in the multiprocess test.

    Even processes cast named votes (the last one re-votes, replacing its
    first vote); odd processes key in anonymous hand votes.
    """
    option = OPTIONS[(process + index) % len(OPTIONS)]
    if process % 2:
        return option, None
    voter = f"p{process}-v{index % (VOTES_PER_PROCESS - 1)}"
    return option, voter


def _vote_worker(path: str, process: int) -> None:
    with VoteStore.open(Path(path)) as opened:
        for index in range(VOTES_PER_PROCESS):
            option, voter = _expected_vote(process, index)
            opened.cast("driver", option, voter=voter)


def test_many_processes_voting_at_once(store_path: Path) -> None:
    expected: Counter[str] = Counter()
    for process in range(PROCESSES):
        latest: dict[str, str] = {}
        for index in range(VOTES_PER_PROCESS):
            option, voter = _expected_vote(process, index)
            if voter is None:
                expected[option] += 1
            else:
                latest[voter] = option
        expected.update(latest.values())

    # Fork starts all workers within milliseconds, so they also race to
    # create the schema of the new store file.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    workers = [
        context.Process(target=_vote_worker, args=(str(store_path), process))
        for process in range(PROCESSES)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0

    with VoteStore.open(store_path) as opened:
        totals = opened.totals("driver", OPTIONS)
        assert totals == {option: expected[option] for option in OPTIONS}
        assert opened.voter_count("driver") == sum(expected.values())
        assert sum(totals.values()) == PROCESSES // 2 * VOTES_PER_PROCESS + PROCESSES // 2 * (
            VOTES_PER_PROCESS - 1
        )

