"""Live reload in the presenter's app, through real file edits (Pilot).

Each test presents a deck from a temporary folder, saves the file the way
editors do (a new file renamed over the old one; truncating and writing in
place; a burst of saves) and checks what the presenter (and the audience
view) shows: the new deck on the same slide, step, timer, notes and votes,
or, for a deck with problems, the last good deck with the problems listed
under it until the file is fixed.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from status_row import status_position

from tui.app import PodiumApp, make_app
from tui.audience.app import make_audience_app
from tui.audience.publish import Publisher
from tui.audience.state import deck_copy_path, read_state, state_path
from tui.deck import load_deck, load_deck_text
from tui.navigation import Position
from tui.pacing import TimerState
from tui.widgets.reload_panel import ReloadProblems

SIZE = (100, 30)

DECK = """\
title: Reload test
slides:
  - title: Welcome
    notes: Say hello.
  - title: Steps
    reveal: true
    body: |
      - first
      - second
      - third
    notes: Three steps.
  - title: Middle
    body: Some text.
  - title: Vote
    poll:
      id: choice
      options: [Tea, Coffee]
  - title: End
"""


def save_by_rename(path: Path, text: str) -> None:
    """Save as vim, VS Code and JetBrains do: write a new file, rename it over."""
    temporary = path.with_name(f".{path.name}.tmp~")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def save_in_place(path: Path, text: str) -> None:
    """Save as editors that truncate the file and write it again do."""
    with open(path, "r+", encoding="utf-8") as handle:
        handle.truncate(0)
        handle.write(text)


def text_of(app: PodiumApp, selector: str) -> str:
    widget = app.presenter.query_one(selector)
    lines = widget.render_lines(widget.region.reset_offset)
    return "\n".join("".join(segment.text for segment in line).rstrip() for line in lines)


async def until(pilot, condition: Callable[[], bool], timeout: float = 15.0) -> None:
    """Let the app run until ``condition`` holds (file events arrive asynchronously)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition never held")
        await pilot.pause(0.01)


@pytest.fixture
def deck_file(tmp_path: Path) -> Path:
    path = tmp_path / "talk.yaml"
    path.write_text(DECK, encoding="utf-8")
    return path


def presenter(deck_file: Path, **options: object) -> PodiumApp:
    return make_app(load_deck(str(deck_file)), live_reload=True, **options)  # type: ignore[arg-type]


async def started(pilot, app: PodiumApp) -> None:
    await until(pilot, lambda: app.live_reload is not None and bool(app.live_reload.files))


def panel(app: PodiumApp) -> ReloadProblems | None:
    found = app.presenter.query(ReloadProblems)
    return found.first() if found else None


def panel_shown(app: PodiumApp) -> bool:
    shown = panel(app)
    return shown is not None and shown.display and bool(shown.lines)


async def test_a_rename_save_shows_the_new_slide_on_the_same_place(deck_file: Path) -> None:
    app = presenter(deck_file)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot, app)
        await pilot.press("right", "right", "s")  # Steps, first item, notes open
        assert app.show.position == Position(1, 1)
        save_by_rename(deck_file, DECK.replace("- first", "- first, edited"))
        await until(pilot, lambda: "first, edited" in text_of(app, "#slide-body"))
        assert app.show.position == Position(1, 1)
        assert "second" not in text_of(app, "#slide-body")  # the step is kept
        assert app.show.state.notes_shown
        assert app.live_reload is not None and app.live_reload.reloads == 1


async def test_an_in_place_save_is_seen_too(deck_file: Path) -> None:
    app = presenter(deck_file)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot, app)
        await pilot.press("colon", "3", "enter")
        save_in_place(deck_file, DECK.replace("title: Middle", "title: Middle, renamed"))
        await until(pilot, lambda: "Middle, renamed" in text_of(app, "#slide-title"))
        assert app.show.position == Position(2, 0)


async def test_a_burst_of_saves_is_one_reload_of_the_last(deck_file: Path) -> None:
    app = presenter(deck_file)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot, app)
        for number in range(10):
            save_by_rename(deck_file, DECK.replace("title: Welcome", f"title: Welcome {number}"))
        await until(pilot, lambda: "Welcome 9" in text_of(app, "#slide-title"))
        await pilot.pause(0.3)  # nothing else is on its way
        assert app.live_reload is not None and app.live_reload.reloads == 1


