"""Markdown as safe HTML for the web page export. Imports no Textual.

The slide's Markdown is parsed as the terminal view parses it (CommonMark
with tables and strikethrough, as Rich does) and written as real HTML:
headings, lists, tables, links. Raw HTML in a deck is shown as text, never
run; control characters show as their visible stand-ins
(:func:`tui.safe_text.printable`). Code blocks are highlighted by Pygments
into inline classes (:func:`code_css`). Images are embedded as ``data:``
URIs when they are local image files; any other image (a remote URL, a
missing file) shows as its alternative text, so the page never asks
another host for anything.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.regular_file import read_regular
from tui.safe_text import printable

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

MAX_IMAGE_BYTES = 8 * 1024 * 1024
"""Largest image file embedded in a page (bigger ones show their alt text)."""

IMAGE_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".svg": "image/svg+xml",
}
"""Image files embedded, by suffix, with their media type."""


def text(value: str) -> str:
    """Outside text as HTML text: controls made visible, then escaped.

    Args:
        value: Text from a deck or a store.
    """
    return html.escape(printable(value), quote=True)


def code_css(dark: bool) -> str:
    """Pygments colours for ``.code`` blocks, for a dark or a light theme."""
    from pygments.formatters import HtmlFormatter

    style = "monokai" if dark else "friendly"
    return str(HtmlFormatter(style=style).get_style_defs(".code"))


class MarkdownHtml:
    """Renders a deck's Markdown to HTML.

    Args:
        base: The deck's folder: relative image paths start there.
        code_colours: For the PDF's HTML reader, which knows no classes:
            the Pygments style whose colours code is written in with
            ``<font color>``; None writes Pygments' classes (:func:`code_css`).
    """

    def __init__(self, base: Path, code_colours: str | None = None) -> None:
        self.base = base
        self.code_colours = code_colours
        self._parser = _parser()

    def picture(self, path: str, alt: str) -> str:
        """A slide's ``image:`` as HTML, embedded as the body's pictures are.

        Args:
            path: The picture's path as written (relative to :attr:`base`).
            alt: Its text for readers that show no pictures (the slide's title).
        """
        data = embedded_image(path, self.base)
        if data is None:
            return f'<p><span class="missing-image">[{html.escape(alt or path)}]</span></p>'
        return f'<p class="picture"><img src="{data}" alt="{html.escape(alt, quote=True)}"></p>'

    def render(self, source: str) -> str:
        """HTML for Markdown ``source`` (block elements)."""
        from tui.list_depth import flatten_deep_nesting

        tokens = self._parser.parse(flatten_deep_nesting(printable(source)))
        env = {"base": self.base, "code_colours": self.code_colours}
        return str(self._parser.renderer.render(tokens, self._parser.options, env))


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from tui.markdown_import import markdown_it_class

    parser = markdown_it_class()("commonmark", {"html": False, "typographer": False})
    parser.enable(["table", "strikethrough"])
    parser.add_render_rule("fence", _fence)
    parser.add_render_rule("code_block", _fence)
    parser.add_render_rule("image", _image)
    parser.add_render_rule("link_open", _link_open)
    return parser


def _fence(
    self: Any, tokens: Sequence[Token], index: int, options: Any, env: dict[str, Any]
) -> str:
    token = tokens[index]
    language = (token.info or "").strip().split(" ")[0]
    style = env.get("code_colours")
    if style:
        return f"<pre>{coloured(token.content, language, style)}</pre>\n"
    return f'<pre class="code">{highlight(token.content, language)}</pre>\n'


def _lexer(language: str) -> Any:
    from pygments.lexers import get_lexer_by_name
    from pygments.util import ClassNotFound

    try:
        return get_lexer_by_name(language) if language else None
    except ClassNotFound:
        return None


def coloured(source: str, language: str, style: str) -> str:
    """Code as escaped text in ``<font color>`` runs, for the PDF's HTML reader.

    Args:
        source: The code.
        language: The fence's language name, or "".
        style: A Pygments style name.
    """
    lexer = _lexer(language)
    if lexer is None:
        return html.escape(source.rstrip("\n"))
    from pygments.styles import get_style_by_name

    colours = get_style_by_name(style)
    parts = []
    for kind, value in lexer.get_tokens(source.rstrip("\n")):
        colour = colours.style_for_token(kind).get("color")
        escaped = html.escape(value)
        parts.append(f'<font color="#{colour}">{escaped}</font>' if colour else escaped)
    return "".join(parts)


def highlight(source: str, language: str) -> str:
    """Code as HTML with Pygments' classes (plain escaped text without a lexer).

    Args:
        source: The code.
        language: The fence's language name, or "".
    """
    from pygments import highlight as pygmentize
    from pygments.formatters import HtmlFormatter

    lexer = _lexer(language)
    if lexer is None:
        return html.escape(source)
    return str(pygmentize(source, lexer, HtmlFormatter(nowrap=True)))


def _image(
    self: Any, tokens: Sequence[Token], index: int, options: Any, env: dict[str, Any]
) -> str:
    token = tokens[index]
    alt = self.renderInlineAsText(token.children or [], options, env)
    source = str(token.attrGet("src") or "")
    data = embedded_image(source, env.get("base"))
    if data is None:
        return f'<span class="missing-image">[{html.escape(alt or source)}]</span>'
    return f'<img src="{data}" alt="{html.escape(alt)}">'


def embedded_image(source: str, base: Path | None) -> str | None:
    """A local image file as a ``data:`` URI, or None (remote, missing, too big).

    Args:
        source: The image's path as written (relative to ``base``).
        base: The deck's folder, or None.
    """
    if "://" in source or source.startswith(("data:", "//")) or not source:
        return None
    path = Path(source).expanduser()
    if not path.is_absolute() and base is not None:
        path = base / path
    kind = IMAGE_TYPES.get(path.suffix.lower())
    try:
        if kind is None or not path.is_file() or path.stat().st_size > MAX_IMAGE_BYTES:
            return None
        payload = read_regular(path)  # never blocks on a named pipe
    except OSError:
        return None
    return f"data:{kind};base64,{base64.b64encode(payload).decode('ascii')}"


def _link_open(
    self: Any, tokens: Sequence[Token], index: int, options: Any, env: dict[str, Any]
) -> str:
    token = tokens[index]
    token.attrSet("rel", "noopener noreferrer")
    return str(self.renderToken(tokens, index, options, env))
