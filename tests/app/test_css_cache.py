"""The stylesheet's parses kept for the next start (tui.css_cache): the same rules, never stale."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import textual.css.stylesheet
from textual.css.stylesheet import Stylesheet

from tui import css_cache
from tui.app import make_app
from tui.deck import Deck

SIZE = (100, 30)


def _kept_files(data_dir: Path) -> list[Path]:
    return sorted((data_dir / "cache").glob("css-*.pickle"))


async def _start(deck: Deck, theme: str | None = None) -> tuple[str, list[str], dict[str, str]]:
    """Start the presenter: its first screen, the rules in force, its CSS variables."""
    app = make_app(deck, theme_name=theme)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        screen = app.export_screenshot()
        rules = [
            repr((rule.selector_set, sorted(rule.styles.get_rules().items()), rule.tie_breaker))
            for rule in app.stylesheet.rules
        ]
        return screen, rules, dict(app.stylesheet._variables)


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The sources Textual's parser is run on (their ``read_from`` names)."""
    seen: list[str] = []
    parse = textual.css.stylesheet.parse

    def counted(scope: str, css: str, read_from: tuple[str, str], **kwargs: object) -> object:
        seen.append(f"{os.path.basename(read_from[0])}:{read_from[1]}")
        return parse(scope, css, read_from, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(textual.css.stylesheet, "parse", counted)
    return seen


async def test_a_second_start_parses_nothing_and_looks_the_same(
    seed_deck: Deck, private_data_dir: Path, parsed: list[str]
) -> None:
    first_screen, first_rules, _ = await _start(seed_deck)
    assert "app.tcss:" in parsed  # parsed, then kept
    assert len(_kept_files(private_data_dir)) == 1
    parsed.clear()
    second_screen, second_rules, _ = await _start(seed_deck)
    assert parsed == []
    assert second_rules == first_rules
    assert second_screen == first_screen


async def test_another_theme_is_parsed_for_itself(
    seed_deck: Deck, private_data_dir: Path, parsed: list[str]
) -> None:
    await _start(seed_deck)
    parsed.clear()
    _, paper_rules, _ = await _start(seed_deck, theme="paper")
    assert "app.tcss:" in parsed  # other variables: not the ks parses
    assert len(_kept_files(private_data_dir)) == 2
    parsed.clear()
    _, again, _ = await _start(seed_deck, theme="paper")
    assert parsed == [] and again == paper_rules


async def test_a_changed_source_is_parsed_again(
    seed_deck: Deck, private_data_dir: Path, parsed: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.widgets.key_line import KeyLine

    await _start(seed_deck)
    changed = KeyLine.DEFAULT_CSS.replace("KeyLine {", "KeyLine {\n    padding: 0 1;", 1)
    assert changed != KeyLine.DEFAULT_CSS
    monkeypatch.setattr(KeyLine, "DEFAULT_CSS", changed)
    parsed.clear()
    _, rules, _ = await _start(seed_deck)
    assert parsed == ["key_line.py:KeyLine.DEFAULT_CSS"]  # that source alone
    assert any("'padding', Spacing(top=0, right=1" in rule for rule in rules if "KeyLine" in rule)


def test_a_file_not_made_here_or_by_this_textual_is_ignored(private_data_dir: Path) -> None:
    variables = {"primary": "#ff0000"}
    sheet = Stylesheet(variables=variables)
    sheet.add_source("Screen { color: $primary; }", read_from=("x.tcss", ""))
    sheet.parse()
    assert css_cache.keep(sheet, variables, frozenset())
    assert not css_cache.keep(sheet, variables, frozenset(sheet._parse_cache.keys()))
    (kept,) = _kept_files(private_data_dir)
    assert css_cache.prefill(Stylesheet(variables=variables), variables)
    assert not css_cache.prefill(Stylesheet(), {"primary": "#00ff00"})  # other variables
    kept.chmod(0o666)  # others could have written it: never unpickled
    assert not css_cache.prefill(Stylesheet(variables=variables), variables)
    kept.chmod(0o600)
    kept.write_bytes(b"not a pickle")
    assert not css_cache.prefill(Stylesheet(variables=variables), variables)
    assert css_cache.keep(sheet, variables, frozenset())
    data = kept.read_bytes()
    import pickle

    stamp, kept_variables, entries = pickle.loads(data)
    kept.write_bytes(pickle.dumps((stamp + "\nanother textual", kept_variables, entries)))
    assert not css_cache.prefill(Stylesheet(variables=variables), variables)
