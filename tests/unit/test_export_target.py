"""``podium export -o``: nothing the export reads, and nothing that is not a file, is replaced."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SEED_DECK
from export_helpers import export

from tui.export.target import TargetError, checked_target, export_format
from tui.themes import bundled_themes_dir

THEMES = bundled_themes_dir()


@pytest.fixture
def talk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The seed deck as talk.yaml in an empty current folder, with its own data folder."""
    monkeypatch.setenv("PODIUM_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)
    return Path(shutil.copy(SEED_DECK, tmp_path / "talk.yaml"))


def test_the_deck_is_never_replaced(talk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = talk.read_bytes()
    assert export("talk.yaml", "-o", "talk.yaml") == 2
    assert "'.yaml' is not a format" in capsys.readouterr().err
    assert export("talk.yaml", "--format", "html", "-o", "talk.yaml") == 2
    assert "will not replace talk.yaml: it is the deck" in capsys.readouterr().err
    assert export("talk.yaml", "--format", "pdf", "-o", str(talk.resolve())) == 2
    assert talk.read_bytes() == before
    assert sorted(path.name for path in talk.parent.iterdir() if path.name != "data") == [
        "talk.yaml"
    ]  # no temporary file left behind either


def test_the_theme_file_and_the_vote_store_are_not_replaced(
    talk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    theme = talk.with_name("paper.yaml")
    shutil.copy(THEMES / "paper.yaml", theme)
    before = theme.read_bytes()
    assert (
        export("talk.yaml", "--theme", "./paper.yaml", "--format", "html", "-o", "paper.yaml") == 2
    )
    assert "it is the theme file" in capsys.readouterr().err
    assert theme.read_bytes() == before
    inputs = {"the vote store": talk.with_name("votes.sqlite3")}
    inputs["the vote store"].write_bytes(b"SQLite format 3\x00")
    with pytest.raises(TargetError, match="it is the vote store"):
        checked_target(Path("votes.sqlite3"), "pdf", inputs)


def test_only_regular_files_are_replaced(talk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    os.mkfifo("pipe.html")
    assert export("talk.yaml", "-o", "pipe.html") == 2  # would block, or replace the pipe
    assert "not a regular file (a named pipe)" in capsys.readouterr().err
    assert Path("pipe.html").is_fifo()
    os.symlink("/dev/null", "null.html")
    assert export("talk.yaml", "-o", "null.html") == 2
    assert "not a regular file (a character device)" in capsys.readouterr().err
    assert os.readlink("null.html") == "/dev/null"
    os.mkdir("folder.html")
    assert export("talk.yaml", "-o", "folder.html") == 2
    assert "is a folder" in capsys.readouterr().err
    Path("file-svg").write_text("x", encoding="utf-8")
    assert export("talk.yaml", "--format", "svg", "-o", "file-svg") == 2
    assert "is not a folder" in capsys.readouterr().err


def test_a_link_is_written_through_and_stays_a_link(talk: Path) -> None:
    Path("real.html").write_text("old", encoding="utf-8")
    os.symlink("real.html", "link.html")
    assert export("talk.yaml", "-o", "link.html") == 0
    assert os.readlink("link.html") == "real.html"
    assert Path("real.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    os.symlink("made.pdf", "dangling.pdf")
    assert export("talk.yaml", "-o", "dangling.pdf") == 0
    assert Path("made.pdf").read_bytes().startswith(b"%PDF-")
    assert Path("dangling.pdf").is_symlink()


def test_an_export_is_private_whatever_the_umask(talk: Path) -> None:
    # It may hold the speaker notes: 0600, as Podium's data files are.
    old = os.umask(0o022)
    try:
        assert export("talk.yaml", "--handout", "-o", "talk.html") == 0
        assert stat.S_IMODE(os.stat("talk.html").st_mode) == 0o600
        Path("shared.html").write_text("old", encoding="utf-8")
        os.chmod("shared.html", 0o644)
        os.symlink("shared.html", "link.html")
        assert export("talk.yaml", "-o", "link.html") == 0  # replaced through the link
        assert stat.S_IMODE(os.stat("shared.html").st_mode) == 0o600
    finally:
        os.umask(old)


def test_the_format_comes_from_the_suffix_or_from_format() -> None:
    assert export_format("out.HTML", None) == "html"
    assert export_format("out.htm", None) == "html"
    assert export_format("deck.pdf", None) == "pdf"
    assert export_format("slides.svg", None) == "svg"
    assert export_format(None, None) == "html"
    assert export_format("-", None) == "html"
    assert export_format("notes.txt", "html") == "html"
    for name in ("x.docx", "out", "talk.yaml", ".html.bak"):
        with pytest.raises(TargetError, match="give --format"):
            export_format(name, None)


def test_dash_writes_to_standard_output_but_never_to_a_terminal(talk: Path) -> None:
    podium = [sys.executable, "-c", "import sys; from tui.cli import main; sys.exit(main())"]
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    run = subprocess.run(
        [*podium, "export", "talk.yaml", "-o", "-"], capture_output=True, env=env, timeout=60
    )
    assert run.returncode == 0 and run.stdout.startswith(b"<!DOCTYPE html>")
    assert b"wrote html to standard output" in run.stderr
    run = subprocess.run(
        [*podium, "export", "talk.yaml", "-o", "-", "--format", "svg"],
        capture_output=True,
        env=env,
        timeout=60,
    )
    assert run.returncode == 2 and b"svg writes a folder" in run.stderr
    import pty

    leader, follower = pty.openpty()
    try:
        run = subprocess.run(
            [*podium, "export", "talk.yaml", "-o", "-"],
            stdout=follower,
            stderr=subprocess.PIPE,
            env=env,
            timeout=60,
        )
    finally:
        os.close(follower)
        os.close(leader)
    assert run.returncode == 2 and b"will not write html to the terminal" in run.stderr


def test_a_pdf_tells_which_characters_it_cannot_show(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PODIUM_DATA_DIR", str(tmp_path / "data"))
    deck = tmp_path / "cjk.yaml"
    deck.write_text('slides:\n  - title: Hei\n    body: "中文 and 👍, æøå"\n', encoding="utf-8")
    assert export(str(deck), "-o", str(tmp_path / "cjk.pdf")) == 0
    err = capsys.readouterr().err
    assert "3 characters have no glyph in the PDF's fonts and show as blanks: 中 文 👍" in err
    assert export(str(SEED_DECK), "-o", str(tmp_path / "seed.pdf")) == 0
    assert "no glyph" not in capsys.readouterr().err  # Norwegian letters and dashes are there
