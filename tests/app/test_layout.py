"""Slides that fill the room: the measure, margins, big titles, metadata, the step counter.

Each test runs the real app (presenter or audience view) at a terminal size
and reads what the widgets were laid out to and draw.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from status_row import status_position

from tui.app import make_app
from tui.audience.app import make_audience_app
from tui.audience.publish import Publisher
from tui.big_text import HALF_BLOCKS, QUADRANTS
from tui.deck import Deck, load_deck, load_deck_text
from tui.deck.errors import DeckError
from tui.deck.model import DEFAULT_WIDTH
from tui.navigation import Position
from tui.widgets.slide_title import SlideTitle

DECK = """\
title: Samordning
author: Trude Andresen
event: Samhandlingsarena Semicolon II
date: 19. september 2012
{extra}slides:
  - layout: title
    title: Blåbær – «nå»
    subtitle: – en innovasjonsutfordring
    body: Direktør
  - title: Innhold
    reveal: true
    body: |
      - Nytt og nyttig, og en lang linje som går og går og går og går og går og går {more}
      - Nyttig
      - Nyttiggjort
  - layout: section
    title: Del 2 – «på» og ‘i’
  - layout: quote
    body: En selvstendig og nyskapende kommunesektor
    attribution: KS
  - layout: title
    title: Takk
    meta: false
  - title: Kontakt
    meta: true
    body: Spørsmål?
"""


def deck_file(tmp_path: Path, extra: str = "") -> Deck:
    path = tmp_path / "deck.yaml"
    more = "og går " * 8  # past any measure
    path.write_text(DECK.format(extra=extra, more=more), encoding="utf-8")
    return load_deck(path)


def plain(app, selector: str) -> str:  # type: ignore[no-untyped-def]
    widget = app.screen.query_one(selector)
    lines = widget.render_lines(widget.region.reset_offset)
    return "\n".join("".join(segment.text for segment in line).rstrip() for line in lines)


# -- the deck's fields ---------------------------------------------------------


def test_width_and_meta_are_read_and_checked() -> None:
    deck = load_deck_text("width: 72\nslides: [{title: Hi, meta: false}, {title: Ho}]")
    assert deck.width == 72
    assert [slide.shows_meta for slide in deck.slides] == [False, False]
    assert load_deck_text("slides: [{title: Hi}]").width == DEFAULT_WIDTH
    title = load_deck_text("slides: [{layout: title, title: Hi}, {title: Ho, meta: yes}]")
    assert [slide.shows_meta for slide in title.slides] == [True, True]


@pytest.mark.parametrize(
    ("line", "column", "got"),
    [
        ("width: wide", 8, "got 'wide'"),
        ("width: 12", 8, "got '12'"),
        ("width: 7.5", 8, "got '7.5'"),
        ("width: 1001", 8, "got '1001'"),
        ("width: [80]", 8, "got a list"),
    ],
)
def test_a_bad_width_is_a_file_line_column_problem(line: str, column: int, got: str) -> None:
    with pytest.raises(DeckError) as caught:
        load_deck_text(f"title: T\n{line}\nslides: [{{title: Hi}}]", "talk.yaml")
    (message,) = [str(problem) for problem in caught.value.problems]
    assert message.startswith(f"talk.yaml:2:{column}: width must be a whole number of cells")
    assert message.endswith(got)


def test_a_bad_meta_is_a_file_line_column_problem() -> None:
    with pytest.raises(DeckError) as caught:
        load_deck_text("slides:\n  - title: Hi\n    meta: maybe\n", "talk.yaml")
    assert [str(problem) for problem in caught.value.problems] == [
        "talk.yaml:3:11: meta must be true or false, got 'maybe'"
    ]


# -- the measure and the margins -------------------------------------------------


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (160, 48), (200, 60)])
async def test_content_keeps_to_the_measure_centred_with_margins(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    deck = deck_file(tmp_path)
    app = make_app(deck)
    async with app.run_test(size=size) as pilot:
        app.show.jump(1)
        await pilot.press("right")  # the first item: the long line
        await pilot.pause()
        view = app.screen.query_one("#slide")
        frame = app.screen.query_one("#slide-frame").region
        width, _ = size
        # Never wider than the measure, nor than the screen less a tenth.
        assert frame.width == min(DEFAULT_WIDTH, width * 9 // 10)
        left, right = frame.x - view.region.x, view.region.right - frame.right
        assert abs(left - right) <= 1  # centred
        assert left >= width // 20  # side margins in proportion
        title = app.screen.query_one("#slide-title").region
        assert title.y - view.region.y == max(1, int((view.region.height) * 0.06))
        # The long line wraps at the measure.
        body = plain(app, "#slide-body")
        assert max(len(line) for line in body.splitlines()) <= frame.width


async def test_at_80x24_nothing_is_lost(seed_deck: Deck) -> None:
    """Today's 4-cell side margins and 1-row top margin at 80x24."""
    app = make_app(seed_deck)
    async with app.run_test(size=(80, 24)) as pilot:
        app.show.jump(3)
        await pilot.pause()
        title = app.screen.query_one("#slide-title").region
        assert (title.x, title.y, title.width) == (4, 1, 72)
        body = plain(app, "#slide-body")
        assert "Innovasjon trengs for å løse disse problemene!" in body
        assert "folkehelse" in body


