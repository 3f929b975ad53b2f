"""Replacing the deck under a running show (live reload), without Textual.

Where the presenter lands (by slide id, else title, else number), what is
kept (reveal step, timer, notes, charts and votes by poll id) and the one
change observers hear. The slide ``id:`` field's checks are here too.
"""

from __future__ import annotations

import pytest
from conftest import FixedClock
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.deck import DeckError, load_deck_text
from tui.deck.model import Deck
from tui.navigation import Position
from tui.pacing import TalkTimer, TimerState
from tui.polls.session import PollSession
from tui.polls.store import VoteStore
from tui.show import Change, Flag, Show
from tui.show.replace import carry_state, find_slide
from tui.show.state import ShowState


def deck(text: str) -> Deck:
    return load_deck_text(text, "talk.yaml")


ABC = deck(
    """
slides:
  - {title: Alpha}
  - {title: Bravo, reveal: true, body: "- one\\n- two\\n- three\\n"}
  - {title: Charlie}
"""
)


def titles(*names: str, ids: dict[str, str] | None = None) -> Deck:
    lines = ["slides:"]
    for name in names:
        slide_id = (ids or {}).get(name)
        lines.append(f"  - {{title: {name}" + (f", id: {slide_id}}}" if slide_id else "}"))
    return deck("\n".join(lines) + "\n")


def make_show(first: Deck, clock: FixedClock | None = None) -> tuple[Show, list[Change]]:
    show = Show(
        first,
        timer=TalkTimer(clock or FixedClock()),
        polls=PollSession(VoteStore.in_memory(), presenter=(1, "host")),
    )
    changes: list[Change] = []
    show.subscribe(changes.append)
    show.start()
    return show, changes


# -- where the presenter lands ---------------------------------------------------


def test_a_slide_inserted_before_keeps_the_presenter_on_the_same_slide() -> None:
    assert find_slide(titles("A", "B", "C"), titles("New", "A", "B", "C"), 1) == 2


def test_the_id_wins_over_the_title_and_the_number() -> None:
    old = titles("A", "B", "C", ids={"B": "bee"})
    new = titles("B", "A", "Renamed", ids={"Renamed": "bee"})
    # The title "B" moved to slide 0, but the slide with id "bee" is slide 2.
    assert find_slide(old, new, 1) == 2


def test_an_edited_title_keeps_the_slide_number() -> None:
    assert find_slide(titles("A", "B", "C"), titles("A", "B edited", "C"), 1) == 1


def test_a_deleted_slide_gives_its_place_to_the_next_one() -> None:
    assert find_slide(titles("A", "B", "C"), titles("A", "C"), 1) == 1


def test_deleting_the_last_slide_lands_on_the_new_last() -> None:
    assert find_slide(titles("A", "B", "C"), titles("A", "B"), 2) == 1


def test_of_two_slides_with_the_title_the_nearest_wins() -> None:
    old = titles("Q", "A", "B", "Q")
    assert find_slide(old, titles("Q", "A", "B", "X", "Q"), 3) == 4
    assert find_slide(old, titles("X", "Q", "A", "B", "Q"), 0) == 1


def test_a_slide_with_another_id_is_not_matched_by_its_title() -> None:
    old = titles("A", "Same", "C", ids={"Same": "one"})
    new = titles("Same", "A", "C", ids={"Same": "two"})
    assert find_slide(old, new, 1) == 2  # "one" is gone: "C" followed it


def test_an_edited_title_with_a_slide_inserted_before_is_found_by_its_follower() -> None:
    old = titles("A", "B", "C")
    assert find_slide(old, titles("New", "A", "B edited", "C"), 1) == 2
    assert find_slide(old, titles("A", "B edited"), 1) == 1  # no follower: by number


def test_carry_state_cuts_the_step_and_keeps_charts_by_poll_id() -> None:
    old = deck(
        """
slides:
  - title: Bravo
    reveal: true
    body: "- one\\n- two\\n- three\\n"
  - title: Vote
    poll: {id: v, options: [Yes, No]}
"""
    )
    new = deck(
        """
slides:
  - title: Vote
    poll: {id: v, options: [Yes, No, Maybe]}
  - title: Bravo
    reveal: true
    body: "- one\\n"
  - title: Live
    poll: {id: live, options: [A, B], results: live}
"""
    )
    state = ShowState(position=Position(0, 3), notes_shown=True, charts_shown=frozenset({"v"}))
    carried = carry_state(old, new, state)
    assert carried.position == Position(1, 1)
    assert carried.notes_shown
    assert carried.charts_shown == {"v", "live"}


# -- the show -------------------------------------------------------------------


