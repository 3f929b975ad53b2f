"""Problems found in a deck file, in the ``FILE:LINE:COL: message`` form."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a deck file.

    Attributes:
        path: The file as the user named it.
        line: 1-based line, or 0 when the problem is the whole file
            (printed as line 1).
        column: 1-based column, or 0 when unknown (printed as column 1).
        message: What is wrong and, where possible, how to fix it.
    """

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        # Always FILE:LINE:COL, so editors and CI can parse every message;
        # a problem with the whole file (missing, empty, too big) is at 1:1.
        return f"{self.path}:{self.line or 1}:{self.column or 1}: {self.message}"


class DeckError(Exception):
    """A deck could not be loaded; carries every problem found.

    Attributes:
        problems: At least one :class:`Problem`, in file order.
        theme: The deck's ``theme:`` as written with the 1-based (line,
            column) of its value, when the file got that far; lets
            ``podium check`` check the theme (which needs Textual) and
            report it together with these problems. None otherwise.
    """

    def __init__(self, problems: list[Problem], theme: tuple[str, int, int] | None = None) -> None:
        self.problems = problems
        self.theme = theme
        super().__init__("\n".join(str(problem) for problem in problems))
