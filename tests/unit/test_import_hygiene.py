"""The deck package stays free of Textual and Rich (it is plain data)."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def test_importing_the_deck_package_loads_no_ui_libraries() -> None:
    code = (
        "import sys\n"
        "import tui.deck\n"
        "from tui.deck import load_deck_text\n"
        "load_deck_text('slides: [{title: Hi}]')\n"
        "leaked = sorted(name for name in sys.modules if name.split('.')[0] in ('textual', 'rich'))\n"
        "assert not leaked, leaked\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=False
    )
    assert result.returncode == 0, result.stderr


# module -> top-level packages it must not load when imported on its own
HEADLESS: dict[str, tuple[str, ...]] = {
    "tui.deck": ("textual", "rich", "sqlite3"),
    "tui.deck.model": ("textual", "rich", "sqlite3", "yaml"),
    "tui.yamlcheck.checker": ("textual", "rich", "sqlite3"),
    "tui.show": ("textual", "rich", "sqlite3", "yaml"),
    "tui.navigation": ("textual", "rich", "sqlite3", "yaml"),
    "tui.pacing": ("textual", "rich", "sqlite3", "yaml"),
    "tui.pace_plan": ("textual", "rich", "sqlite3", "yaml"),
    "tui.notes": ("textual", "sqlite3", "yaml"),
    "tui.polls.model": ("textual", "rich", "sqlite3", "yaml"),
    "tui.polls.percent": ("textual", "rich", "sqlite3", "yaml"),
    "tui.polls.announce": ("textual", "rich", "sqlite3", "yaml"),
    "tui.polls.talks": ("textual", "rich", "sqlite3", "yaml"),
    "tui.polls.store": ("textual", "rich", "yaml"),
    "tui.polls.export": ("textual", "yaml"),
    "tui.audience.state": ("textual", "rich", "sqlite3", "yaml"),
    "tui.audience.publish": ("textual", "rich", "sqlite3", "yaml"),
    "tui.rehearsal.recorder": ("textual", "rich", "sqlite3", "yaml"),
    "tui.rehearsal.store": ("textual", "rich", "yaml"),
    "tui.rehearsal.report": ("textual", "yaml"),
    "tui.safe_text": ("textual", "rich", "sqlite3", "yaml"),
    "tui.i18n": ("textual", "rich", "sqlite3", "yaml"),
    "tui.terminal": ("textual", "rich", "sqlite3", "yaml"),
    "tui.themes": ("textual", "sqlite3"),
    "tui.cli": ("textual", "rich", "sqlite3", "yaml"),
    # Big titles load their font library only when one is drawn.
    "tui.big_text": ("textual", "rich", "pyfiglet"),
    "tui.widgets.slide_view": ("pyfiglet",),
    "tui.cli.export": ("textual", "rich", "sqlite3", "yaml", "fpdf", "fontTools", "pygments"),
    "tui.export.html": ("textual", "sqlite3", "yaml", "fpdf", "fontTools", "pygments"),
    "tui.export.pdf": ("textual", "sqlite3", "yaml", "pygments"),
    "tui.export.sources": ("textual", "rich", "sqlite3", "yaml"),
    "tui.show.replace": ("textual", "rich", "sqlite3", "yaml"),
    # The folder watcher asks the kernel through fcntl (dnotify), not ctypes.
    "tui.audience.watch": ("textual", "rich", "sqlite3", "yaml", "ctypes", "_ctypes"),
    "tui.reload.watch": ("textual", "rich", "sqlite3", "yaml", "ctypes", "_ctypes"),
    # Live reload starts watching after the first frame; the parser and the
    # checker (about 2 MB) come with the first save.
    "tui.reload.loading": ("textual", "rich", "sqlite3", "yaml"),
    "tui.reload.theme_source": ("textual", "rich", "sqlite3", "yaml"),
    "tui.reload.presenter": ("sqlite3", "yaml"),
    "tui.audience.reloaded": ("textual", "rich", "sqlite3"),
    "tui.theme_problems": ("textual", "rich", "sqlite3", "yaml"),
    # Decks and themes kept from a clean check are read without the parser.
    "tui.checked_cache": ("textual", "rich", "sqlite3", "yaml"),
    "tui.css_cache": ("textual", "rich", "sqlite3", "yaml"),
    # The presenter's store is checked before the first frame, opened after it.
    "tui.polls.opening": ("textual", "rich", "sqlite3", "yaml"),
    "tui.polls.store_place": ("textual", "rich", "sqlite3", "yaml"),
    "tui.polls.session": ("textual", "rich", "sqlite3", "yaml"),
    "tui.storage.kind": ("textual", "rich", "sqlite3", "yaml"),
    "tui.app": ("pyfiglet", "sqlite3", "yaml"),
}
"""DESIGN.md's layering: the model, the core, polls, audience state, rehearsal
and pacing import no Textual; only the stores load SQLite; pacing and the
model load no YAML; the command starts without any of them."""


@pytest.mark.parametrize("module", sorted(HEADLESS))
def test_layer_loads_only_what_it_needs(module: str) -> None:
    code = (
        "import sys, json\n"
        f"import {module}\n"
        "print(json.dumps(sorted({name.split('.')[0] for name in sys.modules})))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=False
    )
    assert result.returncode == 0, result.stderr
    leaked = sorted(set(json.loads(result.stdout)) & set(HEADLESS[module]))
    assert not leaked, f"importing {module} loads {leaked}"


def test_live_reload_is_not_imported_before_the_first_frame() -> None:
    """The watcher and the reloading code (~40 ms of imports) load once the slide is up."""
    code = (
        "import sys\n"
        "import tui.app, tui.cli.present, tui.cli.session\n"
        "leaked = sorted(name for name in sys.modules if name.startswith('tui.reload'))\n"
        "assert not leaked, leaked\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=False
    )
    assert result.returncode == 0, result.stderr


# Modules the presenter imports only once they are used (the first slide
# needs none of them), and what it must not load for a big title.
NOT_BEFORE_USE = (
    "tui.screens.help",  # ?
    "tui.screens.overview",  # o
    "tui.screens.confirm",  # a reset, asked first
    "tui.screens.blank",  # b
    "tui.screens.safe_lists",  # o or Ctrl+P: the overview's list, the palette
    "pyfiglet",  # big titles read its font file (tui.figlet_font)
    "rich.syntax",  # the first code block drawn (tui.markdown_import)
    "pygments",  # ditto: a deck without code never loads it (test_markdown_import.py)
    "tui.widgets.notes_pane",  # s: the pane is built the first time it is shown
    "tui.widgets.pace_clock",
    "tui.notes",
    "tui.pace_plan",  # the notes pane's pace line (the timer alone is tui.pacing)
    "tui.show.replace",  # the first reload of the deck
    "tui.widgets.poll_view",  # with the first slide that shows a poll (or after the first frame)
    "tui.widgets.join_view",
    "tui.polls.announce",  # when the vote store is opened, after the first frame
    "json",  # nothing on the way to the first frame reads JSON (the words: msgspec)
    "argparse",  # `podium DECK` is read without it (tui.cli._plain)
    "tui.cli.present_parser",  # nor its parser, which options other than a deck need
    "tui.no_color",  # NO_COLOR set
    "tui.screens.toast_frame",  # the first notice
    "shlex",  # the vote command quotes a store other than the deck's own only
)


def test_screens_not_on_the_first_slide_are_imported_when_used() -> None:
    code = (
        "import sys\n"
        "import tui.app, tui.cli.present, tui.cli.session\n"
        "print(repr(sorted(sys.modules)))\n"  # not json: it is on the list
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=False
    )
    assert result.returncode == 0, result.stderr
    loaded = set(ast.literal_eval(result.stdout))
    leaked = sorted(name for name in NOT_BEFORE_USE if name in loaded)
    assert not leaked, f"the presenter loads {leaked} at start-up"


def test_announcing_the_presentation_loads_neither_json_nor_getpass(tmp_path: Path) -> None:
    """The presenter writes and reads its announcement with msgspec, which it has loaded."""
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from tui.polls import announce, talks\n"
        f"store = Path({str(tmp_path / 'votes.sqlite3')!r})\n"
        "announce.announce(store)\n"
        "running = talks.live_presentations()\n"
        "assert [each.store for each in running] == [store.resolve()], running\n"
        "announce.withdraw()\n"
        "print(sorted({'json', 'getpass'} & set(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
        env={**os.environ, "PODIUM_DATA_DIR": str(tmp_path / "data")},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


# Modules a talk that never needs them does not import: the default deck walked
# slide by slide (its poll shown, a link, a quote) with the notes pane open, as
# `podium` presents it (vote store, audience publisher, live reload), with no
# vote from a named voter, no --serve, no save, no NO_COLOR.
NOT_IN_A_TALK = (
    "tui.widgets.join_view",  # the phone page's join code (--serve)
    "tui.widgets.reload_panel",  # a deck saved with problems
    "tui.reload.loading",  # the first save of the deck or its theme (the watch runs)
    "tui.polls.voters",  # a named voter's vote (podium vote, a phone)
    "tui.polls.talks",  # finding the talks presented now (podium vote)
    "tui.quote_depth",  # a quote nested deeper than a slide draws
    "tui.list_depth",  # a quote or list nested deeper than a slide draws
    "tui.no_color",  # NO_COLOR set
    "tui.screens.toast_frame",  # the first notice (a poll closed, a vote not saved ...)
    # markdown_it's rules only linkify or typographer turn on (tui.markdown_import.OFF_RULES)
    "markdown_it.rules_core.linkify",
    "markdown_it.rules_inline.linkify",
    "markdown_it.rules_core.replacements",
    "markdown_it.rules_core.smartquotes",
)

_WALK = """
import asyncio, sys
from tui.app import make_app
from tui.audience.presenter import open_publisher
from tui.deck import load_deck
from tui.polls.opening import check_presenter_store

