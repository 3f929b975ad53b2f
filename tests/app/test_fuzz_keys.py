"""No key sequence at any speed, and no resize, crashes or hangs an app.

Seeded random keys and resizes (see ``tests/fuzz_keys.py``) against the
presenter (on a deck with a reveal slide and a poll), the audience view and
the voter's view; then the exact sequences that used to end the presenter,
fed the way ``tmux send-keys`` delivers them: all at once.

``PODIUM_FUZZ_KEYS`` sets the keys per seed and app (default
:data:`DEFAULT_KEYS`); ``python tests/fuzz_keys.py --keys 10000`` measures more.
"""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest
from conftest import DATA
from fuzz_keys import APPS, _key_event, fuzz_app
from tmux_session import PODIUM, TmuxSession, needs_podium, needs_tmux, new_session

from tui.app import make_app
from tui.deck import load_deck
from tui.polls.store import VoteStore
from tui.screens.presenter import PresenterScreen
from tui.voter.app import VoterApp

SEEDS = (11, 23, 37)
"""Fixed seeds: the same keys on every run, so a failure can be replayed."""

DEFAULT_KEYS = 600
"""Keys per seed and app in CI (three seeds: 1,800 keys per app, 5,400 in all)."""

KEYS = int(os.environ.get("PODIUM_FUZZ_KEYS", DEFAULT_KEYS))


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("app_name", APPS)
async def test_random_keys_and_resizes_never_crash(
    app_name: str, seed: int, tmp_path: Path
) -> None:
    report = await fuzz_app(app_name, seed, KEYS, tmp_path)
    assert report.keys >= KEYS
    assert (report.crashes, report.hangs) == (0, 0), report.errors


# -- the sequences that used to crash, all keys at once -----------------------------------


async def send_at_once(app, pilot, *keys: str) -> None:
    """Post every key to the app before it handles the first (as a terminal read does)."""
    for key in keys:
        event = _key_event(key)
        event.set_sender(app)
        app._driver.send_message(event)
    await pilot.pause(0.2)


async def until(pilot, condition, timeout: float = 5.0) -> bool:
    """Let the app run until ``condition()`` holds (slow, busy CI machines)."""
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        await pilot.pause(0.05)
    return condition()


@pytest.mark.parametrize(
    "keys",
    [
        ("o", "enter", "enter"),
        ("ctrl+p", "enter", "enter"),
        ("T", "enter", "n"),
        ("ctrl+p", "pagedown"),
        ("ctrl+p", "pageup"),
        ("ctrl+p", "s", "l", "escape", "ctrl+p", "x", "escape"),
        ("b", "x", "y", "z"),
        ("question_mark", "escape", "question_mark", "escape"),
        ("o", "pagedown", "pageup", "enter", "escape"),
    ],
)
async def test_keys_typed_together_keep_the_presenter_running(
    keys: tuple[str, ...], tmp_path: Path
) -> None:
    deck = load_deck(DATA / "presenter_demo.yaml")
    with VoteStore.open(tmp_path / "votes.sqlite3") as store:
        app = make_app(deck, store=store)
        async with app.run_test(size=(100, 30)) as pilot:
            await send_at_once(app, pilot, *keys)
            assert app.is_running
            await send_at_once(app, pilot, "escape", "escape")
            assert await until(pilot, lambda: isinstance(app.screen, PresenterScreen))
            # Still answering keys.
            await pilot.press("home", "right")
            assert app.show.state.position.slide == 1


async def test_reset_timer_answered_twice_counts_once(tmp_path: Path) -> None:
    deck = load_deck(DATA / "presenter_demo.yaml")
    app = make_app(deck)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("t")
        assert app.timer.running
        # Enter presses the focused "No"; "y" arrives before the dialog closed: one answer, no.
        await send_at_once(app, pilot, "T", "enter", "y")
        assert await until(pilot, lambda: isinstance(app.screen, PresenterScreen))
        assert app.timer.running


async def test_palette_runs_one_command_for_two_enters(tmp_path: Path) -> None:
    deck = load_deck(DATA / "presenter_demo.yaml")
    app = make_app(deck)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        await pilot.press(*"slide 3")
        await pilot.pause(0.3)
        # The first Enter runs "Go to slide 3" and closes the palette; the
        # second is the presenter's (next slide), not a second run of the command.
        await send_at_once(app, pilot, "enter", "enter")
        assert await until(pilot, lambda: isinstance(app.screen, PresenterScreen))
        assert await until(pilot, lambda: app.show.state.position.slide == 3)


