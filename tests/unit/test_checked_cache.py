"""Decks and themes kept from a clean check (tui.checked_cache): the same result, never stale."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tui import checked_cache
from tui.cli.common import BadInput, deck_to_present
from tui.deck import Deck, DeckError, load_deck
from tui.themes import ThemeError, load_theme_file, resolve_theme

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data"
CLEAN_DECKS = sorted(
    path
    for path in [REPO / "slides.yaml", *DATA.glob("*.yaml")]
    if path.name != "three_problems.yaml"
)


def _entries(data_dir: Path, kind: str) -> list[Path]:
    return sorted((data_dir / "cache").glob(f"{kind}-*.msgpack"))


def _forget_themes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Start as a new process would: no theme read in this one yet."""
    from tui import themes

    monkeypatch.setattr(themes, "_LOADED", {})


@pytest.mark.parametrize("path", CLEAN_DECKS, ids=lambda path: path.name)
def test_a_kept_deck_is_the_deck_the_loader_gives(
    path: Path, private_data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = os.path.relpath(path)  # as a user types it
    fresh = load_deck(name)
    first = deck_to_present(name, "ks")
    second = deck_to_present(name, "ks")
    assert repr(first) == repr(fresh) and repr(second) == repr(fresh)
    kept = _entries(private_data_dir, "deck")
    if any(slide.image_files for slide in fresh.slides):
        assert not kept  # its check looks at the pictures' files: never kept
    else:
        assert len(kept) == 1
        assert checked_cache.lookup("deck", name, path.read_bytes(), Deck) == fresh


def test_a_second_start_reads_no_yaml(tmp_path: Path) -> None:
    deck = tmp_path / "talk.yaml"
    deck.write_text("title: Hei\ntheme: paper\nslides:\n  - title: Først\n", encoding="utf-8")
    code = (
        "import sys, json\n"
        "from tui.cli.common import deck_to_present\n"
        f"deck = deck_to_present({str(deck)!r}, None)\n"
        "print(json.dumps([deck.slides[0].title, 'yaml' in sys.modules]))\n"
    )
    env = {**os.environ, "PODIUM_DATA_DIR": str(tmp_path / "data")}

    def run() -> list[object]:
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, env=env
        )
        assert result.returncode == 0, result.stderr
        return list(json.loads(result.stdout))

    assert run() == ["Først", True]  # checked, then kept
    assert run() == ["Først", False]  # the same bytes: no parser loaded
    deck.write_text("title: Hei\ntheme: paper\nslides:\n  - title: Så\n", encoding="utf-8")
    assert run() == ["Så", True]  # saved since: checked again


def test_a_changed_deck_is_checked_again_with_exact_positions(tmp_path: Path) -> None:
    deck = tmp_path / "talk.yaml"
    deck.write_text("slides:\n  - title: En\n  - title: To\n", encoding="utf-8")
    assert [slide.title for slide in deck_to_present(str(deck), None).slides] == ["En", "To"]
    deck.write_text("slides:\n  - title: En\n  - titel: To\n", encoding="utf-8")
    with pytest.raises(DeckError) as expected:
        load_deck(str(deck))
    with pytest.raises(BadInput) as error:
        deck_to_present(str(deck), None)
    assert error.value.lines == [str(problem) for problem in expected.value.problems]
    assert error.value.lines[0].startswith(f"{deck}:3:5: unknown key 'titel'")
    # Put back as it was: the kept entry was for those bytes, and is used again.
    deck.write_text("slides:\n  - title: En\n  - title: To\n", encoding="utf-8")
    assert deck_to_present(str(deck), None).slides[1].title == "To"


def test_a_deck_named_otherwise_is_not_served_under_the_old_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    deck = tmp_path / "talk.yaml"
    deck.write_text("slides:\n  - title: En\n", encoding="utf-8")
    assert deck_to_present(str(deck), None).source == str(deck)
    monkeypatch.chdir(tmp_path)
    assert deck_to_present("talk.yaml", None).source == "talk.yaml"
    assert deck_to_present("./talk.yaml", None).source == "./talk.yaml"


def test_an_entry_another_user_could_write_is_ignored(
    tmp_path: Path, private_data_dir: Path
) -> None:
    deck = tmp_path / "talk.yaml"
    deck.write_text("slides:\n  - title: En\n", encoding="utf-8")
    source = deck.read_bytes()
    deck_to_present(str(deck), None)
    (entry,) = _entries(private_data_dir, "deck")
    assert entry.stat().st_mode & 0o777 == 0o600
    assert entry.parent.stat().st_mode & 0o777 == 0o700
    assert checked_cache.lookup("deck", str(deck), source, Deck) is not None
    entry.chmod(0o666)
    assert checked_cache.lookup("deck", str(deck), source, Deck) is None
    entry.chmod(0o600)
    entry.write_bytes(b"\x93garbage")  # corrupt: a miss, never an error
    assert checked_cache.lookup("deck", str(deck), source, Deck) is None
    assert deck_to_present(str(deck), None).slides[0].title == "En"


