"""Changes that wait for widgets to mount, drawn in one frame with them.

Mounting a widget finishes later, in its own task, so whatever is drawn
meanwhile would reach the terminal in one frame and the new widget in the
next. :func:`draw_when_done` holds the app's screen updates
(``App.batch_update``) until the awaited mounts are done, so the change
and its new widgets go out together (the notes pane, a slide's parts built
when first needed, a toast).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from contextlib import ExitStack
from typing import Any

from textual.app import App


def draw_when_done(
    app: App[Any],
    schedule: Callable[[Callable[[], Awaitable[None]]], object],
    done: Callable[[], Awaitable[object]],
) -> None:
    """Hold ``app``'s screen updates from now until ``done()`` has finished (or failed).

    Args:
        app: The app whose updates are held.
        schedule: Runs the wait: ``widget.call_next`` (after the handler
            running now) or ``app.call_later`` (after the messages the app
            has queued, e.g. Textual's own toast mounting).
        done: Makes the awaitable to wait for (the mounts).
    """
    hold = ExitStack()
    hold.enter_context(app.batch_update())

    async def wait() -> None:
        try:
            await done()
        finally:
            hold.close()

    try:
        schedule(wait)
    except BaseException:
        hold.close()
        raise
