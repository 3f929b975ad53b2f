"""Python's interpreter lock handed to Textual's helper threads within half a millisecond.

Textual writes every frame from its output thread and reads keys in its
input thread. Each does a few microseconds of Python work at a time, but
needs the interpreter lock for it, and the app's own thread, busy right
after a key (the screen's own frame of the change, the frame drawn ahead
for the next key) or at start-up (the parts of the slide built just after
the first frame), keeps the lock until Python's switch interval runs out:
5 ms by default. So a frame already made waited up to 5 ms to be written.

With a switch interval of :data:`SWITCH_SECONDS` the helper threads get the
lock a tenth as late. Measured on the default deck, in one interleaved run
on a loaded 2-core machine: key to next title 7.2 to 4.8 ms (1.82x to 1.21x
the bare Textual app), start to first title 436 to 373 ms; the same bytes
and frames. The app's thread gives way more often only while another
thread waits, which in Podium is rare and brief. Imports nothing but
:mod:`sys`.
"""

from __future__ import annotations

import sys

SWITCH_SECONDS = 0.0005
"""How long a thread holding the interpreter lock keeps it from one that waits (seconds)."""


def hand_off_quickly() -> None:
    """Set Python's switch interval to :data:`SWITCH_SECONDS` for this process."""
    sys.setswitchinterval(SWITCH_SECONDS)
