"""Many voters at once, and crashes: no acknowledged vote is ever lost.

- 50 voter processes cast and change votes at the same moment while the
  presenter reads; the final totals equal every voter's last choice.
- The presenter is killed with ``kill -9`` while votes arrive (and some
  voters are killed mid-vote); after a restart the totals equal the votes
  that were acknowledged.

Each test prints its figures (voters, votes, lost, time); run with ``-s``
to see them.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import socket
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import SEED_DECK
from tmux_session import PODIUM, TmuxSession, needs_podium, needs_tmux, new_session

from tui.deck import load_deck
from tui.deck.model import Poll
from tui.polls.store import VoteStore

VOTERS = 50
ROUNDS = 6
"""Votes per voter; each round changes the voter's choice."""

SEED_POLL = load_deck(SEED_DECK).polls[0]


def _choice(poll: Poll, voter: int, round_: int) -> list[str]:
    """The options voter ``voter`` picks in round ``round_`` (changes every round)."""
    ids = poll.ids
    first = ids[(voter * 7 + round_ * 3) % len(ids)]
    if poll.multiple and (voter + round_) % 2:
        return sorted({first, ids[(voter + round_ + 1) % len(ids)]})
    return [first]


def _ack(acks: Path, voter: int, round_: int) -> None:
    """Record that a vote was acknowledged (one file per voter: no lock shared
    between processes, so a voter killed mid-vote cannot block the others)."""
    with (acks / f"{voter}").open("a", encoding="utf-8") as file:
        file.write(f"{round_}\n")


def _acknowledged(acks: Path) -> tuple[dict[int, int], int]:
    """Each voter's last acknowledged round, and how many votes were acknowledged."""
    last_round: dict[int, int] = {}
    total = 0
    for file in acks.iterdir():
        rounds = [int(line) for line in file.read_text(encoding="utf-8").split()]
        total += len(rounds)
        if rounds:
            last_round[int(file.name)] = max(rounds)
    return last_round, total


def _voter_process(path: str, poll: Poll, voter: int, start: float, acks: Path) -> None:
    """Cast ROUNDS votes as voter ``voter``, recording each acknowledged one."""
    with VoteStore.open(Path(path)) as store:
        delay = start - time.time()
        if delay > 0:
            time.sleep(delay)
        for round_ in range(ROUNDS):
            choice = _choice(poll, voter, round_)
            store.vote(poll, choice, f"voter-{voter:02d}", audience=True)
            _ack(acks, voter, round_)


def _expected_counts(poll: Poll, last_round: dict[int, int]) -> tuple[int, ...]:
    counts = dict.fromkeys(poll.ids, 0)
    for voter, round_ in last_round.items():
        for option in _choice(poll, voter, round_):
            counts[option] += 1
    return tuple(counts[option] for option in poll.ids)


@pytest.mark.parametrize("multiple", [False, True], ids=["single", "multiple"])
def test_fifty_voters_casting_and_changing_at_once(tmp_path: Path, multiple: bool) -> None:
    path = tmp_path / "votes.sqlite3"
    poll = Poll(
        id="driver", question=SEED_POLL.question, options=SEED_POLL.options, multiple=multiple
    )
    with VoteStore.open(path) as presenter:
        presenter.publish(poll, presenter=(os.getpid(), socket.gethostname()))
    context = multiprocessing.get_context("fork")
    acks = tmp_path / "acks"
    acks.mkdir()
    start = time.time() + 0.5  # every voter starts voting at this moment
    workers = [
        context.Process(target=_voter_process, args=(str(path), poll, voter, start, acks))
        for voter in range(VOTERS)
    ]
    for worker in workers:
        worker.start()
    # The presenter keeps reading while the votes pour in.
    reads = 0
    with VoteStore.open(path) as presenter:
        version = presenter.data_version()
        while any(worker.is_alive() for worker in workers):
            if presenter.data_version() != version:
                version = presenter.data_version()
                assert presenter.results(poll).voters <= VOTERS
                reads += 1
            time.sleep(0.01)
        for worker in workers:
            worker.join(timeout=60)
            assert worker.exitcode == 0
        elapsed = time.time() - start
        last_round, acknowledged = _acknowledged(acks)
        results = presenter.results(poll)
    assert acknowledged == VOTERS * ROUNDS
    assert all(round_ == ROUNDS - 1 for round_ in last_round.values())
    expected = _expected_counts(poll, last_round)
    lost = sum(abs(a - b) for a, b in zip(results.counts, expected))
    print(
        f"\nconcurrency ({'multiple' if multiple else 'single'} choice): {VOTERS} voters, "
        f"{acknowledged} votes in {elapsed:.2f} s, {reads} presenter reads, lost {lost}"
    )
    assert results.counts == expected
    assert results.voters == VOTERS
    assert lost == 0


# -- kill -9 ------------------------------------------------------------------------

