"""NO_COLOR as no-color.org says: set and not empty, the installed ``podium``
sends no colour codes at all, only attributes; set but empty, it changes nothing."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from pty_capture import SGR, colour_parameters, run_in_pty
from tmux_session import PODIUM, needs_podium

from tui.no_color import no_color_requested

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs Linux ptys")

# Wait for the first frame, then: go to the poll (slide 11), count a hand,
# show the results, open the overview, close it, quit (and confirm).
PRESENTER_KEYS = [(2.5, b"11\r"), (0.4, b"1"), (0.3, b"r"), (0.3, b"s"), (0.4, b"o"), (0.6, b"\x1b"), (0.4, b"q")]
VIEWER_KEYS = [(2.5, b"?"), (0.6, b"\x1b"), (0.4, b"q"), (0.4, b"y")]
APPS = {
    "presenter": ([], PRESENTER_KEYS),
    "audience": (["--audience"], VIEWER_KEYS),
    "voter": (["vote"], VIEWER_KEYS),
}


def test_no_color_follows_the_convention() -> None:
    assert no_color_requested({"NO_COLOR": "1"})
    assert no_color_requested({"NO_COLOR": "no"})  # any non-empty value
    assert not no_color_requested({"NO_COLOR": ""})
    assert not no_color_requested({})


def test_colour_parameters_are_told_from_attributes() -> None:
    assert colour_parameters(b"\x1b[1;7m\x1b[0m\x1b[39;49m\x1b[2m\x1b[m") == []
    assert colour_parameters(b"\x1b[1;38;2;1;2;3;48;5;17m") == ["38;2;1;2;3", "48;5;17"]
    assert colour_parameters(b"\x1b[31m\x1b[107m\x1b[38:2::1:2:3m") == ["31", "107", "38:2::1:2:3"]


def _run(app: str, no_color: str | None, data: Path) -> bytes:
    args, keys = APPS[app]
    env = {key: value for key, value in os.environ.items() if key not in ("NO_COLOR", "COLUMNS", "LINES")}
    env.update(TERM="xterm-256color", COLORTERM="truecolor", PODIUM_DATA_DIR=str(data))
    if no_color is not None:
        env["NO_COLOR"] = no_color
    return run_in_pty([str(PODIUM), *args], env=env, keys=keys, size=(80, 24), timeout=15)


@needs_podium
@pytest.mark.parametrize("app", list(APPS))
def test_no_color_set_sends_no_colour_codes(app: str, tmp_path: Path) -> None:
    output = _run(app, "1", tmp_path)
    assert len(output) > 2000, output  # it drew its screens
    assert colour_parameters(output) == []
    attributes = {param for match in SGR.finditer(output) for param in match.group(1).decode().split(";")}
    assert "1" in attributes  # bold (titles, keys) still shows
    if app == "presenter":
        assert "4" in attributes  # the overview's highlighted line, underlined


@needs_podium
@pytest.mark.parametrize("app", list(APPS))
def test_an_empty_no_color_changes_nothing(app: str, tmp_path: Path) -> None:
    output = _run(app, "", tmp_path)
    colours = colour_parameters(output)
    # The theme's own colours, not Textual's shades of grey for NO_COLOR.
    hues = [c for c in colours if c.startswith(("38;2;", "48;2;")) and len(set(c.split(";")[2:])) > 1]
    assert len(hues) > 50, colours[:20]
