"""The deck loader: valid decks, the text authors typed, and every kind of error."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
import yaml
from big_deck import big_deck
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tui.deck.yaml_source as yaml_source
from tui.deck import Deck, DeckError, Layout, load_deck, load_deck_text
from tui.deck.loader import slug

DATA = Path(__file__).resolve().parents[1] / "data"

PARSERS = [yaml.SafeLoader]
if hasattr(yaml, "CSafeLoader"):
    PARSERS.insert(0, yaml.CSafeLoader)


@pytest.fixture(params=PARSERS, ids=lambda loader: loader.__name__)
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> type:
    """Run a test with libyaml's parser and again with the pure-Python one."""
    monkeypatch.setattr(yaml_source, "PARSER", request.param)
    return request.param


def problems(text: str | bytes, path: str = "deck.yaml") -> list[str]:
    """Every problem for a deck text, as ``LINE:COL: message`` strings."""
    with pytest.raises(DeckError) as caught:
        load_deck_text(text, path)
    return [f"{problem.line}:{problem.column}: {problem.message}" for problem in caught.value.problems]


def one_problem(text: str | bytes) -> str:
    found = problems(text)
    assert len(found) == 1, found
    return found[0]


def deck_with(slide_yaml: str) -> str:
    """A deck whose only slide is given as indented YAML lines."""
    return "slides:\n  - " + slide_yaml.strip().replace("\n", "\n    ") + "\n"


# -- valid decks -------------------------------------------------------------


def test_fixture_deck_has_every_layout(parser: type) -> None:
    deck = load_deck(DATA / "all_layouts.yaml")
    assert deck.source == str(DATA / "all_layouts.yaml")
    assert deck.title == "Samordning mellom forvaltningsorganer"
    assert deck.author == "Trude Andresen"
    assert deck.event == "Samhandlingsarena Semicolon II"
    assert deck.date == "2012-09-19"
    assert deck.theme == "ks"
    assert deck.duration == 5400
    assert [slide.layout for slide in deck.slides] == [
        Layout.TITLE,
        Layout.SECTION,
        Layout.CONTENT,
        Layout.QUOTE,
        Layout.COLUMNS,
        Layout.POLL,
        Layout.POLL,
    ]
    assert [slide.line for slide in deck.slides] == [10, 14, 16, 27, 30, 35, 38]
    title, _, content, quote, columns, poll, second_poll = deck.slides
    assert (title.title, title.subtitle, title.notes) == ("Samordning", "en innovasjonsutfordring", "Velkommen.")
    assert content.reveal and content.steps == 3
    assert content.body_at_step(0) == "Tre ord:\n"
    assert "for hvem?" in content.body_at_step(2) and "Nyttiggjort" not in content.body_at_step(2)
    assert content.notes == "Ta det rolig.\n"
    assert (quote.body, quote.attribution) == ("Simple is better than complex.", "No")
    assert columns.columns == ("**Venstre**\n", "Høyre")
    assert poll.poll is not None
    assert poll.poll.question == "Hva bør være den viktigste driveren?"
    assert poll.poll.id == "hva-bor-vaere-den-viktigste-driveren"
    assert poll.poll.options == ("Behov", "Bruker", "Åpen innovasjon", "Yes", "No", "1.10")
    assert second_poll.poll is not None
    assert second_poll.poll.id == "stemme"
    assert second_poll.poll.question == "Stemmer du på, 1.10?"
    assert second_poll.poll.options == ("on", "off")
    assert deck.polls == (poll.poll, second_poll.poll)