deck = load_deck("slides.yaml")
votes = check_presenter_store(deck, None)
publisher = open_publisher(deck)
app = make_app(deck, open_store=votes.open, how_to_vote=votes.how_to_vote,
               publisher=publisher, live_reload=True)

async def walk():
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        last = len(deck.slides) - 1
        while app.show.position != (last, deck.slides[last].steps):
            await pilot.press("right")
            await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert app.show.position.slide == last
        used = ("tui.widgets.notes_pane", "tui.polls.store", "tui.reload.presenter", "tui.render")
        assert all(name in sys.modules for name in used), used

asyncio.run(walk())
votes.close()
publisher.close(clean=True)
glyphs = vars(sys.modules["tui.console_glyphs"]) if "tui.console_glyphs" in sys.modules else {}
built = "STAND_INS" in glyphs or glyphs.get("_STAND_INS") is not None
print(repr((sorted(sys.modules), built)))
"""


def test_a_talk_imports_nothing_it_did_not_use(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if key != "NO_COLOR"}
    env["PODIUM_DATA_DIR"] = str(tmp_path / "data")
    result = subprocess.run(
        [sys.executable, "-c", _WALK],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    loaded, table_built = ast.literal_eval(result.stdout.strip().splitlines()[-1])
    leaked = sorted(name for name in NOT_IN_A_TALK if name in loaded)
    assert not leaked, f"a talk loads {leaked}"
    assert not table_built, "the Linux console's glyph table was built for another terminal"
