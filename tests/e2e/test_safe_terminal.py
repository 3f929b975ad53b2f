"""End-to-end: the raw bytes Podium writes to a real pseudo-terminal carry no
control sequence from outside text.

Each test runs a command in a pty (pexpect), collects every byte it writes,
and looks for the payloads planted in deck text, vote stores and voter
names. Textual's own output is full of ESC, so the payloads are framed by
marker letters (``Q\\x1b[2JQ``) that only the planted text holds. One test
runs the presenter with the safeguard bypassed, to show the checks catch
the payloads when they do get through.
"""

from __future__ import annotations

import io
import json
import os
import socket
import sqlite3
import sys
import textwrap
import time
from pathlib import Path

import pytest
from tmux_session import PODIUM, needs_podium

from tui.deck.model import Poll
from tui.polls.store import VoteStore

pexpect = pytest.importorskip("pexpect")

OSC52 = "\x1b]52;c;SE9TVElMRQ==\x07"
PAYLOAD = f"<{OSC52}|Q\x1b[2JQ|L\x1b[?1049lL|C\x9b2JC|G\x07G|R\rR|D\x7fD|B\x08B|\u202e>"
NEEDLES = {
    "OSC 52 (clipboard)": b"\x1b]52;",
    "CSI 2J (clear screen)": b"Q\x1b[2JQ",
    "CSI ?1049l (leave alternate screen)": b"L\x1b[?1049lL",
    "8-bit CSI U+009B": b"\xc2\x9b",
    "BEL": b"G\x07G",
    "bare CR": b"R\rR",
    "DEL": b"D\x7fD",
    "BS": b"B\x08B",
    "bidi override U+202E": "\u202e".encode(),
}
RIGHT, ESC, CTRL_P = "\x1b[C", "\x1b", "\x10"


def run_in_pty(
    command: str,
    args: list[str],
    *,
    keys: list[str] = (),  # type: ignore[assignment]
    ready: bytes | None = None,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    pause: float = 0.4,
) -> tuple[bytes, int | None]:
    """Run ``command`` in a 100x30 pty, type ``keys``; return its bytes and exit status."""
    buffer = io.BytesIO()
    child = pexpect.spawn(
        command,
        args,
        dimensions=(30, 100),
        env={"TERM": "xterm-256color", "PATH": "/usr/bin:/bin", **(env or {})},
        cwd=str(cwd) if cwd else None,
    )
    child.logfile_read = buffer

    def pump(seconds: float, until: bytes | None = None) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end and child.isalive():
            if until is not None and until in buffer.getvalue():
                return
            try:
                child.read_nonblocking(65536, timeout=0.05)
            except pexpect.TIMEOUT:
                pass
            except pexpect.EOF:
                return

    pump(20, ready)
    for key in keys:
        child.send(key)
        pump(pause)
    pump(10, b"\x00never")  # until it exits
    try:
        child.read()
    except Exception:
        pass
    child.close(force=True)
    return buffer.getvalue(), child.exitstatus


def payloads_in(data: bytes) -> list[str]:
    """Names of the planted sequences found in ``data``."""
    return [name for name, needle in NEEDLES.items() if needle in data]


HOSTILE_PRESENTER = textwrap.dedent(
    f"""
    import os, sys
    import tui.safe_text as safe_text

    if os.environ.get("PODIUM_TEST_BYPASS"):  # the old behaviour, to prove the checks
        safe_text.printable = lambda text, lines=True: text
        safe_text.one_line = lambda text: text

    from tui.app import make_app
    from tui.deck.model import Deck, Layout, Poll, Slide

    P = {PAYLOAD!r}
    poll = Poll(id="p", question="Question" + P, options=("opt" + P, "two" + P))
    deck = Deck(
        title="Deck" + P,
        source=sys.argv[1],
        slides=(
            Slide(layout=Layout.TITLE, title="Title" + P, subtitle="Sub" + P, notes="Note" + P),
            Slide(title="Body", body="- item" + P + "\\n- two" + P + "\\n", reveal=True,
                  notes="N2" + P, step_notes=("step" + P,)),
            Slide(layout=Layout.COLUMNS, title="Cols", columns=("c1" + P, "c2" + P)),
            Slide(layout=Layout.QUOTE, body="q" + P, attribution="who" + P),
            Slide(layout=Layout.POLL, title="Q?" + P, poll=poll, notes="pn" + P),
        ),
    )
    make_app(deck).run()
    """
)
# Notes pane, every slide and step, a vote, results, overview, palette, help, quit.
PRESENTER_KEYS = ["s", *[RIGHT] * 7, "1", "r", "o", ESC, CTRL_P, ESC, "?", ESC, "q"]


