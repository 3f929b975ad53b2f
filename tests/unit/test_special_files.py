"""Files that are not regular files (named pipes, devices, sockets) never hang
Podium: every command refuses them with FILE: not a regular file, exit 2.

The command-line runs are real processes with a timeout, so a read that
blocks fails the test instead of hanging the suite.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DATA

from tui.cli import main
from tui.deck import DeckError, load_deck
from tui.deck.images import file_problem
from tui.polls.store import VoteStore
from tui.regular_file import NotRegularFile, open_regular, read_regular
from tui.themes import ThemeError, resolve_theme

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes (POSIX)")

GOOD = "title: T\nslides:\n  - title: One\n"


def podium(*argv: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The command line in its own process; a blocked read times out (and fails)."""
    return subprocess.run(
        [sys.executable, "-m", "tui", *argv],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "talk.yaml"
    os.mkfifo(path)
    return path


def test_open_regular_refuses_each_kind_of_special_file(tmp_path: Path, fifo: Path) -> None:
    with pytest.raises(NotRegularFile, match=r"not a regular file \(a named pipe\)"):
        open_regular(fifo)
    with pytest.raises(NotRegularFile, match=r"not a regular file \(a character device\)"):
        open_regular("/dev/null")
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(tmp_path / "s.sock"))
        with pytest.raises(NotRegularFile, match=r"not a regular file \(a socket\)"):
            open_regular(tmp_path / "s.sock")
    finally:
        server.close()
    with pytest.raises(IsADirectoryError):
        open_regular(tmp_path)
    with pytest.raises(FileNotFoundError):
        open_regular(tmp_path / "missing")
    (tmp_path / "plain").write_bytes(b"abc")
    assert read_regular(tmp_path / "plain") == b"abc"
    with open_regular(tmp_path / "plain") as handle:  # reads block as usual
        assert os.get_blocking(handle.fileno())


def test_a_named_pipe_as_deck_is_refused_by_check_and_present(fifo: Path) -> None:
    for argv in (["check", fifo.name], [fifo.name]):
        result = podium(*argv, cwd=fifo.parent)
        assert result.returncode == 2, result
        assert result.stderr == f"{fifo.name}:1:1: not a regular file (a named pipe)\n"


def test_a_character_device_as_deck_is_refused() -> None:
    with pytest.raises(DeckError) as caught:
        load_deck("/dev/zero")
    assert [str(problem) for problem in caught.value.problems] == [
        "/dev/zero:1:1: not a regular file (a character device)"
    ]


def test_a_named_pipe_as_theme_file_is_refused(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "mine.yaml")
    with pytest.raises(ThemeError, match=r"not a regular file \(a named pipe\)"):
        resolve_theme("mine.yaml", tmp_path)
    deck = tmp_path / "deck.yaml"
    deck.write_text("title: T\ntheme: mine.yaml\nslides:\n  - title: One\n", encoding="utf-8")
    result = podium("check", "deck.yaml", cwd=tmp_path)
    assert result.returncode == 2 and "not a regular file (a named pipe)" in result.stderr
    assert "deck.yaml:2:8:" in result.stderr  # at the theme: line


def test_a_named_pipe_as_picture_is_a_problem_at_its_line(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pic.png")
    deck = tmp_path / "deck.yaml"
    deck.write_text(
        "title: T\nslides:\n  - title: One\n    body: |\n      Hi\n\n      ![pic](pic.png)\n",
        encoding="utf-8",
    )
    result = podium("check", "deck.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "deck.yaml:7:14: image 'pic.png' is not a regular file (a named pipe)\n"
    assert "not a regular file" in (file_problem("pic.png", str(tmp_path / "pic.png")) or "")


def test_a_named_pipe_as_store_is_refused(capsys: pytest.CaptureFixture[str], fifo: Path) -> None:
    deck = fifo.with_name("deck.yaml")
    deck.write_text(GOOD, encoding="utf-8")
    expected = f"cannot read the vote store {fifo}: not a regular file (a named pipe)"
    for argv in (
        ["results", str(deck), "--store", str(fifo)],
        ["export", str(deck), "--store", str(fifo), "-o", str(fifo.with_name("out.html"))],
        ["vote", "--store", str(fifo), "--choice", "1"],
    ):
        assert main(argv) == 2
        assert expected in capsys.readouterr().err


def test_vote_names_a_named_pipe_deck_as_such(
    capsys: pytest.CaptureFixture[str], fifo: Path
) -> None:
    assert main(["vote", str(fifo), "--choice", "1"]) == 2
    assert capsys.readouterr().err == f"podium vote: {fifo}: not a regular file (a named pipe)\n"


def test_a_theme_path_too_long_for_the_system_is_not_found(tmp_path: Path) -> None:
    with pytest.raises(ThemeError, match="theme file not found"):
        resolve_theme(str(tmp_path / ("x" * 300 + ".yaml")))


# -- typed input quoted back in messages ----------------------------------------------


def test_a_long_choice_is_quoted_shortened(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "votes.sqlite3"
    with VoteStore.open(path) as store:
        store.publish(
            load_deck(DATA / "two_polls.yaml").polls[0],
            presenter=(os.getpid(), socket.gethostname()),
        )
        choice = "\x1b[31m" + "y" * 5000
        assert main(["vote", "--store", str(path), "--choice", choice, "--voter", "ann"]) == 2
    err = capsys.readouterr().err
    assert "has no option '\\x1b[31m" + "y" * 35 + "…'" in err
    assert "y" * 41 not in err and "\x1b" not in err
    assert err.count("\n") == 1 and len(err) < 200


def test_argparse_quotes_a_long_value_shortened(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["results", "--format", "z" * 5000 + "\x07"])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "invalid choice: '" + "z" * 40 + "…'" in err and "z" * 41 not in err
    assert "\x07" not in err


def test_an_unknown_theme_is_quoted_shortened() -> None:
    with pytest.raises(ThemeError) as caught:
        resolve_theme("q" * 5000)
    assert "unknown theme '" + "q" * 40 + "…'" in str(caught.value)
    assert len(str(caught.value)) < 400