def test_load_deck_accepts_str_and_keeps_the_path_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "talk.yaml").write_text("slides: [{title: Hi}]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    deck = load_deck("talk.yaml")
    assert deck.source == "talk.yaml"
    assert deck.slides[0].title == "Hi"


def test_smallest_deck_uses_defaults() -> None:
    deck = load_deck_text("slides:\n  - title: Hi\n")
    assert isinstance(deck, Deck)
    assert deck.source == "<string>"
    assert (deck.title, deck.theme, deck.duration) == ("", None, None)
    slide = deck.slides[0]
    assert (slide.layout, slide.reveal, slide.poll, slide.line) == (Layout.CONTENT, False, None, 2)


def test_bytes_with_bom_and_crlf_line_endings() -> None:
    text = "\ufefftitle: Tale\r\nslides:\r\n  - title: Én\r\n  - title: [1]\r\n"
    deck = load_deck_text(text.encode("utf-8"))
    assert deck.title == "Tale"
    assert [slide.title for slide in deck.slides] == ["Én", "[1]"]
    assert [slide.line for slide in deck.slides] == [3, 4]


def test_columns_and_poll_infer_their_layout() -> None:
    deck = load_deck_text(
        "slides:\n  - columns: [a, b]\n  - title: Q\n    poll: {options: [x, y]}\n"
        "  - layout: Columns\n    columns: [a, b, c, d]\n"
    )
    assert [slide.layout for slide in deck.slides] == [Layout.COLUMNS, Layout.POLL, Layout.COLUMNS]


def test_merge_keys_and_aliases_work() -> None:
    deck = load_deck_text(
        "slides:\n"
        "  - &part {layout: section, title: Del 1, notes: &n Husk pause.}\n"
        "  - <<: *part\n"
        "    title: Del 2\n"
        "  - title: Slutt\n"
        "    notes: *n\n"
    )
    assert [(slide.layout, slide.title) for slide in deck.slides] == [
        (Layout.SECTION, "Del 1"),
        (Layout.SECTION, "Del 2"),
        (Layout.CONTENT, "Slutt"),
    ]
    assert deck.slides[1].notes == deck.slides[2].notes == "Husk pause."


def test_explicit_standard_tags_are_fine() -> None:
    deck = load_deck_text("slides:\n  - title: !!str 1.10\n    reveal: !!bool yes\n    body: !!int 12\n")
    assert (deck.slides[0].title, deck.slides[0].reveal, deck.slides[0].body) == ("1.10", True, "12")


# -- what the author typed ---------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    ["No", "no", "yes", "Yes", "on", "off", "true", "1.10", "2012-09-19", "0x1F", "1_000", "12:30", ".inf", "1e3"],
)
def test_plain_scalars_keep_their_text(typed: str, parser: type) -> None:
    deck = load_deck_text(
        f"title: {typed}\ndate: {typed}\nslides:\n"
        f"  - title: {typed}\n    subtitle: {typed}\n    notes: {typed}\n"
        f"  - title: Q\n    poll:\n      id: {typed}\n      question: {typed}\n      options: [{typed}, x]\n"
    )
    assert deck.title == deck.date == typed
    assert (deck.slides[0].title, deck.slides[0].subtitle, deck.slides[0].notes) == (typed, typed, typed)
    poll = deck.slides[1].poll
    assert poll is not None
    assert (poll.id, poll.question, poll.options) == (typed, typed, (typed, "x"))


def test_yes_and_no_poll_options_stay_words() -> None:
    deck = load_deck_text("slides:\n  - title: Vote\n    poll:\n      options: [Yes, No]\n")
    assert deck.slides[0].poll is not None
    assert deck.slides[0].poll.options == ("Yes", "No")


@pytest.mark.parametrize("typed", ["[1]", "[/b]", "[bold]", "[a, b]", "{a: b}", "[ spaced ,  out ]"])
def test_one_line_flow_collections_in_text_fields_are_the_source_text(typed: str, parser: type) -> None:
    deck = load_deck_text(f"slides:\n  - title: {typed}\n    poll:\n      options: [{typed}, other]\n")
    slide = deck.slides[0]
    assert slide.title == typed
    assert slide.poll is not None
    assert slide.poll.question == typed
    assert slide.poll.options == (typed, "other")


def test_anchored_flow_text_does_not_include_the_anchor() -> None:
    deck = load_deck_text("slides:\n  - title: &t [1]\n  - title: *t\n")
    assert [slide.title for slide in deck.slides] == ["[1]", "[1]"]


def test_quoted_and_block_text_is_what_yaml_means() -> None:
    deck = load_deck_text(
        "slides:\n  - title: 'It''s [b]'\n    subtitle: \"tab\\there\"\n    body: |\n      # Heading\n      text\n"
    )
    slide = deck.slides[0]
    assert (slide.title, slide.subtitle, slide.body) == ("It's [b]", "tab\there", "# Heading\ntext\n")


@pytest.mark.parametrize("typed", ["", "!!null", "!!null null"])
def test_empty_values_in_text_fields_are_empty_text(typed: str) -> None:
    deck = load_deck_text(f"author: {typed}\ntheme: {typed}\nslides:\n  - title: Hi\n    subtitle: {typed}\n")
    assert (deck.author, deck.theme, deck.slides[0].subtitle) == ("", None, "")


