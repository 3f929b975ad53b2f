"""Load and validate a deck file into a :class:`~tui.deck.model.Deck`.

Every problem in the file is collected in one pass and raised together as a
:class:`~tui.deck.errors.DeckError`, in file order, each pointing at the line
and column of the offending key or value. Text fields keep exactly what the
author typed: ``No`` stays ``"No"``, ``1.10`` stays ``"1.10"``. Imports no
Textual.
"""

from __future__ import annotations

import gc
import os

from tui.deck.check_slides import SlideChecks
from tui.deck.errors import DeckError, Problem
from tui.deck.model import Deck, Slide
from tui.deck.schema import DECK_FIELDS, DECK_KEYS, EMPTY_DECK, MAX_PROBLEMS, Kind, keys_of_kind
from tui.deck.slug import slug
from tui.deck.yaml_source import compose, decode, read_file
from tui.yamlcheck.nodes import Mapping, Node, Scalar, Sequence, describe

__all__ = ["load_deck", "load_deck_text", "slug"]  # slug: see tui.deck.slug


def load_deck(path: str | os.PathLike[str]) -> Deck:
    """Read, parse and validate a deck file.

    Args:
        path: The deck file (usually ``slides.yaml``).

    Returns:
        The validated deck; ``Deck.source`` is ``path`` as given.

    Raises:
        DeckError: The file cannot be read or is not a valid deck. It lists
            every problem found, in file order.
    """
    name = os.fsdecode(os.fspath(path))
    return _build(read_file(name), name)


def load_deck_text(text: str | bytes, path: str = "<string>") -> Deck:
    """Parse and validate a deck given as text or bytes.

    Args:
        text: The deck's YAML source; bytes must be UTF-8.
        path: The name to use in messages and ``Deck.source``.

    Returns:
        The validated deck.

    Raises:
        DeckError: The text is not a valid deck. It lists every problem
            found, in file order.
    """
    return _build(decode(text, path), path)


def _build(text: str, path: str) -> Deck:
    # A deck is tens of thousands of small objects and no reference cycles:
    # the cyclic collector would only rescan them (and the app) as they come.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _build_deck(text, path)
    finally:
        if collecting:
            gc.enable()


def _build_deck(text: str, path: str) -> Deck:
    root, problems = compose(text, path)
    deck = None
    theme = None
    if root is None and not problems:
        problems.append(Problem(path, 0, 0, EMPTY_DECK))
    elif root is not None:
        checker = _DeckChecker(text, path)
        deck = checker.deck(root)
        problems.extend(checker.problems)
        theme = checker.theme
    if problems or deck is None:
        problems.sort(key=lambda problem: (problem.line, problem.column))
        if len(problems) > MAX_PROBLEMS:
            hidden = len(problems) - MAX_PROBLEMS
            problems = problems[:MAX_PROBLEMS]
            problems.append(Problem(path, 0, 0, f"... and {hidden} more problems not shown"))
        raise DeckError(problems, theme)
    return deck


class _DeckChecker(SlideChecks):
    """Walks the node tree, building the model and collecting problems.

    The deck's checks are layered: :class:`~tui.deck.fields.DeckFields`
    (single fields), :class:`~tui.deck.check_polls.PollChecks`,
    :class:`~tui.deck.check_slides.SlideChecks`, and here the top of the deck.
    """

    theme: tuple[str, int, int] | None = None
    """The deck's ``theme:`` as written, with the line and column of its value."""

    def deck(self, root: Node) -> Deck | None:
        if root.broken:
            return None
        if isinstance(root, Scalar) and root.is_null:
            self.problem(root, EMPTY_DECK)
            return None
        if not isinstance(root, Mapping):
            hint = (
                "; put the slides under a `slides:` key"
                if isinstance(root, Sequence)
                else ", for example:  slides: [{title: Hello}]"
            )
            self.problem(
                root,
                f"the top level of a deck must be a mapping with keys such as title: and "
                f"slides:, got {describe(root)}{hint}",
            )
            return None
        fields = self.pairs(root, DECK_KEYS, "at the top of the deck")
        values: dict[str, object] = {}
        for name in keys_of_kind(DECK_FIELDS, Kind.TEXT):
            if name in fields:
                text = self.text_of(fields[name][1], name)
                if text is not None:
                    values[name] = text
        if not values.get("theme"):
            values.pop("theme", None)
        elif "theme" in fields:
            theme_node = fields["theme"][1]
            values["theme_at"] = (theme_node.line, theme_node.column)
            self.theme = (str(values["theme"]), theme_node.line, theme_node.column)
        if values.get("lang"):
            lang_node = fields["lang"][1]
            values["lang_at"] = (lang_node.line, lang_node.column)
            self.lang = str(values["lang"]).strip()
            values["lang"] = self.lang
        for name in keys_of_kind(DECK_FIELDS, Kind.DURATION):
            if name in fields:
                values[name] = self.duration(fields[name][1], name)
        if "width" in fields:
            width = self.width(fields["width"][1])
            if width is not None:
                values["width"] = width
        slides: list[Slide] = []
        if "slides" not in fields:
            self.problem(
                root,
                "the deck has no `slides:`; add a list of slides, for example:  "
                "slides: [{title: Hello}]",
            )
        else:
            slides = self.slides(fields["slides"][1])
        if self.problems:
            return None
        return Deck(slides=tuple(slides), source=self.path, **values)  # type: ignore[arg-type]

    def slides(self, node: Node) -> list[Slide]:
        if node.broken:
            return []
        if isinstance(node, Scalar) and node.is_null:
            self.problem(
                node, "slides is empty; add at least one slide, for example:  - title: Hello"
            )
            return []
        if not isinstance(node, Sequence):
            hint = " (start each slide with '- ')" if isinstance(node, Mapping) else ""
            self.problem(node, f"slides must be a list of slides, got {describe(node)}{hint}")
            return []
        if not node.items:
            self.problem(
                node, "slides is empty; add at least one slide, for example:  - title: Hello"
            )
            return []
        result = []
        for number, item in enumerate(node.items, start=1):
            slide = self.slide(item, number)
            if slide is not None:
                result.append(slide)
        return result
