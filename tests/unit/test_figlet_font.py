"""Podium reads pyfiglet's font files itself, glyph for glyph as pyfiglet does."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pyfiglet
import pytest

from tui import big_text, figlet_font
from tui.figlet_font import font_file, parse_font, read_font

FONTS = Path(pyfiglet.__file__).parent / "fonts"


@pytest.mark.parametrize("name", ["smblock", "standard", "banner", "block", "future", "mono9"])
def test_glyphs_are_pyfiglets(name: str) -> None:
    font = pyfiglet.FigletFont(name)
    glyphs = read_font(name)
    if glyphs is None:  # a zipped font: left to pyfiglet
        assert zipfile.is_zipfile(font_file(name) or "")
        return
    assert glyphs == (font.chars, font.hardBlank)


@pytest.mark.parametrize("name", ["smblock", "standard", "banner"])
def test_glyphs_asked_for_one_at_a_time_are_pyfiglets(name: str) -> None:
    """Each glyph is read when first asked for: in any order, the same as pyfiglet's."""
    font = pyfiglet.FigletFont(name)
    glyphs = read_font(name)
    if glyphs is None:  # a zipped font: left to pyfiglet
        return
    chars, _ = glyphs
    for code in (*reversed(font.chars), 0x10FFFF, 127, 31):
        assert chars.get(code) == font.chars.get(code), code


def test_the_big_title_font_covers_norwegian_letters() -> None:
    chars, hard_blank = read_font(big_text.FONT) or ({}, "")
    assert hard_blank == "$"
    for letter in "AZaz09æøåÆØÅ":
        assert len(chars[ord(letter)]) == big_text.ROWS, letter


def test_a_file_that_is_not_a_font_is_refused() -> None:
    with pytest.raises(ValueError, match="not a FIGlet font"):
        parse_font("hello\nworld\n")
    with pytest.raises(ValueError, match="header"):
        parse_font("flf2a$ 4 3\n")


def test_line_breaks_other_than_lf_are_spaces_as_in_pyfiglet() -> None:
    text = (FONTS / "smblock.tlf").read_text(encoding="utf-8")
    # A NEL inside a comment line must not split it (the glyphs would shift).
    header, rest = text.split("\n", 1)
    chars, _ = parse_font(header + "\n" + rest.replace("Sam Hocevar", "Sam\u0085Hocevar", 1))
    assert chars == (read_font("smblock") or ({}, ""))[0]


def test_a_zipped_font_falls_back_to_pyfiglet(tmp_path: Path, monkeypatch) -> None:
    zipped = tmp_path / "smblock.tlf"
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.write(FONTS / "smblock.tlf", "smblock.tlf")
    monkeypatch.setattr(figlet_font, "font_file", lambda name: zipped)
    assert read_font("smblock") is None
    big_text._font.cache_clear()
    try:
        chars, hard_blank = big_text._font()
    finally:
        big_text._font.cache_clear()
    font = pyfiglet.FigletFont("smblock")
    assert (chars, hard_blank) == (font.chars, font.hardBlank)


@pytest.mark.parametrize(
    "text",
    ["", "a", "a\n", "a\nb", "a\r\nb\rc\n\nd", "x\vy\fz\x1cw\x1dv\x1eu", "é▀\n▄\r\n", "\n\n"],
)
def test_a_fonts_lines_are_split_as_splitlines_does(text: str) -> None:
    lines = figlet_font._Lines(text)
    assert list(lines) == text.splitlines()
    assert len(lines) == len(text.splitlines())
    assert lines[1:3] == text.splitlines()[1:3]
    if text:
        assert lines[-1] == text.splitlines()[-1]


def test_a_read_font_keeps_its_text_not_a_string_per_line() -> None:
    import tracemalloc

    path = font_file(big_text.FONT)
    assert path is not None
    text = path.read_text(encoding="utf-8")
    tracemalloc.start()
    try:
        glyphs, _ = parse_font(text)
        held, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert text.count("\n") > 1000
    assert held < 40_000, held  # the lines as strings: about 115 kB
    assert glyphs[ord("A")]
