"""Quotes nested deeper than a slide can show are drawn at the deepest level shown, never dropped."""

from __future__ import annotations

import pytest
from rich.console import Console

from tui.quote_depth import MOST_QUOTE_LEVELS, flatten_deep_quotes
from tui.render import markdown


def shown(source: str, width: int = 60) -> str:
    console = Console(width=width, force_terminal=False)
    with console.capture() as capture:
        console.print(markdown(source))
    return capture.get()


@pytest.mark.parametrize("depth", [1, 8, 9, 15, 16, 20, 21, 40])
def test_the_text_of_a_quote_of_any_depth_is_shown(depth: int) -> None:
    text = shown(f"Before\n\n{'>' * depth} the deep words\n\nAfter")
    assert "the deep words" in text
    assert "Before" in text and "After" in text


def test_deeper_lines_join_the_deepest_level_drawn() -> None:
    source = "> one\n>> two\n" + ">" * 25 + " deep\n" + "> > " * 12 + "spaced"
    assert flatten_deep_quotes(source).split("\n") == [
        "> one",
        ">> two",
        "> " * MOST_QUOTE_LEVELS + "deep",
        "> " * MOST_QUOTE_LEVELS + "spaced",
    ]


def test_shallow_quotes_and_code_are_left_as_written() -> None:
    shallow = "> a\n>> b\n>>> c\n"
    assert flatten_deep_quotes(shallow) is shallow
    code = "```\n" + ">" * 30 + " in code\n```\n" + ">" * 30 + " out\n"
    lines = flatten_deep_quotes(code).split("\n")
    assert lines[1] == ">" * 30 + " in code"
    assert lines[3] == "> " * MOST_QUOTE_LEVELS + "out"


def test_the_html_export_shows_it_too() -> None:
    from pathlib import Path

    from tui.export.markdown_html import MarkdownHtml

    html = MarkdownHtml(Path(".")).render(">" * 30 + " the deep words")
    assert "the deep words" in html


def test_the_renderer_looks_for_deep_quotes_at_the_same_depth() -> None:
    """tui.render imports this module only for a body with more ``>`` than it draws."""
    from tui.render import QUOTE_LEVELS

    assert QUOTE_LEVELS == MOST_QUOTE_LEVELS
