"""Theme files: loading, errors with line numbers, lookup, and use in a Textual app."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from rich.color import Color as RichColor
from rich.color import ColorSystem as RichColorSystem
from textual.app import App, ComposeResult
from textual.color import Color
from textual.theme import BUILTIN_THEMES, Theme
from textual.widgets import Static

from tui.paths import bundled_themes_dir
from tui.themes import (
    APP_VARIABLES,
    ThemeError,
    app_variable_defaults,
    available_themes,
    load_all_themes,
    load_theme_file,
    resolve_theme,
)

BUNDLED = sorted(path.stem for path in bundled_themes_dir().glob("*.yaml"))
# Fields every shipped theme sets explicitly.
REQUIRED_FIELDS = (
    "primary secondary accent foreground background surface panel boost"
    " warning error success"
).split()


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of a colour."""
    parsed = Color.parse(colour)

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(parsed.r) + 0.7152 * channel(parsed.g) + 0.0722 * channel(parsed.b)


def contrast_ratio(first: str, second: str) -> float:
    light, dark = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


# ---------------------------------------------------------------- bundled themes


def test_the_expected_themes_ship() -> None:
    assert {"ks", "paper", "contrast", "terminal"} <= set(BUNDLED)
    assert list(available_themes()) == BUNDLED
    assert all(path.is_file() for path in available_themes().values())


@pytest.mark.parametrize("name", BUNDLED)
def test_bundled_theme_loads(name: str) -> None:
    theme = load_theme_file(bundled_themes_dir() / f"{name}.yaml")
    assert isinstance(theme, Theme)
    assert theme.name == name
    for field in REQUIRED_FIELDS:
        assert getattr(theme, field), f"{name}.yaml does not set {field}"
    assert set(APP_VARIABLES) <= set(theme.variables), f"{name}.yaml lacks Podium's variables"
    # The whole colour system generates without error.
    assert theme.to_color_system().generate()


def test_load_all_themes() -> None:
    themes = load_all_themes()
    assert [theme.name for theme in themes] == BUNDLED
    assert all(isinstance(theme, Theme) for theme in themes)


def test_dark_and_light() -> None:
    assert resolve_theme("ks").dark is True
    assert resolve_theme("contrast").dark is True
    assert resolve_theme("paper").dark is False
    assert resolve_theme("ks").background.lower() == "#0b2340"


@pytest.mark.parametrize("name", [name for name in BUNDLED if name != "terminal"])
def test_text_is_readable(name: str) -> None:
    """Text colours meet WCAG AA (4.5:1) against the background; the
    high-contrast theme meets AAA (7:1) for everything but error red."""
    theme = resolve_theme(name)
    assert theme.background and theme.foreground
    minimum = 7.0 if name == "contrast" else 4.5
    text_colours = {
        "foreground": theme.foreground,
        "primary": theme.primary,
        "accent": theme.accent,
        **{key: theme.variables[key] for key in APP_VARIABLES if key != "poll-bar-track"},
    }
    for key, colour in text_colours.items():
        assert colour is not None
        ratio = contrast_ratio(colour, theme.background)
        assert ratio >= minimum, f"{name}: {key} {colour} has contrast {ratio:.2f}"
    track = theme.variables["poll-bar-track"]
    for bar in ("poll-bar", "poll-bar-leader"):
        assert contrast_ratio(theme.variables[bar], track) >= 3.0


def test_contrast_theme_survives_16_colours() -> None:
    """On a 16-colour terminal Rich maps each colour to the nearest standard
    one; the contrast theme's colours map to the intended ones."""
    theme = resolve_theme("contrast")

    def ansi(colour: str | None) -> int | None:
        assert colour is not None
        return RichColor.parse(colour.split()[0]).downgrade(RichColorSystem.STANDARD).number

    assert ansi(theme.background) == 0  # black
    assert ansi(theme.foreground) == 15  # bright white
    assert ansi(theme.accent) == 11  # bright yellow
    assert ansi(theme.primary) == 14  # bright cyan
    assert ansi(theme.error) == 9  # bright red
    assert ansi(theme.success) == 10  # bright green
    assert ansi(theme.variables["text"]) == 15
    assert ansi(theme.variables["slide-title"]) in (11, 15)


