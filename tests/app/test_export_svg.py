"""``podium export --format svg``: the real app, headless, one SVG per slide.

The golden file holds the text rows slide 4 shows at 100x30 (what the
terminal shows); refresh it with ``PODIUM_UPDATE_GOLDEN=1`` after an
intended change to how slides look, and review the diff.
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path

from conftest import DATA, SEED_DECK
from export_helpers import HOSTILE, export, vote_store

from tui.deck import load_deck

GOLDEN = DATA / "export" / "slide-04.txt"
_TEXT = re.compile(
    r'<text[^>]* x="([\d.]+)"[^>]*clip-path="url\(#terminal-\d+-line-(\d+)\)"[^>]*>(.*?)</text>',
    re.S,
)
CELL = 12.2
"""Width of a cell in Rich's SVG (0.61 x its 20 px font)."""


def rows(svg: str, height: int = 30) -> list[str]:
    """The terminal's rows as text, each run placed at its column, from Rich's SVG."""
    lines: list[list[str]] = [[] for _ in range(height)]
    for x, number, text in _TEXT.findall(svg):
        line, column = lines[int(number)], round(float(x) / CELL)
        run = html.unescape(text).replace("\xa0", " ")
        line.extend(" " * (column + len(run) - len(line)))
        line[column : column + len(run)] = run
    return ["".join(line).rstrip() for line in lines]


def test_seed_deck_gives_one_svg_per_slide_as_the_terminal_shows_it(tmp_path: Path) -> None:
    deck = load_deck(SEED_DECK)
    out = tmp_path / "svg"
    assert export(str(SEED_DECK), "--format", "svg", "-o", str(out)) == 0
    files = sorted(out.iterdir())
    assert [path.name for path in files] == [f"slide-{n:02d}.svg" for n in range(1, 14)]
    for number, path in enumerate(files, start=1):
        svg = path.read_text(encoding="utf-8")
        shown = rows(svg)
        assert len(shown) == 30 and max(len(row) for row in shown) <= 100
        assert shown[-1].endswith(f"{number}/13")  # the footer's slide k/N
        # Offline: the font is inside the file, no web font is asked for.
        assert "url(\"http" not in svg and "cdnjs" not in svg
        assert 'src: url("data:font/ttf;base64,' in svg
        slide = deck.slides[number - 1]
        flat = " ".join(" ".join(shown).split())
        if slide.layout.value in ("title", "section") and slide.title.split()[0] not in flat:
            # Drawn in big letters: block glyphs where the title goes, the subtitle in text.
            assert any(set(row) & set("▀▄█▌▐▖▗▘▝▚▞▙▛▜▟") for row in shown)
            if slide.subtitle:
                assert slide.subtitle.split()[-1] in flat
        else:
            assert " ".join(slide.title.split()).split()[0] in flat
    slide4 = rows(files[3].read_text(encoding="utf-8"))
    if os.environ.get("PODIUM_UPDATE_GOLDEN"):
        GOLDEN.write_text("\n".join(slide4) + "\n", encoding="utf-8")
    assert slide4 == GOLDEN.read_text(encoding="utf-8").splitlines()
    # The revealed list is complete: slide 3's last item is on it.
    assert "Nyttiggjort" in "\n".join(rows(files[2].read_text(encoding="utf-8")))


def test_svg_size_and_stored_poll_results(tmp_path: Path) -> None:
    deck = load_deck(SEED_DECK)
    store = vote_store(deck, tmp_path / "votes.sqlite3")
    out = tmp_path / "svg"
    args = ["--format", "svg", "--size", "80x24", "--store", str(store), "-o", str(out)]
    assert export(str(SEED_DECK), *args) == 0
    poll = rows((out / "slide-11.svg").read_text(encoding="utf-8"), 24)
    assert len(poll) == 24 and max(len(row) for row in poll) <= 80
    text = "\n".join(poll)
    # The default deck speaks Bokmål (lang: nb).
    assert "Samskaping" in text and "32%" in text and "19 stemmer" in text and "stengt" in text


def test_hostile_deck_svg_is_escaped(tmp_path: Path) -> None:
    deck = tmp_path / "hostile.yaml"
    deck.write_text(HOSTILE, encoding="utf-8")
    out = tmp_path / "svg"
    assert export(str(deck), "--format", "svg", "-o", str(out)) == 0
    first = (out / "slide-01.svg").read_text(encoding="utf-8")
    assert "<script" not in first and "<img" not in first
    shown = "\n".join(rows(first))
    # The title may be drawn in big letters; the subtitle is text, shown as written.
    assert "<script>alert(1)</script>" in shown or "onerror=alert(2)>" in shown
    assert "</title><img" in shown
