"""Problems found in a deck file, in the ``FILE:LINE:COL: message`` form.

:class:`Problem` is the one type shared with themes (it lives in
:mod:`tui.yamlcheck.problems`); :class:`DeckError` carries a deck's problems.
"""

from __future__ import annotations

from tui.yamlcheck.problems import Problem, ProblemsError

__all__ = ["DeckError", "Problem"]


class DeckError(ProblemsError):
    """A deck could not be loaded; carries every problem found.

    Attributes:
        problems: At least one :class:`Problem`, in file order.
        theme: The deck's ``theme:`` as written with the 1-based (line,
            column) of its value, when the file got that far; lets
            ``podium check`` check the theme (which needs Textual) and
            report it together with these problems. None otherwise.
    """

    def __init__(self, problems: list[Problem], theme: tuple[str, int, int] | None = None) -> None:
        super().__init__(problems)
        self.theme = theme
