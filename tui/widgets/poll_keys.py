"""The presenter's poll keys a poll's summary line names (:class:`PollKeys`).

A module of its own so that the presenter's key list (built at start-up)
does not import the poll view, which the first slide seldom shows.
"""

from __future__ import annotations

from typing import NamedTuple


class PollKeys(NamedTuple):
    """The presenter's keys a poll's summary line names, as the bindings give them.

    Attributes:
        chart: Shows or hides the bar chart (``r``).
        close: Closes or reopens the poll (``c``).
    """

    chart: str
    close: str