@pytest.mark.parametrize("bypass", [False, True], ids=["safe", "safeguard-bypassed"])
def test_presenter_writes_no_payload_to_the_terminal(tmp_path: Path, bypass: bool) -> None:
    script = tmp_path / "hostile_presenter.py"
    script.write_text(HOSTILE_PRESENTER)
    env = {"PODIUM_DATA_DIR": str(tmp_path / "data")}
    if bypass:
        env["PODIUM_TEST_BYPASS"] = "1"
    data, _ = run_in_pty(
        sys.executable,
        [str(script), str(tmp_path / "talk.yaml")],
        keys=PRESENTER_KEYS,
        ready=b"Title",
        env=env,
        cwd=tmp_path,
    )
    assert b"Question" in data and b"Body" in data, "the presenter ran through the deck"
    found = payloads_in(data)
    if bypass:
        # Rich drops BEL, CR and BS itself; the others reach the terminal.
        assert {"OSC 52 (clipboard)", "CSI 2J (clear screen)", "8-bit CSI U+009B"} <= set(found)
    else:
        assert found == []
        assert "␛]52;".encode() in data  # shown, as a control picture


def _deck_with_a_poll(folder: Path) -> Path:
    deck = folder / "talk.yaml"
    deck.write_text("title: Talk\nslides:\n  - title: Welcome\n  - title: Vote now\n    poll: {id: first, options: [Yes, No]}\n")
    return deck


def _plant(store_path: Path, rows: list[tuple[str, str, str, str]]) -> None:
    """Votes as a store written by anything could hold them: (poll, voter, option id, label)."""
    with sqlite3.connect(store_path) as db:
        db.executemany(
            "INSERT INTO votes (poll_id, voter, option_id, label, cast_at) VALUES (?, ?, ?, ?, 1.0)", rows
        )


@needs_podium
def test_presenter_shows_hostile_store_text_safely(tmp_path: Path) -> None:
    deck = _deck_with_a_poll(tmp_path)
    store_path = tmp_path / "votes.sqlite3"
    VoteStore.open(store_path).close()
    _plant(store_path, [("first", "v1", "gone", "Gone" + PAYLOAD)])  # an orphaned option
    data, status = run_in_pty(
        str(PODIUM),
        [str(deck), "--store", str(store_path)],
        keys=[RIGHT, "s", "r", "q"],
        ready=b"Welcome",
        env={"PODIUM_DATA_DIR": str(tmp_path / "data")},
        cwd=tmp_path,
        pause=0.8,
    )
    assert b"not counted" in data
    assert payloads_in(data) == []
    assert status == 0


@needs_podium
def test_voter_view_shows_a_hostile_poll_safely(tmp_path: Path) -> None:
    store_path = tmp_path / "votes.sqlite3"
    with VoteStore.open(store_path) as store:
        poll = Poll(id="p", question="Question" + PAYLOAD, options=("opt" + PAYLOAD, "two" + PAYLOAD))
        store.publish(poll, presenter=(os.getpid(), socket.gethostname()))
    data, _ = run_in_pty(
        str(PODIUM),
        ["vote", "--store", str(store_path), "--voter", "ok"],
        keys=["q"],
        ready=b"Question",
        env={"PODIUM_DATA_DIR": str(tmp_path / "data")},
        cwd=tmp_path,
    )
    assert b"Question" in data
    assert payloads_in(data) == []


