"""Composing a YAML file into marked nodes, with limits against hostile input.

This does the work of PyYAML's composer from the parser's event stream, and
never constructs a Python object from a tag, so that it can

* keep every scalar's text exactly as the author typed it,
* stop hostile input early (alias bombs, deep nesting, too many values),
* report problems as :class:`~tui.yamlcheck.problems.Problem` in plain words.

What differs between kinds of file (the limits, the noun in messages, how
syntax errors are worded) comes in a :class:`Rules`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import islice

import yaml

from tui.yamlcheck import c_compose
from tui.yamlcheck.nodes import STANDARD_TAG, Mapping, Node, Scalar, Sequence, marked
from tui.yamlcheck.problems import Problem
from tui.yamlcheck.source import position, positions

_ALLOWED_TAGS = frozenset(
    STANDARD_TAG + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
) | {"!"}

# Characters YAML 1.1 does not allow anywhere in a stream.
_NOT_ALLOWED = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


@dataclass(frozen=True)
class Rules:
    """Limits and wording for one kind of file.

    Attributes:
        noun: What the file is, in messages (``"deck"``).
        max_nodes: Most values (scalars, lists, mappings) the file may hold.
        max_alias_expansion: Most values that aliases (``*name``) may stand
            for, counted expanded.
        max_depth: Deepest nesting of lists and mappings accepted.
        too_many: Message when ``max_nodes`` is passed; ``{limit}`` is
            replaced by the limit.
        another_document: Message at the start of a second YAML document.
        syntax: Words a parser error: ``(error, text, path) -> Problem``.
    """

    noun: str
    max_nodes: int
    max_alias_expansion: int
    max_depth: int
    too_many: str
    another_document: str
    syntax: Callable[[yaml.YAMLError, str, str], Problem]


def unmarked_position(error: yaml.YAMLError, text: str) -> tuple[int, int]:
    """Where an error without marks (a reader error) happened, or ``(0, 0)``.

    Args:
        error: The parser's exception.
        text: The source text.

    Returns:
        1-based ``(line, column)``, or ``(0, 0)`` when unknown.
    """
    index = getattr(error, "position", None)
    return position(text, index) if isinstance(index, int) else (0, 0)


def compose(text: str, path: str, rules: Rules, parser: type) -> tuple[Node | None, list[Problem]]:
    """Parse YAML text into a node tree, collecting problems on the way.

    Args:
        text: The file's source text.
        path: The file name used in messages.
        rules: Limits and wording for this kind of file.
        parser: PyYAML loader class whose parser is used
            (``yaml.CSafeLoader`` or ``yaml.SafeLoader``).

    Returns:
        ``(root, problems)``. ``root`` is None when the text could not be
        read as one YAML document (problems then says why) or holds no
        document at all (problems is then empty). Otherwise the tree is
        complete; nodes with a problem are marked ``broken``.
    """
    composer = _Composer(path, rules)
    if _NOT_ALLOWED.search(text):
        composer.problems += not_allowed(text, path)
        return None, composer.problems
    if c_compose.available(parser):
        composed, root = c_compose.c_compose(text, rules.max_nodes, rules.max_depth)
        if composed:
            return root, composer.problems
    try:
        composer.run(yaml.parse(text, Loader=parser))
    except _Stop:
        return None, composer.problems
    except yaml.YAMLError as error:
        composer.problems.append(rules.syntax(error, text, path))
        return None, composer.problems
    return composer.root, composer.problems


MOST_PLACES = 100
"""The most characters YAML does not allow that :func:`not_allowed` places one by one.

