"""The terminal's lifecycle around Podium's full-screen apps, in one place.

Every full-screen command (the presenter, ``podium --audience``, ``podium
vote`` and ``podium rehearse``) goes through this module:

* :func:`terminal_problem` / :func:`refuse_without_terminal`: a full-screen
  app needs a real terminal on stdin, stdout and stderr (Textual draws on
  stderr and reads stdin) and a ``TERM`` that can move the cursor. Without
  one the command says so in one line and exits with status 2 instead of
  drawing into a file or spinning on a closed stdin.
* :func:`run_app`: runs a Textual app so that every way out restores the
  terminal. SIGTERM, SIGHUP, SIGQUIT and SIGINT quit through the app's own
  exit path (:meth:`App.exit`), so the terminal is put back by Textual and
  what the command does after a quit (telling audience views, saving a
  rehearsal) still happens. Ctrl+Z suspends with Textual's own
  :meth:`App.action_suspend_process`; after ``fg`` the whole screen is
  drawn again.
* :func:`safe_streams`: stdout and stderr never raise UnicodeEncodeError
  under an ASCII locale (``LC_ALL=C``): what cannot be encoded prints
  as ``?``.

Imports no Textual at module level: the line-mode commands use it too.
"""

from __future__ import annotations

import asyncio
import io
import os
import signal
import sys
import threading
from collections.abc import Mapping
from typing import IO, TYPE_CHECKING, Any

from tui.exit_codes import EXIT_BAD_INPUT

if TYPE_CHECKING:
    from textual.app import App
    from textual.binding import Binding

EXIT_NO_TERMINAL = EXIT_BAD_INPUT
"""Exit status when a full-screen command has no terminal (bad input: how it was run)."""

QUIT_SIGNALS: tuple[signal.Signals, ...] = (
    signal.SIGTERM,
    signal.SIGHUP,
    signal.SIGQUIT,
    signal.SIGINT,
)
"""Signals that quit an app cleanly, as ``q`` does."""

FORCE_AFTER = 5.0
"""Seconds a signalled app has to finish quitting before it is stopped at once
(terminal restored, exit status 128+signal). A second signal stops it at once."""

DUMB_TERMS = frozenset({"dumb", "unknown"})
"""``TERM`` values that cannot address the cursor (Emacs shells, some IDE consoles)."""

RESET_MODES = (
    "\x1b[0m"  # default colours (the cell diff leaves its last ones on between frames)
    "\x1b[<u"  # kitty keyboard protocol: pop Textual's flags
    "\x1b[>4;0m"  # xterm modifyOtherKeys off
    "\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1015l\x1b[?1006l\x1b[?1016l"  # mouse reporting off
    "\x1b[?1004l"  # focus reporting off
    "\x1b[?2004l"  # bracketed paste off
    "\x1b[?2048l"  # in-band resize reports off
    "\x1b[?7h"  # line wrap on
    "\x1b[?25h"  # cursor visible
)
"""Escape sequences that put keyboard, mouse and cursor modes back to normal.

Harmless when a mode is already off, so they are written after every run
(Textual leaves ``?1016`` mouse pixels on) as well as on a forced stop.
"""

LEAVE_ALTERNATE_SCREEN = "\x1b[?1049l"
"""Back to the normal screen (only on a forced stop: Textual does it otherwise)."""


def _isatty(stream: IO[str] | None) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (AttributeError, ValueError, OSError):  # closed or not a real file
        return False


def terminal_problem(
    stdin: IO[str] | None = None,
    stdout: IO[str] | None = None,
    stderr: IO[str] | None = None,
    environ: Mapping[str, str] | None = None,
) -> str | None:
    """Why a full-screen app cannot run here, or None when it can.

    Args:
        stdin: Defaults to ``sys.stdin``; the keys come from it.
        stdout: Defaults to ``sys.stdout``; what a command prints after
            the app (a rehearsal report) goes there.
        stderr: Defaults to ``sys.stderr``; Textual draws the screen there.
        environ: Defaults to ``os.environ`` (for ``TERM``).

    Returns:
        E.g. ``"stdin is not a terminal"`` or ``"TERM=dumb cannot show a
        full-screen view"``; None for a usable terminal. An unset ``TERM``
        on a real terminal is allowed: Textual then assumes an xterm.
    """
    streams = (
        ("stdin", sys.stdin if stdin is None else stdin),
        ("stdout", sys.stdout if stdout is None else stdout),
        ("stderr", sys.stderr if stderr is None else stderr),
    )
    for name, stream in streams:
        if not _isatty(stream):
            return f"{name} is not a terminal"
    term = (os.environ if environ is None else environ).get("TERM", "")
    if term.strip().lower() in DUMB_TERMS:
        return f"TERM={term} cannot show a full-screen view"
    size = _reported_size(streams[2][1])
    if size is not None and 0 in size:
        return f"the terminal reports a size of {size[0]}x{size[1]} cells, so nothing fits"
    return None


