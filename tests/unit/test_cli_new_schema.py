"""``podium new`` writes a starter deck that passes ``podium check`` and never
overwrites a file; ``podium schema`` prints the schema that ships with Podium.
Through the installed ``podium``."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest
from tmux_session import PODIUM, needs_podium

from tui.cli import main
from tui.deck import load_deck
from tui.deck.json_schema import schema_reference, schema_text
from tui.deck.model import Layout
from tui.paths import bundled_schema


def podium(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PODIUM_DATA_DIR": str(cwd / ".data")}
    return subprocess.run(
        [str(PODIUM), *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=60
    )


@needs_podium
def test_podium_new_writes_a_starter_deck_that_passes_podium_check(tmp_path: Path) -> None:
    made = podium("new", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert made.stderr == ""
    assert "Wrote slides.yaml" in made.stdout and "podium check slides.yaml" in made.stdout
    checked = podium("check", cwd=tmp_path)
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.strip() == (
        "slides.yaml: OK: 8 slides, 1 poll, speaker notes on 8/8 slides, target 8:00"
    )


def test_the_starter_deck_shows_every_part_of_the_format(tmp_path: Path) -> None:
    target = tmp_path / "talk.yaml"
    assert main(["new", str(target)]) == 0
    deck = load_deck(target)
    assert {slide.layout for slide in deck.slides} == set(Layout)
    assert any(slide.reveal and slide.steps >= 2 and slide.step_notes for slide in deck.slides)
    assert len(deck.polls) == 1
    assert all(slide.notes.strip() for slide in deck.slides)
    assert all(slide.time for slide in deck.slides)
    assert deck.duration is not None and sum(s.time or 0 for s in deck.slides) <= deck.duration
    assert deck.date == time.strftime("%Y-%m-%d")
    text = target.read_text(encoding="utf-8")
    assert text.isascii()  # English, and safe in any locale
    first = text.splitlines()[0]
    assert first == f"# yaml-language-server: $schema={bundled_schema()}"
    assert Path(first.split("=", 1)[1]).read_text(encoding="utf-8") == schema_text()


@needs_podium
def test_podium_new_never_overwrites(tmp_path: Path) -> None:
    mine = tmp_path / "slides.yaml"
    mine.write_text("title: mine\n", encoding="utf-8")
    refused = podium("new", cwd=tmp_path)
    assert refused.returncode == 2
    assert refused.stdout == ""
    assert refused.stderr.strip() == (
        "slides.yaml: already exists; podium new never overwrites a file "
        "(name another, for example:  podium new talk.yaml)"
    )
    assert mine.read_text(encoding="utf-8") == "title: mine\n"
    # Nor through a link to a file that is not there yet.
    (tmp_path / "link.yaml").symlink_to(tmp_path / "elsewhere.yaml")
    assert podium("new", "link.yaml", cwd=tmp_path).returncode == 2
    assert not (tmp_path / "elsewhere.yaml").exists()


@needs_podium
def test_podium_new_into_a_folder_and_into_a_missing_one(tmp_path: Path) -> None:
    (tmp_path / "talks").mkdir()
    made = podium("new", "talks", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert (tmp_path / "talks" / "slides.yaml").is_file()
    missing = podium("new", "nowhere/talk.yaml", cwd=tmp_path)
    assert missing.returncode == 2
    assert missing.stderr.strip() == "nowhere/talk.yaml: the folder nowhere does not exist"
    assert "Traceback" not in missing.stderr
    # A name ending in / is a folder, never a file of that name.
    folder = podium("new", "later/", cwd=tmp_path)
    assert folder.returncode == 2
    assert folder.stderr.strip() == "later/: the folder does not exist"
    assert not (tmp_path / "later").exists()


@needs_podium
def test_podium_schema_prints_the_shipped_schema(tmp_path: Path) -> None:
    printed = podium("schema", cwd=tmp_path)
    assert printed.returncode == 0, printed.stderr
    assert printed.stdout == schema_text()
    # The installed file (in site-packages after `pip install .`): shipped, and current.
    installed = Path(podium("schema", "--path", cwd=tmp_path).stdout.rstrip("\n"))
    assert installed.is_absolute() and installed.parts[-3:] == ("tui", "data", "deck.schema.json")
    assert installed.read_text(encoding="utf-8") == schema_text()
    modeline = podium("schema", "--modeline", cwd=tmp_path)
    assert modeline.stdout == f"# yaml-language-server: $schema={installed}\n"
    both = podium("schema", "--path", "--write", cwd=tmp_path)
    assert both.returncode == 2 and "not allowed with" in both.stderr
    assert "new [PATH]" in podium("--help", cwd=tmp_path).stdout


def test_podium_schema_write_regenerates_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "deck.schema.json"
    target.write_text("{}\n", encoding="utf-8")
    monkeypatch.setattr("tui.paths.bundled_schema", lambda: target)
    assert main(["schema", "--write"]) == 0
    assert target.read_text(encoding="utf-8") == schema_text()
    assert capsys.readouterr().out == f"wrote {target}\n"


def test_a_schema_path_with_spaces_is_written_as_a_file_uri() -> None:
    assert schema_reference("/opt/podium/deck.schema.json") == "/opt/podium/deck.schema.json"
    assert schema_reference("/My Files/deck.schema.json") == "file:///My%20Files/deck.schema.json"
