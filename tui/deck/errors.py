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
    """
