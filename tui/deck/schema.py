"""What a deck file may hold: one table of its fields. Imports no YAML.

Each mapping in a deck (the top, a slide, a poll, a poll option) has a table
of :class:`Field` entries: the key, the shape of its value, the words
allowed, its limits, its default and one sentence for the author. The
deck's checks (:mod:`tui.deck.fields`, :mod:`tui.deck.check_slides`,
:mod:`tui.deck.check_polls`, :mod:`tui.deck.loader`) read the keys and
limits from here, and the JSON Schema that editors use
(:mod:`tui.deck.json_schema`, ``podium schema``) is generated from the same
tables, so the two cannot drift apart. Adding a field is one entry here
(plus its attribute in :mod:`tui.deck.model` and, for a new shape, its
check).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from tui.deck.model import DEFAULT_WIDTH, Layout, ResultsMode
from tui.deck.poll_options import MAX_OPTION_ID
from tui.deck.slug import MAX_SLUG


class Kind(str, Enum):
    """The shape of a field's value, as the author writes it."""

    TEXT = "text"
    """Any single value, kept exactly as typed (``No`` stays ``No``)."""
    BOOLEAN = "boolean"
    """true or false (also yes/no, on/off, in any case)."""
    DURATION = "duration"
    """A length of time: ``20m``, ``1h 30m``, ``90s`` or a number of minutes."""
    CHOICE = "choice"
    """One of :attr:`Field.choices` (case and surrounding spaces ignored)."""
    TEXTS = "texts"
    """A list of texts."""
    NOTES = "notes"
    """A text, or a list of texts: one block, then one per reveal step."""
    SLIDES = "slides"
    """The list of slides (each a mapping of :data:`SLIDE_FIELDS`)."""
    POLL = "poll"
    """A mapping of :data:`POLL_FIELDS`."""
    OPTIONS = "options"
    """A list of choices: each a text or a mapping of :data:`OPTION_FIELDS`."""
    CELLS = "cells"
    """A whole number of terminal cells, from ``MIN_WIDTH`` to ``MAX_WIDTH``."""
    SLIDE_ID = "slide id"
    """A slug: lowercase ASCII letters, digits, ``-`` and ``_``."""
    IMAGE = "image"
    """A picture file's path, relative to the deck (never a web address)."""


@dataclass(frozen=True)
class Field:
    """One key a deck mapping may hold.

    Attributes:
        key: The key as written in the deck.
        kind: The shape of its value.
        description: One sentence for the author (editors show it).
        choices: The words allowed, for :attr:`Kind.CHOICE`.
        min_items: Fewest items of a list.
        max_items: Most items of a list.
        max_length: Most characters of a text.
        nonblank: The text must hold more than spaces.
        required: The key must be given.
        default: The value used when the key is left out (as the author
            would write it), or None when there is none to show.
    """

    key: str
    kind: Kind
    description: str
    choices: tuple[str, ...] = ()
    min_items: int | None = None
    max_items: int | None = None
    max_length: int | None = None
    nonblank: bool = False
    required: bool = False
    default: str | bool | None = None


RESULTS_MODES = tuple(mode.value for mode in ResultsMode)
LAYOUTS = tuple(layout.value for layout in Layout)

MIN_COLUMNS, MAX_COLUMNS = 2, 4
MIN_OPTIONS, MAX_OPTIONS = 2, 9
MAX_POLL_ID = MAX_SLUG
MAX_SLIDE_ID = MAX_SLUG
MAX_PROBLEMS = 100
"""Most problems listed for one file; the rest are counted."""

DECK_FIELDS: tuple[Field, ...] = (
    Field("title", Kind.TEXT, "Title of the talk."),
    Field("author", Kind.TEXT, "The speaker's name."),
    Field("event", Kind.TEXT, "Where the talk is given."),
    Field("date", Kind.TEXT, "The date of the talk, shown exactly as written."),
    Field(
        "lang",
        Kind.TEXT,
        "The talk's language as a BCP 47 tag (en, nb): the words of every screen the room sees.",
    ),
    Field(
        "theme",
        Kind.TEXT,
        "Theme name (ks, paper, terminal, contrast) or the path of a theme file, "
        "relative to the deck.",
    ),
    Field(
        "duration",
        Kind.DURATION,
        "Target length of the talk, such as 20m or 1h 30m (a bare number is minutes).",
    ),
    Field(
        "width",
        Kind.CELLS,
        f"The widest a line of slide text runs, in cells (default {DEFAULT_WIDTH}); "
        "wider terminals centre it.",
    ),
    Field(
        "slides",
        Kind.SLIDES,
        "The slides, in order: a list with at least one slide.",
        min_items=1,
        required=True,
    ),
)
"""The keys at the top of a deck."""