def test_replace_deck_publishes_one_change_and_keeps_the_timer(clock: FixedClock) -> None:
    show, changes = make_show(ABC, clock)
    show.next()  # leaves slide 1: the timer starts
    show.next()  # Bravo, step 1
    clock.advance(42)
    changes.clear()
    new = deck(
        """
slides:
  - {title: Inserted}
  - {title: Alpha}
  - {title: Bravo, reveal: true, body: "- one\\n- two\\n- three\\n"}
  - {title: Charlie}
"""
    )
    change = show.replace_deck(new)
    assert change is not None and changes == [change]
    assert Flag.DECK in change.flags
    assert show.deck is new
    assert show.position == Position(2, 1)
    assert show.timer.state is TimerState.RUNNING
    assert show.timer.elapsed() == pytest.approx(42)


def test_a_reload_on_the_first_slide_does_not_start_the_timer() -> None:
    show, _ = make_show(ABC)
    show.replace_deck(titles("Before", "Alpha"))
    assert show.position == Position(1, 0)
    assert show.timer.state is TimerState.READY


def test_votes_are_kept_by_poll_id_across_a_reload() -> None:
    text = """
slides:
  - title: {title}
    poll: {{id: driver, options: [Yes, No]}}
"""
    show, _ = make_show(deck(text.format(title="Vote now")))
    show.vote(1)
    show.vote(1)
    show.replace_deck(deck(text.format(title="Vote now, please")))
    assert show.results is not None and show.results.by_text() == {"Yes": 2, "No": 0}


def test_jump_past_a_shorter_deck_lands_on_its_last_slide() -> None:
    show, _ = make_show(ABC)
    show.replace_deck(titles("Alpha"))
    show.jump(2)  # an overview opened before the reload
    assert show.position == Position(0, 0)


# -- the id field -------------------------------------------------------------------


def test_slide_ids_are_read() -> None:
    loaded = deck("slides:\n  - {id: intro, title: Hello}\n  - {title: Two}\n")
    assert [slide.id for slide in loaded.slides] == ["intro", ""]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "slides:\n  - {id: a, title: A}\n  - {id: a, title: B}\n",
            "talk.yaml:3:10: slide id 'a' is already used by the slide on line 2",
        ),
        (
            "slides:\n  - id: Intro Slide\n    title: A\n",
            "talk.yaml:2:9: a slide id is a short name of lowercase letters",
        ),
        ("slides:\n  - id:\n    title: A\n", "talk.yaml:2:8: a slide id is"),
        ("slides:\n  - {idd: a, title: A}\n", "(did you mean 'id'?)"),
    ],
)
def test_bad_slide_ids_are_reported_where_they_are(text: str, expected: str) -> None:
    with pytest.raises(DeckError) as caught:
        deck(text)
    assert any(expected in str(problem) for problem in caught.value.problems), [
        str(problem) for problem in caught.value.problems
    ]


def test_a_deleted_slide_gives_its_place_to_its_follower_wherever_it_went() -> None:
    old = titles("A", "Inserted", "B", "C", "D")
    # "B" deleted and "Inserted" removed too: "C", which followed "B", is shown.
    assert find_slide(old, titles("A", "C", "D"), 2) == 1


def _random_deck(names: list[str], steps: list[int]) -> Deck:
    lines = ["slides:"]
    for name, count in zip(names, steps):
        body = "".join(f"- item {number}\\n" for number in range(count))
        lines.append(f'  - {{title: "{name}", reveal: true, body: "{body or "text"}"}}')
    return deck("\n".join(lines) + "\n")


@given(
    old=st.lists(st.tuples(st.sampled_from("ABCDE"), st.integers(0, 3)), min_size=1, max_size=6),
    new=st.lists(st.tuples(st.sampled_from("ABCDEF"), st.integers(0, 3)), min_size=1, max_size=6),
    data=st.data(),
)
@settings(max_examples=150, deadline=None)
def test_carry_state_always_lands_on_a_slide_and_step_that_exist(old, new, data) -> None:
    before = _random_deck([name for name, _ in old], [count for _, count in old])
    after = _random_deck([name for name, _ in new], [count for _, count in new])
    slide = data.draw(st.integers(0, len(before.slides) - 1))
    step = data.draw(st.integers(0, before.slides[slide].steps))
    carried = carry_state(before, after, ShowState(position=Position(slide, step)))
    assert 0 <= carried.position.slide < len(after.slides)
    assert 0 <= carried.position.step <= after.slides[carried.position.slide].steps
    assert carried.position.step <= step
    title = before.slides[slide].title
    if title in [each.title for each in after.slides]:
        assert after.slides[carried.position.slide].title == title
