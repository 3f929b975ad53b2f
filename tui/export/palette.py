"""A theme's colours as ``#rrggbb``, for exports. Imports Textual (themes).

Themes may name ANSI colours (the ``terminal`` theme follows the terminal's
own palette): a page or a PDF has no terminal palette, so any colour that
is not a plain hex colour falls back to the ``ks`` theme's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.deck.model import Deck

_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")

_FALLBACK = {
    "background": "#0b2340",
    "foreground": "#f4f6fa",
    "panel": "#173a63",
    "muted": "#a9b8cc",
    "title": "#ffffff",
    "subtitle": "#9cc3e8",
    "heading": "#f5a623",
    "quote": "#e6ecf4",
    "bar": "#5aa9e6",
    "track": "#1d4573",
    "primary": "#5aa9e6",
    "accent": "#f5a623",
}


@dataclass(frozen=True)
class Palette:
    """The colours an export uses, each ``#rrggbb``.

    Attributes:
        name: The theme's name.
        dark: Whether the theme is dark.
        background: Slide background.
        foreground: Body text.
        panel: Code blocks, table headers.
        muted: Secondary text (slide numbers, attributions).
        title: Slide titles.
        subtitle: Subtitles.
        heading: Headings in a slide body.
        quote: Quotations.
        bar: Poll bars.
        track: The track behind a poll bar.
        primary: Links.
        accent: Highlights.
    """

    name: str
    dark: bool
    background: str
    foreground: str
    panel: str
    muted: str
    title: str
    subtitle: str
    heading: str
    quote: str
    bar: str
    track: str
    primary: str
    accent: str

    def rgb(self, field: str) -> tuple[int, int, int]:
        """One colour as 0-255 red, green and blue.

        Args:
            field: An attribute name, e.g. ``"title"``.
        """
        value: str = getattr(self, field)
        return int(value[1:3], 16), int(value[3:5], 16), int(value[5:7], 16)


def palette_for(deck: Deck, theme_name: str | None = None) -> Palette:
    """The colours of ``--theme``, else the deck's theme, else ``ks``.

    Args:
        deck: The deck (its ``theme:`` and folder, for a theme path).
        theme_name: ``--theme NAME|PATH``, or None.

    Raises:
        tui.themes.ThemeError: The theme is unknown or its file is bad.
    """
    from tui.app import DEFAULT_THEME
    from tui.themes import app_variable_defaults, resolve_theme

    name = theme_name or deck.theme or DEFAULT_THEME
    theme = resolve_theme(name, Path(deck.source).parent if deck.source else None)
    generated = theme.to_color_system().generate()
    variables = {**app_variable_defaults(theme), **generated, **theme.variables}

    def pick(field: str, *names: str) -> str:
        for each in names:
            value = str(variables.get(each, "")).strip()
            if _HEX.match(value):
                return value.lower()
        return _FALLBACK[field]

    fallback_theme = not _HEX.match(str(generated.get("background", "")))
    if fallback_theme:  # an ANSI theme: use one palette whole, never a mix
        return Palette(name=theme.name, dark=True, **_FALLBACK)
    return Palette(
        name=theme.name,
        dark=theme.dark,
        background=pick("background", "background"),
        foreground=pick("foreground", "text", "foreground"),
        panel=pick("panel", "panel", "surface"),
        muted=pick("muted", "text-muted", "foreground-darken-1", "foreground"),
        title=pick("title", "slide-title", "primary"),
        subtitle=pick("subtitle", "slide-subtitle", "secondary"),
        heading=pick("heading", "slide-heading", "accent"),
        quote=pick("quote", "slide-quote", "foreground"),
        bar=pick("bar", "poll-bar", "primary"),
        track=pick("track", "poll-bar-track", "panel"),
        primary=pick("primary", "primary"),
        accent=pick("accent", "accent"),
    )