@pytest.mark.parametrize("typed", ["~", "null", "Null", "NULL"])
def test_null_words_in_text_fields_keep_their_text(typed: str, parser: type) -> None:
    # As yes and 1.0 are kept as typed: the author wrote the text ~ or null.
    deck = load_deck_text(
        f"author: {typed}\nslides:\n  - title: {typed}\n    body: {typed}\n    notes: {typed}\n"
        f"  - title: Q\n    poll:\n      question: {typed}\n      options:\n        - {typed}\n"
        f"        - x\n        - {{id: third, text: {typed}2}}\n"
    )
    slide = deck.slides[0]
    assert (deck.author, slide.title, slide.body, slide.notes) == (typed, typed, typed, typed)
    poll = deck.slides[1].poll
    assert poll is not None
    assert (poll.question, poll.options[:2]) == (typed, (typed, "x"))


@pytest.mark.parametrize("typed", ["~", "null"])
def test_null_words_in_settings_leave_them_unset(typed: str) -> None:
    deck = load_deck_text(f"theme: {typed}\nlang: {typed}\nslides:\n  - title: Hi\n")
    assert deck.theme is None and not deck.lang
    assert one_problem(deck_with(f"title: a\nlayout: {typed}")).startswith(
        f"3:13: layout must be one of title, section, content, quote, columns, poll, got '{typed}'"
    )


def test_a_null_word_option_twice_is_refused_where_it_is() -> None:
    assert one_problem("slides:\n  - title: Q\n    poll:\n      options: [~, x, ~]\n") == (
        "4:23: option '~' is listed twice (first on line 4); each option must be different"
    )


def test_block_list_where_text_is_expected_is_an_error(parser: type) -> None:
    message = one_problem("slides:\n  - title:\n      - a\n      - b\n")
    assert message == '3:7: title must be text, got a list (quote it if you meant the text: title: "...")'


def test_block_mapping_where_text_is_expected_is_an_error() -> None:
    assert one_problem("title:\n  main: x\nslides: [{title: a}]\n").startswith("2:3: title must be text, got a mapping")


def test_multi_line_flow_list_in_text_field_is_an_error() -> None:
    assert one_problem("slides:\n  - title: [a,\n      b]\n").startswith("2:12: title must be text, got a list")


# -- booleans and durations --------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("true", True), ("True", True), ("YES", True), ("on", True), ("false", False), ("No", False), ("OFF", False)],
)
def test_reveal_accepts_yaml_booleans(typed: str, expected: bool) -> None:
    deck = load_deck_text(deck_with(f"title: a\nreveal: {typed}\nbody: '- x'"))
    assert deck.slides[0].reveal is expected


def test_reveal_rejects_other_words() -> None:
    assert one_problem(deck_with("title: a\nreveal: maybe")) == "3:13: reveal must be true or false, got 'maybe'"
    assert one_problem(deck_with("title: a\nreveal:")).startswith("3:12: reveal must be true or false, got nothing")


@pytest.mark.parametrize(
    ("typed", "seconds"), [("20m", 1200), ("1h 30m", 5400), ("90s", 90), ("45", 2700), ("1h", 3600)]
)
def test_durations(typed: str, seconds: float) -> None:
    assert load_deck_text(f"duration: {typed}\nslides: [{{title: a}}]\n").duration == seconds


def test_bad_duration_gives_the_accepted_forms() -> None:
    message = one_problem("title: x\nduration: soon\nslides: [{title: a}]\n")
    assert message.startswith("2:11: duration must be a length of time such as 20m, 1h 30m, 90s or 45")
    assert "'soon'" in message
    assert one_problem("duration: 0m\nslides: [{title: a}]\n") == "1:11: duration must be more than zero, got '0m'"


# -- schema --------------------------------------------------------------------


def test_unknown_slide_key_suggests_the_close_one() -> None:
    text = "slides:\n  - title: a\n  - title: b\n  - titel: c\n    body: x\n"
    assert one_problem(text) == "4:5: unknown key 'titel' in slide 3 (did you mean 'title'?)"


