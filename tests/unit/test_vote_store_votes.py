"""What votes mean in the store: one per voter, replace, undo, close/reopen,
reset with a backup, orphaned options, the stage, schema versions (no Textual)."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from tui.deck import load_deck_text
from tui.deck.model import Poll
from tui.polls import SCHEMA_VERSION, Status, StoreError, VoteRefused, VoteStore
from tui.polls.session import PollSession

POLL = Poll(id="driver", question="Driver?", options=("Behov", "Bruker", "Teknologi"))
MULTI = Poll(id="many", question="Which?", options=("A", "B", "C"), multiple=True)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[VoteStore]:
    with VoteStore.open(tmp_path / "votes.sqlite3") as opened:
        yield opened


def test_ids_are_derived_from_text_and_stable() -> None:
    assert POLL.ids == ("behov", "bruker", "teknologi")
    deck = load_deck_text(
        "slides:\n  - title: Q\n    poll:\n      id: q\n      options:\n"
        "        - Åpen innovasjon\n        - {id: open, text: Open}\n        - C++\n        - C#\n"
    )
    poll = deck.polls[0]
    assert poll.ids[:2] == ("apen-innovasjon", "open")
    # "C++" and "C#" share the slug "c": both get a stable hashed suffix.
    assert (
        poll.ids[2].startswith("c-") and poll.ids[3].startswith("c-") and poll.ids[2] != poll.ids[3]
    )
    again = load_deck_text(
        "slides:\n  - title: Q\n    poll:\n      id: q\n      options: [C++, C#, x]\n"
    ).polls[0]
    assert again.ids[:2] == poll.ids[2:]


def test_one_vote_per_voter_and_a_new_vote_replaces(store: VoteStore) -> None:
    store.vote(POLL, ["behov"], "alice")
    store.vote(POLL, ["bruker"], "bob")
    store.vote(POLL, ["behov"], "carol")
    assert store.results(POLL).counts == (2, 1, 0)
    store.vote(POLL, ["teknologi"], "alice")
    results = store.results(POLL)
    assert results.counts == (1, 1, 1)
    assert results.voters == 3
    assert store.ballot("driver", "alice").option_ids == ("teknologi",)  # type: ignore[union-attr]
    assert store.ballot("driver", "nobody") is None
    # The same voter votes in another poll independently.
    store.vote(MULTI, ["a"], "alice")
    assert store.results(POLL).voters == 3


def test_hand_votes_count_separately_and_undo_takes_the_newest(store: VoteStore) -> None:
    store.vote(POLL, ["behov"])
    store.vote(POLL, ["bruker"], "alice")
    store.vote(POLL, ["teknologi"])
    store.vote(POLL, ["teknologi"])
    assert store.results(POLL).counts == (1, 1, 2)
    assert store.undo_last("driver") is True
    assert store.results(POLL).counts == (1, 1, 1)
    assert store.undo_last("driver") and store.undo_last("driver")
    # Audience votes are never undone by the presenter's undo.
    assert store.undo_last("driver") is False
    assert store.results(POLL).counts == (0, 1, 0)


def test_multiple_choice(store: VoteStore) -> None:
    store.vote(MULTI, ["a", "c"], "alice")
    store.vote(MULTI, ["c"], "bob")
    results = store.results(MULTI)
    assert results.counts == (1, 0, 2) and results.voters == 2
    assert results.share(2) == 1.0  # of voters: shares may add up past 100 %
    store.vote(MULTI, ["b"], "alice")  # replaces both of alice's choices
    assert store.results(MULTI).counts == (0, 1, 1)
    with pytest.raises(ValueError, match="takes one option"):
        store.vote(POLL, ["behov", "bruker"], "alice")
    with pytest.raises(ValueError, match="no option"):
        store.vote(POLL, ["nope"], "alice")
    with pytest.raises(ValueError):
        store.vote(POLL, [], "alice")
    with pytest.raises(ValueError):
        store.vote(POLL, ["behov"], " ")


def test_close_and_reopen(store: VoteStore) -> None:
    store.vote(POLL, ["behov"], "alice")
    store.set_closed("driver", True)
    assert store.is_closed("driver") and store.results(POLL).closed
    with pytest.raises(VoteRefused, match="closed"):
        store.vote(POLL, ["bruker"], "alice")
    with pytest.raises(VoteRefused, match="closed"):
        store.vote(POLL, ["bruker"])
    assert store.results(POLL).counts == (1, 0, 0)
    store.set_closed("driver", False)
    store.vote(POLL, ["bruker"], "alice")
    assert store.results(POLL).counts == (0, 1, 0)


def test_reset_keeps_a_backup_that_restore_brings_back(store: VoteStore) -> None:
    store.vote(POLL, ["behov"], "alice")
    store.vote(POLL, ["bruker"], "bob")
    store.vote(POLL, ["bruker"])
    store.vote(MULTI, ["a"], "alice")
    assert store.last_reset("driver") is None
    assert store.reset("driver") == 3
    assert store.results(POLL).voters == 0
    assert store.results(MULTI).voters == 1  # other polls untouched
    voters, _cleared_at = store.last_reset("driver")  # type: ignore[misc]
    assert voters == 3
    cleared = [record for record in store.records(POLL) if record.status is Status.CLEARED]
    assert sorted(record.label for record in cleared) == ["Behov", "Bruker", "Bruker"]
    assert all(record.cleared_at for record in cleared)
    # Bob votes again after the reset: his new vote wins over the backup.
    store.vote(POLL, ["teknologi"], "bob")
    assert store.restore("driver") == 2
    assert store.results(POLL).counts == (1, 1, 1)
    assert store.last_reset("driver") is None
    assert store.restore("driver") == 0
    assert store.reset("nothing-here") == 0


def test_orphaned_votes_are_reported_never_counted(store: VoteStore) -> None:
    old = Poll(id="driver", question="Driver?", options=("Behov", "Samskapning", "Teknologi"))
    store.vote(old, ["behov"], "a")
    store.vote(old, ["samskapning"], "b")
    store.vote(old, ["samskapning"], "c")
    store.vote(old, ["teknologi"], "d")
    # The deck renames "Samskapning" and reorders: votes stay with their options.
    new = Poll(id="driver", question="Driver?", options=("Teknologi", "Samskaping", "Behov"))
    results = store.results(new)
    assert results.counts == (1, 0, 1)
    assert results.voters == 2
    assert [(orphan.label, orphan.votes) for orphan in results.orphaned] == [("Samskapning", 2)]
    statuses = {record.voter: record.status for record in store.records(new)}
    assert statuses == {
        "a": Status.COUNTED,
        "b": Status.ORPHANED,
        "c": Status.ORPHANED,
        "d": Status.COUNTED,
    }
    # An explicit id keeps votes when only the text changes.
    renamed = Poll(
        id="driver",
        question="Driver?",
        options=("Behov", "Samskaping", "Teknologi"),
        option_ids=("behov", "samskapning", "teknologi"),
    )
    assert store.results(renamed).counts == (1, 2, 1)


def test_audience_votes_need_the_poll_on_screen(store: VoteStore) -> None:
    with pytest.raises(VoteRefused, match="no longer on the presenter's screen"):
        store.vote(POLL, ["behov"], "alice", audience=True)
    presenter = (12345, "host")
    store.publish(POLL, presenter=presenter)
    store.vote(POLL, ["behov"], "alice", audience=True)
    store.publish(MULTI, presenter=presenter)
    with pytest.raises(VoteRefused, match="no longer on the presenter's screen"):
        store.vote(POLL, ["bruker"], "alice", audience=True)
    # The deck changed while a voter looked at the old options.
    changed = Poll(id="many", question="Which?", options=("A", "B"), multiple=True)
    store.publish(changed, presenter=presenter)
    with pytest.raises(VoteRefused, match="has changed"):
        store.vote(MULTI, ["c"], "alice", audience=True)
    store.end_presentation(presenter)
    with pytest.raises(VoteRefused):
        store.vote(changed, ["a"], "alice", audience=True)
    assert store.results(POLL).counts == (1, 0, 0)


def test_stage_follows_the_presenter(store: VoteStore) -> None:
    assert store.stage().poll is None and store.stage().presenter_pid is None
    store.publish(POLL, revealed=True, presenter=(1, "h"))
    stage = store.stage()
    assert stage.poll == POLL and stage.revealed and stage.presenter_pid == 1 and not stage.closed
    store.set_closed("driver", True)
    assert store.stage().closed
    store.publish(None, revealed=True, presenter=(1, "h"))
    assert store.stage().poll is None and not store.stage().revealed
    # Another presenter's end leaves this stage alone.
    store.end_presentation((2, "h"))
    assert store.stage().presenter_pid == 1
    store.end_presentation((1, "h"))
    assert store.stage().presenter_pid is None
    assert [poll.id for poll in store.known_polls()] == ["driver"]


def test_session_publishes_only_changes_and_notices_other_writers(tmp_path: Path) -> None:
    path = tmp_path / "votes.sqlite3"
    with VoteStore.open(path) as presenter, VoteStore.open(path) as audience:
        session = PollSession(presenter, how_to_vote="podium vote", presenter=(7, "h"))
        assert session.show(POLL, False) is True
        assert session.show(POLL, False) is False
        assert session.show(POLL, True) is True
        assert session.changed() is True  # the first look
        assert session.changed() is False
        audience.vote(POLL, ["behov"], "alice", audience=True)
        assert session.changed() is True
        results = session.results(POLL)
        assert results.counts == (1, 0, 0) and results.how_to_vote == "podium vote"
        session.count_hand(POLL, 2)
        assert session.changed() is False  # its own writes are not news
        session.set_closed(POLL, True)
        assert session.is_closed(POLL)
        session.end()
        assert audience.stage().presenter_pid is None


def _make_v1_store(path: Path) -> None:
    """A store as Podium's schema 1 wrote it (votes keyed by option text)."""
    db = sqlite3.connect(path)
    db.executescript(
        """
        CREATE TABLE votes (id INTEGER PRIMARY KEY, poll_id TEXT NOT NULL, option TEXT NOT NULL,
            voter TEXT NOT NULL, cast_at REAL NOT NULL, UNIQUE (poll_id, voter));
        CREATE TABLE poll_state (poll_id TEXT PRIMARY KEY, closed INTEGER NOT NULL DEFAULT 0);
        PRAGMA application_id = 1349477481;
        PRAGMA user_version = 1;
        PRAGMA journal_mode = WAL;
        """
    )
    db.executemany(
        "INSERT INTO votes (poll_id, option, voter, cast_at) VALUES (?, ?, ?, ?)",
        [
            ("driver", "Behov", "alice", 1.0),
            ("driver", "Bruker", "hand:1", 2.0),
            ("driver", "Samskapning", "bob", 3.0),
        ],
    )
    db.execute("INSERT INTO poll_state VALUES ('driver', 1)")
    db.commit()
    db.close()


