"""The PDF export's document: fpdf2 with the DejaVu fonts, and HTML laid
out in the theme's colours. Imports no Textual; fpdf2 is imported only by
the PDF export.
"""

from __future__ import annotations

import html
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace, TextStyle

from tui.deck.model import Deck
from tui.export.palette import Palette
from tui.i18n import document_language
from tui.notes import slide_label
from tui.safe_text import printable

SLIDE_SIZE = (254.0, 142.875)
"""A slide page in millimetres: 10 x 5.625 inches, 16:9."""

INK = (29, 29, 31)
"""Text colour on the handout's white paper."""
GREY = (85, 85, 92)
"""Secondary text on the handout's paper."""

FONTS = Path(__file__).parent / "fonts"
"""DejaVu fonts (see ``fonts/LICENSE``)."""

_NO_GLYPH = {code: "\ufffd" for code in range(0x2400, 0x2425)}
"""DejaVu has no control pictures (``␛`` ...): they print as ``�``."""


class PodiumPdf(FPDF):
    """fpdf2's document with every text made printable in DejaVu Sans.

    Text arrives here already through :func:`tui.safe_text.printable`
    (controls as their pictures); the pictures the font lacks become ``�``
    so a control character still shows where it was.
    """

    def normalize_text(self, text: str) -> str:
        """As fpdf2's, after :data:`_NO_GLYPH`."""
        return str(super().normalize_text(printable(text).translate(_NO_GLYPH)))


@dataclass(frozen=True)
class Box:
    """Where a slide is drawn, in millimetres.

    Attributes:
        x: Left edge.
        y: Top edge.
        w: Width.
        h: Height.
    """

    x: float
    y: float
    w: float
    h: float


def new_pdf(deck: Deck, *, portrait: bool) -> FPDF:
    """An empty document with the fonts and the deck's metadata."""
    logging.getLogger("fpdf").setLevel(logging.ERROR)  # glyphs a font lacks: not fatal
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    if portrait:
        pdf = PodiumPdf(orientation="P", unit="mm", format="A4")
    else:
        pdf = PodiumPdf(orientation="L", unit="mm", format=(SLIDE_SIZE[1], SLIDE_SIZE[0]))
    pdf.add_font("dejavu", "", FONTS / "DejaVuSans.ttf")
    pdf.add_font("dejavu", "B", FONTS / "DejaVuSans-Bold.ttf")
    pdf.add_font("dejavu", "I", FONTS / "DejaVuSans-Oblique.ttf")
    pdf.add_font("dejavu", "BI", FONTS / "DejaVuSans-Bold.ttf")
    pdf.add_font("mono", "", FONTS / "DejaVuSansMono.ttf")
    pdf.add_font("mono", "B", FONTS / "DejaVuSansMono-Bold.ttf")
    pdf.add_font("mono", "I", FONTS / "DejaVuSansMono.ttf")
    pdf.add_font("mono", "BI", FONTS / "DejaVuSansMono-Bold.ttf")
    pdf.set_font("dejavu", size=12)
    pdf.set_title(printable(deck.title or slide_label(deck.slides[0]), lines=False))
    if deck.author:
        pdf.set_author(printable(deck.author, lines=False))
    if deck.event:
        pdf.set_subject(printable(deck.event, lines=False))
    pdf.set_creator("Podium")
    pdf.set_lang(document_language(deck.lang))
    return pdf


def escape(text: str) -> str:
    return html.escape(printable(text))


def write_html(
    pdf: Any,
    markup: str,
    scale: float,
    palette: Palette,
    colour: str = "foreground",
    *,
    italic: bool = False,
    centre: bool = False,
) -> None:
    """Lay out HTML with the theme's colours at ``scale`` (1 = 18 pt body text)."""
    spacing = ' line-height="1.18"'
    markup = re.sub(r"<(ul|ol)(?=[ >])", lambda m: f"<{m[1]}{spacing}", markup)
    paragraph = "<p" + spacing + (' align="center"' if centre else "")
    markup = re.sub(r"<p(?=>)", paragraph, markup)
    size = 18 * scale
    heading = palette.heading

    def block(factor: float, **more: Any) -> TextStyle:
        return TextStyle(
            font_size_pt=size * factor,
            color=heading,
            font_style="B",
            t_margin=2 * scale,
            b_margin=1 * scale,
            **more,
        )

    styles = {
        "h1": block(1.35),
        "h2": block(1.22),
        "h3": block(1.1),
        "h4": block(1.0),
        "h5": block(1.0),
        "h6": block(1.0),
        "p": TextStyle(t_margin=1.5 * scale, b_margin=0),
        "li": TextStyle(t_margin=1.2 * scale, l_margin=6 * scale),
        "ul": TextStyle(t_margin=0.5 * scale),
        "ol": TextStyle(t_margin=0.5 * scale),
        "blockquote": TextStyle(
            color=palette.quote, t_margin=2 * scale, b_margin=2 * scale, l_margin=8 * scale
        ),
        "pre": TextStyle(
            font_family="mono",
            font_size_pt=size * 0.72,
            color=palette.foreground,
            t_margin=2 * scale,
            b_margin=2 * scale,
        ),
        "code": FontFace(family="mono"),
        "a": FontFace(color=palette.primary, emphasis="UNDERLINE"),
    }
    pdf.set_font("dejavu", "I" if italic else "", size)
    pdf.set_text_color(*palette.rgb(colour))
    try:
        pdf.write_html(
            markup,
            font_family="dejavu",
            tag_styles=styles,
            ul_bullet_char="•",
            li_prefix_color=palette.accent,
            warn_on_tags_not_matching=False,
            table_line_separators=True,
        )
    except Exception:  # fpdf2's layout gave up (a too-narrow table, say): plain text instead
        plain = re.sub(r"<[^>]*>", "", markup)
        pdf.multi_cell(0, size * 0.45, html.unescape(plain), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_x(pdf.l_margin)


def write_notes_html(pdf: FPDF, markup: str) -> None:
    """Speaker notes in dark ink on the handout's white paper (10.5 pt)."""
    ink = "#{:02x}{:02x}{:02x}".format(*INK)
    paper = Palette(
        name="paper",
        dark=False,
        background="#ffffff",
        foreground=ink,
        panel="#eeeeee",
        muted="#{:02x}{:02x}{:02x}".format(*GREY),
        title=ink,
        subtitle=ink,
        heading=ink,
        quote=ink,
        bar=ink,
        track="#cccccc",
        primary="#1f5fbf",
        accent=ink,
    )
    write_html(pdf, markup, 10.5 / 18, paper)
