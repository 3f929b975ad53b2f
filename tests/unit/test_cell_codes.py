"""The escape sequences of tui.cell_codes: each cursor move lands on its target, shortest first."""

from __future__ import annotations

import random

import pyte

from tui.cell_codes import move, transition

WIDTH, HEIGHT = 100, 30


def _landing(start: tuple[int, int], sequence: str) -> tuple[int, int]:
    screen = pyte.Screen(WIDTH, HEIGHT)
    stream = pyte.Stream(screen)
    stream.feed(f"\x1b[{start[0] + 1};{start[1] + 1}H{sequence}")
    return screen.cursor.y, screen.cursor.x


def test_every_move_lands_on_its_target() -> None:
    rng = random.Random(7)
    cells = [(y, x) for y in (0, 1, 2, 15, 28, 29) for x in (0, 1, 2, 9, 10, 50, 98, 99)]
    for _ in range(2000):
        start, (y, x) = rng.choice(cells), rng.choice(cells)
        assert _landing(start, move(start, y, x, WIDTH)) == (y, x)
        assert _landing(start, move(None, y, x, WIDTH)) == (y, x)


def test_short_moves_are_relative_and_long_ones_absolute() -> None:
    assert move((1, 66), 2, 66, WIDTH) == "\x1b[B"  # the line below the clock's digit
    assert move((2, 67), 2, 87, WIDTH) == "\x1b[20C"
    assert move((2, 88), 2, 87, WIDTH) == "\x1b[D"
    assert move((5, 5), 5, 5, WIDTH) == ""
    assert move(None, 1, 65, WIDTH) == "\x1b[2;66H"
    assert move(None, 0, 0, WIDTH) == "\x1b[H"
    assert move((20, 50), 3, 0, WIDTH) == "\x1b[4H"
    # After the last column the cursor waits to wrap: only an absolute move is sure.
    assert move((4, WIDTH), 4, 10, WIDTH) == "\x1b[5;11H"


def test_colours_from_an_unknown_state_start_with_a_reset() -> None:
    assert transition(None, "1;38;5;214") == "\x1b[0;1;38;5;214m"
    assert transition(None, "") == "\x1b[0m"
    assert transition("", "") == ""
