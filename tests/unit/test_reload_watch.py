"""The live-reload watcher and loader on their own (asyncio, no Textual).

Real files in a temporary folder: saves by rename and in place, a burst of
saves heard once, other files in the folder ignored, the ``stat`` poll where
the kernel cannot tell us, and what :func:`tui.reload.loading.load_again`
says about a deck and its theme file.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest

from tui.reload import watch as watch_module
from tui.reload.loading import load_again
from tui.reload.watch import FilesWatcher

REPO = Path(__file__).resolve().parents[2]


async def heard_after(calls: list[float], action, *, expected: bool = True) -> int:
    """Run ``action``, wait for the watcher (a while longer for a late second call).

    Returns:
        How many calls were heard.
    """
    loop = asyncio.get_running_loop()
    before = len(calls)
    action()
    deadline = loop.time() + 5.0
    while expected and len(calls) == before and loop.time() < deadline:
        await asyncio.sleep(0.02)
    await asyncio.sleep(0.5)
    return len(calls) - before


def rename_save(path: Path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


@pytest.fixture
def deck(tmp_path: Path) -> Path:
    path = tmp_path / "talk.yaml"
    path.write_text("slides: [{title: A}]\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("inotify", [True, False], ids=["inotify", "stat-poll"])
async def test_saves_are_heard_once_per_burst(
    deck: Path, inotify: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not inotify:
        monkeypatch.setattr(watch_module.FolderWatcher, "start", lambda self: False)
    calls: list[float] = []
    watcher = FilesWatcher(lambda: calls.append(asyncio.get_running_loop().time()))
    watcher.watch([deck])
    assert bool(watcher.polled) is not inotify
    try:
        await asyncio.sleep(0.05)
        assert await heard_after(calls, lambda: rename_save(deck, "slides: [{title: B}]\n")) == 1
        assert await heard_after(calls, lambda: deck.write_text("slides: [{title: C}]\n")) == 1

        def burst() -> None:
            for number in range(10):
                rename_save(deck, f"slides: [{{title: D{number}}}]\n")

        assert await heard_after(calls, burst) == 1
        other = deck.with_name("notes.txt")
        assert (
            await heard_after(calls, lambda: other.write_text("not the deck"), expected=False) == 0
        )
        assert await heard_after(calls, deck.unlink) == 1
    finally:
        watcher.stop()


@pytest.mark.parametrize("inotify", [True, False], ids=["inotify", "stat-poll"])
async def test_a_deck_that_was_briefly_a_link_to_a_device_is_still_heard(
    deck: Path, inotify: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The presenter watches again after each load: a link to /dev/zero must not move it to /dev."""
    if not inotify:
        monkeypatch.setattr(watch_module.FolderWatcher, "start", lambda self: False)
    calls: list[float] = []
    watcher = FilesWatcher(lambda: calls.append(asyncio.get_running_loop().time()))
    watcher.watch([deck])
    try:
        await asyncio.sleep(0.05)

        def to_device() -> None:
            deck.unlink()
            deck.symlink_to("/dev/zero")

        assert await heard_after(calls, to_device) >= 1
        watcher.watch([deck])  # as after the load that refused the device
        assert all(folder == deck.parent for folder in {path.parent for path in watcher.polled})

        def back_to_a_file() -> None:
            deck.unlink()
            deck.write_text("slides: [{title: Back}]\n", encoding="utf-8")

        assert await heard_after(calls, back_to_a_file) >= 1
        watcher.watch([deck])
        assert await heard_after(calls, lambda: rename_save(deck, "slides: [{title: E}]\n")) == 1
    finally:
        watcher.stop()


async def test_a_file_saved_through_a_link_is_heard(deck: Path) -> None:
    target = deck.parent / "real" / "talk.yaml"
    target.parent.mkdir()
    deck.replace(target)
    deck.symlink_to(target)
    calls: list[float] = []
    watcher = FilesWatcher(lambda: calls.append(asyncio.get_running_loop().time()))
    watcher.watch([deck])
    try:
        await asyncio.sleep(0.05)
        assert await heard_after(calls, lambda: rename_save(target, "slides: [{title: F}]\n")) == 1
    finally:
        watcher.stop()


def test_load_again_gives_the_deck_its_theme_file_and_a_revision(tmp_path: Path) -> None:
    theme_text = (REPO / "themes" / "paper.yaml").read_text(encoding="utf-8")
    theme = tmp_path / "mine.yaml"
    theme.write_text(theme_text.replace("name: paper", "name: mine"), encoding="utf-8")
    deck = tmp_path / "talk.yaml"
    deck.write_text("theme: mine.yaml\nslides: [{title: A}]\n", encoding="utf-8")
    first = load_again(str(deck), None)
    assert first.problems == [] and first.deck is not None and first.theme is not None
    assert first.theme.name == "mine" and first.files == (deck, theme)
    assert load_again(str(deck), None).revision == first.revision
    theme.write_text(theme.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert load_again(str(deck), None).revision != first.revision
    # --theme overrides the deck's theme: its file is not used.
    assert load_again(str(deck), "paper").files == (deck, REPO / "themes" / "paper.yaml")


def test_load_again_reports_problems_and_never_raises(tmp_path: Path) -> None:
    deck = tmp_path / "talk.yaml"
    deck.write_text("theme: missing.yaml\nslides: [{titel: A}]\n", encoding="utf-8")
    broken = load_again(str(deck), None)
    assert broken.deck is None
    assert broken.problems[0].startswith(f"{deck}:1:8: theme: theme file not found")
    assert broken.problems[1].startswith(f"{deck}:2:11: unknown key 'titel'")
    deck.write_text("theme: missing.yaml\nslides: [{title: A}]\n", encoding="utf-8")
    assert load_again(str(deck), None).problems[0].startswith(f"{deck}:1:8: theme:")
    deck.unlink()
    gone = load_again(str(deck), None)
    assert gone.deck is None and "no such file" in gone.problems[0]


def test_the_default_theme_is_the_apps() -> None:
    from tui.app import DEFAULT_THEME
    from tui.reload import loading

    assert loading.DEFAULT_THEME == DEFAULT_THEME
