"""What the notes pane says about a position: notes blocks and the preview.

Pure functions over the deck model (no Textual), so what the presenter reads
for each slide and reveal step is tested on its own.
"""

from __future__ import annotations

from enum import Enum
from functools import lru_cache
from typing import NamedTuple

from tui.deck.model import Deck, Layout, Slide, reveal_blocks

PREVIEW_LINES = 3
"""Most lines of body text a preview carries."""


class Role(str, Enum):
    """How a block of notes is shown."""

    PLAIN = "plain"
    """The slide's only notes."""
    PAST = "past"
    """Notes of a step already revealed: shown dimmed."""
    CURRENT = "current"
    """Notes of the step just revealed: what to say now."""


class NotesBlock(NamedTuple):
    """One block of speaker notes.

    Attributes:
        text: Markdown source.
        role: How to show it.
        step: The reveal step it belongs to (0 = before the first item).
    """

    text: str
    role: Role
    step: int = 0


def notes_blocks(slide: Slide, step: int) -> list[NotesBlock]:
    """The notes to show at ``step`` of ``slide``.

    A slide without step notes has one plain block. With step notes, the
    blocks of steps 0 to ``step`` are shown: the one for ``step`` is current,
    earlier ones are past; later steps' notes stay hidden.

    Args:
        slide: The slide on screen.
        step: Reveal steps shown (0 to ``slide.steps``).

    Returns:
        Blocks in order; empty blocks are left out (may return ``[]``).
    """
    if not slide.step_notes:
        return [NotesBlock(slide.notes, Role.PLAIN)] if slide.notes.strip() else []
    texts = (slide.notes, *slide.step_notes)
    shown = []
    for index, text in enumerate(texts[: step + 1]):
        if text.strip():
            shown.append(NotesBlock(text, Role.CURRENT if index == step else Role.PAST, index))
    return shown


class PreviewKind(str, Enum):
    """What the preview announces."""

    STEP = "step"
    """The next reveal step of the slide on screen."""
    SLIDE = "slide"
    """The next slide."""
    END = "end"
    """Nothing: this is the last step of the last slide."""


class Preview(NamedTuple):
    """What comes after the position on screen.

    Attributes:
        kind: Next step, next slide, or the end.
        title: The next slide's title (or what stands for it).
        lines: Its first lines of text, without Markdown markers.
        number: 1-based number of the slide previewed (0 at the end).
    """

    kind: PreviewKind
    title: str = ""
    lines: tuple[str, ...] = ()
    number: int = 0


def next_preview(deck: Deck, slide: int, step: int, limit: int = PREVIEW_LINES) -> Preview:
    """A preview of what the next key press shows.

    Args:
        deck: The deck.
        slide: 0-based slide on screen.
        step: Reveal step on screen.
        limit: Most body lines to return.

    Returns:
        The next reveal step of this slide when there is one, else the next
        slide's title and first lines, else :attr:`PreviewKind.END`.
    """
    current = deck.slides[slide]
    if step < current.steps:
        block = reveal_blocks(current.body)[step + 1]
        return Preview(PreviewKind.STEP, current.title, plain_lines(block, limit), slide + 1)
    if slide + 1 >= len(deck.slides):
        return Preview(PreviewKind.END)
    following = deck.slides[slide + 1]
    return Preview(
        PreviewKind.SLIDE, slide_label(following), _first_lines(following, limit), slide + 2
    )


def slide_label(slide: Slide) -> str:
    """A slide's title, or what stands in for a missing one."""
    if slide.title.strip():
        return slide.title.strip()
    if slide.layout is Layout.QUOTE and slide.body.strip():
        first = plain_lines(slide.body, 1)
        return f"“{first[0]}”" if first else "(quote)"
    return "(untitled)"


def _first_lines(slide: Slide, limit: int) -> tuple[str, ...]:
    if slide.poll is not None:
        return (f"Poll: {' · '.join(slide.poll.options)}",)[:limit]
    source = slide.body_at_step(0) if slide.reveal else slide.body
    if slide.columns:
        source = "\n".join(slide.columns)
    if slide.subtitle:
        source = f"{slide.subtitle}\n{source}"
    return plain_lines(source, limit)


CELL_SEPARATOR = " · "
"""Between the cells of a table row in plain text."""


@lru_cache(maxsize=1)
def _parser():  # -> markdown_it.MarkdownIt
    from tui.markdown_import import markdown_it_class

    # The parser Rich's Markdown uses, with its extensions.
    return markdown_it_class()().enable("strikethrough").enable("table")


def _inline_text(token) -> str:  # (markdown_it.token.Token) -> str
    """The readable text of an inline token: emphasis, links and code marks dropped."""
    parts: list[str] = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type == "image":
            parts.append(child.content or "".join(c.content for c in child.children or ()))
    return "".join(parts)


def _blocks(markdown: str) -> list[str]:
    """Markdown as plain text, block by block; a table row is one block."""
    blocks: list[str] = []
    row: list[str] | None = None
    from tui.render import may_nest_too_deep

    if may_nest_too_deep(markdown):
        from tui.list_depth import flatten_deep_nesting  # too deep, they would vanish

        markdown = flatten_deep_nesting(markdown)
    for token in _parser().parse(markdown):
        if token.type == "tr_open":
            row = []
        elif token.type == "tr_close" and row is not None:
            blocks.append(CELL_SEPARATOR.join(cell.strip() for cell in row))
            row = None
        elif token.type == "inline":
            text = _inline_text(token)
            if row is not None:
                row.append(" ".join(text.split()))
            else:
                blocks.append(text)
        elif token.type in ("fence", "code_block"):
            blocks.append(token.content)
    return blocks


def plain_lines(markdown: str, limit: int = PREVIEW_LINES) -> tuple[str, ...]:
    """The first non-empty lines of Markdown, as plain text.

    The Markdown is parsed as the slide renders it (Rich's parser, tables
    included) and only the readable text kept: no list markers, heading
    hashes, quote marks, emphasis or link syntax; a code block gives its
    code without the fences; a table gives one line per row, its cells
    joined by ``·`` (the separator row is dropped).

    Args:
        markdown: Markdown source.
        limit: Most lines to return.

    Returns:
        Up to ``limit`` stripped lines.
    """
    lines: list[str] = []
    for block in _blocks(markdown):
        for line in block.splitlines():
            text = line.strip()
            if text:
                lines.append(text)
            if len(lines) >= limit:
                return tuple(lines)
    return tuple(lines)


def hard_line_breaks(source: str) -> str:
    """Keep the author's line breaks in Markdown notes.

    Speaker notes are written a thought per line; Markdown would join the
    lines of a paragraph, so each line that continues a paragraph gets a
    hard break (two trailing spaces).
    """
    lines = source.splitlines()
    out = []
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else ""
        continues = (
            line.strip()
            and following.strip()
            and not following.lstrip().startswith(("-", "*", "+"))
        )
        out.append(line + "  " if continues else line)
    return "\n".join(out)
