"""Links on slides: the address is visible after the text and is an OSC 8 hyperlink."""

from __future__ import annotations

from rich.console import Console
from rich.segment import Segment

from tui.render import markdown
from tui.render_links import clickable, shown_address


def rendered(source: str, width: int = 100) -> list[list[Segment]]:
    console = Console(width=width, force_terminal=True, color_system="truecolor")
    return console.render_lines(markdown(source), console.options, pad=False)


def plain(lines: list[list[Segment]]) -> str:
    return "\n".join("".join(seg.text for seg in line).rstrip() for line in lines)


def links(lines: list[list[Segment]]) -> dict[str, set[str]]:
    """Text of each linked segment, keyed by its OSC 8 target."""
    found: dict[str, set[str]] = {}
    for line in lines:
        for seg in line:
            if seg.style is not None and seg.style.link:
                found.setdefault(seg.style.link, set()).add(seg.text)
    return found


def test_the_address_follows_the_text_and_both_are_clickable() -> None:
    lines = rendered("Les mer hos [KS](https://www.ks.no) og [Difi](https://www.difi.no/om-difi).")
    assert plain(lines) == "Les mer hos KS (www.ks.no) og Difi (www.difi.no/om-difi)."
    assert links(lines) == {
        "https://www.ks.no": {"KS", "www.ks.no"},
        "https://www.difi.no/om-difi": {"Difi", "www.difi.no/om-difi"},
    }


def test_an_address_that_is_the_text_is_not_repeated() -> None:
    lines = rendered("- <https://www.regjeringen.no>\n- [www.ks.no](https://www.ks.no/)\n")
    text = plain(lines)
    assert text.count("regjeringen") == 1
    assert text.count("www.ks.no") == 1
    assert set(links(lines)) == {"https://www.regjeringen.no", "https://www.ks.no/"}


def test_links_in_lists_tables_and_emphasis_show_their_address() -> None:
    source = (
        "- **[Bold](https://a.no/x)**\n\n"
        "| Who | Where |\n|---|---|\n| KS | [site](https://www.ks.no) |\n"
    )
    text = plain(rendered(source))
    assert "Bold (a.no/x)" in text
    assert "site (www.ks.no)" in text


def test_mail_and_non_ascii_addresses_read_as_written() -> None:
    lines = rendered("[Skriv](mailto:post@ks.no) [Side](https://ks.no/bærum)")
    assert plain(lines) == "Skriv (post@ks.no) Side (ks.no/bærum)"
    assert "https://ks.no/b%C3%A6rum" in links(lines)


def test_only_safe_web_addresses_become_hyperlinks() -> None:
    lines = rendered("[rel](notes.html) [esc](https://x.no/\x1b]8;;evil\x07) [ftp](ftp://x.no/f)")
    text = plain(lines)
    assert "rel (notes.html)" in text
    assert "ftp (ftp://x.no/f)" in text
    targets = links(lines)
    assert "notes.html" not in targets and "ftp://x.no/f" not in targets
    for target in targets:
        assert clickable(target)
        assert not any(ord(char) < 0x21 or 0x7F <= ord(char) <= 0x9F for char in target)
    assert "\x1b" not in text and "\x07" not in text


def test_clickable_and_shown_address() -> None:
    assert clickable("https://www.ks.no/a?b=1&c=%20")
    assert not clickable("https://www.ks.no/a b")
    assert not clickable("https://x.no/\x1b\\")
    assert not clickable("javascript:alert(1)")
    assert not clickable("file:///etc/passwd")
    assert shown_address("https://www.ks.no/") == "www.ks.no"
    assert shown_address("https://www.ks.no/om/") == "www.ks.no/om/"
    assert shown_address("mailto:a@b.no") == "a@b.no"
