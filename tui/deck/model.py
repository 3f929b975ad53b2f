"""The deck model: plain, immutable, typed data. Imports no Textual.

A :class:`Deck` is what :func:`tui.deck.load_deck` returns after a deck file
has been read and validated. Every text field holds exactly what the author
typed (see DESIGN.md, "What the author typed is what the audience sees"):
the loader never lets YAML 1.1 turn ``No`` into ``False`` or ``1.10`` into
``1.1``, and nothing here is Rich markup.
"""

from __future__ import annotations

from enum import Enum

import msgspec

from tui.deck.poll_options import derive_option_ids
from tui.lazy_re import LazyPattern

DEFAULT_WIDTH = 90
"""The default measure (``width:``): a readable line on a projector, in cells."""

MIN_WIDTH, MAX_WIDTH = 30, 1000
"""The measures a deck may set (``width:``), in cells."""


class Layout(str, Enum):
    """How a slide is laid out on screen."""

    TITLE = "title"
    """Centred title and subtitle: the opening slide."""
    SECTION = "section"
    """Centred title that opens a part of the talk."""
    CONTENT = "content"
    """Title and a Markdown body (the default)."""
    QUOTE = "quote"
    """A centred quotation (``body``) with an optional ``attribution``."""
    COLUMNS = "columns"
    """Title and two or more Markdown columns side by side."""
    POLL = "poll"
    """A live poll; inferred from a ``poll:`` key."""


class ResultsMode(str, Enum):
    """When a poll's bar chart is on the presenter's screen."""

    ON_REVEAL = "on_reveal"
    """Hidden until the presenter reveals it (``r``): the default."""
    LIVE = "live"
    """Shown from the start, growing as votes arrive."""


class Poll(msgspec.Struct, frozen=True, kw_only=True):
    """A question the audience votes on.

    Attributes:
        id: Stable identifier for stored votes; unique within the deck.
        question: The question shown on screen.
        options: The choices' texts, in order; 2 to 9 of them (keys ``1``-``9``).
        option_ids: Stable id of each option, parallel to ``options``: given
            in the deck or derived from the option text (see
            :func:`tui.deck.poll_options.derive_option_ids`). Votes are
            stored against these, so a renamed or removed option never
            inherits another option's votes. Empty means "derive them".
        multiple: Whether a voter may choose several options.
        results: When the presenter's screen shows the bar chart.
        lang: The language of the deck it belongs to (its ``lang:`` as
            written), so a voter's screen, which knows the poll but not the
            deck, speaks the talk's language.
    """

    id: str
    question: str
    options: tuple[str, ...]
    option_ids: tuple[str, ...] = ()
    multiple: bool = False
    results: ResultsMode = ResultsMode.ON_REVEAL
    lang: str = ""

    @property
    def ids(self) -> tuple[str, ...]:
        """Option ids parallel to :attr:`options` (derived when not given)."""
        if len(self.option_ids) == len(self.options):
            return self.option_ids
        return derive_option_ids(self.id, self.options)


class Slide(msgspec.Struct, frozen=True, kw_only=True):
    """One slide of a deck.

    Attributes:
        id: The slide's stable name (``id:``), unique in the deck, or empty:
            a live reload keeps the presenter on the slide with this id.
        layout: How the slide is laid out.
        title: The slide's title (may be empty for a quote slide).
        subtitle: Shown under the title on title and section slides.
        body: Markdown source of the slide body.
        columns: Markdown source of each column (layout ``columns``).
        attribution: Who said it (layout ``quote``).
        image: The picture shown on the slide (``image:``), its path as typed.
        image_files: Every picture of the slide (``image:`` and the
            ``![alt](file)`` references in ``body``) as ``(path as typed,
            absolute path)``, checked by the loader; empty on a slide without
            pictures, so a deck without any never loads the image renderer.
        notes: Speaker notes, plain text or Markdown; with step notes,
            the block shown before any reveal step.
        step_notes: Notes tied to reveal steps: item ``k - 1`` is what to
            say when step ``k`` is revealed (at most :attr:`steps` items).
        time: Time budget of the slide in seconds (``time:``), or None.
        reveal: When true, top-level list items of ``body`` appear one
            keypress at a time (incremental reveal).
        poll: The poll shown on this slide, if any.
        meta: Whether the deck's author, event and date are shown on the
            slide (``meta:``); None means only on title slides.
        line: 1-based line of the slide in the deck file, for messages.
    """

    id: str = ""
    layout: Layout = Layout.CONTENT
    title: str = ""
    subtitle: str = ""
    body: str = ""
    columns: tuple[str, ...] = ()
    attribution: str = ""
    image: str = ""
    image_files: tuple[tuple[str, str], ...] = ()
    notes: str = ""
    step_notes: tuple[str, ...] = ()
    time: float | None = None
    reveal: bool = False
    poll: Poll | None = None
    meta: bool | None = None
    line: int = 0

    @property
    def shows_meta(self) -> bool:
        """Whether the deck's author, event and date are on this slide."""
        return self.layout is Layout.TITLE if self.meta is None else self.meta

    @property
    def steps(self) -> int:
        """Number of reveal steps after the first view (0 without ``reveal``).

        With ``reveal: true`` each top-level list item of the body is one
        step; step 0 shows everything before the first item.
        """
        if not self.reveal:
            return 0
        return len(reveal_blocks(self.body)) - 1

    def body_at_step(self, step: int) -> str:
        """Markdown of the body as shown after ``step`` reveal steps.

        Args:
            step: 0 to :attr:`steps`; values past the end show everything.

        Returns:
            The Markdown source with later list items left out.
        """
        if not self.reveal:
            return self.body
        blocks = reveal_blocks(self.body)
        return "".join(blocks[: step + 1]).rstrip("\n") + "\n"


