"""The shared YAML checking layer used by decks and themes (tui.yamlcheck)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tui.deck import DeckError, Problem, load_deck_text
from tui.deck.slug import slug
from tui.yamlcheck.checker import Checker, closest, truth
from tui.yamlcheck.compose import Rules, compose
from tui.yamlcheck.nodes import Mapping, Scalar
from tui.yamlcheck.problems import ProblemsError
from tui.yamlcheck.source import FileWords, SourceError, decode, position, read_text

REPO = Path(__file__).resolve().parents[2]

WORDS = FileWords(
    missing="gone",
    missing_folder=None,
    directory=lambda path: f"{path} is a folder",
    cannot_read="cannot read",
    too_big=lambda size: f"{size} bytes is too many",
    not_utf8=lambda byte, offset: f"bad byte 0x{byte:02X} at offset {offset}",
)


def syntax(error: yaml.YAMLError, text: str, path: str) -> Problem:
    mark = getattr(error, "problem_mark", None)
    return Problem(path, mark.line + 1 if mark else 0, mark.column + 1 if mark else 0, "syntax")


RULES = Rules(
    noun="widget file",
    max_nodes=20,
    max_alias_expansion=10,
    max_depth=3,
    too_many="more than {limit} values",
    another_document="one document only",
    syntax=syntax,
)


def tree(text: str, rules: Rules = RULES) -> tuple[object, list[str]]:
    root, problems = compose(text, "w.yaml", rules, getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return root, [str(problem) for problem in problems]


# -- problems ------------------------------------------------------------------


def test_problem_prints_file_line_column_and_whole_file_problems_at_1_1() -> None:
    assert str(Problem("a.yaml", 3, 7, "bad")) == "a.yaml:3:7: bad"
    assert str(Problem("a.yaml", 0, 0, "empty")) == "a.yaml:1:1: empty"
    error = ProblemsError([Problem("a.yaml", 1, 2, "x"), Problem("a.yaml", 4, 1, "y")])
    assert str(error) == "a.yaml:1:2: x\na.yaml:4:1: y"
    assert issubclass(DeckError, ProblemsError)


# -- reading -------------------------------------------------------------------


def test_read_text_words_each_failure_for_the_kind_of_file(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as caught:
        read_text(str(tmp_path / "nope.yaml"), 100, WORDS)
    assert [str(problem) for problem in caught.value.problems] == [f"{tmp_path / 'nope.yaml'}:1:1: gone"]
    with pytest.raises(SourceError, match="is a folder"):
        read_text(str(tmp_path), 100, WORDS)
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a" * 101)
    with pytest.raises(SourceError, match="101 bytes is too many"):
        read_text(str(big), 100, WORDS)
    odd = tmp_path / "odd.yaml"
    odd.write_bytes("a: 1\nbé: \xff".encode("latin-1"))
    with pytest.raises(SourceError) as caught:
        read_text(str(odd), 100, WORDS)
    (problem,) = caught.value.problems
    assert (problem.line, problem.column) == (2, 2)
    assert problem.message == "bad byte 0xE9 at offset 6"


def test_decode_drops_a_byte_order_mark_and_counts_text_as_utf8() -> None:
    assert decode("\ufeffa: 1", "t", 100, WORDS) == "a: 1"
    assert decode("\ufeffa: 1".encode(), "t", 100, WORDS) == "a: 1"
    with pytest.raises(SourceError, match="too many"):
        decode("ø" * 60, "t", 100, WORDS)  # 60 characters, 120 bytes


def test_position_counts_every_yaml_line_break() -> None:
    text = "a\r\nb\rc\x85d"
    assert position(text, text.index("d")) == (4, 1)
    assert position(text, text.index("c") + 1) == (3, 2)


# -- composing -----------------------------------------------------------------


def test_compose_keeps_text_as_typed_with_positions() -> None:
    root, problems = tree("a: No\nb:\n  - 1.10\n")
    assert problems == []
    assert isinstance(root, Mapping)
    (key_a, value_a), (_, value_b) = root.pairs
    assert isinstance(value_a, Scalar) and value_a.value == "No"
    assert (key_a.line, key_a.column, value_a.line, value_a.column) == (1, 1, 1, 4)
    assert value_b.items[0].value == "1.10"  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("- [[[[1]]]]\n", "w.yaml:1:5: the widget file is nested too deeply (more than 3 levels)"),
        ("[" + ", ".join(["1"] * 25) + "]\n", "w.yaml:1:59: more than 20 values"),
        ("a: 1\n---\nb: 2\n", "w.yaml:2:1: one document only"),
        ("a: !!python/name:os.system x\n", "w.yaml:1:4: the tag '!!python/name:os.system' is not allowed; "
         "a widget file holds only plain text, lists and mappings (remove the tag, or quote the value if it is text)"),
        ("a: &x [1, 2, 3, 4, 5]\nb: [*x, *x]\n", "w.yaml:2:9: aliases in this widget file expand to more than "
         "10 values (an alias bomb?); refusing to read it"),
        ("a: [1\n", "w.yaml:2:1: syntax"),
        ("a: \x1b[31m\n", "w.yaml:1:4: character U+001B is not allowed in a YAML file; remove it"),
    ],
    ids=["deep", "many", "two-documents", "tag", "alias-bomb", "syntax", "control-character"],
)
def test_compose_limits_and_words_come_from_the_rules(text: str, expected: str) -> None:
    _, problems = tree(text)
    assert problems == [expected]


# -- shared checks ------------------------------------------------------------


def test_truth_words() -> None:
    def value(text: str) -> object:
        return truth(tree(f"v: {text}\n")[0].pairs[0][1])  # type: ignore[attr-defined]

    assert [value(word) for word in ("yes", " On ", "TRUE", "no", "off", "False")] == [
        True, True, True, False, False, False,
    ]  # fmt: skip
    assert [value(word) for word in ("maybe", "", "[yes]", "1")] == [None, None, None, None]


def test_closest_tries_the_word_as_written_then_folded() -> None:
    assert closest("Title", ("title", "time")) == "title"
    assert closest("TITEL", ("title", "body")) == "title"  # only close once lower-cased
    assert closest("LAYOUT", ("layout",), fold=str.strip) is None
    assert closest("zzz", ("title", "body")) is None


def test_named_pairs_reports_bad_and_repeated_keys_and_collects_merges() -> None:
    text = "a: 1\n[x]: 2\na: 3\n<<: {b: 4}\n' c ': 5\n"
    root, _ = tree(text)
    checker = Checker(text, "w.yaml")
    merges: list = []
    names = [
        name
        for name, _, _ in checker.named_pairs(
            root,  # type: ignore[arg-type]
            not_text=lambda key: f"not text at {key.line}",
            duplicate=lambda name, first, _value: f"{name} again (first on {first.line})",
            merges=merges,
            strip=True,
        )
    ]
    assert names == ["a", "c"]
    assert [str(problem) for problem in checker.problems] == [
        "w.yaml:2:1: not text at 2",
        "w.yaml:3:1: a again (first on 1)",
    ]
    assert [name for source in merges for name, _, _ in checker.merge(source)] == ["b"]


def test_single_value_refuses_lists_and_mappings() -> None:
    text = "a: [1]\nb: {c: d}\ne: '  f  '\n"
    root, _ = tree(text)
    checker = Checker(text, "w.yaml")
    values = [checker.single_value(value, key.value) for key, value in root.pairs]  # type: ignore[attr-defined]
    assert values == [None, None, "f"]
    assert [str(problem) for problem in checker.problems] == [
        "w.yaml:1:4: 'a' must be a single value, not a list",
        "w.yaml:2:4: 'b' must be a single value, not a mapping",
    ]


def test_deck_and_theme_problems_are_the_same_type(tmp_path: Path) -> None:
    from tui.themes import ThemeError, load_theme_file

    path = tmp_path / "same.yaml"
    path.write_text('name: same\nprimary: "#12345"\n', encoding="utf-8")
    with pytest.raises(ThemeError) as theme_error:
        load_theme_file(path)
    (theme_problem,) = theme_error.value.located
    with pytest.raises(DeckError) as deck_error:
        load_deck_text("slides: [{titel: Hi}]\n", str(path))
    (deck_problem,) = deck_error.value.problems
    assert type(theme_problem) is type(deck_problem) is Problem
    assert (theme_problem.path, theme_problem.line, theme_problem.column) == (str(path), 2, 10)
    assert theme_error.value.problems == [str(theme_problem)]


# -- slugs -----------------------------------------------------------------------


def test_one_slug_for_poll_ids_option_ids_and_file_names() -> None:
    from tui.deck import loader, poll_options

    assert loader.slug is slug and poll_options.slug is slug
    assert slug("Hva mener du om æøå?") == "hva-mener-du-om-aeoa"
    # Without folding, letters with no ASCII base are dropped, as vote store
    # file names always have been (so existing stores keep their names).
    assert slug("Møte på Ærø", fold_letters=False) == "mte-pa-r"
    assert slug("ᴬᴮ Min Tale!", fold_letters=False) == "ab-min-tale"
    assert len(slug("x" * 100)) == 40


def test_the_deck_model_imports_without_the_loader() -> None:
    code = (
        "import sys\n"
        "sys.modules['tui.deck'] = type(sys)('tui.deck')\n"
        "sys.modules['tui.deck'].__path__ = [__import__('os').path.join('tui', 'deck')]\n"
        "from tui.deck.model import Poll\n"
        "print(Poll(id='p', question='Q', options=('Ja', 'Nei')).ids)\n"
        "assert 'tui.deck.loader' not in sys.modules, sorted(sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "('ja', 'nei')"
