"""What a voter's name may be: the one rule for ``podium vote`` and the store.

A voter's name is shown on the presenter's machine (``podium results``, the
voter's own screen) and written to CSV and JSON exports, so it is kept to
one short line of printable text. Imports no Textual.
"""

from __future__ import annotations

from tui.safe_text import CONTROL

WEB_PREFIX = "web:"
"""Voter ids of votes from the phone page (``podium --serve``) start with this."""

MAX_VOTER_NAME = 64
"""Most characters in a voter's name."""


def voter_name_problem(name: str) -> str | None:
    """Why ``name`` cannot be a voter's name, or None when it can.

    Args:
        name: The name exactly as given (it is never stripped).

    Returns:
        One sentence saying what is wrong (without naming the value, which
        may hold control characters), or None.
    """
    if not name.strip():
        return "a voter name must not be empty"
    bad = CONTROL.search(name)
    if bad is None and name != name.strip(" "):
        return "a voter name must not begin or end with a space"
    if len(name) > MAX_VOTER_NAME:
        return f"a voter name is at most {MAX_VOTER_NAME} characters, got {len(name)}"
    if bad is not None:
        char = bad.group()
        if char in "\r\n\u2028\u2029\x85":
            what = "a line break"
        else:
            what = f"the control character U+{ord(char):04X}"
        return (
            f"a voter name must be one line of printable text, but it holds {what} "
            f"at character {bad.start() + 1}"
        )
    return None
