"""The help screen: the keys, generated from the live bindings."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.i18n import words_of
from tui.i18n.keys import translate_node
from tui.screens.quiet_modal import QuietModal, modal_keys
from tui.screens.safe import DismissOnce


def help_rows(
    bindings: Iterable[BindingType], key_display: Callable[[Binding], str]
) -> list[tuple[str, str]]:
    """Group bindings by action into ``(keys, description)`` rows.

    Args:
        bindings: Bindings in the order they should be listed.
        key_display: Turns a binding into the key's display name
            (``App.get_key_display``).

    Returns:
        One row per described action, keys joined with ``/``; bindings
        without a description are left out.
    """
    rows: dict[str, tuple[list[str], str]] = {}
    for binding in Binding.make_bindings(bindings):
        description = binding.tooltip or binding.description
        if not description:
            continue
        keys, _ = rows.setdefault(description, ([], description))
        display = key_display(binding)
        if display not in keys:
            keys.append(display)
    return [(" / ".join(keys), description) for keys, description in rows.values()]


class HelpScreen(QuietModal, DismissOnce, ModalScreen[None]):
    """Lists every key; any of Esc, ``?`` or ``q`` closes it.

    Args:
        rows: ``(keys, description)`` pairs from :func:`help_rows`.
    """

    BINDINGS = [Binding("escape,question_mark,q", "close", "Close")]

    def __init__(self, rows: list[tuple[str, str]]) -> None:
        super().__init__()
        self._rows = rows

    def on_mount(self) -> None:
        translate_node(self, words_of(self.app))

    def compose(self) -> ComposeResult:
        words = words_of(self.app)
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for keys, description in self._rows:
            table.add_row(Text(keys), Text(description))
        with VerticalScroll(id="help"):
            yield Static(Text(words("help.title"), style="bold"), id="help-title")
            yield Static(table, id="help-table")
            yield Static(Text(words("help.close"), style="italic"), id="help-close")
        yield modal_keys()

    def action_close(self) -> None:
        """Close the help."""
        self.dismiss()
