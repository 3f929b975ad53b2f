"""Reading a deck file into a YAML node tree that remembers where things are.

This module turns bytes or text into a tree of :class:`Scalar`,
:class:`Sequence` and :class:`Mapping` nodes, each with its 1-based line and
column, and never constructs a Python object from a tag. It does the work
PyYAML's composer would do, from the parser's event stream, so that it can

* keep every scalar's text exactly as the author typed it,
* stop hostile input early (huge files, alias bombs, deep nesting),
* report problems as :class:`~tui.deck.errors.Problem` in plain words.

Schema checks (which keys a slide may have, and so on) live in
:mod:`tui.deck.loader`; rewriting the parser's syntax errors in plain words
lives in :mod:`tui.deck.yaml_errors` (:func:`syntax_problem` is importable
from here too).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable

import yaml

from tui.deck.errors import DeckError, Problem
from tui.deck.yaml_errors import _words, syntax_problem

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

_STANDARD_TAG = "tag:yaml.org,2002:"
_ALLOWED_TAGS = frozenset(
    _STANDARD_TAG + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
) | {"!"}

# Characters YAML 1.1 does not allow anywhere in a stream.
_NOT_ALLOWED = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")

NULLS = frozenset({"", "~", "null", "Null", "NULL"})
"""Plain scalars that YAML reads as "no value"."""


class Node:
    """A value in the deck file and where it starts.

    Attributes:
        line: 1-based line of the value (of its anchor or tag, if any).
        column: 1-based column.
        start: Index of the first character in the source text.
        end: Index just past the last character.
        end_line: 1-based line of the last character.
        size: Number of values in this node, counting aliases expanded.
        broken: True when a problem was already reported for this value,
            so later checks stay quiet about it.
    """

    __slots__ = ("line", "column", "start", "end", "end_line", "size", "broken")

    kind = "value"

    def __init__(self, mark: yaml.Mark) -> None:
        self.line = mark.line + 1
        self.column = mark.column + 1
        self.start = mark.index
        self.end = mark.index
        self.end_line = self.line
        self.size = 1
        self.broken = False


class Scalar(Node):
    """A single value: text, a number, ``yes``, ``~`` ... kept as typed.

    Attributes:
        value: The text of the scalar (quotes and escapes already applied).
        style: ``None`` for a plain scalar, else one of ``' " | >``.
        tag: The explicit tag, or ``None``.
    """

    __slots__ = ("value", "style", "tag")

    kind = "text"

    def __init__(self, event: yaml.ScalarEvent) -> None:
        super().__init__(event.start_mark)
        self.value: str = event.value
        self.style: str | None = event.style or None
        self.tag: str | None = event.tag
        self.end = event.end_mark.index
        self.end_line = event.end_mark.line + 1

    @property
    def is_null(self) -> bool:
        """True for an empty value, ``~`` or ``null`` written without quotes."""
        return self.style is None and self.value in NULLS and self.tag in (None, _STANDARD_TAG + "null")


class Sequence(Node):
    """A list, block (``- item``) or flow (``[a, b]``).

    Attributes:
        items: The values in order.
        flow: True for the ``[a, b]`` form.
    """

    __slots__ = ("items", "flow")

    kind = "list"

    def __init__(self, event: yaml.SequenceStartEvent) -> None:
        super().__init__(event.start_mark)
        self.items: list[Node] = []
        self.flow = bool(event.flow_style)


class Mapping(Node):
    """A mapping, block (``key: value`` lines) or flow (``{a: b}``).

    Attributes:
        pairs: ``(key, value)`` nodes in file order, duplicates included.
        flow: True for the ``{a: b}`` form.
    """

    __slots__ = ("pairs", "flow", "_pending")

    kind = "mapping"

    def __init__(self, event: yaml.MappingStartEvent) -> None:
        super().__init__(event.start_mark)
        self.pairs: list[tuple[Node, Node]] = []
        self.flow = bool(event.flow_style)
        self._pending: Node | None = None


_RESOLVER = yaml.resolver.Resolver()


def describe(node: Node) -> str:
    """Name what kind of value a node is, for "got ..." in messages.

    Args:
        node: Any node.

    Returns:
        Words such as ``"a list"``, ``"a number"`` or ``"nothing"``.
    """
    if isinstance(node, Sequence):
        return "a list"
    if isinstance(node, Mapping):
        return "a mapping"
    assert isinstance(node, Scalar)
    if node.is_null:
        return "nothing"
    if node.style is not None or node.tag is not None:
        return f"text {node.value!r}"
    tag = _RESOLVER.resolve(yaml.ScalarNode, node.value, (True, False))
    kind = tag.rsplit(":", 1)[-1]
    words = {"int": "a number", "float": "a number", "bool": "true/false", "timestamp": "a date"}
    return f"{words.get(kind, 'text')} {node.value!r}"


def position(text: str, index: int) -> tuple[int, int]:
    """Turn a character index into a 1-based line and column.

    Args:
        text: The source text.
        index: 0-based index into ``text``.

    Returns:
        ``(line, column)``, counting line breaks as YAML does.
    """
    line = 1
    line_start = 0
    for match in _LINE_BREAK.finditer(text, 0, index):
        line += 1
        line_start = match.end()
    return line, index - line_start + 1


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

    def fail(message: str) -> DeckError:
        return DeckError([Problem(path, 0, 0, message)])

    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_BYTES:
                raise fail(_too_big(size))
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise fail("no such file") from None
    except NotADirectoryError:
        raise fail("no such file (a folder in the path is a file)") from None
    except IsADirectoryError:
        raise fail(_directory_message(path)) from None
    except PermissionError:
        if os.path.isdir(path):
            raise fail(_directory_message(path)) from None
        raise fail("cannot read the file: permission denied") from None
    except OSError as error:
        raise fail(f"cannot read the file: {error.strerror or error}") from None
    return decode(data, path)


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
    if isinstance(data, str):
        if len(data) * 4 > MAX_BYTES:
            size = len(data.encode("utf-8", "surrogatepass"))
            if size > MAX_BYTES:
                raise DeckError([Problem(path, 0, 0, _too_big(size))])
        return data[1:] if data.startswith("\ufeff") else data
    if len(data) > MAX_BYTES:
        raise DeckError([Problem(path, 0, 0, _too_big(len(data)))])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        good = data[: error.start].decode("utf-8-sig")
        line, column = position(good, len(good))
        bad = data[error.start]
        raise DeckError(
            [
                Problem(
                    path,
                    line,
                    column,
                    f"the file is not valid UTF-8 (byte 0x{bad:02X} here); "
                    "save it with the UTF-8 encoding",
                )
            ]
        ) from None


def compose(text: str, path: str) -> tuple[Node | None, list[Problem]]:
    """Parse YAML text into a node tree, collecting problems on the way.

    Args:
        text: The deck's source text.
        path: The file name used in messages.

    Returns:
        ``(root, problems)``. ``root`` is None when the text could not be
        read as one YAML document (problems then says why) or holds no
        document at all (problems is then empty). Otherwise the tree is
        complete; nodes with a problem are marked ``broken``.
    """
    composer = _Composer(text, path)
    bad = _NOT_ALLOWED.search(text)
    if bad:
        line, column = position(text, bad.start())
        composer.problem(
            line,
            column,
            f"character U+{ord(bad.group()):04X} is not allowed in a YAML file; remove it",
        )
        return None, composer.problems
    try:
        composer.run(yaml.parse(text, Loader=PARSER))
    except _Stop:
        return None, composer.problems
    except yaml.MarkedYAMLError as error:
        composer.problems.append(syntax_problem(error, text, path))
        return None, composer.problems
    except yaml.YAMLError as error:
        index = getattr(error, "position", None)
        line, column = position(text, index) if isinstance(index, int) else (0, 0)
        composer.problem(line, column, f"the file could not be read as YAML: {_words(str(error))}")
        return None, composer.problems
    return composer.root, composer.problems


_ESCAPES = {
    "0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f",
    "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85",
    "_": "\xa0", "L": "\u2028", "P": "\u2029",
}
_HEX_ESCAPES = {"x": 2, "u": 4, "U": 8}


def control_index(text: str, start: int, end: int, char: str, *, double_quoted: bool) -> int:
    """Where in the source a value's control character ``char`` was written.

    In a double-quoted scalar that is the first escape standing for
    ``char`` (``\\e``, ``\\x1b``, ``\\u009b`` ...) or ``char`` itself;
    elsewhere ``char`` itself.

    Args:
        text: The whole source text.
        start: Index where the value starts in ``text``.
        end: Index just past the value.
        char: The control character found in the value.
        double_quoted: The value is a ``"..."`` scalar (escapes apply).

    Returns:
        An index into ``text``; ``start`` when nothing better is found.
    """
    index = start
    if double_quoted:
        while index < end:
            current = text[index]
            if current == "\\" and index + 1 < end:
                code = text[index + 1]
                if code in _HEX_ESCAPES:
                    digits = text[index + 2 : index + 2 + _HEX_ESCAPES[code]]
                    try:
                        decoded = chr(int(digits, 16))
                    except ValueError:
                        decoded = ""
                    step = 2 + len(digits)
                else:
                    decoded, step = _ESCAPES.get(code, ""), 2
                if decoded == char:
                    return index
                index += step
                continue
            if current == char:
                return index
            index += 1
        return start
    found = text.find(char, start, end)
    return found if found >= 0 else start


class _Stop(Exception):
    """Raised inside the composer to give up on the file."""


class _Composer:
    """Builds nodes from parser events without recursion."""

    def __init__(self, text: str, path: str) -> None:
        self.text = text
        self.path = path
        self.problems: list[Problem] = []
        self.root: Node | None = None
        self.anchors: dict[str, Node] = {}
        self.open_anchors: dict[str, Node] = {}
        self.stack: list[tuple[Node, str | None]] = []
        self.nodes = 0
        self.expanded = 0
        self.documents = 0

    def problem(self, line: int, column: int, message: str) -> None:
        self.problems.append(Problem(self.path, line, column, message))

    def run(self, events: Iterable[yaml.Event]) -> None:
        for event in events:
            if isinstance(event, yaml.ScalarEvent):
                node: Node = Scalar(event)
                self._check_tag(node, event.tag)
                self._count(node)
                self._finish(node, event.anchor)
            elif isinstance(event, yaml.AliasEvent):
                self._add(self._alias(event))
            elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                node = Sequence(event) if isinstance(event, yaml.SequenceStartEvent) else Mapping(event)
                self._check_tag(node, event.tag)
                self._count(node)
                if len(self.stack) >= MAX_DEPTH:
                    self.problem(
                        node.line, node.column, f"the deck is nested too deeply (more than {MAX_DEPTH} levels)"
                    )
                    raise _Stop
                if event.anchor is not None:
                    self.open_anchors[event.anchor] = node
                self.stack.append((node, event.anchor))
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                node, anchor = self.stack.pop()
                node.end = event.end_mark.index
                node.end_line = event.end_mark.line + 1
                if anchor is not None:
                    self.open_anchors.pop(anchor, None)
                self._finish(node, anchor)
            elif isinstance(event, yaml.DocumentStartEvent):
                self.documents += 1
                if self.documents > 1:
                    mark = event.start_mark
                    self.problem(
                        mark.line + 1,
                        mark.column + 1,
                        "a deck is one YAML document, but another one starts here; "
                        "remove this '---' and what follows, or merge it into the deck",
                    )
                    return

    def _count(self, node: Node) -> None:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            self.problem(
                node.line,
                node.column,
                f"the deck holds more than {MAX_NODES:,} values; that is too many for a talk",
            )
            raise _Stop

    def _check_tag(self, node: Node, tag: str | None) -> None:
        if tag is None or tag in _ALLOWED_TAGS:
            return
        shown = "!!" + tag[len(_STANDARD_TAG) :] if tag.startswith(_STANDARD_TAG) else tag
        self.problem(
            node.line,
            node.column,
            f"the tag {shown!r} is not allowed; a deck holds only plain text, lists and "
            "mappings (remove the tag, or quote the value if it is text)",
        )
        node.broken = True

    def _alias(self, event: yaml.AliasEvent) -> Node:
        name = event.anchor
        mark = event.start_mark
        target = self.anchors.get(name)
        if target is None:
            placeholder = Scalar(yaml.ScalarEvent(None, None, (True, False), "", mark, event.end_mark))
            placeholder.broken = True
            if name in self.open_anchors:
                message = (
                    f"the alias *{name} is inside the value it names "
                    f"(&{name} on line {self.open_anchors[name].line}); a deck cannot refer to itself"
                )
            else:
                message = (
                    f"the alias *{name} refers to no anchor; define &{name} before using it, "
                    f'or quote the text if you meant it literally: "*{name}"'
                )
            self.problem(mark.line + 1, mark.column + 1, message)
            return placeholder
        self.expanded += target.size
        if self.expanded > MAX_ALIAS_EXPANSION:
            self.problem(
                mark.line + 1,
                mark.column + 1,
                f"aliases in this deck expand to more than {MAX_ALIAS_EXPANSION:,} values "
                "(an alias bomb?); refusing to read it",
            )
            raise _Stop
        return target

    def _finish(self, node: Node, anchor: str | None) -> None:
        if anchor is not None:
            self.anchors[anchor] = node
        self._add(node)

    def _add(self, node: Node) -> None:
        if not self.stack:
            if self.root is None:
                self.root = node
            return
        parent = self.stack[-1][0]
        parent.size += node.size
        if isinstance(parent, Sequence):
            parent.items.append(node)
        elif isinstance(parent, Mapping):
            if parent._pending is None:
                parent._pending = node
            else:
                parent.pairs.append((parent._pending, node))
                parent._pending = None
