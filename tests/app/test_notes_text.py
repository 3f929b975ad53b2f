"""The notes' text scrolls in place, drawn by one widget (tui/widgets/notes_text.py)."""

from __future__ import annotations

from pathlib import Path

from tui.app import make_app
from tui.deck import load_deck_text
from tui.widgets.notes_pane import NotesPane
from tui.widgets.notes_text import NotesText


def _deck(tmp_path: Path, lines: int, tail: str = ""):
    notes = "".join(f"      Line {n} of the notes.\n" for n in range(lines))
    notes += f"      {tail}\n" if tail else ""
    source = "slides:\n  - title: One\n    body: x\n    notes: |\n" + notes
    return load_deck_text(source, str(tmp_path / "notes.yaml"))


def _visible(widget: NotesText) -> list[str]:
    return [strip.text for strip in widget.render_lines(widget.region.reset_offset)]


async def test_long_notes_scroll_to_their_last_line_beside_a_scroll_bar(tmp_path: Path) -> None:
    app = make_app(_deck(tmp_path, 60, tail="x" * 100))  # folded at the text's width
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        pane = app.screen.query_one(NotesPane)
        text = pane.query_one(NotesText)
        assert not text.children  # the text is drawn by the scrolling widget itself
        assert text.show_vertical_scrollbar
        assert text.virtual_size.height > text.size.height
        width = text.scrollable_content_region.width
        assert width == text.region.width - 1  # one column left for the bar
        assert all(not line[width:].strip() for line in _visible(text))  # the bar's column: blank
        assert _visible(text)[0].startswith("Line 0 ")
        for _ in range(30):
            await pilot.press("J")
        await pilot.pause()
        assert text.scroll_y == text.max_scroll_y > 0
        lines = [line.rstrip() for line in _visible(text)]
        folded = [line for line in lines if line.startswith("x")]
        assert "".join(folded) == "x" * 100 and lines[-len(folded) :] == folded
        assert all(len(line) <= width for line in folded)
        assert lines[-len(folded) - 1] == "Line 59 of the notes."


async def test_short_notes_take_the_whole_width_and_do_not_scroll(tmp_path: Path) -> None:
    app = make_app(_deck(tmp_path, 3))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        text = app.screen.query_one(NotesText)
        assert not text.show_vertical_scrollbar
        assert text.scrollable_content_region.width == text.region.width
        await pilot.press("J")
        await pilot.pause()
        assert text.scroll_y == 0
        assert [line.rstrip() for line in _visible(text)][:4] == [
            "Line 0 of the notes.",
            "Line 1 of the notes.",
            "Line 2 of the notes.",
            "",
        ]
