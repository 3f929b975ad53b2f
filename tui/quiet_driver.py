"""Textual's Linux driver with an input thread that sleeps until there is input.

It also writes the start of a run (the mode changes and the first frame)
itself rather than through Textual's output thread: see
:meth:`QuietLinuxDriver.write`.

Textual's input thread waits for a key with a tenth of a second timeout,
over and over, so that it notices when it should stop and when a lone
Escape has waited long enough to be a key of its own: ten wakes a second
for the whole talk, most of what an idle presenter (or audience view) costs
the machine. :class:`QuietLinuxDriver` runs the same loop (the same parser,
the same messages) but waits without a timeout unless the parser is in
the middle of a sequence, and is woken through a pipe when it must stop.

Imports Textual's Linux driver: POSIX only (see :class:`tui.quiet_input.QuietInput`).
"""

from __future__ import annotations

import os
import selectors
import time
from codecs import getincrementaldecoder
from threading import Event
from typing import Any

from textual import events
from textual._loop import loop_last
from textual._parser import ParseError
from textual._xterm_parser import XTermParser
from textual.drivers.linux_driver import LinuxDriver

from tui.console_glyphs import console_text, is_linux_console
from tui.terminal import in_background

SEQUENCE_TICK = 0.1
"""Seconds between checks while the parser waits for the rest of a sequence
(Textual's own interval: a lone Escape becomes a key after its timeout)."""

QUIT_GRACE = 0.5
"""Seconds a suspended app continued in the background waits for a quit
signal before Textual stops it again (see :meth:`QuietLinuxDriver._sigcont_application`)."""

QUIT_GRACE_STEP = 0.01
"""Seconds between two looks at the terminal during :data:`QUIT_GRACE`."""


PASTE_START, PASTE_END = "\x1b[200~", "\x1b[201~"
"""Bracketed paste marks: what comes between them is text, never keys."""


def split_lone_escapes(data: str, pasting: bool) -> tuple[list[str], bool]:
    """Cut ``data`` where Escape is followed, in the same read, by a printable key.

    A terminal sends Escape as one byte, and the parser reads an Escape
    with a printable character right behind it as Alt and that key
    (``ESC n`` is Alt+N; ``ESC :`` loses the Escape). When keys arrive
    together (typed fast, or over SSH) that misreads Escape then N: the
    go-to prompt stays open and N is lost. Podium binds no Alt keys, so
    such an Escape is taken as a key of its own. Escape sequences (``ESC
    [``, ``ESC O``), Escape Escape and Alt+Backspace (``ESC DEL``) are left
    whole, and nothing is cut inside a bracketed paste.

    Args:
        data: Text just read from the terminal.
        pasting: Whether a bracketed paste was open before ``data``.

    Returns:
        ``(pieces, pasting)``: ``data`` cut before each such Escape, and
        whether a paste is open after it. Each piece after the first
        starts with the Escape to send as a key of its own.
    """
    pieces: list[str] = []
    start = 0
    index = data.find("\x1b")
    while index != -1:
        if data.startswith(PASTE_START, index):
            pasting = True
        elif data.startswith(PASTE_END, index):
            pasting = False
        elif not pasting and index + 1 < len(data):
            following = data[index + 1]
            if following.isprintable() and following not in "[O":
                pieces.append(data[start:index])
                start = index
        index = data.find("\x1b", index + 1)
    pieces.append(data[start:])
    return pieces, pasting


class _WakingEvent(Event):
    """An event whose :meth:`set` also writes a byte to the driver's wake pipe."""

    def __init__(self, driver: QuietLinuxDriver) -> None:
        super().__init__()
        self._driver = driver

    def set(self) -> None:
        super().set()
        fd = self._driver._wake_write
        if fd is not None:
            try:
                os.write(fd, b"\0")
            except OSError:  # full: the thread wakes anyway
                pass