def test_terminal_theme_uses_native_ansi_colours() -> None:
    theme = resolve_theme("terminal")
    assert theme.ansi is True
    assert theme.primary.startswith("ansi_")


# ---------------------------------------------------------------- errors


def test_bad_yaml_reports_line_and_column(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "broken.yaml",
        """
        name: broken
        primary: "#123456"
        variables: [unclosed
        """,
    )
    with pytest.raises(ThemeError) as caught:
        load_theme_file(path)
    message = str(caught.value)
    assert message.startswith(f"{path}:")
    line = int(message.split(":")[1])
    assert line >= 3
    assert "invalid YAML" in message


def test_unknown_field_suggests_the_right_one(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "typo.yaml",
        """
        name: typo
        primary: "#123456"
        backgorund: "#000000"
        luminosity-spread: 0.2
        """,
    )
    with pytest.raises(ThemeError) as caught:
        load_theme_file(path)
    problems = caught.value.problems
    assert len(problems) == 2
    assert problems[0].startswith(f"{path}:3:1: unknown field 'backgorund'")
    assert "did you mean 'background'?" in problems[0]
    assert problems[1].startswith(f"{path}:4:1: unknown field 'luminosity-spread'")
    assert "did you mean 'luminosity_spread'?" in problems[1]


def test_bad_colours_point_at_the_value(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "colours.yaml",
        """
        name: colours
        primary: "#12345"
        accent: bleu
        variables:
          slide-title: "#zzzzzz"
          footer-key-foreground: "#ffffff 50%"
          block-cursor-text-style: bold shiny
        """,
    )
    with pytest.raises(ThemeError) as caught:
        load_theme_file(path)
    problems = caught.value.problems
    assert len(problems) == 4
    assert problems[0].startswith(f"{path}:2:10: 'primary': '#12345' is not a colour")
    assert problems[1].startswith(f"{path}:3:9: 'accent': 'bleu' is not a colour")
    assert "did you mean 'blue'?" in problems[1]
    assert problems[2].startswith(f"{path}:5:16: variable 'slide-title'")
    assert problems[3].startswith(f"{path}:7:28: variable 'block-cursor-text-style'")
    assert "not a text style" in problems[3]


def test_unquoted_hash_colour_explains_the_comment(tmp_path: Path) -> None:
    path = write(tmp_path, "hash.yaml", "name: hash\nprimary: #0b2340\n")
    with pytest.raises(ThemeError) as caught:
        load_theme_file(path)
    message = str(caught.value)
    assert message.startswith(f"{path}:2:")
    assert "'primary' is empty" in message
    assert 'primary: "#0b2340"' in message


def test_name_must_match_file_stem(tmp_path: Path) -> None:
    path = write(tmp_path, "mine.yaml", 'name: yours\nprimary: "#123456"\n')
    with pytest.raises(ThemeError, match=r"mine\.yaml:1:7: theme name 'yours' must match"):
        load_theme_file(path)


def test_missing_primary_and_wrong_types(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "types.yaml",
        """
        name: types
        dark: maybe
        text_alpha: 2
        variables: "#ffffff"
        """,
    )
    with pytest.raises(ThemeError) as caught:
        load_theme_file(path)
    text = str(caught.value)
    assert f"{path}:2:7: 'dark' must be true or false" in text
    assert f"{path}:3:13: 'text_alpha' must be a number from 0 to 1" in text
    assert f"{path}:4:12: 'variables' must be a mapping" in text
    assert "missing field 'primary'" in text