class Deck(msgspec.Struct, frozen=True, kw_only=True):
    """A validated deck.

    Attributes:
        slides: The slides, in order; never empty.
        title: Title of the talk.
        author: Speaker's name.
        event: Where the talk is given.
        date: The date exactly as written (not parsed).
        theme: Theme name or path as written in the deck, or None.
        theme_at: 1-based (line, column) of the ``theme:`` value, for
            messages about it; (0, 0) when the deck names no theme.
        duration: Target length of the talk in seconds, or None.
        width: The widest a line of slide text runs, in cells (``width:``):
            text is kept to this measure and centred on wider terminals.
        lang: The talk's language as written (a BCP 47 tag such as ``nb``),
            or "" for none (English). It picks the words of every screen
            (see :func:`tui.i18n.match_language`).
        lang_at: 1-based (line, column) of the ``lang:`` value, for
            messages about it; (0, 0) when the deck names no language.
        source: Path of the deck file as given (for messages and the store).
    """

    slides: tuple[Slide, ...]
    title: str = ""
    author: str = ""
    event: str = ""
    date: str = ""
    theme: str | None = None
    theme_at: tuple[int, int] = (0, 0)
    duration: float | None = None
    width: int = DEFAULT_WIDTH
    lang: str = ""
    lang_at: tuple[int, int] = (0, 0)
    source: str = ""

    @property
    def polls(self) -> tuple[Poll, ...]:
        """Every poll in the deck, in slide order."""
        return tuple(slide.poll for slide in self.slides if slide.poll is not None)


def meta_lines(deck: Deck | None) -> tuple[str, str]:
    """The deck's author, and its event and date joined by " · " (each may be empty).

    Args:
        deck: The deck, or None (no author, no event, no date).

    Returns:
        ``(author, "event · date")``, stripped; "" for what the deck lacks.
    """
    if deck is None:
        return "", ""
    return deck.author.strip(), " · ".join(
        part for part in (deck.event.strip(), deck.date.strip()) if part
    )


def slide_meta(deck: Deck | None, slide: Slide) -> tuple[str, str]:
    """What ``slide`` shows of its deck's author, event and date, everywhere.

    The one rule for the terminal and every export: a title slide shows
    them unless ``meta: false``; ``meta: true`` shows them on any slide
    (:attr:`Slide.shows_meta`).

    Args:
        deck: The slide's deck, or None (nothing shown).
        slide: The slide.

    Returns:
        :func:`meta_lines` of the deck, or ``("", "")`` where the slide shows none.
    """
    return meta_lines(deck) if slide.shows_meta else ("", "")


# A top-level list item: a bullet or number at column 0.
_TOP_ITEM = LazyPattern(r"^(?:[-*+]|\d+[.)])[ \t]")


def reveal_blocks(body: str) -> list[str]:
    """Split Markdown into the text before the first top-level list item,
    then one chunk per top-level item (with its nested lines).

    Args:
        body: Markdown source.

    Returns:
        A list of at least one string; joining it gives ``body`` back.
        Fenced code blocks are never split.
    """
    blocks: list[str] = [""]
    in_fence = False
    for line in body.splitlines(keepends=True):
        stripped = line.lstrip()
        if stripped.startswith(("```", "~~~")):
            in_fence = not in_fence
        if not in_fence and _TOP_ITEM.match(line):
            blocks.append(line)
        else:
            blocks[-1] += line
    return blocks


_DURATION = LazyPattern(r"^\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?\s*(?:(\d+)\s*s)?\s*$")


def parse_duration(text: str) -> float:
    """Parse a duration such as ``20m``, ``1h 30m``, ``90s`` or ``45``.

    A bare number means minutes, as presenters say "a 45 talk" rarely but
    write ``duration: 45`` often.

    Args:
        text: The duration as written.

    Returns:
        Seconds, greater than zero.

    Raises:
        ValueError: The text is not a duration, or is zero.
    """
    stripped = text.strip()
    if stripped.isdigit():
        seconds = int(stripped) * 60.0
    else:
        match = _DURATION.match(stripped)
        if not match or not any(match.groups()):
            raise ValueError(f"not a duration: {text!r} (write e.g. 20m, 1h 30m or 90s)")
        hours, minutes, secs = (int(group or 0) for group in match.groups())
        seconds = hours * 3600.0 + minutes * 60.0 + secs
    if seconds <= 0:
        raise ValueError(f"duration must be more than zero: {text!r}")
    return seconds
