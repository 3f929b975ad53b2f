"""``podium export``: the web page and the PDF of the seed deck, handouts,
hostile decks, and the command's errors (SVG: tests/app/test_export_svg.py;
the page in a browser: tests/e2e/test_export_browser.py)."""

from __future__ import annotations

import html
import io
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import SEED_DECK
from export_helpers import HOSTILE, VOTES, control_deck, export, rehearse, squash, vote_store
from pypdf import PdfReader

from tui.deck import load_deck
from tui.notes import slide_label
from tui.polls.percent import percentages


class Page(HTMLParser):
    """Every tag and attribute of a page, and its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self._in: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._in and self._in[-1] == tag:
            self._in.pop()

    def handle_data(self, data: str) -> None:
        if not self._in or self._in[-1] not in ("style", "script"):
            self.text.append(data)


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def text_of(path: Path) -> str:
    return " ".join(" ".join(parse(path).text).split())


def pdf_text(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


# -- the web page -------------------------------------------------------------


def test_html_has_every_slide_as_real_html_and_loads_nothing(tmp_path: Path) -> None:
    deck = load_deck(SEED_DECK)
    out = tmp_path / "talk.html"
    assert export(str(SEED_DECK), "-o", str(out)) == 0
    page = parse(out)
    sections = [attrs for tag, attrs in page.tags if tag == "section"]
    assert [attrs["id"] for attrs in sections] == [f"slide-{n}" for n in range(1, 14)]
    text = text_of(out)
    for slide in deck.slides:
        assert " ".join(slide.title.split()) in text
    tags = [tag for tag, _ in page.tags]
    assert tags.count("h1") + tags.count("h2") >= 13 and tags.count("li") >= 20
    # Reveal steps shown complete: the last item of a revealed list is there.
    assert "Nyttiggjort" in text
    # Nothing is fetched: no outside URL in src, and a policy that forbids any.
    for tag, attrs in page.tags:
        for name in ("src", "href"):
            value = attrs.get(name) or ""
            assert not value.startswith(("http:", "https:", "//")) or tag == "a", (tag, attrs)
        assert tag not in ("link", "iframe", "object", "embed")
    policy = next(
        a["content"] for t, a in page.tags if a.get("http-equiv") == "Content-Security-Policy"
    )
    assert policy and "default-src 'none'" in policy and "img-src data:" in policy
    # The theme's colours (ks: navy background, amber headings).
    source = out.read_text(encoding="utf-8")
    assert "--background:#0b2340" in source and "--heading:#f5a623" in source
    assert "@media print" in source and "break-after: page" in source


def test_html_theme_option_and_code_highlighting(tmp_path: Path) -> None:
    deck = tmp_path / "code.yaml"
    deck.write_text(
        "title: Code\nslides:\n  - title: A loop\n    body: |\n"
        "      ```python\n      for x in range(3):\n          print('hi')\n      ```\n",
        encoding="utf-8",
    )
    out = tmp_path / "code.html"
    assert export(str(deck), "--theme", "paper", "-o", str(out)) == 0
    source = out.read_text(encoding="utf-8")
    assert "--background:#faf7f0" in source
    assert '<span class="k">for</span>' in source  # Pygments' keyword class
    assert ".code .k {" in source  # ... and its colour


def test_html_handout_has_cover_notes_poll_totals_and_times(tmp_path: Path) -> None:
    deck = load_deck(SEED_DECK)
    store = vote_store(deck, tmp_path / "votes.sqlite3")
    rehearse(deck)
    out = tmp_path / "handout.html"
    assert export(str(SEED_DECK), "--handout", "--store", str(store), "-o", str(out)) == 0
    text = text_of(out)
    assert deck.author in text and deck.event in text and deck.date in text
    for slide in deck.slides:
        for line in slide.notes.splitlines():
            assert " ".join(html.unescape(line).split()) in text, line
    shown = percentages(VOTES, sum(VOTES))
    for votes, percent in zip(VOTES, shown, strict=True):
        assert f"{votes} · {percent}%" in text
    assert "19 voters · 19 votes · one choice · closed" in text
    assert "planned 2:00 · rehearsed 1:16" in text  # slide 11: time: 2m, 65 s + 11


def test_html_without_a_store_shows_the_poll_options(tmp_path: Path) -> None:
    out = tmp_path / "talk.html"
    assert export(str(SEED_DECK), "-o", str(out)) == 0
    page = out.read_text(encoding="utf-8")
    assert '<ol class="options"><li>Behov</li>' in page
    assert 'class="chart"' not in page


def test_hostile_deck_exports_safely_as_html(tmp_path: Path) -> None:
    deck = tmp_path / "hostile.yaml"
    deck.write_text(HOSTILE, encoding="utf-8")
    for handout in (False, True):
        out = tmp_path / f"hostile-{handout}.html"
        assert export(str(deck), "-o", str(out), *(["--handout"] if handout else [])) == 0
        source = out.read_text(encoding="utf-8")
        assert "<script>alert" not in source and "<iframe" not in source
        page = parse(out)
        scripts = [tag for tag, _ in page.tags if tag == "script"]
        assert len(scripts) == (0 if handout else 1)  # only Podium's own
        for tag, attrs in page.tags:
            assert tag not in ("img", "iframe", "style") or (tag == "style" and not attrs)
            assert not any(name.startswith("on") for name in attrs), (tag, attrs)
            assert not (attrs.get("href") or "").startswith("javascript")
        text = " ".join(page.text)
        assert "<script>alert(1)</script>" in text  # shown as typed, as text
        assert "</section></main>" in text
        assert "[bold]four[/bold]" in text or handout
        assert "&amp; Event" in text or not handout


def test_control_characters_never_reach_an_export() -> None:
    from tui.export.html import render_html
    from tui.export.palette import palette_for
    from tui.export.pdf import render_pdf
    from tui.export.sources import Sources

    deck = control_deck()
    palette = palette_for(deck)
    for handout in (False, True):
        page = render_html(deck, palette, Sources(), handout=handout)
        assert not any(char in page for char in "\x1b\x07\x00\x9b\u202e\u2028"), handout
        assert "␛]52;c;SGk=␇" in page  # shown as visible stand-ins
        pdf = render_pdf(deck, palette, Sources(), handout=handout)
        text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
        assert "\x1b" not in text and "\x00" not in text
        assert "]52;c;SGk=" in text and "\ufffd" in text  # where the controls were


# -- the PDF ------------------------------------------------------------------


def test_pdf_has_one_landscape_page_per_slide_with_searchable_text(tmp_path: Path) -> None:
    deck = load_deck(SEED_DECK)
    out = tmp_path / "talk.pdf"
    assert export(str(SEED_DECK), "-o", str(out)) == 0
    reader = PdfReader(out)
    assert len(reader.pages) == 13
    for page, slide in zip(reader.pages, deck.slides, strict=True):
        box = page.mediabox
        assert box.width > box.height  # landscape, 16:9
        assert squash(slide.title) in squash(page.extract_text())
    text = "".join(pdf_text(out))
    assert "Åpen innovasjon" in text and "sårbare" in text and "«fag»" in text
    assert "Slipp taket – fest grepet" in text  # the en dash
    assert reader.metadata is not None and reader.metadata.title == deck.title
    assert b"/FontFile2" in out.read_bytes()  # the font is embedded


def test_pdf_poll_shows_the_stored_results(tmp_path: Path) -> None:
    deck = load_deck(SEED_DECK)
    store = vote_store(deck, tmp_path / "votes.sqlite3")
    out = tmp_path / "talk.pdf"
    assert export(str(SEED_DECK), "--format", "pdf", "--store", str(store), "-o", str(out)) == 0
    poll_page = pdf_text(out)[10]
    for votes, percent in zip(VOTES, percentages(VOTES, sum(VOTES)), strict=True):
        assert f"{votes} · {percent}%" in poll_page
    assert "19 voters" in poll_page and "closed" in poll_page


def test_pdf_handout_has_every_note_and_the_poll_totals(tmp_path: Path) -> None:
    deck = load_deck(SEED_DECK)
    store = vote_store(deck, tmp_path / "votes.sqlite3")
    rehearse(deck)
    out = tmp_path / "handout.pdf"
    assert export(str(SEED_DECK), "--handout", "--store", str(store), "-o", str(out)) == 0
    pages = pdf_text(out)
    assert PdfReader(out).pages[0].mediabox.height > PdfReader(out).pages[0].mediabox.width
    cover = squash(pages[0])
    assert squash(deck.title) in cover and squash(deck.author) in cover
    assert squash(deck.event) in cover and squash(deck.date) in cover
    text = squash("".join(pages))
    for slide in deck.slides:
        assert squash(slide_label(slide)) in text
        for line in slide.notes.splitlines():
            assert squash(line) in text, line
    assert squash("19 voters · 19 votes · one choice · closed") in text
    assert squash("planned 2:00 · rehearsed 1:16") in text


def test_hostile_deck_exports_as_pdf(tmp_path: Path) -> None:
    deck = tmp_path / "hostile.yaml"
    deck.write_text(HOSTILE, encoding="utf-8")
    for handout in ([], ["--handout"]):
        out = tmp_path / f"hostile{len(handout)}.pdf"
        assert export(str(deck), "-o", str(out), *handout) == 0
        text = "".join(pdf_text(out))
        assert "<script>alert(1)</script>" in text
        assert "\x1b" not in text and "\x00" not in text


# -- the command --------------------------------------------------------------


def test_format_follows_the_output_suffix_and_defaults_to_the_deck_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(SEED_DECK, tmp_path / "talk.yaml")
    monkeypatch.chdir(tmp_path)
    assert export("talk.yaml", "-o", "out.pdf") == 0
    assert (tmp_path / "out.pdf").read_bytes().startswith(b"%PDF-")
    assert export("talk.yaml") == 0
    assert (tmp_path / "talk.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_bad_input_exits_2_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert export(str(SEED_DECK), "--format", "svg", "--handout") == 2
    assert "--handout is for html and pdf" in capsys.readouterr().err
    bad = tmp_path / "bad.yaml"
    bad.write_text("slides:\n  - title: A\n    colour: red\n", encoding="utf-8")
    assert export(str(bad), "-o", str(tmp_path / "x.html")) == 2
    assert f"{bad}:3:5:" in capsys.readouterr().err
    assert export(str(SEED_DECK), "--store", str(tmp_path / "none.sqlite3")) == 2
    assert "podium export:" in capsys.readouterr().err
    assert export(str(SEED_DECK), "--theme", "nosuch", "-o", str(tmp_path / "x.html")) == 2
    assert "unknown theme" in capsys.readouterr().err
    themed = tmp_path / "themed.yaml"
    themed.write_text("theme: nosuch\nslides:\n  - title: A\n", encoding="utf-8")
    assert export(str(themed), "-o", str(tmp_path / "x.html")) == 2
    assert f"{themed}:1:8: theme: unknown theme" in capsys.readouterr().err
    assert export(str(SEED_DECK), "-o", str(tmp_path / "no" / "such" / "x.html")) == 2
    assert "cannot write" in capsys.readouterr().err
    assert not (tmp_path / "x.html").exists()


def test_export_reads_the_store_without_changing_it(tmp_path: Path) -> None:
    deck = load_deck(SEED_DECK)
    folder = tmp_path / "store"
    folder.mkdir()
    store = vote_store(deck, folder / "votes.sqlite3")
    before = {path.name: path.read_bytes() for path in folder.iterdir()}
    assert export(str(SEED_DECK), "--store", str(store), "-o", str(tmp_path / "t.html")) == 0
    assert {path.name: path.read_bytes() for path in folder.iterdir()} == before


def test_pictures_are_embedded_in_html_and_pdf(tmp_path: Path) -> None:
    from conftest import DATA

    deck = DATA / "pictures.yaml"  # slide 1 has image:, slide 2 a picture in its body
    page, pdf = tmp_path / "p.html", tmp_path / "p.pdf"
    assert export(str(deck), "-o", str(page)) == 0 and export(str(deck), "-o", str(pdf)) == 0
    sections = page.read_text(encoding="utf-8").split('<section class="slide')[1:]
    assert ['<img src="data:image/png;base64,' in section for section in sections] == [
        True,
        True,
        False,
    ]
    assert [len(each.images) for each in PdfReader(pdf).pages] == [1, 1, 0]
