"""Random keys and resizes against each Podium app: does anything crash or hang?

Used two ways:

* by ``tests/app/test_fuzz_keys.py``, with a fixed list of seeds, so CI proves
  that no key sequence and no resize crashes the presenter, the audience view
  or the voter's view;
* as a script, to measure more keys than CI affords::

      python tests/fuzz_keys.py --keys 10000            # every app
      python tests/fuzz_keys.py --keys 5000 --app voter --seed 7

  It prints crashes per 10,000 keys for each app (and the first lines of
  each distinct error).

Keys go in bursts. Most bursts (90 %) are posted to the app's driver all at
once, with nothing awaited in between, the way ``tmux send-keys o Enter
Enter`` or a fast typist delivers them; the rest go one key at a time, the
app settling after each. (Not through ``Pilot.press``: it also waits for
Textual's animator, which can stay "busy" at tiny sizes after its animations
are gone, while the app itself keeps answering keys; that would be counted as
a hang of Podium.) Resizes (down to 1x1 and back)
are mixed into the bursts. When a key quits the app (``q``, or ``y`` in a
quit confirm), a fresh app takes over: that is a normal end, not a crash. A
crash is an exception that ends the app; a hang is a burst the app has not
digested within :data:`HANG_SECONDS`.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import sys
import tempfile
import traceback
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from textual import events
from textual.app import App
from textual.geometry import Size

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:  # run as a script from a checkout
    sys.path.insert(0, str(HERE.parent))

APPS = ("presenter", "audience", "voter")
"""The apps under test, in the order they are reported."""

HANG_SECONDS = 20.0
"""A burst not digested in this long counts as a hang."""

COMMON_KEYS = [
    "enter", "escape", "space", "tab", "shift+tab", "backspace", "delete",
    "up", "down", "left", "right", "home", "end", "pageup", "pagedown",
    "shift+up", "shift+down", "ctrl+p", "question_mark", "colon",
    "q", "y", "n", "o", "s", "b", "d", "t", "T", "N", "J", "K", "G", "g",
    "r", "u", "c", "h", "j", "k", "l", "p", "x", "a", "z",
    *"0123456789",
]
"""Keys every app gets: all of their bindings and a few that bind to nothing."""

SIZES = [
    (1, 1), (2, 1), (1, 5), (10, 3), (20, 6), (39, 11), (40, 12), (80, 24), (100, 30), (200, 60)
]
"""Terminal sizes to resize to (cells): tiny, around the presenter's minimum, usual."""


@dataclass
class Report:
    """What one app did under the fuzzer."""

    app: str
    keys: int = 0
    crashes: int = 0
    hangs: int = 0
    runs: int = 0
    errors: dict[str, int] = field(default_factory=dict)
    """Count per distinct error (last traceback line), for the report."""

    def per_10k(self) -> float:
        """Crashes and hangs per 10,000 keys."""
        return (self.crashes + self.hangs) * 10_000 / max(self.keys, 1)


def _key_event(key: str) -> events.Key:
    """A key event like the one the terminal driver would post."""
    from textual.keys import REPLACED_KEYS, _get_unicode_name_from_key

    original = REPLACED_KEYS.get(key, key)
    try:
        char: str | None = unicodedata.lookup(_get_unicode_name_from_key(original))
    except KeyError:
        char = key if len(key) == 1 else None
    return events.Key(key, char)


def _post_resize(app: App, width: int, height: int) -> None:
    size = Size(width, height)
    driver = app._driver
    if driver is not None and hasattr(driver, "_size"):
        driver._size = size  # the headless driver reports this size
    app.post_message(events.Resize(size, size))


