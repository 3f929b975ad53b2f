"""Every view shows hostile text with its controls made visible (Pilot).

The loader refuses control characters, so these tests build the deck model
directly, as if hostile text had got past it (or came from a vote store),
and check what each view would draw: the presenter with the notes pane on
every slide and step, the overview, the command palette, help, a confirm
dialog, a notification, the audience view and the voter's view.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

from conftest import FixedClock, fixed_now

from tui.app import make_app
from tui.audience.app import make_audience_app
from tui.deck.model import Deck, Layout, Poll, Slide
from tui.polls.store import VoteStore
from tui.safe_text import first_control
from tui.voter.factory import make_voter_app

OSC52 = "\x1b]52;c;SE9TVElMRQ==\x07"
PAYLOAD = f"<{OSC52}|\x1b[2J|\x1b[?1049l|\x9b2J|\x07|R\rR|\x7f|\x08|\u202e|[bold]x[/bold]>"
SIZE = (100, 30)

POLL = Poll(id="p", question="Question" + PAYLOAD, options=("opt" + PAYLOAD, "two" + PAYLOAD))


def hostile_deck(source: str = "talk.yaml") -> Deck:
    """Hostile text in every field a view shows."""
    return Deck(
        title="Deck" + PAYLOAD,
        source=source,
        slides=(
            Slide(layout=Layout.TITLE, title="Title" + PAYLOAD, subtitle="Sub" + PAYLOAD, notes="Note" + PAYLOAD),
            Slide(
                title="Body",
                body="- item" + PAYLOAD + "\n- two" + PAYLOAD + "\n",
                reveal=True,
                notes="N2" + PAYLOAD,
                step_notes=("step" + PAYLOAD,),
            ),
            Slide(layout=Layout.COLUMNS, title="Cols", columns=("c1" + PAYLOAD, "c2" + PAYLOAD)),
            Slide(layout=Layout.QUOTE, body="q" + PAYLOAD, attribution="who" + PAYLOAD),
            Slide(layout=Layout.POLL, title="Q?" + PAYLOAD, poll=POLL, notes="pn" + PAYLOAD),
        ),
    )


def assert_printable(screenshot: str, where: str) -> None:
    """The screen as drawn holds no control character (lines aside)."""
    # The SVG's window title (the app's title) is no part of the terminal.
    screenshot = "\n".join(line for line in screenshot.split("\n") if 'text-anchor="middle"' not in line)
    index = first_control(screenshot)
    assert index == -1, f"{where}: {screenshot[max(0, index - 40) : index + 10]!r}"


async def test_presenter_views_show_hostile_text_as_text() -> None:
    app = make_app(hostile_deck(), clock=FixedClock(), now=fixed_now)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        seen = 0
        for _ in range(8):
            await pilot.pause()
            screenshot = app.export_screenshot()
            assert_printable(screenshot, f"slide {app.show.state.position}")
            seen += screenshot.count("␛")
            if app.show.state.position.slide == 0:
                assert "[bold]x[/bold]" in screenshot  # text, never markup
            await pilot.press("right")
        assert seen, "the escapes are shown, as control pictures"
        await pilot.press("1", "r")
        await pilot.pause()
        assert_printable(app.export_screenshot(), "poll results")
        await pilot.press("o")
        await pilot.pause()
        assert_printable(app.export_screenshot(), "overview")
        await pilot.press("escape", "ctrl+p")
        await pilot.pause()
        assert_printable(app.export_screenshot(), "palette")
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        assert_printable(app.export_screenshot(), "help")
        await pilot.press("escape")
        app.reset_poll(POLL)
        await pilot.pause()
        assert_printable(app.export_screenshot(), "confirm dialog")
        await pilot.press("escape")
        # What a toast draws (headless runs mount no toasts): plain text only.
        app.notify("Trouble" + PAYLOAD, title="Title" + PAYLOAD, markup=True)
        await pilot.pause()
        toast = next(each for each in app._notifications if each.message.startswith("Trouble"))
        assert not toast.markup
        assert first_control(toast.message) == -1 and first_control(toast.title, lines=False) == -1
        assert "␛]52;" in toast.message and "[bold]x[/bold]" in toast.message


async def test_audience_view_shows_hostile_text_as_text(tmp_path: Path) -> None:
    deck = hostile_deck(str(tmp_path / "talk.yaml"))
    app = make_audience_app(deck, deck.source)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(6):
            await pilot.pause()
            assert_printable(app.export_screenshot(), "audience")
            await pilot.press("right")


async def test_voter_view_shows_hostile_poll_and_name_as_text() -> None:
    store = VoteStore.in_memory()
    store.publish(POLL, presenter=(os.getpid(), socket.gethostname()))
    app = make_voter_app("name\x1b[2J", store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screenshot = app.export_screenshot()
        assert "Question" in screenshot
        assert_printable(screenshot, "voter")
    app.check()  # the store timer's last look, after the widgets went: nothing to draw