As many problems as a deck's report lists (``tui.deck.schema.MAX_PROBLEMS``),
so the last one, which counts the rest, is shown.
"""


def not_allowed(text: str, path: str) -> list[Problem]:
    """One problem per character YAML does not allow in ``text``, in file order.

    Such a file cannot be parsed, so these are all it reports; past
    :data:`MOST_PLACES` of them the last problem counts the rest (a file
    of nothing else would otherwise make millions of problems).

    Args:
        text: The source text.
        path: The file name used in messages.
    """
    found = list(islice(_NOT_ALLOWED.finditer(text), MOST_PLACES + 1))
    rest = 0
    if len(found) > MOST_PLACES:
        rest = sum(1 for _ in _NOT_ALLOWED.finditer(text, found.pop().start()))
    problems = [
        Problem(
            path,
            line,
            column,
            f"character U+{ord(bad.group()):04X} is not allowed in a YAML file; remove it",
        )
        for bad, (line, column) in zip(
            found, positions(text, (bad.start() for bad in found)), strict=True
        )
    ]
    if rest:
        last = problems[-1]
        problems[-1] = Problem(
            path,
            last.line,
            last.column,
            f"{last.message} (and {rest} more such characters after this one)",
        )
    return problems


class _Stop(Exception):
    """Raised inside the composer to give up on the file."""


class _Composer:
    """Builds nodes from parser events without recursion."""

    def __init__(self, path: str, rules: Rules) -> None:
        self.path = path
        self.rules = rules
        self.max_nodes = rules.max_nodes
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
        max_depth = self.rules.max_depth
        # Local names: this loop runs once per event of the file.
        scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
        sequence_start, mapping_start = yaml.SequenceStartEvent, yaml.MappingStartEvent
        collection_end = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
        document_start = yaml.DocumentStartEvent
        allowed, stack = _ALLOWED_TAGS, self.stack
        for event in events:
            if event.__class__ is scalar_event:
                node: Node = Scalar(event)
                if event.tag is not None and event.tag not in allowed:
                    self._check_tag(node, event.tag)
                self._count(node)
                if event.anchor is None and stack:  # the usual case, inlined
                    parent = stack[-1][0]
                    parent.size += 1
                    if parent.__class__ is Sequence:
                        parent.value.append(node)
                    elif parent._pending is None:  # type: ignore[attr-defined]
                        parent._pending = node  # type: ignore[attr-defined]
                    else:
                        parent.value.append((parent._pending, node))  # type: ignore[attr-defined]
                        parent._pending = None  # type: ignore[attr-defined]
                else:
                    self._finish(node, event.anchor)
            elif isinstance(event, alias_event):
                self._add(self._alias(event))
            elif isinstance(event, (sequence_start, mapping_start)):
                node = Sequence(event) if isinstance(event, sequence_start) else Mapping(event)
                self._check_tag(node, event.tag)
                self._count(node)
                if len(self.stack) >= max_depth:
                    self.problem(
                        node.line,
                        node.column,
                        f"the {self.rules.noun} is nested too deeply"
                        f" (more than {max_depth} levels)",
                    )
                    raise _Stop
                if event.anchor is not None:
                    self.open_anchors[event.anchor] = node
                self.stack.append((node, event.anchor))
            elif isinstance(event, collection_end):
                node, anchor = self.stack.pop()
                node.end_mark = marked(event.end_mark)
                if anchor is not None:
                    self.open_anchors.pop(anchor, None)
                self._finish(node, anchor)
            elif isinstance(event, document_start):
                self.documents += 1
                if self.documents > 1:
                    mark = marked(event.start_mark)
                    self.problem(mark.line + 1, mark.column + 1, self.rules.another_document)
                    return

    def _count(self, node: Node) -> None:
        self.nodes += 1
        if self.nodes > self.max_nodes:
            self.problem(node.line, node.column, self.rules.too_many.format(limit=self.max_nodes))
            raise _Stop

    def _check_tag(self, node: Node, tag: str | None) -> None:
        if tag is None or tag in _ALLOWED_TAGS:
            return
        shown = "!!" + tag[len(STANDARD_TAG) :] if tag.startswith(STANDARD_TAG) else tag
        self.problem(
            node.line,
            node.column,
            f"the tag {shown!r} is not allowed; a {self.rules.noun} holds only plain text,"
            " lists and mappings (remove the tag, or quote the value if it is text)",
        )
        node.broken = True

    def _alias(self, event: yaml.AliasEvent) -> Node:
        name = event.anchor or ""  # the parser always names an alias's anchor
        mark = marked(event.start_mark)
        target = self.anchors.get(name)
        if target is None:
            placeholder = Scalar(
                yaml.ScalarEvent(None, None, (True, False), "", event.start_mark, event.end_mark)
            )
            placeholder.broken = True
            if name in self.open_anchors:
                message = (
                    f"the alias *{name} is inside the value it names (&{name} on line "
                    f"{self.open_anchors[name].line}); a {self.rules.noun} cannot refer to itself"
                )
            else:
                message = (
                    f"the alias *{name} refers to no anchor; define &{name} before using it, "
                    f'or quote the text if you meant it literally: "*{name}"'
                )
            self.problem(mark.line + 1, mark.column + 1, message)
            return placeholder
        self.expanded += target.size
        if self.expanded > self.rules.max_alias_expansion:
            self.problem(
                mark.line + 1,
                mark.column + 1,
                f"aliases in this {self.rules.noun} expand to more than "
                f"{self.rules.max_alias_expansion:,} values (an alias bomb?); refusing to read it",
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
            parent.value.append(node)
        elif isinstance(parent, Mapping):
            if parent._pending is None:
                parent._pending = node
            else:
                parent.value.append((parent._pending, node))
                parent._pending = None
