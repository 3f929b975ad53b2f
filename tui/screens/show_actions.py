"""Presenter keys that each call one operation of the show: :class:`ShowActions`.

The presenter screen (:class:`tui.screens.presenter.PresenterScreen`) binds
these actions to keys (:mod:`tui.screens.presenter_keys`) and decides when
each acts (its ``check_action``); each action here is one call to
:class:`tui.show.core.Show`, whose change the screen then draws.
"""

from __future__ import annotations

from tui.show.core import Show


class ShowActions:
    """Mixin for a screen with a ``show``: the actions that only operate it."""

    show: Show

    def action_goto(self) -> None:
        """Open the go-to prompt: digits type a slide number, Enter goes, Esc cancels."""
        self.show.open_goto()

    def action_digit(self, digit: int) -> None:
        """Add a digit to the slide number in the go-to prompt."""
        self.show.type_digit(digit)

    def action_erase_digit(self) -> None:
        """Take back the last digit typed in the go-to prompt (an empty prompt closes)."""
        self.show.erase_digit()

    def action_cancel_number(self) -> None:
        """Close the go-to prompt without moving."""
        self.show.cancel_goto()

    def action_toggle_notes(self) -> None:
        """Show or hide the speaker notes pane."""
        self.show.toggle_notes()

    def action_notes_only(self) -> None:
        """Let the notes pane fill the screen (the slide is on the projector)."""
        self.show.toggle_notes_only()

    def action_blank(self) -> None:
        """Blank the screen (and the audience views) until any key."""
        self.show.blank()

    def action_timer(self) -> None:
        """Start the talk timer, or pause it (for questions), or resume it."""
        self.show.toggle_timer()

    def action_vote(self, number: int) -> None:
        """Count one vote (a raised hand) for option ``number`` (1-based)."""
        self.show.vote(number)

    def action_refuse_vote(self, number: int) -> None:
        """A vote key on a closed poll: count nothing, say how to reopen."""
        self.show.vote(number)

    def action_undo_vote(self) -> None:
        """Take back the last vote counted with a key on this poll."""
        self.show.undo()

    def action_toggle_chart(self) -> None:
        """Show or hide the bar chart of the poll on screen."""
        self.show.toggle_chart()

    def action_close_poll(self) -> None:
        """Close the poll on screen: no more votes; voters see it is closed."""
        self.show.close_poll()

    def action_reopen_poll(self) -> None:
        """Reopen the closed poll on screen."""
        self.show.reopen_poll()
