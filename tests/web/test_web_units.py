"""The phone page's parts on their own: imports, join token, limits, page text, CLI."""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tui.deck.model import Poll
from tui.web.guard import Guard, RateLimiter
from tui.web.join import (
    TOKEN_ALPHABET,
    base_address,
    code_to_token,
    is_token,
    load_token,
    qr_text,
    short_code,
    token_path,
)
from tui.web.page import Visitor, render_main, render_page
from tui.web.serving import Address, BindError, bind
from tui.web.view import PhoneView
from tui.web.wording import LANGUAGES, words

REPO = Path(__file__).resolve().parents[2]


def _modules_after(code: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
        env={**os.environ, "PODIUM_DATA_DIR": "/nonexistent"},
    )
    assert result.returncode == 0, result.stderr
    return {name.split(".")[0] for name in json.loads(result.stdout.splitlines()[-1])}


def test_presenting_without_serve_loads_neither_aiohttp_nor_segno() -> None:
    loaded = _modules_after(
        "from tui.deck import load_deck\nfrom tui.app import make_app\n"
        "app = make_app(load_deck('slides.yaml'))\n"
        "list(app.get_system_commands(app.get_default_screen()))"
    )
    assert not loaded & {"aiohttp", "segno", "multidict", "yarl"}


@pytest.mark.parametrize(
    "module", ["tui.web.view", "tui.web.join", "tui.web.guard", "tui.web.page", "tui.web.serving"]
)
def test_the_plain_parts_of_the_page_load_no_ui_and_no_server(module: str) -> None:
    loaded = _modules_after(f"import {module}")
    assert not loaded & {"textual", "aiohttp", "segno", "sqlite3"}


def test_the_join_token_is_kept_private_across_restarts(tmp_path: Path) -> None:
    path = token_path("deck.yaml", tmp_path / "votes" / "deck.sqlite3")
    assert path.parent == tmp_path / "votes"
    first = load_token(path)
    assert is_token(first) and set(first) <= set(TOKEN_ALPHABET)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_token(path) == first  # a restart keeps it: phones keep working
    path.write_text("<damaged>\n")
    replaced = load_token(path)
    assert is_token(replaced) and replaced != first


def test_short_codes_are_typed_in_any_case_with_or_without_the_dash() -> None:
    token = "K7M2Q9XPAB"
    assert short_code(token) == "K7M2Q-9XPAB"
    assert code_to_token(" k7m2q-9xpab ") == token


def test_the_qr_text_is_the_same_address_in_capitals_where_case_does_not_matter() -> None:
    assert qr_text("http://10.0.0.5:8080/K7M2Q9XPAB") == "HTTP://10.0.0.5:8080/K7M2Q9XPAB"
    kept = "https://vote.example/room/K7M2Q9XPAB"
    assert qr_text(kept) == kept  # small letters in the path: as given
    assert base_address("0.0.0.0", 8080, "http://vote.example:81/") == "http://vote.example:81"
    assert base_address("::1", 8080) == "http://[::1]:8080"


def test_the_rate_limiter_refuses_a_burst_then_refills() -> None:
    now = [0.0]
    limiter = RateLimiter(10.0, 5, clock=lambda: now[0])
    assert [limiter.allow("a") for _ in range(7)] == [True] * 5 + [False] * 2
    assert limiter.allow("b")  # another phone is not affected
    now[0] += 0.1
    assert limiter.allow("a") and not limiter.allow("a")


def test_csrf_tokens_are_bound_to_the_voter() -> None:
    guard = Guard(b"k" * 32)
    voter, other = Guard.new_voter(), Guard.new_voter()
    assert Guard.is_voter(voter) and not Guard.is_voter("<script>") and not Guard.is_voter(None)
    assert guard.check_csrf(voter, guard.csrf(voter))
    assert not guard.check_csrf(other, guard.csrf(voter))
    assert not guard.check_csrf(voter, "ø" * 32)
    assert Guard.store_voter(voter).startswith("web:")


def test_every_text_is_escaped_and_the_page_stays_small() -> None:
    evil = '<img src=x onerror=alert(1)>"&'
    poll = Poll(id="q", question=evil, options=(evil, "B" * 300), option_ids=("a", "b"))
    view = PhoneView(
        slide=2, title=evil, poll=poll, revealed=True, counts=(1, 2), percentages=(33, 67), voters=3
    )
    for lang in LANGUAGES:
        page = render_page(view, Visitor("K7M2Q9XPAB", "0" * 32, ("a",), "", lang), "n0nce")
        assert "<img" not in page and "&lt;img src=x" in page
        assert len(page.encode()) < 30 * 1024
        assert page.count('nonce="n0nce"') == 2
    waiting = render_main(PhoneView(slide=1, title=evil, text=evil), Visitor("T", "c"))
    assert "<img" not in waiting