async def test_a_broken_save_keeps_the_last_good_deck_and_says_where(deck_file: Path) -> None:
    app = presenter(deck_file)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot, app)
        await pilot.press("right")
        broken = DECK.replace("title: Middle", "titel: Middle").replace(
            "reveal: true", "reveal: maybe"
        )
        save_by_rename(deck_file, broken)
        await until(pilot, lambda: panel_shown(app))
        await pilot.pause()
        shown = panel(app)
        assert shown is not None
        assert shown.lines == [
            f"{deck_file}:6:13: reveal must be true or false, got 'maybe'",
            f"{deck_file}:12:5: unknown key 'titel' in slide 3 (did you mean 'title'?)",
        ]
        # The slide stays, whole, above the panel; keys still work on the last good deck.
        assert "Steps" in text_of(app, "#slide-title")
        slide = app.presenter.query_one("#slide")
        assert slide.region.height > 10 and slide.region.bottom <= shown.region.y
        await pilot.press("right")
        assert app.show.position == Position(1, 1)
        # Fixed: the panel goes, the new deck shows.
        save_by_rename(deck_file, DECK.replace("title: Steps", "title: Steps, fixed"))
        await until(pilot, lambda: "Steps, fixed" in text_of(app, "#slide-title"))
        assert not panel_shown(app)
        assert app.show.position == Position(1, 1)


async def test_a_slide_inserted_before_keeps_slide_step_and_timer(deck_file: Path) -> None:
    app = presenter(deck_file)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot, app)
        await pilot.press("right", "right", "right")  # Steps, two items; the timer runs
        assert app.timer.state is TimerState.RUNNING
        started_at = app.timer.elapsed()
        save_by_rename(
            deck_file, DECK.replace("  - title: Steps", "  - title: New\n  - title: Steps")
        )
        await until(pilot, lambda: len(app.show.deck.slides) == 6)
        assert app.show.position == Position(2, 2)
        assert "Steps" in text_of(app, "#slide-title") and "third" not in text_of(
            app, "#slide-body"
        )
        assert app.timer.state is TimerState.RUNNING and app.timer.elapsed() >= started_at
        assert "3/6" in status_position(app)


async def test_the_current_slide_deleted_shows_the_one_in_its_place(deck_file: Path) -> None:
    app = presenter(deck_file)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot, app)
        await pilot.press("colon", "3", "enter")
        save_in_place(deck_file, DECK.replace("  - title: Middle\n    body: Some text.\n", ""))
        await until(pilot, lambda: len(app.show.deck.slides) == 4)
        assert app.show.position == Position(2, 0)
        await until(pilot, lambda: "Vote" in text_of(app, "#slide-title"))


async def test_votes_and_the_chart_are_kept_by_poll_id(deck_file: Path) -> None:
    app = presenter(deck_file)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot, app)
        await pilot.press("colon", "4", "enter", "1", "1", "2", "r")
        save_by_rename(deck_file, DECK.replace("title: Vote", "title: Vote now"))
        await until(pilot, lambda: app.show.deck.slides[3].title == "Vote now")
        assert app.show.results is not None
        assert app.show.results.by_text() == {"Tea": 2, "Coffee": 1}
        assert app.show.chart_shown()


async def test_a_saved_theme_file_recolours_the_slides(deck_file: Path, tmp_path: Path) -> None:
    theme_text = (Path(__file__).resolve().parents[2] / "themes" / "paper.yaml").read_text(
        encoding="utf-8"
    )
    theme = tmp_path / "mine.yaml"
    theme.write_text(theme_text.replace("name: paper", "name: mine"), encoding="utf-8")
    deck_file.write_text(DECK.replace("title: Reload test", "title: Reload test\ntheme: mine.yaml"))
    app = presenter(deck_file)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot, app)
        assert app.theme == "mine" and theme in app.live_reload.files  # type: ignore[union-attr]
        before = app.current_theme.primary
        save_by_rename(theme, theme.read_text(encoding="utf-8").replace(before, "#123456"))
        await until(pilot, lambda: app.current_theme.primary == "#123456")
        assert app.get_css_variables()["primary"].lower() == "#123456"


async def test_no_reload_shows_the_deck_it_started_with(deck_file: Path) -> None:
    app = make_app(load_deck(str(deck_file)), live_reload=False)
    async with app.run_test(size=SIZE) as pilot:
        save_by_rename(deck_file, DECK.replace("title: Welcome", "title: Changed"))
        await pilot.pause(0.5)
        assert app.live_reload is None
        assert "Welcome" in text_of(app, "#slide-title")


