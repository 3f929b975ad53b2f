"""Pilot tests: the presenter screen driven by keys, asserting on state."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DATA, FixedClock, fixed_now
from status_row import status_position

from tui.app import PodiumApp, make_app
from tui.deck import Deck, load_deck, load_deck_text
from tui.navigation import Position
from tui.polls.store import VoteStore
from tui.screens.blank import BlankScreen
from tui.screens.help import HelpScreen
from tui.screens.overview import OverviewScreen
from tui.widgets.notes_pane import NotesPane
from tui.widgets.slide_view import SlideView

SIZE = (100, 30)


@pytest.fixture
def demo_deck() -> Deck:
    return load_deck(DATA / "presenter_demo.yaml")


def text_of(app: PodiumApp, selector: str) -> str:
    """The plain text a widget shows, as rendered at its current size."""
    widget = app.screen.query_one(selector)
    lines = widget.render_lines(widget.region.reset_offset)
    return "\n".join("".join(segment.text for segment in line).rstrip() for line in lines)


def slide_text(app: PodiumApp) -> str:
    return "\n".join(
        text_of(app, selector)
        for selector in ("#slide-title", "#slide-subtitle", "#slide-body", "#slide-poll")
        if app.screen.query_one(selector).display
    )


async def test_next_and_previous_keys(seed_deck: Deck) -> None:
    app = make_app(seed_deck)
    async with app.run_test(size=SIZE) as pilot:
        assert app.show.state.position == Position(0, 0)
        for key in ("right", "space", "pagedown", "l", "n", "enter"):
            await pilot.press(key)
        assert app.show.state.position == Position(6, 0)
        for key in ("left", "pageup", "backspace", "h", "p"):
            await pilot.press(key)
        assert app.show.state.position == Position(1, 0)
        assert "KS' visjon" in slide_text(app)


async def test_first_last_and_bounds(seed_deck: Deck) -> None:
    app = make_app(seed_deck)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("left")
        assert app.show.state.position == Position(0, 0)
        await pilot.press("end")
        assert app.show.state.position.slide == len(seed_deck.slides) - 1
        await pilot.press("right")
        assert app.show.state.position.slide == len(seed_deck.slides) - 1
        await pilot.press("home")
        assert app.show.state.position == Position(0, 0)
        await pilot.press("G")
        assert app.show.state.position.slide == len(seed_deck.slides) - 1
        await pilot.press("g")
        assert app.show.state.position.slide == 0


async def test_position_indicator_always_visible(seed_deck: Deck) -> None:
    app = make_app(seed_deck)
    async with app.run_test(size=(80, 24)) as pilot:
        assert "1/13" in status_position(app)
        await pilot.press("right", "right")
        assert "3/13" in status_position(app)


async def test_incremental_reveal(demo_deck: Deck) -> None:
    app = make_app(demo_deck)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right")
        await pilot.pause()
        body = text_of(app, "#slide-body")
        assert "Intro line." in body and "First" not in body
        await pilot.press("right")
        body = text_of(app, "#slide-body")
        assert "First" in body and "First, nested" in body and "Second" not in body
        await pilot.press("right", "right")
        body = text_of(app, "#slide-body")
        assert "Third" in body
        await pilot.press("right")
        assert app.show.state.position == Position(2, 0)
        # Going back shows the slide as the audience last saw it: complete.
        await pilot.press("left")
        assert app.show.state.position == Position(1, 3)
        assert "Third" in text_of(app, "#slide-body")


async def test_go_to_slide_by_number(seed_deck: Deck) -> None:
    app = make_app(seed_deck)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("colon")
        assert "go to _ ⏎" in status_position(app)
        await pilot.press("1", "2")
        assert "go to 12 ⏎" in status_position(app)
        assert app.show.state.position.slide == 0
        await pilot.press("enter")
        assert app.show.state.position == Position(11, 0)
        assert "go to" not in status_position(app)
        assert "Noen tanker til slutt" in slide_text(app)
        await pilot.press("colon", "9", "9", "enter")
        await pilot.pause()
        assert app.show.state.position == Position(11, 0)
        assert any("no slide 99" in str(n.message) for n in app._notifications)
        await pilot.press("colon", "3", "escape")
        assert "go to" not in status_position(app)
        await pilot.press("enter")
        assert app.show.state.position == Position(12, 0)
        # Backspace takes back a digit: 14 becomes 1.
        await pilot.press("colon", "1", "4", "backspace", "enter")
        assert app.show.state.position == Position(0, 0)


async def test_bare_digits_hint_at_the_go_to_prompt(seed_deck: Deck) -> None:
    app = make_app(seed_deck)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "2", "enter")
        await pilot.pause()
        # Not a slide number: the digits say how to go to a slide; Enter just advances.
        assert app.show.state.position == Position(1, 0)
        hints = [n for n in app._notifications if "Press :" in str(n.message)]
        assert len(hints) == 1  # once, however many digits
        assert "go to" not in status_position(app)


async def test_go_to_works_on_a_poll_slide_without_voting(seed_deck: Deck) -> None:
    app = make_app(seed_deck)
    poll_slide = next(i for i, s in enumerate(seed_deck.slides) if s.poll)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("colon", *str(poll_slide + 1), "enter")
        assert app.show.state.position.slide == poll_slide
        await pilot.press("colon", "3", "enter")
        assert app.show.state.position == Position(2, 0)
        assert app.poll_results(seed_deck.slides[poll_slide].poll).voters == 0  # type: ignore[arg-type]


async def test_overview_jumps_by_title(seed_deck: Deck) -> None:
    app = make_app(seed_deck)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        assert isinstance(app.screen, OverviewScreen)
        await pilot.press("down", "down", "down", "enter")
        assert not isinstance(app.screen, OverviewScreen)
        assert app.show.state.position == Position(3, 0)
        assert "Samfunnsfloker" in slide_text(app)
        await pilot.press("o", "escape")
        assert app.show.state.position == Position(3, 0)


async def test_notes_pane(seed_deck: Deck, clock: FixedClock) -> None:
    app = make_app(seed_deck, clock=clock, now=fixed_now)
    async with app.run_test(size=SIZE) as pilot:
        assert not app.screen.query(NotesPane)  # built the first time it is shown
        await pilot.press("s")
        await pilot.pause()
        pane = app.screen.query_one(NotesPane)
        assert pane.display
        notes = text_of(app, "#notes-text")
        assert "Samordning på tvers" in notes.replace("\n", " ")
        assert "Next: KS' visjon" in text_of(app, "#notes-next")
        assert "0:00" in text_of(app, "#notes-clock") and "14:05" in text_of(app, "#notes-clock")
        await pilot.press("t")  # the talk starts on the walk-in slide
        clock.advance(125)
        pane.refresh_clock()
        await pilot.pause()
        assert "2:05 / 20:00" in text_of(app, "#notes-clock")
        await pilot.press("right")
        assert "Next: Innovasjon – hva er det?" in text_of(app, "#notes-next")
        await pilot.press("s")
        assert not pane.display


async def test_blank_screen_returns_on_any_key(seed_deck: Deck) -> None:
    app = make_app(seed_deck)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b")
        assert isinstance(app.screen, BlankScreen)
        await pilot.press("x")
        assert not isinstance(app.screen, BlankScreen)
        assert app.show.state.position == Position(0, 0)


async def test_help_lists_the_keys(seed_deck: Deck) -> None:
    app = make_app(seed_deck)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        shown = text_of(app, "#help-table")
        for expected in ("Next step or slide", "Previous step or slide", "Overview", "speaker notes",
                         "Blank the screen", "Go to slide N", "Vote for option", "Quit"):
            assert expected in shown, expected
        go_to = next(line for line in shown.splitlines() if "Go to slide N" in line)
        assert go_to.split()[0] == ":"
        suspend = next(line for line in shown.splitlines() if "Suspend to the shell" in line)
        assert suspend.split()[0] == "^z"
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_poll_votes_persist_across_runs(seed_deck: Deck, tmp_path: Path) -> None:
    poll_slide = next(i for i, s in enumerate(seed_deck.slides) if s.poll)
    poll = seed_deck.slides[poll_slide].poll
    assert poll is not None
    store = VoteStore.open(tmp_path / "votes.sqlite3")
    app = make_app(seed_deck, store=store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("colon", *str(poll_slide + 1), "enter")
        assert app.show.state.position.slide == poll_slide
        await pilot.press("1", "1", "4", "7")
        assert "Teknologi" in text_of(app, "#slide-poll")
        assert "%" not in text_of(app, "#slide-poll")
        await pilot.press("r")
        chart = text_of(app, "#slide-poll")
        assert "50%" in chart and "25%" in chart
    store.close()

    store = VoteStore.open(tmp_path / "votes.sqlite3")
    assert store.results(poll).by_text()["Behov"] == 2
    app = make_app(seed_deck, store=store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("colon", *str(poll_slide + 1), "enter", "r")
        chart = text_of(app, "#slide-poll")
        behov = next(line for line in chart.splitlines() if "Behov" in line)
        assert "2" in behov and "50%" in behov
        await pilot.press("u")
        assert store.results(poll).by_text()["Teknologi"] == 0
    store.close()


async def test_poll_options_show_what_was_typed(demo_deck: Deck) -> None:
    app = make_app(demo_deck)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("end", "left")
        poll_text = text_of(app, "#slide-poll")
        assert "Yes" in poll_text and "No" in poll_text and "[1]" in poll_text


async def test_digits_vote_only_on_poll_slides(demo_deck: Deck) -> None:
    app = make_app(demo_deck)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("end", "left")
        await pilot.press("2")
        assert app.poll_totals(demo_deck.slides[5].poll)["No"] == 1  # type: ignore[arg-type]
        assert app.show.state.typed == ""
        # Option 4 does not exist: nothing is counted, nothing typed.
        await pilot.press("4")
        assert sum(app.poll_totals(demo_deck.slides[5].poll).values()) == 1  # type: ignore[arg-type]


async def test_theme_switch_live(seed_deck: Deck) -> None:
    app = make_app(seed_deck)
    async with app.run_test(size=SIZE) as pilot:
        assert app.theme == "ks"
        before = app.screen.styles.background
        app.theme = "paper"
        await pilot.pause()
        assert app.theme == "paper"
        assert app.screen.styles.background != before


async def test_palette_offers_slides_and_themes(seed_deck: Deck) -> None:
    app = make_app(seed_deck)
    async with app.run_test(size=SIZE):
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Go to slide  4: Samfunnsfloker" in titles
        assert "Theme: paper" in titles and "Theme: contrast" in titles
        assert any(title.startswith("Reset poll:") for title in titles)


async def test_palette_jump(seed_deck: Deck) -> None:
    app = make_app(seed_deck)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"Samfunnsfloker")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.show.state.position == Position(3, 0)


async def test_too_small_terminal_says_so_and_recovers(seed_deck: Deck) -> None:
    app = make_app(seed_deck)
    async with app.run_test(size=(30, 10)) as pilot:
        await pilot.pause()
        assert app.presenter.has_class("-too-small")
        assert "at least 40x12" in text_of(app, "#too-small").replace("\n", " ")
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert not app.presenter.has_class("-too-small")
        assert "Samordning" in slide_text(app)


async def test_a_terminal_made_too_small_while_the_app_quits_is_no_crash(
    seed_deck: Deck,
) -> None:
    from textual import events
    from textual.geometry import Size

    app = make_app(seed_deck)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        small = Size(30, 10)
        app._size = small  # what the app's own resize handler sets
        app.presenter.post_message(events.Resize(small, small))
        app.exit()  # the screen handles the resize while the app closes
    assert app._exception is None
    assert app.return_code == 0


async def test_long_slide_says_it_scrolls(seed_deck: Deck) -> None:
    app = make_app(seed_deck)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("colon", "7", "enter")
        await pilot.pause()
        assert "innovasjonssystem" in slide_text(app)
        assert "more" not in status_position(app)  # it fits at 80x24...
        await pilot.press("s")  # ...but not beside the notes pane
        await pilot.pause()
        assert "↓ more" in status_position(app)
        for _ in range(20):
            await pilot.press("down")
        await pilot.pause()
        assert "more" not in status_position(app)


async def test_more_is_said_on_the_long_slide_itself_and_not_after_it() -> None:
    """Right into a long slide says "more"; Left back to a short one does not (it lagged a change)."""
    items = "".join(f"      - item {number}\n" for number in range(40))
    deck = load_deck_text(
        "slides:\n  - title: Short\n    body: hello\n"
        f"  - title: Long\n    body: |\n{items}  - title: Also long\n    body: |\n{items}"
    )
    app = make_app(deck)
    async with app.run_test(size=(100, 30)) as pilot:
        said = []
        for key in ("right", "right", "left", "left"):
            await pilot.press(key)
            await pilot.pause()
            await pilot.pause()
            said.append("more" in status_position(app))
        assert said == [True, True, True, False]


async def test_every_layout_renders(demo_deck: Deck) -> None:
    app = make_app(demo_deck)
    async with app.run_test(size=(80, 24)) as pilot:
        layouts = set()
        for index in range(len(demo_deck.slides)):
            app.show.jump(index)
            await pilot.pause()
            view = app.screen.query_one(SlideView)
            layouts |= {name for name in view.classes if name.startswith("-layout-")}
            assert slide_text(app).strip() or view.query_one("#slide-columns").display
        assert layouts == {
            f"-layout-{name}" for name in ("title", "content", "section", "quote", "columns", "poll")
        }


async def test_no_color_is_honoured(seed_deck: Deck, monkeypatch: pytest.MonkeyPatch) -> None:
    from textual.filter import Monochrome, NoColor

    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(seed_deck)
    async with app.run_test(size=SIZE):
        assert app.no_color
        assert any(isinstance(each, (Monochrome, NoColor)) for each in app._filters)


async def test_one_key_is_one_change_and_one_redraw(demo_deck: Deck) -> None:
    app = make_app(demo_deck)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.presenter
        draws: list[int] = []
        draw = screen._draw

        def counted() -> None:
            draws.append(1)
            draw()

        screen._draw = counted  # type: ignore[method-assign]
        changes: list[object] = []
        app.show.subscribe(changes.append)
        await pilot.press("right")
        assert (len(changes), len(draws)) == (1, 1)
        await pilot.press("colon", "5")  # the prompt redraws the status bar alone
        assert (len(changes), len(draws)) == (3, 1)
        await pilot.press("enter")  # closing the prompt and moving: one change
        assert (len(changes), len(draws)) == (4, 2)
        assert app.show.state.position == Position(4, 0) and not app.show.state.goto_open
