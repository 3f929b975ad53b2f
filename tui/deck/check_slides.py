"""The deck's checks of one slide: its fields, notes, layout and columns.

Imports no Textual.
"""

from __future__ import annotations

import difflib
import re

from tui.deck.check_images import ImageChecks
from tui.deck.check_polls import PollChecks
from tui.deck.model import Layout, Slide, reveal_blocks
from tui.deck.schema import (
    LAYOUTS,
    MAX_COLUMNS,
    MAX_SLIDE_ID,
    MIN_COLUMNS,
    SLIDE_FIELDS,
    SLIDE_KEYS,
    Kind,
    keys_of_kind,
)
from tui.deck.slug import slug
from tui.yamlcheck.nodes import Mapping, Node, Scalar, Sequence, describe

_TEXT_KEYS = keys_of_kind(SLIDE_FIELDS, Kind.TEXT) + keys_of_kind(SLIDE_FIELDS, Kind.IMAGE)
_BOOLEAN_KEYS = keys_of_kind(SLIDE_FIELDS, Kind.BOOLEAN)
_DURATION_KEYS = keys_of_kind(SLIDE_FIELDS, Kind.DURATION)

_LAYOUT_OF = {layout.value: layout for layout in Layout}

_SLIDE_ID = re.compile(r"[a-z0-9][a-z0-9_-]*\Z")
"""A slide id: lowercase ASCII letters, digits, ``-`` and ``_`` (a slug)."""


