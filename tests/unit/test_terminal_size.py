"""A full-screen app's size comes from the terminal, not from COLUMNS and LINES."""

from __future__ import annotations

import fcntl
import os
import struct
import termios

from tui.terminal_size import size_from_the_terminal


def test_on_a_terminal_the_variables_go_and_the_terminal_size_is_read() -> None:
    master, slave = os.openpty()
    try:
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        environ = {"COLUMNS": "80", "LINES": "24", "TERM": "xterm"}
        removed = size_from_the_terminal(environ, fds=(slave,))
        assert removed == {"COLUMNS": "80", "LINES": "24"}
        assert environ == {"TERM": "xterm"}
        # What Textual then reads: shutil falls back to the terminal itself.
        assert os.get_terminal_size(slave) == (100, 30)
        assert size_from_the_terminal(environ, fds=(slave,)) == {}
    finally:
        os.close(master)
        os.close(slave)


def test_without_a_terminal_the_variables_are_the_size_and_stay(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with open(tmp_path / "out", "w") as file:
        environ = {"COLUMNS": "80", "LINES": "24"}
        assert size_from_the_terminal(environ, fds=(1, file.fileno())) == {}
        assert environ == {"COLUMNS": "80", "LINES": "24"}
    assert size_from_the_terminal({"COLUMNS": "1"}, fds=(987,)) == {}  # not open at all
