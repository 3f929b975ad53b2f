"""A notice and the change it belongs to, drawn in one frame.

Textual shows a notification as a toast widget that it mounts later, from
the app's message queue (``App._refresh_notifications`` → ``ToastRack.show``),
so a change drawn now and its toast arrive in two frames: closing a poll
drew the closed poll, then, a moment later, "Closed …". :func:`notify_in_frame`
holds the screen's updates (:func:`tui.held_updates.draw_when_done`) until
the toast is mounted, so both go out in one frame.
"""

from __future__ import annotations

import asyncio
from typing import Any

from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets._toast import Toast, ToastRack

from tui.held_updates import draw_when_done

TOAST_WAIT = 0.5
"""Most seconds the screen waits for a toast to mount before it draws without it."""


def notify_in_frame(screen: Screen[Any], message: str, **options: Any) -> None:
    """``screen.notify(message, **options)``, the toast in the frame of what comes with it.

    Call while handling the change the notice is about, before its widgets
    are updated: everything drawn until the toast is mounted (at most
    :data:`TOAST_WAIT` seconds) goes out with it in one frame.
    """
    app = screen.app
    screen.notify(message, **options)

    async def mounted() -> None:
        # Queued after Textual's own ToastRack.show: the toasts' holders exist
        # now; each composes its toast when it is mounted.
        try:
            rack = screen.get_child_by_type(ToastRack)
            await asyncio.wait_for(_all_mounted(rack), TOAST_WAIT)
        except (NoMatches, asyncio.TimeoutError):
            pass  # no rack (another screen), or slow: draw without waiting longer

    draw_when_done(app, app.call_later, mounted)


async def _all_mounted(rack: ToastRack) -> None:
    """Wait until every toast holder in ``rack``, and every toast in them, is mounted."""
    for holder in list(rack.children):
        await holder._mounted_event.wait()  # as Textual's own AwaitMount waits
    for toast in rack.query(Toast):
        await toast._mounted_event.wait()
