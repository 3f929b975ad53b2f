"""What every ``podium`` subcommand shares: exit codes, messages, the deck.

Subcommands import this module and the layers below (deck, polls, audience,
rehearsal, app, terminal), never one another. Messages go to standard error
through :func:`tui.safe_text.printable`, so a file name or a YAML value
never reaches the terminal as a control sequence.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tui.exit_codes import EXIT_BAD_INPUT
from tui.safe_text import printable
from tui.theme_problems import deck_error_problems, deck_theme_problem, theme_problem

if TYPE_CHECKING:
    from tui.deck import Deck, Problem

__all__ = [  # the deck's theme problems live in tui.theme_problems (live reload uses them too)
    "deck_error_problems",
    "deck_theme_problem",
    "theme_problem",
]

DECK_HELP = "deck file (default: ./slides.yaml, else the bundled talk)"
"""``--help`` text of the DECK argument of the commands that read a deck."""

NO_RELOAD_HELP = (
    "do not show the deck again when its file (or its theme file) is saved; "
    "by default a save shows within a moment, on the same slide"
)
"""``--help`` text of ``--no-reload`` (``podium`` and ``podium rehearse``)."""


class BadInput(Exception):
    """Input that cannot be used; :func:`fail` prints it.

    Args:
        lines: The problems, one message (often ``FILE:LINE:COL: ...``) each.
    """

    def __init__(self, lines: Sequence[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = list(lines)


def write_report(text: str, fmt: str) -> None:
    """Write a command's report to standard output in its format.

    CSV and JSON are machine formats: they are written as UTF-8 bytes
    whatever the locale (``LC_ALL=C`` included), so a spreadsheet or a
    script gets every name intact. A table is for people and goes through
    the text stream, whose locale-safe ``?`` stands in for what the
    terminal cannot show.

    Args:
        text: The report, already made printable
            (:func:`tui.safe_text.printable_output`).
        fmt: ``table``, ``csv`` or ``json``.
    """
    buffer = getattr(sys.stdout, "buffer", None)
    if fmt in ("csv", "json") and buffer is not None:
        sys.stdout.flush()
        buffer.write(text.encode("utf-8", "surrogateescape"))
        buffer.flush()
    else:
        sys.stdout.write(text)


def warn(line: str) -> None:
    """Print one message to standard error, its control characters made visible."""
    print(printable(line), file=sys.stderr)


def fail(lines: Sequence[str]) -> int:
    """Print problems to standard error (made safe) and return :data:`EXIT_BAD_INPUT`.

    Args:
        lines: The messages, one per line.

    Returns:
        :data:`EXIT_BAD_INPUT`, to return as the command's exit status.
    """
    for line in lines:
        warn(line)
    return EXIT_BAD_INPUT


def default_deck_path() -> Path:
    """``./slides.yaml`` if present, else the bundled default deck."""
    local = Path("slides.yaml")
    if local.is_file():
        return local
    from tui.paths import bundled_deck

    return bundled_deck()


def load_deck(deck_arg: str | None) -> Deck:
    """Load the deck named on the command line, else the default deck.

    Args:
        deck_arg: DECK as given, or None for :func:`default_deck_path`.

    Raises:
        tui.deck.DeckError: The deck cannot be read or is not valid.
    """
    from tui.deck import load_deck as load

    return load(deck_arg if deck_arg is not None else default_deck_path())


def _kept_deck(path: str | Path) -> Deck | None:
    """The deck kept from a clean check of the file's very bytes, or None.

    See :mod:`tui.checked_cache`: such a deck is not parsed again (no
    PyYAML, no loader at start-up).
    """
    from tui.checked_cache import lookup, read_source
    from tui.deck.model import Deck

    name = os.fsdecode(os.fspath(path))
    source = read_source(name)
    return None if source is None else lookup("deck", name, source, Deck)


def _checked_deck(path: str | Path, theme: str | None) -> Deck:
    """:func:`tui.deck.load_deck`, keeping a clean deck for the next start.

    A deck with problems is never kept, so its messages are always the
    loader's own; nor is a deck with pictures (its check reads other files).

    Args:
        path: The deck file.
        theme: ``--theme``, or None: the deck's ``theme:`` is then checked
            with its other problems.

    Raises:
        BadInput: The deck's problems (with its ``theme:`` unless
            ``--theme`` overrides it).
    """
    from tui.checked_cache import keep, read_source
    from tui.deck import DeckError, load_deck_text
    from tui.deck import load_deck as load

    name = os.fsdecode(os.fspath(path))
    source = read_source(name)
    try:
        # Missing, a folder, too big ...: the loader reads it and words it.
        deck = load(name) if source is None else load_deck_text(source, name)
    except DeckError as error:
        # --theme replaces the deck's theme: a bad ``theme:`` line is no problem then.
        lines = deck_error_problems(error) if not theme else [str(p) for p in error.problems]
        raise BadInput(lines) from None
    if source is not None and not any(slide.image or slide.image_files for slide in deck.slides):
        keep("deck", name, source, deck)
    return deck


def lang_warning(deck: Deck) -> Problem | None:
    """The deck's ``lang:`` as a located warning, if Podium has no words for it.

    The talk is then shown in English; ``podium check`` prints this and
    still succeeds.

    Returns:
        None when the deck names no language or one Podium speaks (see
        :func:`tui.i18n.match_language`); else a :class:`tui.deck.Problem`
        at the ``lang:`` value.
    """
    from tui.i18n import language_names, match_language

    if not deck.lang or match_language(deck.lang) is not None:
        return None
    from tui.deck import Problem

    line, column = deck.lang_at
    return Problem(
        deck.source,
        line,
        column,
        f"warning: Podium has no words for the language {deck.lang!r}, so the talk's "
        f"screens will be in English; lang: takes a BCP 47 tag of one of: {language_names()}",
    )


def deck_to_present(deck_arg: str | None, theme: str | None) -> Deck:
    """Load a deck to present with ``--theme`` (or its own theme) checked.

    Every problem with the deck and its theme is found here, before any
    store or terminal is touched.

    Args:
        deck_arg: DECK as given, or None for the default deck.
        theme: ``--theme NAME|PATH``, or None for the deck's own.

    Raises:
        BadInput: The deck's problems (with its ``theme:`` unless
            ``--theme`` overrides it), or the ``--theme`` problem.
    """
    path = deck_arg if deck_arg is not None else default_deck_path()
    deck = _kept_deck(path)  # a deck that checked clean before: no loader at all
    if deck is None:
        deck = _checked_deck(path, theme)
    problem = None if theme else deck_theme_problem(deck)
    if problem is not None:
        raise BadInput([str(problem)])
    if theme:
        from tui.themes import ThemeError, resolve_theme

        try:
            resolve_theme(theme, Path(deck.source).parent if deck.source else None)
        except ThemeError as error:
            raise BadInput([str(error)]) from None
    return deck
