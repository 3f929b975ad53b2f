"""Lists nested deeper than a slide can show are drawn at the deepest level shown, never dropped."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.console import Console

from tui.list_depth import (
    MOST_LIST_LEVELS,
    flatten_deep_lists,
    flatten_deep_nesting,
    most_list_levels,
)
from tui.render import markdown


def shown(source: str, width: int = 100) -> str:
    console = Console(width=width, force_terminal=False)
    with console.capture() as capture:
        console.print(markdown(source))
    return capture.get()


def nested(levels: int, indent: int = 2, marker: str = "-") -> str:
    return "\n".join(" " * (indent * i) + f"{marker} level {i + 1}" for i in range(levels))


@pytest.mark.parametrize("levels", [1, 8, 9, 10, 12, 20, 60])
def test_every_item_of_a_list_of_any_depth_is_shown_and_so_is_what_follows(levels: int) -> None:
    text = shown(f"Before\n\n{nested(levels)}\n\nAfter the list.\n\n> a quote after")
    for level in range(1, levels + 1):
        assert f"level {level}\n" in text.replace(" \n", "\n") or f"level {level} " in text
    assert "Before" in text and "After the list." in text and "a quote after" in text


def test_deeper_items_join_the_deepest_level_drawn_with_their_lines() -> None:
    source = nested(11) + "\n" + " " * 22 + "its second line\n\n" + " " * 22 + "its paragraph"
    lines = flatten_deep_lists(source).split("\n")
    deepest = " " * (2 * (MOST_LIST_LEVELS - 1))
    assert lines[:MOST_LIST_LEVELS] == nested(MOST_LIST_LEVELS).split("\n")
    assert lines[MOST_LIST_LEVELS:11] == [deepest + f"- level {n}" for n in range(9, 12)]
    assert lines[11] == deepest + "  its second line"
    assert lines[13] == deepest + "  its paragraph"


def test_numbered_lists_and_wide_indents_are_flattened_alike() -> None:
    source = nested(12, indent=4, marker="1.")
    lines = flatten_deep_lists(source).split("\n")
    assert {len(line) - len(line.lstrip()) for line in lines[MOST_LIST_LEVELS - 1 :]} == {
        4 * (MOST_LIST_LEVELS - 1)
    }
    text = shown(source)
    assert all(f"level {n}" in text for n in range(1, 13))


def test_a_list_after_a_closing_paragraph_starts_again_at_the_top() -> None:
    source = nested(8) + "\n\nA paragraph.\n\n" + nested(3)
    assert flatten_deep_lists(source) == source


def test_shallow_lists_are_left_as_written() -> None:
    shallow = nested(MOST_LIST_LEVELS) + "\n\n" + " " * 12 + "indented code\n"
    assert flatten_deep_lists(shallow) is shallow
    assert flatten_deep_nesting("plain text") == "plain text"


def test_code_in_a_deep_item_moves_with_it_and_keeps_its_text() -> None:
    deep = " " * 20
    source = nested(11) + f"\n\n{deep}  ```\n{deep}  >>> code  here\n{deep}  ```\n\nAfter"
    text = shown(source)
    assert ">>> code  here" in text and "After" in text


def test_quoted_lists_keep_within_the_parsers_nesting() -> None:
    quoted = "\n".join("> " * 8 + line for line in nested(12).split("\n")) + "\n\nAfter"
    text = shown(quoted)
    assert all(f"level {n}" in text for n in range(1, 13)) and "After" in text
    assert most_list_levels(0) == MOST_LIST_LEVELS
    assert most_list_levels(8) == 5


def test_a_list_as_deep_as_a_deck_field_allows_is_drawn_quickly() -> None:
    source = nested(200)  # about 40,000 characters: under a field's 50,000
    text = shown(source)
    assert "level 200" in text


def test_the_html_export_and_the_notes_show_it_too() -> None:
    from tui.export.markdown_html import MarkdownHtml
    from tui.notes import plain_lines

    source = nested(14) + "\n\nAfter"
    html = MarkdownHtml(Path(".")).render(source)
    assert "level 14" in html and "After" in html
    lines = plain_lines(source, 40)
    assert any("level 14" in line for line in lines) and any("After" in line for line in lines)
