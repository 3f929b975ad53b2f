"""``podium vote``, ``podium results``, ``--store``, the deck's poll keys, and
finding the live presentation; run in-process for speed."""

from __future__ import annotations

import csv
import getpass
import io
import json
import os
import socket
from pathlib import Path

import pytest
from conftest import DATA, SEED_DECK

from tui.cli import main
from tui.deck import DeckError, load_deck, load_deck_text
from tui.deck.model import Poll, ResultsMode
from tui.polls import announce
from tui.polls import talks
from tui.polls.store import VoteStore, store_path_for_deck

ME = (os.getpid(), socket.gethostname())
TWO_POLLS = DATA / "two_polls.yaml"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.fixture
def voted_store(tmp_path: Path) -> Path:
    """A store with audience, hand, orphaned and cleared votes on the seed poll."""
    path = tmp_path / "votes.sqlite3"
    poll = load_deck(SEED_DECK).polls[0]
    old = Poll(id=poll.id, question=poll.question, options=(*poll.options[:-1], "Digitalisering"))
    with VoteStore.open(path) as store:
        store.vote(poll, ["behov"], "alice@pts/1")
        store.vote(poll, ["behov"], "bob@pts/2")
        store.reset(poll.id)
        store.vote(poll, ["bruker"], "alice@pts/1")
        store.vote(poll, ["bruker"])
        store.vote(old, ["digitalisering"], "carol@pts/3")
        store.publish(poll, presenter=(1, "elsewhere"))
        store.set_closed(poll.id, True)
    return path


# -- podium results --------------------------------------------------------------


def test_results_table(capsys, voted_store: Path) -> None:
    status, out, err = run(capsys, "results", str(SEED_DECK), "--store", str(voted_store))
    assert status == 0, err
    assert f"Votes in {voted_store}" in out
    assert "driver: Hva bør være den viktigste driveren" in out
    assert "2 voters · one choice · closed" in out
    bruker = next(line for line in out.splitlines() if line.strip().startswith("Bruker"))
    assert bruker.split()[1:] == ["2", "100%"]
    assert "Digitalisering" in out and "not counted: no longer in the deck" in out
    assert "(hand)" in out and "alice@pts/1" in out
    assert out.count("cleared by a reset") == 2


def test_results_csv(capsys, voted_store: Path) -> None:
    status, out, _ = run(
        capsys, "results", str(SEED_DECK), "--store", str(voted_store), "--format", "csv"
    )
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    totals = {row["option"]: row for row in rows if row["record"] == "total"}
    assert totals["Bruker"]["votes"] == "2" and totals["Bruker"]["share"] == "1.0"
    assert totals["Digitalisering"]["status"] == "orphaned"
    votes = [row for row in rows if row["record"] == "vote"]
    assert sorted(row["status"] for row in votes) == [
        "cleared",
        "cleared",
        "counted",
        "counted",
        "orphaned",
    ]
    assert all(row["cast_at"][:4].isdigit() and "T" in row["cast_at"] for row in votes)


def test_results_json_from_the_store_alone(capsys, voted_store: Path) -> None:
    status, out, _ = run(capsys, "results", "--store", str(voted_store), "--format", "json")
    assert status == 0
    document = json.loads(out)
    (poll,) = document["polls"]
    assert poll["id"] == "driver" and poll["closed"] is True and poll["voters"] == 2
    assert [option["votes"] for option in poll["options"]] == [0, 0, 0, 2, 0, 0, 0]
    assert poll["orphaned"] == [{"id": "digitalisering", "text": "Digitalisering", "votes": 1}]
    assert len(poll["votes"]) == 5


def test_results_without_any_votes_yet(capsys, tmp_path: Path) -> None:
    status, out, _ = run(capsys, "results", str(TWO_POLLS))
    assert status == 0
    assert "first: First question?" in out and "0 voters" in out
    assert not store_path_for_deck(TWO_POLLS).exists()  # nothing created


def test_results_bad_input(capsys, tmp_path: Path) -> None:
    status, _, err = run(capsys, "results", "--store", str(tmp_path / "missing.sqlite3"))
    assert status == 2 and "no vote store" in err and "Traceback" not in err
    junk = tmp_path / "junk.sqlite3"
    junk.write_text("not a database\n")
    status, _, err = run(capsys, "results", "--store", str(junk))
    assert status == 2 and f"{junk} is not a Podium vote store" in err
    assert junk.read_text() == "not a database\n"
    broken = tmp_path / "broken.yaml"
    broken.write_text("slides:\n  - title: Q\n    poll: {options: [a, b], results: sometimes}\n")
    status, _, err = run(capsys, "results", str(broken))
    assert status == 2 and f"{broken}:3:" in err and "results must be live" in err


# -- podium vote --choice ---------------------------------------------------------


def test_vote_choice(capsys, tmp_path: Path) -> None:
    path = tmp_path / "votes.sqlite3"
    first, second = load_deck(TWO_POLLS).polls
    with VoteStore.open(path) as store:
        status, _, err = run(capsys, "vote", "--store", str(path), "--choice", "1")
        assert status == 1 and "no poll on the presenter's screen" in err
        store.publish(first, presenter=ME)
        status, out, err = run(
            capsys, "vote", "--store", str(path), "--choice", "2", "--voter", "ann"
        )
        assert status == 0, err
        assert "Vote saved: No" in out and "as ann" in out
        status, _, err = run(
            capsys, "vote", "--store", str(path), "--choice", "3", "--voter", "ann"
        )
        assert status == 2 and "has no option '3'" in err and "1 Yes; 2 No" in err
        status, _, err = run(
            capsys, "vote", "--store", str(path), "--choice", "1,2", "--voter", "ann"
        )
        assert status == 2 and "takes one choice" in err
        store.publish(second, presenter=ME)
        status, out, _ = run(
            capsys, "vote", "--store", str(path), "--choice", "grønn, 3", "--voter", "ann"
        )
        assert status == 0 and "Grønn, Blue" in out
        store.set_closed(second.id, True)
        status, _, err = run(
            capsys, "vote", "--store", str(path), "--choice", "1", "--voter", "ann"
        )
        assert status == 1 and "closed" in err
        assert store.results(first).counts == (0, 1)
        assert store.results(second).counts == (0, 1, 1)


