"""The deck's checks of single fields: text, true/false, durations, keys.

:class:`DeckFields` is the base of the deck's checker: it words the shared
checks of :mod:`tui.yamlcheck.checker` for a deck and turns YAML values into
deck text exactly as the author typed them (:meth:`DeckFields.text_of`).
"""

from __future__ import annotations

from tui.deck.model import DEFAULT_WIDTH, MAX_WIDTH, MIN_WIDTH, parse_duration
from tui.deck.schema import SLIDE_KEYS
from tui.yamlcheck.checker import Checker, closest, truth
from tui.yamlcheck.nodes import Mapping, Node, Scalar, Sequence, describe

MAX_TEXT_CHARS = 50_000
"""Most characters in one text field (a body, a column, notes ...)."""

MAX_TEXT_LINES = 1_000
"""Most lines in one text field.

A slide's text is laid out whole each time it is shown (and while the slide
before it is read): Rich takes about 0.2 s for 1,000 list items, and a body
of 25,000 (a 1.4 MB deck) froze the presenter for 20 s, ``q`` included.
Nothing that long fits on a screen: split it over slides.
"""


SETTINGS = frozenset({"theme", "lang"})
"""Fields that may be left empty to mean "the default": ``~`` or ``null`` there is "not set"."""


def null_text(node: Scalar, name: str) -> str:
    """The text of a scalar YAML reads as "no value" (``~``, ``null``, or nothing).

    What the author typed is what the audience sees: ``- ~`` as a poll option
    or ``title: null`` is that text, as ``yes`` and ``1.0`` are kept as
    typed, not read as a boolean or a number. Nothing written (``title:``),
    an explicit ``!!null`` tag, or ``~``/``null`` in a setting
    (:data:`SETTINGS`: the theme, the language) is the empty text.
    """
    if node.tag is None and name not in SETTINGS:
        return node.value
    return ""


