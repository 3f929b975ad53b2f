"""Every text the phone page shows, from Podium's catalogues (``web.*`` keys).

The words live with every other word the room reads, one catalogue file per
language (:mod:`tui.i18n`), so a third language is one file. :func:`words`
gives the page's texts in a deck's language; the page looks each up by its
key and escapes it. Imports no Textual.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

from tui.i18n import languages, words_for

LANGUAGES = languages()
"""Languages the phone page speaks (those with a catalogue); English first."""

KEYS = (
    "page_title",
    "waiting",
    "waiting_help",
    "follow_along",
    "ended",
    "choose_one",
    "choose_many",
    "send",
    "change",
    "saved",
    "your_vote",
    "closed",
    "results",
    "no_choice",
    "refused_not_on_screen",
    "refused_closed",
    "refused_expired",
    "refused_unknown_option",
    "refused_not_saved",
    "refused_busy",
    "not_found",
    "bad_request",
    "join_title",
    "join_code",
    "join_button",
    "update",
    "bad_code",
    "option_number",
)
"""The page's texts, each ``web.KEY`` in every catalogue."""


@cache
def words(lang: str | None = "en") -> Mapping[str, str]:
    """The phone page's texts in ``lang``.

    Args:
        lang: A BCP 47 tag (a deck's ``lang:``); one Podium has no
            catalogue for, or None, gives English.

    Returns:
        Text by key (placeholders such as ``{number}`` left in), plus
        ``lang``: the catalogue's code, for the page's ``<html lang>``.
    """
    catalogue = words_for(lang)
    if lang != catalogue.code:
        # Every tag of one language gives the same texts (and the same object).
        return words(catalogue.code)
    texts = {"lang": catalogue.code}
    for key in KEYS:
        entry = catalogue.entry(f"web.{key}")
        texts[key] = entry if isinstance(entry, str) else str(words_for(None).entry(f"web.{key}"))
    return texts


def count_text(lang: str | None, kind: str, count: int) -> str:
    """``"1 voter"``, ``"12 voters"``, ``"12 har stemt"`` ...

    Args:
        lang: As for :func:`words`.
        kind: ``"voters"`` or ``"votes"``.
        count: How many.
    """
    key = "web.voters" if kind == "voters" else "web.votes"
    return words_for(lang)(key, count=count)