class SlideChecks(PollChecks, ImageChecks):
    """Checks of one item under ``slides:``, building :class:`~tui.deck.model.Slide`.

    Attributes:
        slide_ids: Slide ids given so far, with the line of each.
    """

    def __init__(self, text: str, path: str) -> None:
        super().__init__(text, path)
        self.slide_ids: dict[str, int] = {}

    def slide(self, node: Node, number: int) -> Slide | None:
        if node.broken:
            return None
        if not isinstance(node, Mapping):
            if isinstance(node, Scalar) and node.is_null:
                self.problem(
                    node, f"slide {number} is empty; give it a title:, body:, columns: or poll:"
                )
            else:
                example = ""
                if isinstance(node, Scalar):
                    example = f" such as  - title: {node.value}"
                self.problem(
                    node, f"slide {number} must be a mapping{example}, got {describe(node)}"
                )
            return None
        where = f"in slide {number}"
        before = len(self.problems)
        fields = self.pairs(node, SLIDE_KEYS, where)
        # A misspelt key may be the missing title: say so once, not twice.
        ok = len(self.problems) == before
        values: dict[str, object] = {}
        if "id" in fields:
            slide_id = self.slide_id(fields["id"][1])
            if slide_id is None:
                ok = False
            else:
                values["id"] = slide_id
        for names, read in ((_TEXT_KEYS, self.text_of), (_BOOLEAN_KEYS, self.boolean)):
            for name in names:
                if name in fields:
                    value = read(fields[name][1], name)
                    if value is None:
                        ok = False
                    else:
                        values[name] = value
        for name in _DURATION_KEYS:
            if name in fields:
                reported = len(self.problems)
                budget = self.duration(fields[name][1], name)
                ok = ok and len(self.problems) == reported and not fields[name][1].broken
                if budget is not None:
                    values[name] = budget
        if "notes" in fields:
            notes = self.notes(fields["notes"], values)
            if notes is None:
                ok = False
            else:
                values["notes"], values["step_notes"] = notes
        layout = self.layout(node, fields, number)
        if layout is None:
            ok = False
        else:
            values["layout"] = layout
        if "columns" in fields:
            columns = self.columns(fields["columns"][1])
            if columns is None:
                ok = False
            else:
                values["columns"] = columns
        if "poll" in fields:
            # A title already reported (None) is not a missing question too.
            rejected = "title" in fields and "title" not in values
            title = None if rejected else str(values.get("title", ""))
            poll = self.poll(fields["poll"], number, title)
            if poll is None:
                ok = False
            else:
                values["poll"] = poll
        if "image" in values or "![" in str(values.get("body", "")):
            files = self.images(fields, values)
            if files is None:
                ok = False
            elif files:
                values["image_files"] = files
        get = values.get
        shows = get("title") or get("body") or get("columns") or get("poll") or get("image")
        if ok and not shows:
            self.problem(
                node,
                f"slide {number} has nothing to show; give it a title:, body:, columns: or poll:",
            )
            ok = False
        if not ok:
            return None
        return Slide(line=node.line, **values)  # type: ignore[arg-type]

    def slide_id(self, node: Node) -> str | None:
        """A slide's ``id:``: a slug, unique in the deck; None (after reporting) when not."""
        text = self.text_of(node, "id")
        if text is None:
            return None
        if not _SLIDE_ID.match(text) or len(text) > MAX_SLIDE_ID:
            suggestion = slug(text)
            hint = f" (for example {suggestion!r})" if suggestion else ""
            self.problem(
                node,
                f"a slide id is a short name of lowercase letters, digits, '-' and '_' "
                f"(at most {MAX_SLIDE_ID} characters), got {text!r}{hint}",
            )
            return None
        if text in self.slide_ids:
            self.problem(
                node,
                f"slide id {text!r} is already used by the slide on line "
                f"{self.slide_ids[text]}; give each slide its own id",
            )
            return None
        self.slide_ids[text] = node.line
        return text

    def notes(
        self, pair: tuple[Node, Node], values: dict[str, object]
    ) -> tuple[str, tuple[str, ...]] | None:
        """Notes as one text, or a list: a block before the first reveal step,
        then one block per step (of the slide's ``values`` read so far).
        Returns ``(notes, step_notes)``."""
        key, node = pair
        if not isinstance(node, Sequence) or (node.flow and node.line == node.end_line):
            # One-line [..] is text as typed, like every other text field.
            text = self.text_of(node, "notes")
            return None if text is None else (text, ())
        steps = len(reveal_blocks(str(values.get("body", "")))) - 1 if values.get("reveal") else 0
        texts: list[str] = []
        for index, item in enumerate(node.items):
            text = self.text_of(item, f"notes block {index + 1}")
            if text is None:
                return None
            texts.append(text)
        if len(texts) > 1 and steps == 0:
            self.problem(
                key,
                "notes as a list gives one block per reveal step, so this slide needs "
                "reveal: true and a list in its body (or write the notes as one text)",
            )
            return None
        if len(texts) > steps + 1:
            self.problem(
                node.items[steps + 1],
                f"notes has {len(texts)} blocks but the slide has {steps} reveal "
                f"step{'s' if steps != 1 else ''}: "
                f"write at most {steps + 1} (one before the first item, then one per "
                "top-level list item)",
            )
            return None
        return (texts[0] if texts else "", tuple(texts[1:]))

    def layout(
        self, node: Mapping, fields: dict[str, tuple[Node, Node]], number: int
    ) -> Layout | None:
        """The slide's layout, written or inferred, checked against its keys."""
        written: Layout | None = None
        if "layout" in fields:
            value = fields["layout"][1]
            text = self.text_of(value, "layout")
            if text is None:
                return None
            word = text.strip().lower()
            written = _LAYOUT_OF.get(word)
            if written is None:
                close = difflib.get_close_matches(word, LAYOUTS, n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                self.problem(
                    value, f"layout must be one of {', '.join(LAYOUTS)}, got {text!r}{hint}"
                )
                return None
        if "poll" in fields:
            if written not in (None, Layout.POLL):
                key = fields["poll"][0]
                self.problem(
                    key,
                    f"a poll shows only on a poll slide, but slide {number} has layout: "
                    f"{written.value}; remove the layout line (or move the poll to its own slide)",
                )
                return None
            if "columns" in fields:
                self.problem(fields["columns"][0], "columns: cannot be used on a poll slide")
                return None
            return Layout.POLL
        if written is Layout.POLL:
            self.problem(
                fields["layout"][1],
                "layout: poll needs a poll: with options, for example:  poll: {options: [Yes, No]}",
            )
            return None
        if "columns" in fields:
            if written not in (None, Layout.COLUMNS):
                self.problem(
                    fields["columns"][0],
                    f"columns: shows only on a columns slide, but slide {number} has layout: "
                    f"{written.value}; use layout: columns or remove columns:",
                )
                return None
            return Layout.COLUMNS
        if written is Layout.COLUMNS:
            self.problem(
                fields["layout"][1],
                f"layout: columns needs a columns: list of {MIN_COLUMNS} to {MAX_COLUMNS} "
                "Markdown texts",
            )
            return None
        return written or Layout.CONTENT

    def columns(self, node: Node) -> tuple[str, ...] | None:
        if node.broken:
            return None
        if not isinstance(node, Sequence):
            self.problem(
                node,
                f"columns must be a list of {MIN_COLUMNS} to {MAX_COLUMNS} Markdown texts "
                f"(one '- ' item per column), got {describe(node)}",
            )
            return None
        texts = [self.text_of(item, "a column") for item in node.items]
        if not MIN_COLUMNS <= len(texts) <= MAX_COLUMNS:
            self.problem(
                node, f"columns needs {MIN_COLUMNS} to {MAX_COLUMNS} columns, got {len(texts)}"
            )
            return None
        if any(text is None for text in texts):
            return None
        return tuple(text for text in texts if text is not None)
