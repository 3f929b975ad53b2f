"""PyYAML's and libyaml's syntax errors, rewritten as plain sentences.

:mod:`tui.deck.yaml_source` reads a deck file into a node tree; when the
parser gives up, it hands the error to :func:`syntax_problem`, which looks at
the offending line and returns a :class:`~tui.deck.errors.Problem` that says
what is wrong in the author's terms (an unquoted ``: ``, a tab, an unclosed
quote or bracket ...) and, where it can, how the line should read instead.
"""

from __future__ import annotations

import re

import yaml

from tui.deck.errors import Problem

_KEY_LINE = re.compile(r"^(\s*(?:-\s+)*)([^\s#:'\"][^:#]*?)\s*:(?:\s+(.*?))?\s*$")


def _quote_hint(line_text: str) -> str:
    """Suggest the line with its value quoted, e.g. ``title: "Note: this"``."""
    match = _KEY_LINE.match(line_text)
    if not match or not match.group(3):
        return ""
    key, value = match.group(2), match.group(3)
    if '"' in value and "'" not in value:
        quoted = f"'{value}'"
    else:
        quoted = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return f": {key}: {quoted}"


def _words(message: str) -> str:
    for raw, plain in (
        ("<block end>", "the end of the indented block"),
        ("<block mapping start>", "a new indented mapping"),
        ("<block sequence start>", "a new list"),
        ("<stream end>", "the end of the file"),
        ("<document start>", "'---'"),
        ("<document end>", "'...'"),
        ("<scalar>", "more text"),
        ("<block collection>", "an indented block"),
        ("<flow mapping end>", "'}'"),
        ("<flow sequence end>", "']'"),
    ):
        message = message.replace(raw, plain)
    return message.replace("\n", " ")


