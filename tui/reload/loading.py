"""Load the deck (and its theme) again after a save, never raising.

:func:`load_again` reads the deck file as the presenter named it, validates
it exactly as ``podium`` does at start (its ``theme:`` included, unless
``--theme`` overrides it) and returns either the new deck and theme or every
problem as a ``FILE:LINE:COL: message`` line. It also says which files the
deck uses now (the deck and its theme file), so the watcher follows a
``theme:`` that names another file.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from tui.regular_file import read_regular
from tui.reload.theme_source import DEFAULT_THEME, theme_file
from tui.theme_problems import deck_error_problems, deck_theme_problem

if TYPE_CHECKING:
    from textual.theme import Theme

    from tui.deck.model import Deck


@dataclass(frozen=True)
class Loaded:
    """What one reading of the deck gave.

    Attributes:
        deck: The new deck, or None when it has problems.
        theme: Its theme (``--theme``, else the deck's, else ``ks``), or None.
        problems: Every problem, as ``FILE:LINE:COL: message``; empty when good.
        files: The files the deck uses: the deck, and its theme file when the
            theme comes from one (also when the deck is broken: the last
            theme file known is the caller's to keep watching).
        text: The deck's text as read (empty when it could not be read).
        revision: A checksum of the deck's text and its theme file's bytes
            (CRC-32, and the deck's length): equal revisions show the same thing.
    """

    deck: Deck | None
    theme: Theme | None
    problems: list[str] = field(default_factory=list)
    files: tuple[Path, ...] = ()
    text: str = ""
    revision: str = ""


def load_again(deck_path: str, theme_arg: str | None) -> Loaded:
    """Read and check the deck file and its theme, as at start.

    Args:
        deck_path: The deck file, as the presenter named it.
        theme_arg: ``--theme NAME|PATH``, or None for the deck's own.

    Returns:
        The deck and theme, or the problems (never raises for bad input).
    """
    # Imported with the first save, not when the watch starts: the loader
    # brings PyYAML and the checker (about 2 MB) into a talk that may never
    # be edited while presented.
    from tui.deck import DeckError
    from tui.deck.loader import load_deck_text
    from tui.deck.yaml_source import read_file
    from tui.themes import ThemeError, resolve_theme

    deck_file = Path(deck_path)
    try:
        text = read_file(deck_path)
    except DeckError as error:
        return Loaded(None, None, [str(problem) for problem in error.problems], (deck_file,))
    data = text.encode("utf-8", "surrogatepass")
    try:
        deck = load_deck_text(text, deck_path)
    except DeckError as error:
        lines = deck_error_problems(error) if not theme_arg else [str(p) for p in error.problems]
        known = [deck_file]
        if error.theme is not None and not theme_arg:
            found = theme_file(error.theme[0], deck_file.parent)
            known += [found] if found is not None else []
        return Loaded(None, None, lines, tuple(known), text)
    name = theme_arg or deck.theme or DEFAULT_THEME
    source = theme_file(name, deck_file.parent)
    files: tuple[Path, ...] = (deck_file, source) if source is not None else (deck_file,)
    try:
        theme = resolve_theme(name, deck_file.parent)
    except ThemeError as error:
        located = None if theme_arg else deck_theme_problem(deck)  # at the theme: line
        return Loaded(None, None, [str(located or error)], files, text)
    revision = zlib.crc32(data)
    if source is not None:
        try:
            revision = zlib.crc32(read_regular(source), revision)
        except OSError:
            pass
    return Loaded(deck, theme, [], files, text, f"{revision:08x}-{len(data)}")
