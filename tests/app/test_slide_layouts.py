"""A slide's layout as inline styles: each slide looks the same whatever came before it."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DATA, SEED_DECK, FixedClock, fixed_now, in_english

from tui.app import make_app
from tui.deck import load_deck
from tui.deck.model import Layout
from tui.render import _TrimmedTop, markdown
from tui.widgets.slide_layouts import layout_styles

DECK = DATA / "all_layouts.yaml"


def _screen(app) -> list[list[tuple[str, str]]]:
    """Every cell of the screen but the key line: character and style."""
    strips = app.screen._compositor.render_strips()
    return [
        [(segment.text, str(segment.style)) for segment in strip] for strip in strips[:-1]
    ]


async def _shown_after(index: int, visits: list[int], size: tuple[int, int]):
    deck = in_english(load_deck(DECK))
    app = make_app(deck, clock=FixedClock(), now=fixed_now)
    async with app.run_test(size=size) as pilot:
        for visit in [*visits, index]:
            app.show.jump(visit)
            await pilot.pause()
        # Settled: two looks in a row agree (a busy machine may lag a frame).
        shown = None
        for _ in range(20):
            await pilot.pause(0.02)
            now = _screen(app)
            if now == shown:
                break
            shown = now
        return shown


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
async def test_every_slide_looks_the_same_whatever_came_before(size) -> None:
    count = len(load_deck(DECK).slides)
    layouts = {slide.layout for slide in load_deck(DECK).slides}
    assert layouts >= {Layout.TITLE, Layout.CONTENT, Layout.SECTION, Layout.QUOTE, Layout.POLL}
    for index in range(count):
        fresh = await _shown_after(index, [], size)
        others = [other for other in range(count) if other != index]
        assert await _shown_after(index, others, size) == fresh, f"slide {index + 1}"
        assert await _shown_after(index, others[::-1], size) == fresh, f"slide {index + 1}"


def test_every_layout_sets_the_same_properties() -> None:
    """What one layout sets, the next one sets again: nothing lingers."""
    keys = {
        layout: {selector: set(styles) for selector, styles in layout_styles(layout).items()}
        for layout in Layout
    }
    first = next(iter(keys.values()))
    assert all(each == first for each in keys.values())


async def test_the_next_body_is_parsed_and_laid_out_before_its_key(tmp_path: Path) -> None:
    deck = in_english(load_deck(SEED_DECK))
    app = make_app(deck, clock=FixedClock(), now=fixed_now)
    contents = [i for i, slide in enumerate(deck.slides) if slide.layout is Layout.CONTENT]
    pairs = [i for i in contents if i + 1 in contents and deck.slides[i + 1].body.strip()]
    assert pairs, "the deck needs two content slides in a row"
    async with app.run_test(size=(100, 30)) as pilot:
        app.show.jump(pairs[0])
        await pilot.pause()
        await pilot.pause()
        upcoming = deck.slides[pairs[0] + 1].body_at_step(0)
        before = markdown.cache_info()
        renderable = markdown(upcoming, "left")
        assert markdown.cache_info().hits == before.hits + 1  # parsed already
        assert isinstance(renderable, _TrimmedTop) and renderable._lines  # and laid out
        laid_out = dict(renderable._lines)
        app.show.next()
        await pilot.pause()
        assert renderable._lines == laid_out  # drawn from those lines: no new layout


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (160, 48), (200, 60), (133, 41)])
async def test_the_join_code_comes_in_the_poll_slide_s_own_frame(size) -> None:
    pytest.importorskip("segno")
    from tui.web.qr import make_join
    from tui.widgets.join_view import JoinView
    from tui.widgets.slide_view import SlideView

    deck = in_english(load_deck(DECK))
    app = make_app(deck, clock=FixedClock(), now=fixed_now)
    polls = [i for i, slide in enumerate(deck.slides) if slide.poll is not None]
    async with app.run_test(size=size) as pilot:
        join = make_join("http://192.168.1.20:8000/j/abcdefghij", "ABCD")
        app.screen.query_one(SlideView).set_join(join)
        await pilot.pause()
        for before in range(len(deck.slides)):
            for poll in polls:
                if before == poll:
                    continue
                app.show.jump(before)
                await pilot.pause()
                app.show.jump(poll)  # drawn at once: what the frame will carry
                drawn = app.screen.query_one(JoinView)._shown
                await pilot.pause()
                await pilot.pause()
                assert drawn is not None and drawn[0] is not None
                # Measured again after the layout: the same, so no second frame.
                assert app.screen.query_one(JoinView)._shown == drawn, (before, poll)


async def test_a_poll_left_behind_keeps_no_drawn_lines() -> None:
    from textual.widget import Widget

    app = make_app(in_english(load_deck(SEED_DECK)), clock=FixedClock(), now=fixed_now)
    async with app.run_test(size=(100, 30)) as pilot:
        poll = next(i for i, slide in enumerate(app.deck.slides) if slide.poll is not None)
        app.show.jump(poll)
        await pilot.pause()
        await pilot.pause()
        row = app.screen.query_one("#slide-poll-row")
        parts = list(row.walk_children(Widget, with_self=True))
        drawn = [part for part in parts if part._styles_cache._cache or part._render_cache.lines]
        assert drawn  # on its slide, the poll keeps its lines like any widget
        app.show.jump(poll + 1)
        await pilot.pause()
        await pilot.pause()
        assert not row.display
        held = [part for part in parts if part._styles_cache._cache or part._render_cache.lines]
        assert not held, held
        before = app.screen._compositor.render_strips()
        app.show.jump(poll)  # back: drawn again, as it was
        await pilot.pause()
        await pilot.pause()
        assert row.display and app.screen.query_one("#slide-poll")._render_cache.lines
        assert app.screen._compositor.render_strips() != before
