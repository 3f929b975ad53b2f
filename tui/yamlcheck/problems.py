"""Problems found in a file, in the ``FILE:LINE:COL: message`` form.

Imports nothing beyond the standard library and :mod:`tui.safe_text`, so any
module may use it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tui.safe_text import one_line, printable


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a deck or theme file.

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
        # Path and message may quote the file: never a control sequence.
        return (
            f"{one_line(self.path)}:{self.line or 1}:{self.column or 1}: {printable(self.message)}"
        )


class ProblemsError(Exception):
    """A file could not be used; carries every problem found.

    Attributes:
        problems: At least one :class:`Problem`, in file order.
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))
