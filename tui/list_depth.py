"""Lists nested deeper than a slide can show are drawn at the deepest level shown.

Markdown's parser (markdown-it, as Rich, the notes and the exports use it)
stops at 20 levels of nesting, and a list level takes two (the list and its
item): from the tenth level on, a list item vanished from the slide, and so
did every line after it, the rest of the slide included. Each level also
takes three cells of the slide's width.

:func:`flatten_deep_lists` re-indents every item nested deeper than
:data:`MOST_LIST_LEVELS` (fewer inside deep quotes, which take a level each:
see :func:`most_list_levels`) so that it is drawn as an item of the deepest
level shown, its own lines and deeper items moved with it. Run it after
:func:`tui.quote_depth.flatten_deep_quotes`. It reads the list structure
from the lines' indentation, as CommonMark does: a marker (``-``, ``+``,
``*``, ``1.``, ``1)``) opens an item whose text starts at a column; a line
indented to that column belongs to the item; after a blank line a line
indented less closes it. Code fences are moved with their item, their
contents untouched otherwise. :func:`flatten_deep_nesting` does both, for
every parse that draws or exports a text. Imports nothing but :mod:`re`
and :mod:`tui.quote_depth`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tui.quote_depth import flatten_deep_quotes

__all__ = ["MOST_LIST_LEVELS", "flatten_deep_lists", "flatten_deep_nesting", "most_list_levels"]

MOST_LIST_LEVELS = 8
"""List levels drawn outside quotes (as :data:`tui.quote_depth.MOST_QUOTE_LEVELS`)."""

NESTING_LIMIT = 19
"""The deepest paragraph markdown-it keeps: 20 levels (its ``maxNesting``), counted from 0."""

_QUOTE = re.compile(r"(?: {0,3}>)+ ?")
_ITEM = re.compile(r"([-+*]|\d{1,9}[.)])(?: +|$)")
_BREAK = re.compile(r"([-*_])(?: *\1){2,} *$")
_FENCE = re.compile(r"(`{3,}|~{3,})")


def most_list_levels(quote_depth: int) -> int:
    """The list levels drawn inside ``quote_depth`` levels of quotes (at least 1).

    A paragraph in ``L`` lists inside ``Q`` quotes sits at markdown-it's level
    ``2 * L + Q``, which must stay within :data:`NESTING_LIMIT`.
    """
    return max(1, min(MOST_LIST_LEVELS, (NESTING_LIMIT - quote_depth) // 2))


@dataclass(slots=True)
class _Item:
    """An open list item: where its marker and its text start, and how far it moves."""

    marker: int
    """The marker's column, as written (cells after the quote marks)."""
    content: int
    """The column its text starts at, as written."""
    shift: int
    """Columns it and its lines move by (0 or negative)."""


def flatten_deep_nesting(source: str) -> str:
    """``source`` with quotes, then lists, nested too deep brought to the deepest level drawn.

    Args:
        source: Markdown text.

    Returns:
        ``source`` itself when nothing is nested that deep.
    """
    if ">" in source:
        source = flatten_deep_quotes(source)
    return flatten_deep_lists(source)


def _moved(rest: str, indent: int, shift: int) -> str:
    return " " * max(0, indent + shift) + rest.lstrip(" \t") if shift else rest


def flatten_deep_lists(source: str) -> str:
    """``source`` with list items nested too deep re-indented to the deepest level drawn.

    Args:
        source: Markdown text (its quotes already flattened).

    Returns:
        ``source`` itself when no list is nested that deep.
    """
    if " " * 10 not in source and "\t" not in source:
        return source  # no item can be nested deep enough to matter
    lines = source.split("\n")
    items: list[_Item] = []
    quote_depth = -1
    fence = ""
    fence_shift = 0
    blank_before = False
    changed = False
    for index, line in enumerate(lines):
        quote = _QUOTE.match(line)
        prefix = quote.group() if quote else ""
        depth = prefix.count(">")
        rest = line[len(prefix) :]
        if depth != quote_depth:
            items, quote_depth = [], depth  # lists do not cross quote levels here
        text = rest.lstrip(" \t")
        indent = len(rest[: len(rest) - len(text)].expandtabs(4))
        if fence:
            if _FENCE.match(text) and text.startswith(fence[0] * len(fence)):
                fence = ""
            new = _moved(rest, indent, fence_shift) if indent >= -fence_shift else rest
        elif not text:
            blank_before = True
            continue
        else:
            shift = _place(items, text, indent, depth, blank_before)
            blank_before = False
            new = _moved(rest, indent, shift)
            item = _ITEM.match(text)
            opened = _FENCE.match(text[item.end() :] if item else text)
            if opened:
                fence, fence_shift = opened.group(1), shift
        if new != rest:
            lines[index] = prefix + new
            changed = True
    return "\n".join(lines) if changed else source


def _place(items: list[_Item], text: str, indent: int, quote_depth: int, blank_before: bool) -> int:
    """The columns a line moves by, given the open items (which it updates)."""
    item = _ITEM.match(text)
    if item and not _BREAK.match(text):
        while items and items[-1].content > indent:
            items.pop()  # a marker left of an item's text closes that item
        most = most_list_levels(quote_depth)
        shift = 0
        if len(items) >= most:  # deeper than drawn: joins the deepest level drawn
            shift = items[most - 1].marker + items[most - 1].shift - indent
        elif items:
            shift = items[-1].shift
        content = indent + len(item.group())
        if not item.group().endswith(" "):
            content += 1  # an empty item: its text would start after one space
        items.append(_Item(indent, content, shift))
        return shift
    if blank_before:
        while items and items[-1].content > indent:
            items.pop()  # after a blank line, a line left of an item's text ends it
    owner = next((each for each in reversed(items) if each.content <= indent), None)
    return owner.shift if owner else 0
