"""Whole percentages of a poll's votes: the one rule every view and export uses.

The presenter's chart, the audience view, the voter's screen and
``podium results`` (table, CSV, JSON) all call :func:`percentages`, so the
same counts show the same figures everywhere. Imports neither Textual nor
SQLite.
"""

from __future__ import annotations

from collections.abc import Sequence


def percentages(counts: Sequence[int], voters: int) -> tuple[int, ...]:
    """Whole percentages of ``voters`` per option, as shown on screen.

    The rule, per option and from the exact counts alone (never from the
    other options' figures):

    - ``100 * count / voters`` rounded half up (12.5 % shows as 13 %),
      computed in integers so no float error can tip a tie;
    - 0 % only when nobody chose the option and 100 % only when everybody
      did: a share that rounds to 0 shows as 1 %, one that rounds to 100
      as 99 %.

    So equal counts always show equal percentages, a larger count never
    shows a smaller percentage, and every figure lies in 0-100. The price:
    the figures of a single-choice poll need not add up to exactly 100 (three
    options with one vote each show 33 % each, 99 % in all; 1 + 1 of 8 and
    6 of 8 show 13 + 13 + 75 = 101 %). With ``multiple: true`` the
    percentages are of voters, so they may add up to far more than 100.

    Args:
        counts: Votes per option.
        voters: Distinct voters with at least one counted vote (for a
            single-choice poll, the sum of ``counts``). A count above it is
            taken as all voters.

    Returns:
        One whole percentage (0-100) per count; all 0 when nobody voted.
    """
    if voters <= 0:
        return (0,) * len(counts)
    shown = []
    for count in counts:
        count = max(0, min(count, voters))
        value = (200 * count + voters) // (2 * voters)  # round half up
        if 0 < count < voters:
            value = min(max(value, 1), 99)
        shown.append(value)
    return tuple(shown)
