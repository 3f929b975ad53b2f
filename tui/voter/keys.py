"""The voter's keys (:class:`tui.voter.app.VoterApp`), in footer and help order.

Written in English; the app puts them in the talk's language with
:func:`tui.i18n.keys.translate_node` (scope ``voter``).
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

VOTER_BINDINGS: list[BindingType] = [
    *(
        Binding(
            str(n),
            f"choose({n})",
            "Vote",
            show=n == 1,
            key_display="1-9",
            tooltip="Vote for option N (several polls: mark it)",
        )
        for n in range(1, 10)
    ),
    Binding("up,k", "move(-1)", "Up", show=False, tooltip="Highlight the option above"),
    Binding("down,j", "move(1)", "Down", show=False, tooltip="Highlight the option below"),
    Binding("space", "mark", "Mark", tooltip="Mark or unmark the highlighted option"),
    Binding("enter", "send", "Send", tooltip="Vote for the highlighted (or marked) options"),
    Binding("escape", "clear", "Clear", show=False, tooltip="Forget marks not sent yet"),
    Binding("q", "quit", "Quit", tooltip="Leave (your vote stays)"),
    Binding("ctrl+c", "quit", "Quit", show=False, priority=True),
]
"""Every key of the voter's view."""
