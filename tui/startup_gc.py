"""Python's cyclic garbage collector held off until the first frame is on screen.

Starting a full-screen app builds tens of thousands of long-lived objects
(modules, classes, the deck, the widgets and their styles) and almost no
garbage. The cyclic collector scans them again and again as they come: on
the default deck it spent about 50 ms before the first frame, half of it in
one full collection in the middle of the first layout.

:func:`hold` turns the collector off when a full-screen command starts;
:func:`release` (called by the apps once their first frame is written, see
:class:`ReleaseAfterFirstFrame`, and by :func:`tui.cli.main` on the way
out) moves everything alive then into the collector's permanent
generation (:func:`gc.freeze`) and turns it back on. The objects of
start-up are thus never scanned again, so later collections only look at
what the talk makes while it runs. What start-up built is still freed by
reference counting when let go; only a reference cycle among those objects
(the few hundred objects already garbage at the first frame, a widget of
the first screen removed later) stays in memory, as it was at start-up:
the peak does not grow.

Imports nothing but :mod:`gc`.
"""

from __future__ import annotations

import gc

_held = False


def hold() -> None:
    """Turn the cyclic collector off until :func:`release` (if it is on)."""
    global _held
    if gc.isenabled():
        gc.disable()
        _held = True


def release() -> None:
    """Freeze what is alive and turn the collector back on, if :func:`hold` turned it off.

    Cheap and idempotent: only the first call after :func:`hold` does anything.
    """
    global _held
    if not _held:
        return
    _held = False
    gc.freeze()
    gc.enable()


def held() -> bool:
    """Whether :func:`hold` has turned the collector off and it is still off."""
    return _held


class ReleaseAfterFirstFrame:
    """App mixin: :func:`release` once a frame has been written.

    Put it before ``App`` in the bases; it overrides Textual's
    ``App.post_display_hook``, which runs after every frame.
    """

    def post_display_hook(self) -> None:
        """Release the collector (once), then do what the next class does."""
        release()
        super().post_display_hook()  # type: ignore[misc]
