"""The key line's shortening rule (:func:`tui.widgets.key_line.fitting_keys`)."""

from __future__ import annotations

from tui.widgets.key_line import Drawn, Rank, fitting_keys, key_rank

ARROW, OTHER, LAST = Rank.SPEAKS_FOR_ITSELF, Rank.OTHER, Rank.KEPT_LAST
W, B, N = Drawn.WITH_WORDS, Drawn.BARE, Drawn.NOT

# "→ Neste : Gå til ← Tilbake o Oversikt q Avslutt ? Hjelp": key cells, word cells, rank.
LINE = [(1, 5, ARROW), (1, 6, OTHER), (1, 7, ARROW), (1, 8, OTHER), (1, 7, LAST), (1, 5, LAST)]
FULL = sum(key + 1 + 1 + words for key, words, _ in LINE)  # 55


def test_everything_fits_when_wide_enough_or_not_laid_out() -> None:
    assert fitting_keys(LINE, FULL) == [W] * 6
    assert fitting_keys(LINE, 0) == [W] * 6


def test_the_arrows_lose_their_words_together_first() -> None:
    assert fitting_keys(LINE, FULL - 1) == [B, W, B, W, W, W]
    assert fitting_keys(LINE, FULL - 14) == [B, W, B, W, W, W]


def test_then_the_other_keys_from_the_left_then_quit_then_help() -> None:
    assert fitting_keys(LINE, FULL - 15) == [B, B, B, W, W, W]
    assert fitting_keys(LINE, FULL - 22) == [B, B, B, B, W, W]
    assert fitting_keys(LINE, FULL - 31) == [B, B, B, B, B, W]
    assert fitting_keys(LINE, 12) == [B] * 6


def test_whole_keys_are_left_out_others_first_help_last() -> None:
    assert fitting_keys(LINE, 11) == [B, B, B, N, B, B]
    assert fitting_keys(LINE, 8) == [B, N, B, N, B, B]
    assert fitting_keys(LINE, 6) == [B, N, N, N, B, B]
    assert fitting_keys(LINE, 4) == [N, N, N, N, B, B]
    assert fitting_keys(LINE, 2) == [N, N, N, N, N, B]


def test_keys_without_words_are_drawn_bare() -> None:
    assert fitting_keys([(3, 0, OTHER), (1, 4, LAST)], 11) == [B, W]


def test_ranks_come_from_the_action() -> None:
    assert key_rank("next") is key_rank("screen.previous") is key_rank("move(-1)") is ARROW
    assert key_rank("app.quit") is key_rank("help") is key_rank("ask_quit") is LAST
    assert key_rank("vote(1)") is key_rank("goto") is key_rank("toggle_notes") is OTHER