def test_schema_1_store_is_upgraded_keeping_every_vote(tmp_path: Path) -> None:
    path = tmp_path / "votes.sqlite3"
    _make_v1_store(path)
    with VoteStore.open(path) as store:
        results = store.results(POLL)
        assert results.counts == (1, 1, 0)
        assert results.closed
        assert [(orphan.label, orphan.votes) for orphan in results.orphaned] == [("Samskapning", 1)]
        store.set_closed("driver", False)
        store.vote(POLL, ["teknologi"], "alice")  # replaces alice's schema-1 vote
        assert store.results(POLL).counts == (0, 1, 1)
        assert store.undo_last("driver")  # the schema-1 hand vote
        assert store.results(POLL).counts == (0, 0, 1)
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 2
    db.close()
    backups = list(tmp_path.glob("votes.sqlite3.schema1-backup-*"))
    assert len(backups) == 1
    assert backups[0].stat().st_mode & 0o777 == 0o600  # as private as the store
    db = sqlite3.connect(backups[0])
    assert db.execute("SELECT COUNT(*) FROM votes").fetchone()[0] == 3
    assert db.execute("PRAGMA user_version").fetchone()[0] == 1
    db.close()
    # podium results reads only: it asks for the upgrade instead of making it.
    fresh = tmp_path / "fresh" / "votes.sqlite3"
    fresh.parent.mkdir()
    _make_v1_store(fresh)
    before = fresh.read_bytes()
    with pytest.raises(StoreError, match="older Podium .schema version 1.; present from it once"):
        VoteStore.open(fresh, read_only=True)
    assert fresh.read_bytes() == before
    assert sorted(p.name for p in fresh.parent.iterdir()) == ["votes.sqlite3"]
    # Opening again is a no-op: no second backup.
    VoteStore.open(path).close()
    assert len(list(tmp_path.glob("votes.sqlite3.schema1-backup-*"))) == 1


