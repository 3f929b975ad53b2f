"""Reading one theme file into the fields of a Textual ``Theme``.

The file is read and composed by the shared checking layer
(:mod:`tui.yamlcheck`), so a theme's problems have exactly the shape of a
deck's: :class:`~tui.yamlcheck.problems.Problem` at ``FILE:LINE:COL``.
:func:`read_fields` checks every field (see :mod:`tui.theme_values`) and
returns them; :func:`tui.themes.load_theme_file` builds the ``Theme``.
Imports PyYAML; no Textual until a value is checked.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from tui.theme_values import (
    BOOL_FIELDS,
    COLOUR_FIELDS,
    FRACTION_FIELDS,
    MAX_THEME_BYTES,
    NAME,
    VARIABLE_NAME,
    colour_problem,
    theme_fields,
    variable_problem,
)
from tui.yamlcheck.checker import Checker, closest, truth
from tui.yamlcheck.compose import Rules, compose, unmarked_position
from tui.yamlcheck.nodes import Mapping, Node, is_null
from tui.yamlcheck.problems import Problem, ProblemsError
from tui.yamlcheck.source import FileWords, decode, read_text

# libyaml's parser when present: ten times faster, and theme files are read
# at every start.
PARSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_REST_OF_LINE = re.compile("[^\r\n\x85\u2028\u2029]*")

_WORDS = FileWords(
    missing="theme file not found",
    missing_folder=None,
    directory=lambda _path: "is a folder, not a theme file",
    cannot_read="cannot read theme file",
    too_big=lambda size: f"theme file is too large ({size} bytes; at most {MAX_THEME_BYTES})",
    not_utf8=lambda _byte, offset: f"not UTF-8 text (byte {offset} is invalid)",
)


def _syntax(error: yaml.YAMLError, text: str, path: str) -> Problem:
    if isinstance(error, yaml.MarkedYAMLError):
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        what = error.problem or error.context or "invalid YAML"
        return Problem(path, line, column, f"invalid YAML: {what}")
    line, column = unmarked_position(error, text)
    return Problem(path, line, column, f"invalid YAML: {error}")


RULES = Rules(
    noun="theme",
    max_nodes=10_000,
    max_alias_expansion=10_000,
    max_depth=100,
    too_many="the theme file holds more than {limit:,} values; that is too many for a theme",
    another_document=(
        "invalid YAML: expected a single document in the stream, but found another document"
    ),
    syntax=_syntax,
)
"""A theme file's limits and wording for :func:`tui.yamlcheck.compose.compose`."""


def read_fields(path: Path, data: bytes | None = None) -> dict[str, object]:
    """Read and check a theme file.

    Args:
        path: The ``.yaml`` file; its name without ``.yaml`` is the theme's name.
        data: The file's bytes when already read (see :mod:`tui.checked_cache`),
            else None to read them here.

    Returns:
        Keyword arguments for Textual's ``Theme``, ``name`` always included.

    Raises:
        ProblemsError: The file cannot be read, is not valid YAML, or has
            problems; every problem found, in file order.
    """
    name = str(path)
    if data is None:
        text = read_text(name, MAX_THEME_BYTES, _WORDS)
    else:
        text = decode(data, name, MAX_THEME_BYTES, _WORDS)
    root, problems = compose(text, name, RULES, PARSER)
    if problems:
        # Stop at the first layer with problems, as a theme always has: a
        # file that is not sound YAML gets no field-by-field complaints.
        raise ProblemsError(problems)
    checker = ThemeChecker(path, text)
    values = checker.read(root)
    if checker.problems:
        raise ProblemsError(checker.problems)
    return values