@needs_podium
def test_podium_check_names_the_control_without_sending_it(tmp_path: Path) -> None:
    deck = tmp_path / "evil\x1b[2J.yaml"
    deck.write_text('slides:\n  - title: "Hi \\e]52;c;SE9TVElMRQ==\\a"\n    notes: "\\x9b2J"\n')
    data, status = run_in_pty(str(PODIUM), ["check", str(deck)], cwd=tmp_path)
    assert status == 2
    assert b"\x1b" not in data and b"\xc2\x9b" not in data and b"\x07" not in data
    text = data.decode()
    assert "evil␛[2J.yaml:2:16: control character U+001B in title; remove it" in text
    assert "evil␛[2J.yaml:3:13: control character U+009B in notes; remove it" in text


@needs_podium
@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_podium_results_prints_hostile_votes_safely(tmp_path: Path, fmt: str) -> None:
    deck = _deck_with_a_poll(tmp_path)
    store_path = tmp_path / "votes.sqlite3"
    with VoteStore.open(store_path) as store:
        store.publish(Poll(id="x", question="Q" + PAYLOAD, options=("=1+1" + PAYLOAD, "b")))
    forged = "mallory\n  2099-12-31T23:59:59+00:00  forged  Yes"
    _plant(
        store_path,
        [("first", forged + PAYLOAD, "yes", "Yes"), ("x", "@eve", "gone", "-2+3" + PAYLOAD)],
    )
    data, status = run_in_pty(
        str(PODIUM), ["results", str(deck), "--store", str(store_path), "--format", fmt], cwd=tmp_path
    )
    assert status == 0
    assert b"\x1b" not in data and b"\xc2\x9b" not in data and b"\x07" not in data
    assert b"\x7f" not in data and b"\x08" not in data
    lines = data.decode().split("\r\n")  # the pty turns each newline into CR LF
    assert not any("\r" in line for line in lines)
    if fmt == "table":
        assert not any(line.lstrip().startswith("2099-12-31") for line in lines), "a forged row"
        assert any("mallory␤" in line for line in lines)
    elif fmt == "csv":
        assert not any(cell.startswith(("=", "+", "-", "@")) for line in lines for cell in line.split(","))
        assert any("'@eve" in line for line in lines) and any("'=1+1" in line for line in lines)
    else:
        document = json.loads(data.decode().replace("\r\n", "\n"))
        voters = {vote["voter"] for poll in document["polls"] for vote in poll["votes"]}
        assert forged + PAYLOAD in voters  # exact, once decoded


@needs_podium
@pytest.mark.parametrize(
    "name", ["alice\nbob", "x\x1b]52;c;SE9=\x07", "x\x9b2J", "x" * 65], ids=["newline", "osc52", "c1", "long"]
)
def test_podium_vote_refuses_a_bad_voter_name(tmp_path: Path, name: str) -> None:
    store_path = tmp_path / "votes.sqlite3"
    VoteStore.open(store_path).close()
    data, status = run_in_pty(
        str(PODIUM), ["vote", "--store", str(store_path), "--voter", name, "--choice", "1"], cwd=tmp_path
    )
    assert status == 2
    assert b"podium vote: --voter: a voter name" in data
    assert b"\x1b" not in data and b"\xc2\x9b" not in data and b"Traceback" not in data


@needs_podium
@pytest.mark.parametrize("command", [["check"], ["results"], ["vote"], ["rehearse"], []])
def test_usage_errors_show_typed_arguments_safely(tmp_path: Path, command: list[str]) -> None:
    data, status = run_in_pty(
        str(PODIUM), [*command, "a.yaml", "b\x1b]52;c;SE9=\x07", "c\x9b2J"], cwd=tmp_path
    )
    assert status == 2
    assert b"unrecognized arguments: b" in data
    assert b"\x1b" not in data and b"\xc2\x9b" not in data and b"\x07" not in data
