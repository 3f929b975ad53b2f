"""The phone page in the presenter app (Pilot): served from its event loop,
started and stopped from the palette, failures told to the presenter."""

from __future__ import annotations

import socket
from pathlib import Path

import aiohttp

from tui.app import make_app
from tui.deck import load_deck
from tui.polls.store import VoteStore
from tui.web.control import PhoneControl, PhoneSetup
from tui.web.serving import Address
from tui.widgets.join_view import JoinView
from tui.widgets.slide_view import SlideView

DATA = Path(__file__).resolve().parents[1] / "data"


def _app(tmp_path: Path, setup: PhoneSetup | None):
    deck = load_deck(str(DATA / "two_polls.yaml"))
    store = VoteStore.open(tmp_path / "votes.sqlite3")
    app = make_app(deck, store=store)
    if setup is not None:
        app.phones = PhoneControl(app, setup)
    return app, store


def _client() -> aiohttp.ClientSession:
    return aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))


async def _until(pilot, condition, tries: int = 100) -> None:
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("never happened")


async def test_served_from_the_app_a_phone_vote_reaches_the_chart(tmp_path: Path) -> None:
    app, store = _app(tmp_path, PhoneSetup(Address("127.0.0.1", 0)))
    async with app.run_test(size=(100, 30)) as pilot:
        await _until(pilot, lambda: app.phones is not None and app.phones.running)
        url = app.phones.serving.url
        assert any("Phones join at" in n.message for n in app._notifications)
        await pilot.press("right")
        await pilot.pause()
        assert app.presenter.query_one(JoinView).display
        assert app.presenter.query_one(SlideView).join.url == url
        async with _client() as client:
            async with client.get(url) as response:
                html = await response.text()
            csrf = html.split('name="csrf" value="')[1].split('"')[0]
            async with client.post(
                url + "/vote", data={"csrf": csrf, "poll": "first", "option": "no"}
            ) as response:
                assert response.status == 200
                assert "Your vote is saved" in await response.text()
        await _until(pilot, lambda: app.show.results is not None and app.show.results.voters == 1)
        assert app.show.results.counts == (0, 1)
    store.close()


async def test_the_palette_starts_and_stops_the_page(tmp_path: Path) -> None:
    app, store = _app(tmp_path, None)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    async with app.run_test(size=(100, 30)) as pilot:
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Phone voting: start" in titles and "Phone voting: stop" not in titles
        app.phones = PhoneControl(app, PhoneSetup(Address("127.0.0.1", port)))
        start = next(
            c for c in app.get_system_commands(app.screen) if c.title == "Phone voting: start"
        )
        start.callback()
        await _until(pilot, lambda: app.phones.running)
        stop = next(
            c for c in app.get_system_commands(app.screen) if c.title == "Phone voting: stop"
        )
        stop.callback()
        await _until(pilot, lambda: any("stopped" in n.message for n in app._notifications))
        assert app.phone_join() is None
        start.callback()  # again, on the same port
        await _until(pilot, lambda: app.phones.running)
    store.close()


async def test_a_taken_port_is_told_to_the_presenter_and_the_talk_goes_on(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        app, store = _app(tmp_path, PhoneSetup(Address("127.0.0.1", port)))
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert any("port is taken" in n.message for n in app._notifications)
            assert not app.phones.running
            await pilot.press("right")
            await pilot.pause()
            assert app.show.position.slide == 1
            # No join code shown (none is built while the page is not served).
            assert not any(view.display for view in app.presenter.query(JoinView))
    store.close()


async def test_the_phone_page_is_announced_in_the_talks_language(tmp_path: Path) -> None:
    from conftest import SEED_DECK

    deck = load_deck(str(SEED_DECK))  # lang: nb
    store = VoteStore.open(tmp_path / "votes.sqlite3")
    app = make_app(deck, store=store)
    app.phones = PhoneControl(app, PhoneSetup(Address("127.0.0.1", 0)))
    async with app.run_test(size=(100, 30)) as pilot:
        await _until(pilot, lambda: app.phones is not None and app.phones.running)
        joined = [n for n in app._notifications if "Mobilene blir med på" in n.message]
        assert joined and joined[0].title == "Mobilsiden"
        assert app.phones.serving is not None and app.phones.serving.url in joined[0].message
        assert not any("Phones join" in n.message for n in app._notifications)
    store.close()
