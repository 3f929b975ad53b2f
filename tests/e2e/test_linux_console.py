"""Under ``TERM=linux`` every glyph on screen is one the Linux console's font has.

The console's font has 256 glyphs, like code page 437 (box lines, blocks,
arrows, ``· • ► ◄ √``) plus Latin-1 letters; anything else shows as a box.
The installed ``podium`` runs in tmux with ``TERM=linux`` through the
screens that draw the most (notes, help, overview, the palette, a poll with
its chart, a section slide) and the screen is read back.
"""

from __future__ import annotations

import subprocess
import time
import uuid
from pathlib import Path

import pytest
from tmux_session import PODIUM, TmuxSession, needs_podium, needs_tmux, new_session

pytestmark = [needs_tmux, needs_podium]

CP437 = set(bytes(range(128, 256)).decode("cp437")) | set("☺☻♥♦♣♠•◘○◙♂♀♪♫☼►◄↕‼¶§▬↨↑↓→←∟↔▲▼⌂")
LATIN_1_LETTERS = {chr(code) for code in range(0xC0, 0x100)}
CONSOLE = CP437 | LATIN_1_LETTERS


def _foreign(screen: str) -> set[str]:
    return {char for char in screen if ord(char) > 127 and char not in CONSOLE}


@pytest.mark.parametrize(("width", "height"), [(80, 24), (100, 30)])
def test_every_glyph_drawn_is_one_the_console_has(
    tmp_path: Path, private_data_dir: Path, width: int, height: int
) -> None:
    name = f"podium-console-{uuid.uuid4().hex[:8]}"
    script = (
        f"export TERM=linux PODIUM_DATA_DIR={str(private_data_dir)!r}; "
        f"{PODIUM} slides.yaml; sleep 30"
    )
    new_session(name, script, width=width, height=height, cwd=Path(__file__).parents[2])
    session = TmuxSession(name)
    seen: dict[str, set[str]] = {}
    try:
        session.wait_for("1/13")

        def close() -> None:
            # Esc alone: a key right after it would read as Alt+key.
            session.keys("Escape")
            time.sleep(0.5)

        def look(what: str, expect: str) -> None:
            screen = session.wait_for(expect)
            if found := _foreign(screen):
                seen[what] = found

        session.keys("s")
        look("notes", "1/13")
        session.keys("?")
        look("help", "Taster")
        close()
        session.keys("o")
        look("overview", "Oversikt")
        close()
        session.keys("C-p")
        look("palette", "Søk")
        close()
        session.keys(":", "1", "1", "Enter")
        session.wait_for("11/13")
        session.keys("1", "1", "2", "r")
        look("poll", "67%")
        session.keys("Right")
        look("after the poll", "12/13")
        session.keys("Right", "Right", "Right")
        look("last", "13/13")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)
    assert not seen, f"glyphs the Linux console cannot show: {seen}"


def test_the_voter_too(tmp_path: Path, private_data_dir: Path) -> None:
    deck = Path(__file__).parents[1] / "data" / "two_polls.yaml"
    exports = f"export TERM=linux PODIUM_DATA_DIR={str(private_data_dir)!r}"
    names = [f"podium-console-{uuid.uuid4().hex[:8]}" for _ in range(2)]
    new_session(names[0], f"{exports}; {PODIUM} {str(deck)!r}; sleep 30", width=80, height=24)
    try:
        presenter = TmuxSession(names[0])
        presenter.wait_for("Welcome")
        new_session(names[1], f"{exports}; {PODIUM} vote; sleep 30", width=80, height=24)
        voter = TmuxSession(names[1])
        voter.wait_for("Waiting for the next poll")
        presenter.keys("Right")
        voter.wait_for("First question?")
        voter.keys("2")
        screen = voter.wait_for("Your vote: No")
    finally:
        for name in names:
            subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)
    assert not _foreign(screen), _foreign(screen)