def test_newer_schema_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "votes.sqlite3"
    with VoteStore.open(path) as store:
        store.vote(POLL, ["behov"], "alice")
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 3")
    db.commit()
    db.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="newer Podium .schema version 3"):
        VoteStore.open(path)
    assert path.read_bytes() == before


def test_missing_store_is_not_created_when_asked_not_to(tmp_path: Path) -> None:
    path = tmp_path / "nope.sqlite3"
    with pytest.raises(StoreError, match="no vote store"):
        VoteStore.open(path, create=False)
    assert not path.exists()


def test_store_is_private_even_in_a_group_folder(tmp_path: Path) -> None:
    """A group-writable (setgid) folder no longer makes the store group-writable."""
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o2775)
    old_umask = os.umask(0)
    try:
        with VoteStore.open(folder / "votes.sqlite3") as store:
            store.vote(POLL, ["behov"], "alice")
            modes = {
                suffix: (folder / f"votes.sqlite3{suffix}").stat().st_mode & 0o777
                for suffix in ("", "-wal", "-shm")
            }
        with VoteStore.open(folder / "group.sqlite3", shared=True) as store:
            store.vote(POLL, ["behov"], "alice")
            shared = (folder / "group.sqlite3").stat().st_mode & 0o777
            shared_wal = (folder / "group.sqlite3-wal").stat().st_mode & 0o777
    finally:
        os.umask(old_umask)
    assert modes == {"": 0o600, "-wal": 0o600, "-shm": 0o600}
    assert (shared, shared_wal) == (0o660, 0o660)


