"""An update draws no widget wholly hidden behind others, and looks the same for it."""

from __future__ import annotations

import pytest
from conftest import DATA, FixedClock, fixed_now, in_english
from hypothesis import given
from hypothesis import strategies as st
from textual._compositor import Compositor
from textual.geometry import Region
from textual.widget import Widget

from tui.app import make_app
from tui.compositor import CroppedCompositor, _covered
from tui.deck import load_deck


def test_covered_means_every_cell_lies_in_a_region_in_front() -> None:
    assert _covered(Region(0, 0, 100, 30), [Region(0, 0, 100, 29), Region(0, 29, 100, 1)])
    assert not _covered(Region(0, 0, 100, 30), [Region(0, 0, 100, 29), Region(0, 29, 99, 1)])
    assert _covered(Region(0, 29, 100, 1), [Region(0, 29, 95, 1), Region(95, 29, 5, 1)])
    assert _covered(Region(2, 2, 3, 3), [Region(0, 0, 10, 10)])
    assert not _covered(Region(0, 0, 10, 10), [Region(0, 0, 5, 10), Region(6, 0, 4, 10)])
    assert not _covered(Region(0, 0, 10, 10), [])


regions = st.builds(
    Region,
    st.integers(0, 12),
    st.integers(0, 12),
    st.integers(1, 8),
    st.integers(1, 8),
)


@given(regions, st.lists(regions, max_size=5))
def test_covered_agrees_with_a_count_of_cells(part: Region, shown: list[Region]) -> None:
    cells = {(x, y) for x in range(part.x, part.right) for y in range(part.y, part.bottom)}
    for region in shown:
        cells -= {
            (x, y) for x in range(region.x, region.right) for y in range(region.y, region.bottom)
        }
    assert _covered(part, shown) == (not cells)


def test_covered_keeps_nothing_in_textuals_region_caches() -> None:
    before = (Region.overlaps.cache_info().misses, Region.contains_region.cache_info().misses)
    for y in range(40):
        _covered(Region(0, y, 100, 1), [Region(0, 0, 60, 29), Region(60, y, 40, 1)])
    after = (Region.overlaps.cache_info().misses, Region.contains_region.cache_info().misses)
    assert after == before


def _cells(strips) -> list[list[tuple[str, str]]]:
    return [[(segment.text, str(segment.style)) for segment in strip] for strip in strips]


@pytest.mark.parametrize("notes", [False, True])
async def test_the_whole_screen_is_drawn_as_textual_draws_it(
    notes: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    deck = in_english(load_deck(DATA / "all_layouts.yaml"))
    app = make_app(deck, clock=FixedClock(), now=fixed_now)
    async with app.run_test(size=(100, 30)) as pilot:
        if notes:
            await pilot.press("s")
        for index in range(len(deck.slides)):
            app.show.jump(index)
            await pilot.pause()
            await pilot.pause()
            compositor = app.screen._compositor
            assert isinstance(compositor, CroppedCompositor)
            drawn: list[Widget] = []
            render_lines = Widget.render_lines

            def counted(self: Widget, crop: Region, render=render_lines) -> list:
                drawn.append(self)
                return render(self, crop)

            monkeypatch.setattr(Widget, "render_lines", counted)
            ours = _cells(compositor.render_strips())
            drawn_by_us = list(drawn)
            drawn.clear()
            monkeypatch.setattr(CroppedCompositor, "_get_renders", Compositor._get_renders)
            theirs = _cells(compositor.render_strips())
            monkeypatch.undo()
            assert ours == theirs, f"slide {index + 1}"
            stage = app.screen.query_one("#stage")
            assert app.screen in drawn and stage in drawn  # Textual draws them all
            # Behind the stage and the status line; the stage behind the slide.
            assert app.screen not in drawn_by_us
            if not notes:
                assert stage not in drawn_by_us


def _kept(strips) -> list:
    """``strips`` and every strip kept in their caches (crops, restyles, pieces...)."""
    out, seen, todo = [], set(), list(strips)
    while todo:
        strip = todo.pop()
        if id(strip) in seen:
            continue
        seen.add(id(strip))
        out.append(strip)
        for name in ("_divide_cache", "_crop_cache", "_style_cache", "_filter_cache"):
            for value in getattr(strip, name)._cache.values():
                todo.extend(value if isinstance(value, list) else [value])
        for name in ("_line_length_cache", "_crop_extend_cache", "_offsets_cache"):
            todo.extend(getattr(strip, name)._cache.values())
    return out


async def test_the_lines_drawn_keep_no_pieces_cut_from_them() -> None:
    """Textual keeps the pieces an update cuts a line into in the line; ours let them go."""
    deck = in_english(load_deck(DATA / "all_layouts.yaml"))
    app = make_app(deck, clock=FixedClock(), now=fixed_now)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s")
        for index in range(len(deck.slides)):
            app.show.jump(index)
            await pilot.pause()
            await pilot.pause()
            before = _cells(app.screen._compositor.render_strips())
            lines = _kept(
                strip
                for widget in app.screen.walk_children(Widget, with_self=True)
                for strip in [*widget._styles_cache._cache.values(), *widget._render_cache.lines]
            )
            assert len(lines) > 50
            assert not [strip for strip in lines if strip._divide_cache], f"slide {index + 1}"
            # drawn again, cut anew: the same
            assert _cells(app.screen._compositor.render_strips()) == before