class ThemeChecker(Checker):
    """Validates one theme file's composed YAML, collecting problems."""

    def __init__(self, path: Path, text: str) -> None:
        super().__init__(text, str(path))
        self.file = path

    def empty_colour(self, key: str, key_node: Node, value_node: Node) -> None:
        """Report an empty colour, explaining an unquoted ``#`` if there is one."""
        found = _REST_OF_LINE.match(self.text, key_node.end)  # matches, if only ""
        rest = found.group() if found else ""
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
        """The theme's fields, checked; problems are collected in :attr:`problems`."""
        if root is None:
            self.problem(None, "the theme file is empty; it needs at least 'name' and 'primary'")
            return {}
        if not isinstance(root, Mapping):
            self.problem(root, "a theme file must be a mapping of fields such as 'primary: ...'")
            return {}
        known = theme_fields()
        values: dict[str, object] = {}
        seen: dict[str, Node] = {}
        for key, key_node, value_node in self.named_pairs(
            root,
            not_text=lambda _key: "field names must be plain words",
            duplicate=lambda key, _first, value: (
                f"duplicate field '{key}' (first given on line {value.line})"
            ),
            strip=True,
        ):
            seen[key] = value_node
            if key not in known:
                # Suggest for the word as Textual would spell it: "Luminosity-Spread"
                # is close to "luminosity_spread", not to whatever it resembles as typed.
                close = closest(key.strip().lower().replace("-", "_"), known)
                hint = f" (did you mean '{close}'?)" if close else ""
                self.problem(
                    key_node, f"unknown field '{key}'{hint}; theme fields are: {', '.join(known)}"
                )
                continue
            value = self.field(key, key_node, value_node)
            if value is not None:
                values[key] = value
        stem = self.file.stem
        if "name" not in seen:
            if NAME.match(stem):
                values["name"] = stem
            else:
                self.problem(
                    None,
                    f"the file name '{self.file.name}' is not a usable theme name"
                    " (use letters, digits, '-' and '_')",
                )
        elif "name" in values and values["name"] != stem:
            self.problem(
                seen["name"],
                f"theme name '{values['name']}' must match the file name '{self.file.name}'"
                f" (rename the theme to '{stem}' or the file to '{values['name']}.yaml')",
            )
        if "primary" not in seen:
            self.problem(
                root, "missing field 'primary' (the theme's main colour, e.g. \"#0178d4\")"
            )
        return values

    def field(self, key: str, key_node: Node, value_node: Node) -> object | None:
        """One field's value, checked; None (after reporting) when it is bad."""
        if key == "variables":
            return self.variables(value_node)
        if key in COLOUR_FIELDS and is_null(value_node):
            self.empty_colour(key, key_node, value_node)
            return None
        text = self.single_value(value_node, key)
        if text is None:
            return None
        if key == "name":
            if not NAME.match(text):
                self.problem(
                    value_node, f"theme name {text!r} must be letters, digits, '-' and '_'"
                )
                return None
            return text
        if key in BOOL_FIELDS:
            answer = truth(value_node)
            if answer is None:
                self.problem(value_node, f"'{key}' must be true or false, not {text!r}")
            return answer
        if key in FRACTION_FIELDS:
            try:
                number = float(text)
            except ValueError:
                number = -1.0
            if not 0.0 <= number <= 1.0:
                self.problem(value_node, f"'{key}' must be a number from 0 to 1, not {text!r}")
                return None
            return number
        problem = colour_problem(text)
        if problem:
            self.problem(value_node, f"'{key}': {problem}")
            return None
        return text

    def variables(self, node: Node) -> dict[str, str] | None:
        """The ``variables:`` mapping, checked; None (after reporting) when not a mapping."""
        if is_null(node):
            return {}
        if not isinstance(node, Mapping):
            self.problem(node, "'variables' must be a mapping of CSS variable names to values")
            return None
        result: dict[str, str] = {}
        for key_node, value_node in node.pairs:
            name = self.single_value(key_node, "variable name")
            if name is None:
                continue
            name = name.removeprefix("$")
            if not VARIABLE_NAME.match(name):
                self.problem(
                    key_node,
                    f"variable name {name!r} must be lower-case words joined by '-'"
                    " (e.g. footer-key-foreground)",
                )
                continue
            if name in result:
                self.problem(key_node, f"duplicate variable '{name}'")
                continue
            if is_null(value_node):
                self.empty_colour(name, key_node, value_node)
                continue
            value = self.single_value(value_node, name)
            if value is None:
                continue
            problem = variable_problem(name, value)
            if problem:
                self.problem(value_node, f"variable '{name}': {problem}")
                continue
            result[name] = value
        return result
