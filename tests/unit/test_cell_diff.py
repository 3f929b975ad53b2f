"""The cell diff (tui.cell_diff): what it writes brings a terminal to the frame, and little else.

A pyte screen stands in for the terminal: every sequence of frames written
through :class:`CellDiff` must leave it exactly as writing each frame in
full would.
"""

from __future__ import annotations

import random
import re
import zlib

import pyte
from rich.cells import cell_len
from rich.color import ColorSystem
from rich.segment import Segment
from rich.style import Style
from textual._compositor import ChopsUpdate, LayoutUpdate
from textual.geometry import Region
from textual.strip import Strip

from tui.cell_diff import CellDiff, cells, transition, update_pieces

WIDTH, HEIGHT = 30, 6
STYLES = [
    Style(),
    Style(bold=True),
    Style(color="red", bgcolor="blue"),
    Style(color="#ff8800", bgcolor="#002244", italic=True),
    Style(bold=True, underline=True, color="green"),
    Style(dim=True),
    Style(reverse=True, bgcolor="#002244"),
    Style(link="https://example.org/a"),
]
TEXTS = ["Samordning", "  ", "Innovasjon!", "æøå", "日本", "–→•", " ", "x"]


def _screen() -> tuple[pyte.Screen, pyte.ByteStream]:
    screen = pyte.Screen(WIDTH, HEIGHT)
    return screen, pyte.ByteStream(screen)


def _seen(screen: pyte.Screen) -> list[list[tuple[object, ...]]]:
    return [
        [
            (cell.data, cell.fg, cell.bg, cell.bold, cell.italics, cell.underscore, cell.reverse)
            for cell in (screen.buffer[y][x] for x in range(WIDTH))
        ]
        for y in range(HEIGHT)
    ]


def _full(frame: list[list[Segment]]) -> bytes:
    """A frame as Textual writes it: every row, every segment with its full style."""
    out = []
    for y, row in enumerate(frame):
        out.append(f"\x1b[{y + 1};1H")
        out.append(Strip(row).render_style_all())
    return "".join(out).encode()


def _row(rng: random.Random) -> list[Segment]:
    segments, width = [], 0
    while width < WIDTH:
        text = rng.choice(TEXTS)
        segment = Segment(text, rng.choice(STYLES))
        if width + segment.cell_length > WIDTH:
            segment = Segment(" " * (WIDTH - width), rng.choice(STYLES))
        segments.append(segment)
        width += segment.cell_length
    return segments


def _render(diff: CellDiff, frame: list[list[Segment]]) -> str:
    pieces = [(y, 0, cells(row, ColorSystem.TRUECOLOR)) for y, row in enumerate(frame)]
    return diff.render(pieces)


# Textual writes each segment as SGR + text + reset; this stands in for it.
Strip.render_style_all = lambda self: "".join(  # type: ignore[attr-defined]
    Strip.render_style(style, text, ColorSystem.TRUECOLOR) if style else text
    for text, style, _ in self
)


def test_any_sequence_of_frames_leaves_the_screen_as_full_redraws_do() -> None:
    rng = random.Random(2012)
    diff = CellDiff()
    diff.resize(WIDTH, HEIGHT)
    diffed, diffed_stream = _screen()
    full, full_stream = _screen()
    frame = [_row(rng) for _ in range(HEIGHT)]
    for _ in range(60):
        # Change a few rows a little (as a slide change or a clock tick does).
        for y in rng.sample(range(HEIGHT), rng.randint(0, 3)):
            frame[y] = _row(rng) if rng.random() < 0.5 else frame[y][::-1]
        diffed_stream.feed(_render(diff, frame).encode())
        full_stream.feed(_full(frame))
        assert _seen(diffed) == _seen(full)


def test_an_unchanged_frame_writes_nothing_and_one_changed_cell_a_few_bytes() -> None:
    diff = CellDiff()
    diff.resize(WIDTH, HEIGHT)
    rows = [[Segment("0:00", Style(bold=True)), Segment(" " * (WIDTH - 4))]] * HEIGHT
    first = _render(diff, rows)
    assert first.count("0:00") == HEIGHT
    assert _render(diff, rows) == ""
    rows = [rows[0]] * (HEIGHT - 1) + [[Segment("0:01", Style(bold=True)), Segment(" " * 26)]]
    tick = _render(diff, rows)
    # The colours are left on for the next write (no reset at the end).
    assert tick == f"\x1b[{HEIGHT};4H\x1b[1m1"
    assert diff.sgr == "1" and diff.plain() == "\x1b[0m" and diff.plain() == ""