def test_in_memory_store_works_like_a_file(tmp_path: Path) -> None:
    with VoteStore.in_memory() as store:
        store.vote(POLL, ["behov"])
        assert store.results(POLL).counts == (1, 0, 0)
    assert list(tmp_path.iterdir()) == []


def test_the_polls_package_loads_no_ui_libraries() -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "import tui.polls, tui.polls.session, tui.polls.export, tui.polls.announce\n"
        "leaked = sorted(name for name in sys.modules if name.split('.')[0] in ('textual', 'rich'))\n"
        "assert not leaked, leaked\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.skipif(os.geteuid() != 0, reason="switching users needs root")
def test_another_unix_user_can_vote_in_a_shared_store() -> None:
    """The presenter (root here) shares the store with the group nogroup; nobody votes."""
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="podium-workshop-"))  # reachable by nobody
    os.chown(folder, -1, 65534)
    folder.chmod(0o2770)
    try:
        path = folder / "votes.sqlite3"
        with VoteStore.open(path, shared=True) as presenter:
            presenter.publish(POLL, presenter=(os.getpid(), "here"))
            assert _vote_as_nobody(path) == "ok"
            assert presenter.results(POLL).counts == (0, 1, 0)
            # SQLite's side files take the store's permissions: the group only.
            for suffix in ("", "-wal", "-shm"):
                info = (folder / f"votes.sqlite3{suffix}").stat()
                assert (info.st_mode & 0o777, info.st_gid) == (0o660, 65534), suffix
    finally:
        shutil.rmtree(folder)


@pytest.mark.skipif(os.geteuid() != 0, reason="switching users needs root")
def test_another_unix_user_cannot_vote_in_a_private_store() -> None:
    """Even in a folder everyone may write, a private store is closed to others."""
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="podium-private-"))
    folder.chmod(0o1777)  # like /tmp
    try:
        path = folder / "votes.sqlite3"
        with VoteStore.open(path) as presenter:
            presenter.publish(POLL, presenter=(os.getpid(), "here"))
            outcome = _vote_as_nobody(path)
            assert "belongs to root" in outcome and "--shared-store" in outcome, outcome
            assert presenter.results(POLL).voters == 0
            for suffix in ("", "-wal", "-shm"):
                assert (folder / f"votes.sqlite3{suffix}").stat().st_mode & 0o777 == 0o600
    finally:
        shutil.rmtree(folder)


def _vote_as_nobody(path: Path) -> str:
    """Vote in ``path`` as the user nobody (group nogroup); "ok" or the error."""
    read_end, write_end = os.pipe()
    child = os.fork()
    if child == 0:  # the other user
        os.close(read_end)
        outcome = "ok"
        try:
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)
            with VoteStore.open(path, create=False) as guest:
                guest.vote(POLL, ["bruker"], "nobody@pts/1", audience=True)
        except BaseException as error:
            outcome = f"{type(error).__name__}: {error}"
        os.write(write_end, outcome.encode())
        os._exit(0)
    os.close(write_end)
    outcome = os.read(read_end, 4096).decode()
    os.close(read_end)
    os.waitpid(child, 0)
    return outcome


def test_equal_counts_show_equal_percentages() -> None:
    from tui.deck.model import Poll
    from tui.polls.model import PollResults

    poll = Poll(id="p", question="q", options=tuple("abcdefg"))
    results = PollResults(poll, (3, 1, 2, 1, 1, 1, 4), voters=13)
    shown = results.percentages()
    # One vote is 7.69 %: 8 % for every option with one vote (the sum is 101).
    assert shown == (23, 8, 15, 8, 8, 8, 31)
    assert PollResults.empty(poll).percentages() == (0,) * 7


def test_a_second_presenter_of_the_deck_leaves_the_stage_to_the_first(store: VoteStore) -> None:
    """Two Podiums on one deck: voters follow the one that set the stage while it runs."""
    import socket
    import subprocess

    host = socket.gethostname()
    first = subprocess.Popen(["sleep", "60"])  # a running process, as the first presenter
    try:
        assert store.publish(POLL, presenter=(first.pid, host))
        second = PollSession(store, presenter=(os.getpid(), host))
        assert not second.show(None, revealed=False)  # on its first slide: not told to voters
        stage = store.stage()
        assert stage.poll == POLL and stage.presenter_pid == first.pid
        second.end()  # quitting leaves the first presenter's stage alone
        assert store.stage().poll == POLL
    finally:
        first.kill()
        first.wait()
    # The first has stopped without clearing the stage (killed): the next change takes it.
    assert second.show(None, revealed=False)
    assert store.stage().presenter_pid == os.getpid() and store.stage().poll is None