async def test_a_deck_that_disappears_is_said_and_comes_back(deck_file: Path) -> None:
    app = presenter(deck_file)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot, app)
        deck_file.rename(deck_file.with_suffix(".bak"))
        await until(pilot, lambda: panel_shown(app))
        assert "no such file" in panel(app).lines[0]  # type: ignore[union-attr]
        assert "Welcome" in text_of(app, "#slide-title")
        deck_file.with_suffix(".bak").rename(deck_file)
        await until(pilot, lambda: not panel_shown(app))


class Unblocker:
    """Opens ``path`` for writing after ``delay`` seconds if a reader waits on it.

    A named pipe opened for reading blocks until a writer comes: should
    Podium ever do that again, this ends the wait (and the test then fails
    on its assertions) instead of hanging the suite.
    """

    def __init__(self, path: Path, delay: float = 20.0) -> None:
        self.path = path
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._run, args=(delay,), daemon=True)
        self.thread.start()

    def _run(self, delay: float) -> None:
        if self.done.wait(delay):
            return
        try:  # succeeds only while a reader is blocked in open()
            os.close(os.open(self.path, os.O_WRONLY | os.O_NONBLOCK))
        except OSError:
            pass

    def stop(self) -> None:
        self.done.set()
        self.thread.join()


def replace_by_pipe(path: Path) -> Unblocker:
    """Rename a new named pipe over ``path`` (as a tester's ``mv fifo file``)."""
    pipe = path.with_name(f".{path.name}.fifo")
    os.mkfifo(pipe)
    os.replace(pipe, path)
    return Unblocker(path)


async def test_a_deck_replaced_by_a_named_pipe_is_said_and_keys_still_work(
    deck_file: Path,
) -> None:
    app = presenter(deck_file)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot, app)
        unblocker = replace_by_pipe(deck_file)
        try:
            await until(pilot, lambda: panel_shown(app))
            assert panel(app).lines == [  # type: ignore[union-attr]
                f"{deck_file}:1:1: not a regular file (a named pipe)"
            ]
            assert "Welcome" in text_of(app, "#slide-title")
            await pilot.press("right")
            assert app.show.position.slide == 1
            assert "Steps" in text_of(app, "#slide-title")
        finally:
            unblocker.stop()
        save_by_rename(deck_file, DECK.replace("title: Middle", "title: Middle, back"))
        await until(pilot, lambda: not panel_shown(app))
        await pilot.press("right", "right", "right", "right")
        assert "Middle, back" in text_of(app, "#slide-title")


async def test_a_theme_file_replaced_by_a_named_pipe_is_said(
    deck_file: Path, tmp_path: Path
) -> None:
    theme_text = (Path(__file__).resolve().parents[2] / "themes" / "paper.yaml").read_text(
        encoding="utf-8"
    )
    theme = tmp_path / "mine.yaml"
    theme.write_text(theme_text.replace("name: paper", "name: mine"), encoding="utf-8")
    deck_file.write_text(DECK.replace("title: Reload test", "title: Reload test\ntheme: mine.yaml"))
    app = presenter(deck_file)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot, app)
        unblocker = replace_by_pipe(theme)
        try:
            await until(pilot, lambda: panel_shown(app))
            lines = panel(app).lines  # type: ignore[union-attr]
            assert len(lines) == 1 and "not a regular file (a named pipe)" in lines[0]
            assert app.theme == "mine"
            await pilot.press("right")
            assert app.show.position.slide == 1
        finally:
            unblocker.stop()


async def test_audience_views_get_the_reloaded_deck_and_never_the_panel(deck_file: Path) -> None:
    publisher = Publisher(str(deck_file))
    assert publisher.open()
    app = presenter(deck_file, publisher=publisher)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot, app)
        await pilot.press("right")
        save_by_rename(deck_file, DECK.replace("title: Steps", "title: Steps v2"))
        await until(pilot, lambda: published_revision(deck_file) is not None)
        copy = deck_copy_path(str(deck_file)).read_text(encoding="utf-8")
        assert "Steps v2" in copy
        # The deck file breaks: the presenter and the copy keep the last good deck.
        save_by_rename(deck_file, "slides: [oops")
        await until(pilot, lambda: panel_shown(app))
        assert "Steps v2" in deck_copy_path(str(deck_file)).read_text(encoding="utf-8")
    # An audience view started now shows the presenter's deck, not the broken file.
    audience = make_audience_app(load_deck_text(DECK, str(deck_file)), str(deck_file))
    async with audience.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: audience.audience.deck.slides[1].title == "Steps v2")
        assert not audience.screen.query(ReloadProblems)
    publisher.close()


