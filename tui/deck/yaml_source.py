"""Reading a deck file into a YAML node tree that remembers where things are.

The work is done by the shared checking layer, :mod:`tui.yamlcheck` (also
used by themes); this module gives it a deck's limits and words:

* :func:`read_file` and :func:`decode`: the file as text (at most
  :data:`MAX_BYTES`, UTF-8), or a :class:`~tui.deck.errors.DeckError`;
* :func:`compose`: the text as :class:`Scalar`, :class:`Sequence` and
  :class:`Mapping` nodes, each with its 1-based line and column, within
  :data:`MAX_NODES`, :data:`MAX_ALIAS_EXPANSION` and :data:`MAX_DEPTH`.

Schema checks (which keys a slide may have, and so on) live in
:mod:`tui.deck.loader`; rewriting the parser's syntax errors in plain words
lives in :mod:`tui.deck.yaml_errors` (:func:`syntax_problem` is importable
from here too).
"""

from __future__ import annotations

import os

import yaml

from tui.deck.errors import DeckError, Problem
from tui.deck.yaml_errors import _words, syntax_problem
from tui.yamlcheck import compose as _compose
from tui.yamlcheck.nodes import NULLS, Mapping, Node, Scalar, Sequence, describe
from tui.yamlcheck.source import FileWords, SourceError, control_index, position, read_text
from tui.yamlcheck.source import decode as _decode_text

__all__ = [
    "MAX_ALIAS_EXPANSION",
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_NODES",
    "NULLS",
    "PARSER",
    "Mapping",
    "Node",
    "Scalar",
    "Sequence",
    "compose",
    "control_index",
    "decode",
    "describe",
    "position",
    "read_file",
    "syntax_problem",
]

MAX_BYTES = 2 * 1024 * 1024
"""Largest deck file accepted, in bytes."""

MAX_NODES = 100_000
"""Most values (scalars, lists, mappings) a deck may hold."""

MAX_ALIAS_EXPANSION = 100_000
"""Most values that aliases (``*name``) may stand for, counted expanded."""

MAX_DEPTH = 1000
"""Deepest nesting of lists and mappings accepted."""

# The C parser when PyYAML was built with libyaml, else the pure-Python one.
# Both give the same events, with marks counting characters from 0.
PARSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _directory_message(path: str) -> str:
    message = "is a directory, not a deck file"
    if os.path.isfile(os.path.join(path, "slides.yaml")):
        message += f" (did you mean {os.path.join(path, 'slides.yaml')}?)"
    return message


def _too_big(size: int) -> str:
    return (
        f"the file is {size / 1024 / 1024:.1f} MiB; a deck may be at most "
        f"{MAX_BYTES // 1024 // 1024} MiB (is this the right file?)"
    )


_WORDS = FileWords(
    missing="no such file",
    missing_folder="no such file (a folder in the path is a file)",
    directory=_directory_message,
    cannot_read="cannot read the file",
    too_big=_too_big,
    not_utf8=lambda byte, _offset: (
        f"the file is not valid UTF-8 (byte 0x{byte:02X} here); save it with the UTF-8 encoding"
    ),
)


def _syntax(error: yaml.YAMLError, text: str, path: str) -> Problem:
    if isinstance(error, yaml.MarkedYAMLError):
        return syntax_problem(error, text, path)
    line, column = _compose.unmarked_position(error, text)
    return Problem(path, line, column, f"the file could not be read as YAML: {_words(str(error))}")


RULES = _compose.Rules(
    noun="deck",
    max_nodes=MAX_NODES,
    max_alias_expansion=MAX_ALIAS_EXPANSION,
    max_depth=MAX_DEPTH,
    too_many="the deck holds more than {limit:,} values; that is too many for a talk",
    another_document=(
        "a deck is one YAML document, but another one starts here; "
        "remove this '---' and what follows, or merge it into the deck"
    ),
    syntax=_syntax,
)
"""A deck's limits and wording for :func:`tui.yamlcheck.compose.compose`."""


def read_file(path: str) -> str:
    """Read a deck file as text, refusing what cannot be a deck.

    Args:
        path: The file, as the user named it (used in messages).

    Returns:
        The file's text, decoded from UTF-8 without a byte-order mark.

    Raises:
        DeckError: The file is missing, a directory, unreadable, larger
            than :data:`MAX_BYTES`, or not UTF-8.
    """
    try:
        return read_text(path, MAX_BYTES, _WORDS)
    except SourceError as error:
        raise DeckError(error.problems) from None


def decode(data: bytes | str, path: str) -> str:
    """Check the size and encoding of a deck and return its text.

    Args:
        data: Raw bytes (must be UTF-8) or text.
        path: The file name used in messages.

    Returns:
        The text, without a leading byte-order mark.

    Raises:
        DeckError: Larger than :data:`MAX_BYTES`, or not UTF-8 (the message
            gives the line and column of the first bad byte).
    """
    try:
        return _decode_text(data, path, MAX_BYTES, _WORDS)
    except SourceError as error:
        raise DeckError(error.problems) from None


def compose(text: str, path: str) -> tuple[Node | None, list[Problem]]:
    """Parse a deck's YAML text into a node tree, collecting problems on the way.

    Args:
        text: The deck's source text.
        path: The file name used in messages.

    Returns:
        ``(root, problems)``, as :func:`tui.yamlcheck.compose.compose`
        returns them, using :data:`PARSER` (and libyaml's C composer for a
        deck with nothing unusual in it, see :mod:`tui.yamlcheck.c_compose`).
    """
    return _compose.compose(text, path, RULES, PARSER)
