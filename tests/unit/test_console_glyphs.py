"""The Linux console's glyphs: stand-ins of the same width, from the console's own font."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rich.cells import cell_len

from tui.big_text import console_glyphs_only
from tui.console_glyphs import STAND_INS, console_text, is_linux_console

CP437 = set(bytes(range(128, 256)).decode("cp437")) | set("☺☻♥♦♣♠•◘○◙♂♀♪♫☼►◄↕‼¶§▬↨↑↓→←∟↔▲▼⌂")
CONSOLE = CP437 | {chr(code) for code in range(0xC0, 0x100)}  # and Latin-1 letters
CATALOGUES = Path(__file__).parents[2] / "tui" / "i18n"


@pytest.mark.parametrize(("term", "console"), [("linux", True), ("linux-16color", True), ("xterm-256color", False), ("", False)])
def test_which_terminal_is_the_console(term: str, console: bool) -> None:
    assert is_linux_console({"TERM": term}) is console
    assert console_glyphs_only({"TERM": term}) is console  # the poll bars ask the same rule


def test_every_stand_in_has_the_width_of_its_glyph_and_is_in_the_console_font() -> None:
    for glyph, stand_in in STAND_INS.items():
        assert glyph not in CONSOLE, glyph
        assert cell_len(stand_in) == cell_len(glyph), glyph
        assert all(ord(char) < 128 or char in CONSOLE for char in stand_in), glyph


def test_frames_and_signs_become_plain() -> None:
    assert console_text("╭─ ⚠ Notes…─╮") == "┌─ ! Notes~─┐"
    assert console_text("✓ 🔎 Search – “quoted” ━━") == '√ >  Search - "quoted" ══'
    assert console_text("æøå → • ·") == "æøå → • ·"  # the console has these


@pytest.mark.parametrize("catalogue", sorted(CATALOGUES.glob("*.json")), ids=lambda path: path.name)
def test_every_glyph_in_podium_s_words_has_a_stand_in(catalogue: Path) -> None:
    words = json.loads(catalogue.read_text(encoding="utf-8"))
    text = "".join(value for value in words.values() if isinstance(value, str))
    missing = {char for char in text if ord(char) > 127 and char not in CONSOLE and char not in STAND_INS}
    assert not missing, missing
