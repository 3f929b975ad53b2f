"""The folder watcher's kernel side: dnotify, ``SIGIO`` and the stamps it compares.

Real folders and real writes (in place, renamed over, removed), several
watchers sharing the one signal handler, a handler someone else set, a
watcher stopped before its folder changes (no death by ``SIGIO``), the fd's
close-on-exec flag and owner thread, and no ``ctypes``.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from tui.audience import watch as watch_module
from tui.audience.watch import FolderWatcher
from tui.reload import watch as reload_watch
from tui.reload.watch import FilesWatcher

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="dnotify (fcntl F_NOTIFY) is Linux only"
)


async def until(condition: Callable[[], bool], timeout: float = 5.0) -> bool:
    """Let the loop run until ``condition`` holds; whether it did."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            return False
        await asyncio.sleep(0.005)
    return True


async def settle() -> None:
    """Long enough for any late report of what was done before."""
    await asyncio.sleep(0.2)


def started(folder: Path, **options: object) -> tuple[FolderWatcher, list[str | None]]:
    heard: list[str | None] = []
    watcher = FolderWatcher(folder, heard.append, **options)  # type: ignore[arg-type]
    assert watcher.start()
    return watcher, heard


async def test_writes_renames_creations_and_removals_are_named(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text("1")
    watcher, heard = started(tmp_path)
    try:
        await settle()
        assert heard == []
        steps: list[tuple[Callable[[], object], str]] = [
            (lambda: (tmp_path / "b.json").write_text("new"), "b.json"),
            (lambda: (tmp_path / "a.json").write_text("22"), "a.json"),
            (lambda: (tmp_path / "b.json").unlink(), "b.json"),
        ]

        def rename_over() -> None:
            (tmp_path / ".a.tmp").write_text("333")
            os.replace(tmp_path / ".a.tmp", tmp_path / "a.json")

        steps.append((rename_over, "a.json"))
        for action, name in steps:
            heard.clear()
            action()
            assert await until(lambda name=name: name in heard), (name, heard)  # type: ignore[misc]
            await settle()
    finally:
        watcher.stop()


async def test_only_the_names_asked_about_are_reported(tmp_path: Path) -> None:
    deck = tmp_path / "talk.yaml"
    deck.write_text("slides: []\n")
    await settle()  # a stamp taken the same ms as the write is reported at the next wake
    names = {"talk.yaml"}
    watcher, heard = started(tmp_path, names=lambda: names)
    try:
        (tmp_path / "notes.txt").write_text("not watched")
        await settle()
        assert heard == []
        names.add("theme.yaml")  # asked about from now on: no report for that alone
        (tmp_path / "other.txt").write_text("x")
        await settle()
        assert heard == []
        (tmp_path / "theme.yaml").write_text("name: mine\n")
        assert await until(lambda: "theme.yaml" in heard)
        deck.write_text("slides: [{title: A}]\n")
        assert await until(lambda: "talk.yaml" in heard)
    finally:
        watcher.stop()


async def test_a_second_write_of_the_same_size_right_after_is_heard(tmp_path: Path) -> None:
    """File times tick every few ms: the stamp alone may not change."""
    deck = tmp_path / "talk.yaml"
    deck.write_text("aaaa")
    watcher, heard = started(tmp_path, names=lambda: {"talk.yaml"})
    try:
        await settle()
        for text in ("bbbb", "cccc", "dddd"):
            heard.clear()
            with open(deck, "r+") as handle:  # in place: same inode, same size
                handle.write(text)
            assert await until(lambda: "talk.yaml" in heard), text
        await settle()
        heard.clear()
        (tmp_path / "unrelated").write_text("x")
        await settle()
        assert heard == [], "a settled stamp is not reported again"
    finally:
        watcher.stop()


async def test_many_watchers_share_the_one_handler(tmp_path: Path) -> None:
    folders = [tmp_path / name for name in ("deck", "theme", "data")]
    for folder in folders:
        folder.mkdir()
    watchers = [started(folder) for folder in folders]
    twin, twin_heard = started(folders[0])
    try:
        assert signal.getsignal(signal.SIGIO) is watch_module._on_sigio
        for index, folder in enumerate(folders):
            for _, heard in [*watchers, (twin, twin_heard)]:
                heard.clear()
            (folder / f"file{index}").write_text("x")
            assert await until(lambda heard=watchers[index][1]: bool(heard))
            await settle()
            for other, (_, heard) in enumerate(watchers):
                assert heard == ([f"file{index}"] if other == index else [])
            assert twin_heard == ([f"file{index}"] if index == 0 else [])
    finally:
        for watcher, _ in watchers:
            watcher.stop()
        twin.stop()


async def test_the_fd_is_close_on_exec_and_owned_by_the_main_thread(tmp_path: Path) -> None:
    import fcntl
    import struct

    watcher, _ = started(tmp_path)
    fd = watcher._fd
    assert fd is not None
    try:
        assert fcntl.fcntl(fd, fcntl.F_GETFD) & fcntl.FD_CLOEXEC
        owner = struct.unpack("ii", fcntl.fcntl(fd, 16, bytes(8)))  # F_GETOWN_EX
        assert owner == (0, threading.main_thread().native_id)  # F_OWNER_TID
    finally:
        watcher.stop()
    with pytest.raises(OSError):
        os.fstat(fd)
    assert not watcher.watching


async def test_someone_elses_sigio_handler_is_left_alone(tmp_path: Path) -> None:
    def theirs(signum: int, frame: object) -> None:
        pass

    previous = signal.signal(signal.SIGIO, theirs)
    try:
        assert not FolderWatcher(tmp_path, print).start()
        assert signal.getsignal(signal.SIGIO) is theirs
    finally:
        signal.signal(signal.SIGIO, previous)


async def test_without_f_notify_the_files_are_polled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(watch_module, "fcntl", None)
    deck = tmp_path / "talk.yaml"
    deck.write_text("slides: []\n")
    assert not FolderWatcher(tmp_path, print).start()
    calls: list[int] = []
    files = FilesWatcher(lambda: calls.append(1), poll=0.02)
    files.watch([deck])
    try:
        assert files.polled == [deck]
        deck.write_text("slides: [{title: Polled}]\n")
        assert await until(lambda: bool(calls))
    finally:
        files.stop()


async def test_a_removed_folder_is_polled_until_it_comes_back(tmp_path: Path) -> None:
    folder = tmp_path / "talk"
    folder.mkdir()
    deck = folder / "talk.yaml"
    deck.write_text("slides: []\n")
    calls: list[int] = []
    files = FilesWatcher(lambda: calls.append(1), poll=0.02)
    files.watch([deck])
    try:
        assert files.polled == []
        deck.unlink()
        folder.rmdir()
        assert await until(lambda: bool(calls))
        files.watch([deck])  # as the reload that found no deck does
        assert files.polled == [deck]
        calls.clear()
        folder.mkdir()
        deck.write_text("slides: [{title: Back}]\n")
        assert await until(lambda: bool(calls))
        files.watch([deck])
        assert files.polled == []  # the kernel tells us again
        calls.clear()
        deck.write_text("slides: [{title: Again}]\n")
        assert await until(lambda: bool(calls))
    finally:
        files.stop()


def run_python(code: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
        timeout=60,
        env={**os.environ, "WATCHED": str(tmp_path)},
    )


def test_changes_after_stopping_or_after_the_loop_ends_kill_nothing(tmp_path: Path) -> None:
    """``SIGIO``'s default action ends the process: it is never put back."""
    code = (
        "import asyncio, os, signal, sys, time\n"
        "from pathlib import Path\n"
        "from tui.audience.watch import FolderWatcher\n"
        "folder = Path(os.environ['WATCHED'])\n"
        "async def main():\n"
        "    watchers = [FolderWatcher(folder, print) for _ in range(3)]\n"
        "    assert all(watcher.start() for watcher in watchers)\n"
        "    (folder / 'one').write_text('1')\n"
        "    watchers[0].stop()\n"
        "    (folder / 'two').write_text('2')\n"
        "    await asyncio.sleep(0.1)\n"
        "    for watcher in watchers:\n"
        "        watcher.stop()\n"
        "    for number in range(50):\n"
        "        (folder / 'three').write_text(str(number))\n"
        "    await asyncio.sleep(0.1)\n"
        "    watchers[1].start()  # left running when the loop ends\n"
        "asyncio.run(main())\n"
        "for number in range(50):\n"
        "    (folder / 'four').write_text(str(number))\n"
        "time.sleep(0.2)\n"
        "assert signal.getsignal(signal.SIGIO) not in (signal.SIG_DFL, None)\n"
        "print('alive', 'ctypes' in sys.modules)\n"
    )
    result = run_python(code, tmp_path)
    assert result.returncode == 0, (result.returncode, result.stderr)
    assert result.stdout.splitlines()[-1] == "alive False"
    assert result.stderr == ""


def test_watching_loads_no_ctypes(tmp_path: Path) -> None:
    code = (
        "import asyncio, os, sys\n"
        "from pathlib import Path\n"
        "from tui.reload.watch import FilesWatcher\n"
        "async def main():\n"
        "    files = FilesWatcher(print)\n"
        "    files.watch([Path(os.environ['WATCHED']) / 'talk.yaml'])\n"
        "    assert not files.polled\n"
        "    files.stop()\n"
        "asyncio.run(main())\n"
        "print(sorted({'ctypes', '_ctypes'} & set(sys.modules)))\n"
    )
    result = run_python(code, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["[]"]


def test_the_reload_watcher_still_names_its_events_as_before() -> None:
    """Its callers' masks are inotify's names; dnotify gets the same kinds of change."""
    import fcntl

    mask = watch_module._dnotify_mask(reload_watch.SAVED)
    assert mask & fcntl.DN_MODIFY and mask & fcntl.DN_RENAME and mask & fcntl.DN_DELETE
    assert not mask & fcntl.DN_MULTISHOT and not mask & fcntl.DN_CREATE  # one-shot


async def test_a_file_newly_watched_in_a_watched_folder_is_heard_at_its_first_save(
    tmp_path: Path,
) -> None:
    """The deck names a theme file beside it: that file's next save reloads."""
    deck, theme = tmp_path / "talk.yaml", tmp_path / "mine.yaml"
    deck.write_text("theme: mine.yaml\nslides: []\n")
    theme.write_text("name: mine\n")
    await settle()
    calls: list[int] = []
    files = FilesWatcher(lambda: calls.append(1))
    files.watch([deck])
    try:
        await settle()
        files.watch([deck, theme])  # as after the reload that found the theme
        assert files.polled == []
        await settle()
        assert calls == []
        with open(theme, "a") as handle:  # in place: no new name in the folder
            handle.write("# edited\n")
        assert await until(lambda: bool(calls))
    finally:
        files.stop()


async def test_writes_that_keep_coming_cost_a_few_looks_per_gap(tmp_path: Path) -> None:
    """A tool appending to a file beside the deck: one signal per write, few looks."""
    deck = tmp_path / "talk.yaml"
    deck.write_text("slides: []\n")
    await settle()
    looks: list[int] = []

    def names() -> set[str]:
        looks.append(1)  # asked once per look
        return {"talk.yaml"}

    watcher, heard = started(tmp_path, names=names)
    stop = threading.Event()
    writes = [0]

    def append() -> None:
        with open(tmp_path / "tool.log", "a") as log:
            while not stop.is_set():
                log.write("x")
                log.flush()
                writes[0] += 1

    writer = threading.Thread(target=append)
    loop = asyncio.get_running_loop()
    try:
        looks.clear()
        began = loop.time()
        writer.start()
        await asyncio.sleep(0.5)
        deck.write_text("slides: [{title: Heard}]\n")
        assert await until(lambda: "talk.yaml" in heard)
        stop.set()
        writer.join()
        elapsed = loop.time() - began
        gaps = elapsed / watch_module.GAP_SECONDS + 1
        assert writes[0] > len(looks)
        assert len(looks) <= watch_module.LOOKS_PER_GAP * gaps + 2, (len(looks), elapsed)
        assert set(heard) == {"talk.yaml"}  # (again at once: a stamp too fresh to tell)
    finally:
        stop.set()
        watcher.stop()


async def test_a_flood_of_writes_sends_one_signal_per_look(tmp_path: Path) -> None:
    """A notification is one-shot and armed again at each look: never a signal per write."""
    watcher, heard = started(tmp_path)
    signals = [0]
    ours = signal.getsignal(signal.SIGIO)
    assert callable(ours)

    def counting(signum: int, frame: object) -> None:
        signals[0] += 1
        ours(signum, frame)

    signal.signal(signal.SIGIO, counting)
    try:
        with open(tmp_path / "tool.log", "a") as log:
            for _ in range(2000):  # no look can run between these writes
                log.write("x")
                log.flush()
        assert signals[0] <= 2, signals[0]
        assert await until(lambda: "tool.log" in heard)
        heard.clear()
        (tmp_path / "tool.log").write_text("again")  # armed again by that look
        assert await until(lambda: "tool.log" in heard)
    finally:
        signal.signal(signal.SIGIO, ours)
        watcher.stop()
