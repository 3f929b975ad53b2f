"""The node tree of a YAML file, each value marked with where it starts.

:func:`tui.yamlcheck.compose.compose` builds these from the parser's events,
or has libyaml's C composer build them (:mod:`tui.yamlcheck.c_compose`);
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


class Node(yaml.Node):
    """A value in the file and where it starts.

    A node is one of PyYAML's own nodes (``tag``, ``value``, ``start_mark``,
    ``end_mark``) as one of the classes below: :mod:`tui.yamlcheck.compose`
    either builds them from the parser's events or takes the nodes libyaml's
    C composer made and gives each its class here, without copying them.
    Positions are read from the marks when asked for.

    Attributes:
        broken: True when a problem was already reported for this value,
            so later checks stay quiet about it.
    """

    kind = "value"

    broken = False  # set on the instance when a problem is reported

    size = 1
    """Values in this node, aliases counted expanded (kept by the event composer)."""

    @property
    def line(self) -> int:
        """1-based line of the value (of its anchor or tag, if any)."""
        return self.start_mark.line + 1

    @property
    def column(self) -> int:
        """1-based column of the value."""
        return self.start_mark.column + 1

    @property
    def start(self) -> int:
        """Index of the value's first character in the source text."""
        return self.start_mark.index

    @property
    def end(self) -> int:
        """Index just past the value's last character."""
        return self.end_mark.index

    @property
    def end_line(self) -> int:
        """1-based line of the value's last character."""
        return self.end_mark.line + 1


class Scalar(Node, yaml.ScalarNode):
    """A single value: text, a number, ``yes``, ``~`` ... kept as typed.

    Attributes:
        value: The text of the scalar (quotes and escapes already applied).
        style: ``None`` for a plain scalar, else one of ``' " | >``.
        tag: The explicit tag, or ``None``.
    """

    kind = "text"

    def __init__(self, event: yaml.ScalarEvent) -> None:
        # yaml.ScalarNode.__init__ written out: this runs once per value of a file.
        self.start_mark = marked(event.start_mark)
        self.end_mark = marked(event.end_mark)
        self.value: str = event.value
        self.style: str | None = event.style or None
        self.tag: str | None = event.tag  # type: ignore[assignment]

    @property
    def is_null(self) -> bool:
        """True for an empty value, ``~`` or ``null`` written without quotes."""
        return (
            self.style is None and self.value in NULLS and self.tag in (None, STANDARD_TAG + "null")
        )


class Sequence(Node, yaml.SequenceNode):
    """A list, block (``- item``) or flow (``[a, b]``).

    Attributes:
        items: The values in order (PyYAML's ``value``).
        flow: True for the ``[a, b]`` form.
    """

    kind = "list"

    def __init__(self, event: yaml.SequenceStartEvent) -> None:
        self.start_mark = self.end_mark = marked(event.start_mark)
        self.value: list[Node] = []
        self.flow_style = bool(event.flow_style)
        self.tag: str | None = event.tag  # type: ignore[assignment]

    @property
    def items(self) -> list[Node]:
        """The values in order."""
        return self.value

    @property
    def flow(self) -> bool:
        """True for the ``[a, b]`` form."""
        return bool(self.flow_style)


class Mapping(Node, yaml.MappingNode):
    """A mapping, block (``key: value`` lines) or flow (``{a: b}``).

    Attributes:
        pairs: ``(key, value)`` nodes in file order, duplicates included
            (PyYAML's ``value``).
        flow: True for the ``{a: b}`` form.
    """

    kind = "mapping"

    _pending: Node | None = None  # a key waiting for its value, while composing

    def __init__(self, event: yaml.MappingStartEvent) -> None:
        self.start_mark = self.end_mark = marked(event.start_mark)
        self.value: list[tuple[Node, Node]] = []
        self.flow_style = bool(event.flow_style)
        self.tag: str | None = event.tag  # type: ignore[assignment]

    @property
    def pairs(self) -> list[tuple[Node, Node]]:
        """``(key, value)`` nodes in file order, duplicates included."""
        return self.value

    @property
    def flow(self) -> bool:
        """True for the ``{a: b}`` form."""
        return bool(self.flow_style)


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
