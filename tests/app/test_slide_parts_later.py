"""The slide's parts the first slide does not show come after the first frame,
and only those some slide of the deck shows.

The top margin of a content slide, the subtitle, author and event lines,
columns, the poll with its join code and a quote's attribution are built
once the first frame is out (hidden) when a slide of the deck shows them,
or at once when a slide that shows one comes first; a slide that needs
them before they are built (a reload added it) gets them in its own frame.
"""

from __future__ import annotations

from textual.app import App, ComposeResult

from tui.deck import Deck, load_deck_text
from tui.widgets.slide_view import SlideView

DECK = """\
slides:
  - layout: title
    title: Velkommen
  - title: Spørsmål
    poll:
      question: Hva synes du?
      options: [Bra, Dårlig]
  - layout: quote
    title: Sitat
    body: Noe klokt
    attribution: Noen
  - title: To spalter
    columns: [Venstre, Høyre]
"""

LATER = ("#slide-top", "#slide-columns", "#slide-poll-row", "#slide-poll", "#slide-attribution")
EVERY = (*LATER, "#slide-subtitle", "#slide-author", "#slide-meta", "#slide-join")


class Host(App[None]):
    """One slide view, first showing slide ``first`` of the deck."""

    def __init__(self, deck: Deck, first: int) -> None:
        super().__init__()
        self.deck = deck
        self.first = deck.slides[first]

    def compose(self) -> ComposeResult:
        yield SlideView(id="slide", classes=f"-layout-{self.first.layout.value}", first=self.first)


def _built(view: SlideView, parts: tuple[str, ...] = LATER) -> set[str]:
    return {selector for selector in parts if view.query(selector)}


async def test_a_title_slide_first_composes_none_of_them_then_builds_them_hidden() -> None:
    deck = load_deck_text(DECK)
    app = Host(deck, 0)
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.query_one(SlideView)
        assert _built(view) == set()
        view.show(deck.slides[0], 0, deck=deck)
        assert _built(view) == set()  # not in the first frame
        await pilot.pause()
        await pilot.pause()
        assert _built(view) == set(LATER)  # once it is out
        shown = [selector for selector in LATER if view.query_one(selector).display]
        assert shown in ([], ["#slide-poll"])  # the poll's row hides it
        assert all(widget.is_mounted for widget in view.walk_children())


async def test_a_slide_that_needs_them_before_they_are_built_gets_them_at_once() -> None:
    deck = load_deck_text(DECK)
    app = Host(deck, 0)
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.query_one(SlideView)
        view.show(deck.slides[0], 0, deck=deck)
        view.show(deck.slides[1], 0, {"Bra": 3, "Dårlig": 1}, deck=deck)  # before a frame
        assert view.query_one("#slide-poll-row").display
        assert view.query_one("#slide-top").display  # a content slide's margin
        await pilot.pause()
        await pilot.pause()
        poll = view.query_one("#slide-poll")
        lines = poll.render_lines(poll.region.reset_offset)
        text = "\n".join("".join(segment.text for segment in line) for line in lines)
        assert "Bra" in text and "Dårlig" in text
        view.show(deck.slides[2], 0, deck=deck)
        await pilot.pause()
        assert view.query_one("#slide-attribution").display
        assert not view.query_one("#slide-poll-row").display
        assert not view.query_one("#slide-top").display  # a quote is centred


async def test_a_first_slide_is_composed_with_the_parts_it_shows_alone() -> None:
    deck = load_deck_text(DECK)
    shown = {
        1: {"#slide-top", "#slide-poll-row", "#slide-poll"},
        2: {"#slide-attribution"},  # a quote has no top margin
        3: {"#slide-top", "#slide-columns"},
    }
    for first, parts in shown.items():
        app = Host(deck, first)
        async with app.run_test(size=(100, 30)):
            assert _built(app.query_one(SlideView), EVERY) == parts


PLAIN = """\
slides:
  - layout: title
    title: Velkommen
  - title: Innhold
    body: Tekst
  - layout: section
    title: Del to
"""


