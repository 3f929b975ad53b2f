"""A yes/no question before anything that cannot be undone."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from tui.i18n import words_of
from tui.i18n.keys import translate_node
from tui.safe_text import printable
from tui.screens.quiet_modal import QuietModal, modal_keys
from tui.screens.safe import DismissOnce


class ConfirmScreen(QuietModal, DismissOnce, ModalScreen[bool]):
    """Asks ``question``; dismisses with True only on an explicit yes.

    Keys answer at once, in the order typed: ``y`` yes; ``n``, Esc or Enter
    no (the safe default). The buttons are for the mouse and take no focus,
    so Enter never answers through a button after a later key has. Answered
    once: a second answer typed before the dialog has closed is ignored.

    Args:
        question: What will happen, in one sentence.
    """

    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape,enter", "answer(False)", "No"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self._question = question

    def on_mount(self) -> None:
        translate_node(self, words_of(self.app))

    def compose(self) -> ComposeResult:
        words = words_of(self.app)
        with Vertical(id="confirm"):
            yield Static(printable(self._question), id="confirm-question", markup=False)
            with Horizontal(id="confirm-buttons"):
                yield _MouseButton(words("confirm.yes"), id="yes", variant="error")
                yield _MouseButton(words("confirm.no"), id="no", variant="primary")
        yield modal_keys()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        """Dismiss with ``answer``."""
        self.dismiss(answer)


class _MouseButton(Button, can_focus=False):
    """A dialog button for the mouse: the keys answer through the screen's bindings."""