class QuietLinuxDriver(LinuxDriver):
    """A :class:`~textual.drivers.linux_driver.LinuxDriver` whose input thread wakes only for work.

    Everything but the input thread's wait is Textual's: the thread reads
    the same way, feeds the same parser, and posts the same messages.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._console = is_linux_console()
        """The terminal is the Linux console: glyphs its font lacks get stand-ins."""
        self._direct = True
        """Writes go straight to the terminal (until :meth:`queue_writes`)."""
        self._wake_read: int | None = None
        self._wake_write: int | None = None
        # Textual sets this event to stop the thread: now that also wakes it.
        self.exit_event = _WakingEvent(self)

    def _sigcont_application(self, *args: Any) -> None:
        """Resume after ``fg``; in the background, first give a quit signal time to arrive.

        The shell's ``kill %1`` sends SIGTERM, then SIGCONT, to a suspended
        app. Another thread may take the SIGTERM, so this handler (in the
        main thread) can run before the SIGTERM's. Textual would then find
        the terminal is the shell's and stop the app again, and the SIGTERM
        would wait for the next ``fg``. So while the terminal is another
        process group's, wait up to :data:`QUIT_GRACE` seconds: a quit
        signal's handler (:mod:`tui.terminal`) points the app at /dev/null,
        and the resume then draws nowhere while the app quits. After a plain
        ``bg`` the wait ends and Textual stops the app again, as before.
        """
        deadline = time.monotonic() + QUIT_GRACE
        while in_background(self.fileno) and time.monotonic() < deadline:
            time.sleep(QUIT_GRACE_STEP)  # the other signal's handler runs between two sleeps
        super()._sigcont_application(*args)

    def start_application_mode(self) -> None:
        """Open the wake pipe, then start as Textual does (also on a resume after Ctrl+Z)."""
        if self._wake_read is None:
            self._wake_read, self._wake_write = os.pipe()  # not inherited (PEP 446)
            for fd in (self._wake_read, self._wake_write):
                os.set_blocking(fd, False)
        super().start_application_mode()

    def write(self, data: str) -> None:
        """Write ``data``: at once until the first frame is out, then as Textual does.

        Textual hands every write to its output thread. Right after the
        first frame the app has work that holds Python's interpreter lock
        (the parts of the slide built after the frame, the frame drawn
        ahead, the vote store), so the output thread would wait a switch
        interval (5 ms) or more for the lock before the first slide
        reached the screen. Until the app calls :meth:`queue_writes`, so
        while nothing is queued yet, each write goes to the terminal in the
        app's own thread, in order, and :meth:`flush` sends it. On the Linux
        console, glyphs its font lacks are replaced first
        (:func:`tui.console_glyphs.console_text`).
        """
        if self._console:
            data = console_text(data)  # the Linux console's font: plain stand-ins
        file = self._file
        if not self._direct or file is None:
            super().write(data)
            return
        try:
            file.write(data)
        except OSError:  # the terminal is gone; the hang-up's signal ends the app
            self._direct = False

    def flush(self) -> None:
        """Send what :meth:`write` wrote straight (Textual's output thread flushes on its own)."""
        if self._direct and self._file is not None:
            try:
                self._file.flush()
            except OSError:
                self._direct = False

    def queue_writes(self) -> None:
        """From now on write through Textual's output thread (the first frame is out)."""
        if self._direct:
            self.flush()
            self._direct = False

    def close(self) -> None:
        """Clean up and close the wake pipe (a suspend closes it too; a resume reopens it)."""
        super().close()
        for fd in (self._wake_read, self._wake_write):
            if fd is not None:
                try:
                    os.close(fd)
                except OSError:
                    pass
        self._wake_read = self._wake_write = None

    def run_input_thread(self) -> None:
        """Wait for input (or the wake pipe) and dispatch events, as Textual's thread does."""
        wake = self._wake_read
        if wake is None:  # started some other way: Textual's loop
            super().run_input_thread()
            return
        selector = selectors.SelectSelector()
        fileno = self.fileno
        selector.register(fileno, selectors.EVENT_READ)
        selector.register(wake, selectors.EVENT_READ)
        parser = XTermParser(self._debug)
        feed, tick = parser.feed, parser.tick
        decode = getincrementaldecoder("utf-8")().decode
        read = os.read
        pasting = False

        def process_selector_events(
            selector_events: list[tuple[selectors.SelectorKey, int]], final: bool = False
        ) -> None:
            for last, (key, mask) in loop_last(selector_events):
                if key.fd == wake:
                    try:
                        read(wake, 512)
                    except OSError:
                        pass
                    continue
                if mask & selectors.EVENT_READ:
                    nonlocal pasting
                    unicode_data = decode(read(fileno, 1024 * 4), final=final and last)
                    if not unicode_data:
                        break  # stdin is piped and at its end
                    pieces, pasting = split_lone_escapes(unicode_data, pasting)
                    for number, piece in enumerate(pieces):
                        if number:  # an Escape typed just before a key: a key of its own
                            self.process_message(events.Key("escape", "\x1b"))
                            piece = piece[1:]
                        if not piece:
                            continue  # feeding "" would tell the parser the input ended
                        for event in feed(piece):
                            self.process_message(event)
            for event in tick():
                self.process_message(event)

        try:
            while not self.exit_event.is_set():
                # Nothing pending in the parser: nothing can happen until a
                # byte arrives or the app stops us (the pipe), so no timeout.
                waiting = parser._timeout_time is not None
                process_selector_events(selector.select(SEQUENCE_TICK if waiting else None))
            selector.unregister(fileno)
            selector.unregister(wake)
            process_selector_events(selector.select(SEQUENCE_TICK), final=True)
        finally:
            selector.close()
            try:
                for _event in feed(""):
                    pass
            except (EOFError, ParseError):
                pass
