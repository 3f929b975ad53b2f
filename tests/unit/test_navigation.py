"""Navigation rules, including property tests over random key sequences."""

from __future__ import annotations

from conftest import DATA, SEED_DECK
from hypothesis import given, settings
from hypothesis import strategies as st

from tui import navigation
from tui.deck import load_deck
from tui.navigation import Position

DEMO = load_deck(DATA / "presenter_demo.yaml")
SEED = load_deck(SEED_DECK)


def test_advance_walks_every_step_then_every_slide() -> None:
    position = navigation.first(DEMO)
    seen = [position]
    while (following := navigation.advance(DEMO, position)) != position:
        seen.append(following)
        position = following
    expected = [
        Position(index, step)
        for index, slide in enumerate(DEMO.slides)
        for step in range(slide.steps + 1)
    ]
    assert seen == expected
    assert position == navigation.last(DEMO)


def test_retreat_shows_previous_slide_complete() -> None:
    reveal = DEMO.slides[1]
    assert reveal.steps == 3
    assert navigation.retreat(DEMO, Position(2, 0)) == Position(1, 3)
    assert navigation.retreat(DEMO, Position(0, 0)) == Position(0, 0)


def test_go_to_is_one_based_and_bounded() -> None:
    assert navigation.go_to(SEED, 1) == Position(0, 0)
    assert navigation.go_to(SEED, 13) == Position(12, 0)
    assert navigation.go_to(SEED, 0) is None
    assert navigation.go_to(SEED, 14) is None


def test_reveal_body_grows_one_item_at_a_time() -> None:
    reveal = DEMO.slides[1]
    bodies = [reveal.body_at_step(step) for step in range(reveal.steps + 1)]
    assert "First" not in bodies[0] and "Intro line." in bodies[0]
    assert "First, nested" in bodies[1] and "Second" not in bodies[1]
    assert bodies[-1].strip() == reveal.body.strip()


MOVES = st.lists(
    st.one_of(
        st.sampled_from(["advance", "retreat", "first", "last"]),
        st.integers(min_value=-3, max_value=20),
    ),
    max_size=60,
)


@settings(max_examples=300, deadline=None)
@given(moves=MOVES)
def test_any_key_sequence_keeps_a_valid_position(moves: list[object]) -> None:
    for deck in (DEMO, SEED):
        position = navigation.first(deck)
        for move in moves:
            if isinstance(move, int):
                position = navigation.go_to(deck, move) or position
            elif move in ("first", "last"):
                position = getattr(navigation, move)(deck)
            else:
                position = getattr(navigation, move)(deck, position)
            assert 0 <= position.slide < len(deck.slides)
            assert 0 <= position.step <= deck.slides[position.slide].steps


def test_retreat_undoes_advance_everywhere() -> None:
    for deck in (DEMO, SEED):
        position = navigation.first(deck)
        while (following := navigation.advance(deck, position)) != position:
            assert navigation.retreat(deck, following) == position
            position = following
