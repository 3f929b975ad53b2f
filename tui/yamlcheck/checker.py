"""Checks every hand-written YAML schema needs, on marked nodes.

A schema checker (the deck's, the theme's) subclasses :class:`Checker` and
words its own messages; this module owns the rules they share: which words
mean true and false, how a misspelt key finds its "did you mean", how keys
are read from a mapping (text only, no duplicates, ``<<`` merges), and what
a single value is.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator

from tui.safe_text import first_control
from tui.yamlcheck.nodes import Mapping, Node, Scalar, Sequence, describe
from tui.yamlcheck.problems import Problem
from tui.yamlcheck.source import control_indexes, position

TRUE_WORDS = frozenset({"true", "yes", "on"})
"""Words read as true, in any case (YAML 1.1's, as authors expect)."""

FALSE_WORDS = frozenset({"false", "no", "off"})
"""Words read as false, in any case."""

MAX_MERGE_DEPTH = 20
"""Deepest chain of ``<<`` merges followed."""


def truth(node: Node) -> bool | None:
    """The true/false a value spells, or None when it spells neither.

    Args:
        node: Any node; only a scalar that is not null can spell one.

    Returns:
        True for :data:`TRUE_WORDS`, False for :data:`FALSE_WORDS`
        (surrounding spaces and case ignored), else None.
    """
    if isinstance(node, Scalar) and not node.is_null:
        word = node.value.strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
    return None


def closest(
    word: str, choices: tuple[str, ...] | list[str], fold: Callable[[str], str] = str.lower
) -> str | None:
    """The choice a misspelt word most likely meant, for "did you mean".

    Args:
        word: What the author wrote.
        choices: The words allowed.
        fold: Normalises a word (by default, lower-cases it), tried when the
            word as written is close to no choice.

    Returns:
        The closest choice (by :func:`difflib.get_close_matches`), or None
        when none is close.
    """
    close = difflib.get_close_matches(word, choices, n=1) or difflib.get_close_matches(
        fold(word), choices, n=1
    )
    return close[0] if close else None


class Checker:
    """Base of a schema checker: collects problems about one file.

    Attributes:
        text: The file's source text.
        path: The file name used in messages.
        problems: What was found so far.
        controls_possible: Whether a value may hold a control character
            (see :meth:`control_problem`); False for most files, which hold
            none and no ``\\`` escape that could write one.
    """

    def __init__(self, text: str, path: str) -> None:
        self.text = text
        self.path = path
        self.problems: list[Problem] = []
        self.controls_possible = first_control(text) >= 0 or ("\\" in text and '"' in text)

    def problem(self, node: Node | None, message: str) -> None:
        """Report a problem at a value, or with the whole file when ``node`` is None."""
        if node is None:
            self.problems.append(Problem(self.path, 0, 0, message))
        else:
            self.problems.append(Problem(self.path, node.line, node.column, message))

    def control_problem(self, node: Node, text: str, name: str, *, lines: bool = True) -> bool:
        """Report every control character in a value's ``text``, if any.

        Tab and newline are the only controls text may hold (none at all in a
        one-line value): any other (ESC, BEL, CR, DEL, C1, U+2028/U+2029,
        bidi overrides) would reach the screen as a control sequence or
        reorder what the audience reads. YAML's double-quoted escapes
        (``"\\e[2J"``) can write them without a raw control in the file; each
        problem points at its escape (or raw character) in the source, one
        problem per character, in the order they are written.

        Args:
            node: The value, for its place in the source.
            text: The value's text as it will be used.
            name: The field, for the message.
            lines: Whether newline and tab are allowed.

        Returns:
            True when a problem was reported.
        """
        if lines and not self.controls_possible:
            return False
        index = first_control(text, lines=lines)
        if index < 0:
            return False
        chars = "".join(char for char in text[index:] if first_control(char, lines=lines) == 0)
        quoted = isinstance(node, Scalar) and node.style == '"'
        places = control_indexes(self.text, node.start, node.end, chars, double_quoted=quoted)
        allowed = " (only tab and newline are allowed in text)" if lines else ""
        for char, at in zip(chars, places, strict=True):
            line, column = position(self.text, at)
            bidi = "\u202a" <= char <= "\u202e" or "\u2066" <= char <= "\u2069"
            kind = " (a bidirectional override)" if bidi else ""
            self.problems.append(
                Problem(
                    self.path,
                    line,
                    column,
                    f"control character U+{ord(char):04X}{kind} in {name}; remove it{allowed}",
                )
            )
        return True

    def single_value(self, node: Node, name: str) -> str | None:
        """The text of a scalar, stripped; None (after reporting) for a list or mapping.

        Args:
            node: The value.
            name: The field, for the message (``'name' must be a single value``).

        Returns:
            The text, or None when ``node`` is not a scalar or already broken.
        """
        if node.broken:
            return None
        if not isinstance(node, Scalar):
            self.problem(node, f"'{name}' must be a single value, not {describe(node)}")
            return None
        if self.control_problem(node, node.value, f"'{name}'", lines=False):
            return None
        return node.value.strip()

    def named_pairs(
        self,
        node: Mapping,
        *,
        not_text: Callable[[Node], str],
        duplicate: Callable[[str, Node, Node], str],
        merges: list[Node] | None = None,
        strip: bool = False,
    ) -> Iterator[tuple[str, Node, Node]]:
        """The pairs of a mapping whose keys are text, in file order.

        A key that is a list or mapping is reported (``not_text(key)``); a
        key given again is reported (``duplicate(name, first key, first
        value)``) and skipped, so the first one counts.

        Args:
            node: The mapping.
            not_text: Words the problem of a key that is not text.
            duplicate: Words the problem of a repeated key.
            merges: When given, the values of plain ``<<`` keys are appended
                here (see :meth:`merge`) instead of being yielded.
            strip: Strip spaces around key names.

        Yields:
            ``(name, key node, value node)``.
        """
        seen: dict[str, tuple[Node, Node]] = {}
        for key, value in node.pairs:
            if key.broken:
                continue
            if not isinstance(key, Scalar):
                self.problem(key, not_text(key))
                continue
            name = key.value.strip() if strip else key.value
            if merges is not None and name == "<<" and key.style is None:
                merges.append(value)
                continue
            if name in seen:
                self.problem(key, duplicate(name, *seen[name]))
                continue
            seen[name] = (key, value)
            yield name, key, value

    def merge(self, value: Node, depth: int = 0) -> list[tuple[str, Node, Node]]:
        """Pairs brought in by a ``<<: *anchor`` merge key, first merge wins.

        Args:
            value: The value of the ``<<`` key: a mapping or a list of them.
            depth: How many merges led here.

        Returns:
            ``(name, key node, value node)`` for each merged key, once each.
        """
        if value.broken:
            return []
        sources = value.items if isinstance(value, Sequence) else [value]
        result: list[tuple[str, Node, Node]] = []
        for source in sources:
            if not isinstance(source, Mapping):
                self.problem(
                    source,
                    f"'<<' merges mappings into this one, so its value must be an alias to a "
                    f"mapping such as *defaults, got {describe(source)}",
                )
                continue
            if depth >= MAX_MERGE_DEPTH:
                self.problem(source, "merges ('<<') are nested too deeply")
                continue
            for key, item in source.pairs:
                if isinstance(key, Scalar):
                    if key.value == "<<" and key.style is None:
                        result.extend(self.merge(item, depth + 1))
                    else:
                        result.append((key.value, key, item))
        # Earlier merges win: keep the first pair for each key.
        seen: set[str] = set()
        unique = []
        for name, key, item in result:
            if name not in seen:
                seen.add(name)
                unique.append((name, key, item))
        return unique
