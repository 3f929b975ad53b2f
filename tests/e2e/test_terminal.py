"""Every way out of every full-screen app restores the terminal; no terminal, no app.

End-to-end: the installed ``podium`` in tmux. Each app (presenter, audience
view, voter, rehearsal) is ended by ``q``, Ctrl+C and the signals INT, TERM,
HUP and QUIT; then tmux's own view of the pane (alternate screen, mouse
reporting, cursor) and the bytes the app wrote (every mode it set is reset
last) must show a normal terminal again. The ways out of one app run side
by side in separate tmux sessions to keep the suite quick.
"""

from __future__ import annotations

import json
import os
import pty
import re
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import DATA
from tmux_session import PODIUM, needs_podium, needs_tmux

from tui.terminal import EXIT_NO_TERMINAL, ended_by_signal, signal_status, terminal_problem

SEED = Path(__file__).resolve().parents[2] / "slides.yaml"

PANE_FLAGS = "#{alternate_on} #{mouse_any_flag} #{mouse_button_flag} #{mouse_sgr_flag} #{mouse_standard_flag} #{cursor_flag}"
"""tmux's state of the pane: alternate screen, four mouse modes, cursor visible."""

NORMAL = "0 0 0 0 0 1"
"""The pane state of a shell prompt."""

PRIVATE_MODES = ("1049", "1000", "1002", "1003", "1006", "1015", "1016", "1004", "2004", "2048")
"""DEC private modes an app may set and must reset (?25 is the other way round)."""


def modes_left_on(stream: bytes) -> list[str]:
    """Modes the byte stream leaves set: its last word on each must be "off".

    Returns:
        E.g. ``["?1049", "kitty keyboard"]``; empty for a restored terminal.
    """
    text = stream.decode("utf-8", "replace")
    left = []
    for mode in PRIVATE_MODES:
        changes = re.findall(rf"\x1b\[\?{mode}([hl])", text)
        if changes and changes[-1] == "h":
            left.append(f"?{mode}")
    cursor = re.findall(r"\x1b\[\?25([hl])", text)
    if cursor and cursor[-1] == "l":
        left.append("hidden cursor")
    kitty = re.findall(r"\x1b\[([<>])\d*u", text)
    if kitty and kitty[-1] == ">":
        left.append("kitty keyboard")
    return left


# -- a pane per run --------------------------------------------------------------------