def _reported_size(stream: IO[str] | None) -> tuple[int, int] | None:
    """The size (columns, rows) the terminal behind ``stream`` reports, if it can be read.

    A terminal that reports 0x0 (a pty nobody sized, e.g. under ``script``)
    has no cells to draw in: Textual would redraw for nothing, at full CPU.
    """
    try:
        columns, rows = os.get_terminal_size(stream.fileno())  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError, io.UnsupportedOperation):
        return None
    return columns, rows


def refuse_without_terminal(command: str, hint: str) -> int | None:
    """Say in one line why ``command`` cannot run here, if it cannot.

    Args:
        command: The command as typed, e.g. ``"podium vote"``.
        hint: What works without a terminal, e.g. ``"to vote from a
            script use 'podium vote --choice N'"``.

    Returns:
        :data:`EXIT_NO_TERMINAL` after printing the message on stderr, or
        None when the terminal is usable.
    """
    problem = terminal_problem()
    if problem is None:
        return None
    print(f"{command}: needs an interactive terminal ({problem}); {hint}", file=sys.stderr)
    return EXIT_NO_TERMINAL


def safe_streams() -> None:
    """Make stdout and stderr print ``?`` for what their encoding cannot hold.

    Under ``LC_ALL=C`` (with UTF-8 mode off) Python writes ASCII, and a
    deck title such as "Åpen innovasjon" would end a command in a
    UnicodeEncodeError. Called once, at the start of the ``podium`` command.
    """
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="replace")  # type: ignore[union-attr]
        except (AttributeError, ValueError, io.UnsupportedOperation):
            pass  # not a text file of our own (a test's capture): leave it


def signal_status(signum: int) -> int:
    """The exit status of a command that quit on signal ``signum`` (128 + number, as shells do)."""
    return 128 + signum


def exit_status(app: App[Any], quit_signal: int | None) -> int:
    """The exit status of a full-screen command after :func:`run_app`.

    Args:
        app: The app that ran.
        quit_signal: What :func:`run_app` returned.

    Returns:
        The app's own non-zero code (1 after an exception), else 128 + the
        signal's number after a quit signal, else 0.
    """
    if app.return_code:
        return app.return_code
    return signal_status(quit_signal) if quit_signal is not None else 0


def ended_by_signal(status: int) -> bool:
    """Whether ``status`` is what :func:`signal_status` gives for a quit signal."""
    return status in {signal_status(each) for each in QUIT_SIGNALS}


def _write_terminal(text: str) -> None:
    """Write straight to the terminal Textual draws on (stderr's file descriptor)."""
    try:
        if os.isatty(2):
            os.write(2, text.encode("ascii"))
    except OSError:
        pass  # the terminal is gone: nothing left to restore


def _terminal_gone(fd: int = 2) -> bool:
    """Whether the terminal on ``fd`` has hung up (writes fail with EIO)."""
    try:
        os.write(fd, b"")
    except OSError:
        return True
    return False


def in_background(fd: int = 0) -> bool:
    """Whether the terminal on ``fd`` belongs to another process group (the shell, after Ctrl+Z)."""
    try:
        return os.tcgetpgrp(fd) != os.getpgrp()
    except OSError:
        return False


def _let_go_of_terminal(fds: tuple[int, ...]) -> None:
    """Point ``fds`` at /dev/null: the app quits without touching the terminal.

    After a hang-up writing to the terminal fails (EIO), which would stop
    Textual's output thread and leave the app stuck on its way out. A
    suspended app told to quit (``kill %1`` sends SIGTERM, then SIGCONT)
    would re-enter full-screen mode in a terminal that is the shell's now,
    and be stopped again. With no terminal the app quits through its
    normal path in both cases.
    """
    try:
        null = os.open(os.devnull, os.O_RDWR)
    except OSError:
        return
    for fd in fds:
        try:
            os.dup2(null, fd)
        except OSError:
            pass
    os.close(null)


