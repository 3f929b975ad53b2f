"""Pictures in a deck: image: and ![alt](file), checked by the loader (no Textual)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import DATA

from tui.cli import check
from tui.deck import DeckError, load_deck, load_deck_text
from tui.deck.images import file_problem, image_refs, is_address, resolve

PICTURE = DATA / "picture.png"


def problems(tmp_path: Path, text: str) -> list[str]:
    deck = tmp_path / "deck.yaml"
    deck.write_text(text, encoding="utf-8")
    with pytest.raises(DeckError) as caught:
        load_deck(deck)
    return [str(problem).replace(str(deck), "deck.yaml") for problem in caught.value.problems]


def test_the_fixture_deck_resolves_its_pictures_next_to_the_deck() -> None:
    deck = load_deck(DATA / "pictures.yaml")
    first, second, third = deck.slides
    assert first.image == "picture.png"
    assert first.image_files == (("picture.png", str(PICTURE.resolve())),)
    assert second.image == ""
    assert second.image_files == (("picture.png", str(PICTURE.resolve())),)
    assert third.image_files == ()  # links only: no picture renderer needed


def test_paths_are_relative_to_the_deck_not_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "talk" / "img"
    folder.mkdir(parents=True)
    (folder / "logo.png").write_bytes(PICTURE.read_bytes())
    deck = tmp_path / "talk" / "slides.yaml"
    deck.write_text("slides:\n  - title: Logo\n    image: img/logo.png\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    loaded = load_deck(Path("talk") / "slides.yaml")
    assert loaded.slides[0].image_files == (("img/logo.png", str(folder / "logo.png")),)


def test_an_image_alone_makes_a_slide(tmp_path: Path) -> None:
    (tmp_path / "p.png").write_bytes(PICTURE.read_bytes())
    deck = tmp_path / "deck.yaml"
    deck.write_text("slides:\n  - image: p.png\n", encoding="utf-8")
    assert load_deck(deck).slides[0].image == "p.png"


def test_each_bad_picture_is_reported_at_its_path(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not a picture", encoding="utf-8")
    (tmp_path / "folder").mkdir()
    found = problems(
        tmp_path,
        "slides:\n"
        "  - title: One\n"
        "    image: missing.png\n"
        "  - title: Two\n"
        "    body: |\n"
        "      Text first.\n"
        "\n"
        "      ![a cat](https://example.com/cat.png)\n"
        "      See ![bad](notes.txt) and ![dir](folder)\n"
        "  - title: Three\n"
        "    image: notes.txt/inside.png\n",
    )
    assert len(found) == 5, found
    assert found[0].startswith("deck.yaml:3:12: image file 'missing.png' not found")
    assert "relative to the deck's folder" in found[0]
    assert found[1].startswith("deck.yaml:8:16: image 'https://example.com/cat.png' is an address")
    assert "never fetches" in found[1]
    assert found[2].startswith("deck.yaml:9:18: image file 'notes.txt' is not a picture")
    assert found[3].startswith("deck.yaml:9:40: image 'folder' is a folder")
    assert found[4].startswith("deck.yaml:11:12: image file 'notes.txt/inside.png' cannot be read")


def test_podium_check_reports_a_missing_picture_with_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deck = tmp_path / "deck.yaml"
    deck.write_text("slides:\n  - title: T\n    body: '![x](gone.png)'\n", encoding="utf-8")
    assert check.main([str(deck)]) == 2
    err = capsys.readouterr().err
    assert f"{deck}:3:17: image file 'gone.png' not found" in err
    assert "Traceback" not in err


def test_references_in_code_are_not_pictures(tmp_path: Path) -> None:
    deck = load_deck_text(
        "slides:\n  - title: Code\n"
        '    body: "`![a](gone.png)`\\n\\n```\\n![b](gone.png)\\n```\\n"\n'
    )
    assert deck.slides[0].image_files == ()


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this system")
    fifo = tmp_path / "pipe.png"
    os.mkfifo(fifo)
    assert "not a regular file" in (file_problem("pipe.png", str(fifo)) or "")


def test_image_refs_know_what_stands_alone() -> None:
    source = (
        "Intro ![inline](a.png) text\n"
        "![alone](b.png)\n"
        '  ![titled](<c d.png> "A title")  \n'
        "`![code](e.png)`\n"
        "![nested [brackets]](f(1).png)\n"
    )
    refs = image_refs(source)
    assert [(ref.alt, ref.source, ref.alone) for ref in refs] == [
        ("inline", "a.png", False),
        ("alone", "b.png", True),
        ("titled", "c d.png", True),
        ("nested [brackets]", "f(1).png", True),
    ]
    assert source[refs[1].source_at :].startswith("b.png")


@pytest.mark.parametrize(
    ("source", "address"),
    [
        ("https://x.no/a.png", True),
        ("HTTP://x.no/a.png", True),
        ("data:image/png;base64,AAAA", True),
        ("//cdn.example/a.png", True),
        ("pictures/a.png", False),
        ("C:\\pictures\\a.png", False),
        ("a.png", False),
    ],
)
def test_addresses_are_told_from_paths(source: str, address: bool) -> None:
    assert is_address(source) is address


def test_resolve_uses_the_deck_folder_and_home(tmp_path: Path) -> None:
    assert resolve("a.png", str(tmp_path / "deck.yaml")) == str(tmp_path / "a.png")
    assert resolve("/abs/a.png", "deck.yaml") == "/abs/a.png"
    assert resolve("~/a.png", "deck.yaml") == os.path.expanduser("~/a.png")
    assert resolve("a.png", "<string>") == os.path.join(os.getcwd(), "a.png")
