"""The deck's checks of a slide's poll: question, options, ids, results.

Imports no Textual.
"""

from __future__ import annotations

import difflib
import re

from tui.deck.fields import DeckFields
from tui.deck.model import Poll, ResultsMode
from tui.deck.poll_options import MAX_OPTION_ID, derive_option_ids
from tui.deck.schema import MAX_OPTIONS, MIN_OPTIONS, OPTION_KEYS, POLL_KEYS, RESULTS_MODES
from tui.deck.slug import slug
from tui.yamlcheck.nodes import Mapping, Node, Scalar, Sequence, describe


class PollChecks(DeckFields):
    """Checks of ``poll:`` on a slide, building :class:`~tui.deck.model.Poll`.

    Attributes:
        poll_ids: Poll ids given so far, with the line and column of each.
    """

    def __init__(self, text: str, path: str) -> None:
        super().__init__(text, path)
        self.poll_ids: dict[str, tuple[int, int]] = {}
        self.lang = ""
        """The deck's ``lang:`` as written (read before its slides), given to each poll."""

    def poll(self, pair: tuple[Node, Node], number: int, title: str | None) -> Poll | None:
        """The slide's poll, or None after reporting what is wrong with it.

        Args:
            pair: The ``poll:`` key and its value.
            number: The slide's number (1-based), for messages.
            title: The slide's title, the question when the poll gives none;
                None when the title was rejected (already reported: the
                poll then says nothing more about its question).
        """
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
        if question is None:
            ok = False  # the title's problem is reported
        elif ok and not question.strip():
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
        poll_id = None
        if question is not None or "id" in fields:  # else no id to make: the title was rejected
            poll_id = self.poll_id(fields, question or "", number, key)
        if poll_id is None or not ok or options is None or question is None:
            return None
        texts, explicit = options
        return Poll(
            id=poll_id,
            question=question,
            options=texts,
            option_ids=derive_option_ids(poll_id, texts, explicit),
            multiple=multiple,
            results=results,
            lang=self.lang,
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
            stripped = text.strip()
            if not stripped:
                self.problem(item, f"option {number} is empty; every option needs text")
                ok = False
                continue
            folded = stripped.casefold()
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
            self.problem(
                id_node, "id must not be empty; leave it out to use one made from the text"
            )
            return None
        if len(option_id) > MAX_OPTION_ID:
            self.problem(
                id_node, f"an option id is at most {MAX_OPTION_ID} characters, got {len(option_id)}"
            )
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
                self.problem(
                    node, "id must not be empty; leave it out to use one made from the question"
                )
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
