"""Big letters for titles (tui.big_text): every character drawn, or none."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tui.big_text import (
    EXTRA_GLYPHS,
    HALF_BLOCKS,
    QUADRANTS,
    ROWS,
    big_lines,
    console_glyphs_only,
    drawable,
    text_width,
)

REPO = Path(__file__).resolve().parents[2]


def ink(rows: tuple[str, ...]) -> int:
    """Cells with any ink in them."""
    return sum(1 for row in rows for char in row if char != " ")


@pytest.mark.parametrize(
    "title",
    [
        "Blåbærsyltetøy",
        "ÆØÅ æøå",
        "Slipp taket – fest grepet",
        "«Sitat» og “sitat” og ‘sitat’ — „slutt‚…",
        'KS\' visjon: "nå"',
        "Forskning på, i, for og med kommunesektoren",
    ],
)
def test_norwegian_letters_dashes_and_quotes_are_drawn(title: str) -> None:
    assert drawable(title)
    rows = big_lines(title, 1000)
    assert rows is not None and len(rows) == ROWS
    assert all(len(row) == len(rows[0]) == text_width(title) for row in rows)
    assert set("".join(rows)) <= set(QUADRANTS)
    for char in title.replace(" ", ""):
        # Each character leaves ink of its own: none is drawn as a blank.
        assert ink(big_lines(char, 100) or ()) > 0, char


def test_every_extra_glyph_has_the_fonts_height() -> None:
    for char, art in EXTRA_GLYPHS.items():
        assert len(art) == ROWS * 2, char
        assert set("".join(art)) <= {"#", "."}, char


@pytest.mark.parametrize("title", ["Emoji 🎉", "漢字", "Ω-test", "e\u0301", "soft\u00adhyphen"])
def test_a_character_without_a_glyph_gives_nothing(title: str) -> None:
    assert not drawable(title)
    assert big_lines(title, 1000) is None


def test_wraps_at_spaces_into_even_lines() -> None:
    title = "Samordning mellom forvaltningsorganer"
    one = big_lines(title, 1000)
    assert one is not None and len(one) == ROWS
    width = text_width("forvaltningsorganer")
    two = big_lines(title, width)
    assert two is not None
    assert len(two) == 2 * ROWS + 1 and two[ROWS] == ""  # a blank row between lines
    assert max(len(row) for row in two) <= width
    # Even lines: "Samordning mellom" / "forvaltningsorganer", not three lines.
    assert len(two[0]) == text_width("Samordning mellom")


def test_any_space_is_a_space() -> None:
    assert big_lines("Del\u00a02", 1000) == big_lines("Del 2", 1000) == big_lines("Del\t2", 1000)


def test_too_narrow_or_too_many_lines_gives_nothing() -> None:
    assert big_lines("forvaltningsorganer", text_width("forvaltningsorganer") - 1) is None
    assert big_lines("a b c d", text_width("a"), max_lines=3) is None
    assert big_lines("a b c", text_width("a"), max_lines=3) is not None
    assert big_lines("   ", 100) is None


def test_twice_the_size_is_twice_as_wide_and_high() -> None:
    small = big_lines("Hei", 1000)
    large = big_lines("Hei", 1000, scale=2)
    assert small is not None and large is not None
    assert len(large) == 2 * len(small)
    assert len(large[0]) == text_width("Hei", scale=2) == 2 * len(small[0])


def test_half_blocks_for_the_linux_console() -> None:
    rows = big_lines("Blåbær – «ja»", 1000, half_blocks=True)
    assert rows is not None and len(rows) == ROWS
    assert set("".join(rows)) <= set(HALF_BLOCKS)
    assert len(rows[0]) == text_width("Blåbær – «ja»", half_blocks=True)
    quadrants = big_lines("Blåbær – «ja»", 1000)
    assert quadrants is not None
    assert len(rows[0]) in (2 * len(quadrants[0]), 2 * len(quadrants[0]) - 1)


def test_half_blocks_draw_the_same_pixels_as_quadrants() -> None:
    quadrant_rows = big_lines("Øl", 100)
    half_rows = big_lines("Øl", 100, half_blocks=True)
    assert quadrant_rows is not None and half_rows is not None

    def pixels_of_quadrants(rows: tuple[str, ...]) -> set[tuple[int, int]]:
        found = set()
        for y, row in enumerate(rows):
            for x, char in enumerate(row):
                mask = QUADRANTS.index(char)
                for bit, (dx, dy) in enumerate(((0, 0), (1, 0), (0, 1), (1, 1))):
                    if mask >> bit & 1:
                        found.add((2 * x + dx, 2 * y + dy))
        return found

    def pixels_of_halves(rows: tuple[str, ...]) -> set[tuple[int, int]]:
        found = set()
        for y, row in enumerate(rows):
            for x, char in enumerate(row):
                mask = HALF_BLOCKS.index(char)
                for bit in (0, 1):
                    if mask >> bit & 1:
                        found.add((x, 2 * y + bit))
        return found

    assert pixels_of_quadrants(quadrant_rows) == pixels_of_halves(half_rows)


@pytest.mark.parametrize(
    ("term", "expected"),
    [("linux", True), ("linux-16color", True), ("xterm-256color", False), ("", False)],
)
def test_only_the_linux_console_gets_half_blocks(term: str, expected: bool) -> None:
    assert console_glyphs_only({"TERM": term}) is expected


def test_the_font_is_read_on_the_first_big_title_without_importing_pyfiglet() -> None:
    code = (
        "import sys\n"
        "import tui.big_text as big\n"
        "assert big._font.cache_info().currsize == 0\n"
        "assert big.big_lines('Hei', 100)\n"
        "assert big._font.cache_info().currsize == 1\n"
        "assert 'pyfiglet' not in sys.modules, 'pyfiglet imported'\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=False
    )
    assert result.returncode == 0, result.stderr


def _spans(text: str) -> set[str]:
    """The characters in the `code spans` of ``text``."""
    return set("".join(re.findall(r"`([^`]+)`", text)).replace(" ", ""))


def test_the_readme_says_truly_which_characters_are_big() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    paragraph = " ".join(readme.split("**Title and section slides.**")[1].split("\n\n")[0].split())
    claim = paragraph.split("has a big glyph —")[1].split(" — and the title fits")[0]
    drawn, not_drawn = claim.split(" do; ")
    assert not_drawn.endswith(" do not")
    # "ASCII, the Latin-1 letters `À`–`ÿ` (...) except `Ð ð Þ þ`, ..."
    assert "ASCII" in drawn and "`À`–`ÿ`" in drawn
    assert drawable("".join(map(chr, range(0x20, 0x7F))))
    exceptions = _spans(drawn.split(" except ")[1].split(",")[0])
    assert exceptions and not any(drawable(char) for char in exceptions)
    letters = {chr(code) for code in range(0xC0, 0x100) if chr(code).isalpha()}
    assert all(drawable(char) for char in letters - exceptions)
    named = _spans(drawn.replace("`À`–`ÿ`", "")) - exceptions  # æ ø å, dashes, quotes
    assert named and all(drawable(char) for char in named), sorted(named)
    # The signs named as not drawn are not.
    refused = _spans(not_drawn)
    assert refused and not any(drawable(char) for char in refused), sorted(refused)
