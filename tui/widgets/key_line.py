"""The keys that act now, on one line: Textual's compact footer drawn as one widget.

Textual's ``Footer`` is a container of one widget per key that rebuilds
itself (removes and mounts its keys) after the frame in which the keys
changed. A poll slide brings its vote keys, so every slide change into or
out of a poll cost a second layout of a dozen widgets, and the presenter's
frame had to wait about 30 ms for it. :class:`KeyLine` draws the same line
(the same colours, spacing, dimmed disabled keys, ``1-N`` for the vote
keys) as one piece of text, redrawn in the very frame that changed the keys.
A click on a key presses it, as in Textual's footer.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget

__all__ = ["KeyLine"]


class KeyLine(Widget, can_focus=False):
    """The active bindings marked ``show`` as ``key description`` pairs, one line.

    Matches ``Footer(compact=True, show_command_palette=False)``: per key,
    the key (bold, ``$footer-key-*`` colours), a space and its description
    (``$footer-description-*`` colours), then one cell of the footer's
    background; keys whose ``check_action`` answers None are dimmed and ring
    the bell when clicked. When the line is wider than the widget, the
    first keys lose their descriptions until it fits (the arrows and ``:``
    speak for themselves, and quit and help stay readable at the end);
    what still does not fit is cut at the right edge. Help lists every key.
    """

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"key-line--key", "key-line--description"}
    DEFAULT_CSS = """
    KeyLine {
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        text-wrap: nowrap;
        text-overflow: clip;
        .key-line--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .key-line--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
    }
    """

    _spans: list[tuple[int, int, Binding, bool]]
    """Per key drawn: first cell, end cell, binding, enabled (for clicks)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._spans = []

    def on_mount(self) -> None:
        # At once, not as a message: the key line is redrawn with whatever
        # else changed, also on a screen drawn off the stack (frame_ahead).
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed, immediate=True)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        # Drawn in the frame being prepared: render() reads the keys then.
        self.refresh()

    def keys(self) -> list[tuple[Binding, bool]]:
        """The keys shown, in order, each with whether it acts now (enabled)."""
        shown: list[tuple[Binding, bool]] = []
        actions: set[str] = set()
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            # One entry per action, as the footer groups keys bound to the same action.
            if binding.show and binding.action not in actions:
                actions.add(binding.action)
                shown.append((binding, enabled))
        return shown

    def render(self) -> Text:
        """The line of keys (see the class docstring)."""
        base = self.rich_style
        key_style = base + self.get_component_rich_style("key-line--key")
        description_style = base + self.get_component_rich_style("key-line--description")
        gap = Style(bgcolor=base.bgcolor)  # between keys: the line's background alone
        line = Text(no_wrap=True, overflow="crop", end="")
        spans: list[tuple[int, int, Binding, bool]] = []
        # The screen may say how its keys read (the presenter's "1-N" vote
        # keys for the poll it shows); else the app does.
        key_display = getattr(self.screen, "key_display", self.app.get_key_display)
        keys = [(binding, enabled, key_display(binding)) for binding, enabled in self.keys()]
        described = _fitting_descriptions(
            [(cell_len(shown), cell_len(binding.description)) for binding, _, shown in keys],
            self.size.width,
        )
        for (binding, enabled, shown), describe in zip(keys, described, strict=True):
            start = line.cell_len
            dim = Style() if enabled else Style(dim=True)
            line.append(shown, key_style + dim)
            if describe:
                line.append(" " + binding.description, description_style + dim)
            spans.append((start, line.cell_len, binding, enabled))
            line.append(" ", gap)
        self._spans = spans
        return line

    def on_click(self, event: events.Click) -> None:
        """Press the key clicked on (the bell for a key that does not act now)."""
        for start, end, binding, enabled in self._spans:
            if start <= event.x < end:
                event.stop()
                if enabled:
                    self.app.simulate_key(binding.key.split(",")[0].strip())
                else:
                    self.app.bell()
                return


def _fitting_descriptions(keys: list[tuple[int, int]], width: int) -> list[bool]:
    """Which keys keep their description so the line fits in ``width`` cells.

    Args:
        keys: Per key, the cells of its key and of its description (0: none).
        width: The cells available (0: not laid out yet, keep them all).

    Returns:
        Per key, whether its description is drawn: all of them when they
        fit, else none of the first ones, as few as needed.
    """
    described = [bool(description) for _key, description in keys]
    # Each key: its cells, " " + description when drawn, then one cell between keys.
    total = sum(key + 1 + (1 + description if description else 0) for key, description in keys)
    for index, (_key, description) in enumerate(keys):
        if not width or total <= width:
            break
        if description:
            described[index] = False
            total -= 1 + description
    return described
