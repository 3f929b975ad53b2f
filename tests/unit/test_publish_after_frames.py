"""The audience state is written after the presenter's frame, once per burst."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tui.audience.publish import AfterFrames, Publisher
from tui.audience.state import read_state, state_path


def test_changes_wait_for_the_frame_and_only_the_newest_is_published() -> None:
    published: list[str] = []
    waiting: list[Callable[[], None]] = []
    observer = AfterFrames(published.append, lambda: waiting.append)  # type: ignore[arg-type]
    for change in ("a", "b", "c"):
        observer(change)  # type: ignore[arg-type]
    assert published == [] and len(waiting) == 1  # one write scheduled for the burst
    waiting.pop()()
    assert published == ["c"]
    observer("d")  # type: ignore[arg-type]
    assert len(waiting) == 1
    waiting.pop()()
    assert published == ["c", "d"]


def test_without_a_running_app_each_change_is_published_at_once() -> None:
    published: list[str] = []
    observer = AfterFrames(published.append, lambda: None)  # type: ignore[arg-type]
    observer("a")  # type: ignore[arg-type]
    observer("b")  # type: ignore[arg-type]
    assert published == ["a", "b"]


def test_a_change_waiting_for_its_frame_is_written_before_the_end(
    tmp_path: Path, private_data_dir: Path
) -> None:
    """A key pressed just before quitting: audience views end on its slide."""
    deck = tmp_path / "talk.yaml"
    deck.write_text("slides:\n  - title: A\n  - title: B\n", encoding="utf-8")
    publisher = Publisher(deck)
    assert publisher.open()
    publisher.publish(0, 0)
    waiting: list[Callable[[], None]] = []
    observer = AfterFrames(lambda slide: publisher.publish(slide, 0), lambda: waiting.append)  # type: ignore[arg-type, misc]
    publisher.pending = observer.flush
    observer(1)  # type: ignore[arg-type]
    assert read_state(state_path(deck)).slide == 0  # type: ignore[union-attr]
    publisher.close()  # the frame never came: the app quit first
    state = read_state(state_path(deck))
    assert state is not None and state.slide == 1 and state.ended
