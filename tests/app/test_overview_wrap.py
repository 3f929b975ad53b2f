"""The overview wraps a long title under its own first letter (a hanging indent)."""

from __future__ import annotations

from pathlib import Path

from tui.app import make_app
from tui.deck import load_deck_text

LONG = (
    "A very long title that goes on and on about coordination between "
    "public agencies and [the] innovation challenges they face together"
)


async def test_long_titles_wrap_under_the_title_text(tmp_path: Path) -> None:
    source = "slides:\n" + "".join(f"  - title: Slide {n}\n" for n in range(1, 10))
    source += f"  - title: \"{LONG}\"\n  - title: Eleven\n"
    app = make_app(load_deck_text(source, str(tmp_path / "long.yaml")))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("o")
        await pilot.pause()
        overview = app.screen.query_one("#overview-list")
        lines = [
            "".join(segment.text for segment in line).rstrip()
            for line in overview.render_lines(overview.region.reset_offset)
        ]
        start = next(i for i, line in enumerate(lines) if "A very long title" in line)
        indent = lines[start].index("A very long title")
        assert lines[start][:indent].strip() == "10"
        wrapped = []
        for line in lines[start + 1 :]:
            if "Eleven" in line:
                assert line[:indent].strip() == "11" and line.index("Eleven") == indent
                break
            assert line[:indent].strip() == "", f"wrapped back to column 0: {line!r}"
            wrapped.append(line[indent:])
        assert len(wrapped) >= 1
        assert " ".join([lines[start][indent:], *wrapped]).split() == LONG.split()
        first = next(line for line in lines if "Slide 1" in line)
        assert first.index("Slide 1") == indent
