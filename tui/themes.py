"""Themes: reading ``themes/*.yaml`` into Textual :class:`~textual.theme.Theme` objects.

A theme file holds the fields of a Textual ``Theme`` (``primary``,
``background``, ``dark``, ...) plus optional ``variables:``, which are Textual
CSS variables (``footer-key-foreground``, ``text``, ...) and Podium's own,
listed in :data:`APP_VARIABLES`. For example::

    name: ks                  # must equal the file name without .yaml
    dark: true
    background: "#0b2340"     # quote colours: an unquoted # starts a comment
    foreground: "#f4f6fa"
    primary: "#5aa9e6"
    variables:
      slide-title: "#ffffff"

Errors are reported as ``FILE:LINE:COL: message``, one line per problem.
Importing this module is cheap: YAML and Textual are imported when a theme is
first read.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.paths import bundled_themes_dir
from tui.safe_text import shortened
from tui.theme_values import MAX_THEME_BYTES
from tui.theme_values import variable_problem as _variable_problem  # noqa: F401 (kept importable)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from textual.theme import Theme

    from tui.yamlcheck.problems import Problem

__all__ = [
    "APP_VARIABLES",
    "MAX_THEME_BYTES",
    "ThemeError",
    "app_variable_defaults",
    "available_themes",
    "load_all_themes",
    "load_theme_file",
    "resolve_theme",
]

APP_VARIABLES: dict[str, str] = {
    "slide-title": "primary",
    "slide-subtitle": "secondary",
    "slide-heading": "accent",
    "slide-quote": "foreground",
    "poll-bar": "primary",
    "poll-bar-leader": "accent",
    "poll-bar-track": "panel",
}
"""Podium's own CSS variables, each mapped to the Textual colour it falls back
to when a theme (such as one of Textual's built-in themes) does not set it:

- ``slide-title``: slide titles.
- ``slide-subtitle``: subtitles, quote attributions and other secondary text.
- ``slide-heading``: Markdown headings inside a slide body.
- ``slide-quote``: the text of a quote slide.
- ``poll-bar``: the bars of a poll's results.
- ``poll-bar-leader``: the bar of the option with the most votes.
- ``poll-bar-track``: the unfilled part of a poll bar.
"""


class ThemeError(Exception):
    """A theme could not be found or read.

    Attributes:
        problems: One message per problem, each ``FILE:LINE:COL: message``
            when it concerns a place in a theme file.
        located: The problems at a place in a theme file, as
            :class:`~tui.yamlcheck.problems.Problem` (the very type a deck's
            problems have); empty when no theme file was read, e.g. for an
            unknown theme name.
    """

    def __init__(self, problems: Sequence[Problem | str] | Problem | str) -> None:
        from tui.yamlcheck.problems import Problem

        items = [problems] if isinstance(problems, (str, Problem)) else list(problems)
        self.located = [item for item in items if isinstance(item, Problem)]
        self.problems = [str(item) for item in items]
        super().__init__("\n".join(self.problems))


def load_theme_file(path: Path) -> Theme:
    """Read a theme file.

    Args:
        path: A ``.yaml`` theme file; its name without ``.yaml`` is the
            theme's name.

    Returns:
        The theme, ready for ``App.register_theme``.

    Raises:
        ThemeError: The file cannot be read, is not valid YAML, has unknown
            or missing fields, bad colours or values, or a ``name`` that
            differs from the file name. Each problem is reported as
            ``FILE:LINE:COL: message``.
    """
    from textual.theme import Theme

    try:
        stat = os.stat(path)
        key: tuple[str, int, int] | None = (os.fspath(path), stat.st_mtime_ns, stat.st_size)
    except OSError:
        key = None  # read_fields words the problem
    if key in _LOADED:
        return _LOADED[key]  # the command line checked it, then the app uses it
    values = _checked_fields(Path(path))
    if values.get("ansi"):
        # Textual's stylesheets use these two in native-ANSI mode, but only
        # its own ANSI themes define them; without them the CSS fails to parse.
        dark = values.get("dark", True)
        variables = {
            "ansi-background": "ansi_black" if dark else "ansi_white",
            "ansi-foreground": "ansi_white" if dark else "ansi_black",
            **values.get("variables", {}),  # type: ignore[dict-item]
        }
        values["variables"] = variables
    theme = Theme(**values)  # type: ignore[arg-type]
    if key is not None:
        _LOADED[key] = theme
    return theme


_LOADED: dict[tuple[str, int, int] | None, Theme] = {}
"""Themes read so far, by file, modification time and size: each file is read once."""


def _checked_fields(path: Path) -> dict[str, object]:
    """A theme file's fields, checked (or kept from a clean check of the same bytes).

    See :mod:`tui.checked_cache`: a theme file that checked clean before is
    not parsed again (no PyYAML at start-up); one with problems always is.

    Raises:
        ThemeError: The file cannot be read or has problems.
    """
    from tui.checked_cache import keep, lookup, read_source

    name = str(path)
    source = read_source(name)
    if source is not None:
        kept = lookup("theme", name, source, dict[str, Any])
        if kept is not None:
            return kept
    from tui.theme_file import read_fields
    from tui.yamlcheck.problems import ProblemsError

    try:
        values = read_fields(path, source)
    except ProblemsError as error:
        raise ThemeError(error.problems) from None
    if source is not None:
        keep("theme", name, source, values)
    return values


def available_themes() -> dict[str, Path]:
    """The themes shipped with Podium.

    Returns:
        Theme name to file, sorted by name.
    """
    folder = bundled_themes_dir()
    if not folder.is_dir():
        return {}
    return {path.stem: path for path in sorted(folder.glob("*.yaml")) if path.is_file()}


def load_all_themes() -> list[Theme]:
    """Read every theme shipped with Podium.

    Returns:
        The themes, sorted by name.

    Raises:
        ThemeError: A shipped theme file is broken.
    """
    return [load_theme_file(path) for path in available_themes().values()]


def _looks_like_path(text: str) -> bool:
    return (
        "/" in text
        or os.sep in text
        or (os.altsep is not None and os.altsep in text)
        or text.startswith(("~", "."))
        or text.lower().endswith((".yaml", ".yml"))
    )


def resolve_theme(name_or_path: str, deck_dir: Path | None = None) -> Theme:
    """Find a theme by name or by file path.

    A name is looked up among Podium's themes (see :func:`available_themes`),
    then among Textual's built-in themes (``nord``, ``textual-dark``, ...).
    Anything with a path separator or a ``.yaml``/``.yml`` suffix is a file:
    a relative path is tried against ``deck_dir`` first, then the current
    directory.

    Args:
        name_or_path: The theme as written, e.g. in a deck's ``theme:`` field.
        deck_dir: Folder of the deck that names the theme, if any.

    Returns:
        The theme.

    Raises:
        ThemeError: No such theme or file, or the file is broken.
    """
    wanted = name_or_path.strip()
    if not wanted:
        raise ThemeError("no theme given; available: " + ", ".join(available_themes()))
    if _looks_like_path(wanted):
        given = Path(wanted).expanduser()
        if given.is_absolute():
            candidates = [given]
        else:
            candidates = [folder / given for folder in (deck_dir, Path.cwd()) if folder is not None]
        for candidate in candidates:
            # Anything there but a folder is read, so a named pipe is
            # refused as such (read without blocking), not "not found";
            # a name the system cannot take (too long) is not found.
            if os.path.exists(candidate) and not os.path.isdir(candidate):
                return load_theme_file(candidate)
        looked = " or ".join(str(candidate) for candidate in candidates)
        raise ThemeError(f"theme file not found: {wanted} (looked for {looked})")

    bundled = available_themes()
    if wanted in bundled:
        return load_theme_file(bundled[wanted])
    from textual.theme import BUILTIN_THEMES

    if wanted in BUILTIN_THEMES:
        return BUILTIN_THEMES[wanted]
    import difflib

    choices = sorted(bundled)
    close = difflib.get_close_matches(wanted.lower(), [*choices, *BUILTIN_THEMES], n=1)
    raise ThemeError(
        f"unknown theme '{shortened(wanted)}'; available: {', '.join(choices)},"
        " Textual's built-in themes (e.g. nord) or a path to a .yaml theme file"
        + (f"; did you mean '{close[0]}'?" if close else "")
    )


def app_variable_defaults(theme: Theme) -> dict[str, str]:
    """Values of :data:`APP_VARIABLES` for a theme that may not set them.

    Meant for ``App.get_theme_variable_defaults``, so Podium's stylesheets
    can use ``$slide-title`` and friends with every theme, including
    Textual's built-in ones. A theme's own ``variables`` override these.

    Args:
        theme: The current theme.

    Returns:
        Each of Podium's variable names mapped to a colour taken from the
        theme's generated colour system.
    """
    generated = generated_colours(theme)
    return {name: generated[source] for name, source in APP_VARIABLES.items()}


_generated: tuple[Theme, dict[str, str]] | None = None
"""The last theme whose colour system was generated, and what it gave."""


def generated_colours(theme: Theme) -> dict[str, str]:
    """``theme.to_color_system().generate()``, generated once for the same theme in a row.

    An app's CSS variables need it twice (Textual's own variables and
    :func:`app_variable_defaults`), a millisecond or more each on the way
    to the first frame; the same :class:`~textual.theme.Theme` object
    gives the same colours, so the second asks for the first's. A theme
    registered anew (a saved theme file) is another object: generated anew.

    Args:
        theme: The theme.

    Returns:
        Every colour variable of the theme's colour system; the caller
        must not change it (copy it first).
    """
    global _generated
    kept = _generated
    if kept is None or kept[0] is not theme:
        kept = _generated = (theme, theme.to_color_system().generate())
    return kept[1]
