"""Keys typed together act one after another, in order, each on the screen on top when
its turn comes.

Over a slow link (``tmux send-keys o Down Enter Right``, SSH) one read holds
several keys. The key typed after the one that closes an overlay (the
overview, the palette, help, a dialog, the blank screen) must act on the
screen beneath, not be swallowed by the overlay that is going away. Every
burst here is written into the app at once, nothing awaited between the keys,
as ``tests/fuzz_keys.py`` does.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from conftest import DATA
from fuzz_keys import _key_event

from tui.app import PodiumApp, make_app
from tui.deck import Deck, load_deck
from tui.audience.app import make_audience_app
from tui.audience.publish import Publisher
from tui.navigation import Position
from tui.screens.blank import BlankScreen
from tui.screens.presenter import PresenterScreen

SIZE = (100, 30)


def burst(app, *keys: str) -> None:
    """Post every key to the app before it handles the first (one terminal read)."""
    for key in keys:
        event = _key_event(key)
        event.set_sender(app)
        app._driver.send_message(event)


async def until(pilot, condition: Callable[[], bool], timeout: float = 12.0) -> bool:
    """Let the app run until ``condition()`` holds (slow, busy CI machines)."""
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        await pilot.pause(0.05)
    return condition()


async def settled_on(pilot, app: PodiumApp, slide: int) -> bool:
    """The presenter is on top showing ``slide`` (0-based), and stays there."""

    def there() -> bool:
        return isinstance(app.screen, PresenterScreen) and app.show.state.position.slide == slide

    # The slide before the burst may already be the one expected: wait for the
    # burst's keys to have had their turns first.
    await until(pilot, lambda: not getattr(app, "keys_held", 0))
    if not await until(pilot, there):
        return False
    await pilot.pause(0.3)  # a key still on its way would move it on
    return there()


@pytest.mark.parametrize(
    ("before", "keys", "slide"),
    [
        # Enter chooses slide 1 in the overview; the second Enter is the presenter's.
        ((), ("o", "enter", "enter"), 1),
        (("home",), ("o", "down", "enter", "right"), 2),
        # On slide 2 the palette's first entry is "Go to slide 1"; then Enter: next.
        (("right",), ("ctrl+p", "enter", "enter"), 1),
        ((), ("o", "end", "enter", "left"), 11),
        # These always worked: the key closing the overlay is its binding.
        ((), ("T", "n", "right"), 1),
        ((), ("question_mark", "escape", "right"), 1),
        ((), ("o", "escape", "right"), 1),
    ],
)
async def test_a_key_after_the_one_closing_an_overlay_acts_on_the_presenter(
    seed_deck: Deck, before: tuple[str, ...], keys: tuple[str, ...], slide: int
) -> None:
    assert len(seed_deck.slides) == 13
    app = make_app(seed_deck)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*before)
        burst(app, *keys)
        assert await settled_on(pilot, app, slide), (
            app.show.state.position,
            type(app.screen).__name__,
        )


@pytest.mark.parametrize("keys", [("b", "right"), ("b", "x")])
async def test_the_key_after_b_brings_the_slide_back_and_does_nothing_else(
    seed_deck: Deck, keys: tuple[str, ...]
) -> None:
    app = make_app(seed_deck)
    async with app.run_test(size=SIZE) as pilot:
        burst(app, *keys)
        assert await settled_on(pilot, app, 0)
        assert not app.show.state.blank
        assert not any(isinstance(screen, BlankScreen) for screen in app.screen_stack)


async def test_keys_after_the_one_ending_the_blank_act_on_the_presenter(seed_deck: Deck) -> None:
    app = make_app(seed_deck)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b")
        assert isinstance(app.screen, BlankScreen)
        burst(app, "right", "right", "right")  # the first ends the blank, two move on
        assert await settled_on(pilot, app, 2)
        assert not app.show.state.blank


async def test_typed_ahead_into_the_palette(seed_deck: Deck) -> None:
    app = make_app(seed_deck)
    async with app.run_test(size=SIZE) as pilot:
        # The search text reaches the palette's input even though the palette
        # opens after the keys were read; Enter then runs the one match.
        burst(app, "ctrl+p", *"slide 12:", "enter")
        assert await settled_on(pilot, app, 11)


async def test_audience_view_key_after_the_overview_acts_on_the_view() -> None:
    deck = load_deck(DATA / "presenter_demo.yaml")
    publisher = Publisher(deck.source)
    publisher.open()
    publisher.publish(0, 0)
    try:
        app = make_audience_app(deck, deck.source)
        async with app.run_test(size=SIZE) as pilot:
            screen = app.audience
            assert await until(pilot, lambda: screen.position == Position(0, 0))
            # Detach, choose slide 2 in the overview, then Right: its first reveal step.
            burst(app, "d", "o", "down", "enter", "right")
            assert await until(
                pilot, lambda: app.screen is screen and screen.position == Position(1, 1)
            ), (screen.position, type(app.screen).__name__)
            assert screen.detached
    finally:
        publisher.close()
