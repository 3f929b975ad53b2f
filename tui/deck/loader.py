"""Load and validate a deck file into a :class:`~tui.deck.model.Deck`.

Every problem in the file is collected in one pass and raised together as a
:class:`~tui.deck.errors.DeckError`, in file order, each pointing at the line
and column of the offending key or value. Text fields keep exactly what the
author typed: ``No`` stays ``"No"``, ``1.10`` stays ``"1.10"``. Imports no
Textual.
"""

from __future__ import annotations

import difflib
import os
import re
import unicodedata

from tui.deck.errors import DeckError, Problem
from tui.deck.model import Deck, Layout, Poll, ResultsMode, Slide, parse_duration, reveal_blocks
from tui.deck.poll_options import MAX_OPTION_ID, derive_option_ids
from tui.deck.yaml_source import (
    Mapping,
    Node,
    Scalar,
    Sequence,
    compose,
    decode,
    describe,
    read_file,
)

__all__ = ["load_deck", "load_deck_text"]

DECK_KEYS = ("title", "author", "event", "date", "theme", "duration", "slides")
SLIDE_KEYS = (
    "layout",
    "title",
    "subtitle",
    "body",
    "columns",
    "attribution",
    "notes",
    "reveal",
    "time",
    "poll",
)
POLL_KEYS = ("id", "question", "options", "multiple", "results")
OPTION_KEYS = ("id", "text")
RESULTS_MODES = tuple(mode.value for mode in ResultsMode)
LAYOUTS = tuple(layout.value for layout in Layout)

MIN_COLUMNS, MAX_COLUMNS = 2, 4
MIN_OPTIONS, MAX_OPTIONS = 2, 9
MAX_POLL_ID = 40
MAX_PROBLEMS = 100
"""Most problems listed for one file; the rest are counted."""

_TRUE = frozenset({"true", "yes", "on"})
_FALSE = frozenset({"false", "no", "off"})
_MAX_MERGE_DEPTH = 20
EMPTY_DECK = (
    "the deck is empty; a deck needs at least `slides:` with one slide, "
    "for example:  slides: [{title: Hello}]"
)


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
    root, problems = compose(text, path)
    deck = None
    theme = None
    if root is None and not problems:
        problems.append(Problem(path, 0, 0, EMPTY_DECK))
    elif root is not None:
        checker = _Checker(text, path)
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


def slug(text: str) -> str:
    """Make a poll id from a question: lowercase ASCII letters, digits, hyphens.

    Norwegian letters fold as people write them without them (``æ`` to
    ``ae``, ``ø`` to ``o``, ``å`` to ``a``); other accents are dropped.

    Args:
        text: Usually the poll question.

    Returns:
        At most 40 characters; empty when nothing usable is left.
    """
    lowered = text.lower().translate(_FOLD)
    ascii_text = unicodedata.normalize("NFKD", lowered).encode("ascii", "ignore").decode()
    hyphened = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    return hyphened[:MAX_POLL_ID].rstrip("-")


_FOLD = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "ß": "ss", "œ": "oe", "ð": "d", "þ": "th"})


