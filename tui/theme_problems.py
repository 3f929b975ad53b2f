"""A deck's ``theme:`` checked, its problems placed at the ``theme:`` line.

The loader cannot check a theme (themes need Textual): these functions add
a bad ``theme:`` to a deck's problems, for ``podium``, ``podium check`` (through
:mod:`tui.cli.common`) and live reload (:mod:`tui.reload.loading`). Imports
Textual only when a theme is checked.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.deck import Deck, DeckError, Problem


def theme_problem(source: str, theme: str | None, at: tuple[int, int]) -> Problem | None:
    """A deck's ``theme:`` as a located problem, if it names no usable theme.

    Args:
        source: The deck file as the user named it; a theme path is
            relative to its folder.
        theme: The ``theme:`` value as written, or None.
        at: 1-based (line, column) of the ``theme:`` value.

    Returns:
        None when there is no theme or the theme loads; else a
        :class:`tui.deck.Problem` at the ``theme:`` value.
    """
    if not theme:
        return None
    from tui.themes import ThemeError, resolve_theme

    try:
        resolve_theme(theme, Path(source).parent)
    except ThemeError as error:
        from tui.deck import Problem

        line, column = at
        return Problem(source, line, column, f"theme: {error}")
    return None


def deck_theme_problem(deck: Deck) -> Problem | None:
    """The deck's ``theme:`` as a located problem, if it names no usable theme.

    Returns:
        None when the deck names no theme or a theme that loads; else a
        :class:`tui.deck.Problem` at the ``theme:`` value.
    """
    return theme_problem(deck.source, deck.theme, deck.theme_at)


def deck_error_problems(error: DeckError) -> list[str]:
    """Every problem of a deck that did not load, its ``theme:`` included.

    The loader cannot check a theme (themes need Textual), so a bad theme is
    added here and the whole list is sorted by line and column again; a
    trailing "... more problems" line stays last.

    Returns:
        The problems as ``FILE:LINE:COL: message`` lines.
    """
    problems = list(error.problems)
    if error.theme is not None:
        theme, line, column = error.theme
        source = problems[0].path if problems else ""
        problem = theme_problem(source, theme, (line, column))
        if problem is not None:
            tail = [p for p in problems if p.line == 0 and p.message.startswith("... and ")]
            problems = [p for p in problems if p not in tail] + [problem]
            problems.sort(key=lambda p: (p.line, p.column))
            problems += tail
    return [str(problem) for problem in problems]