def test_colours_carry_over_from_one_write_to_the_next() -> None:
    diff = CellDiff()
    diff.resize(WIDTH, HEIGHT)
    clock = Style(color="#ffaf00", bgcolor="#00005f", bold=True)
    first = _render(diff, [[Segment("0:01", clock), Segment(" " * (WIDTH - 4), clock)]])
    assert first.startswith("\x1b[H\x1b[0;1;38;2;255;175;0;48;2;0;0;95m")  # not known: reset
    tick = _render(diff, [[Segment("0:02", clock), Segment(" " * (WIDTH - 4), clock)]])
    assert tick == "\x1b[1;4H2"  # same colours: none sent
    diff.forget()
    assert diff.sgr is None and diff.plain() == "\x1b[0m"


def test_a_tick_in_two_colours_starts_with_the_colour_the_terminal_has() -> None:
    diff = CellDiff()
    diff.resize(WIDTH, HEIGHT)
    timer, pace = Style(bold=True, color="yellow"), Style(color="white")
    screen, stream = _screen()

    def frame(timer_text: str, pace_text: str) -> list[list[Segment]]:
        return [
            [Segment(timer_text, timer), Segment(" " * (WIDTH - len(timer_text)))],
            [Segment(pace_text, pace), Segment(" " * (WIDTH - len(pace_text)))],
        ] + [[Segment(" " * WIDTH)]] * (HEIGHT - 2)

    ticks = [("0:21", "ahead 1:39 · 18:39 left"), ("0:22", "ahead 1:38 · 18:38 left")]
    ticks += [("0:23", "ahead 1:37 · 18:37 left")]
    for timer_text, pace_text in ticks:
        out = _render(diff, frame(timer_text, pace_text))
        stream.feed(out.encode())
    assert screen.display[0].startswith("0:23") and screen.display[1].startswith("ahead 1:37")
    # The last tick began where the one before it ended, in its colours:
    # the pace line's (white) after the timer, or the timer's after the pace.
    assert len(re.findall(r"\x1b\[[0-9;]*m", out)) == 1, repr(out)
    assert out.count("\x1b[") <= 4, repr(out)  # two moves, one colour change, one jump


def test_forgetting_the_terminal_writes_the_next_frame_in_full() -> None:
    diff = CellDiff()
    diff.resize(WIDTH, HEIGHT)
    rows = [[Segment("Samordning".ljust(WIDTH))]] * HEIGHT
    _render(diff, rows)
    diff.forget()
    assert _render(diff, rows).count("Samordning") == HEIGHT


def test_wide_characters_are_written_whole() -> None:
    diff = CellDiff()
    diff.resize(WIDTH, HEIGHT)
    screen, stream = _screen()
    stream.feed(_render(diff, [[Segment("日本語".ljust(WIDTH - 3))]]).encode())
    # The right half of 本 changes (to the left half of a narrow pair): 本 goes whole.
    out = _render(diff, [[Segment("日xx語".ljust(WIDTH - 2))]])
    assert "本" not in out and "xx" in out
    stream.feed(out.encode())
    assert screen.display[0].startswith("日xx語")


def test_colours_change_only_where_they_differ() -> None:
    assert transition("1;38;2;1;2;3", "1;38;2;1;2;3") == ""
    assert transition("38;5;231;48;5;17", "1;38;5;214;48;5;17") == "\x1b[1;38;5;214m"
    assert transition("1;38;5;214;48;5;17", "38;5;231;48;5;17") == "\x1b[22;38;5;231m"
    assert transition("1;2", "2") == "\x1b[0;2m"  # 22 would end faint too
    assert transition("3", "") == "\x1b[0m"
    screen, stream = _screen()
    for old, new in [("1;3;38;5;9", "3;48;5;17"), ("7", "1;7"), ("2;4", "4"), ("", "9")]:
        stream.feed(f"\x1b[0;{old}m\x1b[1;1H{transition(old, new)}X\x1b[0;{new}mY".encode())
        x, y = screen.buffer[0][0], screen.buffer[0][1]
        assert (x.fg, x.bg, x.bold, x.italics, x.underscore, x.reverse) == (
            y.fg,
            y.bg,
            y.bold,
            y.italics,
            y.underscore,
            y.reverse,
        )


