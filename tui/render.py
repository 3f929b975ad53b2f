"""Turning slide text into Rich renderables, styled from the current theme.

Bodies are Markdown rendered by Rich (one renderable per slide, so a slide
change costs one widget update rather than a tree of mounted widgets). Rich
looks Markdown styles up by name (``markdown.h1``, ``markdown.link`` ...) on
the console's theme; :func:`markdown_styles` derives those names from the
Textual theme's colours so a theme switch restyles the Markdown too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.theme import Theme as RichTheme

Justify = Literal["left", "center"]


def markdown(source: str, justify: Justify = "left") -> RenderableType:
    """A Rich renderable for Markdown ``source``.

    Text is never read as Rich markup: ``[bold]`` in the source shows as
    typed. Code blocks are highlighted by Pygments (``code_theme``).

    Args:
        source: Markdown text.
        justify: Paragraph alignment.
    """
    from rich.markdown import Markdown  # deferred: Pygments is slow to import

    return Markdown(source, justify=justify, code_theme="ansi_dark", hyperlinks=True)


def markdown_styles(variables: dict[str, str]) -> RichTheme:
    """Rich Markdown styles built from Textual CSS variables.

    Args:
        variables: ``App.get_css_variables()``: colour strings keyed by
            variable name (``primary``, ``accent``, ``foreground`` ...).

    Returns:
        A Rich theme to push on the app's console.
    """
    from rich.theme import Theme as RichTheme

    def var(name: str, fallback: str = "default") -> str:
        value = variables.get(name, fallback)
        # Textual colours may carry alpha ("#rrggbbaa"); Rich wants #rrggbb.
        if value.startswith("#") and len(value) == 9:
            value = value[:7]
        return value

    accent, primary, secondary = var("accent"), var("primary"), var("secondary")
    muted = var("foreground-muted", var("foreground"))
    return RichTheme(
        {
            "markdown.h1": f"bold {var('slide-heading', accent)}",
            "markdown.h2": f"bold {primary}",
            "markdown.h3": f"bold {secondary}",
            "markdown.h4": "bold",
            "markdown.h5": "bold",
            "markdown.h6": "italic",
            "markdown.item.bullet": f"bold {accent}",
            "markdown.item.number": f"bold {accent}",
            "markdown.block_quote": f"italic {var('foreground')}",
            "markdown.em": "italic",
            "markdown.strong": "bold",
            "markdown.link": f"underline {primary}",
            "markdown.link_url": f"underline {primary}",
            "markdown.code": f"bold {secondary}",
            "markdown.hr": muted,
            "markdown.table.border": muted,
            "markdown.table.header": f"bold {primary}",
        }
    )
