"""``podium DECK`` is read without argparse, to the same options the parser gives."""

from __future__ import annotations

import pytest

from tui.cli import _parser, _plain


@pytest.mark.parametrize("argv", [[], ["talk.yaml"], ["my talk.yaml"], ["/tmp/a b/c.yaml"]])
def test_a_deck_alone_gives_what_the_parser_gives(argv: list[str]) -> None:
    plain = _plain(argv)
    assert plain is not None
    assert vars(plain) == vars(_parser().parse_args(argv))


@pytest.mark.parametrize(
    "argv",
    [
        ["--theme", "paper"],
        ["talk.yaml", "--no-reload"],
        ["--audience"],
        ["-h"],
        ["--version"],
        ["-"],
        [""],
        ["a.yaml", "b.yaml"],
    ],
)
def test_anything_more_goes_to_the_parser(argv: list[str]) -> None:
    assert _plain(argv) is None