@pytest.mark.parametrize("name", ["\t=x", "  c  ", "c ", " c", "", " ", "a\tb", "\t"])
def test_vote_refuses_a_bad_voter_name_as_given(capsys, tmp_path: Path, name: str) -> None:
    path = tmp_path / "votes.sqlite3"
    with VoteStore.open(path) as store:
        store.publish(load_deck(TWO_POLLS).polls[0], presenter=ME)
        status, out, err = run(
            capsys, "vote", "--store", str(path), "--choice", "1", "--voter", name
        )
        assert status == 2, out
        assert err.startswith("podium vote: --voter: a voter name") and "Traceback" not in err
        assert store.results(load_deck(TWO_POLLS).polls[0]).counts == (0, 0)


def test_vote_finds_the_running_presentation(capsys, tmp_path: Path) -> None:
    status, _, err = run(capsys, "vote", "--choice", "1")
    assert status == 1 and "no presentation is running" in err
    path = tmp_path / "elsewhere" / "votes.sqlite3"
    with VoteStore.open(path) as store:
        store.publish(load_deck(TWO_POLLS).polls[0], presenter=ME)
        announce.announce(path)
        assert talks.live_store() == path.resolve()
        status, out, err = run(capsys, "vote", "--choice", "Yes", "--voter", "me")
        assert status == 0, err
        assert "Vote saved: Yes" in out
        announce.withdraw()
        assert talks.live_store() is None


def test_vote_in_a_bad_store(capsys, tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 8)
    before = junk.read_bytes()
    status, _, err = run(capsys, "vote", "--store", str(junk), "--choice", "1")
    assert status == 2 and "not a Podium vote store" in err and "Traceback" not in err
    assert junk.read_bytes() == before


def test_presenter_refuses_a_bad_store_clearly(capsys, tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite3"
    junk.write_text("hello\n")
    status, _, err = run(capsys, str(TWO_POLLS), "--store", str(junk))
    assert status == 2
    assert err.startswith("podium: cannot keep poll votes:") and str(junk) in err
    assert junk.read_text() == "hello\n"


# -- identity and the command shown on the slide ----------------------------------------


def test_voter_identity(monkeypatch: pytest.MonkeyPatch) -> None:
    assert talks.voter_identity("  Kari ") == "  Kari "  # checked, never stripped
    monkeypatch.setattr(talks.os, "ttyname", lambda fd: "/dev/pts/7")
    monkeypatch.setattr(getpass, "getuser", lambda: "kari")
    assert talks.voter_identity() == "kari@pts/7"

    def no_tty(fd: int) -> str:
        raise OSError("not a tty")

    monkeypatch.setattr(talks.os, "ttyname", no_tty)
    monkeypatch.setenv("SSH_CONNECTION", "10.0.0.5 52144 10.0.0.1 22")
    one = talks.voter_identity()
    monkeypatch.setenv("SSH_CONNECTION", "10.0.0.5 52145 10.0.0.1 22")
    assert one.startswith("kari@ssh-") and talks.voter_identity() != one
    monkeypatch.delenv("SSH_CONNECTION")
    assert talks.voter_identity() == "kari@no-terminal"


def test_vote_command(tmp_path: Path) -> None:
    default = tmp_path / "data" / "votes" / "deck.sqlite3"
    assert announce.vote_command(default, default) == "podium vote"
    shared = tmp_path / "my workshop" / "votes.sqlite3"
    assert announce.vote_command(shared, default) == f"podium vote --store '{shared}'"


# -- the deck's poll keys ------------------------------------------------------------


def test_poll_keys_in_the_deck() -> None:
    poll = load_deck(TWO_POLLS).polls[1]
    assert poll.multiple and poll.results is ResultsMode.LIVE
    assert poll.ids == ("red", "green", "blue") and poll.options[1] == "Grønn"
    assert load_deck(TWO_POLLS).polls[0].results is ResultsMode.ON_REVEAL


@pytest.mark.parametrize(
    ("poll", "message"),
    [
        ("{options: [a, b], multiple: maybe}", "multiple must be true or false, got 'maybe'"),
        ("{options: [a, b], results: revealed}", "results must be live"),
        ("{options: [a, b], results: onreveal}", "(did you mean 'on_reveal'?)"),
        ("{options: [{id: x, txt: a}, b]}", "unknown key 'txt' in option 1 (did you mean 'text'?)"),
        ("{options: [{id: x, text: a}, {id: x, text: b}]}", "option id 'x' is used twice"),
        ("{options: [{id: x}, b]}", "option 1 needs text:"),
    ],
)
def test_poll_key_errors(poll: str, message: str) -> None:
    with pytest.raises(DeckError) as caught:
        load_deck_text(f"slides:\n  - title: Q\n    poll: {poll}\n", "deck.yaml")
    assert message in str(caught.value)
    assert str(caught.value).startswith("deck.yaml:3:")


def test_one_line_braces_stay_text_as_typed() -> None:
    poll = load_deck_text("slides:\n  - title: Q\n    poll:\n      options: [{x}, '[1]']\n").polls[
        0
    ]
    assert poll.options == ("{x}", "[1]")
