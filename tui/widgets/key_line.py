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

from enum import Enum, IntEnum

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget

__all__ = ["Drawn", "KeyLine", "Rank", "fitting_keys", "key_rank"]


class KeyLine(Widget, can_focus=False):
    """The active bindings marked ``show`` as ``key description`` pairs, one line.

    Matches ``Footer(compact=True, show_command_palette=False)``: per key,
    the key (bold, ``$footer-key-*`` colours), a space and its description
    (``$footer-description-*`` colours), then one cell of the footer's
    background; keys whose ``check_action`` answers None are dimmed and ring
    the bell when clicked. When the line is wider than the widget, keys
    lose their words in one fixed order until it fits (see
    :func:`fitting_keys`): the arrow keys first, both at once (their arrows
    speak for themselves), then the other keys one at a time from the left,
    quit and help last. A key shows its whole description or none, and a
    key that does not fit whole is left out, never cut. Help lists every key.
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

    def keys_width(self) -> int:
        """The cells the keys may take: the whole line (0: not laid out yet)."""
        return self.size.width

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
        drawn = fitting_keys(
            [
                (cell_len(shown), cell_len(binding.description), key_rank(binding.action))
                for binding, _, shown in keys
            ],
            self.keys_width(),
        )
        for (binding, enabled, shown), draw in zip(keys, drawn, strict=True):
            if draw is Drawn.NOT:
                continue
            describe = draw is Drawn.WITH_WORDS
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


class Drawn(Enum):
    """How much of a key the line draws."""

    WITH_WORDS = "with words"
    """The key and its whole description."""
    BARE = "bare"
    """The key alone."""
    NOT = "not"
    """Left out: not even the key fits."""


class Rank(IntEnum):
    """How long a key keeps its words when the line is short: lowest lose them first."""

    SPEAKS_FOR_ITSELF = 0
    """An arrow key (next, back, first, last, up, down): its arrow says what it does."""
    OTHER = 1
    """Every other key."""
    KEPT_LAST = 2
    """Quit and help (help lists every key) and closing a dialog."""


_SPEAKS_FOR_ITSELF = frozenset({"next", "previous", "first", "last", "move"})
_KEPT_LAST = frozenset({"quit", "ask_quit", "help", "close", "cancel"})


def key_rank(action: str) -> Rank:
    """The :class:`Rank` of the key bound to ``action`` (``app.quit``, ``move(1)``)."""
    name = action.split("(", 1)[0].rsplit(".", 1)[-1]
    if name in _SPEAKS_FOR_ITSELF:
        return Rank.SPEAKS_FOR_ITSELF
    return Rank.KEPT_LAST if name in _KEPT_LAST else Rank.OTHER


def fitting_keys(keys: list[tuple[int, int, Rank]], width: int) -> list[Drawn]:
    """How each key is drawn so the line fits in ``width`` cells.

    The same keys at the same width always give the same line, and a wider
    line never shows fewer words. In order, until the line fits:

    1. the :attr:`Rank.SPEAKS_FOR_ITSELF` keys lose their words, all at once
       (an arrow with words next to one without reads as a mistake);
    2. the other keys lose theirs one at a time, from the left, the
       :attr:`Rank.KEPT_LAST` keys (quit, help) after all the rest;
    3. whole keys are left out, from the right: the other keys first, then
       the arrows, then quit and help (help, last of all, lists every key).

    Args:
        keys: Per key in line order, the cells of its key, of its description
            (0: none) and its rank.
        width: The cells available (0: not laid out yet, draw them all).

    Returns:
        Per key, how it is drawn.
    """
    drawn = [Drawn.WITH_WORDS if description else Drawn.BARE for _key, description, _ in keys]

    def cells(index: int) -> int:
        # The key, " " + description when drawn, then one cell between keys.
        key, description, _rank = keys[index]
        if drawn[index] is Drawn.NOT:
            return 0
        return key + 1 + (1 + description if drawn[index] is Drawn.WITH_WORDS else 0)

    def fits() -> bool:
        return not width or sum(cells(index) for index in range(len(keys))) <= width

    indexes = range(len(keys))
    arrows = [i for i in indexes if keys[i][2] is Rank.SPEAKS_FOR_ITSELF]
    steps: list[list[int]] = [[i for i in arrows if drawn[i] is Drawn.WITH_WORDS]]
    for rank in (Rank.OTHER, Rank.KEPT_LAST):
        steps += [[i] for i in indexes if keys[i][2] is rank and drawn[i] is Drawn.WITH_WORDS]
    for step in steps:
        if fits():
            return drawn
        for index in step:
            drawn[index] = Drawn.BARE
    left_out = [i for i in reversed(indexes) if keys[i][2] is Rank.OTHER]
    left_out += [i for i in reversed(indexes) if keys[i][2] is Rank.SPEAKS_FOR_ITSELF]
    left_out += [i for i in indexes if keys[i][2] is Rank.KEPT_LAST]  # quit, then help
    for index in left_out:
        if fits():
            return drawn
        drawn[index] = Drawn.NOT
    return drawn