async def test_parts_no_slide_of_the_deck_shows_are_never_built() -> None:
    deck = load_deck_text(PLAIN)
    app = Host(deck, 0)
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.query_one(SlideView)
        for index in (0, 1, 2, 1, 0):
            view.show(deck.slides[index], 0, deck=deck)
            await pilot.pause()
            await pilot.pause()
        # Only the content slide's top margin: no columns, poll, join code,
        # attribution, subtitle, author or event line (the deck has none).
        assert _built(view, EVERY) == {"#slide-top"}
        view.set_join(None)
        assert _built(view, EVERY) == {"#slide-top"}


async def test_a_new_deck_with_more_parts_gets_them_built_after_its_frame() -> None:
    """A reload that adds a poll, columns and a subtitle: built hidden, then shown."""
    plain, full = (
        load_deck_text(PLAIN),
        load_deck_text(DECK.replace("Velkommen", "Velkommen\n    subtitle: Hei")),
    )
    app = Host(plain, 0)
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.query_one(SlideView)
        view.show(plain.slides[0], 0, deck=plain)
        await pilot.pause()
        await pilot.pause()
        assert _built(view, EVERY) == {"#slide-top"}
        view.show(full.slides[0], 0, deck=full)  # the reloaded deck, same place
        assert view.query_one("#slide-subtitle").display  # in this very frame
        await pilot.pause()
        await pilot.pause()
        assert _built(view, EVERY) == set(LATER) | {"#slide-subtitle"}
        assert all(widget.is_mounted for widget in view.walk_children())
        assert not view.query_one("#slide-poll-row").display
        view.show(full.slides[3], 0, deck=full)
        await pilot.pause()
        assert view.query_one("#slide-columns").display
        assert len(view.query(".column")) == 2


async def test_the_join_code_is_built_only_while_served_with_a_poll() -> None:
    from tui.web.qr import make_join

    deck = load_deck_text(DECK)
    app = Host(deck, 1)
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.query_one(SlideView)
        view.show(deck.slides[1], 0, {"Bra": 1, "Dårlig": 0}, deck=deck)
        await pilot.pause()
        await pilot.pause()
        assert not view.query("#slide-join")
        view.set_join(make_join("http://192.0.2.1:8000/", "ABCD"))
        await pilot.pause()
        await pilot.pause()
        join = view.query_one("#slide-join")
        assert join.is_mounted and join.display  # beside the poll on screen
        row = view.query_one("#slide-poll-row")
        assert list(row.children) == [view.query_one("#slide-poll"), join]
    plain = load_deck_text(PLAIN)
    app = Host(plain, 0)
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.query_one(SlideView)
        view.show(plain.slides[0], 0, deck=plain)
        view.set_join(make_join("http://192.0.2.1:8000/", "ABCD"))
        await pilot.pause()
        await pilot.pause()
        assert not view.query("#slide-join")  # no poll to show it beside


async def test_the_audience_view_composes_everything() -> None:
    class Audience(App[None]):
        def compose(self) -> ComposeResult:
            yield SlideView(id="slide")

    app = Audience()
    async with app.run_test(size=(100, 30)):
        assert _built(app.query_one(SlideView)) == set(LATER)


async def test_nothing_is_built_once_the_view_is_going() -> None:
    """A quit signal right after the first frame: the parts are not mounted on a closing app."""
    deck = load_deck_text(DECK)
    app = Host(deck, 0)
    async with app.run_test(size=(100, 30)):
        view = app.query_one(SlideView)
        view.show(deck.slides[0], 0, deck=deck)
        await view.query_one("#slide-scroll").remove()
        view._build_the_rest()  # as the callback after the first frame would
        assert _built(view) == set()


async def test_columns_needed_before_they_are_built_come_with_their_slide() -> None:
    deck = load_deck_text(DECK)
    app = Host(deck, 0)
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.query_one(SlideView)
        view.show(deck.slides[0], 0, deck=deck)
        view.show(deck.slides[3], 0, deck=deck)  # before the first frame is out
        await pilot.pause()
        await pilot.pause()
        assert view.query_one("#slide-columns").display
        sources = [column.content.renderable.markup for column in view.query(".column")]
        assert sources == ["Venstre", "Høyre"]
