"""The audience view: the slide alone, full size, following the presenter.

Runs in a second terminal (the one on the projector) with
``podium --audience [DECK]``. :class:`AudienceApp` holds one
:class:`tui.screens.audience.AudienceScreen`, which follows the state the
presenter publishes (:mod:`tui.audience.state`); the app switches decks and
themes.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from textual.app import App
from textual.binding import Binding
from textual.screen import Screen
from textual.theme import Theme

from tui.audience.following import Presenter
from tui.deck.model import Deck
from tui.diff_display import DiffDisplay
from tui.i18n import Words, words_for
from tui.i18n.keys import translate_node
from tui.key_display import use_plain_key_characters
from tui.no_color import apply_no_color
from tui.quiet_input import QuietInput
from tui.render import MarkdownStyles
from tui.safe_text import one_line
from tui.screens.audience import AudienceScreen
from tui.screens.safe import KeysInTurn
from tui.startup_gc import ReleaseAfterFirstFrame
from tui.terminal import suspend_help
from tui.widgets.plain_notify import PlainNotify

__all__ = ["AudienceApp", "AudienceScreen", "Presenter", "make_audience_app"]


use_plain_key_characters()  # Textual's screens find "?" without Unicode's name tables


class AudienceApp(
    ReleaseAfterFirstFrame,
    DiffDisplay,
    QuietInput,
    KeysInTurn,
    PlainNotify,
    App[None],
    inherit_bindings=False,
):
    """Shows a deck the way the presenter shows it, slide only.

    Args:
        deck: The validated deck (the presenter's deck file).
        deck_path: The deck file whose presenter to follow.
        theme: The theme to start with (the presenter's theme replaces it
            when it is one of ``themes``).
        themes: Themes the presenter may switch to.
        auto: No deck was named: follow whichever presenter starts.
    """

    CSS_PATH = ["../app.tcss", "audience.tcss"]
    TITLE = "Podium audience view"
    ENABLE_COMMAND_PALETTE = False

    BINDINGS = [
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True, tooltip="Quit at once"),
        Binding("question_mark", "help", "Help", tooltip="Show the keys"),
    ]

    HELP_BINDINGS = [*BINDINGS, suspend_help()]
    """Keys listed in help besides the screen's own."""

    def __init__(
        self,
        deck: Deck,
        deck_path: str,
        *,
        theme: Theme,
        themes: Iterable[Theme] = (),
        auto: bool = False,
    ) -> None:
        super().__init__()
        apply_no_color(self)
        self.deck = deck
        self.deck_path = deck_path
        self.auto = auto
        self._markdown_styles = MarkdownStyles()
        for each in (*themes, theme):
            self.register_theme(each)
        self.theme = theme.name
        self.title = self.words(
            "audience.title", title=one_line(deck.title or Path(deck_path).name)
        )
        translate_node(self, self.words, "audience")

    @property
    def words(self) -> Words:
        """The language of the deck followed (its ``lang:``)."""
        return words_for(self.deck.lang)

    def get_theme_variable_defaults(self) -> dict[str, str]:
        """Podium's own CSS variables (``$slide-title`` ...) for any theme."""
        from tui.themes import app_variable_defaults

        return app_variable_defaults(self.current_theme)

    def get_default_screen(self) -> Screen:
        return AudienceScreen(
            self.deck,
            self.deck_path,
            auto=self.auto,
            follow_deck=self.follow_deck,
            help_bindings=self.HELP_BINDINGS,
        )

    def follow_deck(self, deck_path: str) -> None:
        """Follow the presenter of another deck (a view started without DECK).

        Args:
            deck_path: The deck file that presenter presents.
        """
        from tui.deck import DeckError, load_deck

        if len(self.screen_stack) != 1 or os.path.realpath(deck_path) == os.path.realpath(
            self.deck_path
        ):
            return  # a dialog is open: try again on the next change
        try:
            deck = load_deck(deck_path)
        except DeckError as error:
            self.notify(
                str(error.problems[0]),
                title=self.words("audience.cannot_follow"),
                severity="error",
            )
            return
        self.deck, self.deck_path = deck, deck_path
        self.title = self.words(
            "audience.title", title=one_line(deck.title or Path(deck_path).name)
        )
        translate_node(self, self.words, "audience")
        self.audience.change_deck(deck, deck_path)

    @property
    def audience(self) -> AudienceScreen:
        """The audience screen (the app's base screen)."""
        return self.screen_stack[0]  # type: ignore[return-value]

    def watch_theme(self, theme: str) -> None:
        self._markdown_styles.apply(self.console, self.get_css_variables())
        if self.screen_stack:
            self.audience.redraw()

    def action_help(self) -> None:
        """Show the keys."""
        self.audience.action_help()


def make_audience_app(
    deck: Deck, deck_path: str, theme_name: str | None = None, *, auto: bool = False
) -> AudienceApp:
    """Build the audience view for a validated deck (CLI and tests alike).

    Args:
        deck: From :func:`tui.deck.load_deck`.
        deck_path: The deck file the presenter presents.
        theme_name: Theme name or file; defaults to the deck's, else ``ks``.
        auto: No deck was named: follow whichever presenter starts.

    Raises:
        tui.themes.ThemeError: The theme is unknown or its file is bad.
    """
    from tui.app import DEFAULT_THEME
    from tui.themes import load_all_themes, resolve_theme

    name = theme_name or deck.theme or DEFAULT_THEME
    theme = resolve_theme(name, Path(deck_path).parent)
    return AudienceApp(deck, deck_path, theme=theme, themes=load_all_themes(), auto=auto)
