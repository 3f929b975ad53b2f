"""The next frame, drawn ahead on an off-stack screen, is the frame Right shows."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DATA, SEED_DECK, FixedClock, fixed_now, in_english
from msgspec.structs import replace
from rich.color import ColorSystem
from textual.widget import Widget

from tui.app import make_app
from tui.cell_diff import CellDiff, update_pieces
from tui.deck import load_deck
from tui.navigation import Position
from tui.screens.frame_ahead import FrameAhead
from tui.show.events import Change, Flag
from tui.widgets.notes_pane import NotesPane


def _outside(rows, keep):
    """``rows`` with the cells of the regions in ``keep`` blanked out (the clock)."""
    out = []
    for y, x, cells in rows:
        cells = list(cells)
        for region in keep:
            if region.y <= y < region.bottom:
                for column in range(region.x, region.right):
                    cells[column - x] = None
        out.append((y, x, cells))
    return out


async def _walk(path: Path, size: tuple[int, int], notes: bool, theme: str | None = None):
    """Right through the deck; per change, whether a frame was ready and if it matched."""
    app = make_app(in_english(load_deck(path)), clock=FixedClock(), now=fixed_now)
    app.draw_ahead = True
    used: list[tuple[object, object]] = []
    wrong: list[str] = []
    original = FrameAhead.frame_for

    def frame_for(self, change):
        drawn = original(self, change)
        used.append((change.state.position, drawn))
        return drawn

    FrameAhead.frame_for = frame_for  # type: ignore[method-assign]
    try:
        async with app.run_test(size=size) as pilot:
            if notes:
                await pilot.press("s")
            if theme is not None:
                await pilot.press("right")  # drawn ahead in the first theme
                await pilot.pause(0.2)
                assert app.theme != theme
                app.theme = theme
            for _ in range(len(app.deck.slides) * 4):
                position = app.show.state.position
                for _ in range(50):  # the frame is drawn once the one on screen is out
                    await pilot.pause(0.02)
                    ahead = app.screen._ahead
                    if ahead is not None and ahead._drawn is not None:
                        break
                await pilot.press("right")
                await pilot.pause(0.05)
                if app.show.state.position == position:
                    break
                _, drawn = used[-1]
                if drawn is None:
                    continue
                keep = [clock.region for clock in app.screen.query("#notes-clock")]
                ahead = _outside(drawn.rows, keep)
                for _ in range(100):  # the presenter's own frame, once drawn (a busy machine lags)
                    await pilot.pause(0.02)
                    shown = _outside(
                        update_pieces(
                            app.screen._compositor.render_full_update(),
                            app.console._color_system or ColorSystem.TRUECOLOR,
                        ),
                        keep,
                    )
                    if shown == ahead:
                        break
                else:
                    rows = [y for (y, _, a), (_, _, b) in zip(ahead, shown, strict=True) if a != b]
                    wrong.append(f"{position} -> {app.show.state.position}: rows {rows}")
            assert app.screen._ahead.failed is None
    finally:
        FrameAhead.frame_for = original  # type: ignore[method-assign]
    ready = sum(1 for _, drawn in used if drawn is not None)
    return ready, len(used), wrong


@pytest.mark.parametrize(
    ("path", "size", "notes", "least"),
    [
        (SEED_DECK, (100, 30), False, 11),
        (SEED_DECK, (200, 60), True, 10),
        (SEED_DECK, (80, 24), True, 3),
        (DATA / "all_layouts.yaml", (100, 30), False, 5),
        (DATA / "all_layouts.yaml", (80, 24), True, 3),
    ],
)
async def test_each_frame_drawn_ahead_is_the_frame_right_shows(path, size, notes, least) -> None:
    ready, changes, wrong = await _walk(path, size, notes)
    assert not wrong, wrong
    # Most changes are drawn ahead (not those with a scroll bar, nor the
    # timer's start with the notes pane open).
    assert ready >= least, (ready, changes)


@pytest.mark.parametrize("theme", ["paper", "terminal"])
async def test_after_a_change_of_theme_the_frames_drawn_ahead_are_in_it(theme) -> None:
    ready, changes, wrong = await _walk(SEED_DECK, (100, 30), False, theme)
    assert not wrong, wrong
    assert ready >= 10, (ready, changes)


async def test_a_change_in_between_leaves_the_frame_unused() -> None:
    app = make_app(in_english(load_deck(SEED_DECK)), clock=FixedClock(), now=fixed_now)
    app.draw_ahead = True
    async with app.run_test(size=(100, 30)) as pilot:
        app.show.jump(9)  # the slide before the poll
        for _ in range(50):
            await pilot.pause(0.02)
            if app.screen._ahead is not None and app.screen._ahead._drawn is not None:
                break
        ahead = app.screen._ahead
        drawn = ahead._drawn
        assert drawn is not None and not drawn.old.notes_shown
        change = app.show.toggle_notes()  # not the move it was drawn for
        assert ahead.frame_for(change) is None and ahead._drawn is None
        for _ in range(50):  # drawn again, with the notes pane
            await pilot.pause(0.02)
            if ahead._drawn is not None:
                break
        assert ahead._drawn is not None and ahead._drawn.old.notes_shown
        state = app.show.state
        move = Change(replace(state, position=Position(10, 0)), state, frozenset({Flag.MOVED}))
        assert ahead.frame_for(move) is ahead._drawn


async def test_the_understudy_clock_does_not_tick() -> None:
    app = make_app(in_english(load_deck(SEED_DECK)), clock=FixedClock(), now=fixed_now)
    app.draw_ahead = True
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s", "right")
        for _ in range(50):
            await pilot.pause(0.02)
            ahead = app.screen._ahead
            if ahead is not None and ahead._drawn is not None:
                break
        pane = ahead.understudy.query_one(NotesPane)
        assert pane._tick is None and not pane._ticking
        assert app.screen.query_one(NotesPane)._tick is not None  # the presenter's ticks


async def test_the_understudy_keeps_no_drawn_lines_between_frames() -> None:
    app = make_app(in_english(load_deck(SEED_DECK)), clock=FixedClock(), now=fixed_now)
    app.draw_ahead = True
    async with app.run_test(size=(100, 30)) as pilot:
        for key in ("s", "right", "right"):  # drawn ahead twice over the same widgets
            await pilot.press(key)
            ahead = app.screen._ahead
            for _ in range(50):
                await pilot.pause(0.02)
                if ahead is not None and ahead._drawn is not None:
                    break
                ahead = app.screen._ahead
        assert ahead is not None and ahead._drawn is not None
        widgets = list(ahead.understudy.walk_children(Widget, with_self=True))
        assert len(widgets) > 10
        held = [w for w in widgets if w._styles_cache._cache or w._render_cache.lines]
        assert not held, held
        # the presenter's own screen keeps its lines (its updates redraw only what changed)
        assert app.screen.query_one("#slide")._styles_cache._cache


def test_a_write_worked_out_ahead_equals_the_write_made_then() -> None:
    diff = CellDiff()
    diff.resize(10, 2)
    diff.render([(0, 0, [("a", "", None)] * 10), (1, 0, [("b", "1", None)] * 10)])
    pieces = [(0, 2, [("x", "", None)] * 3), (1, 0, [("b", "1", None)] * 4)]
    after = diff.copy()
    planned = after.render(pieces)
    now = diff.copy()
    assert now.render(pieces) == planned
    assert now.rows == after.rows and now.sgr == after.sgr
    version = diff.version
    diff.adopt(after)
    assert diff.rows == after.rows and diff.version == version + 1
    assert diff.render(pieces) == ""  # the terminal already shows it


async def test_quitting_while_the_notes_drawn_ahead_are_built_is_clean(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """q (or a signal) just as the off-screen notes pane is mounted: the app ends without error.

    Textual closes a screen off the stack after the others, so the pane is
    mounted while the app is closing, without its children.
    """
    from tui.screens.frame_ahead import UnderstudyScreen

    built = UnderstudyScreen._mount_notes
    quits: list[bool] = []

    def mount_then_quit(self: UnderstudyScreen) -> None:
        built(self)
        quits.append(True)
        self.app.exit()  # before the pane has had a chance to mount

    monkeypatch.setattr(UnderstudyScreen, "_mount_notes", mount_then_quit)
    app = make_app(in_english(load_deck(SEED_DECK)), clock=FixedClock(), now=fixed_now)
    app.draw_ahead = True
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s")
        for _ in range(50):
            await pilot.pause(0.02)
            if quits:
                break
    assert quits  # the case was reached
    assert app._exception is None and app.return_code == 0


async def test_quitting_just_as_the_screen_drawn_ahead_is_built_is_clean(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """q at once after the first slide: the off-screen screen is mounted without its children."""
    retry = FrameAhead._retry
    quits: list[bool] = []

    def quit_then_retry(self: FrameAhead) -> None:
        if not quits:
            quits.append(True)
            self._presenter.app.exit()  # the understudy was just registered
        retry(self)

    monkeypatch.setattr(FrameAhead, "_retry", quit_then_retry)
    app = make_app(in_english(load_deck(SEED_DECK)), clock=FixedClock(), now=fixed_now)
    app.draw_ahead = True
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(50):
            await pilot.pause(0.02)
            if quits:
                break
    assert quits  # the case was reached
    assert app._exception is None and app.return_code == 0
