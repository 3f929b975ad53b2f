"""The storage layer has one of each: SQLite helper, store error, deck key, slug, lock, atomic write."""

from __future__ import annotations

import ast
import hashlib
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tui import locks
from tui.paths import deck_identity, deck_key, write_atomically
from tui.polls import announce
from tui.polls import talks
from tui.polls.store import STORE_KEY_DIGITS, VoteStore, store_path_for_deck
from tui.storage.errors import StoreError

REPO = Path(__file__).resolve().parents[2]
TUI = REPO / "tui"

SQLITE_HELPER = {"tui/storage/sqlite.py", "tui/storage/checks.py"}
"""The only modules that import sqlite3 to run it."""

STORE_MODULES = {
    "tui/polls/store_core.py",
    "tui/polls/store_votes.py",
    "tui/polls/store_control.py",
    "tui/polls/store_stage.py",
    "tui/polls/store_queries.py",
    "tui/rehearsal/store.py",
}
"""Store modules that name ``sqlite3.Connection`` in type hints only."""


def _sqlite_imports() -> dict[str, bool]:
    """Every module of tui/ that imports sqlite3 -> whether it does so at run time."""
    found: dict[str, bool] = {}
    for path in sorted(TUI.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        typing_only: set[int] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                typing_only.update(id(child) for body in node.body for child in ast.walk(body))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(name == "sqlite3" or name.startswith("sqlite3.") for name in names):
                name = path.relative_to(REPO).as_posix()
                found[name] = found.get(name, False) or id(node) not in typing_only
    return found


def test_only_the_sqlite_helper_runs_sqlite() -> None:
    imports = _sqlite_imports()
    assert {name for name, runtime in imports.items() if runtime} == SQLITE_HELPER
    assert set(imports) == SQLITE_HELPER | STORE_MODULES


@pytest.mark.parametrize(
    "module", ["tui.polls", "tui.polls.announce", "tui.polls.model", "tui.audience.state"]
)
def test_modules_that_need_no_store_load_no_sqlite(module: str) -> None:
    code = f"import sys\nimport {module}\nassert 'sqlite3' not in sys.modules\n"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=False
    )
    assert result.returncode == 0, result.stderr


def test_the_polls_package_still_names_the_store() -> None:
    import tui.polls
    from tui.polls import model, store

    assert tui.polls.VoteStore is store.VoteStore and tui.polls.StoreError is store.StoreError
    assert tui.polls.Ballot is model.Ballot
    with pytest.raises(AttributeError):
        tui.polls.no_such_name  # noqa: B018


def test_both_stores_raise_the_one_store_error(tmp_path: Path) -> None:
    from tui.polls import store as polls_store
    from tui.rehearsal import store as rehearsal_store

    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"not sqlite at all" * 100)
    with pytest.raises(StoreError, match="garbage.sqlite3") as vote_error:
        VoteStore.open(garbage)
    with pytest.raises(StoreError, match="garbage.sqlite3") as rehearsal_error:
        rehearsal_store.RehearsalStore.open(garbage)
    assert isinstance(vote_error.value, polls_store.StoreError)
    assert isinstance(rehearsal_error.value, rehearsal_store.StoreError)
    # Each store's callers catch only their own store's trouble.
    assert not isinstance(vote_error.value, rehearsal_store.StoreError)
    assert not isinstance(rehearsal_error.value, polls_store.StoreError)
    assert "not a Podium vote store" in str(vote_error.value)
    assert "not a Podium rehearsal store" in str(rehearsal_error.value)


def test_the_rehearsal_store_runs_on_the_shared_helper(tmp_path: Path) -> None:
    from tui.rehearsal.store import RehearsalStore

    store = RehearsalStore.open(tmp_path / "rehearsals.sqlite3")
    connection = store._db._connection
    assert connection is not None
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert connection.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL, as before
    assert connection.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert connection.execute("PRAGMA busy_timeout").fetchone()[0] == 5000
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.rehearsals("deck.yaml")


# -- one deck key, one slug -------------------------------------------------------------


def test_one_deck_key_for_every_way_of_naming_a_deck(tmp_path: Path, monkeypatch) -> None:
    deck = tmp_path / "talk.yaml"
    deck.write_text("slides: []\n")
    link = tmp_path / "link.yaml"
    link.symlink_to(deck)
    monkeypatch.chdir(tmp_path)
    assert deck_identity("talk.yaml") == deck_identity(link) == str(deck.resolve())
    assert deck_key("talk.yaml") == deck_key(link) == deck_key(deck)
    assert deck_key(deck, digits=STORE_KEY_DIGITS) == deck_key(deck)[:STORE_KEY_DIGITS]