@pytest.mark.parametrize(
    "keys",
    [
        ("q", "n", "q", "escape"),
        ("q", "enter", "n"),
        ("d", "o", "enter", "enter", "d"),
        ("d", "o", "pagedown", "pageup", "escape", "escape", "d"),
        ("question_mark", "q", "question_mark", "escape"),
    ],
)
async def test_keys_typed_together_keep_the_audience_view_running(keys: tuple[str, ...]) -> None:
    from tui.audience.app import AudienceScreen, make_audience_app

    deck = load_deck(DATA / "presenter_demo.yaml")
    app = make_audience_app(deck, deck.source)
    async with app.run_test(size=(100, 30)) as pilot:
        await send_at_once(app, pilot, *keys)
        assert app.is_running
        await send_at_once(app, pilot, "escape")
        assert await until(pilot, lambda: isinstance(app.screen, AudienceScreen))
        await send_at_once(app, pilot, "q", "y", "y")  # quit, confirmed twice: one clean exit
        assert await until(pilot, lambda: not app.is_running)


# -- no key acts behind the "too small" message -------------------------------------------


async def test_keys_do_nothing_while_the_terminal_is_too_small(tmp_path: Path) -> None:
    deck = load_deck(DATA / "presenter_demo.yaml")
    poll_slide = next(index for index, slide in enumerate(deck.slides) if slide.poll)
    poll = deck.slides[poll_slide].poll
    assert poll is not None
    with VoteStore.open(tmp_path / "votes.sqlite3") as store:
        app = make_app(deck, store=store)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("colon", *str(poll_slide + 1), "enter")
            assert app.show.state.position.slide == poll_slide
            await pilot.resize_terminal(30, 8)
            assert app.presenter.too_small
            await pilot.press("1", "2", "right", "c", "o", "b", "question_mark", "ctrl+p")
            await pilot.press("colon", "3")
            await pilot.press("enter", "s", "N", "T", "r")
            assert app.poll_results(poll).voters == 0
            assert app.show.state.position.slide == poll_slide
            assert isinstance(app.screen, PresenterScreen) and not app.show.state.notes_shown
            assert not app.show.state.goto_open
            await pilot.resize_terminal(100, 30)
            await pilot.press("1")
            assert app.poll_results(poll).voters == 1
            await pilot.resize_terminal(1, 1)
            await pilot.press("q")  # quit still works
            assert await until(pilot, lambda: not app.is_running)


# -- the voter's Esc ------------------------------------------------------------------------


async def test_voter_esc_clears_marks_and_never_quits(tmp_path: Path) -> None:
    import socket

    from tui.polls.session import PollSession

    deck = load_deck(DATA / "two_polls.yaml")
    multiple = deck.polls[1]
    path = tmp_path / "votes.sqlite3"
    with VoteStore.open(path) as presenter_store, VoteStore.open(path) as voter_store:
        presenter = PollSession(presenter_store, presenter=(os.getpid(), socket.gethostname()))
        presenter.show(multiple, False)
        app = VoterApp("esc", voter_store, check_interval=0.05)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause(0.2)
            assert app.poll == multiple
            await pilot.press("1", "3")
            assert app.marked == {0, 2}
            await pilot.press("escape")
            assert app.marked == set() and app.is_running
            await pilot.press("escape", "escape")
            assert app.is_running
            assert "Press q to leave" in app.message
            await pilot.press("q")
            assert await until(pilot, lambda: not app.is_running)


# -- the installed podium in a real terminal -------------------------------------------------


@needs_tmux
@needs_podium
@pytest.mark.parametrize(
    "keys",
    [("o", "Enter", "Enter"), ("C-p", "Enter", "Enter"), ("T", "Enter", "n"), ("C-p", "PageDown")],
)
def test_keys_sent_together_in_a_real_terminal(
    keys: tuple[str, ...], tmp_path: Path, private_data_dir: Path
) -> None:
    name = f"safe-keys-{os.getpid()}-{'-'.join(keys)}".replace(".", "_")
    deck = DATA / "presenter_demo.yaml"
    status = tmp_path / "status"
    new_session(
        name,
        f"export TERM=xterm-256color PODIUM_DATA_DIR={private_data_dir}; {PODIUM} {deck}; "
        f"echo $? > {status}; sleep 30",
        width=80,
        height=24,
    )
    session = TmuxSession(name)
    try:
        session.wait_for("for the presenter tests")  # the subtitle: the title is in big letters
        session.keys(*keys)  # one send-keys call: the keys arrive together
        time.sleep(0.5)
        session.keys("Escape")  # close whatever the keys left open (palette, overview)
        deadline = time.monotonic() + 10
        while "Search for commands" in session.screen() or "Overview:" in session.screen():
            assert time.monotonic() < deadline, session.screen()
            time.sleep(0.1)
        session.keys(":", "3", "Enter")  # still running, and still answering keys
        session.wait_for("3/7", timeout=10)
        assert not status.exists()
        session.keys("q")
        assert session.exit_status(status) == 0
        assert "Traceback" not in session.screen() and "Error" not in session.screen()
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)