def test_unknown_key_without_a_close_match_lists_the_allowed_keys() -> None:
    message = one_problem(deck_with("title: a\nxyz: 1"))
    assert message.startswith("3:5: unknown key 'xyz' in slide 1; the keys allowed here are: layout, title,")


def test_unknown_top_level_and_poll_keys() -> None:
    found = problems("slide: []\nslides:\n  - title: Q\n    poll:\n      option: [a, b]\n      options: [a, b]\n")
    assert found == [
        "1:1: unknown key 'slide' at the top of the deck (did you mean 'slides'?)",
        "5:7: unknown key 'option' in the poll of slide 1 (did you mean 'options'?)",
    ]


def test_slide_key_at_the_top_says_where_it_belongs() -> None:
    assert "belongs to a slide" in one_problem("notes: x\nslides: [{title: a}]\n")


def test_unknown_layout_suggests_the_close_one() -> None:
    message = one_problem(deck_with("layout: colums\ntitle: a\ncolumns: [a, b]"))
    assert message.startswith("2:13: layout must be one of title, section, content, quote, columns, poll")
    assert message.endswith("(did you mean 'columns'?)")


def test_layout_poll_without_a_poll() -> None:
    assert one_problem(deck_with("layout: poll\ntitle: a")).startswith("2:13: layout: poll needs a poll:")


def test_poll_on_a_slide_with_another_layout() -> None:
    message = one_problem(deck_with("layout: content\ntitle: a\npoll: {options: [x, y]}"))
    assert message.startswith("4:5: a poll shows only on a poll slide, but slide 1 has layout: content")


def test_columns_rules() -> None:
    assert one_problem(deck_with("layout: columns\ntitle: a")).startswith(
        "2:13: layout: columns needs a columns: list of 2 to 4"
    )
    assert one_problem(deck_with("title: a\ncolumns: [x]")) == "3:14: columns needs 2 to 4 columns, got 1"
    assert one_problem(deck_with("title: a\ncolumns: [a, b, c, d, e]")) == "3:14: columns needs 2 to 4 columns, got 5"
    assert one_problem(deck_with("title: a\ncolumns: two")).startswith("3:14: columns must be a list of 2 to 4")
    assert one_problem(deck_with("layout: quote\nbody: a\ncolumns: [x, y]")).startswith(
        "4:5: columns: shows only on a columns slide"
    )


def test_poll_options_rules() -> None:
    assert one_problem(deck_with("title: Q\npoll: {options: [only]}")).startswith(
        "3:21: a poll needs 2 to 9 options (voted with keys 1-9), got 1"
    )
    ten = ", ".join(str(number) for number in range(10))
    assert one_problem(deck_with(f"title: Q\npoll: {{options: [{ten}]}}")).endswith("got 10")
    assert one_problem(deck_with("title: Q\npoll:\n  options: [Ja, Nei, Ja]")) == (
        "4:26: option 'Ja' is listed twice (first on line 4); each option must be different"
    )
    assert one_problem(deck_with("title: Q\npoll: {}")).startswith("3:5: the poll needs options:")
    assert one_problem(deck_with("title: Q\npoll: {options: yes}")).startswith("3:21: options must be a list")
    assert one_problem(deck_with("title: Q\npoll: [a, b]")).startswith("3:11: poll must be a mapping")
    assert one_problem(deck_with("title: Q\npoll: {options: [a, '']}")).startswith("3:25: option 2 is empty")


def test_poll_needs_a_question() -> None:
    message = one_problem(deck_with("body: x\npoll:\n  options: [a, b]"))
    assert message.startswith("3:5: the poll on slide 1 needs a question")
    deck = load_deck_text(deck_with("body: x\npoll:\n  question: Ja?\n  options: [a, b]"))
    assert deck.slides[0].poll is not None and deck.slides[0].poll.question == "Ja?"


def test_poll_ids_must_be_unique_and_the_message_names_both_lines() -> None:
    text = (
        "slides:\n  - title: Same question\n    poll: {options: [a, b]}\n"
        "  - title: Other\n    poll: {id: same-question, options: [a, b]}\n"
    )
    assert one_problem(text) == (
        "5:16: poll id 'same-question' is already used by the poll on line 3; give each poll its own id:"
    )


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Hva bør være den viktigste driveren for innovasjon i kommunal sektor?", "hva-bor-vaere-den-viktigste-driveren-for"),
        ("ÆØÅ æøå", "aeoa-aeoa"),
        ("Café – crème?", "cafe-creme"),
        ("  [1] Yes/No!  ", "1-yes-no"),
        ("???", ""),
    ],
)
def test_slug(question: str, expected: str) -> None:
    assert slug(question) == expected
    assert len(slug(question)) <= 40