async def test_a_deck_sets_its_own_measure(tmp_path: Path) -> None:
    deck = deck_file(tmp_path, "width: 60\n")
    app = make_app(deck)
    async with app.run_test(size=(200, 60)) as pilot:
        app.show.jump(1)
        await pilot.pause()
        frame = app.screen.query_one("#slide-frame").region
        assert frame.width == 60 and frame.x == 70


@pytest.mark.parametrize("index", [0, 2, 3])
async def test_title_section_and_quote_are_centred_vertically(tmp_path: Path, index: int) -> None:
    deck = deck_file(tmp_path)
    app = make_app(deck)
    async with app.run_test(size=(160, 48)) as pilot:
        app.show.jump(index)
        await pilot.pause()
        view = app.screen.query_one("#slide").region
        frame = app.screen.query_one("#slide-frame").region
        above, below = frame.y - view.y, view.bottom - frame.bottom
        assert above > 5 and abs(above - below) <= 1


# -- big titles --------------------------------------------------------------------


@pytest.mark.parametrize("size", [(100, 30), (160, 48), (200, 60)])
async def test_title_and_section_in_big_letters_when_large_enough(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    deck = deck_file(tmp_path)
    app = make_app(deck)
    async with app.run_test(size=size) as pilot:
        for index in (0, 2):
            app.show.jump(index)
            await pilot.pause()
            title = app.screen.query_one(SlideTitle)
            assert title.is_big
            drawn = plain(app, "#slide-title").replace("━", " ")  # the section's rules
            lines = [line for line in drawn.splitlines() if line.strip()]
            # Under the big letters, after a blank row, the title as text (muted, not bold).
            *lines, caption = lines
            assert caption.strip() == deck.slides[index].title
            assert set("".join(lines)) <= set(QUADRANTS)
            big_rows = title.content_size.height - 2
            assert drawn.splitlines()[drawn.splitlines().index(caption) - 1].strip() == ""
            assert big_rows <= size[1] // 3
            style = title.get_component_rich_style("slide-title--caption", partial=True)
            assert style.bold is False and style.color is not None
            assert abs(len(caption) - len(caption.lstrip()) - (title.region.width - len(caption))) <= 1
            # Centred: as much room on either side of the widest row.
            widest = max(lines, key=lambda line: len(line.strip()))
            left = len(widest) - len(widest.lstrip())
            right = title.region.width - len(widest)
            assert abs(left - right) <= 1


async def test_small_terminal_content_slides_and_missing_glyphs_get_bold_text(
    seed_deck: Deck, tmp_path: Path
) -> None:
    app = make_app(seed_deck)
    async with app.run_test(size=(80, 24)):
        # Two lines of big letters would take more than a third of the height.
        title = app.screen.query_one(SlideTitle)
        assert not title.is_big
        assert plain(app, "#slide-title").strip() == "Samordning mellom forvaltningsorganer"
    deck = deck_file(tmp_path)
    emoji = load_deck_text("slides:\n  - layout: title\n    title: Fest 🎉\n")
    app = make_app(emoji)
    async with app.run_test(size=(200, 60)):
        title = app.screen.query_one(SlideTitle)
        assert not title.is_big
        assert plain(app, "#slide-title").strip() == "Fest 🎉"  # whole, never part big
    app = make_app(deck)
    async with app.run_test(size=(200, 60)) as pilot:
        app.show.jump(1)
        await pilot.pause()
        assert not app.screen.query_one(SlideTitle).is_big
        assert plain(app, "#slide-title").splitlines()[0] == "Innhold"


# Twice the size is 8 rows, less the font's empty descender row under "Takk".
@pytest.mark.parametrize(("size", "rows"), [((80, 24), 4), ((100, 30), 7), ((200, 60), 7)])
async def test_twice_the_size_only_on_30_rows_or_more(
    tmp_path: Path, size: tuple[int, int], rows: int
) -> None:
    deck = deck_file(tmp_path)
    app = make_app(deck)
    async with app.run_test(size=size) as pilot:
        app.show.jump(4)  # "Takk"
        await pilot.pause()
        title = app.screen.query_one(SlideTitle)
        # The big rows, a blank row and the title as text under them.
        assert title.is_big and title.content_size.height == rows + 2


CROWDED = """\
author: Ånund Øvergård-Ærlighetsen with a fairly long author line too
event: A very long event name that goes on and on, Oslo Spektrum
date: 19. september 2012
slides:
  - layout: title
    title: Velkommen til Ålesund
    subtitle: >-
      This subtitle is long enough to wrap onto several lines at eighty
      columns, and then some more words to be sure it wraps three times at
      least, and a few more words still so that it takes four whole lines
"""


@pytest.mark.parametrize(("size", "big"), [((80, 16), False), ((80, 13), False), ((100, 30), True)])
async def test_big_letters_only_where_the_rest_of_the_slide_still_fits(
    size: tuple[int, int], big: bool
) -> None:
    app = make_app(load_deck_text(CROWDED))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        title = app.screen.query_one(SlideTitle)
        assert title.is_big is big
        # Every part of the title slide is on screen, above the status line.
        frame = app.screen.query_one("#slide-frame")
        for part in frame.children:
            if part.display and part.region.height:
                assert part.region.bottom <= size[1] - 1, part.id
        meta = plain(app, "#slide-meta")
        assert "september 2012" in meta.replace("\n", " ")


async def test_the_caption_is_spaced_and_centred_as_the_big_letters_are() -> None:
    deck = load_deck_text('slides:\n  - layout: section\n    title: "   Hi      du   "\n')
    app = make_app(deck)
    async with app.run_test(size=(100, 30)):
        title = app.screen.query_one(SlideTitle)
        assert title.is_big
        lines = plain(app, "#slide-title").replace("━", " ").splitlines()
        drawn = [line for line in lines if line.strip()]
        *big, caption = drawn
        assert caption.strip() == "Hi du"
        # One blank row between the letters and the caption, never the font's empty one too.
        assert lines.index(caption) - lines.index(big[-1]) == 2
        middle = lambda line: (len(line) - len(line.lstrip()) + len(line.rstrip())) / 2  # noqa: E731
        assert abs(middle(caption) - middle(max(big, key=lambda row: len(row.strip())))) <= 1


async def test_a_title_too_long_for_three_lines_is_bold_text() -> None:
    long = "Et svært langt tittelord " * 6
    deck = load_deck_text(f"slides:\n  - layout: section\n    title: {long.strip()}\n")
    app = make_app(deck)
    async with app.run_test(size=(100, 30)):
        assert not app.screen.query_one(SlideTitle).is_big
        assert "Et svært langt tittelord" in plain(app, "#slide-title")


@pytest.mark.parametrize("size", [(100, 24), (100, 30), (160, 45), (220, 60)])
async def test_big_letters_only_for_titles_whose_rows_fit_and_none_drawn_in_vain(
    size: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same choice as drawing the title (at most three lines) and measuring its rows."""
    from tui import big_text

    titles = ("Hei", "Samordning mellom forvaltningsorganer", "Tre ord her " * 4, "Fest 🎉")
    deck = load_deck_text("slides:\n  - layout: title\n    title: Hei\n")
    app = make_app(deck)
    async with app.run_test(size=size):
        title = app.screen.query_one(SlideTitle)
        budget = size[1] // 3
        for text in titles:
            title.show(text, big=True)
            for width in range(60, size[0] + 1, 20):
                drawn: list[tuple[str, ...]] = []
                for scale, least in ((2, 30), (1, 0)):
                    rows = big_text.big_lines(text, width, scale=scale)
                    if size[1] >= least and rows is not None and len(rows) <= budget:
                        while not rows[-1].strip():  # an empty descender row is left out
                            rows = rows[:-1]
                        drawn.append(rows)
                assert title._big_rows(width) == (drawn[0] if drawn else None), (text, width)
        if budget < 14:  # its three lines take 3 x 4 rows and 2 blank ones
            # A title whose lines would take more rows than that is not drawn at all.
            draw = big_text._draw
            calls: list[str] = []
            monkeypatch.setattr(big_text, "_draw", lambda line, *a: calls.append(line) or draw(line, *a))
            big_text.big_lines.cache_clear()  # drawn by no earlier test either
            title.show("Samordning mellom forvaltningsorganer – en innovasjonsutfordring", big=True)
            assert title._big_rows(90) is None and calls == []


async def test_big_titles_follow_a_resize(seed_deck: Deck) -> None:
    app = make_app(seed_deck)
    async with app.run_test(size=(200, 60)) as pilot:
        title = app.screen.query_one(SlideTitle)
        assert title.is_big
        big_height = title.region.height
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert not title.is_big and title.region.height < big_height
        await pilot.resize_terminal(200, 60)
        await pilot.pause()
        assert title.is_big and title.region.height == big_height


async def test_linux_console_gets_half_blocks_and_no_color_still_draws(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TERM", "linux")
    monkeypatch.setenv("NO_COLOR", "1")
    deck = deck_file(tmp_path)
    app = make_app(deck)
    async with app.run_test(size=(200, 60)):
        assert app.screen.query_one(SlideTitle).is_big
        *rows, caption = plain(app, "#slide-title").splitlines()
        drawn = "\n".join(rows)
        assert set(drawn) <= set(HALF_BLOCKS) | {"\n"} and "█" in drawn
        assert caption.strip() == "Blåbær – «nå»"


# -- the title slide's metadata and the section look ---------------------------------------


async def test_title_slide_shows_author_event_and_date_unless_it_opts_out(tmp_path: Path) -> None:
    deck = deck_file(tmp_path)
    app = make_app(deck)
    async with app.run_test(size=(100, 30)) as pilot:
        assert plain(app, "#slide-author").strip() == "Trude Andresen"
        meta = plain(app, "#slide-meta").strip()
        assert meta == "Samhandlingsarena Semicolon II · 19. september 2012"
        # Laid out as one centred column: author, the slide's body, event and date.
        author = app.screen.query_one("#slide-author").region
        body = app.screen.query_one("#slide-body").region
        event = app.screen.query_one("#slide-meta").region
        assert author.y < body.y < event.y
        for selector in ("#slide-author", "#slide-meta", "#slide-subtitle"):
            line = plain(app, selector)
            text = line.strip()
            left = len(line) - len(line.lstrip())
            width = app.screen.query_one(selector).region.width
            assert abs(left - (width - left - len(text))) <= 1, selector
        app.show.jump(4)  # meta: false
        await pilot.pause()
        assert not app.screen.query_one("#slide-author").display
        assert not app.screen.query_one("#slide-meta").display
        app.show.jump(5)  # a content slide with meta: true
        await pilot.pause()
        assert plain(app, "#slide-author").strip() == "Trude Andresen"
        app.show.jump(1)  # content slides show none by default
        await pilot.pause()
        assert not app.screen.query_one("#slide-meta").display


async def test_title_slide_without_metadata_in_the_deck(tmp_path: Path) -> None:
    deck = load_deck_text("date: '2026'\nslides: [{layout: title, title: Hei}]")
    app = make_app(deck)
    async with app.run_test(size=(100, 30)):
        # No slide shows an author: none is built, let alone shown.
        assert not any(author.display for author in app.screen.query("#slide-author"))
        assert plain(app, "#slide-meta").strip() == "2026"


async def test_section_slide_is_a_divider(tmp_path: Path) -> None:
    deck = deck_file(tmp_path)
    app = make_app(deck)
    async with app.run_test(size=(80, 24)) as pilot:
        app.show.jump(2)
        await pilot.pause()
        title = app.screen.query_one(SlideTitle)
        assert title.styles.border_top[0] == "heavy" and title.styles.border_bottom[0] == "heavy"
        app.show.jump(0)
        await pilot.pause()
        assert title.styles.border_top[0] == "" and title.styles.border_bottom[0] == ""


# -- the reveal step counter ----------------------------------------------------------


async def test_status_line_counts_reveal_steps(tmp_path: Path) -> None:
    deck = deck_file(tmp_path)
    app = make_app(deck)
    async with app.run_test(size=(80, 24)) as pilot:
        assert status_position(app).strip() == "1/6"
        await pilot.press("right")
        await pilot.pause()
        assert status_position(app).strip() == "2/6 · 0/3"
        await pilot.press("right", "right")
        await pilot.pause()
        assert status_position(app).strip() == "2/6 · 2/3"
        await pilot.press("right", "right")
        await pilot.pause()
        assert status_position(app).strip() == "3/6"


# -- the audience view ----------------------------------------------------------------


async def test_the_audience_view_uses_the_same_layout(tmp_path: Path) -> None:
    deck = deck_file(tmp_path)
    publisher = Publisher(deck.source)
    publisher.open()
    try:
        publisher.publish(0, 0)
        app = make_audience_app(deck, deck.source)
        async with app.run_test(size=(200, 60)) as pilot:
            assert app.screen.query_one(SlideTitle).is_big
            assert "Trude Andresen" in plain(app, "#slide-author")
            publisher.publish(1, 1)
            for _ in range(100):
                if app.audience.position == Position(1, 1):
                    break
                await pilot.pause(0.03)
            await pilot.pause()
            frame = app.screen.query_one("#slide-frame").region
            assert frame.width == DEFAULT_WIDTH and frame.x == (200 - DEFAULT_WIDTH) // 2
    finally:
        publisher.close()