def test_existing_files_keep_their_names(tmp_path: Path, private_data_dir: Path) -> None:
    """The names files were given before one key function served them all."""
    from tui.audience.state import lock_path, state_path

    deck = tmp_path / "Møte på Ærø.yaml"
    deck.write_text("slides: []\n")
    digest = hashlib.sha256(str(deck.resolve()).encode("utf-8", "surrogateescape")).hexdigest()
    assert state_path(deck).name == f"{digest[:16]}.json"
    assert lock_path(deck).name == f"{digest[:16]}.lock"
    assert (
        store_path_for_deck(deck) == private_data_dir / "votes" / f"mte-pa-r-{digest[:12]}.sqlite3"
    )
    assert store_path_for_deck(tmp_path / "!!.yaml").name.startswith("deck-")


def test_the_vote_store_has_no_slug_of_its_own() -> None:
    from tui.polls import store, store_place

    assert store.store_path_for_deck is store_place.store_path_for_deck  # named in one place
    source = Path(store_place.__file__).read_text(encoding="utf-8")
    assert "from tui.deck.slug import slug" in source
    assert not hasattr(store, "_slug") and not hasattr(store_place, "_slug")


# -- one liveness check: a lock the presenter holds -------------------------------------


def test_a_lock_is_held_while_its_holder_runs(tmp_path: Path) -> None:
    path = tmp_path / "presenter.lock"
    assert locks.is_held(path) is None  # nothing to tell from
    descriptor = locks.hold(path)
    assert descriptor is not None
    assert locks.is_held(path) is True
    assert locks.hold(path) is None  # one holder at a time
    locks.release(descriptor)
    assert locks.is_held(path) is False
    assert oct(path.stat().st_mode & 0o777) == oct(0o600)


def test_a_live_process_with_a_gone_presenters_pid_is_not_the_presenter(
    private_data_dir: Path,
) -> None:
    """The lock decides, not the process id, which the system hands out again."""
    pid, host = os.getpid(), socket.gethostname()
    lock = announce._lock_file(pid, host)
    lock.parent.mkdir(parents=True)
    lock.touch()  # a presenter with this pid ran, and is gone
    assert not talks.is_alive(pid, host)
    announce.announce(private_data_dir / "votes.sqlite3")
    try:
        assert talks.is_alive(pid, host)
        assert [talk.pid for talk in talks.live_presentations()] == [pid]
    finally:
        announce.withdraw()
    assert not lock.exists()
    assert talks.live_presentations() == []


def test_a_killed_presenter_is_gone_and_its_files_are_removed(private_data_dir: Path) -> None:
    code = (
        "import sys\nfrom pathlib import Path\nfrom tui.polls import announce\n"
        "announce.announce(Path(sys.argv[1]))\nprint('ready', flush=True)\nsys.stdin.read()\n"
    )
    presenter = subprocess.Popen(
        [sys.executable, "-c", code, str(private_data_dir / "votes.sqlite3")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env={**os.environ, "PODIUM_DATA_DIR": str(private_data_dir)},
    )
    try:
        assert presenter.stdout is not None and presenter.stdout.readline().strip() == "ready"
        host = socket.gethostname()
        assert talks.is_alive(presenter.pid, host)
        assert [talk.pid for talk in talks.live_presentations()] == [presenter.pid]
        presenter.send_signal(signal.SIGKILL)  # no chance to withdraw
        presenter.wait()
        assert not talks.is_alive(presenter.pid, host)
        assert talks.live_presentations() == []
        assert list((private_data_dir / "votes" / "presenters").iterdir()) == []
    finally:
        presenter.kill()
        presenter.wait()


# -- one atomic write -------------------------------------------------------------------


def test_atomic_write_is_private_and_leaves_nothing_behind(tmp_path: Path) -> None:
    target = tmp_path / "state.json"
    old_umask = os.umask(0)
    try:
        write_atomically(target, b"one")
        write_atomically(target, b"two" * 10_000)
    finally:
        os.umask(old_umask)
    assert target.read_bytes() == b"two" * 10_000
    assert target.stat().st_mode & 0o777 == 0o600
    assert [path.name for path in tmp_path.iterdir()] == ["state.json"]
    with pytest.raises(OSError):
        write_atomically(tmp_path / "missing" / "state.json", b"x")
    assert [path.name for path in tmp_path.iterdir()] == ["state.json"]


def test_a_failed_replace_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "taken"
    target.mkdir()  # os.replace cannot put a file in a folder's place
    with pytest.raises(OSError):
        write_atomically(target, b"new")
    assert target.is_dir()
    assert [path.name for path in tmp_path.iterdir()] == ["taken"]


# -- small modules ----------------------------------------------------------------------

APPS = {"tui/audience/app.py"}
"""Textual modules in these folders: the apps layer's, not the store layer's."""


def test_no_module_of_the_store_layer_is_over_400_lines() -> None:
    modules = [
        path
        for folder in ("polls", "rehearsal", "audience", "storage")
        for path in (TUI / folder).glob("*.py")
    ] + [TUI / "paths.py", TUI / "locks.py"]
    long = {
        path.relative_to(REPO).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
        for path in modules
        if path.relative_to(REPO).as_posix() not in APPS
    }
    assert {name: lines for name, lines in long.items() if lines > 400} == {}