def test_poll_id_falls_back_when_the_question_has_no_letters() -> None:
    deck = load_deck_text(deck_with("title: '???'\npoll: {options: [a, b]}"))
    assert deck.slides[0].poll is not None and deck.slides[0].poll.id == "poll-1"


def test_slide_needs_something_to_show() -> None:
    found = problems("slides:\n  - notes: only notes\n  -\n  - Intro\n")
    assert found == [
        "2:5: slide 1 has nothing to show; give it a title:, body:, columns: or poll:",
        "3:4: slide 2 is empty; give it a title:, body:, columns: or poll:",
        "4:5: slide 3 must be a mapping such as  - title: Intro, got text 'Intro'",
    ]


def test_slides_missing_empty_or_wrong() -> None:
    assert one_problem("title: x\n").startswith("1:1: the deck has no `slides:`")
    assert one_problem("slides:\n").startswith("1:8: slides is empty")
    assert one_problem("slides: []\n").startswith("1:9: slides is empty")
    assert one_problem("slides:\n  a: 1\n") == (
        "2:3: slides must be a list of slides, got a mapping (start each slide with '- ')"
    )


# -- files ---------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.yaml"
    with pytest.raises(DeckError) as caught:
        load_deck(path)
    assert str(caught.value) == f"{path}:1:1: no such file"