def published_revision(deck_file: Path) -> str | None:
    state = read_state(state_path(str(deck_file)))
    return state.deck_rev if state is not None else None


async def test_a_poll_added_to_a_deck_without_one_says_its_votes_are_not_saved(
    tmp_path: Path,
) -> None:
    deck_file = tmp_path / "talk.yaml"
    deck_file.write_text("slides:\n  - title: Hello\n", encoding="utf-8")
    app = presenter(deck_file)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot, app)
        save_by_rename(deck_file, "slides:\n  - title: Hello\n    poll: {options: [Yes, No]}\n")
        await until(pilot, lambda: app.show.poll is not None)
        # The notice is posted as a message with the poll: it may land a moment later.
        await until(
            pilot, lambda: any("Votes not saved" in (n.title or "") for n in app._notifications)
        )
        await pilot.pause()
        await pilot.press("1")
        await until(
            pilot,
            lambda: app.show.results is not None and app.show.results.by_text()["Yes"] == 1,
        )


async def test_a_save_keeps_the_theme_chosen_in_the_palette(deck_file: Path) -> None:
    app = presenter(deck_file)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot, app)
        app.theme = "paper"
        save_by_rename(deck_file, DECK.replace("title: Welcome", "title: Welcome back"))
        await until(pilot, lambda: "Welcome back" in text_of(app, "#slide-title"))
        assert app.theme == "paper"


async def test_an_overview_opened_before_a_save_that_shortens_the_deck(deck_file: Path) -> None:
    app = presenter(deck_file)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot, app)
        await pilot.press("o")
        save_by_rename(deck_file, "slides:\n  - title: Only one left\n")
        await until(pilot, lambda: len(app.show.deck.slides) == 1)
        await pilot.pause()
        listed = app.screen.query_one("#overview-list")
        assert listed.option_count == 1  # the overview lists the saved deck's slides
        assert listed.get_option_at_index(0).prompt.title == "Only one left"
        await pilot.press("end", "enter")
        await until(pilot, lambda: app.screen is app.presenter)
        assert app.show.position == Position(0, 0)
        assert "Only one left" in text_of(app, "#slide-title")


async def test_voters_see_the_options_of_a_saved_poll(deck_file: Path, tmp_path: Path) -> None:
    from tui.polls.store import VoteStore

    store = VoteStore.open(tmp_path / "votes.sqlite3")
    app = presenter(deck_file, store=store)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot, app)
        await pilot.press("colon", "4", "enter")
        await until(pilot, lambda: store.stage().poll is not None)
        save_by_rename(deck_file, DECK.replace("[Tea, Coffee]", "[Tea, Coffee, Water]"))

        def voters_see() -> tuple[str, ...]:
            poll = store.stage().poll
            return poll.options if poll is not None else ()

        await until(pilot, lambda: voters_see() == ("Tea", "Coffee", "Water"))
    store.close()


async def test_the_problems_panel_speaks_the_decks_language(tmp_path: Path) -> None:
    path = tmp_path / "foredrag.yaml"
    norsk = DECK.replace("title: Reload test\n", "title: Test\nlang: nb\n")
    path.write_text(norsk, encoding="utf-8")
    app = presenter(path)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot, app)
        save_by_rename(path, norsk.replace("title: Middle", "titel: Middle"))
        await until(pilot, lambda: panel_shown(app))
        shown = panel(app)
        assert shown is not None
        assert str(shown.border_title).startswith("Ikke lastet på nytt: 1 feil · viser fortsatt")


async def test_a_theme_name_too_long_for_the_system_is_not_found(deck_file: Path) -> None:
    app = presenter(deck_file)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot, app)
        long_name = "x" * 300 + ".yaml"
        save_by_rename(
            deck_file, DECK.replace("title: Reload test", f"title: T\ntheme: {long_name}")
        )
        await until(pilot, lambda: panel_shown(app))
        lines = panel(app).lines  # type: ignore[union-attr]
        assert len(lines) == 1 and f"{deck_file}:2:8: theme: theme file not found" in lines[0]
        await pilot.press("right")
        assert app.show.position.slide == 1
