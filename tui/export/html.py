"""The deck as one self-contained web page (``podium export --format html``).

Every slide is a ``<section>`` of real HTML (headings, lists, tables,
highlighted code, embedded images), complete with every reveal step, in
the theme's colours; :mod:`tui.export.html_assets` holds the style sheet
(with a print style, one slide per page) and the script (keys, clicks,
swipes, the slide number in the address). The page loads nothing from
anywhere: its Content-Security-Policy allows no request at all beyond the
page itself and ``data:`` images. ``--handout`` puts a cover first and each
slide beside its notes, poll results and times. Imports no Textual.
"""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from tui.deck.model import Deck, Layout, Slide, slide_meta
from tui.export.html_assets import SCRIPT, style_sheet
from tui.export.markdown_html import MarkdownHtml, code_css, text
from tui.export.palette import Palette
from tui.export.sources import PollRecord, Sources
from tui.export.words import (
    cover_lines,
    export_note,
    notes_markdown,
    poll_rows,
    poll_summary,
    slide_time,
)
from tui.i18n import document_language
from tui.notes import slide_label


def render_html(deck: Deck, palette: Palette, sources: Sources, *, handout: bool = False) -> str:
    """The whole page.

    Args:
        deck: The deck.
        palette: The theme's colours.
        sources: Stored poll results and rehearsal times.
        handout: Whether to write the handout (notes beside each slide).

    Returns:
        The HTML document.
    """
    markdown = MarkdownHtml(Path(deck.source).parent if deck.source else Path.cwd())
    total = len(deck.slides)
    slides = [
        _slide(deck, index, slide, total, markdown, sources)
        for index, slide in enumerate(deck.slides)
    ]
    if handout:
        body = _cover(deck, sources) + "".join(
            _handout_page(index, slide, slides[index], markdown, sources)
            for index, slide in enumerate(deck.slides)
        )
        kind = "handout"
    else:
        body = "".join(slides) + _NAVIGATION
        kind = "slides"
    script = "" if handout else SCRIPT
    style = style_sheet(palette, handout=handout) + code_css(palette.dark)
    title = text(deck.title or slide_label(deck.slides[0]))
    policy = (
        "default-src 'none'; img-src data:; "
        f"style-src 'unsafe-inline'; script-src {_digest(script)}; "
        "base-uri 'none'; form-action 'none'"
    )
    language = text(document_language(deck.lang))
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{language}" class="{kind}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f'<meta name="generator" content="Podium">\n<title>{title}</title>\n'
        f"<style>\n{style}</style>\n</head>\n<body>\n<main>\n{body}</main>\n"
        + (f"<script>{script}</script>\n" if script else "")
        + "</body>\n</html>\n"
    )


def _digest(script: str) -> str:
    """The CSP source that allows ``script`` alone (``'none'`` for no script)."""
    if not script:
        return "'none'"
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


_NAVIGATION = (
    '<nav class="controls" aria-label="Slides">'
    '<button type="button" data-go="-1" aria-label="Previous slide">‹</button>'
    '<span class="where" aria-live="polite"></span>'
    '<button type="button" data-go="1" aria-label="Next slide">›</button></nav>\n'
)


def _slide(
    deck: Deck, index: int, slide: Slide, total: int, markdown: MarkdownHtml, sources: Sources
) -> str:
    number = index + 1
    layout = f"layout-{slide.layout.value}"
    # As on the terminal: the author under the title, the event and date last.
    author, meta = slide_meta(deck, slide)
    parts = _heading(slide)
    if author:
        parts.append(f'<p class="author">{text(author)}</p>')
    parts += _content(slide, markdown, sources)
    if meta:
        parts.append(f'<p class="meta">{text(meta)}</p>')
    label = text(slide_label(slide))
    return (
        f'<section class="slide {layout}" id="slide-{number}" data-number="{number}" '
        f'aria-label="{number}: {label}">\n'
        f'<div class="content">{"".join(parts)}</div>\n'
        f'<footer class="number">{number} / {total}</footer>\n</section>\n'
    )


