"""The audience state is written after the presenter's frame, once per burst."""

from __future__ import annotations

from collections.abc import Callable

from tui.audience.publish import after_frames


def test_changes_wait_for_the_frame_and_only_the_newest_is_published() -> None:
    published: list[str] = []
    waiting: list[Callable[[], None]] = []
    observer = after_frames(published.append, lambda: waiting.append)  # type: ignore[arg-type]
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
    observer = after_frames(published.append, lambda: None)  # type: ignore[arg-type]
    observer("a")  # type: ignore[arg-type]
    observer("b")  # type: ignore[arg-type]
    assert published == ["a", "b"]