def syntax_problem(error: yaml.MarkedYAMLError, text: str, path: str) -> Problem:
    """Rewrite one of PyYAML's (or libyaml's) syntax errors in plain words.

    Args:
        error: The parser's exception, with its marks.
        text: The source text, to look at the offending line.
        path: The file name used in messages.

    Returns:
        A problem at the most useful of the error's marks.
    """
    problem = error.problem or ""
    context = error.context or ""
    mark = error.problem_mark or error.context_mark
    if mark is None:
        return Problem(
            path, 0, 0, f"the file could not be read as YAML: {_words(problem or context)}"
        )
    line, column = mark.line + 1, mark.column + 1
    lines = text.splitlines()
    line_text = lines[mark.line] if mark.line < len(lines) else ""
    before = line_text[: mark.column]
    char = line_text[mark.column] if mark.column < len(line_text) else ""
    context_mark = error.context_mark

    def at_context(message: str) -> Problem:
        if context_mark is None:
            return Problem(path, line, column, message)
        return Problem(path, context_mark.line + 1, context_mark.column + 1, message)

    if "nesting depth" in problem:
        return Problem(
            path,
            line,
            column,
            "the deck is nested too deeply (lists or mappings inside each other)",
        )
    if char == "\t" or "tab character" in problem:
        if (
            before.strip(" \t-") == ""
            and "\t" in line_text[: len(line_text) - len(line_text.lstrip())]
        ):
            return Problem(path, line, column, "tabs are not allowed for indentation; use spaces")
        return Problem(path, line, column, "a tab is not allowed here; use spaces")
    if "mapping values are not allowed" in problem:
        stripped = before.strip()
        if stripped and ":" not in stripped and _KEY_LINE.match(before + ":"):
            return Problem(
                path,
                line,
                column,
                "this line is indented differently from the keys above it, or the line "
                "above is missing a ':'; keys of the same mapping must line up exactly",
            )
        return Problem(
            path,
            line,
            column,
            "text containing ': ' must be quoted"
            + (_quote_hint(line_text) or " (put it in double quotes)"),
        )
    if "quoted scalar" in context and "end of stream" in problem:
        return at_context(
            "this quoted text is never closed; add the closing quote "
            "(or quote the whole text with the other kind of quote)"
        )
    if "quoted scalar" in context and "document" in problem:
        return at_context("this quoted text runs into a '---' line; add the closing quote")
    if "escape" in problem:
        if char != "\\" and before.endswith("\\"):
            column -= 1
        return Problem(
            path,
            line,
            column,
            "unknown escape in double-quoted text; write \\\\ for a backslash, "
            "or use single quotes ('...') where backslashes are plain text",
        )
    if "flow sequence" in context or "flow mapping" in context:
        opener = "[" if "sequence" in context else "{"
        closer = "]" if opener == "[" else "}"
        return at_context(
            f"this '{opener}' starts a list that never closes with '{closer}' (or an item "
            f"lacks a comma); if it is text, quote it"
            + (
                _quote_hint(lines[context_mark.line])
                if context_mark and context_mark.line < len(lines)
                else ""
            )
        )
    if "alias" in context or "anchor" in context:
        sign = "*" if "alias" in context else "&"
        return at_context(
            f"text starting with '{sign}' must be quoted"
            + (
                _quote_hint(lines[context_mark.line])
                if context_mark and context_mark.line < len(lines)
                else ""
            )
        )
    if "sequence entries are not allowed" in problem:
        return Problem(
            path,
            line,
            column,
            "a list item ('- ') cannot start here; put it on its own line, indented under "
            "its key, or quote text that starts with '-'",
        )
    if "found unexpected ':'" in problem:
        return Problem(
            path,
            line,
            column,
            "a ':' inside [ ] or { } needs a space after it; "
            "quote the text if it is meant literally",
        )
    if "document start" in problem:
        return Problem(
            path,
            line,
            column,
            "unexpected text after the end of the deck; check the indentation and brackets "
            "on this line",
        )
    if "node content" in problem:
        if "flow" in context:
            return Problem(
                path,
                line,
                column,
                "an item is missing here in a [ ] or { } list (a stray ',' or ':'?)",
            )
        shown = f"{char!r}" if char else "this"
        return Problem(
            path,
            line,
            column,
            f"a value cannot start with {shown}; quote the text if it is meant literally"
            + _quote_hint(line_text),
        )
    if "cannot start any token" in problem:
        shown = char or "this character"
        return Problem(
            path,
            line,
            column,
            f"text cannot start with {shown!r} unless it is quoted" + _quote_hint(line_text),
        )
    if "simple key" in context:
        return at_context(
            "this line reads as a key but has no ':'; check its indentation, "
            "or quote text that spans several lines"
        )
    if "block mapping" in context or "block collection" in context or "block node" in context:
        if before.strip() == "":
            if char == ":":
                return Problem(path, line, column, "a key is missing before this ':'")
            if char == "-" and "block mapping" in context:
                return Problem(
                    path,
                    line,
                    column,
                    "a list item ('- ') cannot start here; "
                    "indent it under a key that ends with ':'",
                )
            return Problem(
                path,
                line,
                column,
                "this line is not indented like the lines above it; keys of the same "
                "mapping and items of the same list must line up exactly",
            )
        if before.rstrip()[-1:] in ("]", "}", '"', "'"):
            return Problem(
                path,
                line,
                column,
                f"unexpected text after the closing {before.rstrip()[-1]!r}; if the whole value "
                "is text, quote it" + (_quote_hint(line_text) or ""),
            )
        return Problem(
            path, line, column, "unexpected text here; check the indentation and quoting"
        )
    if "block scalar" in context:
        return at_context(
            "after '|' or '>' the text must start on the next line, indented; "
            "to start with '|' or '>' as text, quote it" + _quote_hint(line_text)
        )
    if "tag" in context or "tag" in problem:
        return at_context(
            "this '!' starts a YAML tag, which decks do not use; "
            "quote the text if it starts with '!'"
        )
    if "directive" in context or "directive" in problem:
        return Problem(path, line, column, f"bad '%' directive line: {_words(problem)}")
    message = _words(problem or context)
    if context and problem:
        message = f"{_words(problem)} ({_words(context)})"
    return Problem(path, line, column, f"the file could not be read as YAML: {message}")