class Pane:
    """A tmux session running ``podium ARGS`` under ``sh``, which then records its exit status.

    The pane stays open after podium exits, showing what podium left
    behind; everything podium writes is copied to ``log`` (``pipe-pane``).
    """

    def __init__(
        self, args: list[str], folder: Path, data_dir: Path, *, env: dict[str, str] | None = None
    ) -> None:
        self.name = f"podium-term-{uuid.uuid4().hex[:8]}"
        self.log = folder / f"{self.name}.bytes"
        self.status = folder / f"{self.name}.status"
        environment = {"TERM": "xterm-256color", "PODIUM_DATA_DIR": str(data_dir), **(env or {})}
        exports = " ".join(f"{key}={value!r}" for key, value in environment.items())
        command = " ".join([str(PODIUM), *(repr(arg) for arg in args)])
        # Wait for Enter so that the copy of the output starts before podium does.
        script = (
            f"read go; export {exports}; {command}; echo $? > {str(self.status)!r}; exec sleep 120"
        )
        tmux(
            "new-session",
            "-d",
            "-s",
            self.name,
            "-x",
            "100",
            "-y",
            "30",
            "-c",
            str(folder),
            "sh",
            "-c",
            script,
        )
        tmux("pipe-pane", "-o", "-t", self.name, f"cat >> {str(self.log)!r}")
        self.keys("Enter")

    def value(self, fmt: str) -> str:
        return tmux("display", "-p", "-t", self.name, fmt).strip()

    @property
    def pid(self) -> int:
        """Podium's process (the shell's child)."""
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            found = subprocess.run(
                ["pgrep", "-P", self.value("#{pane_pid}")],
                check=False,
                capture_output=True,
                text=True,
            )
            if found.stdout.split():
                return int(found.stdout.split()[0])
            time.sleep(0.05)
        raise AssertionError(f"no podium process in {self.name}")

    def keys(self, *keys: str) -> None:
        tmux("send-keys", "-t", self.name, *keys)

    def screen(self) -> str:
        return tmux("capture-pane", "-p", "-t", self.name)

    def wait_for(self, text: str, timeout: float = 20.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text in self.screen():
                return
            time.sleep(0.05)
        raise AssertionError(
            f"{text!r} never appeared in {self.name}; screen was:\n{self.screen()}"
        )

    def exit_status(self, timeout: float = 15.0) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.status.exists() and self.status.read_text().strip():
                return int(self.status.read_text())
            time.sleep(0.05)
        raise AssertionError(f"podium did not exit in {self.name}; screen was:\n{self.screen()}")

    def output(self) -> bytes:
        """What podium wrote, once the copy has caught up with its exit."""
        deadline = time.monotonic() + 3
        data = b""
        while time.monotonic() < deadline:
            data = self.log.read_bytes() if self.log.exists() else b""
            if not modes_left_on(data):
                break
            time.sleep(0.05)
        return data

    def kill(self) -> None:
        kill_session(self.name)


SOCKET = f"podium-term-{os.getpid()}"
"""This module's own tmux server: other tests ending theirs cannot take it down mid-test."""


def tmux(*args: str) -> str:
    return subprocess.run(
        ["tmux", "-L", SOCKET, *args], check=True, capture_output=True, text=True
    ).stdout


def kill_session(name: str) -> None:
    subprocess.run(
        ["tmux", "-L", SOCKET, "kill-session", "-t", name], check=False, capture_output=True
    )


@pytest.fixture(scope="module", autouse=True)
def tmux_server() -> Iterator[None]:
    """Start the module's tmux server, kept up between sessions; stop it at the end."""
    if shutil.which("tmux") is None:
        yield
        return
    start = ["start-server", ";", "set", "-g", "exit-empty", "off"]
    subprocess.run(
        ["tmux", "-L", SOCKET, "-f", "/dev/null", *start], check=True, capture_output=True
    )
    socket = tmux("display", "-p", "#{socket_path}").strip()
    yield
    subprocess.run(["tmux", "-L", SOCKET, "kill-server"], check=False, capture_output=True)
    Path(socket).unlink(missing_ok=True)


@pytest.fixture
def panes(tmp_path: Path, private_data_dir: Path) -> Iterator[callable]:
    started: list[Pane] = []

    def start(args: list[str], **kwargs) -> Pane:
        pane = Pane(args, tmp_path, private_data_dir, **kwargs)
        started.append(pane)
        return pane

    yield start
    for pane in started:
        pane.kill()


WAYS_OUT = ["q", "ctrl+c", "INT", "TERM", "HUP", "QUIT"]
"""Keys and signals that end an app."""

APPS = {
    # app: (arguments, text on its screen, keys that quit with q)
    "presenter": ([str(SEED)], "en innovasjonsutfordring", ["q"]),
    # The default deck says lang: nb; the voter speaks English until it sees a poll.
    "audience": (["--audience", str(SEED)], "Venter på foredragsholderen", ["q", "y"]),
    "voter": (["vote"], "Waiting for the presentation", ["q"]),
    "rehearse": (["rehearse", str(SEED)], "Notater · 1/13", ["q"]),
}


def end(pane: Pane, way: str, quit_keys: list[str]) -> int:
    """End the app the given way; returns the exit status it should give."""
    if way == "q":
        for key in quit_keys:
            pane.keys(key)
            time.sleep(0.3)  # the confirmation opens
        return 0
    if way == "ctrl+c":
        pane.keys("C-c")
        return 0
    number = getattr(signal, f"SIG{way}")
    os.kill(pane.pid, number)
    return signal_status(number)


@needs_tmux
@needs_podium
@pytest.mark.parametrize("app", list(APPS))
def test_every_way_out_restores_the_terminal(panes, app: str, tmp_path: Path) -> None:
    args, text, quit_keys = APPS[app]
    # A data folder each: the runs are separate talks, started at the same moment.
    running = {way: panes(args, env={"PODIUM_DATA_DIR": str(tmp_path / way)}) for way in WAYS_OUT}
    for pane in running.values():
        pane.wait_for(text)
        assert pane.value(PANE_FLAGS) != NORMAL  # full-screen, mouse on, cursor hidden
    expected = {way: end(pane, way, quit_keys) for way, pane in running.items()}
    problems = []
    for way, pane in running.items():
        status = pane.exit_status()
        flags = pane.value(PANE_FLAGS)
        left_on = modes_left_on(pane.output())
        if status != expected[way] or flags != NORMAL or left_on:
            problems.append(
                f"{way}: status {status} (expected {expected[way]}), pane {flags!r}, left on {left_on}"
            )
        screen = pane.screen()
        if app == "rehearse":  # the report is printed after any way out, as ended normally
            # (only the first slide was shown, so it says which were never shown)
            assert "slides.yaml · " in screen and "never shown" in screen, screen
            assert "interrupted" not in screen, screen
        assert "Traceback" not in screen, screen
    assert not problems, f"{app}: " + "; ".join(problems)


@needs_tmux
@needs_podium
@pytest.mark.parametrize("way", ["TERM", "HUP"])
def test_a_signalled_presenter_quits_for_its_audience(panes, way: str) -> None:
    from tui.audience.state import read_state, state_path

    pane = panes([str(SEED)])
    pane.wait_for("en innovasjonsutfordring")  # the title may be in big letters
    pane.keys("Right")
    pane.wait_for("2/13")
    os.kill(pane.pid, getattr(signal, f"SIG{way}"))
    assert pane.exit_status() == signal_status(getattr(signal, f"SIG{way}"))
    state = read_state(state_path(str(SEED)))
    assert state is not None and state.ended and state.slide == 1  # "the presenter has quit"


@needs_tmux
@needs_podium
@pytest.mark.parametrize("way", ["HUP", "TERM", "QUIT", "INT", "closed"])
def test_a_presenter_ended_by_a_signal_starts_again_on_its_slide(panes, way: str) -> None:
    """A dropped SSH connection (SIGHUP), ``kill`` or a closed terminal is no choice to stop."""
    pane = panes([str(SEED)])
    pane.wait_for("en innovasjonsutfordring")
    pane.keys(":", "7", "Enter")
    pane.wait_for("7/13")
    pid = pane.pid
    if way == "closed":  # tmux kill-session hangs up the terminal
        pane.kill()
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and _alive(pid):
            time.sleep(0.05)
        assert not _alive(pid)
    else:
        number = getattr(signal, f"SIG{way}")
        os.kill(pid, number)
        assert pane.exit_status() == signal_status(number)
    again = panes([str(SEED)])
    again.wait_for("7/13")
    again.wait_for("Podium stoppet uventet sist")  # the toast wraps: "tilbake på / lysbilde 7"
    again.keys("q")
    assert again.exit_status() == 0
    third = panes([str(SEED)])  # q was the presenter's choice: back to the start
    third.wait_for("1/13")
    assert "stoppet uventet" not in third.screen()
    third.keys("q")
    assert third.exit_status() == 0


@needs_tmux
@needs_podium
def test_closing_the_terminal_saves_the_rehearsal(
    panes, tmp_path: Path, private_data_dir: Path
) -> None:
    """tmux kill-session hangs up the terminal (SIGHUP, then writes fail)."""
    pane = panes(["rehearse", str(SEED)])
    pane.wait_for("Notater · 1/13")
    pane.keys("Right")
    pane.wait_for("Notater · 2/13")
    pid = pane.pid
    pane.kill()
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and _alive(pid):
        time.sleep(0.05)
    assert not _alive(pid)
    history = run_podium(
        ["rehearse", str(SEED), "--history", "--format", "json"], data_dir=private_data_dir
    )
    assert history.returncode == 0, history.stderr
    (run,) = json.loads(history.stdout)
    # Saved as ended, not interrupted: only the slides never reached are missing.
    assert run["ended"] and run["never_shown"] == list(range(3, 14)), history.stdout
    report = run_podium(["rehearse", str(SEED), "--report"], data_dir=private_data_dir)
    assert report.returncode == 0 and "interrupted" not in report.stdout, report.stdout


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return not Path(f"/proc/{pid}/stat").read_text().split(") ")[-1].startswith("Z")


class _Shell:
    """An interactive bash in a 100x30 tmux session, with Podium's data kept private."""

    def __init__(self, cwd: Path, data_dir: Path) -> None:
        self.name = f"podium-term-{uuid.uuid4().hex[:8]}"
        tmux(
            "new-session", "-d", "-s", self.name, "-x", "100", "-y", "30", "-c", str(cwd),
            "env", f"PODIUM_DATA_DIR={data_dir}", "PS1=$ ", "TERM=xterm-256color",
            "bash", "--norc", "-i",
        )  # fmt: skip

    def screen(self) -> str:
        return tmux("capture-pane", "-p", "-t", self.name)

    def flags(self) -> str:
        return tmux("display", "-p", "-t", self.name, PANE_FLAGS).strip()

    def keys(self, *keys: str) -> None:
        tmux("send-keys", "-t", self.name, *keys)

    def wait(self, condition: Callable[[], bool], what: str) -> None:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if condition():
                return
            time.sleep(0.05)
        raise AssertionError(f"{what}; screen was:\n{self.screen()}")

    def present_and_suspend(self) -> None:
        """Start podium on the seed deck, go to slide 2 and press Ctrl+Z."""
        self.keys(f"{PODIUM} {SEED}", "Enter")
        self.wait(lambda: "en innovasjonsutfordring" in self.screen(), "the deck never showed")
        self.keys("Right")
        self.wait(lambda: "KS' visjon" in self.screen(), "Right did nothing")
        self.keys("C-z")
        self.wait(lambda: "Stopped" in self.screen(), "podium did not stop")

    def assert_quits_while_suspended(self, kill: str) -> None:
        """Run ``kill`` on the suspended podium: it must end (143), the terminal as it was."""
        self.keys(f"clear; {kill}; sleep 2; jobs; echo listed", "Enter")
        self.wait(
            lambda: "listed" in self.screen().replace("echo listed", ""),
            "the shell never listed its jobs",
        )
        assert "Exit 143" in self.screen() and "Stopped" not in self.screen(), self.screen()
        assert self.flags() == NORMAL


@needs_tmux
@needs_podium
def test_ctrl_z_then_fg_draws_the_slide_again(tmp_path: Path, private_data_dir: Path) -> None:
    shell = _Shell(tmp_path, private_data_dir)
    try:
        shell.present_and_suspend()
        for suspend in ("key", "signal"):
            if suspend == "signal":
                (pid,) = subprocess.run(
                    ["pgrep", "-f", f"{PODIUM} {SEED}"], check=False, capture_output=True, text=True
                ).stdout.split()
                os.kill(int(pid), signal.SIGTSTP)
                shell.wait(lambda: "Stopped" in shell.screen(), f"{suspend}: podium did not stop")
            flags = shell.flags()
            assert flags == NORMAL, f"{suspend}: stopped with the terminal in {flags!r}"
            shell.keys("clear", "Enter")
            shell.wait(lambda: "Stopped" not in shell.screen(), "clear did not clear")
            shell.keys("fg", "Enter")
            shell.wait(
                lambda: "KS' visjon" in shell.screen() and "2/13" in shell.screen(),
                f"{suspend}: fg left the screen blank",
            )
        # Told to quit while suspended (the shell's kill %1: SIGTERM, then SIGCONT):
        # it quits for good, without taking the shell's terminal back.
        shell.keys("C-z")
        shell.wait(lambda: "Stopped" in shell.screen(), "podium did not stop again")
        shell.assert_quits_while_suspended("kill %1")
    finally:
        kill_session(shell.name)


@needs_tmux
@needs_podium
def test_quit_signal_just_after_continue_in_background_still_quits(
    tmp_path: Path, private_data_dir: Path
) -> None:
    # kill %1 sends SIGTERM then SIGCONT, but another thread of the app may
    # take the SIGTERM, so the SIGCONT can be handled first. Sending them in
    # that order, a moment apart, makes that happen every time: continued in
    # the background, podium must wait for the quit rather than stop again.
    shell = _Shell(tmp_path, private_data_dir)
    try:
        shell.present_and_suspend()
        shell.assert_quits_while_suspended("kill -CONT %1; sleep 0.1; kill %1")
    finally:
        kill_session(shell.name)


EXCEPTION_APP = """
import sys
from textual.app import App
from textual.widgets import Static
from tui.terminal import run_app

class Broken(App):
    def compose(self):
        yield Static("ready for the crash")
    def on_key(self, event):
        raise RuntimeError("unexpected")

app = Broken()
run_app(app)
sys.exit(app.return_code)
"""


@needs_tmux
def test_an_exception_in_the_app_restores_the_terminal(panes, tmp_path: Path) -> None:
    """Textual catches it, ends the app and prints the traceback; run_app adds the mode resets."""
    script = tmp_path / "broken_app.py"
    script.write_text(EXCEPTION_APP, encoding="utf-8")
    name = f"podium-term-{uuid.uuid4().hex[:8]}"
    log = tmp_path / "broken.bytes"
    status = tmp_path / "broken.status"
    tmux(
        "new-session",
        "-d",
        "-s",
        name,
        "-x",
        "100",
        "-y",
        "30",
        "-c",
        str(tmp_path),
        "sh",
        "-c",
        f"read go; TERM=xterm-256color {sys.executable} {str(script)!r}; echo $? > {str(status)!r}; exec sleep 120",
    )
    try:
        tmux("pipe-pane", "-o", "-t", name, f"cat >> {str(log)!r}")
        tmux("send-keys", "-t", name, "Enter")
        deadline = time.monotonic() + 20
        while "ready for the crash" not in tmux("capture-pane", "-p", "-t", name):
            assert time.monotonic() < deadline, tmux("capture-pane", "-p", "-t", name)
            time.sleep(0.05)
        tmux("send-keys", "-t", name, "x")
        while not (status.exists() and status.read_text().strip()):
            assert time.monotonic() < deadline + 10, tmux("capture-pane", "-p", "-t", name)
            time.sleep(0.05)
        assert status.read_text().strip() == "1"
        assert tmux("display", "-p", "-t", name, PANE_FLAGS).strip() == NORMAL
        assert "RuntimeError" in tmux("capture-pane", "-p", "-S", "-100", "-t", name)
        time.sleep(0.2)
        assert modes_left_on(log.read_bytes()) == []
    finally:
        kill_session(name)


STUCK_APP = """
import sys, time
from textual.app import App
from textual.widgets import Static
from tui.terminal import run_app

class Stuck(App):
    def compose(self):
        yield Static("ready to hang")
    def on_key(self, event):
        while True:  # never gives the loop back
            time.sleep(0.01)

app = Stuck()
run_app(app)
"""


@needs_tmux
@pytest.mark.parametrize("second_signal", [True, False])
def test_a_stuck_app_is_stopped_with_the_terminal_restored(
    panes, tmp_path: Path, second_signal: bool
) -> None:
    """A second signal stops it at once; else the watchdog does after FORCE_AFTER seconds."""
    script = tmp_path / "stuck_app.py"
    script.write_text(STUCK_APP, encoding="utf-8")
    name = f"podium-term-{uuid.uuid4().hex[:8]}"
    status = tmp_path / "stuck.status"
    tmux(
        "new-session",
        "-d",
        "-s",
        name,
        "-x",
        "100",
        "-y",
        "30",
        "-c",
        str(tmp_path),
        "sh",
        "-c",
        f"TERM=xterm-256color {sys.executable} {str(script)!r}; echo $? > {str(status)!r}; exec sleep 120",
    )
    try:
        deadline = time.monotonic() + 20
        while "ready to hang" not in tmux("capture-pane", "-p", "-t", name):
            assert time.monotonic() < deadline, tmux("capture-pane", "-p", "-t", name)
            time.sleep(0.05)
        tmux("send-keys", "-t", name, "x")
        time.sleep(0.3)
        pane_pid = tmux("display", "-p", "-t", name, "#{pane_pid}").strip()
        (pid,) = subprocess.run(
            ["pgrep", "-P", pane_pid], check=False, capture_output=True, text=True
        ).stdout.split()
        os.kill(int(pid), signal.SIGTERM)
        if second_signal:
            time.sleep(0.3)
            os.kill(int(pid), signal.SIGTERM)
        while not (status.exists() and status.read_text().strip()):
            assert time.monotonic() < deadline + 15, tmux("capture-pane", "-p", "-t", name)
            time.sleep(0.05)
        assert status.read_text().strip() == "143"
        assert tmux("display", "-p", "-t", name, PANE_FLAGS).strip() == NORMAL
    finally:
        kill_session(name)


# -- no terminal -------------------------------------------------------------------------


FULL_SCREEN = {
    "podium": [str(SEED)],
    "podium --audience": ["--audience", str(SEED)],
    "podium vote": ["vote"],
    "podium rehearse": ["rehearse", str(SEED)],
}


def run_podium(
    args: list[str], *, data_dir: Path, env: dict[str, str] | None = None, **kwargs
) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PODIUM_DATA_DIR": str(data_dir), **(env or {})}
    return subprocess.run(
        [str(PODIUM), *args],
        check=False,
        env=environment,
        capture_output=True,
        text=True,
        timeout=30,
        **kwargs,
    )


@needs_podium
@pytest.mark.parametrize("command", list(FULL_SCREEN))
def test_full_screen_commands_refuse_without_a_terminal(
    command: str, private_data_dir: Path
) -> None:
    result = run_podium(FULL_SCREEN[command], data_dir=private_data_dir, stdin=subprocess.DEVNULL)
    assert result.returncode == EXIT_NO_TERMINAL
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines == [lines[0]] and lines[0].startswith(
        f"{command}: needs an interactive terminal ("
    ), result.stderr
    assert "not a terminal" in lines[0]


@needs_podium
@pytest.mark.parametrize("command", list(FULL_SCREEN))
def test_full_screen_commands_refuse_a_dumb_terminal(command: str, private_data_dir: Path) -> None:
    """TERM=dumb on a real terminal (an Emacs shell): refused, not drawn at full speed."""
    leader, follower = pty.openpty()
    try:
        environment = {**os.environ, "PODIUM_DATA_DIR": str(private_data_dir), "TERM": "dumb"}
        process = subprocess.run(
            [str(PODIUM), *FULL_SCREEN[command]],
            check=False,
            env=environment,
            stdin=follower,
            stdout=follower,
            stderr=follower,
            timeout=30,
        )
        os.close(follower)
        follower = -1
        output = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # EIO: nothing more
                break
            if not chunk:
                break
            output += chunk
    finally:
        os.close(leader)
        if follower != -1:
            os.close(follower)
    assert process.returncode == EXIT_NO_TERMINAL
    lines = output.decode().splitlines()
    assert len(lines) == 1 and "TERM=dumb" in lines[0] and lines[0].startswith(f"{command}: "), (
        output
    )


@needs_podium
def test_line_commands_work_without_a_terminal(private_data_dir: Path) -> None:
    for args in (
        ["check", str(SEED)],
        ["results", str(SEED)],
        ["rehearse", str(SEED), "--history"],
    ):
        result = run_podium(
            args, data_dir=private_data_dir, stdin=subprocess.DEVNULL, env={"TERM": "dumb"}
        )
        assert result.returncode == 0, (args, result.stderr)
        assert "interactive terminal" not in result.stderr
    # --choice votes (here: refused, as nothing is presented) without asking for a terminal.
    vote = run_podium(
        ["vote", "--choice", "1"], data_dir=private_data_dir, stdin=subprocess.DEVNULL
    )
    assert vote.returncode == 1 and "no presentation is running" in vote.stderr


def test_terminal_problem_names_what_is_missing() -> None:
    class Stream:
        def __init__(self, tty: bool) -> None:
            self.tty = tty

        def isatty(self) -> bool:
            return self.tty

    tty, file = Stream(True), Stream(False)
    xterm = {"TERM": "xterm-256color"}
    assert terminal_problem(tty, tty, tty, xterm) is None
    assert terminal_problem(tty, tty, tty, {}) is None  # no TERM: Textual assumes an xterm
    assert terminal_problem(file, tty, tty, xterm) == "stdin is not a terminal"
    assert terminal_problem(tty, file, tty, xterm) == "stdout is not a terminal"
    assert terminal_problem(tty, tty, file, xterm) == "stderr is not a terminal"
    assert "TERM=dumb" in terminal_problem(tty, tty, tty, {"TERM": "dumb"})
    assert terminal_problem(tty, tty, tty, {"TERM": "unknown"}) is not None


def test_signal_statuses() -> None:
    assert signal_status(signal.SIGTERM) == 143 and ended_by_signal(143)
    assert ended_by_signal(signal_status(signal.SIGHUP)) and ended_by_signal(130)
    assert not ended_by_signal(0) and not ended_by_signal(1) and not ended_by_signal(2)


# -- an ASCII locale -----------------------------------------------------------------------

ASCII = {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0"}


def ascii_env() -> dict[str, str]:
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONIOENCODING"}
    return {**environment, **ASCII}


@needs_podium
def test_every_line_command_prints_under_an_ascii_locale(
    private_data_dir: Path, tmp_path: Path
) -> None:
    from tui.deck import load_deck
    from tui.rehearsal.recorder import Recorder
    from tui.rehearsal.store import RehearsalStore

    deck = load_deck(SEED)
    store = RehearsalStore.open()  # one finished rehearsal, to report on
    try:
        recorder = Recorder(deck, store)
        recorder.update(0, 0, running=True)
        recorder.update(1, 0, running=True)
        recorder.finish()
    finally:
        store.close()
    broken = tmp_path / "føredrag.yaml"
    broken.write_text("title: Ødegård\nslides:\n  - titel: Åpen innovasjon\n", encoding="utf-8")
    commands = [
        (["check", str(SEED)], 0),
        (["check", str(broken)], 2),
        (["results", str(SEED)], 0),
        (["results", str(SEED), "--format", "csv"], 0),
        (["results", str(SEED), "--format", "json"], 0),
        (["rehearse", str(SEED), "--history"], 0),
        (["rehearse", str(SEED), "--report"], 0),
        (["rehearse", str(SEED), "--report", "--format", "json"], 0),
        (["vote", "--choice", "Åpen"], 1),
        ([str(SEED)], EXIT_NO_TERMINAL),
    ]
    for args, status in commands:
        result = subprocess.run(
            [str(PODIUM), *args],
            check=False,
            env={**ascii_env(), "PODIUM_DATA_DIR": str(private_data_dir)},
            capture_output=True,
            timeout=30,
            stdin=subprocess.DEVNULL,
        )
        machine = "--format" in args and args[args.index("--format") + 1] in ("csv", "json")
        # A table is ASCII, as the locale asks; CSV and JSON are UTF-8 whatever the locale.
        out = result.stdout.decode("utf-8" if machine else "ascii")
        err = result.stderr.decode("ascii")
        assert result.returncode == status, (args, out, err)
        assert "Traceback" not in err and "UnicodeEncodeError" not in err, (args, err)
        assert out or err
    report = subprocess.run(
        [str(PODIUM), "rehearse", str(SEED), "--report"],
        check=False,
        env={**ascii_env(), "PODIUM_DATA_DIR": str(private_data_dir)},
        capture_output=True,
        timeout=30,
    ).stdout.decode("ascii")
    assert "Samordning mellom forvaltningsorganer" in report  # ASCII text intact; the rest as '?'


@needs_tmux
@needs_podium
def test_the_presenter_starts_and_quits_under_an_ascii_locale(panes) -> None:
    pane = panes([str(SEED)], env=ASCII)
    pane.wait_for("en innovasjonsutfordring")
    pane.keys("q")
    assert pane.exit_status() == 0
    assert pane.value(PANE_FLAGS) == NORMAL
    assert "Traceback" not in pane.screen()


def test_python_dash_m_tui_refuses_without_a_terminal(private_data_dir: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tui", str(DATA / "presenter_demo.yaml")],
        check=False,
        env={**os.environ, "PODIUM_DATA_DIR": str(private_data_dir)},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert (
        result.returncode == EXIT_NO_TERMINAL and "needs an interactive terminal" in result.stderr
    )


def test_the_terminal_module_imports_no_textual() -> None:
    """The line-mode commands use it (safe_streams) without paying for Textual."""
    code = "import sys, tui.terminal; print('textual' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True, timeout=30
    )
    assert result.stdout.strip() == "False"