def test_links_open_and_close_around_their_cells() -> None:
    diff = CellDiff()
    diff.resize(WIDTH, HEIGHT)
    link = Style(link="https://example.org/x")
    out = _render(diff, [[Segment("see "), Segment("here", link), Segment(" " * 22)]])
    link_id = f"{zlib.crc32(b'https://example.org/x'):x}"
    assert f"\x1b]8;id={link_id};https://example.org/x\x1b\\here\x1b]8;;\x1b\\" in out


def test_textual_updates_become_rows_of_cells() -> None:
    strip = Strip([Segment("ab", Style(bold=True)), Segment("cd")])
    layout = update_pieces(
        LayoutUpdate([[strip], [strip]], Region(3, 1, 4, 2)), ColorSystem.STANDARD
    )
    assert [(y, x, "".join(cell[0] for cell in row)) for y, x, row in layout] == [
        (1, 3, "abcd"),
        (2, 3, "abcd"),
    ]
    assert layout[0][2][0][1] == "1" and layout[0][2][2][1] == ""
    chops = ChopsUpdate([{0: strip, 4: None}], [(0, 1, 3)], [[4, 8]])
    assert [
        (y, x, "".join(c[0] for c in row))
        for y, x, row in update_pieces(chops, ColorSystem.STANDARD)
    ] == [(0, 0, "abc")]


def test_a_frame_holds_each_distinct_cell_once() -> None:
    """The shadow of a full screen shares its cells: as many tuples as distinct cells."""
    diff = CellDiff()
    width, height = 100, 30
    diff.resize(width, height)
    styles = STYLES[:3]
    frame = []
    for y in range(height):
        text = (TEXTS[y % len(TEXTS)] + " Samfunnsfloker ") * 10
        row = cells([Segment(text, styles[y % 3])], ColorSystem.TRUECOLOR)[:width]
        frame.append((y, 0, row))
    diff.render(frame)
    shown = [cell for row in diff.rows for cell in row if cell is not None]
    assert len(shown) == width * height
    assert len({id(cell) for cell in shown}) == len(set(shown)) < 100


def test_a_row_with_emoji_is_written_whole_and_cleared_to_its_end() -> None:
    """Terminals disagree on emoji widths: such a row is never patched cell by cell."""
    diff = CellDiff()
    diff.resize(WIDTH, HEIGHT)
    plain = [[Segment("plain text".ljust(WIDTH))] for _ in range(HEIGHT)]
    _render(diff, plain)
    text = "flag 🇳🇴 end"
    row = text + " " * (WIDTH - 1 - cell_len(text))
    flag = [*plain[:2], [Segment(row + "│")], *plain[3:]]
    out = _render(diff, flag)
    assert out == f"\x1b[3H{row}\x1b[K\x1b[3;{WIDTH}H│"  # the last cell where it belongs
    # Back to plain text: the row as the terminal drew it may be shifted, so whole again.
    back = _render(diff, plain)
    assert back == f"\x1b[3H{plain[2][0].text[:-1]}\x1b[K\x1b[3;{WIDTH}H "
    assert _render(diff, plain) == ""
    # Rows without emoji are still patched cell by cell.
    assert _render(diff, [*plain[:5], [Segment("plain test".ljust(WIDTH))]]) == "\x1b[6;9Hs"


def test_frames_with_emoji_leave_the_screen_as_full_redraws_do() -> None:
    rng = random.Random(1905)
    texts = [*TEXTS, "😀", "a\u0301"]  # widths this terminal model agrees on with Rich
    diff = CellDiff()
    diff.resize(WIDTH, HEIGHT)
    diffed, diffed_stream = _screen()
    full, full_stream = _screen()

    def row() -> list[Segment]:
        segments, width = [], 0
        while width < WIDTH:
            segment = Segment(rng.choice(texts), rng.choice(STYLES))
            if width + segment.cell_length > WIDTH:
                segment = Segment(" " * (WIDTH - width), rng.choice(STYLES))
            segments.append(segment)
            width += segment.cell_length
        return segments

    frame = [row() for _ in range(HEIGHT)]
    for _ in range(40):
        for y in rng.sample(range(HEIGHT), rng.randint(0, 3)):
            frame[y] = row()
        diffed_stream.feed(_render(diff, frame).encode())
        full_stream.feed(_full(frame))
        assert [[cell[0] for cell in line] for line in _seen(diffed)] == [
            [cell[0] for cell in line] for line in _seen(full)
        ]
