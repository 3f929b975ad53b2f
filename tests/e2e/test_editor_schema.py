"""What an editor shows for a deck with the schema modeline: the real
yaml-language-server (VS Code's YAML extension, Neovim's yamlls) reading a
deck made by the installed ``podium new``."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from tmux_session import PODIUM, needs_podium
from yamlls_client import YamlLanguageServer, needs_yamlls

from tui.deck.schema import SLIDE_FIELDS

pytestmark = [needs_podium, needs_yamlls]


@pytest.fixture
def server(tmp_path: Path) -> Iterator[YamlLanguageServer]:
    started = YamlLanguageServer(tmp_path)
    yield started
    started.close()


def podium(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(PODIUM), *args], cwd=cwd, capture_output=True, text=True, env=os.environ, timeout=60
    )


def _broken(text: str) -> str:
    """The starter deck with three mistakes, each on its own line."""
    text = text.replace("  - layout: quote\n", "  - layout: qoute\n", 1)
    text = text.replace("    reveal: true\n", "    reveal: maybe\n", 1)
    return text.replace("    time: 1m\n", "    tme: 1m\n", 1)


def test_the_editor_marks_the_mistakes_podium_check_finds(
    tmp_path: Path, server: YamlLanguageServer
) -> None:
    assert podium("new", "good.yaml", cwd=tmp_path).returncode == 0
    good = tmp_path / "good.yaml"
    assert server.diagnostics(good) == []
    bad = tmp_path / "bad.yaml"
    bad.write_text(_broken(good.read_text(encoding="utf-8")), encoding="utf-8")
    checked = podium("check", "bad.yaml", cwd=tmp_path)
    assert checked.returncode == 2
    found = {
        (int(line), int(column))
        for line, column in re.findall(r"^bad\.yaml:(\d+):(\d+): ", checked.stderr, re.M)
    }
    marked = {(line, column) for line, column, _ in server.diagnostics(bad)}
    lines = bad.read_text(encoding="utf-8").splitlines()
    mistakes = {
        (number, line.index(word) + 1)
        for number, line in enumerate(lines, start=1)
        for word in ("qoute", "maybe", "tme:")
        if word in line
    }
    assert len(mistakes) == 3
    assert mistakes <= found, checked.stderr
    assert mistakes <= marked


def test_the_editor_completes_slide_keys_and_describes_them(
    tmp_path: Path, server: YamlLanguageServer
) -> None:
    assert podium("new", "talk.yaml", cwd=tmp_path).returncode == 0
    deck = tmp_path / "talk.yaml"
    text = deck.read_text(encoding="utf-8")
    deck.write_text(text.replace("  - layout: section\n", "  - layout: section\n    \n", 1))
    lines = deck.read_text(encoding="utf-8").splitlines()
    server.diagnostics(deck)
    blank = lines.index("    ") + 1
    used = {"layout", "title", "subtitle", "time", "notes"}
    offered = set(server.completion(deck, blank, 5))
    assert offered == {field.key for field in SLIDE_FIELDS} - used
    reveal = next(number for number, line in enumerate(lines, 1) if line == "    reveal: true")
    description = next(field.description for field in SLIDE_FIELDS if field.key == "reveal")
    assert description in server.hover(deck, reveal, 6).replace("\\", "")


def test_a_schema_path_relative_to_the_deck_works(
    tmp_path: Path, server: YamlLanguageServer
) -> None:
    shutil.copy(Path(podium("schema", "--path", cwd=tmp_path).stdout.strip()), tmp_path)
    deck = tmp_path / "talk.yaml"
    deck.write_text(
        "# yaml-language-server: $schema=deck.schema.json\nslides:\n  - titel: Hello\n",
        encoding="utf-8",
    )
    marked = server.diagnostics(deck)
    assert {(line, column) for line, column, _ in marked} == {(3, 5)}
    assert "Property titel is not allowed." in [message for _, _, message in marked]
