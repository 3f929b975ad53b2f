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
(a widget of the first screen removed later) stays in memory.

The few hundred objects already garbage by then (the pure-Python classes
``datetime`` replaces with its C ones, ``ast.literal_eval``'s closures,
about 0.5 MB) would stay for good once frozen. The apps therefore release
:data:`COLLECT_AFTER` seconds after the first frame with ``collect=True``:
one full collection (25-45 ms on the default deck) frees them before the
freeze, once the first frame is written and the work that follows it is
done, so that it delays neither.

Imports nothing but :mod:`gc`.
"""

from __future__ import annotations

import gc

_held = False

COLLECT_AFTER = 0.5
"""Seconds from the first frame to the collection of start-up's garbage."""


def hold() -> None:
    """Turn the cyclic collector off until :func:`release` (if it is on)."""
    global _held
    if gc.isenabled():
        gc.disable()
        _held = True


def release(*, collect: bool = False) -> None:
    """Freeze what is alive and turn the collector back on, if :func:`hold` turned it off.

    Idempotent: only the first call after :func:`hold` does anything.

    Args:
        collect: First free what is garbage already (one full collection;
            cheap without it).
    """
    global _held
    if not _held:
        return
    _held = False
    if collect:
        gc.collect()
    gc.freeze()
    gc.enable()


def _release_collecting() -> None:
    release(collect=True)


def held() -> bool:
    """Whether :func:`hold` has turned the collector off and it is still off."""
    return _held


class ReleaseAfterFirstFrame:
    """App mixin: :func:`release` (collecting) :data:`COLLECT_AFTER` seconds after the first frame.

    Put it before ``App`` in the bases; it overrides Textual's
    ``App.post_display_hook``, which runs after every frame. An app that
    ends sooner is released by :func:`tui.cli.main` on the way out.
    """

    _release_timer: object = None

    def post_display_hook(self) -> None:
        """Set the release's timer (once), then do what the next class does."""
        if _held and self._release_timer is None:
            self._release_timer = self.set_timer(  # type: ignore[attr-defined]
                COLLECT_AFTER, _release_collecting, name="startup_gc"
            )
        super().post_display_hook()  # type: ignore[misc]
