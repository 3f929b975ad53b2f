"""The HTML and PDF exports show a title slide's author, event and date as
the terminal does, and carry the deck's language."""

from __future__ import annotations

from pathlib import Path

from export_helpers import export, squash
from pypdf import PdfReader
from test_export import Page, parse

from tui.deck import load_deck
from tui.deck.model import slide_meta

META_DECK = """\
title: Meta
author: "<b>Tester</b> Nine"
event: "Hostile & Conf"
date: "2026-12-05"
slides:
  - layout: title
    title: Hi
    subtitle: short
  - title: Plain
    body: Words.
  - title: Opted in
    meta: true
    body: More words.
  - layout: title
    title: Opted out
    meta: false
"""

AUTHOR = "<b>Tester</b> Nine"
EVENT_DATE = "Hostile & Conf · 2026-12-05"


def _sections(path: Path) -> list[str]:
    """The text of each slide's ``<section>`` of an exported page, in order."""
    source = path.read_text(encoding="utf-8")
    texts = []
    for chunk in source.split('<section class="slide ')[1:]:
        page = Page()
        page.feed("<section " + chunk.split("</section>")[0])
        texts.append(" ".join(" ".join(page.text).split()))
    return texts


def test_html_title_slide_shows_author_event_and_date_as_text(tmp_path: Path) -> None:
    deck_file = tmp_path / "deck.yaml"
    deck_file.write_text(META_DECK, encoding="utf-8")
    deck = load_deck(deck_file)
    out = tmp_path / "talk.html"
    assert export(str(deck_file), "-o", str(out)) == 0
    sections = _sections(out)
    assert len(sections) == 4
    for slide, shown in zip(deck.slides, sections, strict=True):
        author, meta = slide_meta(deck, slide)  # the terminal's rule
        assert (AUTHOR in shown) == bool(author), (slide.title, shown)
        assert (EVENT_DATE in shown) == bool(meta), (slide.title, shown)
    assert [AUTHOR in shown for shown in sections] == [True, False, True, False]
    source = out.read_text(encoding="utf-8")
    assert "&lt;b&gt;Tester&lt;/b&gt; Nine" in source  # escaped, never markup
    assert "Hostile &amp; Conf" in source
    assert not any(tag == "b" for tag, _ in parse(out).tags)


def test_pdf_title_slide_shows_author_event_and_date(tmp_path: Path) -> None:
    deck_file = tmp_path / "deck.yaml"
    deck_file.write_text(META_DECK, encoding="utf-8")
    for handout in ([], ["--handout"]):
        out = tmp_path / f"talk{len(handout)}.pdf"
        assert export(str(deck_file), "-o", str(out), *handout) == 0
        pages = [page.extract_text() for page in PdfReader(out).pages]
        if not handout:
            assert len(pages) == 4
            shown = [squash(AUTHOR) in squash(page) for page in pages]
            assert shown == [True, False, True, False]
            assert squash(EVENT_DATE) in squash(pages[0])
            assert squash(EVENT_DATE) in squash(pages[2])
            assert squash(EVENT_DATE) not in squash(pages[3])
        else:  # the cover, then the slides: the title slide shows them again
            text = squash("".join(pages[1:]))
            assert squash(EVENT_DATE) in text


LANG_DECKS = {
    # lang as written -> declared language; no æ, ø, å guessing either way
    "lang: nb\n": "nb",
    "lang: nb-NO\n": "nb-NO",
    "lang: de\n": "de",  # no catalogue for German, but the slides are German
    "": "en",
}


def test_html_and_pdf_declare_the_decks_lang(tmp_path: Path) -> None:
    for number, (line, declared) in enumerate(LANG_DECKS.items()):
        title = "Blåbærsyltetøy på ærlig vis" if not line else "Plain words"
        deck_file = tmp_path / f"deck{number}.yaml"
        deck_file.write_text(f"{line}title: {title}\nslides:\n  - title: {title}\n", "utf-8")
        page, pdf = tmp_path / f"t{number}.html", tmp_path / f"t{number}.pdf"
        assert export(str(deck_file), "-o", str(page)) == 0
        assert export(str(deck_file), "-o", str(pdf)) == 0
        html_tag = next(attrs for tag, attrs in parse(page).tags if tag == "html")
        assert html_tag["lang"] == declared, line
        root = PdfReader(pdf).trailer["/Root"]
        assert root["/Lang"] == declared, line


def test_document_language_is_the_tag_as_written_else_english() -> None:
    from tui.i18n import ENGLISH, document_language

    assert document_language("nb") == "nb"
    assert document_language(" en-GB ") == "en-GB"
    assert document_language("nb_NO") == "nb-NO"
    assert document_language(None) == document_language("") == ENGLISH == "en"
    assert document_language('x" onload="y') == "en"  # not a tag: never written out