def _heading(slide: Slide) -> list[str]:
    """The slide's title (with its subtitle on a title or section slide)."""
    if slide.layout in (Layout.TITLE, Layout.SECTION):
        tag = "h1" if slide.layout is Layout.TITLE else "h2"
        parts = [f'<{tag} class="title">{text(slide.title)}</{tag}>']
        if slide.subtitle:
            parts.append(f'<p class="subtitle">{text(slide.subtitle)}</p>')
        return parts
    return [f'<h2 class="title">{text(slide.title)}</h2>'] if slide.title else []


def _content(slide: Slide, markdown: MarkdownHtml, sources: Sources) -> list[str]:
    """Everything of the slide below its title: body, quote, columns, poll, image."""
    parts: list[str] = []
    if slide.layout is Layout.QUOTE:
        quote = f'<blockquote class="quote">{markdown.render(slide.body)}'
        if slide.attribution:
            quote += f'<footer class="attribution">— {text(slide.attribution)}</footer>'
        parts.append(quote + "</blockquote>")
    else:
        if slide.body.strip():
            parts.append(f'<div class="body">{markdown.render(slide.body)}</div>')
        if slide.columns:
            columns = "".join(
                f'<div class="column">{markdown.render(column)}</div>' for column in slide.columns
            )
            parts.append(f'<div class="columns">{columns}</div>')
        if slide.poll is not None:
            parts.append(_poll(slide, sources.polls.get(slide.poll.id)))
    if slide.image:
        parts.append(f'<div class="body">{markdown.picture(slide.image, slide.title)}</div>')
    return parts


def _poll(slide: Slide, record: PollRecord | None) -> str:
    """The poll: its stored results as a bar chart, else its options."""
    poll = slide.poll
    assert poll is not None
    question = ""
    if poll.question.strip() != slide.title.strip():
        question = f'<p class="question">{text(poll.question)}</p>'
    if record is None:
        options = "".join(f"<li>{text(option)}</li>" for option in poll.options)
        return f'<div class="poll">{question}<ol class="options">{options}</ol></div>'
    rows = "".join(
        f'<div class="row"><span class="label">{n}. {text(row.label)}</span>'
        f'<span class="track"><span class="bar" style="width:{row.percent}%"></span></span>'
        f'<span class="figure">{row.votes} · {row.percent}%</span></div>'
        for n, row in enumerate(poll_rows(record.results), start=1)
    )
    return (
        f'<div class="poll results">{question}<div class="chart" role="table">{rows}</div>'
        f'<p class="summary">{text(poll_summary(record))}</p></div>'
    )


def _cover(deck: Deck, sources: Sources) -> str:
    lines = "".join(f"<p>{text(line)}</p>" for line in cover_lines(deck))
    return (
        '<section class="cover">'
        f'<h1 class="title">{text(deck.title or slide_label(deck.slides[0]))}</h1>'
        f'<div class="meta">{lines}</div>'
        f'<p class="exported">{text(export_note(sources))}</p></section>\n'
    )


def _handout_page(
    index: int, slide: Slide, slide_html: str, markdown: MarkdownHtml, sources: Sources
) -> str:
    notes = markdown.render(notes_markdown(slide.notes)) if slide.notes.strip() else ""
    for step, note in enumerate(slide.step_notes, start=1):
        if note.strip():
            said = markdown.render(notes_markdown(note))
            notes += f'<div class="step"><h4>Step {step}</h4>{said}</div>'
    if not notes:
        notes = '<p class="none">No notes.</p>'
    extra = ""
    if slide.poll is not None:
        record = sources.polls.get(slide.poll.id)
        extra += (
            f'<p class="poll-figures">{text(poll_summary(record))}</p>'
            if record is not None
            else '<p class="poll-figures">No votes stored.</p>'
        )
    timing = slide_time(sources, index)
    if timing:
        extra += f'<p class="time">{text(timing)}</p>'
    return (
        f'<article class="page" id="page-{index + 1}">{slide_html}'
        f'<div class="notes"><h3>Notes · slide {index + 1}</h3>{notes}{extra}</div></article>\n'
    )
