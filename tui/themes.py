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
import re
from pathlib import Path
from typing import TYPE_CHECKING

from tui.paths import bundled_themes_dir
from tui.safe_text import first_control

if TYPE_CHECKING:
    from textual.theme import Theme
    from yaml.nodes import Node

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

MAX_THEME_BYTES = 256 * 1024
"""Largest theme file read, in bytes; real themes are under 2 KiB."""

_COLOUR_FIELDS = (
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
_BOOL_FIELDS = ("dark", "ansi")
_FRACTION_FIELDS = ("luminosity_spread", "text_alpha")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
_VARIABLE_NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
_PERCENT = re.compile(r"^\d+(?:\.\d+)?%$")
_TRUE = {"true", "yes", "on"}
_FALSE = {"false", "no", "off"}
_TEXT_STYLES = frozenset(
    "b blink bold dim i italic none not o overline reverse strike u underline uu".split()
)


class ThemeError(Exception):
    """A theme could not be found or read.

    Attributes:
        problems: One message per problem, each ``FILE:LINE:COL: message``
            when it concerns a place in a theme file.
    """

    def __init__(self, problems: list[str] | str) -> None:
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("\n".join(self.problems))


def _theme_fields() -> tuple[str, ...]:
    from dataclasses import fields

    from textual.theme import Theme

    return tuple(field.name for field in fields(Theme))


def _did_you_mean(word: str, choices: list[str] | tuple[str, ...]) -> str:
    import difflib

    normalised = word.strip().lower().replace("-", "_")
    if normalised in choices and normalised != word:
        return f" (did you mean '{normalised}'?)"
    close = difflib.get_close_matches(normalised, choices, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _colour_problem(text: str) -> str | None:
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


def _variable_problem(name: str, value: str) -> str | None:
    """Why ``value`` is not valid for the CSS variable ``name``, or None."""
    if "style" in name.split("-"):
        bad = [word for word in value.split() if word not in _TEXT_STYLES]
        if not value.split() or bad:
            return (
                f"{value!r} is not a text style"
                f" (use words from: {', '.join(sorted(_TEXT_STYLES))})"
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
        return f"{value!r} is not a colour (write e.g. \"#ffffff\" or \"#ffffff 50%\")"
    if colour == "auto":
        return None
    return _colour_problem(colour)


class _Reader:
    """Validates one theme file's composed YAML, collecting problems."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.text = text
        self.lines = text.splitlines()
        self.problems: list[str] = []

    def problem(self, node: Node | None, message: str) -> None:
        if node is None:
            self.problems.append(f"{self.path}:1:1: {message}")
        else:
            mark = node.start_mark
            self.problems.append(f"{self.path}:{mark.line + 1}:{mark.column + 1}: {message}")

    def scalar(self, key: str, node: Node) -> str | None:
        """The text of a scalar value, or None (with a problem) for anything else."""
        from yaml.nodes import ScalarNode

        if not isinstance(node, ScalarNode):
            kind = "a list" if node.id == "sequence" else "a mapping"
            self.problem(node, f"'{key}' must be a single value, not {kind}")
            return None
        value = str(node.value)
        bad = first_control(value, lines=False)
        if bad >= 0:
            # A theme holds one-line words and colours: no control, tab or newline.
            from tui.deck.yaml_source import control_index, position

            char = value[bad]
            at = control_index(
                self.text, node.start_mark.index, node.end_mark.index, char, double_quoted=node.style == '"'
            )
            line, column = position(self.text, at)
            self.problems.append(
                f"{self.path}:{line}:{column}: control character U+{ord(char):04X} in '{key}'; remove it"
            )
            return None
        return value.strip()

    def is_null(self, node: Node) -> bool:
        from yaml.nodes import ScalarNode

        return (
            isinstance(node, ScalarNode)
            and not node.style  # plain (None from PyYAML, "" from libyaml)
            and node.value.strip() in ("", "~", "null", "Null", "NULL")
        )

    def empty_colour(self, key: str, key_node: Node, value_node: Node) -> None:
        index = key_node.start_mark.line
        line = self.lines[index] if index < len(self.lines) else ""
        rest = line[key_node.end_mark.column :]
        if "#" in rest:
            colour = rest[rest.index("#") :].split()[0]
            self.problem(
                value_node,
                f"'{key}' is empty: an unquoted # starts a YAML comment;"
                f' quote the colour: {key}: "{colour}"',
            )
        else:
            self.problem(value_node, f"'{key}' is empty; give a colour such as \"#ffffff\"")

    def read(self, root: Node | None) -> dict[str, object]:
        from yaml.nodes import MappingNode

        if root is None:
            self.problem(None, "the theme file is empty; it needs at least 'name' and 'primary'")
            return {}
        if not isinstance(root, MappingNode):
            self.problem(root, "a theme file must be a mapping of fields such as 'primary: ...'")
            return {}
        known = _theme_fields()
        values: dict[str, object] = {}
        seen: dict[str, Node] = {}
        for key_node, value_node in root.value:
            if key_node.id != "scalar":
                self.problem(key_node, "field names must be plain words")
                continue
            key = str(key_node.value).strip()
            if key in seen:
                first = seen[key].start_mark.line + 1
                self.problem(key_node, f"duplicate field '{key}' (first given on line {first})")
                continue
            seen[key] = value_node
            if key not in known:
                self.problem(
                    key_node,
                    f"unknown field '{key}'{_did_you_mean(key, known)};"
                    f" theme fields are: {', '.join(known)}",
                )
                continue
            value = self.field(key, key_node, value_node)
            if value is not None:
                values[key] = value
        stem = self.path.stem
        if "name" not in seen:
            if _NAME.match(stem):
                values["name"] = stem
            else:
                self.problem(
                    None,
                    f"the file name '{self.path.name}' is not a usable theme name"
                    " (use letters, digits, '-' and '_')",
                )
        elif "name" in values and values["name"] != stem:
            self.problem(
                seen["name"],
                f"theme name '{values['name']}' must match the file name '{self.path.name}'"
                f" (rename the theme to '{stem}' or the file to '{values['name']}.yaml')",
            )
        if "primary" not in seen:
            self.problem(
                root, "missing field 'primary' (the theme's main colour, e.g. \"#0178d4\")"
            )
        return values

    def field(self, key: str, key_node: Node, value_node: Node) -> object | None:
        if key == "variables":
            return self.variables(value_node)
        if key in _COLOUR_FIELDS and self.is_null(value_node):
            self.empty_colour(key, key_node, value_node)
            return None
        text = self.scalar(key, value_node)
        if text is None:
            return None
        if key == "name":
            if not _NAME.match(text):
                self.problem(
                    value_node, f"theme name {text!r} must be letters, digits, '-' and '_'"
                )
                return None
            return text
        if key in _BOOL_FIELDS:
            if text.lower() in _TRUE:
                return True
            if text.lower() in _FALSE:
                return False
            self.problem(value_node, f"'{key}' must be true or false, not {text!r}")
            return None
        if key in _FRACTION_FIELDS:
            try:
                number = float(text)
            except ValueError:
                number = -1.0
            if not 0.0 <= number <= 1.0:
                self.problem(value_node, f"'{key}' must be a number from 0 to 1, not {text!r}")
                return None
            return number
        problem = _colour_problem(text)
        if problem:
            self.problem(value_node, f"'{key}': {problem}")
            return None
        return text

    def variables(self, node: Node) -> dict[str, str] | None:
        from yaml.nodes import MappingNode

        if self.is_null(node):
            return {}
        if not isinstance(node, MappingNode):
            self.problem(node, "'variables' must be a mapping of CSS variable names to values")
            return None
        result: dict[str, str] = {}
        for key_node, value_node in node.value:
            name = self.scalar("variable name", key_node)
            if name is None:
                continue
            name = name.removeprefix("$")
            if not _VARIABLE_NAME.match(name):
                self.problem(
                    key_node,
                    f"variable name {name!r} must be lower-case words joined by '-'"
                    " (e.g. footer-key-foreground)",
                )
                continue
            if name in result:
                self.problem(key_node, f"duplicate variable '{name}'")
                continue
            if self.is_null(value_node):
                self.empty_colour(name, key_node, value_node)
                continue
            value = self.scalar(name, value_node)
            if value is None:
                continue
            problem = _variable_problem(name, value)
            if problem:
                self.problem(value_node, f"variable '{name}': {problem}")
                continue
            result[name] = value
        return result


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
    import yaml
    from textual.theme import Theme

    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_THEME_BYTES:
            raise ThemeError(
                f"{path}: theme file is too large ({size} bytes; at most {MAX_THEME_BYTES})"
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ThemeError(f"{path}: theme file not found") from None
    except IsADirectoryError:
        raise ThemeError(f"{path}: is a folder, not a theme file") from None
    except OSError as error:
        raise ThemeError(f"{path}: cannot read theme file: {error.strerror or error}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ThemeError(f"{path}: not UTF-8 text (byte {error.start} is invalid)") from None

    try:
        # libyaml's parser when present: ten times faster, and theme files
        # are read at every start.
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        root = yaml.compose(text, Loader=loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = error.problem or error.context or "invalid YAML"
        raise ThemeError(f"{path}:{line}:{column}: invalid YAML: {what}") from None
    except yaml.reader.ReaderError as error:
        # A character YAML forbids anywhere (most controls): point at it.
        from tui.deck.yaml_source import position

        line, column = position(text, error.position)
        raise ThemeError(
            f"{path}:{line}:{column}: control character U+{error.character:04X} is not allowed "
            "in a theme file; remove it"
            if isinstance(error.character, int)
            else f"{path}:{line}:{column}: invalid YAML: {error.reason}"
        ) from None
    except yaml.YAMLError as error:
        raise ThemeError(f"{path}:1:1: invalid YAML: {error}") from None

    reader = _Reader(path, text)
    values = reader.read(root)
    if reader.problems:
        raise ThemeError(reader.problems)
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
    return Theme(**values)  # type: ignore[arg-type]


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
            if candidate.is_file():
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
        f"unknown theme '{wanted}'; available: {', '.join(choices)},"
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
    generated = theme.to_color_system().generate()
    return {name: generated[source] for name, source in APP_VARIABLES.items()}
