"""What a theme file may hold, and which values are valid for its fields.

Used by :mod:`tui.theme_file` while reading a theme. Importing this module is
cheap: Textual is imported only when a colour is checked or the list of a
``Theme``'s fields is needed.
"""

from __future__ import annotations

from tui.lazy_re import LazyPattern

MAX_THEME_BYTES = 256 * 1024
"""Largest theme file read, in bytes; real themes are under 2 KiB."""

COLOUR_FIELDS = (
    "primary",
    "secondary",
    "accent",
    "foreground",
    "background",
    "surface",
    "panel",
    "boost",
    "warning",
    "error",
    "success",
)
BOOL_FIELDS = ("dark", "ansi")
FRACTION_FIELDS = ("luminosity_spread", "text_alpha")
NAME = LazyPattern(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
"""A usable theme name (and file name without ``.yaml``)."""
VARIABLE_NAME = LazyPattern(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
_PERCENT = LazyPattern(r"^\d+(?:\.\d+)?%$")
_TEXT_STYLES = frozenset(
    "b blink bold dim i italic none not o overline reverse strike u underline uu".split()
)


def theme_fields() -> tuple[str, ...]:
    """The fields of Textual's ``Theme``: the keys a theme file may have.

    Returns:
        Field names in the order ``Theme`` declares them.
    """
    from dataclasses import fields

    from textual.theme import Theme

    return tuple(field.name for field in fields(Theme))


def colour_problem(text: str) -> str | None:
    """Why ``text`` is not a colour Textual accepts, or None if it is one."""
    from textual.color import Color, ColorParseError

    try:
        Color.parse(text)
    except ColorParseError as error:
        if error.suggested_color:
            hint = f"did you mean '{error.suggested_color}'?"
        else:
            hint = "write #rrggbb, rgb(r, g, b), a colour name such as white, or ansi_blue"
        return f"{text!r} is not a colour ({hint})"
    return None


def variable_problem(name: str, value: str) -> str | None:
    """Why ``value`` is not valid for the CSS variable ``name``, or None."""
    if "style" in name.split("-"):
        bad = [word for word in value.split() if word not in _TEXT_STYLES]
        if not value.split() or bad:
            return (
                f"{value!r} is not a text style (use words from: {', '.join(sorted(_TEXT_STYLES))})"
            )
        return None
    words = value.split()
    if value.strip() in ("initial", "transparent"):
        return None
    if len(words) == 2 and _PERCENT.match(words[1]):
        colour = words[0]
    elif len(words) == 1:
        colour = words[0]
    else:
        return f'{value!r} is not a colour (write e.g. "#ffffff" or "#ffffff 50%")'
    if colour == "auto":
        return None
    return colour_problem(colour)