def test_every_wording_has_english_and_norwegian() -> None:
    english, norwegian = words("en"), words("nb")
    assert set(english) == set(norwegian)
    assert english["waiting"] == "Wait for the next question"
    assert norwegian["waiting"] == "Vent på neste spørsmål"
    assert words("xx") is english and words(None) is english


def test_serve_addresses_are_parsed_and_a_taken_port_is_a_clear_error() -> None:
    assert Address.parse("8080") == Address("0.0.0.0", 8080)
    assert Address.parse("127.0.0.1:80") == Address("127.0.0.1", 80)
    assert Address.parse("[::1]:9000") == Address("::1", 9000)
    for bad in ("http", "1.2.3.4:", "99999", "host:port"):
        with pytest.raises(ValueError):
            Address.parse(bad)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(BindError, match="port is taken"):
            bind(Address("127.0.0.1", port))
    with pytest.raises(BindError, match="not one of this machine's"):
        bind(Address("203.0.113.7", 8080))


def test_podium_serve_on_a_taken_port_exits_2_with_one_line(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "tui", "--serve", f"127.0.0.1:{port}"],
            capture_output=True,
            text=True,
            cwd=REPO,
            env={**os.environ, "PODIUM_DATA_DIR": str(tmp_path)},
            timeout=60,
            check=False,
        )
    assert result.returncode == 2
    assert "port is taken" in result.stderr and "Traceback" not in result.stderr
    for args, message in (
        (["--serve", "nope"], "not [HOST:]PORT"),
        (["--public-url", "http://x"], "needs --serve"),
        (["--serve", "0", "--public-url", "javascript:alert(1)"], "--public-url must be"),
    ):
        result = subprocess.run(
            [sys.executable, "-m", "tui", *args],
            capture_output=True,
            text=True,
            cwd=REPO,
            env={**os.environ, "PODIUM_DATA_DIR": str(tmp_path)},
            timeout=60,
            check=False,
        )
        assert result.returncode == 2, args
        assert message in result.stderr and "Traceback" not in result.stderr


def test_vote_many_writes_a_burst_in_one_transaction_refusing_each_vote_on_its_own(
    tmp_path: Path,
) -> None:
    from tui.polls.model import Ballot, VoteRefused
    from tui.polls.store import VoteStore

    first = Poll(id="first", question="Q?", options=("Yes", "No"))
    other = Poll(id="other", question="R?", options=("A", "B"))
    with VoteStore.open(tmp_path / "votes.sqlite3") as store:
        store.publish(first, presenter=(os.getpid(), "here"))
        outcomes = store.vote_many(
            [
                (first, ["yes"], "web:a"),
                (other, ["a"], "web:b"),  # not on the screen
                (first, ["maybe"], "web:c"),  # no such option
                (first, ["no"], "web:a"),  # a's vote changed
                (first, ["no"], "web:d"),
            ]
        )
        assert isinstance(outcomes[0], Ballot) and isinstance(outcomes[4], Ballot)
        assert isinstance(outcomes[1], VoteRefused) and isinstance(outcomes[2], ValueError)
        assert store.results(first).counts == (0, 2)
        assert store.results(other).voters == 0
        store.set_closed("first", True)
        assert isinstance(store.vote_many([(first, ["yes"], "web:e")])[0], VoteRefused)
        assert store.results(first).counts == (0, 2)


def test_without_colour_the_code_is_drawn_in_blocks_that_still_decode() -> None:
    pytest.importorskip("segno")
    from tui.web.qr import draw, make_join
    from web.qr_screen import BLACK, WHITE, decode, qr_image

    url = "http://10.0.0.5:8080/K7M2Q9XPAB"
    lines = draw(make_join(url, "K7M2Q-9XPAB"), plain=True)
    assert all(not span.style for line in lines for span in line.spans)
    # As a light-on-dark terminal shows it: ink (the blocks) is light.
    halves = {"█": (WHITE, WHITE), "▀": (WHITE, BLACK), "▄": (BLACK, WHITE), " ": (BLACK, BLACK)}
    grid = [[("▀", *halves[char]) for char in line.plain] for line in lines]
    found = decode(qr_image(grid))
    assert [text.upper() for text in found] == [url.upper()]
