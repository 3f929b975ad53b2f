"""What a deck file may hold: its keys, layouts and limits. Imports no YAML.

Used by the deck's checks (:mod:`tui.deck.fields`, :mod:`tui.deck.check_slides`,
:mod:`tui.deck.check_polls`) and re-exported by :mod:`tui.deck.loader`.
"""

from __future__ import annotations

from tui.deck.model import Layout, ResultsMode
from tui.deck.slug import MAX_SLUG

DECK_KEYS = ("title", "author", "event", "date", "theme", "duration", "slides")
SLIDE_KEYS = (
    "layout",
    "title",
    "subtitle",
    "body",
    "columns",
    "attribution",
    "image",
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
MAX_POLL_ID = MAX_SLUG
MAX_PROBLEMS = 100
"""Most problems listed for one file; the rest are counted."""

EMPTY_DECK = (
    "the deck is empty; a deck needs at least `slides:` with one slide, "
    "for example:  slides: [{title: Hello}]"
)
