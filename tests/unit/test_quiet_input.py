"""The presenter and audience apps choose the quiet Linux driver, and only instead of Textual's."""

from __future__ import annotations

import sys

import pytest
from textual.app import App
from textual.drivers.linux_driver import LinuxDriver

from tui.quiet_input import QuietInput

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="Textual's Linux driver is POSIX")


class Plain(QuietInput, App[None]):
    pass


def test_textuals_linux_driver_becomes_the_quiet_one(monkeypatch: pytest.MonkeyPatch) -> None:
    from tui.quiet_driver import QuietLinuxDriver

    monkeypatch.setattr("textual.constants.DRIVER", None)
    assert issubclass(QuietLinuxDriver, LinuxDriver)
    assert Plain().driver_class is QuietLinuxDriver


def test_a_driver_chosen_with_textual_driver_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        "textual.constants.DRIVER", "textual.drivers.headless_driver:HeadlessDriver"
    )
    from textual.drivers.headless_driver import HeadlessDriver

    assert Plain().driver_class is HeadlessDriver


def test_the_apps_use_it() -> None:
    from tui.app import PodiumApp
    from tui.audience.app import AudienceApp

    assert issubclass(PodiumApp, QuietInput) and issubclass(AudienceApp, QuietInput)


def test_the_parser_state_the_quiet_thread_reads_is_there() -> None:
    """A lone Escape leaves the parser waiting (its timeout set): the thread then ticks."""
    from textual._xterm_parser import XTermParser

    parser = XTermParser()
    assert parser._timeout_time is None
    list(parser.feed("\x1b"))
    assert parser._timeout_time is not None


@pytest.mark.parametrize(
    ("data", "pieces"),
    [
        ("\x1bn", ["", "\x1bn"]),  # Escape, then n
        ("ab\x1b:c", ["ab", "\x1b:c"]),
        ("\x1b1", ["", "\x1b1"]),
        ("\x1b[D", ["\x1b[D"]),  # a sequence: left whole
        ("\x1bOC", ["\x1bOC"]),
        ("\x1b\x1b[D", ["\x1b\x1b[D"]),  # Alt+Left
        ("\x1b\x7f", ["\x1b\x7f"]),  # Alt+Backspace
        ("\x1b", ["\x1b"]),  # a lone Escape: the parser's timeout decides
        ("\x1b[200~a\x1bnb\x1b[201~\x1bq", ["\x1b[200~a\x1bnb\x1b[201~", "\x1bq"]),  # pasted text
    ],
)
def test_an_escape_before_a_printable_key_is_cut_off(data: str, pieces: list[str]) -> None:
    from tui.quiet_driver import split_lone_escapes

    assert split_lone_escapes(data, False) == (pieces, False)


def test_a_paste_open_across_reads_is_not_cut() -> None:
    from tui.quiet_driver import split_lone_escapes

    assert split_lone_escapes("x\x1bny", True) == (["x\x1bny"], True)
    assert split_lone_escapes("\x1b[201~\x1bn", True) == (["\x1b[201~", "\x1bn"], False)


class _Queue:
    """Stands in for Textual's output thread: keeps what it is given."""

    def __init__(self) -> None:
        self.written: list[str] = []

    def write(self, text: str) -> None:
        self.written.append(text)


async def test_writes_go_straight_to_the_terminal_until_the_first_frame_then_through_the_thread() -> (
    None
):
    """The first frame reaches the terminal from the app's thread (no wait for the output
    thread to get the interpreter lock); every later write is queued as Textual does."""
    import io

    from tui.quiet_driver import QuietLinuxDriver

    driver = QuietLinuxDriver(Plain())
    terminal, thread = io.StringIO(), _Queue()
    driver._file, driver._writer_thread = terminal, thread  # type: ignore[assignment]
    driver.write("\x1b[?1049h")
    driver.write("frame 1")
    driver.flush()
    assert terminal.getvalue() == "\x1b[?1049hframe 1" and thread.written == []
    driver.queue_writes()
    driver.write("frame 2")
    driver.flush()
    assert terminal.getvalue() == "\x1b[?1049hframe 1" and thread.written == ["frame 2"]


def test_the_app_sends_its_writes_through_the_thread_after_its_first_frame() -> None:
    class Driver:
        queued = 0

        def queue_writes(self) -> None:
            self.queued += 1

    app = Plain()
    driver = Driver()
    app._driver = driver  # type: ignore[assignment]
    assert driver.queued == 0
    app.post_display_hook()
    app.post_display_hook()
    assert driver.queued == 1
