"""The node tree of a YAML file, each value marked with where it starts.

:func:`tui.yamlcheck.compose.compose` builds these from the parser's events;
schema checks (decks, themes) walk them. Scalars keep their text exactly as
the author typed it: nothing is turned into a number, a date or a boolean.
"""

from __future__ import annotations

from typing import Protocol

import yaml

NULLS = frozenset({"", "~", "null", "Null", "NULL"})
"""Plain scalars that YAML reads as "no value"."""

STANDARD_TAG = "tag:yaml.org,2002:"
"""Prefix of YAML's own tags (``!!str`` is ``tag:yaml.org,2002:str``)."""


class Mark(Protocol):
    """A place in the source as PyYAML's parser reports it (all 0-based)."""

    @property
    def index(self) -> int: ...

    @property
    def line(self) -> int: ...

    @property
    def column(self) -> int: ...


def marked(mark: Mark | None) -> Mark:
    """The start or end mark of a parser event, which is never missing.

    PyYAML's parser gives every event both marks; its types allow ``None``
    only for events built by hand without them.

    Args:
        mark: ``event.start_mark`` or ``event.end_mark``.

    Returns:
        The same mark.

    Raises:
        ValueError: The event has no mark (it was not made by the parser).
    """
    if mark is None:
        raise ValueError("a YAML event without a position")
    return mark


class Node:
    """A value in the file and where it starts.

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

    __slots__ = ("broken", "column", "end", "end_line", "line", "size", "start")

    kind = "value"

    def __init__(self, mark: Mark) -> None:
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

    __slots__ = ("style", "tag", "value")

    kind = "text"

    def __init__(self, event: yaml.ScalarEvent) -> None:
        # Node.__init__ written out: this runs once per value of a file.
        start, end = marked(event.start_mark), marked(event.end_mark)
        self.line = start.line + 1
        self.column = start.column + 1
        self.start = start.index
        self.end = end.index
        self.end_line = end.line + 1
        self.size = 1
        self.broken = False
        self.value: str = event.value
        self.style: str | None = event.style or None
        self.tag: str | None = event.tag

    @property
    def is_null(self) -> bool:
        """True for an empty value, ``~`` or ``null`` written without quotes."""
        return (
            self.style is None and self.value in NULLS and self.tag in (None, STANDARD_TAG + "null")
        )


class Sequence(Node):
    """A list, block (``- item``) or flow (``[a, b]``).

    Attributes:
        items: The values in order.
        flow: True for the ``[a, b]`` form.
    """

    __slots__ = ("flow", "items")

    kind = "list"

    def __init__(self, event: yaml.SequenceStartEvent) -> None:
        super().__init__(marked(event.start_mark))
        self.items: list[Node] = []
        self.flow = bool(event.flow_style)


class Mapping(Node):
    """A mapping, block (``key: value`` lines) or flow (``{a: b}``).

    Attributes:
        pairs: ``(key, value)`` nodes in file order, duplicates included.
        flow: True for the ``{a: b}`` form.
    """

    __slots__ = ("_pending", "flow", "pairs")

    kind = "mapping"

    def __init__(self, event: yaml.MappingStartEvent) -> None:
        super().__init__(marked(event.start_mark))
        self.pairs: list[tuple[Node, Node]] = []
        self.flow = bool(event.flow_style)
        self._pending: Node | None = None


_RESOLVER = yaml.resolver.Resolver()


def is_null(node: Node) -> bool:
    """Whether a node is a scalar meaning "no value" (see :attr:`Scalar.is_null`).

    Args:
        node: Any node.

    Returns:
        False for lists and mappings.
    """
    return isinstance(node, Scalar) and node.is_null


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
