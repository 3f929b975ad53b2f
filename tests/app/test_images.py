"""Pictures and links on slides, in the running apps (Pilot)."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import DATA, REPO

from tui.app import PodiumApp, make_app
from tui.audience.app import make_audience_app
from tui.audience.publish import Publisher
from tui.deck import Deck, load_deck
from tui.picture_terminal import cell_size
from tui.render_images import decoded, fit
from tui.widgets.slide_view import SlideView

BLOCK = "▀"


# textual-image 0.12 reads pixels with Image.getdata(), deprecated in Pillow 12
# (Podium filters it once; pytest resets warning filters for every test).
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:textual_image._pixeldata")


@pytest.fixture
def pictures() -> Deck:
    return load_deck(DATA / "pictures.yaml")


@pytest.fixture(autouse=True)
def half_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("PODIUM_IMAGES", raising=False)


def body_lines(app) -> list[list]:
    body = app.screen.query_one("#slide-body")
    return body.render_lines(body.region.reset_offset)


def picture_box(app) -> tuple[int, int]:
    """Columns and rows of half blocks drawn in the slide body."""
    rows = [line for line in body_lines(app) if any(BLOCK in segment.text for segment in line)]
    columns = {sum(len(s.text) for s in line if set(s.text) == {BLOCK}) for line in rows}
    assert len(columns) <= 1, columns
    return (columns.pop() if columns else 0), len(rows)


def plain(app, selector: str = "#slide-body") -> str:
    widget = app.screen.query_one(selector)
    lines = widget.render_lines(widget.region.reset_offset)
    return "\n".join("".join(segment.text for segment in line).rstrip() for line in lines)


async def until(pilot, condition: Callable[[], bool], timeout: float = 3.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition never held")
        await pilot.pause(0.01)


def expected_box(app: PodiumApp, room: int) -> tuple[int, int]:
    image = decoded(str(DATA / "picture.png"))
    assert not isinstance(image, str)
    width = app.screen.query_one("#slide-body").content_region.width
    return fit(image.size, (width, room), cell_size())


async def test_the_picture_fills_the_room_under_the_title_and_follows_a_resize(
    pictures: Deck,
) -> None:
    app = make_app(pictures)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.screen.query_one(SlideView)
        room = view.picture_room()
        small = picture_box(app)
        assert small == expected_box(app, room)
        assert small[1] == room or small[0] == app.screen.query_one("#slide-body").size.width
        # Each half block holds two pixels: foreground above, background below.
        coloured = [
            segment
            for line in body_lines(app)
            for segment in line
            if BLOCK in segment.text and segment.style and segment.style.bgcolor
        ]
        assert coloured and len({s.style.color for s in coloured}) > 3

        await pilot.resize_terminal(160, 48)
        await until(pilot, lambda: picture_box(app) != small)
        large = picture_box(app)
        assert large == expected_box(app, view.picture_room())
        assert large[0] > small[0] and large[1] > small[1]

        await pilot.resize_terminal(80, 24)
        await until(pilot, lambda: picture_box(app) == small)


async def test_a_body_picture_shares_the_room_with_its_text(pictures: Deck) -> None:
    app = make_app(pictures)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("right")
        await until(pilot, lambda: picture_box(app)[1] > 0)
        view = app.screen.query_one(SlideView)
        text = plain(app)
        assert text.lstrip().startswith("Før bildet.")
        assert text.rstrip().endswith("Les mer hos KS (www.ks.no).")
        columns, rows = picture_box(app)
        assert 0 < columns <= app.screen.query_one("#slide-body").size.width
        # Two lines of text and two gaps leave the rest to the picture.
        assert rows == view.picture_room() - 4
        assert len(body_lines(app)) <= view.picture_room()
        assert "🌆" not in text


async def test_link_addresses_are_on_the_slide_as_osc8_hyperlinks(pictures: Deck) -> None:
    app = make_app(pictures)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("right", "right")
        await until(pilot, lambda: "www.ks.no" in plain(app))
        text = plain(app)
        assert "KS (www.ks.no) og Difi (www.difi.no/om-difi)" in text
        assert text.count("www.regjeringen.no") == 1
        targets = {
            segment.style.link: segment.text
            for line in body_lines(app)
            for segment in line
            if segment.style is not None and segment.style.link
        }
        assert set(targets) == {
            "https://www.ks.no",
            "https://www.difi.no/om-difi",
            "https://www.regjeringen.no",
        }


async def test_no_color_names_the_picture_instead(
    pictures: Deck, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(pictures)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert picture_box(app) == (0, 0)
        assert "[picture: Et bilde — picture.png]" in plain(app)


async def test_a_picture_that_breaks_after_loading_shows_its_alt_text(
    tmp_path: Path,
) -> None:
    picture = tmp_path / "p.png"
    picture.write_bytes((DATA / "picture.png").read_bytes())
    deck_file = tmp_path / "deck.yaml"
    deck_file.write_text("slides:\n  - body: '![Tre former](p.png)'\n", encoding="utf-8")
    deck = load_deck(deck_file)
    picture.write_bytes(b"\x89PNG\r\n\x1a\n broken")  # damaged after the check
    app = make_app(deck)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = " ".join(plain(app).split())
        assert "[picture: Tre former — p.png] (cannot be shown:" in text
        assert picture_box(app) == (0, 0)


async def test_the_audience_view_draws_the_picture_too(pictures: Deck) -> None:
    publisher = Publisher(pictures.source)
    assert publisher.open()
    try:
        publisher.publish(1, 0, theme="ks")
        app = make_audience_app(pictures, pictures.source)
        async with app.run_test(size=(100, 30)) as pilot:
            # Drawn with the room guessed, then refitted once laid out.
            await until(pilot, lambda: "Les mer hos KS (www.ks.no)." in plain(app))
            view = app.screen.query_one(SlideView)
            assert picture_box(app)[1] == view.picture_room() - 4
    finally:
        publisher.close()


def test_a_deck_without_pictures_never_loads_the_picture_renderer() -> None:
    code = (
        "import asyncio, json, sys\n"
        "from tui.app import make_app\n"
        "from tui.deck import load_deck\n"
        "async def main():\n"
        "    app = make_app(load_deck(sys.argv[1]))\n"
        "    async with app.run_test(size=(80, 24)) as pilot:\n"
        "        for _ in range(3):\n"
        "            await pilot.press('right')\n"
        "        await pilot.pause()\n"
        "asyncio.run(main())\n"
        "print(json.dumps(sorted({name.split('.')[0] for name in sys.modules})))\n"
    )
    deck = str(REPO / "slides.yaml")
    result = subprocess.run(
        [sys.executable, "-c", code, deck], capture_output=True, text=True, cwd=REPO, timeout=120
    )
    assert result.returncode == 0, result.stderr
    loaded = set(json.loads(result.stdout.strip().splitlines()[-1]))
    assert not loaded & {"PIL", "textual_image"}, loaded & {"PIL", "textual_image"}
    assert "tui" in loaded


async def test_a_picture_leaves_room_for_the_poll_under_it(tmp_path: Path) -> None:
    (tmp_path / "p.png").write_bytes((DATA / "picture.png").read_bytes())
    deck_file = tmp_path / "deck.yaml"
    deck_file.write_text(
        "slides:\n  - title: Start\n  - title: Poll\n    image: p.png\n"
        "    poll: {options: [Ja, Nei]}\n",
        encoding="utf-8",
    )
    app = make_app(load_deck(deck_file))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("right")
        await until(pilot, lambda: picture_box(app)[1] > 0)
        await pilot.pause(0.2)
        scroll = app.screen.query_one("#slide-scroll")
        assert scroll.max_scroll_y == 0  # picture and poll fit: nothing to scroll
        assert "more" not in plain(app, "#status")
        assert "Nei" in plain(app, "#slide-poll")


async def test_the_next_slides_picture_is_drawn_ahead(tmp_path: Path) -> None:
    from tui import render_images

    picture = tmp_path / "ahead.png"
    picture.write_bytes((DATA / "picture.png").read_bytes())
    deck_file = tmp_path / "deck.yaml"
    deck_file.write_text(
        "slides:\n  - title: Start\n  - title: Next\n    image: ahead.png\n", encoding="utf-8"
    )
    app = make_app(load_deck(deck_file))

    def drawn() -> list[tuple]:
        return [key for key in render_images._DRAWN if key[0] == str(picture)]

    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: bool(drawn()), timeout=10)
        ahead = drawn()
        await pilot.press("right")
        await until(pilot, lambda: picture_box(app)[1] > 0)
        assert drawn() == ahead  # the slide used the lines drawn ahead


@pytest.mark.parametrize("seed", [5, 17])
async def test_random_keys_and_resizes_on_picture_slides_never_crash(
    seed: int, tmp_path: Path
) -> None:
    from fuzz_keys import COMMON_KEYS, Target, fuzz

    deck = load_deck(DATA / "pictures.yaml")
    target = Target("pictures", lambda rng: make_app(deck), [*COMMON_KEYS, "o", "enter"])
    report = await fuzz(target, seed, 300)
    assert (report.crashes, report.hangs) == (0, 0), report.errors


def test_large_pictures_are_reduced_and_huge_ones_refused(tmp_path: Path) -> None:
    from PIL import Image

    from tui.render_images import MAX_PIXELS, MAX_SIDE

    large = tmp_path / "large.png"
    Image.new("RGB", (4000, 1000), (200, 30, 30)).save(large)
    image = decoded(str(large))
    assert not isinstance(image, str)
    assert image.size == (MAX_SIDE, MAX_SIDE // 4)
    huge = tmp_path / "huge.png"
    side = int(MAX_PIXELS**0.5) + 10
    Image.new("1", (side, side)).save(huge)  # small file, too many pixels
    assert "too large" in str(decoded(str(huge)))