def test_directory_suggests_the_deck_inside(tmp_path: Path) -> None:
    (tmp_path / "slides.yaml").write_text("slides: [{title: a}]\n", encoding="utf-8")
    with pytest.raises(DeckError) as caught:
        load_deck(tmp_path)
    message = str(caught.value)
    assert message.startswith(f"{tmp_path}:1:1: is a directory, not a deck file")
    assert "slides.yaml?" in message


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.yaml"
    path.write_text("slides: [{title: a}]\n", encoding="utf-8")
    real_open = os.open  # files named by the user are opened with os.open (never blocking)

    def deny(file: object, *args: object, **kwargs: object) -> object:
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(file, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("os.open", deny)
    with pytest.raises(DeckError) as caught:
        load_deck(path)
    assert str(caught.value) == f"{path}:1:1: cannot read the file: permission denied"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a non-root POSIX user")
def test_unreadable_file_for_real(tmp_path: Path) -> None:
    path = tmp_path / "secret.yaml"
    path.write_text("slides: [{title: a}]\n", encoding="utf-8")
    path.chmod(0)
    with pytest.raises(DeckError, match="permission denied"):
        load_deck(path)


def test_non_utf8_bytes_give_the_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("title: Tale\nslides:\n  - title: Blåbær\n".encode("latin-1"))
    with pytest.raises(DeckError) as caught:
        load_deck(path)
    (problem,) = caught.value.problems
    assert (problem.line, problem.column) == (3, 14)
    assert "not valid UTF-8 (byte 0xE5 here)" in problem.message
    assert str(problem).startswith(f"{path}:3:14: ")


def test_non_utf8_after_multibyte_characters_counts_characters() -> None:
    assert one_problem("title: ÆØÅ".encode() + b"\xff").startswith("1:11: the file is not valid UTF-8")


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n"])
def test_empty_file(text: str) -> None:
    with pytest.raises(DeckError) as caught:
        load_deck_text(text, "slides.yaml")
    assert str(caught.value).startswith("slides.yaml:1:1: the deck is empty; a deck needs at least `slides:`")


def test_top_level_must_be_a_mapping() -> None:
    assert one_problem("- title: a\n").startswith("1:1: the top level of a deck must be a mapping")
    assert "put the slides under a `slides:` key" in one_problem("- title: a\n")
    assert one_problem("\n\njust text\n").startswith("3:1: the top level of a deck must be a mapping")
    assert one_problem("~\n").startswith("1:1: the deck is empty")


def test_control_characters_are_refused_with_their_position() -> None:
    assert one_problem("title: a\nslides:\n  - title: b\x07c\n") == (
        "3:13: character U+0007 is not allowed in a YAML file; remove it"
    )


# -- YAML syntax ---------------------------------------------------------------


def test_tabs_for_indentation(parser: type) -> None:
    assert one_problem("title: x\nslides:\n\t- title: a\n") == "3:1: tabs are not allowed for indentation; use spaces"
    assert one_problem("slides:\n  - title: a\n\tbody: b\n") == "3:1: tabs are not allowed for indentation; use spaces"


def test_bad_indentation(parser: type) -> None:
    message = one_problem("slides:\n  - title: a\n   body: b\n")
    assert message.startswith("3:4: this line is not indented like the lines above it")
    message = one_problem("slides:\n  - title: a\n      body: b\n")
    assert message.startswith("3:11: this line is indented differently from the keys above it")


def test_colon_in_text_says_to_quote_it(parser: type) -> None:
    assert one_problem("slides:\n  - title: Note: this\n") == (
        '2:16: text containing \': \' must be quoted: title: "Note: this"'
    )


def test_unclosed_quotes_point_at_the_opening_quote(parser: type) -> None:
    message = one_problem('title: x\nslides:\n  - title: "abc\n    body: x\n')
    assert message.startswith("3:12: this quoted text is never closed")
    assert one_problem("slides:\n  - title: 'abc\n").startswith("2:12: this quoted text is never closed")


def test_unclosed_bracket(parser: type) -> None:
    message = one_problem("slides:\n  - title: [abc\n")
    assert message.startswith("2:12: this '[' starts a list that never closes with ']'")
    assert message.endswith(': title: "[abc"')


def test_markup_after_a_bracket_says_to_quote_it(parser: type) -> None:
    assert one_problem("slides:\n  - title: [bold]Hi[/bold]\n") == (
        "2:18: unexpected text after the closing ']'; if the whole value is text, quote it: "
        'title: "[bold]Hi[/bold]"'
    )


@pytest.mark.parametrize(("typed", "column"), [("*bold*", 8), ("@me", 8), ("`code`", 8)])
def test_special_first_characters_say_to_quote(typed: str, column: int, parser: type) -> None:
    message = one_problem(f"title: {typed}\nslides: [{{title: a}}]\n")
    assert message.startswith(f"1:{column}: text ")
    assert message.endswith(f'must be quoted: title: "{typed}"') or message.endswith(
        f'unless it is quoted: title: "{typed}"'
    )


def test_bad_escape(parser: type) -> None:
    assert one_problem('title: "a\\qb"\nslides: [{title: a}]\n').startswith("1:10: unknown escape")


def test_syntax_messages_never_show_parser_jargon(parser: type) -> None:
    for text in ("slides:\n- a\n b: c\n", "a: b\n  c: d\n", "x: [a, b\ny: 1\n", "? - a\n: b\n: c\n"):
        for message in problems(text):
            assert "<block" not in message and "<scalar>" not in message and "Traceback" not in message


def test_duplicate_keys_name_the_first_line() -> None:
    assert problems("title: a\nauthor: b\ntitle: c\nslides:\n  - title: x\n    body: y\n    title: z\n") == [
        "3:1: duplicate key 'title' at the top of the deck (first given on line 1); keep only one",
        "7:5: duplicate key 'title' in slide 1 (first given on line 5); keep only one",
    ]


def test_unsafe_tags_are_errors_and_never_constructed() -> None:
    message = one_problem("title: !!python/object/apply:os.system ['echo hi']\nslides: [{title: a}]\n")
    assert message.startswith("1:8: the tag '!!python/object/apply:os.system' is not allowed")
    assert one_problem("slides: [{title: !custom x}]\n").startswith("1:18: the tag '!custom' is not allowed")


def test_second_document_is_an_error() -> None:
    assert one_problem("slides: [{title: a}]\n---\nmore: 1\n").startswith(
        "2:1: a deck is one YAML document, but another one starts here"
    )


def test_undefined_and_recursive_aliases() -> None:
    assert one_problem("slides: [{title: *nope}]\n").startswith("1:18: the alias *nope refers to no anchor")
    found = problems("slides: &s [{title: a}, *s]\n")
    assert any("the alias *s is inside the value it names" in message for message in found)


# -- all problems at once ------------------------------------------------------


def test_all_problems_in_one_run_in_file_order(parser: type) -> None:
    path = DATA / "three_problems.yaml"
    with pytest.raises(DeckError) as caught:
        load_deck(path)
    assert str(caught.value).splitlines() == [
        f"{path}:3:5: unknown key 'titel' in slide 1 (did you mean 'title'?)",
        f"{path}:5:13: reveal must be true or false, got 'maybe'",
        f"{path}:6:13: layout must be one of title, section, content, quote, columns, poll, got 'colums' "
        "(did you mean 'columns'?)",
    ]


def test_problems_are_sorted_by_position_across_checks() -> None:
    text = (
        "slides:\n"
        "  - title: Same\n    poll: {options: [a, a]}\n"
        "  - title: Same\n    poll: {options: [b, c]}\n"
        "titel: late\n"
    )
    found = problems(text)
    assert [message.split(":")[0] for message in found] == ["3", "5", "6"]


def test_very_many_problems_are_capped() -> None:
    text = "slides:\n" + "".join(f"  - titel{number}: x\n" for number in range(150))
    with pytest.raises(DeckError) as caught:
        load_deck_text(text)
    assert len(caught.value.problems) == 101
    assert caught.value.problems[-1].message.endswith("more problems not shown")


# -- hostile input and speed ---------------------------------------------------

ALIAS_BOMB = "".join(
    [
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n',
        *(
            f"{name}: &{name} [{', '.join(['*' + previous] * 9)}]\n"
            for previous, name in zip("abcdefgh", "bcdefghi")
        ),
        "slides: *i\n",
    ]
)


def test_alias_bomb_is_refused_fast(parser: type) -> None:
    start = time.perf_counter()
    message = one_problem(ALIAS_BOMB)
    elapsed = time.perf_counter() - start
    assert "alias bomb" in message and "100,000" in message
    # Expanded, it is 9**9 nodes: minutes and gigabytes. Refused, a moment on any machine.
    assert elapsed < 30.0


def test_three_mib_file_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_text("slides:\n" + "  - title: x\n" * (3 * 1024 * 1024 // 13), encoding="utf-8")
    with pytest.raises(DeckError) as caught:
        load_deck(path)  # the size check's own message: refused before any parsing
    assert str(caught.value) == f"{path}:1:1: the file is 3.0 MiB; a deck may be at most 2 MiB (is this the right file?)"
    with pytest.raises(DeckError, match="at most 2 MiB"):
        load_deck_text(path.read_text(encoding="utf-8"))
    with pytest.raises(DeckError, match="at most 2 MiB"):
        load_deck_text(path.read_bytes())


def test_deep_nesting_is_refused(parser: type) -> None:
    assert "nested too deeply" in one_problem("title: " + "[" * 5000 + "\n")
    assert "nested too deeply" in one_problem("- " * 5000 + "x\n")


def test_thousand_slide_deck_loads() -> None:
    deck = load_deck_text(big_deck(1000), "big.yaml")
    assert len(deck.slides) == 1000
    assert {slide.layout for slide in deck.slides} == set(Layout)
    assert len({poll.id for poll in deck.polls}) == len(deck.polls)


# -- properties ----------------------------------------------------------------

FRAGMENTS = [
    "title: ", "slides:", "  - ", "    ", "layout: ", "poll:", "options: ", "reveal: ", "columns:",
    "body: |", "notes: ", "duration: ", "id: ", "question: ", "&a ", "*a", "<<: ", "[", "]", "{", "}",
    ", ", ": ", "- ", "'", '"', "#", "!!str ", "!x ", "yes", "No", "1.10", "~", "\t", "\n", "---", "æøå",
    "content", "poll", "columns", "20m", "x", "[1]",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_any_text_gives_a_deck_or_a_deck_error(text: str) -> None:
    try:
        assert isinstance(load_deck_text(text), Deck)
    except DeckError as error:
        assert error.problems and all(str(problem) for problem in error.problems)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=300))
def test_any_bytes_give_a_deck_or_a_deck_error(data: bytes) -> None:
    try:
        assert isinstance(load_deck_text(data), Deck)
    except DeckError as error:
        assert error.problems


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=60))
def test_deck_shaped_text_gives_a_deck_or_located_errors(parts: list[str]) -> None:
    text = "".join(parts)
    try:
        deck = load_deck_text(text)
    except DeckError as error:
        lines = text.count("\n") + 2
        for problem in error.problems:
            assert 0 <= problem.line <= lines and problem.column >= 0
    else:
        assert deck.slides