class Presenter(TmuxSession):
    """The installed ``podium`` in a detached tmux session."""

    def __init__(self, store: Path, data: Path) -> None:
        super().__init__(f"podium-crash-{uuid.uuid4().hex[:8]}")
        command = (
            f"PODIUM_DATA_DIR={str(data)!r} TERM=xterm-256color "
            f"{str(PODIUM)!r} {str(SEED_DECK)!r} --store {str(store)!r}; sleep 30"
        )
        new_session(self.name, command, width=100, height=30)
        self.data = data

    def pid(self) -> int:
        """The presenter's process id, from its announcement to voters."""
        (announcement,) = (self.data / "votes" / "presenters").glob("*.json")
        record = json.loads(announcement.read_text())
        return int(record["pid"])

    def kill(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


@pytest.fixture
def presenters(tmp_path: Path) -> Iterator[list[Presenter]]:
    started: list[Presenter] = []
    yield started
    for presenter in started:
        presenter.kill()


def _count_on_screen(screen: str, option: str) -> int:
    line = next(row for row in screen.splitlines() if f"  {option} " in row)
    return int(line.split()[-2])


def _slow_voter(path: str, poll: Poll, voter: int, acks: Path) -> None:
    """Vote and change votes for a few seconds, recording each acknowledged vote."""
    with VoteStore.open(Path(path)) as store:
        for round_ in range(ROUNDS * 4):
            store.vote(poll, _choice(poll, voter, round_), f"voter-{voter:02d}", audience=True)
            _ack(acks, voter, round_)
            time.sleep(0.05)


@needs_tmux
@needs_podium
def test_kill_9_presenter_while_votes_arrive_loses_nothing(
    tmp_path: Path, presenters: list[Presenter]
) -> None:
    store_path = tmp_path / "shared" / "votes.sqlite3"
    data = tmp_path / "data"
    poll = SEED_POLL
    hand_option = poll.options[-1]  # "Teknologi": only the presenter's hands count here
    audience_poll = Poll(id=poll.id, question=poll.question, options=poll.options[:-1])

    presenter = Presenter(store_path, data)
    presenters.append(presenter)
    presenter.wait_for("en innovasjonsutfordring")  # the title may be in big letters
    presenter.keys(":", "1", "1", "Enter")
    presenter.wait_for("Stem i terminalen din")  # the default deck is in Bokmål
    presenter.keys("r")
    hands = 5
    for count in range(1, hands + 1):
        presenter.keys(str(len(poll.options)))
        # A hand vote is acknowledged when the presenter's screen shows it.
        deadline = time.monotonic() + 10
        while _count_on_screen(presenter.wait_for("r skjuler resultatet"), hand_option) != count:
            assert time.monotonic() < deadline, presenter.screen()
            time.sleep(0.02)

    context = multiprocessing.get_context("fork")
    acks = tmp_path / "acks"
    acks.mkdir()
    voters = 20
    workers = [
        context.Process(target=_slow_voter, args=(str(store_path), audience_poll, voter, acks))
        for voter in range(voters)
    ]
    for worker in workers:
        worker.start()
    time.sleep(0.4)
    os.kill(presenter.pid(), signal.SIGKILL)  # the presenter dies mid-stream
    time.sleep(0.2)
    victims = workers[:3]  # and a few voters die mid-vote
    for worker in victims:
        os.kill(worker.pid, signal.SIGKILL)
    for worker in workers:
        worker.join(timeout=60)
    assert all(worker.exitcode == 0 for worker in workers[3:])

    last_round, acknowledged = _acknowledged(acks)

    restarted = Presenter(store_path, data)
    presenters.append(restarted)
    # It comes back on the poll slide it was showing when it was killed.
    restarted.wait_for("Fortsetter")  # "Resumed", in Bokmål
    restarted.wait_for("viktigste driveren")
    restarted.keys("r")  # (digits would count hands here)
    screen = restarted.wait_for("r skjuler resultatet")

    with VoteStore.open(store_path) as store:
        results = store.results(poll)
        ballots = {voter: store.ballot(poll.id, f"voter-{voter:02d}") for voter in range(voters)}
    lost = 0
    for voter, round_ in last_round.items():
        stored = ballots[voter]
        allowed = [_choice(audience_poll, voter, round_)]
        if workers[voter] in victims:  # killed mid-vote: its next vote may have landed
            allowed.append(_choice(audience_poll, voter, round_ + 1))
        if stored is None or list(stored.option_ids) not in allowed:
            lost += 1
    print(
        f"\ncrash: presenter killed with kill -9 after {hands} hand votes while {voters} voters "
        f"voted ({len(victims)} voters killed mid-vote too); {acknowledged} votes acknowledged, "
        f"lost {lost}"
    )
    assert lost == 0
    assert results.counts[-1] == hands
    assert _count_on_screen(screen, hand_option) == hands
    assert results.voters == hands + len(last_round)
    for index, option in enumerate(poll.options):
        assert _count_on_screen(screen, option) == results.counts[index]
