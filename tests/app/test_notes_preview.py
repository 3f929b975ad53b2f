"""The notes pane's "Next:" preview shows the next slide as readable text, not
Markdown source."""

from __future__ import annotations

from pathlib import Path

from tui.app import make_app
from tui.deck import load_deck_text
from tui.notes import plain_lines

DECK = """\
slides:
  - title: Before
    notes: Say hello.
  - title: Plan
    body: |
      # Før og nå
      | Etat | **Rolle** |
      |------|-----------|
      | KS   | [samskaping](https://ks.no) |
      ```
      podium vote
      ```
"""

MARKDOWN_SYNTAX = ("|", "**", "# ", "](", "```", "---")


def test_plain_lines_of_a_table_heading_link_and_code() -> None:
    source = DECK.split("body: |\n", 1)[1]
    source = "\n".join(line[6:] for line in source.splitlines())
    assert plain_lines(source, 10) == (
        "Før og nå",
        "Etat · Rolle",
        "KS · samskaping",
        "podium vote",
    )


def pane_text(app) -> str:
    widget = app.screen.query_one("#notes-next")
    lines = widget.render_lines(widget.region.reset_offset)
    return "\n".join("".join(segment.text for segment in line).rstrip() for line in lines)


async def test_next_slide_preview_shows_a_table_as_rows_of_cells(tmp_path: Path) -> None:
    app = make_app(load_deck_text(DECK, str(tmp_path / "plan.yaml")))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        beside = pane_text(app)
        assert "Next: Plan" in beside and "Før og nå" in beside and "Etat · Rolle" in beside
        await pilot.press("N")  # notes only: a longer preview
        await pilot.pause()
        wide = pane_text(app)
        for text in ("Før og nå", "Etat · Rolle", "KS · samskaping", "podium vote"):
            assert text in wide, wide
        for syntax in MARKDOWN_SYNTAX:
            assert syntax not in wide, (syntax, wide)