def test_duplicate_field(tmp_path: Path) -> None:
    path = write(tmp_path, "dup.yaml", 'name: dup\nprimary: "#111111"\nprimary: "#222222"\n')
    with pytest.raises(ThemeError, match=r"dup\.yaml:3:1: duplicate field 'primary'.*line 2"):
        load_theme_file(path)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("", "the theme file is empty"),
        ("- a\n- b\n", "must be a mapping"),
        ("name: x\n---\nname: y\n", "invalid YAML"),
    ],
    ids=["empty", "list", "two-documents"],
)
def test_file_shape_errors(tmp_path: Path, content: str, expected: str) -> None:
    path = write(tmp_path, "x.yaml", content)
    with pytest.raises(ThemeError, match=expected):
        load_theme_file(path)


def test_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(ThemeError, match="theme file not found"):
        load_theme_file(tmp_path / "nope.yaml")
    binary = tmp_path / "bin.yaml"
    binary.write_bytes(b"name: bin\nprimary: \xff\xfe\n")
    with pytest.raises(ThemeError, match="not UTF-8"):
        load_theme_file(binary)


def test_every_theme_problem_is_at_file_line_column(tmp_path: Path) -> None:
    """Unreadable files and YAML problems have the same FILE:LINE:COL shape as the rest."""
    with pytest.raises(ThemeError) as caught:
        load_theme_file(tmp_path / "nope.yaml")
    assert caught.value.problems == [f"{tmp_path / 'nope.yaml'}:1:1: theme file not found"]
    binary = tmp_path / "bin.yaml"
    binary.write_bytes(b"name: bin\nprimary: \xff\xfe\n")
    with pytest.raises(ThemeError) as caught:
        load_theme_file(binary)
    assert str(caught.value) == f"{binary}:2:10: not UTF-8 text (byte 19 is invalid)"
    (problem,) = caught.value.located
    assert (problem.path, problem.line, problem.column) == (str(binary), 2, 10)
    control = write(tmp_path, "control.yaml", 'name: control\nprimary: "#fff\x01"\n')
    with pytest.raises(ThemeError, match=r"control\.yaml:2:15: character U\+0001 is not allowed"):
        load_theme_file(control)
    alias = write(tmp_path, "alias.yaml", "name: alias\nprimary: *colour\n")
    with pytest.raises(ThemeError, match=r"alias\.yaml:2:10: the alias \*colour refers to no anchor"):
        load_theme_file(alias)


def test_unknown_theme_has_no_located_problem() -> None:
    with pytest.raises(ThemeError) as caught:
        resolve_theme("no-such-theme")
    assert caught.value.located == []
    assert caught.value.problems == [str(caught.value)]


def test_minimal_theme_defaults_name_to_file_stem(tmp_path: Path) -> None:
    path = write(tmp_path, "tiny.yaml", 'primary: "#0178d4"\ndark: no\n')
    theme = load_theme_file(path)
    assert theme.name == "tiny"
    assert theme.dark is False
    assert theme.variables == {}


# ---------------------------------------------------------------- lookup


def test_unknown_theme_lists_the_available_ones() -> None:
    with pytest.raises(ThemeError) as caught:
        resolve_theme("kss")
    message = str(caught.value)
    assert message.startswith(f"unknown theme 'kss'; available: {', '.join(BUNDLED)}")
    assert "did you mean 'ks'?" in message


def test_textual_builtin_theme_by_name() -> None:
    assert resolve_theme("nord") is BUILTIN_THEMES["nord"]