class _Checker:
    """Walks the node tree, building the model and collecting problems."""

    def __init__(self, text: str, path: str) -> None:
        self.text = text
        self.path = path
        self.problems: list[Problem] = []
        self.poll_ids: dict[str, tuple[int, int]] = {}
        self.theme: tuple[str, int, int] | None = None

    # -- reporting ---------------------------------------------------------

    def problem(self, node: Node, message: str) -> None:
        self.problems.append(Problem(self.path, node.line, node.column, message))

    # -- generic values ----------------------------------------------------

    def text_of(self, node: Node, name: str) -> str | None:
        """Text of a field as typed; None (after reporting) when not text."""
        if node.broken:
            return None
        if isinstance(node, Scalar):
            return "" if node.is_null else node.value
        if isinstance(node, (Sequence, Mapping)) and node.flow and node.line == node.end_line:
            opener = "[" if isinstance(node, Sequence) else "{"
            start = self.text.find(opener, node.start, node.end)
            return self.text[start if start >= 0 else node.start : node.end]
        example = f'{name}: "..."' if " " not in name else '"..."'
        self.problem(
            node,
            f"{name} must be text, got {describe(node)} "
            f"(quote it if you meant the text: {example})",
        )
        return None

    def boolean(self, node: Node, name: str) -> bool | None:
        if node.broken:
            return None
        if isinstance(node, Scalar) and not node.is_null:
            word = node.value.strip().lower()
            if word in _TRUE:
                return True
            if word in _FALSE:
                return False
        got = node.value if isinstance(node, Scalar) and not node.is_null else describe(node)
        shown = repr(got) if isinstance(node, Scalar) and not node.is_null else got
        self.problem(node, f"{name} must be true or false, got {shown}")
        return None

    def pairs(self, node: Mapping, allowed: tuple[str, ...], where: str) -> dict[str, tuple[Node, Node]]:
        """Keys of a mapping with their key and value nodes.

        Reports non-text keys, duplicates and unknown keys; expands ``<<``
        merge keys (keys written here win over merged ones).
        """
        found: dict[str, tuple[Node, Node]] = {}
        merged: list[tuple[str, Node, Node]] = []
        for key, value in node.pairs:
            if key.broken:
                continue
            if not isinstance(key, Scalar):
                self.problem(key, f"keys must be plain words such as title:, got {describe(key)} {where}")
                continue
            name = key.value
            if name == "<<" and key.style is None:
                merged.extend(self.merge(value, where, 0))
                continue
            if name in found:
                first = found[name][0]
                self.problem(
                    key,
                    f"duplicate key {name!r} {where} (first given on line {first.line}); keep only one",
                )
                continue
            if name not in allowed:
                self.problem(key, self.unknown_key(name, allowed, where))
            found[name] = (key, value)
        for name, key, value in merged:
            if name not in found and name in allowed:
                found[name] = (key, value)
        return {name: pair for name, pair in found.items() if name in allowed}

    def merge(self, value: Node, where: str, depth: int) -> list[tuple[str, Node, Node]]:
        """Pairs brought in by a ``<<: *anchor`` merge key, first merge wins."""
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
            if depth >= _MAX_MERGE_DEPTH:
                self.problem(source, "merges ('<<') are nested too deeply")
                continue
            for key, item in source.pairs:
                if isinstance(key, Scalar):
                    if key.value == "<<" and key.style is None:
                        result.extend(self.merge(item, where, depth + 1))
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

    @staticmethod
    def unknown_key(name: str, allowed: tuple[str, ...], where: str) -> str:
        close = difflib.get_close_matches(name, allowed, n=1) or difflib.get_close_matches(
            name.lower(), allowed, n=1
        )
        message = f"unknown key {name!r} {where}"
        if close:
            return f"{message} (did you mean {close[0]!r}?)"
        if where == "at the top of the deck" and name in SLIDE_KEYS:
            return f"{message}; {name!r} belongs to a slide: put it in an item under slides:"
        return f"{message}; the keys allowed here are: {', '.join(allowed)}"

    # -- the deck ------------------------------------------------------------

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
        for name in ("title", "author", "event", "date", "theme"):
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
        if "duration" in fields:
            values["duration"] = self.duration(fields["duration"][1])
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

    def duration(self, node: Node, name: str = "duration") -> float | None:
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

    def slides(self, node: Node) -> list[Slide]:
        if node.broken:
            return []
        if isinstance(node, Scalar) and node.is_null:
            self.problem(node, "slides is empty; add at least one slide, for example:  - title: Hello")
            return []
        if not isinstance(node, Sequence):
            hint = " (start each slide with '- ')" if isinstance(node, Mapping) else ""
            self.problem(node, f"slides must be a list of slides, got {describe(node)}{hint}")
            return []
        if not node.items:
            self.problem(node, "slides is empty; add at least one slide, for example:  - title: Hello")
            return []
        result = []
        for number, item in enumerate(node.items, start=1):
            slide = self.slide(item, number)
            if slide is not None:
                result.append(slide)
        return result

    # -- one slide -----------------------------------------------------------

    def slide(self, node: Node, number: int) -> Slide | None:
        if node.broken:
            return None
        if not isinstance(node, Mapping):
            if isinstance(node, Scalar) and node.is_null:
                self.problem(node, f"slide {number} is empty; give it a title:, body:, columns: or poll:")
            else:
                example = ""
                if isinstance(node, Scalar):
                    example = f" such as  - title: {node.value}"
                self.problem(node, f"slide {number} must be a mapping{example}, got {describe(node)}")
            return None
        where = f"in slide {number}"
        before = len(self.problems)
        fields = self.pairs(node, SLIDE_KEYS, where)
        # A misspelt key may be the missing title: say so once, not twice.
        ok = len(self.problems) == before
        values: dict[str, object] = {}
        for name in ("title", "subtitle", "body", "attribution"):
            if name in fields:
                text = self.text_of(fields[name][1], name)
                if text is None:
                    ok = False
                else:
                    values[name] = text
        if "reveal" in fields:
            reveal = self.boolean(fields["reveal"][1], "reveal")
            if reveal is None:
                ok = False
            else:
                values["reveal"] = reveal
        if "time" in fields:
            reported = len(self.problems)
            budget = self.duration(fields["time"][1], "time")
            ok = ok and len(self.problems) == reported and not fields["time"][1].broken
            if budget is not None:
                values["time"] = budget
        if "notes" in fields:
            steps = len(reveal_blocks(str(values.get("body", "")))) - 1 if values.get("reveal") else 0
            notes = self.notes(fields["notes"], steps)
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
            poll = self.poll(fields["poll"], number, str(values.get("title", "")))
            if poll is None:
                ok = False
            else:
                values["poll"] = poll
        if ok and not any(values.get(name) for name in ("title", "body", "columns", "poll")):
            self.problem(
                node,
                f"slide {number} has nothing to show; give it a title:, body:, columns: or poll:",
            )
            ok = False
        if not ok:
            return None
        return Slide(line=node.line, **values)  # type: ignore[arg-type]

    def notes(self, pair: tuple[Node, Node], steps: int) -> tuple[str, tuple[str, ...]] | None:
        """Notes as one text, or a list: a block before the first reveal step,
        then one block per step. Returns ``(notes, step_notes)``."""
        key, node = pair
        if not isinstance(node, Sequence) or (node.flow and node.line == node.end_line):
            # One-line [..] is text as typed, like every other text field.
            text = self.text_of(node, "notes")
            return None if text is None else (text, ())
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

    def layout(self, node: Mapping, fields: dict[str, tuple[Node, Node]], number: int) -> Layout | None:
        """The slide's layout, written or inferred, checked against its keys."""
        written: Layout | None = None
        if "layout" in fields:
            value = fields["layout"][1]
            text = self.text_of(value, "layout")
            if text is None:
                return None
            word = text.strip().lower()
            if word not in LAYOUTS:
                close = difflib.get_close_matches(word, LAYOUTS, n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                self.problem(value, f"layout must be one of {', '.join(LAYOUTS)}, got {text!r}{hint}")
                return None
            written = Layout(word)
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

    # -- polls ---------------------------------------------------------------

    def poll(self, pair: tuple[Node, Node], number: int, title: str) -> Poll | None:
        key, node = pair
        if node.broken:
            return None
        if not isinstance(node, Mapping):
            hint = " (put the choices under options:)" if isinstance(node, Sequence) else ""
            self.problem(
                node if not (isinstance(node, Scalar) and node.is_null) else key,
                f"poll must be a mapping such as  poll: {{options: [Yes, No]}}, "
                f"got {describe(node)}{hint}",
            )
            return None
        fields = self.pairs(node, POLL_KEYS, f"in the poll of slide {number}")
        ok = True
        question = title
        if "question" in fields:
            text = self.text_of(fields["question"][1], "question")
            if text is None:
                ok = False
            elif text:
                question = text
        if ok and not question.strip():
            self.problem(
                key,
                f"the poll on slide {number} needs a question: give the slide a title: "
                "or the poll a question:",
            )
            ok = False
        options = self.options(fields, key)
        if options is None:
            ok = False
        multiple = False
        if "multiple" in fields:
            chosen = self.boolean(fields["multiple"][1], "multiple")
            if chosen is None:
                ok = False
            else:
                multiple = chosen
        results = ResultsMode.ON_REVEAL
        if "results" in fields:
            mode = self.results_mode(fields["results"][1])
            if mode is None:
                ok = False
            else:
                results = mode
        poll_id = self.poll_id(fields, question, number, key)
        if poll_id is None or not ok or options is None:
            return None
        texts, explicit = options
        return Poll(
            id=poll_id,
            question=question,
            options=texts,
            option_ids=derive_option_ids(poll_id, texts, explicit),
            multiple=multiple,
            results=results,
        )

    def results_mode(self, node: Node) -> ResultsMode | None:
        text = self.text_of(node, "results")
        if text is None:
            return None
        word = re.sub(r"[\s-]+", "_", text.strip().lower())
        if word in RESULTS_MODES:
            return ResultsMode(word)
        close = difflib.get_close_matches(word, RESULTS_MODES, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        self.problem(
            node,
            f"results must be live (chart shown as votes arrive) or on_reveal (hidden until "
            f"the presenter presses r), got {text!r}{hint}",
        )
        return None

    def options(
        self, fields: dict[str, tuple[Node, Node]], key: Node
    ) -> tuple[tuple[str, ...], tuple[str | None, ...]] | None:
        """The options' texts and the ids written for them (None where not given)."""
        if "options" not in fields:
            self.problem(
                key,
                f"the poll needs options: a list of {MIN_OPTIONS} to {MAX_OPTIONS} choices, "
                "for example:  options: [Yes, No]",
            )
            return None
        node = fields["options"][1]
        if node.broken:
            return None
        if not isinstance(node, Sequence):
            self.problem(
                node,
                f"options must be a list of {MIN_OPTIONS} to {MAX_OPTIONS} choices, "
                f"for example:  options: [Yes, No], got {describe(node)}",
            )
            return None
        ok = True
        texts: list[str] = []
        explicit: list[str | None] = []
        seen: dict[str, Node] = {}
        seen_ids: dict[str, Node] = {}
        for number, item in enumerate(node.items, start=1):
            option_id: str | None = None
            if isinstance(item, Mapping) and self.is_option_spec(item):
                spec = self.option_spec(item, number)
                if spec is None:
                    ok = False
                    continue
                text, option_id, id_node = spec
                if option_id is not None:
                    if option_id in seen_ids:
                        self.problem(
                            id_node,
                            f"option id {option_id!r} is used twice in this poll (first on line "
                            f"{seen_ids[option_id].line}); give each option its own id",
                        )
                        ok = False
                        continue
                    seen_ids[option_id] = id_node
            else:
                text = self.text_of(item, f"option {number}")
            if text is None:
                ok = False
                continue
            if not text.strip():
                self.problem(item, f"option {number} is empty; every option needs text")
                ok = False
                continue
            folded = text.strip().casefold()
            if folded in seen:
                self.problem(
                    item,
                    f"option {text!r} is listed twice (first on line {seen[folded].line}); "
                    "each option must be different",
                )
                ok = False
                continue
            seen[folded] = item
            texts.append(text)
            explicit.append(option_id)
        if not MIN_OPTIONS <= len(node.items) <= MAX_OPTIONS:
            self.problem(
                node,
                f"a poll needs {MIN_OPTIONS} to {MAX_OPTIONS} options (voted with keys 1-9), "
                f"got {len(node.items)}",
            )
            ok = False
        return (tuple(texts), tuple(explicit)) if ok else None

    @staticmethod
    def is_option_spec(item: Mapping) -> bool:
        """Whether a mapping in options: is ``{id: ..., text: ...}``.

        A one-line ``{...}`` without those keys stays text as typed, like
        every other text field.
        """
        if not (item.flow and item.line == item.end_line):
            return True
        return any(isinstance(key, Scalar) and key.value in OPTION_KEYS for key, _ in item.pairs)

    def option_spec(self, item: Mapping, number: int) -> tuple[str | None, str | None, Node] | None:
        """``(text, id, node of the id)`` of an option written as a mapping."""
        before = len(self.problems)
        fields = self.pairs(item, OPTION_KEYS, f"in option {number}")
        if len(self.problems) > before:
            return None
        if "text" not in fields:
            self.problem(
                item,
                f"option {number} needs text: what the audience sees, for example  "
                "- {id: open, text: Åpen innovasjon}",
            )
            return None
        text = self.text_of(fields["text"][1], "text")
        if "id" not in fields:
            return text, None, item
        id_node = fields["id"][1]
        written = self.text_of(id_node, "id")
        if written is None:
            return None
        option_id = written.strip()
        if not option_id:
            self.problem(id_node, "id must not be empty; leave it out to use one made from the text")
            return None
        if len(option_id) > MAX_OPTION_ID:
            self.problem(id_node, f"an option id is at most {MAX_OPTION_ID} characters, got {len(option_id)}")
            return None
        return text, option_id, id_node

    def poll_id(
        self, fields: dict[str, tuple[Node, Node]], question: str, number: int, key: Node
    ) -> str | None:
        where: Node = key
        if "id" in fields:
            node = fields["id"][1]
            text = self.text_of(node, "id")
            if text is None:
                return None
            if not text.strip():
                self.problem(node, "id must not be empty; leave it out to use one made from the question")
                return None
            poll_id, where = text.strip(), node
        else:
            poll_id = slug(question) or f"poll-{number}"
        if poll_id in self.poll_ids:
            line, _ = self.poll_ids[poll_id]
            self.problem(
                where,
                f"poll id {poll_id!r} is already used by the poll on line {line}; "
                "give each poll its own id:",
            )
            return None
        self.poll_ids[poll_id] = (where.line, where.column)
        return poll_id
