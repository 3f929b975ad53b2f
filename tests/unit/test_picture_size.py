"""A picture's size read from its header, and ``podium check`` refusing the
pictures a slide would only say it cannot show (the same rule and words)."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from tui.deck import DeckError, load_deck
from tui.deck.picture_size import MAX_PIXELS, picture_size, pixels_problem

FORMATS = [
    ("PNG", {}),
    ("GIF", {}),
    ("BMP", {}),
    ("JPEG", {}),
    ("JPEG", {"progressive": True, "exif": b"Exif\x00\x00" + b"x" * 30_000}),
    ("TIFF", {}),
    ("WEBP", {}),
    ("WEBP", {"lossless": True}),
]


@pytest.mark.parametrize(("fmt", "options"), FORMATS)
@pytest.mark.parametrize("size", [(1, 1), (123, 45), (641, 1017)])
def test_the_size_read_from_the_header_is_pillows(
    fmt: str, options: dict[str, object], size: tuple[int, int]
) -> None:
    data = io.BytesIO()
    Image.new("RGB", size, (10, 20, 30)).save(data, fmt, **options)
    assert picture_size(data) == size


def test_an_extended_webp_and_a_cut_header() -> None:
    data = io.BytesIO()
    Image.new("RGBA", (300, 200), (1, 2, 3, 100)).save(data, "WEBP")  # VP8X with alpha
    assert picture_size(data) == (300, 200)
    assert picture_size(io.BytesIO(b"\x89PNG\r\n\x1a\n")) is None
    assert picture_size(io.BytesIO(b"\xff\xd8\xff\xe0\x00")) is None
    assert picture_size(io.BytesIO(b"not a picture")) is None


def test_the_rule_is_the_slides() -> None:
    assert pixels_problem(8000, 5000) is None
    assert MAX_PIXELS == 8000 * 5000
    assert pixels_problem(8000, 5001) == (
        "8000x5001 pixels is too large (at most 40 megapixels; save a smaller copy)"
    )


def _deck(tmp_path: Path) -> Path:
    Image.new("1", (12_000, 12_000)).save(tmp_path / "big.png")
    Image.new("1", (30_000, 30_000)).save(tmp_path / "bomb.png")  # Pillow's "bomb" size
    Image.new("1", (6_000, 6_000)).save(tmp_path / "fine.png")
    deck = tmp_path / "deck.yaml"
    deck.write_text(
        "title: T\n"
        "slides:\n"
        "  - title: Big\n"
        "    image: big.png\n"
        "  - title: Bomb\n"
        "    body: |\n"
        "      Look:\n"
        "\n"
        "      ![huge](bomb.png)\n"
        "  - title: Fine\n"
        "    image: fine.png\n",
        encoding="utf-8",
    )
    return deck


def test_check_refuses_what_the_slide_cannot_show_at_its_line(tmp_path: Path) -> None:
    _deck(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "tui", "check", "deck.yaml"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=tmp_path,
    )
    assert result.returncode == 2, result
    assert result.stderr.splitlines() == [
        "deck.yaml:4:12: image file 'big.png' cannot be shown: 12000x12000 pixels is too "
        "large (at most 40 megapixels; save a smaller copy)",
        "deck.yaml:9:15: image file 'bomb.png' cannot be shown: 30000x30000 pixels is too "
        "large (at most 40 megapixels; save a smaller copy)",
    ]


def test_presenting_refuses_it_too_and_the_slide_says_the_same(tmp_path: Path) -> None:
    from tui.render_images import decoded

    deck = _deck(tmp_path)
    with pytest.raises(DeckError) as caught:
        load_deck(deck)
    assert len(caught.value.problems) == 2
    for name, side in (("big.png", 12_000), ("bomb.png", 30_000)):
        # The slide's own words (a file swapped after the check) match the check's.
        assert decoded(str(tmp_path / name)) == pixels_problem(side, side)
    assert not isinstance(decoded(str(tmp_path / "fine.png")), str)
