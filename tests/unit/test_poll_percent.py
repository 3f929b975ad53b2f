"""The one percentage rule: equal counts show equal figures, in every view and export."""

from __future__ import annotations

import csv
import io
import json

from hypothesis import given
from hypothesis import strategies as st

from tui.deck.model import Poll
from tui.polls.export import PollReport, render
from tui.polls.model import PollResults
from tui.polls.percent import percentages

counts_lists = st.lists(st.integers(min_value=0, max_value=500), min_size=1, max_size=9)


@st.composite
def counts_and_voters(draw: st.DrawFn) -> tuple[list[int], int]:
    """Counts of a single-choice (voters = sum) or multiple-choice poll."""
    counts = draw(counts_lists)
    if draw(st.booleans()):
        return counts, sum(counts)
    # Several choices each: at least as many voters as the largest count.
    return counts, draw(st.integers(min_value=max(counts), max_value=max(counts) + 500))


@given(counts_and_voters())
def test_equal_counts_show_equal_percentages(case: tuple[list[int], int]) -> None:
    counts, voters = case
    shown = percentages(counts, voters)
    for a, count_a in enumerate(counts):
        for b, count_b in enumerate(counts):
            if count_a == count_b:
                assert shown[a] == shown[b]


@given(counts_and_voters())
def test_percentages_are_within_0_and_100(case: tuple[list[int], int]) -> None:
    counts, voters = case
    shown = percentages(counts, voters)
    assert len(shown) == len(counts)
    assert all(0 <= value <= 100 for value in shown)
    # 0 % and 100 % say "nobody" and "everybody", nothing else.
    for count, value in zip(counts, shown):
        assert (value == 0) == (count == 0 or voters == 0)
        assert (value == 100) == (voters > 0 and count == voters)


@given(counts_and_voters())
def test_percentages_are_monotone_in_the_count(case: tuple[list[int], int]) -> None:
    counts, voters = case
    shown = percentages(counts, voters)
    for a, count_a in enumerate(counts):
        for b, count_b in enumerate(counts):
            if count_a < count_b:
                assert shown[a] <= shown[b]


@given(st.integers(min_value=1, max_value=2000))
def test_percentages_round_half_up_from_the_exact_share(voters: int) -> None:
    shown = percentages(range(voters + 1), voters)
    for count, value in enumerate(shown):
        exact = 100 * count / voters
        if 0 < count < voters:
            assert abs(value - exact) <= 0.5 or value in (1, 99)
        if 1 <= exact <= 99 and (200 * count) % voters:
            # Not a tie: the nearest whole number.
            assert value == round(exact)


def test_known_figures() -> None:
    # The figures a presenter saw disagree: 1 vote of 13 was 8 % beside 7 %.
    assert percentages((3, 1, 2, 1, 1, 1, 4), 13) == (23, 8, 15, 8, 8, 8, 31)
    assert percentages((1, 1, 6), 8) == (13, 13, 75)  # 12.5 rounds up; sums to 101
    assert percentages((1, 1, 1), 3) == (33, 33, 33)  # sums to 99
    assert percentages((1, 199), 200) == (1, 99)  # never 0 % or 100 % for some
    assert percentages((0, 0), 0) == (0, 0)
    assert percentages((2, 1), 2) == (100, 50)  # multiple choice: of voters


POLL = Poll(id="p", question="Which?", options=("a", "b", "c", "d", "e", "f", "g"))
RESULTS = PollResults(POLL, (3, 1, 2, 1, 1, 1, 4), voters=13)


def test_every_export_shows_the_same_percentages() -> None:
    reports = [PollReport(RESULTS, ())]
    expected = list(RESULTS.percentages())
    assert expected == [23, 8, 15, 8, 8, 8, 31]

    reader = csv.DictReader(io.StringIO(render(reports, "csv", "s")))
    rows = [row for row in reader if row["record"] == "total"]
    assert [int(row["percent"]) for row in rows] == expected

    document = json.loads(render(reports, "json", "s"))
    assert [option["percent"] for option in document["polls"][0]["options"]] == expected

    table = render(reports, "table", "s").splitlines()
    figures = [
        line.split()[-1] for line in table if line.startswith("  ") and line.split()[0] in POLL.options
    ]
    assert figures == [f"{value}%" for value in expected]
