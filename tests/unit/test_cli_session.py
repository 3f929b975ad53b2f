"""The composition root both ``podium`` and ``podium rehearse`` present through."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

import tui.terminal
from tui.audience.presenter import crashed_position
from tui.audience.state import read_state, state_path
from tui.cli.session import NotStarted, Options, open_session
from tui.deck import Deck
from tui.navigation import Position
from tui.polls import talks
from tui.rehearsal.store import RehearsalStore

PODIUM = Options(command="podium", no_terminal_hint="use podium check")


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pretend the tests run in an interactive terminal."""
    monkeypatch.setattr(tui.terminal, "refuse_without_terminal", lambda command, hint: None)


def _ended_app(return_code: int) -> SimpleNamespace:
    """Stands in for an app that ran: its return code, and whether its polls were ended."""
    app = SimpleNamespace(return_code=return_code, ended=[])
    app.end_polls = lambda: app.ended.append(True)
    return app


def test_a_clean_quit_closes_everything_in_order(
    seed_deck: Deck, tmp_path: Path, terminal: None
) -> None:
    store_path = tmp_path / "votes.db"
    session = open_session(seed_deck, Options("podium", "", store=str(store_path)))
    assert session.votes is not None and session.how_to_vote is not None
    # Checked, not opened: no SQLite before the first frame, nothing announced yet.
    assert session.votes.store is None and not store_path.exists()
    assert talks.live_presentations() == []
    app = session.make_app()
    assert (app.publisher, app.rehearsal) == (session.publisher, None)
    assert app.show.polls.session.opens_later
    app.show.polls.session.open_now()  # as the app does once its first slide is up
    assert app.show.polls.session.store is session.votes.store is not None
    assert [talk.store for talk in talks.live_presentations()] == [session.votes.store.path]
    session.publisher.publish(4, 0)
    ended = _ended_app(0)
    session.close(ended, 0)  # type: ignore[arg-type]
    assert ended.ended == [True]  # voters were told before the store closed
    assert talks.live_presentations() == []
    assert crashed_position(seed_deck) is None  # audience views heard "ended"


def test_a_crash_leaves_the_position_to_resume_at(
    seed_deck: Deck, tmp_path: Path, terminal: None
) -> None:
    session = open_session(seed_deck, Options("podium", "", store=str(tmp_path / "votes.db")))
    session.publisher.publish(4, 0)
    session.close(_ended_app(1), None)  # type: ignore[arg-type]
    assert crashed_position(seed_deck) == Position(4, 0)

    again = open_session(seed_deck, PODIUM)
    assert again.resume_at == Position(4, 0)
    app = again.make_app()  # everything the app needs is given to the factory
    assert app.resume_at == Position(4, 0)
    again.close(None, 0)


@pytest.mark.parametrize("signum", [int(each) for each in tui.terminal.QUIT_SIGNALS])
def test_a_quit_signal_ends_the_talk_but_the_next_start_resumes(
    seed_deck: Deck, tmp_path: Path, terminal: None, signum: int
) -> None:
    session = open_session(seed_deck, Options("podium", "", store=str(tmp_path / "votes.db")))
    session.publisher.publish(6, 0)
    session.close(_ended_app(0), tui.terminal.signal_status(signum))  # type: ignore[arg-type]
    state = read_state(state_path(seed_deck.source))
    assert state is not None and state.ended  # audience views: "the presenter has quit"
    assert crashed_position(seed_deck) == Position(6, 0)
    again = open_session(seed_deck, PODIUM)
    assert again.resume_at == Position(6, 0)
    again.close(None, 0)


def test_a_broken_default_store_warns_and_presents_without_it(
    seed_deck: Deck, private_data_dir: Path, terminal: None, capsys: pytest.CaptureFixture[str]
) -> None:
    private_data_dir.mkdir(parents=True, exist_ok=True)
    from tui.polls.store import store_path_for_deck

    store_path_for_deck(seed_deck.source).parent.mkdir(parents=True, exist_ok=True)
    store_path_for_deck(seed_deck.source).write_bytes(b"not a database" * 100)
    session = open_session(seed_deck, PODIUM)
    try:
        assert session.votes is None
        assert session.warning is not None
        assert session.warning.startswith("Poll votes will NOT be saved")
        assert session.make_app().startup_warning == session.warning
        assert "podium: Poll votes will NOT be saved" in capsys.readouterr().err
    finally:
        session.close(None, 0)


def test_a_named_store_that_cannot_be_used_stops_before_anything_opens(
    seed_deck: Deck, tmp_path: Path, terminal: None, capsys: pytest.CaptureFixture[str]
) -> None:
    damaged = tmp_path / "votes.db"
    damaged.write_bytes(b"not a database" * 100)
    with pytest.raises(NotStarted) as stop:
        open_session(seed_deck, Options("podium", "", store=str(damaged)))
    assert stop.value.status == 2
    assert "podium: cannot keep poll votes" in capsys.readouterr().err
    assert talks.live_presentations() == []


def test_without_a_terminal_nothing_is_published(seed_deck: Deck, tmp_path: Path) -> None:
    with pytest.raises(NotStarted) as stop:  # pytest's stdin is no terminal
        open_session(seed_deck, Options("podium", "", store=str(tmp_path / "votes.db")))
    assert stop.value.status == 2
    assert talks.live_presentations() == []
    assert crashed_position(seed_deck) is None


@pytest.mark.parametrize(
    ("status", "complete"), [(0, True), (143, True), (1, False), (None, False)]
)
def test_a_rehearsal_is_finished_by_q_or_a_quit_signal_only(
    seed_deck: Deck, terminal: None, status: int | None, complete: bool
) -> None:
    rehearsals = RehearsalStore.open()
    try:
        session = open_session(seed_deck, PODIUM, rehearsals=rehearsals)
        assert session.recorder is not None and session.make_app().rehearsal is session.recorder
        session.recorder.update(2, 0, True)
        session.close(_ended_app(0 if complete else 1), status)  # type: ignore[arg-type]
        (run,) = rehearsals.rehearsals(seed_deck.source)
        assert (run.ended is not None) is complete  # ended: finished, not interrupted
    finally:
        rehearsals.close()
