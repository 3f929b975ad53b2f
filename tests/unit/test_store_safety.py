"""Stores on a host shared with other users: who may write them, damaged
stores left untouched, ``podium results`` reading only, and two talks given
at once by one user."""

from __future__ import annotations

import os
import shutil
import socket
import sqlite3
import stat
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import DATA
from tmux_session import PODIUM, TmuxSession, needs_podium, needs_tmux, new_session

from tui.deck import load_deck
from tui.deck.model import Poll
from tui.polls import StoreError, VoteStore, announce, talks
from tui.polls.schema import APPLICATION_ID

POLL = Poll(id="driver", question="Driver?", options=("Behov", "Bruker", "Teknologi"))
TWO_POLLS = DATA / "two_polls.yaml"
SIDE_FILES = ("-wal", "-shm", "-journal")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def no_umask() -> Iterator[None]:
    """Umask 0: whatever protection there is comes from Podium, not the umask."""
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


@pytest.fixture
def open_dir() -> Iterator[Path]:
    """A folder under /tmp that the user nobody can reach."""
    folder = Path(tempfile.mkdtemp(prefix="podium-safety-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        for path in [folder, *folder.rglob("*")]:
            if path.is_dir() and not path.is_symlink():
                path.chmod(0o755)
        shutil.rmtree(folder)


# -- who may write a store -----------------------------------------------------------


def test_a_store_in_a_sticky_world_writable_folder_is_private(tmp_path: Path, no_umask) -> None:
    folder = tmp_path / "tmp-like"
    folder.mkdir()
    folder.chmod(0o1777)
    path = folder / "votes.sqlite3"
    with VoteStore.open(path) as store:
        store.vote(POLL, ["behov"], "alice")
        assert store.notes == ()
        assert {suffix: mode(Path(f"{path}{suffix}")) for suffix in ("", "-wal", "-shm")} == {
            "": 0o600,
            "-wal": 0o600,
            "-shm": 0o600,
        }


def test_new_folders_are_private_whatever_the_umask(tmp_path: Path, no_umask) -> None:
    path = tmp_path / "data" / "votes" / "deck.sqlite3"
    VoteStore.open(path).close()
    assert mode(tmp_path / "data") == 0o700
    assert mode(tmp_path / "data" / "votes") == 0o700
    assert mode(path) == 0o600


def test_shared_store_is_group_writable_only(tmp_path: Path, no_umask) -> None:
    folder = tmp_path / "workshop"
    folder.mkdir()
    folder.chmod(0o2770)
    path = folder / "votes.sqlite3"
    with VoteStore.open(path, shared=True) as store:
        store.vote(POLL, ["behov"], "alice")
        assert {mode(Path(f"{path}{suffix}")) for suffix in ("", "-wal", "-shm")} == {0o660}
    # Presented again without --shared-store: private again, and the presenter is told.
    with VoteStore.open(path) as store:
        assert mode(path) == 0o600
        assert store.notes and "--shared-store" in store.notes[0]


def test_shared_store_in_a_new_folder(tmp_path: Path, no_umask) -> None:
    path = tmp_path / "new" / "votes.sqlite3"
    VoteStore.open(path, shared=True).close()
    assert mode(path.parent) == 0o2770
    assert mode(path) == 0o660


@pytest.mark.parametrize("folder_mode", [0o1777, 0o777, 0o2777, 0o1770])
def test_shared_store_refused_where_everyone_may_write(tmp_path: Path, folder_mode: int) -> None:
    folder = tmp_path / "open"
    folder.mkdir()
    folder.chmod(folder_mode)
    path = folder / "votes.sqlite3"
    with pytest.raises(StoreError, match="every user may write its folder") as caught:
        VoteStore.open(path, shared=True)
    assert "install -d -m 2770" in str(caught.value)
    assert not path.exists()


def test_own_world_writable_store_is_made_private(tmp_path: Path) -> None:
    path = tmp_path / "votes.sqlite3"
    with VoteStore.open(path) as store:
        store.vote(POLL, ["behov"], "alice")
    path.chmod(0o666)
    Path(f"{path}-wal").touch()
    Path(f"{path}-wal").chmod(0o666)
    with VoteStore.open(path) as store:
        assert mode(path) == 0o600
        assert mode(Path(f"{path}-wal")) == 0o600
        assert "other users could write the vote store" in store.notes[0]
        assert "0666" in store.notes[0]
        assert store.results(POLL).counts == (1, 0, 0)


def test_read_only_store_is_not_made_writable(tmp_path: Path) -> None:
    path = tmp_path / "votes.sqlite3"
    VoteStore.open(path).close()
    path.chmod(0o444)
    VoteStore.open(path).close()  # root may still write it
    assert mode(path) == 0o400


def test_private_store_in_a_folder_anyone_may_write_is_noted(tmp_path: Path) -> None:
    folder = tmp_path / "open"
    folder.mkdir()
    folder.chmod(0o777)
    with VoteStore.open(folder / "votes.sqlite3") as store:
        assert any("anyone could replace" in note for note in store.notes)
    assert mode(folder / "votes.sqlite3") == 0o600


@pytest.mark.skipif(os.geteuid() != 0, reason="files of another user need root")
def test_side_file_planted_by_another_user_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "votes.sqlite3"
    VoteStore.open(path).close()
    planted = Path(f"{path}-wal")
    planted.write_bytes(b"")
    os.chown(planted, 65534, 65534)
    with pytest.raises(StoreError, match="was made by nobody"):
        VoteStore.open(path)
    planted.chmod(0o666)
    with pytest.raises(StoreError, match="every user may write"):
        VoteStore.open(path)


@pytest.mark.skipif(os.geteuid() != 0, reason="files of another user need root")
def test_another_users_world_writable_store_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "votes.sqlite3"
    VoteStore.open(path).close()
    os.chown(path, 65534, 65534)
    path.chmod(0o666)
    with pytest.raises(StoreError, match="Ask nobody to run chmod o-w"):
        VoteStore.open(path)
    assert mode(path) == 0o666  # someone else's file: not changed


def test_rehearsal_store_is_private(tmp_path: Path, no_umask) -> None:
    from tui.rehearsal.store import RehearsalStore, SlideInfo

    path = tmp_path / "data" / "rehearsals.sqlite3"
    store = RehearsalStore.open(path)
    store.begin("deck.yaml", "Deck", time.time(), None, [SlideInfo(1, "One", 0, None)])
    assert mode(path.parent) == 0o700
    assert {mode(Path(f"{path}{suffix}")) for suffix in ("", "-wal", "-shm")} == {0o600}
    store.close()
    path.chmod(0o666)
    RehearsalStore.open(path).close()
    assert mode(path) == 0o600


def test_audience_state_and_announcement_files_are_private(
    private_data_dir: Path, tmp_path: Path, no_umask
) -> None:
    from tui.audience.publish import Publisher

    deck = load_deck(TWO_POLLS)
    publisher = Publisher(TWO_POLLS)
    assert publisher.open(), publisher.problem
    try:
        assert publisher.publish(0, 0)
        assert mode(private_data_dir) == 0o700
        assert mode(publisher.state_file.parent) == 0o700
        assert mode(publisher.state_file) == 0o600
        assert mode(publisher.lock_file) == 0o600
    finally:
        publisher.close()
    announce.announce(tmp_path / "votes.sqlite3", deck)
    try:
        (announcement,) = (private_data_dir / "votes" / "presenters").glob("*.json")
        assert mode(announcement.parent) == 0o700
        assert mode(announcement) == 0o600
    finally:
        announce.withdraw()
    assert not announcement.exists()


# -- damaged stores are never written ---------------------------------------------


def _valid_store(path: Path) -> None:
    with VoteStore.open(path) as store:
        for number in range(300):
            store.vote(POLL, ["behov"], f"voter{number}-" + "x" * 55)  # names at the length limit
        store.publish(POLL, presenter=(os.getpid(), socket.gethostname()))


def _damage(kind: str, path: Path) -> None:
    """Write a damaged or foreign store of ``kind`` at ``path``."""
    if kind in ("random-after-header", "truncated", "random-pages"):
        scratch = path.with_name("scratch.sqlite3")
        _valid_store(scratch)
        data = scratch.read_bytes()
        if kind == "random-after-header":
            data = data[:100] + os.urandom(len(data) - 100)
        elif kind == "random-pages":  # page 1 intact, the rest noise
            data = data[:4096] + os.urandom(len(data) - 4096)
        else:
            data = data[: len(data) // 2]
        path.write_bytes(data)
        return
    db = sqlite3.connect(path)
    if kind == "foreign-wal":
        db.execute("PRAGMA journal_mode = WAL")
    if kind == "wrong-application-id":
        db.execute("PRAGMA application_id = 1234")
    if kind == "newer-schema":
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        db.execute("PRAGMA user_version = 99")
    db.execute("CREATE TABLE customers (name TEXT)")
    db.commit()
    db.close()
    if kind == "not-sqlite":
        path.write_bytes(b"name,votes\nalice,1\n" * 50)


DAMAGE = [
    "random-after-header",
    "random-pages",
    "truncated",
    "foreign",
    "foreign-wal",
    "wrong-application-id",
    "newer-schema",
    "not-sqlite",
]


def _fingerprint(path: Path) -> tuple[bytes, int, int, list[str]]:
    """The file's bytes, change time, mode, and the files beside it."""
    return (
        path.read_bytes(),
        path.stat().st_mtime_ns,
        path.stat().st_mode,
        sorted(p.name for p in path.parent.iterdir()),
    )


def _podium(*args: str, cwd: Path, data: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(PODIUM), *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "PODIUM_DATA_DIR": str(data), "TERM": "dumb"},
    )


@pytest.mark.parametrize("kind", DAMAGE)
def test_damaged_store_is_never_written(tmp_path: Path, kind: str) -> None:
    folder = tmp_path / "store"
    folder.mkdir()
    path = folder / "votes.sqlite3"
    _damage(kind, path)
    for scratch in folder.glob("scratch*"):
        scratch.unlink()
    time.sleep(0.01)
    before = _fingerprint(path)
    assert not [name for name in before[3] if name != path.name]
    for shared in (False, True):
        with pytest.raises(StoreError, match="left untouched|newer Podium"):
            VoteStore.open(path, shared=shared)
    with pytest.raises(StoreError):
        VoteStore.open(path, create=False)
    with pytest.raises(StoreError):
        VoteStore.open(path, read_only=True)
    assert _fingerprint(path) == before  # not even its permissions


@needs_podium
@pytest.mark.parametrize(
    "kind", ["random-after-header", "truncated", "foreign-wal", "newer-schema"]
)
def test_damaged_store_is_never_written_by_the_commands(tmp_path: Path, kind: str) -> None:
    folder = tmp_path / "store"
    folder.mkdir()
    path = folder / "votes.sqlite3"
    _damage(kind, path)
    for scratch in folder.glob("scratch*"):
        scratch.unlink()
    before = _fingerprint(path)
    data = tmp_path / "data"
    for args in (
        [str(TWO_POLLS), "--store", str(path)],  # the presenter refuses before starting
        ["vote", "--store", str(path), "--choice", "1"],
        ["results", "--store", str(path)],
    ):
        result = _podium(*args, cwd=tmp_path, data=data)
        assert result.returncode == 2, (args, result.stderr)
        assert str(path) in result.stderr
        assert "Traceback" not in result.stderr
    assert _fingerprint(path) == before


# -- podium results reads only -----------------------------------------------------


@needs_podium
def test_results_of_an_empty_file_leave_it_empty(tmp_path: Path) -> None:
    path = tmp_path / "votes.sqlite3"
    path.touch()
    result = _podium(
        "results", str(TWO_POLLS), "--store", str(path), cwd=tmp_path, data=tmp_path / "d"
    )
    assert result.returncode == 0, result.stderr
    assert "no votes recorded yet" in result.stdout
    assert path.stat().st_size == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["votes.sqlite3"]


@needs_podium
def test_results_never_create_the_deck_store(tmp_path: Path) -> None:
    data = tmp_path / "data"
    result = _podium("results", str(TWO_POLLS), cwd=tmp_path, data=data)
    assert result.returncode == 0, result.stderr
    assert "no votes recorded yet" in result.stdout
    assert not data.exists()


def test_vote_in_an_empty_file_does_not_set_it_up(capsys, tmp_path: Path) -> None:
    from tui.cli import main

    path = tmp_path / "votes.sqlite3"
    path.touch()
    assert main(["vote", "--store", str(path), "--choice", "1"]) == 2
    assert "no presenter has set it up" in capsys.readouterr().err
    assert path.stat().st_size == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["votes.sqlite3"]


def test_read_only_store_cannot_write(tmp_path: Path) -> None:
    path = tmp_path / "votes.sqlite3"
    _valid_store(path)
    with VoteStore.open(path, read_only=True) as store:
        assert store.read_only
        assert store.results(POLL).counts == (300, 0, 0)
        with pytest.raises(StoreError, match="read-only"):
            store.vote(POLL, ["bruker"], "mallory")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["votes.sqlite3"]


@needs_podium
def test_results_read_a_store_the_presenter_holds_open(tmp_path: Path) -> None:
    """Votes still in the -wal file (not yet in the main file) are counted."""
    path = tmp_path / "votes.sqlite3"
    deck = load_deck(TWO_POLLS)
    with VoteStore.open(path) as store:
        store.vote(deck.polls[0], ["yes"], "alice")
        store.vote(deck.polls[0], ["no"], "bob")
        assert Path(f"{path}-wal").stat().st_size > 0
        result = _podium(
            "results",
            str(TWO_POLLS),
            "--store",
            str(path),
            "--format",
            "json",
            cwd=tmp_path,
            data=tmp_path / "d",
        )
    assert result.returncode == 0, result.stderr
    assert '"voters": 2' in result.stdout


def _as_nobody(argv: list[str]) -> tuple[int, str, str]:
    """Run ``podium ARGV`` in a child that has become the user nobody.

    The console script cannot run as nobody here (the interpreter lives in
    root's home), so the child forks from the tests and calls the entry point.

    Returns:
        Exit status, standard output, standard error.
    """
    out_read, out_write = os.pipe()
    err_read, err_write = os.pipe()
    child = os.fork()
    if child == 0:
        status = 70
        try:
            sys.stdout = open(out_write, "w", encoding="utf-8")  # past pytest's capture
            sys.stderr = open(err_write, "w", encoding="utf-8")
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)
            os.environ["PODIUM_DATA_DIR"] = "/nonexistent/podium"
            from tui.cli import main

            status = main(argv)
        except BaseException as error:  # reported, not raised, in the child
            print(f"UNEXPECTED {type(error).__name__}: {error}", file=sys.stderr)
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(status)
    os.close(out_write)
    os.close(err_write)
    with os.fdopen(out_read, encoding="utf-8") as pipe:
        out = pipe.read()
    with os.fdopen(err_read, encoding="utf-8") as pipe:
        err = pipe.read()
    _, wait_status = os.waitpid(child, 0)
    return os.waitstatus_to_exitcode(wait_status), out, err


@pytest.mark.skipif(os.geteuid() != 0, reason="switching users needs root")
def test_results_of_a_store_another_user_may_only_read(open_dir: Path) -> None:
    """nobody reads root's store (0444 in a 0555 folder): nothing is written."""
    folder = open_dir / "talk"
    folder.mkdir()
    path = folder / "votes.sqlite3"
    _valid_store(path)
    path.chmod(0o444)
    folder.chmod(0o555)
    before = _fingerprint(path)
    status, out, err = _as_nobody(["results", "--store", str(path), "--format", "csv"])
    assert status == 0, err
    assert out.count("Behov") >= 300
    assert _fingerprint(path) == before


@pytest.mark.skipif(os.geteuid() != 0, reason="switching users needs root")
def test_another_user_cannot_read_or_vote_in_a_private_store(open_dir: Path) -> None:
    path = open_dir / "votes.sqlite3"
    _valid_store(path)
    status, _, err = _as_nobody(["results", "--store", str(path)])
    assert status == 2, err
    assert "Permission denied" in err and "UNEXPECTED" not in err
    status, _, err = _as_nobody(["vote", "--store", str(path), "--choice", "1", "--voter", "x"])
    assert status == 2, err
    assert "belongs to root, who has not shared it with you" in err


# -- two talks on one host -----------------------------------------------------------


PRESENTER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from tui.deck import load_deck
    from tui.polls import announce
    from tui.polls.store import VoteStore
    deck = load_deck(sys.argv[1])
    store = VoteStore.open(Path(sys.argv[2]))
    store.publish(deck.polls[0], presenter=announce.presenter_tag())
    announce.announce(store.path, deck)
    print("ready", flush=True)
    sys.stdin.read()
    announce.withdraw()
    """
)


@pytest.fixture
def two_talks(tmp_path: Path, private_data_dir: Path) -> Iterator[list[tuple[Path, Path]]]:
    """Two presenters of two decks, as the same user, each with its own store."""
    first = tmp_path / "alpha.yaml"
    first.write_text(TWO_POLLS.read_text().replace("title: Two polls", "title: Alpha talk"))
    second = tmp_path / "beta talk.yaml"
    second.write_text(TWO_POLLS.read_text().replace("title: Two polls", "title: Beta talk"))
    talks = [(first, tmp_path / "alpha.sqlite3"), (second, tmp_path / "elsewhere" / "beta.sqlite3")]
    processes = []
    for deck, store in talks:
        process = subprocess.Popen(
            [sys.executable, "-c", PRESENTER, str(deck), str(store)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PODIUM_DATA_DIR": str(private_data_dir)},
        )
        assert process.stdout.readline().strip() == "ready"
        processes.append(process)
    try:
        yield talks
    finally:
        for process in processes:
            process.kill()
            process.wait()


def test_two_talks_are_both_found(two_talks) -> None:
    running = talks.live_presentations()
    assert [talk.title for talk in running] == ["Alpha talk", "Beta talk"]
    assert [talk.store for talk in running] == [store.resolve() for _, store in two_talks]
    assert talks.live_store() is None  # no guessing between them


def test_vote_choice_with_two_talks_refuses_and_names_them(capsys, two_talks) -> None:
    from tui.cli import main

    assert main(["vote", "--choice", "1"]) == 2
    err = capsys.readouterr().err
    assert "2 talks are being presented now" in err
    assert "Alpha talk" in err and f"podium vote {two_talks[0][0]}" in err
    assert f"podium vote '{two_talks[1][0]}'" in err
    for _, store in two_talks:
        with VoteStore.open(store, read_only=True) as opened:
            assert opened.results(opened.stage().poll).voters == 0


def test_vote_names_the_deck_of_one_of_two_talks(capsys, two_talks) -> None:
    from tui.cli import main

    (_, alpha_store), (beta, beta_store) = two_talks
    assert main(["vote", str(beta), "--choice", "No", "--voter", "me"]) == 0, (
        capsys.readouterr().err
    )
    assert "Vote saved: No" in capsys.readouterr().out
    with VoteStore.open(beta_store, read_only=True) as store:
        assert store.results(store.stage().poll).counts == (0, 1)
    with VoteStore.open(alpha_store, read_only=True) as store:
        assert store.results(store.stage().poll).voters == 0


def test_talk_list_cannot_drive_the_terminal() -> None:
    from tui.cli.vote import _talk_lines

    talk = talks.Presentation(Path("/s.sqlite3"), "/decks/a\x1b]0;x\x07.yaml", "T\x1b[2J", 1, "h")
    (line,) = _talk_lines([talk])
    assert "\x1b" not in line and "\x07" not in line
    assert "T?[2J" in line


def test_a_gone_presenter_leaves_one_talk(two_talks, private_data_dir: Path) -> None:
    import json

    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()  # a presenter killed before it could withdraw
    host = socket.gethostname()
    gone = private_data_dir / "votes" / "presenters" / f"{host}-{dead.pid}.json"
    record = {
        "store": "/gone.sqlite3",
        "pid": dead.pid,
        "host": host,
        "deck": "/g.yaml",
        "title": "G",
    }
    gone.write_text(json.dumps(record))
    assert [talk.title for talk in talks.live_presentations()] == ["Alpha talk", "Beta talk"]
    assert not gone.exists()


@needs_tmux
@needs_podium
def test_voter_chooses_between_two_talks(two_talks, private_data_dir: Path, tmp_path: Path) -> None:
    name = f"podium-stores-{os.getpid()}"
    status = tmp_path / "status"
    script = (
        f"export TERM=xterm-256color PODIUM_DATA_DIR={str(private_data_dir)!r}; "
        f"{PODIUM} vote --voter me; echo $? > {status}; sleep 30"
    )
    new_session(name, script, width=80, height=24, cwd=tmp_path)
    voter = TmuxSession(name)
    try:
        screen = voter.wait_for("Which talk do you vote in? [1-2]")
        assert "1. Alpha talk" in screen and "2. Beta talk" in screen
        voter.keys("7", "Enter")
        voter.wait_for("Type a number from 1 to 2")
        voter.keys("2", "Enter")
        voter.wait_for("First question?")
        voter.keys("2")
        voter.wait_for("No")
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with VoteStore.open(two_talks[1][1], read_only=True) as store:
                if store.results(store.stage().poll).counts == (0, 1):
                    break
            time.sleep(0.1)
        else:
            raise AssertionError("the vote never reached the second talk's store")
        with VoteStore.open(two_talks[0][1], read_only=True) as store:
            assert store.results(store.stage().poll).voters == 0
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)


@pytest.mark.parametrize(
    "kind", ["random-after-header", "truncated", "foreign-wal", "wrong-application-id"]
)
def test_damaged_rehearsal_store_is_never_written(tmp_path: Path, kind: str) -> None:
    from tui.rehearsal.store import RehearsalStore
    from tui.rehearsal.store import StoreError as RehearsalStoreError

    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "rehearsals.sqlite3"
    _damage(kind, path)
    for scratch in folder.glob("scratch*"):
        scratch.unlink()
    before = _fingerprint(path)
    with pytest.raises(RehearsalStoreError, match="left as it is"):
        RehearsalStore.open(path)
    assert _fingerprint(path) == before


def test_shared_store_needs_a_store_path(capsys) -> None:
    from tui.cli import main

    assert main([str(TWO_POLLS), "--shared-store"]) == 2
    assert "--shared-store needs --store PATH" in capsys.readouterr().err


def test_presenter_refuses_to_share_a_store_in_tmp_like_folder(capsys, tmp_path: Path) -> None:
    from tui.cli import main

    folder = tmp_path / "tmp-like"
    folder.mkdir()
    folder.chmod(0o1777)
    path = folder / "votes.sqlite3"
    assert main([str(TWO_POLLS), "--store", str(path), "--shared-store"]) == 2
    err = capsys.readouterr().err
    assert "cannot share the vote store" in err and "Traceback" not in err
    assert not path.exists()


def test_shared_store_side_files_ignore_a_strict_umask(tmp_path: Path) -> None:
    """SQLite gives -wal and -shm the store's mode, even under umask 077."""
    folder = tmp_path / "workshop"
    folder.mkdir()
    folder.chmod(0o2770)
    path = folder / "votes.sqlite3"
    old = os.umask(0o077)
    try:
        with VoteStore.open(path, shared=True) as store:
            store.vote(POLL, ["behov"], "alice")
            modes = {suffix: mode(Path(f"{path}{suffix}")) for suffix in ("", "-wal", "-shm")}
    finally:
        os.umask(old)
    assert modes == {"": 0o660, "-wal": 0o660, "-shm": 0o660}
