"""Links on slides: the address shown after the text, and clickable where it can be.

A projector audience cannot hover over a link, so ``[KS](https://www.ks.no)``
reads ``KS (www.ks.no)`` on the slide: the address follows the text in
brackets, in the link style, on the same line where it fits. An address that
is already the text (``<https://www.ks.no>``) is not repeated. The scheme of
a web address is left out of what is shown (``https://``, ``mailto:``): the
room reads the address, the terminal opens the whole one.

Both the text and the shown address carry the address as an OSC 8 hyperlink
(Rich ``Style(link=...)``), which terminals that support it make clickable
and others ignore. Only web and mail addresses (``http``, ``https``,
``mailto``) made of printable ASCII become hyperlinks: anything else (a
relative path, ``file:``, an address holding a space or a control
character) is shown but never sent inside an escape sequence.

Works on the tokens of a parsed Rich :class:`~rich.markdown.Markdown`, so
links in lists, tables and emphasis are handled by the same parser that
draws them.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it.token import Token
    from rich.markdown import Markdown

__all__ = ["clickable", "show_link_addresses", "shown_address"]

_CLICKABLE = re.compile(r"^(?:https?://|mailto:)[!-~]+$", re.IGNORECASE)
_SHOWN_SCHEME = re.compile(r"^(?:https?://|mailto:)", re.IGNORECASE)


def clickable(href: str) -> bool:
    """Whether ``href`` may be sent to the terminal as an OSC 8 hyperlink.

    Only ``http``, ``https`` and ``mailto`` addresses of printable ASCII
    (no space, no control character, nothing that could end the escape
    sequence) qualify; Markdown's parser has already percent-encoded
    everything else in a normal address.
    """
    return bool(_CLICKABLE.match(href))


def shown_address(href: str) -> str:
    """The address as the room reads it: decoded, without ``https://`` or ``mailto:``.

    Args:
        href: The link's address as parsed (percent-encoded).

    Returns:
        The address for display, e.g. ``www.ks.no/om-ks`` for
        ``https://www.ks.no/om-ks``; a trailing ``/`` after the host is
        dropped.
    """
    from tui.markdown_import import markdown_it_class
    from tui.safe_text import one_line

    text = markdown_it_class()().normalizeLinkText(href)
    text = _SHOWN_SCHEME.sub("", text)
    if text.endswith("/") and text.count("/") == 1:
        text = text[:-1]
    return one_line(text)


def show_link_addresses(markdown: Markdown) -> Markdown:
    """Make every link of ``markdown`` show its address after its text.

    Changes the parsed tokens in place: after each link whose text is not
    its address, `` (address)`` is added as a link of its own. Links that
    may not be sent to a terminal (see :func:`clickable`) lose their OSC 8
    target but still show the address.

    Args:
        markdown: A Rich Markdown built with ``hyperlinks=True``.

    Returns:
        ``markdown``, for chaining.
    """
    for token in markdown.parsed:
        if token.children:
            token.children = _with_addresses(token.children)
    return markdown


def _with_addresses(children: list[Token]) -> list[Token]:
    from markdown_it.token import Token

    result: list[Token] = []
    opened: list[tuple[str, int]] = []
    for token in children:
        if token.type == "link_open":
            href = str(token.attrs.get("href", ""))
            if not clickable(href):
                token.attrs["href"] = ""  # shown below, never sent to the terminal
            opened.append((href, len(result)))
            result.append(token)
            continue
        result.append(token)
        if token.type != "link_close" or not opened:
            continue
        href, at = opened.pop()
        if not href:
            continue
        text = "".join(child.content for child in result[at + 1 : -1] if child.type == "text")
        address = shown_address(href)
        if _same(text, address, href):
            continue
        result.extend(
            [
                Token("text", "", 0, content=" ("),
                Token("link_open", "a", 1, attrs={"href": href if clickable(href) else ""}),
                Token("text", "", 0, content=address),
                Token("link_close", "a", -1),
                Token("text", "", 0, content=")"),
            ]
        )
    return result


def _same(text: str, address: str, href: str) -> bool:
    """Whether the link's text already is its address (an autolink)."""
    plain = text.strip().rstrip("/")
    if not plain:
        return False
    return plain in (address, href.rstrip("/")) or shown_address(plain) == address
