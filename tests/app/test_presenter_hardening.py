"""Pilot tests for things a presenter must never see break: themes with ANSI
colours, markup-like titles in the palette, key hints for the slide shown."""

from __future__ import annotations

from pathlib import Path

from tui.app import make_app
from tui.deck import Deck, load_deck_text
from tui.widgets.status_bar import StatusBar

SIZE = (100, 30)


async def test_ansi_themes_switch_live_without_error(seed_deck: Deck) -> None:
    app = make_app(seed_deck, theme_name="terminal")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("colon", "1", "1", "enter", "1", "r")
        for theme in ("ansi-dark", "ansi-light", "contrast", "ks"):
            app.theme = theme
            await pilot.pause()
            assert app.theme == theme
        assert app.show.state.position.slide == 10


async def test_palette_shows_titles_literally(tmp_path: Path) -> None:
    source = (
        "slides:\n"
        "  - title: \"Use [/b] to close\"\n"
        "  - title: Price [red]high[/red]\n"
        "    body: x\n"
    )
    deck = load_deck_text(source, str(tmp_path / "markup.yaml"))
    app = make_app(deck)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        await pilot.press(*"close")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.show.state.position.slide == 0
        assert app.is_running


async def test_palette_lists_slides_in_order(seed_deck: Deck) -> None:
    app = make_app(seed_deck)
    async with app.run_test(size=SIZE):
        titles = [c.title for c in app.get_system_commands(app.screen) if c.title.startswith("Go to")]
        assert titles == sorted(titles)
        assert titles[0].startswith("Go to slide  1:") and titles[9].startswith("Go to slide 10:")
        assert not any(c.title == "Keys" for c in app.get_system_commands(app.screen))


async def test_vote_key_hint_matches_the_options(seed_deck: Deck) -> None:
    app = make_app(seed_deck)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("colon", "1", "1", "enter")
        await pilot.pause()
        rendered = str(app.screen.query_one(StatusBar).render())
        assert "1-7" in rendered and "1-9" not in rendered


def test_check_reports_an_unknown_deck_theme_at_its_line(tmp_path: Path, capsys) -> None:
    from tui.cli import main

    deck = tmp_path / "talk.yaml"
    deck.write_text("title: Talk\ntheme: nosuch\nslides:\n  - title: Hello\n", encoding="utf-8")
    assert main(["check", str(deck)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{deck}:2:8: theme: unknown theme 'nosuch'")
    assert "paper" in err
    assert main([str(deck)]) == 2
    assert capsys.readouterr().err.startswith(f"{deck}:2:8: ")


async def test_long_notes_scroll_with_their_own_keys(tmp_path: Path) -> None:
    notes = "\n".join(f"Line {n} of the notes." for n in range(60))
    source = "slides:\n  - title: One\n    body: x\n    notes: |\n" + "".join(
        f"      {line}\n" for line in notes.splitlines()
    )
    deck = load_deck_text(source, str(tmp_path / "long_notes.yaml"))
    app = make_app(deck)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        scroll = app.screen.query_one("#notes-scroll")
        assert scroll.max_scroll_y > 0 and scroll.scroll_y == 0
        await pilot.press("J", "J")
        await pilot.pause()
        assert scroll.scroll_y == 6
        await pilot.press("K")
        await pilot.pause()
        assert scroll.scroll_y == 3
        assert app.show.state.position.slide == 0


async def test_notes_only_mode_scrolls_notes_with_down(tmp_path: Path) -> None:
    notes = "".join(f"      Line {n} of the notes.\n" for n in range(60))
    deck = load_deck_text(
        "slides:\n  - title: One\n    body: x\n    notes: |\n" + notes, str(tmp_path / "n.yaml")
    )
    app = make_app(deck)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s", "N")
        await pilot.pause()
        await pilot.press("down", "j")
        await pilot.pause()
        assert app.screen.query_one("#notes-scroll").scroll_y == 6
