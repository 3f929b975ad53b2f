"""What the presenter does not do at start-up: read unused themes, parse the stylesheet twice,
restyle the first slide, collect garbage before the first frame."""

from __future__ import annotations

import gc

import pytest
from textual.css.stylesheet import Stylesheet
from textual.design import ColorSystem
from textual.dom import DOMNode
from textual.theme import Theme

from tui import startup_gc
from tui.app import make_app
from tui.deck import Deck, load_deck_text
from tui.widgets.notes_pane import NotesPane
from tui.widgets.slide_view import SlideView

SIZE = (100, 30)


async def test_only_the_theme_in_use_is_read_and_the_others_when_picked(seed_deck: Deck) -> None:
    app = make_app(seed_deck)
    async with app.run_test(size=SIZE) as pilot:
        assert app.theme == "ks"
        assert "paper" not in app.available_themes
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Theme: paper" in titles  # offered all the same
        app.theme = "paper"
        await pilot.pause()
        assert app.theme == "paper" and "paper" in app.available_themes


async def test_the_stylesheet_is_parsed_again_only_for_another_theme(
    seed_deck: Deck, monkeypatch: pytest.MonkeyPatch
) -> None:
    reparsed: list[bool] = []
    reparse = Stylesheet.reparse

    def counted(self: Stylesheet) -> None:
        reparsed.append(True)
        reparse(self)

    monkeypatch.setattr(Stylesheet, "reparse", counted)
    app = make_app(seed_deck)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right", "right")
        await pilot.pause()
        assert reparsed == []
        assert not app.screen.query(NotesPane)  # built the first time it is shown
        app.theme = "contrast"
        await pilot.pause()
        assert reparsed


@pytest.mark.parametrize("first", ["title", "content", "quote"])
async def test_the_first_slide_is_styled_once(first: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The slide view starts in the first slide's layout, and the screen is styled once."""
    restyled: list[DOMNode] = []
    update = DOMNode.update_node_styles

    def counted(self: DOMNode, animate: bool = True) -> None:
        restyled.append(self)
        update(self, animate)

    monkeypatch.setattr(DOMNode, "update_node_styles", counted)
    extra = {"title": "", "content": "    body: Hei\n", "quote": "    attribution: Meg\n"}[first]
    deck = load_deck_text(
        f"slides:\n  - layout: {first}\n    title: Først\n{extra}"
        "  - layout: section\n    title: Så\n"
    )
    app = make_app(deck)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.screen.query_one(SlideView)
        assert view.has_class(f"-layout-{first}")
        assert not [node for node in restyled if node is view or view in node.ancestors]
        assert app.screen not in restyled  # styled as mounted, not again when first shown
        await pilot.press("right")  # another layout: inline styles, the title alone restyled
        await pilot.pause()
        assert view.has_class("-layout-section") and not view.has_class(f"-layout-{first}")
        title = view.query_one("#slide-title")
        assert title.has_class("-section")
        assert view not in restyled
        body = view.query_one("#slide-body")  # a quote's body loses its class
        assert {node for node in restyled if view in node.ancestors} <= {title, body}


async def test_the_collector_held_at_start_is_released_after_the_first_frame(
    seed_deck: Deck,
) -> None:
    app = make_app(seed_deck)
    startup_gc.hold()
    try:
        assert not gc.isenabled()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause(startup_gc.COLLECT_AFTER + 0.3)
            assert gc.isenabled() and not startup_gc.held()
            assert gc.get_freeze_count() > 0
    finally:
        startup_gc.release()
        gc.unfreeze()


async def test_css_variables_are_worked_out_once_per_theme(
    seed_deck: Deck, monkeypatch: pytest.MonkeyPatch
) -> None:
    generated: list[ColorSystem] = []
    generate = ColorSystem.generate

    def counted(self: ColorSystem) -> dict[str, str]:
        generated.append(self)
        return generate(self)

    monkeypatch.setattr(ColorSystem, "generate", counted)
    app = make_app(seed_deck)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        before = len(generated)
        # One colour system for Textual's variables and Podium's alike (none
        # when an earlier test generated this theme's already).
        assert before <= 1
        first = app.get_css_variables()
        assert app.get_css_variables() == first and len(generated) == before
        # The same name, a new theme (its file was saved): worked out anew.
        app.register_theme(Theme(name="ks", primary="#ff0000", dark=True))
        assert app.get_css_variables()["primary"] != first["primary"]
        assert len(generated) > before


async def test_no_search_for_a_widget_to_focus_and_none_could_take_it(
    seed_deck: Deck, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Textual's auto focus would match every widget against ``*`` at start and after dialogs."""
    searched: list[DOMNode] = []
    query = DOMNode.query

    def recorded(self: DOMNode, selector: object = None) -> object:
        if selector == "*":
            searched.append(self)
        return query(self, selector)  # type: ignore[arg-type]

    monkeypatch.setattr(DOMNode, "query", recorded)
    app = make_app(seed_deck)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press("s", "question_mark")  # the notes pane, then a dialog and back
        await pilot.pause()
        await pilot.press("escape")
        for _ in seed_deck.slides:  # every slide's parts, each built when first needed
            await pilot.press("right")
            await pilot.pause()
            assert app.screen is screen and screen.focused is None
            assert not [node for node in screen.walk_children() if node.focusable]
    assert screen not in searched  # the help dialog searches its own widgets