async def _settle(pilot) -> None:
    """Let the app handle what it was sent (and what that posted in turn).

    Cheaper than ``Pilot.pause()``, which waits for the CPU to go idle: the
    voter's and audience view's timers keep it busy, so that costs up to a
    second per burst.
    """
    for _ in range(3):
        await pilot._wait_for_screen()
        await asyncio.sleep(0)
    # Podium's apps hold keys read together until the key before has acted
    # (tui.screens.safe.KeysInTurn): the burst is digested when none is left.
    while getattr(pilot.app, "keys_held", 0) and pilot.app.is_running:
        await asyncio.sleep(0.005)


async def _burst(app: App, pilot, rng: random.Random, keys: Sequence[str], count: int) -> int:
    """Send ``count`` random keys (and maybe resizes); returns the keys sent."""
    sent = 0
    if rng.random() < 0.9:
        # All at once: nothing awaited between the keys.
        driver = app._driver
        for _ in range(count):
            if driver is None or not app.is_running:
                break
            if rng.random() < 0.06:
                _post_resize(app, *rng.choice(SIZES))
            event = _key_event(rng.choice(keys))
            event.set_sender(app)
            driver.send_message(event)
            sent += 1
        await _settle(pilot)
    else:
        # One at a time, letting the app settle after each (a slow typist).
        for _ in range(count):
            if not app.is_running or app._driver is None:
                break
            if rng.random() < 0.06:
                _post_resize(app, *rng.choice(SIZES))
            event = _key_event(rng.choice(keys))
            event.set_sender(app)
            app._driver.send_message(event)
            sent += 1
            await _settle(pilot)
    return sent


@dataclass
class Target:
    """How to build one app and what to do between bursts."""

    name: str
    make: Callable[[random.Random], App]
    keys: list[str]
    between: Callable[[App, random.Random], None] = lambda app, rng: None
    close: Callable[[], None] = lambda: None


async def fuzz(target: Target, seed: int, total_keys: int, *, burst: int = 12) -> Report:
    """Feed ``total_keys`` random keys to fresh instances of ``target``'s app.

    Args:
        target: The app to build (again after each quit or crash).
        seed: Seeds the random keys, bursts and sizes (same seed, same keys).
        total_keys: Keys to send in all.
        burst: Largest number of keys sent together.

    Returns:
        Counts of keys, crashes and hangs.
    """
    rng = random.Random(seed)
    report = Report(target.name)
    while report.keys < total_keys:
        app = target.make(rng)
        report.runs += 1
        try:
            async with app.run_test(size=rng.choice(SIZES[6:])) as pilot:
                while report.keys < total_keys and app.is_running:
                    target.between(app, rng)
                    count = min(rng.randint(1, burst), total_keys - report.keys)
                    try:
                        report.keys += await asyncio.wait_for(
                            _burst(app, pilot, rng, target.keys, count), HANG_SECONDS
                        )
                    except TimeoutError:
                        report.hangs += 1
                        report.keys += count
                        report.errors["hang"] = report.errors.get("hang", 0) + 1
                        break
                    if app._exception is not None:
                        break
                    if rng.random() < 0.1:
                        _post_resize(app, *rng.choice(SIZES))
                        await _settle(pilot)
        except Exception as error:  # the app crashed: count it, start another
            report.crashes += 1
            lines = traceback.format_exception_only(type(error), error)
            name = lines[-1].strip()[:160]
            report.errors[name] = report.errors.get(name, 0) + 1
            report.keys += 1  # never loop forever on a crash at start
    target.close()
    return report


# -- the three apps -------------------------------------------------------------------