def test_path_theme_relative_to_deck_dir_then_cwd(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    deck_dir = tmp_path / "talk"
    deck_dir.mkdir()
    write(deck_dir, "house.yaml", 'name: house\nprimary: "#aa0000"\n')
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    write(elsewhere, "house.yaml", 'name: house\nprimary: "#00aa00"\n')
    write(elsewhere, "only-here.yml", 'name: only-here\nprimary: "#0000aa"\n')
    monkeypatch.chdir(elsewhere)

    assert resolve_theme("house.yaml", deck_dir=deck_dir).primary == "#aa0000"
    assert resolve_theme("./house.yaml").primary == "#00aa00"
    assert resolve_theme("only-here.yml", deck_dir=deck_dir).name == "only-here"
    absolute = resolve_theme(str(deck_dir / "house.yaml"))
    assert absolute.primary == "#aa0000"
    # A path to a bundled theme file works too.
    assert resolve_theme(str(bundled_themes_dir() / "paper.yaml")).name == "paper"
    with pytest.raises(ThemeError, match="theme file not found: missing.yaml"):
        resolve_theme("missing.yaml", deck_dir=deck_dir)


def test_path_theme_errors_name_the_file(tmp_path: Path) -> None:
    write(tmp_path, "bad.yaml", 'name: bad\nprimary: "#nothex"\n')
    with pytest.raises(ThemeError, match=r"bad\.yaml:2:10: 'primary'"):
        resolve_theme("bad.yaml", deck_dir=tmp_path)


def test_import_is_cheap() -> None:
    """Importing tui.themes pulls in neither YAML nor Textual."""
    code = (
        "import sys, tui.themes; "
        "print(sorted(m for m in ('yaml', 'textual') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    ).stdout
    assert out.strip() == "[]"


# ---------------------------------------------------------------- in a Textual app


async def test_theme_registers_on_a_bare_app(tmp_path: Path) -> None:
    # A user's native-ANSI theme that omits the variables Textual's own ANSI
    # themes define still parses in Textual's stylesheets.
    own = load_theme_file(write(tmp_path, "own-ansi.yaml", "ansi: true\nprimary: ansi_green\n"))
    app = App()
    async with app.run_test() as pilot:
        for theme in [*load_all_themes(), own]:
            app.register_theme(theme)
        for name in [*BUNDLED, "own-ansi"]:
            app.theme = name
            await pilot.pause()
            assert app.theme == name
            assert app.current_theme.name == name
        app.theme = "ks"
        await pilot.pause()
        assert app.get_css_variables()["slide-title"] == "#ffffff"


class VariablesApp(App[None]):
    """An app whose stylesheet uses Podium's variables, as Podium's does."""

    CSS = """
    #title { color: $slide-title; }
    #bar { background: $poll-bar; color: $poll-bar-leader; }
    #track { background: $poll-bar-track; color: $slide-heading; }
    #quote { color: $slide-quote; background: $background; }
    #sub { color: $slide-subtitle; }
    """

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return app_variable_defaults(self.current_theme)

    def compose(self) -> ComposeResult:
        for name in ("title", "bar", "track", "quote", "sub"):
            yield Static(name, id=name)


async def test_podium_variables_work_with_every_theme() -> None:
    app = VariablesApp()
    async with app.run_test() as pilot:
        for theme in load_all_themes():
            app.register_theme(theme)
        for name in [*BUNDLED, "nord", "textual-light"]:
            app.theme = name
            await pilot.pause()
            title = app.query_one("#title", Static)
            expected = app.current_theme.variables.get("slide-title")
            if expected is None:
                expected = app.current_theme.to_color_system().generate()["primary"]
            assert title.styles.color == Color.parse(expected), name


def test_variable_check_accepts_textuals_own_values() -> None:
    """Every variable value Textual itself uses passes the theme file check."""
    from tui.themes import _variable_problem

    for theme in BUILTIN_THEMES.values():
        generated = theme.to_color_system().generate()
        for name, value in {**generated, **theme.variables}.items():
            assert _variable_problem(name, value) is None, (theme.name, name, value)


def test_app_variable_defaults_cover_builtin_themes() -> None:
    for theme in BUILTIN_THEMES.values():
        defaults = app_variable_defaults(theme)
        assert set(defaults) == set(APP_VARIABLES)
        assert all(defaults.values())