def test_other_checking_code_is_a_miss(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    deck = tmp_path / "talk.yaml"
    deck.write_text("slides:\n  - title: En\n", encoding="utf-8")
    deck_to_present(str(deck), None)
    source = deck.read_bytes()
    assert checked_cache.lookup("deck", str(deck), source, Deck) is not None
    monkeypatch.setattr(checked_cache, "_code", checked_cache.code_stamp() + "\nnewer")
    assert checked_cache.lookup("deck", str(deck), source, Deck) is None


def test_the_code_stamp_follows_the_checking_modules(monkeypatch: pytest.MonkeyPatch) -> None:
    checked_cache.forget_code_stamp()
    stamp = checked_cache.code_stamp()
    for module in ("tui/deck/loader.py", "tui/yamlcheck/compose.py", "tui/theme_file.py"):
        assert str(REPO / module) in stamp
    assert "yaml" in stamp and "textual" in stamp


def test_a_changed_theme_file_is_read_again(
    tmp_path: Path, private_data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    theme = tmp_path / "mine.yaml"
    theme.write_text("name: mine\nprimary: '#ff0000'\n", encoding="utf-8")
    deck = tmp_path / "talk.yaml"
    deck.write_text("theme: mine.yaml\nslides:\n  - title: En\n", encoding="utf-8")
    deck_to_present(str(deck), None)
    assert len(_entries(private_data_dir, "theme")) == 1
    _forget_themes(monkeypatch)
    assert str(resolve_theme("mine.yaml", tmp_path).primary) == "#ff0000"
    # Saved with the same size (and perhaps within the same clock tick): read again.
    theme.write_text("name: mine\nprimary: '#00ff00'\n", encoding="utf-8")
    _forget_themes(monkeypatch)
    assert str(load_theme_file(theme).primary) == "#00ff00"
    theme.write_text("name: mine\nprimary: '#zzzzzz'\n", encoding="utf-8")
    _forget_themes(monkeypatch)
    with pytest.raises(BadInput) as error:
        deck_to_present(str(deck), None)
    (line,) = error.value.lines
    assert line.startswith(f"{deck}:1:8: theme: {theme}:2:10:")


def test_a_theme_kept_gives_the_same_fields(
    private_data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.paths import bundled_themes_dir
    from tui.theme_file import read_fields

    for path in sorted(bundled_themes_dir().glob("*.yaml")):
        _forget_themes(monkeypatch)
        load_theme_file(path)  # checked and kept
        _forget_themes(monkeypatch)
        assert load_theme_file(path) == load_theme_file(path)
        kept = checked_cache.lookup("theme", str(path), path.read_bytes(), dict)
        assert kept == read_fields(path)


def test_a_deck_with_pictures_is_never_kept(private_data_dir: Path) -> None:
    deck = deck_to_present(str(DATA / "pictures.yaml"), None)
    assert any(slide.image_files for slide in deck.slides)
    assert not _entries(private_data_dir, "deck")


def test_a_file_that_cannot_be_read_is_worded_by_the_loader(tmp_path: Path) -> None:
    with pytest.raises(BadInput) as error:
        deck_to_present(str(tmp_path / "missing.yaml"), None)
    with pytest.raises(DeckError) as expected:
        load_deck(str(tmp_path / "missing.yaml"))
    assert error.value.lines == [str(problem) for problem in expected.value.problems]
    with pytest.raises(ThemeError):
        load_theme_file(tmp_path / "missing.yaml")


def test_the_cache_folder_keeps_recent_entries_and_no_more_than_its_limit(
    private_data_dir: Path, tmp_path: Path
) -> None:
    folder = private_data_dir / "cache"
    folder.mkdir(mode=0o700, parents=True)
    now = time.time()
    hour = 3600
    # Entries used 1 .. MAX_ENTRIES + 5 hours ago, one past the age limit,
    # and a file the cache did not write.
    ages = {f"deck-{n:024d}.msgpack": n * hour for n in range(1, checked_cache.MAX_ENTRIES + 6)}
    ages["css-old.pickle"] = checked_cache.MAX_ENTRY_AGE + hour
    ages["notes.txt"] = 10 * checked_cache.MAX_ENTRY_AGE
    for name, age in ages.items():
        (folder / name).write_bytes(b"x")
        os.utime(folder / name, (now - age, now - age))
    deck = tmp_path / "talk.yaml"
    deck.write_text("title: Hei\nslides:\n  - title: Først\n", encoding="utf-8")
    deck_to_present(str(deck), "ks")  # a miss: writes its entry, then prunes
    left = {path.name for path in folder.iterdir()}
    written = {path.name for path in _entries(private_data_dir, "deck")} - set(ages)
    assert len(written) == 1  # the new entry, kept
    assert "notes.txt" in left  # not the cache's: untouched
    assert "css-old.pickle" not in left  # unused past the age limit
    kept = sorted(name for name in left if name in ages and name != "notes.txt")
    assert len(kept) + len(written) == checked_cache.MAX_ENTRIES
    # the least recently used went first: the newest MAX_ENTRIES - 1 of the old ones stay
    assert kept == sorted(f"deck-{n:024d}.msgpack" for n in range(1, checked_cache.MAX_ENTRIES))


def test_a_start_that_uses_an_old_entry_keeps_it(private_data_dir: Path, tmp_path: Path) -> None:
    deck = tmp_path / "talk.yaml"
    deck.write_text("title: Hei\nslides:\n  - title: Først\n", encoding="utf-8")
    deck_to_present(str(deck), "ks")
    (entry,) = _entries(private_data_dir, "deck")
    long_ago = time.time() - checked_cache.MAX_ENTRY_AGE * 0.9
    os.utime(entry, (long_ago, long_ago))
    deck_to_present(str(deck), "ks")  # a hit
    assert time.time() - entry.stat().st_mtime < 60
    checked_cache.prune(entry.parent, now=time.time() + checked_cache.MAX_ENTRY_AGE * 0.5)
    assert entry.exists()
