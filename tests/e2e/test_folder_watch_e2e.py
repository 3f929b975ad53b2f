"""End-to-end: the installed ``podium`` watches folders through dnotify, in a pty.

The presenter walking the default deck and an audience view following it
load no ``ctypes`` (its library never shows in ``/proc/PID/maps``) while
their folder watchers are on (an open fd on a folder). A presenter whose
deck folder is hammered with writes (each a ``SIGIO``) while keys arrive in
bursts loses no key, does not die, and still hears its deck saved.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path

import pytest
from pty_screen import PtyProgram, slide_marks
from tmux_session import PODIUM, needs_podium

pytestmark = [
    needs_podium,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="dnotify, ptys and /proc"),
]

SEED = Path(__file__).resolve().parents[2] / "slides.yaml"
SLIDES = 12


def _env(data_dir: Path) -> dict[str, str]:
    return {
        "PODIUM_DATA_DIR": str(data_dir),
        "XDG_STATE_HOME": str(data_dir / "state"),
        "TERM": "xterm-256color",
    }


def _libraries(pid: int) -> set[str]:
    with open(f"/proc/{pid}/maps") as maps:
        return {Path(line.split()[-1]).name for line in maps if "/" in line}


def _open_folders(pid: int) -> set[str]:
    """The folders ``pid`` holds an fd on (a dnotify watch is one)."""
    folders = set()
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue
        if target.startswith("/") and os.path.isdir(target):
            folders.add(target)
    return folders


def _until(condition, timeout: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def test_presenter_and_audience_watch_without_ctypes(private_data_dir: Path) -> None:
    marks = slide_marks(SEED)
    presenter = PtyProgram([str(PODIUM), str(SEED)], (100, 30), _env(private_data_dir))
    audience = None
    try:
        presenter.wait_visible(marks[0], timeout=60)
        for mark in marks[1:]:
            presenter.send("right")
            presenter.wait_visible(mark, timeout=30)
        presenter.send("s")
        presenter.settle()
        assert _until(lambda: str(SEED.parent) in _open_folders(presenter.pid))
        assert not {name for name in _libraries(presenter.pid) if name.startswith("_ctypes")}

        audience = PtyProgram(
            [str(PODIUM), "--audience", str(SEED)], (100, 30), _env(private_data_dir)
        )
        audience.wait_visible(marks[-1], timeout=60)
        assert _until(lambda: bool(_open_folders(audience.pid)))
        assert not {name for name in _libraries(audience.pid) if name.startswith("_ctypes")}
    finally:
        presenter.stop()
        if audience is not None:
            audience.stop()


def _deck(last: str) -> str:
    titles = [f"Slide {number:02d}" for number in range(1, SLIDES)] + [last]
    return "title: Hammered\nslides:\n" + "".join(f"  - title: {title}\n" for title in titles)


def _hammer(folder: Path, stop: threading.Event, counted: list[int]) -> None:
    """Write, rename over and remove files beside the deck as fast as it goes."""
    scratch, temporary = folder / "scratch.log", folder / ".other.tmp"
    while not stop.is_set():
        with open(scratch, "a") as handle:
            handle.write("x" * 64)
        temporary.write_text(str(counted[0]))
        os.replace(temporary, folder / "other.json")
        (folder / "gone").write_text("")
        (folder / "gone").unlink()
        counted[0] += 1


def test_writes_beside_the_deck_while_keys_come_in_bursts(
    tmp_path: Path, private_data_dir: Path
) -> None:
    deck = tmp_path / "talk.yaml"
    deck.write_text(_deck(f"Slide {SLIDES:02d}"), encoding="utf-8")
    program = PtyProgram([str(PODIUM), str(deck)], (80, 24), _env(private_data_dir))
    stop, counted = threading.Event(), [0]
    hammer = threading.Thread(target=_hammer, args=(tmp_path, stop, counted), daemon=True)
    try:
        program.wait_visible("Slide 01", timeout=60)
        assert _until(lambda: str(tmp_path) in _open_folders(program.pid))
        hammer.start()
        for _ in range(3):
            os.write(program.fd, b"n" * (SLIDES - 1))  # one burst: to the last slide
            program.wait_visible(f"{SLIDES}/{SLIDES}", timeout=60)
            os.write(program.fd, b"p" * 7)
            program.wait_visible(f"{SLIDES - 7}/{SLIDES}", timeout=60)
            os.write(program.fd, b"p" * (SLIDES - 8) + b"nnp")
            program.wait_visible(f"2/{SLIDES}", timeout=60)
            os.write(program.fd, b"p")
            program.wait_visible(f"1/{SLIDES}", timeout=60)
        program.settle(quiet=0.5, limit=5)
        assert program.visible("Slide 01") and program.visible(f"1/{SLIDES}")
        assert counted[0] > 100, "the folder was hardly written to"
        # Still hearing its own deck amid the noise.
        temporary = tmp_path / ".talk.yaml.swp"
        temporary.write_text(_deck("Saved while hammered"), encoding="utf-8")
        os.replace(temporary, deck)
        os.write(program.fd, b"G")
        program.wait_visible("Saved while hammered", timeout=60)
        assert os.waitpid(program.pid, os.WNOHANG) == (0, 0), "podium ended"
    finally:
        stop.set()
        if hammer.is_alive():
            hammer.join(timeout=5)
        program.stop()
