"""A picture inside running text reads as its alt text, marked as a picture.

A picture that stands alone on its line is drawn (see
:mod:`tui.render_images`); one inside a sentence cannot be, and Rich's
Markdown would show it as ``🌆 alt`` with a picture sign in front, a glyph
the room reads as an emoji in the text. Here it reads as a block picture
reads where the terminal cannot draw it (:meth:`tui.render_images.Picture.caption_text`):
``[picture: alt]`` in italics, in place, the file's name when the alt
text is empty. Works on the tokens of a parsed Rich Markdown, as
:mod:`tui.render_links` does. Imports markdown-it's token only when used.
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it.token import Token
    from rich.markdown import Markdown

__all__ = ["inline_picture_text", "name_inline_pictures"]


def inline_picture_text(alt: str, source: str) -> str:
    """What an inline picture reads as: ``[picture: alt]`` (the file's name without alt text)."""
    from tui.safe_text import one_line

    name = alt.strip() or posixpath.basename(source.rstrip("/"))
    return one_line(f"[picture: {name}]")


def name_inline_pictures(markdown: Markdown) -> Markdown:
    """Make every picture left in ``markdown``'s text read as :func:`inline_picture_text`.

    Changes the parsed tokens in place.

    Returns:
        ``markdown``, for chaining.
    """
    for token in markdown.parsed:
        if token.children and any(child.type == "image" for child in token.children):
            token.children = _named(token.children)
    return markdown


def _named(children: list[Token]) -> list[Token]:
    from markdown_it.token import Token

    result: list[Token] = []
    for token in children:
        if token.type != "image":
            result.append(token)
            continue
        text = inline_picture_text(token.content, str(token.attrs.get("src", "")))
        result += [
            Token("em_open", "em", 1),
            Token("text", "", 0, content=text),
            Token("em_close", "em", -1),
        ]
    return result
