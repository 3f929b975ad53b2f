"""A picture inside running text reads as its alt text, marked as a picture, in place."""

from __future__ import annotations

from rich.console import Console
from rich.segment import Segment

from tui.render import markdown


def rendered(source: str, width: int = 100) -> list[list[Segment]]:
    console = Console(width=width, force_terminal=True, color_system="truecolor")
    return console.render_lines(markdown(source), console.options, pad=False)


def plain(lines: list[list[Segment]]) -> str:
    return "\n".join("".join(seg.text for seg in line).rstrip() for line in lines)


def test_a_picture_in_a_sentence_reads_as_its_alt_text_in_place() -> None:
    text = plain(rendered("See ![the chart](chart.png) here."))
    assert text == "See [picture: the chart] here."
    assert "🌆" not in text


def test_without_alt_text_the_file_s_name_is_read() -> None:
    assert plain(rendered("Logo: ![](img/logo.png), end.")) == "Logo: [picture: logo.png], end."


def test_it_is_in_italics_like_a_picture_the_terminal_cannot_draw() -> None:
    lines = rendered("A ![b](y.png) c")
    marked = [seg for line in lines for seg in line if "[picture: b]" in seg.text]
    assert marked and all(seg.style is not None and seg.style.italic for seg in marked)


def test_in_a_list_and_in_a_link_too() -> None:
    text = plain(rendered("- one ![x](x.png)\n- [![y](y.png)](https://example.org)"))
    assert "[picture: x]" in text and "[picture: y]" in text
    assert "🌆" not in text


def test_alt_text_is_never_markup_or_controls() -> None:
    text = plain(rendered("A ![[bold]x\x1b](x.png) b"))
    assert "[bold]x" in text and "\x1b" not in text
