"""Quotes nested deeper than a slide can show are drawn at the deepest level shown.

Markdown's parser (markdown-it, as Rich and the exports use it) stops at 20
levels of nesting and drops whatever is deeper: a quote 20 levels down
vanished from the slide without a word, and each level also takes two cells
of the slide's width. :func:`flatten_deep_quotes` rewrites every line quoted
more than :data:`MOST_QUOTE_LEVELS` deep to that depth before parsing, so
its text is shown, flattened into the deepest quote drawn. Code blocks are
left as written. Imports nothing.
"""

from __future__ import annotations

import re

__all__ = ["MOST_QUOTE_LEVELS", "flatten_deep_quotes"]

MOST_QUOTE_LEVELS = 8
"""Quote levels drawn; deeper lines join the eighth (16 cells of ``▌ `` marks)."""

_MARKS = re.compile(r"(?: {0,3}>)+ ?")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")


def flatten_deep_quotes(source: str, most: int = MOST_QUOTE_LEVELS) -> str:
    """``source`` with every line quoted deeper than ``most`` levels quoted ``most`` deep.

    Args:
        source: Markdown text.
        most: Quote levels kept.

    Returns:
        ``source`` itself when no line is quoted that deep.
    """
    if source.count(">") <= most:
        return source  # the usual body: nothing to look at
    lines = source.split("\n")
    fence = ""
    changed = False
    for index, line in enumerate(lines):
        marks = _MARKS.match(line)
        depth = marks.group().count(">") if marks else 0
        rest = line[marks.end() :] if marks else line
        opened = _FENCE.match(rest)
        if fence:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = ""
            continue
        if opened:
            fence = opened.group(1)
        if depth > most:
            lines[index] = "> " * most + rest
            changed = True
    return "\n".join(lines) if changed else source
