"""The deck as a PDF (``podium export --format pdf``), made with fpdf2.

One 16:9 landscape page per slide in the theme's colours, every reveal step
shown, each slide's text shrunk until it fits its page. Text is real,
searchable text in DejaVu Sans (shipped in ``tui/export/fonts``: it has the
Norwegian letters, the en dash, arrows and box drawing), subset into the
file. ``--handout`` writes A4 portrait pages: a cover, then each slide above
its notes, poll results and times. Slide text goes through the same
Markdown-to-HTML step as the web page (:mod:`tui.export.markdown_html`), so
it is escaped the same way; fpdf2's HTML reader lays it out.
The document, its fonts and the HTML step live in :mod:`tui.export.pdf_doc`,
the chart, cover and notes in :mod:`tui.export.pdf_parts`. Imports no Textual.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from tui.deck.model import Deck, Layout, Slide, slide_meta
from tui.export.markdown_html import MarkdownHtml
from tui.export.palette import Palette
from tui.export.pdf_doc import SLIDE_SIZE, Box, PodiumPdf, escape, new_pdf, write_html
from tui.export.pdf_parts import draw_chart, draw_cover, handout_notes
from tui.export.sources import Sources
from tui.notes import slide_label
from tui.safe_text import printable

SCALES = (1.0, 0.9, 0.8, 0.7, 0.62, 0.55, 0.48, 0.42, 0.36, 0.3)
"""Text sizes tried, largest first, until a slide fits its page."""


def render_pdf(
    deck: Deck,
    palette: Palette,
    sources: Sources,
    *,
    handout: bool = False,
    missing: set[str] | None = None,
) -> bytes:
    """The PDF's bytes.

    Args:
        deck: The deck.
        palette: The theme's colours.
        sources: Stored poll results and rehearsal times.
        handout: A4 pages with a cover, each slide above its notes.
        missing: Filled with the characters none of the PDF's fonts has a
            glyph for (CJK, emoji: they show as blanks), when given.
    """
    style = "monokai" if palette.dark else "friendly"
    markdown = MarkdownHtml(Path(deck.source).parent if deck.source else Path.cwd(), style)
    pdf = new_pdf(deck, portrait=handout)
    total = len(deck.slides)
    if handout:
        pdf.set_margins(15, 15, 15)
        pdf.set_auto_page_break(True, margin=15)
        pdf.add_page()
        draw_cover(pdf, deck, sources)
        width = (pdf.w - 30) * 0.8  # two slides with short notes fit a page
        box_height = width * SLIDE_SIZE[1] / SLIDE_SIZE[0]
        for index, slide in enumerate(deck.slides):
            if index == 0 or pdf.get_y() + box_height + 45 > pdf.h - 15:
                pdf.add_page()
            else:
                pdf.set_y(pdf.get_y() + 6)
            pdf.start_section(printable(f"{index + 1}. {slide_label(slide)}", lines=False))
            box = Box((pdf.w - width) / 2, pdf.get_y(), width, box_height)
            meta = slide_meta(deck, slide)
            draw_slide(
                pdf, slide, index, total, box, palette, markdown, sources, border=True, meta=meta
            )
            pdf.set_auto_page_break(True, margin=15)
            pdf.set_margins(15, 15, 15)
            pdf.set_xy(15, box.y + box.h + 4)
            handout_notes(pdf, index, slide, markdown, sources)
    else:
        for index, slide in enumerate(deck.slides):
            pdf.add_page()
            pdf.start_section(printable(f"{index + 1}. {slide_label(slide)}", lines=False))
            box = Box(0, 0, pdf.w, pdf.h)
            meta = slide_meta(deck, slide)
            draw_slide(pdf, slide, index, total, box, palette, markdown, sources, meta=meta)
    data = bytes(pdf.output())
    if missing is not None:
        for font in pdf.fonts.values():
            missing.update(chr(code) for code in getattr(font, "missing_glyphs", ()))
    return data


def draw_slide(
    pdf: FPDF,
    slide: Slide,
    index: int,
    total: int,
    box: Box,
    palette: Palette,
    markdown: MarkdownHtml,
    sources: Sources,
    *,
    border: bool = False,
    meta: tuple[str, str] = ("", ""),
) -> None:
    """Draw one slide in ``box``: background, content shrunk to fit, number.

    Args:
        pdf: The document, on the page to draw on.
        slide: The slide.
        index: 0-based slide number.
        total: Slides in the deck.
        box: Where to draw it.
        palette: The theme's colours.
        markdown: Renders Markdown for fpdf2's HTML reader.
        sources: Stored poll results.
        border: Draw a thin frame (the handout's slides on white paper).
        meta: The deck's author and its event and date as the slide shows
            them (:func:`tui.deck.model.slide_meta`), "" for none.
    """
    pdf.set_auto_page_break(False)
    pdf.set_fill_color(*palette.rgb("background"))
    pdf.set_draw_color(*palette.rgb("track"))
    pdf.rect(box.x, box.y, box.w, box.h, style="DF" if border else "F")
    factor = box.w / SLIDE_SIZE[0]
    pad_x, pad_y = 17 * factor, 12 * factor
    inner = Box(box.x + pad_x, box.y + pad_y, box.w - 2 * pad_x, box.h - 2 * pad_y - 4 * factor)
    chosen, height = SCALES[-1], inner.h
    trial = _measurer(pdf)
    scales = list(SCALES)
    while scales:
        scale = scales.pop(0)
        trial.add_page()
        trial.set_auto_page_break(False)
        end = _content(trial, slide, inner, scale * factor, palette, markdown, sources, meta)
        if end - inner.y <= inner.h:
            chosen, height = scale, end - inner.y
            break
        # Text shrinks at most with the square of its size (lines get shorter
        # and fewer): skip the sizes that cannot fit yet.
        bound = scale * (inner.h / max(end - inner.y, 1e-6)) ** 0.5
        scales = [each for each in scales if each <= bound] or scales[-1:]
    top = inner.y
    if slide.layout in (Layout.TITLE, Layout.SECTION, Layout.QUOTE):
        top = inner.y + max(0.0, (inner.h - height) / 2)
    place = Box(inner.x, top, inner.w, inner.h)
    _content(pdf, slide, place, chosen * factor, palette, markdown, sources, meta)
    pdf.set_font("dejavu", size=max(5.0, 9 * factor))
    pdf.set_text_color(*palette.rgb("muted"))
    pdf.set_xy(box.x, box.y + box.h - 8 * factor)
    pdf.cell(box.w - 6 * factor, 5 * factor, f"{index + 1} / {total}", align="R")


_MEASURERS: dict[int, FPDF] = {}


def _measurer(pdf: FPDF) -> FPDF:
    """A scratch document of ``pdf``'s page size sharing its loaded fonts.

    A slide is laid out there first, at shrinking sizes, to find the size
    that fits: cheaper than fpdf2's ``offset_rendering``, which copies the
    whole document (fonts included) each time.
    """
    scratch = _MEASURERS.get(id(pdf))
    if scratch is None or scratch.w != pdf.w or scratch.h != pdf.h:
        scratch = PodiumPdf(unit="mm", format=(pdf.w, pdf.h))
        scratch.fonts.update(pdf.fonts)
        _MEASURERS.clear()
        _MEASURERS[id(pdf)] = scratch
    return scratch


def _content(
    pdf: Any,
    slide: Slide,
    box: Box,
    scale: float,
    palette: Palette,
    markdown: MarkdownHtml,
    sources: Sources,
    meta: tuple[str, str],
) -> float:
    """Draw the slide's text from ``box``'s top; returns the y where it ends."""
    author, event = meta
    pdf.set_margins(box.x, box.y, pdf.w - box.x - box.w)
    pdf.set_xy(box.x, box.y)
    centred = slide.layout in (Layout.TITLE, Layout.SECTION)
    if (slide.title and slide.layout is not Layout.QUOTE) or (
        slide.layout is Layout.QUOTE and slide.title
    ):
        size = (38 if slide.layout is Layout.TITLE else 34 if centred else 28) * scale
        pdf.set_font("dejavu", "B", size)
        pdf.set_text_color(*palette.rgb("title"))
        pdf.multi_cell(
            0,
            size * 0.45,
            printable(slide.title),
            align="C" if centred else "L",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        if not centred:
            pdf.set_draw_color(*palette.rgb("track"))
            pdf.set_line_width(0.6 * scale)
            y = pdf.get_y() + 1.5 * scale
            pdf.line(box.x, y, box.x + box.w, y)
            pdf.set_y(y + 4 * scale)
    if slide.subtitle:
        size = 22 * scale
        pdf.set_font("dejavu", "", size)
        pdf.set_text_color(*palette.rgb("subtitle"))
        pdf.set_y(pdf.get_y() + 2 * scale)
        pdf.multi_cell(
            0,
            size * 0.5,
            printable(slide.subtitle),
            align="C" if centred else "L",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        pdf.set_y(pdf.get_y() + 3 * scale)
    if author:  # as on the terminal: under the title, the event and date last
        _line(pdf, author, 20 * scale, palette.rgb("foreground"), "B")
    if slide.layout is Layout.QUOTE:
        write_html(pdf, markdown.render(slide.body), scale * 1.3, palette, "quote", italic=True)
        if slide.attribution:
            pdf.set_font("dejavu", "", 16 * scale)
            pdf.set_text_color(*palette.rgb("muted"))
            pdf.multi_cell(
                0,
                7 * scale,
                printable("— " + slide.attribution),
                align="R",
                new_x=XPos.LMARGIN,
                new_y=YPos.NEXT,
            )
        return _last_line(pdf, event, scale, palette)
    if slide.body.strip():
        write_html(pdf, markdown.render(slide.body), scale, palette, centre=centred)
    if slide.image:
        write_html(pdf, markdown.picture(slide.image, slide.title), scale, palette, centre=True)
    if slide.columns:
        top, bottom = pdf.get_y(), pdf.get_y()
        gap = 8 * scale
        width = (box.w - gap * (len(slide.columns) - 1)) / len(slide.columns)
        for number, column in enumerate(slide.columns):
            left = box.x + number * (width + gap)
            pdf.set_margins(left, box.y, pdf.w - left - width)
            pdf.set_xy(left, top)
            write_html(pdf, markdown.render(column), scale, palette)
            bottom = max(bottom, pdf.get_y())
        pdf.set_margins(box.x, box.y, pdf.w - box.x - box.w)
        pdf.set_xy(box.x, bottom)
    if slide.poll is not None:
        record = sources.polls.get(slide.poll.id)
        if slide.poll.question.strip() != slide.title.strip():
            pdf.set_font("dejavu", "", 20 * scale)
            pdf.set_text_color(*palette.rgb("foreground"))
            pdf.multi_cell(
                0, 9 * scale, printable(slide.poll.question), new_x=XPos.LMARGIN, new_y=YPos.NEXT
            )
        if record is None:
            items = "".join(f"<li>{escape(option)}</li>" for option in slide.poll.options)
            write_html(pdf, f"<ol>{items}</ol>", scale, palette)
        else:
            draw_chart(pdf, record, box, scale, palette)
    return _last_line(pdf, event, scale, palette)


def _line(pdf: Any, line: str, size: float, colour: tuple[int, int, int], style: str = "") -> None:
    """One centred line (wrapped when long) at ``size`` points."""
    pdf.set_font("dejavu", style, size)
    pdf.set_text_color(*colour)
    pdf.multi_cell(0, size * 0.5, printable(line), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _last_line(pdf: Any, event: str, scale: float, palette: Palette) -> float:
    """The event and date (if shown) below the rest; returns the y where the slide ends."""
    if event:
        pdf.set_y(pdf.get_y() + 4 * scale)
        _line(pdf, event, 18 * scale, palette.rgb("subtitle"))
    return float(pdf.get_y())