class DeckFields(Checker):
    """Checks of one deck's fields, collecting problems."""

    def text_of(self, node: Node, name: str) -> str | None:
        """Text of a field as typed; None (after reporting) when not text."""
        if isinstance(node, Scalar) and not self.controls_possible:
            # The usual value, without the calls below (same result).
            if node.broken:
                return None
            if node.is_null:
                return null_text(node, name)
            return None if self._too_long(node, node.value, name) else node.value
        if node.broken:
            return None
        if isinstance(node, Scalar):
            text = null_text(node, name) if node.is_null else node.value
        elif isinstance(node, (Sequence, Mapping)) and node.flow and node.line == node.end_line:
            opener = "[" if isinstance(node, Sequence) else "{"
            start = self.text.find(opener, node.start, node.end)
            text = self.text[start if start >= 0 else node.start : node.end]
        else:
            text = None
        if text is not None:
            if self.control_problem(node, text, name) or self._too_long(node, text, name):
                return None
            return text
        example = f'{name}: "..."' if " " not in name else '"..."'
        self.problem(
            node,
            f"{name} must be text, got {describe(node)} "
            f"(quote it if you meant the text: {example})",
        )
        return None

    def _too_long(self, node: Node, text: str, name: str) -> bool:
        """Report ``text`` over :data:`MAX_TEXT_CHARS` or :data:`MAX_TEXT_LINES`."""
        if len(text) <= MAX_TEXT_LINES:  # fewer characters than the most lines
            return False
        lines = text.count("\n") + (not text.endswith("\n"))
        if len(text) <= MAX_TEXT_CHARS and lines <= MAX_TEXT_LINES:
            return False
        size = (
            f"{len(text):,} characters (at most {MAX_TEXT_CHARS:,})"
            if len(text) > MAX_TEXT_CHARS
            else f"{lines:,} lines (at most {MAX_TEXT_LINES:,})"
        )
        self.problem(node, f"{name} is too long to show: {size}; split it over slides")
        return True

    def boolean(self, node: Node, name: str) -> bool | None:
        """A true/false field; None (after reporting) when it is neither."""
        if node.broken:
            return None
        value = truth(node)
        if value is not None:
            return value
        got = node.value if isinstance(node, Scalar) and not node.is_null else describe(node)
        shown = repr(got) if isinstance(node, Scalar) and not node.is_null else got
        self.problem(node, f"{name} must be true or false, got {shown}")
        return None

    def duration(self, node: Node, name: str = "duration") -> float | None:
        """A length of time in seconds; None when empty or (after reporting) bad."""
        if node.broken:
            return None
        if isinstance(node, Scalar):
            if node.is_null:
                return None
            try:
                return parse_duration(node.value)
            except ValueError as error:
                if "more than zero" in str(error):
                    self.problem(node, f"{name} must be more than zero, got {node.value!r}")
                    return None
            got = repr(node.value)
        else:
            got = describe(node)
        self.problem(
            node,
            f"{name} must be a length of time such as 20m, 1h 30m, 90s or 45 (minutes), got {got}",
        )
        return None

    def width(self, node: Node) -> int | None:
        """The measure (``width:``) in cells; None when empty or (after reporting) bad."""
        if node.broken:
            return None
        if isinstance(node, Scalar):
            if node.is_null:
                return None
            value = node.value.strip()
            if value.isascii() and value.isdigit() and MIN_WIDTH <= int(value) <= MAX_WIDTH:
                return int(value)
            got = repr(node.value)
        else:
            got = describe(node)
        self.problem(
            node,
            f"width must be a whole number of cells from {MIN_WIDTH} to {MAX_WIDTH} "
            f"(the widest a line of slide text runs; the default is {DEFAULT_WIDTH}), got {got}",
        )
        return None

    def pairs(
        self, node: Mapping, allowed: tuple[str, ...], where: str
    ) -> dict[str, tuple[Node, Node]]:
        """Keys of a mapping with their key and value nodes.

        Reports non-text keys, duplicates and unknown keys; expands ``<<``
        merge keys (keys written here win over merged ones).
        """
        # The usual mapping, read in one loop: allowed text keys, each once.
        found: dict[str, tuple[Node, Node]] = {}
        for pair in node.value:
            key = pair[0]
            if key.__class__ is not Scalar or key.broken:
                break
            name = key.value
            if name not in allowed or name in found:
                break
            found[name] = pair
        else:
            return found
        return self._pairs(node, allowed, where)

    def _pairs(
        self, node: Mapping, allowed: tuple[str, ...], where: str
    ) -> dict[str, tuple[Node, Node]]:
        found: dict[str, tuple[Node, Node]] = {}
        merges: list[Node] = []
        for name, key, value in self.named_pairs(
            node,
            not_text=lambda key: (
                f"keys must be plain words such as title:, got {describe(key)} {where}"
            ),
            duplicate=lambda name, first, _value: (
                f"duplicate key {name!r} {where} (first given on line {first.line}); keep only one"
            ),
            merges=merges,
        ):
            if name not in allowed:
                self.problem(key, self.unknown_key(name, allowed, where))
            found[name] = (key, value)
        for source in merges:
            for name, key, value in self.merge(source):
                if name not in found and name in allowed:
                    found[name] = (key, value)
        return {name: pair for name, pair in found.items() if name in allowed}

    @staticmethod
    def unknown_key(name: str, allowed: tuple[str, ...], where: str) -> str:
        """The message for a key that is not allowed, with a "did you mean"."""
        close = closest(name, allowed)
        message = f"unknown key {name!r} {where}"
        if close:
            return f"{message} (did you mean {close!r}?)"
        if where == "at the top of the deck" and name in SLIDE_KEYS:
            return f"{message}; {name!r} belongs to a slide: put it in an item under slides:"
        return f"{message}; the keys allowed here are: {', '.join(allowed)}"
