"""The deck's checks of a slide's pictures: ``image:`` and ``![alt](file)`` in its body.

Each picture's file is resolved against the deck's folder and checked (see
:mod:`tui.deck.images`); a problem points at the path as typed in the deck.
Imports no Textual.
"""

from __future__ import annotations

from tui.deck.fields import DeckFields
from tui.deck.images import file_problem, image_refs, resolve
from tui.yamlcheck.nodes import Node, Scalar
from tui.yamlcheck.problems import Problem
from tui.yamlcheck.source import position


class ImageChecks(DeckFields):
    """Checks of the pictures on one slide."""

    def images(
        self, fields: dict[str, tuple[Node, Node]], values: dict[str, object]
    ) -> tuple[tuple[str, str], ...] | None:
        """Check the slide's ``image:`` and the image references in its body.

        Args:
            fields: The slide's keys with their key and value nodes.
            values: The slide's fields read so far (``body``, ``image``).

        Returns:
            ``(path as typed, absolute path)`` for every picture of the slide,
            in order and without repeats, or None when a problem was reported.
        """
        files: dict[str, str] = {}
        ok = True
        image = values.get("image")
        if isinstance(image, str) and "image" in fields:
            ok = self._check(image, fields["image"][1], None, files) and ok
        body = values.get("body")
        if isinstance(body, str) and "body" in fields:
            node = fields["body"][1]
            searched = node.start
            for ref in image_refs(body):
                at, searched = self._source_index(node, ref.source, searched)
                ok = self._check(ref.source, node, at, files) and ok
        return tuple(files.items()) if ok else None

    def _check(self, source: str, node: Node, at: int | None, files: dict[str, str]) -> bool:
        if source in files:
            return True
        path = resolve(source, self.path)
        message = file_problem(source, path)
        if message is None:
            files[source] = path
            return True
        if at is None:
            self.problem(node, message)
        else:
            line, column = position(self.text, at)
            self.problems.append(Problem(self.path, line, column, message))
        return False

    def _source_index(self, node: Node, source: str, searched: int) -> tuple[int | None, int]:
        """Where ``source`` was typed in the value ``node``, searching from ``searched``.

        Returns the index (None when it cannot be found as typed, e.g.
        written with escapes: the problem then points at the value) and
        where to search for the next one.
        """
        if not isinstance(node, Scalar) or not source:
            return None, searched
        found = self.text.find(source, searched, node.end)
        if found < 0:
            return None, searched
        return found, found + len(source)