SLIDE_FIELDS: tuple[Field, ...] = (
    Field(
        "layout",
        Kind.CHOICE,
        "How the slide is laid out; inferred as columns or poll from those keys, else content.",
        choices=LAYOUTS,
        default=Layout.CONTENT.value,
    ),
    Field("title", Kind.TEXT, "The slide's title."),
    Field("subtitle", Kind.TEXT, "Shown under the title on title and section slides."),
    Field("body", Kind.TEXT, "The slide's body in Markdown (the quotation on a quote slide)."),
    Field(
        "columns",
        Kind.TEXTS,
        f"Markdown texts shown side by side, {MIN_COLUMNS} to {MAX_COLUMNS} of them "
        "(layout columns).",
        min_items=MIN_COLUMNS,
        max_items=MAX_COLUMNS,
    ),
    Field("attribution", Kind.TEXT, "Who said it, on a quote slide."),
    Field(
        "image",
        Kind.IMAGE,
        "A picture file (PNG, JPEG, GIF, ...) shown on the slide, relative to the deck; "
        "never a web address.",
    ),
    Field(
        "notes",
        Kind.NOTES,
        "Speaker notes: one text, or a list with a block before the first reveal step "
        "and then one block per step.",
    ),
    Field(
        "reveal",
        Kind.BOOLEAN,
        "Show the body's top-level list items one keypress at a time.",
        default=False,
    ),
    Field(
        "time",
        Kind.DURATION,
        "Time budget of the slide, such as 2m or 90s (a bare number is minutes).",
    ),
    Field("poll", Kind.POLL, "A live poll the audience votes on; makes this a poll slide."),
    Field(
        "meta",
        Kind.BOOLEAN,
        "Show the deck's author, event and date on this slide (on title slides by default).",
    ),
    Field(
        "id",
        Kind.SLIDE_ID,
        "Stable id of the slide, unique in the deck: live reload keeps your place by it.",
    ),
)
"""The keys of one slide."""

POLL_FIELDS: tuple[Field, ...] = (
    Field(
        "id",
        Kind.TEXT,
        "Stable id its votes are stored under, unique in the deck; made from the question "
        "when left out.",
        nonblank=True,
    ),
    Field(
        "question",
        Kind.TEXT,
        "The question on screen; the slide's title when left out.",
    ),
    Field(
        "options",
        Kind.OPTIONS,
        f"The {MIN_OPTIONS} to {MAX_OPTIONS} choices, voted with keys 1-{MAX_OPTIONS}: "
        "each a text or {id: ..., text: ...}.",
        min_items=MIN_OPTIONS,
        max_items=MAX_OPTIONS,
        required=True,
    ),
    Field(
        "multiple",
        Kind.BOOLEAN,
        "Whether a voter may choose several options.",
        default=False,
    ),
    Field(
        "results",
        Kind.CHOICE,
        "When the presenter's screen shows the chart: live (as votes arrive) or on_reveal "
        "(when the presenter presses r).",
        choices=RESULTS_MODES,
        default=ResultsMode.ON_REVEAL.value,
    ),
)
"""The keys of a slide's ``poll:``."""

OPTION_FIELDS: tuple[Field, ...] = (
    Field(
        "id",
        Kind.TEXT,
        "Stable id its votes are stored under, kept when the text changes.",
        max_length=MAX_OPTION_ID,
        nonblank=True,
    ),
    Field(
        "text",
        Kind.TEXT,
        "What the audience sees.",
        nonblank=True,
        required=True,
    ),
)
"""The keys of a poll option written as a mapping."""


def keys(fields: tuple[Field, ...]) -> tuple[str, ...]:
    """The keys of a table, in table order."""
    return tuple(field.key for field in fields)


def keys_of_kind(fields: tuple[Field, ...], kind: Kind) -> tuple[str, ...]:
    """The keys of a table whose values have one shape, in table order."""
    return tuple(field.key for field in fields if field.kind is kind)


DECK_KEYS = keys(DECK_FIELDS)
SLIDE_KEYS = keys(SLIDE_FIELDS)
POLL_KEYS = keys(POLL_FIELDS)
OPTION_KEYS = keys(OPTION_FIELDS)

EMPTY_DECK = (
    "the deck is empty; a deck needs at least `slides:` with one slide, "
    "for example:  slides: [{title: Hello}]"
)
