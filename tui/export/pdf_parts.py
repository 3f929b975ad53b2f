"""Parts of the PDF export besides the slide's text: the poll chart, the
handout's cover and the notes under each slide. Imports no Textual.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fpdf.enums import XPos, YPos

from tui.export.pdf_doc import GREY, INK, Box, write_notes_html
from tui.export.sources import PollRecord, Sources
from tui.export.words import (
    cover_lines,
    export_note,
    notes_markdown,
    poll_rows,
    poll_summary,
    slide_time,
)
from tui.notes import slide_label
from tui.safe_text import printable

if TYPE_CHECKING:
    from fpdf import FPDF

    from tui.deck.model import Deck, Slide
    from tui.export.markdown_html import MarkdownHtml
    from tui.export.palette import Palette


def draw_chart(pdf: Any, record: PollRecord, box: Box, scale: float, palette: Palette) -> None:
    """A poll's stored results as a bar chart: option, bar, votes and percent.

    Args:
        pdf: The document (or a trial rendering of it).
        record: The poll's stored results.
        box: The slide's text area.
        scale: Text size (1 = the slide's full size).
        palette: The theme's colours.
    """
    size = 16 * scale
    row_height = size * 0.62
    label_width = box.w * 0.34
    figure_width = box.w * 0.16
    bar_width = box.w - label_width - figure_width - 4 * scale
    pdf.set_y(pdf.get_y() + 2 * scale)
    for number, row in enumerate(poll_rows(record.results), start=1):
        y = pdf.get_y()
        pdf.set_font("dejavu", "", size)
        pdf.set_text_color(*palette.rgb("foreground"))
        pdf.set_xy(box.x, y)
        label = printable(f"{number}. {row.label}", lines=False)
        while len(label) > 3 and pdf.get_string_width(label) > label_width - 2 * scale:
            label = label[:-2] + "…"
        pdf.cell(label_width, row_height, label)
        left = box.x + label_width
        pdf.set_fill_color(*palette.rgb("track"))
        pdf.rect(left, y + row_height * 0.2, bar_width, row_height * 0.6, style="F")
        if row.percent:
            pdf.set_fill_color(*palette.rgb("bar"))
            pdf.rect(
                left,
                y + row_height * 0.2,
                bar_width * row.percent / 100,
                row_height * 0.6,
                style="F",
            )
        pdf.set_xy(left + bar_width, y)
        pdf.cell(figure_width + 4 * scale, row_height, f"{row.votes} · {row.percent}%", align="R")
        pdf.set_xy(box.x, y + row_height + 1.2 * scale)
    pdf.set_font("dejavu", "", 12 * scale)
    pdf.set_text_color(*palette.rgb("muted"))
    pdf.multi_cell(
        0,
        6 * scale,
        printable(poll_summary(record), lines=False),
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )


def draw_cover(pdf: FPDF, deck: Deck, sources: Sources) -> None:
    """The handout's first page: title, author, event, date, where figures come from."""
    pdf.set_y(pdf.h * 0.3)
    pdf.set_font("dejavu", "B", 26)
    pdf.set_text_color(*INK)
    title = deck.title or slide_label(deck.slides[0])
    pdf.multi_cell(0, 11, printable(title), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_y(pdf.get_y() + 8)
    pdf.set_font("dejavu", "", 15)
    for line in cover_lines(deck):
        pdf.multi_cell(0, 8, printable(line), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_y(pdf.get_y() + 14)
    pdf.set_font("dejavu", "", 9)
    pdf.set_text_color(*GREY)
    pdf.multi_cell(
        0,
        5,
        printable(export_note(sources), lines=False),
        align="C",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )


def handout_notes(
    pdf: FPDF, index: int, slide: Slide, markdown: MarkdownHtml, sources: Sources
) -> None:
    """The notes under a slide on the handout, with its poll figures and times."""
    pdf.set_font("dejavu", "B", 10)
    pdf.set_text_color(*GREY)
    pdf.cell(0, 6, f"Notes · slide {index + 1}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    notes = markdown.render(notes_markdown(slide.notes)) if slide.notes.strip() else ""
    for step, note in enumerate(slide.step_notes, start=1):
        if note.strip():
            notes += f"<h4>Step {step}</h4>{markdown.render(notes_markdown(note))}"
    if notes:
        write_notes_html(pdf, notes)
    else:
        pdf.set_font("dejavu", "", 10)
        pdf.cell(0, 6, "No notes.", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    lines = []
    if slide.poll is not None:
        record = sources.polls.get(slide.poll.id)
        lines.append(poll_summary(record) if record is not None else "No votes stored.")
    timing = slide_time(sources, index)
    if timing:
        lines.append(timing)
    pdf.set_font("dejavu", "B", 10)
    pdf.set_text_color(*INK)
    for line in lines:
        pdf.multi_cell(0, 5.5, printable(line, lines=False), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
