"""Composing with libyaml's C composer, for files with nothing unusual in them.

:func:`tui.yamlcheck.compose.compose` builds nodes from the parser's events
in Python, which is exact about every problem but costs Python work per
event and per node. Most files hold no tag, no alias, one document and no
syntax error; for those, libyaml composes the same tree in C and the nodes
are used as they are (each is only given its class from
:mod:`tui.yamlcheck.nodes`). :func:`c_compose` declines any file it is not
sure about, and the caller then composes it the exact way: results never
depend on which composer ran.
"""

from __future__ import annotations

import re
from typing import Any, cast

import yaml

from tui.yamlcheck.nodes import Mapping, Node, Scalar, Sequence

# The non-specific tag "!" (alone before a blank, a ',' or the end, or
# written !<!>) which the C composer drops, so it cannot be told from no tag;
# it starts a token: at the start of the text or after a blank or [ { , :.
# Text such as "Wow !" looks the same and just takes the exact way.
_BARE_TAG = re.compile(r"!(?:[\s,<]|\Z)")
_BEFORE_TOKEN = frozenset(" \t\r\n\x85\u2028\u2029\ufeff[{,:")


def _bare_tag(text: str) -> bool:
    """Whether the text may hold the non-specific tag ``!``."""
    return any(
        found.start() == 0 or text[found.start() - 1] in _BEFORE_TOKEN
        for found in _BARE_TAG.finditer(text)
    )


class _TooMany(Exception):
    """Raised inside the C composer to stop at the most values a file may hold."""


def _composer_class() -> type[Any] | None:
    """libyaml's composer, keeping every value's text as typed (no tag resolving)."""
    try:
        from yaml._yaml import CParser
    except ImportError:  # PyYAML built without libyaml
        return None

    class Composer(CParser):
        # The C composer calls these for each value. A value's text is never
        # resolved to a tag (nothing becomes a number, a date or a boolean);
        # values are counted as they come, so a file with too many of them
        # stops here before it takes the memory of a tree.
        def __init__(self, text: str, max_nodes: int) -> None:
            super().__init__(text)
            room = max_nodes

            def descend_resolver(parent: object, index: object) -> None:
                nonlocal room
                room -= 1
                if room < 0:
                    raise _TooMany

            # A function on the instance: a counter in a closure is the cheapest.
            self.descend_resolver = descend_resolver

        def resolve(self, kind: type, value: object, implicit: tuple[bool, bool]) -> None:
            return None

        def ascend_resolver(self) -> None:
            return None

    return Composer


_COMPOSER = _composer_class()


def available(parser: type) -> bool:
    """Whether :func:`c_compose` can stand in for composing with ``parser``.

    Args:
        parser: The PyYAML loader class asked for.

    Returns:
        True when ``parser`` is libyaml's (``yaml.CSafeLoader``).
    """
    return _COMPOSER is not None and issubclass(parser, _COMPOSER.__bases__)


def c_compose(text: str, max_nodes: int, max_depth: int) -> tuple[bool, Node | None]:
    """Compose a file in C, unless it holds something only the exact composer words.

    Declines (returns ``(False, None)``) on any syntax error, a second
    document, any tag, any alias, more than ``max_nodes`` values or a
    nesting deeper than ``max_depth``: the exact composer then finds and
    words the problem.

    Args:
        text: The file's source text (already checked for characters YAML
            does not allow).
        max_nodes: Most values the file may hold.
        max_depth: Deepest nesting of lists and mappings accepted.

    Returns:
        ``(True, root)`` when composed (``root`` is None for a file with no
        document), else ``(False, None)``.
    """
    if _bare_tag(text):
        return False, None
    assert _COMPOSER is not None, "c_compose() needs available()"
    composer = _COMPOSER(text, max_nodes)
    try:
        root = composer.get_single_node()
    except (yaml.YAMLError, _TooMany):
        return False, None
    finally:
        composer.dispose()
    if root is None:
        return True, None
    if not _adopt(root, max_depth):
        return False, None
    return True, cast(Node, root)


def _adopt(root: yaml.Node, max_depth: int) -> bool:
    """Give each node of a freshly composed tree its class; False when it is unusual.

    One pass, a level at a time: counts the levels, refuses tags, and
    refuses a node met twice (an alias: it already has its class).
    """
    scalar, sequence, mapping = yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode
    level: list[yaml.Node] = [root]
    depth = 0
    while level:
        depth += 1
        if depth > max_depth:
            return False
        below: list[yaml.Node] = []
        for node in level:
            if node.tag is not None:
                return False
            kind = node.__class__
            if kind is scalar:
                node.__class__ = Scalar
                if not node.style:  # libyaml says '' for plain, the events' way is None
                    node.style = None
            elif kind is mapping:
                node.__class__ = Mapping
                for pair in node.value:
                    below += pair
            elif kind is sequence:
                node.__class__ = Sequence
                below += node.value
            else:
                return False
        level = below
    return True