def presenter_target(folder: Path) -> Target:
    """The presenter on a deck with a reveal slide and a poll, votes in a store."""
    from tui.app import make_app
    from tui.deck import load_deck
    from tui.navigation import Position
    from tui.polls.store import VoteStore

    deck = load_deck(HERE / "data" / "presenter_demo.yaml")
    poll_slide = next(index for index, slide in enumerate(deck.slides) if slide.poll)
    stores: list[VoteStore] = []

    def make(rng: random.Random) -> App:
        store = VoteStore.open(folder / f"presenter-{len(stores)}.sqlite3")
        stores.append(store)
        app = make_app(deck, store=store)
        app.draw_ahead = True  # the next frame drawn ahead, as with a terminal
        if rng.random() < 0.5:
            # Start on the reveal or the poll slide: they get keys sooner.
            app.resume_at = Position(rng.choice([1, poll_slide]), 0)
        return app

    def close() -> None:
        for store in stores:
            store.close()

    def between(app: App, rng: random.Random) -> None:
        ahead = getattr(app.screen_stack[0], "_ahead", None) if app.screen_stack else None
        if ahead is not None and ahead.failed is not None:
            raise ahead.failed  # drawing ahead gives up quietly: the fuzzer must not

    keys = [*COMMON_KEYS, "ctrl+p", "ctrl+p", "1", "2", "3", "o", "enter", "T", "c"]
    return Target("presenter", make, keys, between=between, close=close)


def audience_target(folder: Path) -> Target:
    """The audience view, waiting for a presenter, detached now and then."""
    from tui.audience.app import make_audience_app
    from tui.deck import load_deck

    deck = load_deck(HERE / "data" / "presenter_demo.yaml")

    def make(rng: random.Random) -> App:
        return make_audience_app(deck, deck.source)

    keys = [*COMMON_KEYS, "d", "d", "q", "enter"]
    return Target("audience", make, keys)


def voter_target(folder: Path) -> Target:
    """The voter's view while a presenter moves between polls (one of them multiple choice)."""
    from tui.deck import load_deck
    from tui.polls.session import PollSession
    from tui.polls.store import VoteStore
    from tui.voter.app import VoterApp

    deck = load_deck(HERE / "data" / "two_polls.yaml")
    path = folder / "voter.sqlite3"
    presenter_store = VoteStore.open(path)
    presenter = PollSession(presenter_store, presenter=(os.getpid(), socket.gethostname()))
    stores: list[VoteStore] = [presenter_store]

    def make(rng: random.Random) -> App:
        store = VoteStore.open(path)
        stores.append(store)
        return VoterApp("fuzz", store, check_interval=0.05)

    def between(app: App, rng: random.Random) -> None:
        if rng.random() < 0.15:
            choice = rng.choice([*deck.polls, None])
            presenter.show(choice, rng.random() < 0.5)
            if choice is not None and rng.random() < 0.2:
                presenter.set_closed(choice, rng.random() < 0.5)
            if isinstance(app, VoterApp):
                app.reload()

    def close() -> None:
        for store in stores:
            store.close()

    presenter.show(deck.polls[0], False)
    return Target("voter", make, COMMON_KEYS, between, close)


TARGETS = {"presenter": presenter_target, "audience": audience_target, "voter": voter_target}


async def fuzz_app(name: str, seed: int, keys: int, folder: Path) -> Report:
    """Fuzz the app called ``name`` (one of :data:`APPS`) with ``keys`` keys."""
    return await fuzz(TARGETS[name](folder), seed, keys)


def main(argv: list[str] | None = None) -> int:
    """Run the fuzzer and print crashes per 10,000 keys for each app."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", type=int, default=2000, help="keys per app (default 2000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--app", choices=APPS, action="append", help="app(s) to fuzz (default: all)"
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.setdefault("PODIUM_DATA_DIR", tmp)  # keep stores and audience state private
        failed = False
        for name in args.app or APPS:
            report = asyncio.run(fuzz_app(name, args.seed, args.keys, Path(tmp)))
            failed |= bool(report.crashes or report.hangs)
            print(
                f"{name:10} keys={report.keys:6} runs={report.runs:4} crashes={report.crashes:4} "
                f"hangs={report.hangs:3}  per 10,000 keys: {report.per_10k():7.1f}"
            )
            for error, times in sorted(report.errors.items(), key=lambda item: -item[1]):
                print(f"    {times:4} x {error}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