class _Lifecycle:
    """Signal handling for one run of one app (see :func:`run_app`)."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self.signal: int | None = None
        """The quit signal received, if any."""
        self.loop: asyncio.AbstractEventLoop | None = None
        self._previous: dict[int, object] = {}
        self._tty_attrs: list[Any] | None = None
        self._watchdog: threading.Timer | None = None

    def install(self) -> None:
        """Take over the quit signals (before the app's loop exists)."""
        try:
            import termios

            self._tty_attrs = termios.tcgetattr(0)
        except (ImportError, OSError, ValueError):
            self._tty_attrs = None
        for signum in QUIT_SIGNALS:
            self._previous[signum] = signal.signal(signum, self._on_quit_signal)

    def attach(self, loop: asyncio.AbstractEventLoop) -> None:
        """Route signals into ``loop``, the app's, once it runs."""
        self.loop = loop
        # Textual's driver handles SIGTSTP and SIGCONT itself (it leaves and
        # re-enters application mode) but draws nothing after ``fg``: the
        # loop hears SIGCONT too (through its wake-up pipe) and repaints.
        loop.add_signal_handler(signal.SIGCONT, self._repaint)
        if self.signal is not None:  # arrived while starting
            loop.call_soon(self.app.exit)

    def detach(self) -> None:
        """Stop routing signals into the loop (the app has quit)."""
        if self.loop is not None:
            self.loop.remove_signal_handler(signal.SIGCONT)
            self.loop = None

    def uninstall(self) -> None:
        """Give the quit signals back and forget the watchdog."""
        if self._watchdog is not None:
            self._watchdog.cancel()
        for signum, previous in self._previous.items():
            signal.signal(signum, previous)  # type: ignore[arg-type]
        self._previous.clear()

    def _on_quit_signal(self, signum: int, frame: object) -> None:
        """Runs in the main thread, between two steps of the app's loop."""
        if self.signal is not None:  # asked twice: stop now
            self.force_stop(signum)
        self.signal = signum
        if _terminal_gone():  # hung up: all three are dead
            _let_go_of_terminal((0, 1, 2))
        elif in_background():  # suspended: the terminal is the shell's; print the report there
            _let_go_of_terminal((0, 2))
        loop = self.loop
        if loop is None or loop.is_closed():
            return
        try:
            loop.call_soon_threadsafe(self.app.exit)
        except RuntimeError:  # the loop is closing: the app is quitting already
            return
        self._watchdog = threading.Timer(FORCE_AFTER, self.force_stop, args=(signum,))
        self._watchdog.daemon = True
        self._watchdog.start()

    def _repaint(self) -> None:
        if self.app.is_running:
            # The terminal may hold anything now (the shell wrote to it): the
            # next frame is drawn whole, not as changes (see tui.cell_diff).
            forget = getattr(self.app, "forget_terminal", None)
            if callable(forget):
                forget()
            self.app.refresh(layout=True)

    def force_stop(self, signum: int) -> None:
        """Restore the terminal and end the process now (the app did not quit)."""
        _write_terminal(RESET_MODES + LEAVE_ALTERNATE_SCREEN)
        if self._tty_attrs is not None:
            try:
                import termios

                termios.tcsetattr(0, termios.TCSANOW, self._tty_attrs)
            except (OSError, termios.error):
                pass
        os._exit(signal_status(signum))


SUSPEND_KEY = "ctrl+z"
"""The key that suspends a full-screen app (as in any terminal program); ``fg`` brings it back."""


def suspend_help() -> Binding:
    """How the help screens list :data:`SUSPEND_KEY` (bound by :func:`bind_suspend`)."""
    from textual.binding import Binding

    tip = "Suspend to the shell (fg brings the talk back)"
    return Binding(SUSPEND_KEY, "suspend_process", "Suspend", tooltip=tip)


def bind_suspend(app: App[Any]) -> None:
    """Bind :data:`SUSPEND_KEY` to Textual's ``suspend_process`` on every screen of ``app``.

    A priority binding, looked up from the app down before any screen sees
    the key: a modal screen (the overview, help, a confirmation, the command
    palette) stops the app's ordinary bindings, and the blank screen takes
    every key to bring the slide back, so either would swallow it.

    Args:
        app: A Textual app, not yet running.
    """
    # App.bind has no priority flag; the bindings map it fills does.
    app._bindings.bind(SUSPEND_KEY, "suspend_process", "Suspend", show=False, priority=True)


def run_app(app: App[Any]) -> int | None:
    """Run ``app`` full-screen so that every way out restores the terminal.

    ``q``, Ctrl+C and an exception inside the app end through Textual,
    which restores the terminal. SIGTERM, SIGHUP, SIGQUIT and SIGINT call
    :meth:`App.exit` in the app's loop, so they end the same way; after a
    hang-up (the terminal closed), or in a suspended app (``kill %1``), the
    app lets go of the terminal first, so quitting cannot block on a dead
    terminal or take back the shell's. An app that has not quit
    :data:`FORCE_AFTER` seconds after a signal, or that gets a second one,
    is stopped at once with the terminal restored. Ctrl+Z (or SIGTSTP)
    suspends through Textual's driver and ``fg`` redraws the whole screen.

    Args:
        app: A Textual app, not yet running. Ctrl+Z is bound on it to
            Textual's ``suspend_process`` action, on every screen (:func:`bind_suspend`).

    Returns:
        The quit signal's number when a signal ended the app, else None
        (read ``app.return_code`` as usual).
    """
    lifecycle = _Lifecycle(app)
    bind_suspend(app)

    async def main() -> None:
        lifecycle.attach(asyncio.get_running_loop())
        try:
            await app.run_async()
        finally:
            lifecycle.detach()

    lifecycle.install()
    try:
        asyncio.run(main())
    finally:
        _write_terminal(RESET_MODES)
        lifecycle.uninstall()
    return lifecycle.signal
