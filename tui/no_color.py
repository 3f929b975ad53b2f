"""``NO_COLOR`` (https://no-color.org), the same way in every Podium app.

The convention: when ``NO_COLOR`` is set to a non-empty value, a program
sends no colour at all; an empty value changes nothing. Textual reads it
differently on its own: any value, even an empty one, turns colour off, and
then only into shades of grey (its ``Monochrome`` filter still sends
``38;2;R;G;B`` codes). :func:`apply_no_color` replaces that choice in one
place for the presenter, the audience view and the voter: with ``NO_COLOR``
non-empty every colour becomes the terminal's default (SGR 39/49) and only
attributes such as bold, dim, reverse and underline remain; the stylesheets'
``:nocolor`` rules then mark with attributes what colour alone showed (the
highlighted line of a list, for one). Imports Textual only when called.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.app import App


def no_color_requested(environ: Mapping[str, str] | None = None) -> bool:
    """Whether ``NO_COLOR`` asks for no colour: set and not empty.

    Args:
        environ: The environment (default: this process's).
    """
    return bool((os.environ if environ is None else environ).get("NO_COLOR"))


def apply_no_color(app: App[Any], environ: Mapping[str, str] | None = None) -> None:
    """Make ``app`` follow ``NO_COLOR`` as no-color.org says; call in its ``__init__``.

    Removes the colour filter Textual chose from ``NO_COLOR`` and, when
    colour is off, appends one that drops every colour (last, so no other
    filter brings colour back). Also sets ``app.no_color``, which drives the
    ``:nocolor`` pseudo-class of the stylesheets.

    Args:
        app: A Textual app, after ``App.__init__``.
        environ: The environment (default: this process's).
    """
    from textual.filter import Monochrome, NoColor

    wanted = no_color_requested(environ)
    # Textual keeps its output filters in ``App._filters`` (read by
    # ``App.get_line_filters``); there is no public setter.
    filters = [each for each in app._filters if not isinstance(each, (Monochrome, NoColor))]
    if wanted:
        filters.append(NoColor())
    app._filters = filters
    app.no_color = wanted
