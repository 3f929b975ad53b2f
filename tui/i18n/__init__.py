"""The words the audience (and the presenter) read, in the talk's language.

Every string a Podium screen shows lives in a catalogue: one JSON file per
language in this folder (``en.json``, ``nb.json``), read the first time a
language is used. A deck's ``lang:`` (a BCP 47 tag such as ``nb`` or
``en-GB``) picks the catalogue with :func:`match_language`; a tag Podium has
no catalogue for falls back to English (and ``podium check`` warns).

A catalogue maps keys to text with named placeholders (``{count}``); a key
whose text depends on a number maps to plural forms (``one``, ``other``),
chosen by the catalogue's ``_plural`` rule. Adding a language is adding one
file with the same keys and placeholders as ``en.json`` (a test checks).

Imports only the standard library: the deck model, the core and the apps
may all use it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from functools import cache, partial
from typing import Any

__all__ = [
    "ENGLISH",
    "PLURAL_RULES",
    "Words",
    "document_language",
    "english",
    "language_names",
    "languages",
    "match_language",
    "words_for",
    "words_of",
]

_FOLDER = os.path.dirname(os.path.abspath(__file__))
"""Where the catalogues are: this package's folder (shipped with it)."""

ENGLISH = "en"
"""The language every catalogue is checked against, and the fallback."""

ALIASES = {"no": "nb"}
"""Tags that name a language whose catalogue has another code.

``no`` (Norwegian) is written as Bokmål by most readers, so it reads ``nb``.
"""

_TAG = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")
"""A BCP 47 tag, loosely: a primary language subtag, then subtags."""


def _one_other(count: int) -> str:
    return "one" if abs(count) == 1 else "other"


def _one_few_many(count: int) -> str:
    # Polish, Czech-like rule (CLDR "pl"): 1; 2-4 but not 12-14; the rest.
    count = abs(count)
    if count == 1:
        return "one"
    if count % 10 in (2, 3, 4) and count % 100 not in (12, 13, 14):
        return "few"
    return "many"


def _other(count: int) -> str:
    return "other"


PLURAL_RULES = {"one_other": _one_other, "one_few_many": _one_few_many, "other": _other}
"""Plural rules a catalogue may name in ``_plural``: each maps a count to a form.

``one_other`` (English, Norwegian, most European languages), ``one_few_many``
(Polish and the like), ``other`` (languages without plural forms).
"""


class Words:
    """One language's catalogue: look a key up with named values.

    Args:
        code: The catalogue's language code (``en``, ``nb``).
        entries: The catalogue's keys and texts, as read from its file.
        fallback: Looked up for a key this catalogue lacks (English), or None;
            or what reads it, called the first time a key is missing (a
            complete catalogue never has the fallback read).

    Call it: ``words("poll.voters", count=11)`` gives ``"11 voters"`` in
    English and ``"11 stemmer"`` in Bokmål.
    """

    def __init__(
        self,
        code: str,
        entries: dict[str, Any],
        fallback: Words | Callable[[], Words] | None = None,
    ) -> None:
        self.code = code
        """The catalogue's language code."""
        self.name: str = str(entries.get("_name", code))
        """The language's name in itself (``norsk bokmål``)."""
        self._entries = entries
        self._plural = PLURAL_RULES.get(str(entries.get("_plural", "one_other")), _one_other)
        self._fallback = fallback

    def __call__(self, key: str, /, **values: object) -> str:
        """The text of ``key`` with ``values`` filled in.

        Args:
            key: A catalogue key such as ``poll.voters``.
            values: The placeholders' values; ``count`` (an int) also picks
                the plural form of a key that has them.

        Returns:
            The text. Values are inserted as text (never parsed as markup);
            a key missing here is looked up in English, and a key missing
            there too is returned as it is (a test keeps that from happening).
        """
        entry = self._entries.get(key)
        if entry is None:
            fallback = self._fallback
            if fallback is None:
                return key
            if not isinstance(fallback, Words):
                fallback = self._fallback = fallback()
            return fallback(key, **values)
        if isinstance(entry, dict):
            count = values.get("count", 0)
            form = self._plural(count if isinstance(count, int) else 0)
            entry = entry.get(form, entry.get("other", key))
        return str(entry).format_map(values)

    def has(self, key: str) -> bool:
        """Whether this catalogue itself holds ``key`` (no fallback)."""
        return key in self._entries

    def keys(self) -> frozenset[str]:
        """Every key of this catalogue (without the ``_`` settings)."""
        return frozenset(key for key in self._entries if not key.startswith("_"))

    def entry(self, key: str) -> str | dict[str, str] | None:
        """The raw text (or plural forms) of ``key``, for checks and tests."""
        return self._entries.get(key)

    def __repr__(self) -> str:
        return f"Words({self.code!r})"


@cache
def languages() -> tuple[str, ...]:
    """Codes of the shipped catalogues, sorted (``("en", "nb")``); listed once."""
    return tuple(sorted(name[:-5] for name in os.listdir(_FOLDER) if name.endswith(".json")))


def language_names() -> str:
    """The shipped languages for a message: ``en (English), nb (norsk bokmål)``."""
    return ", ".join(f"{code} ({words_for(code).name})" for code in languages())


@cache
def match_language(tag: str | None) -> str | None:
    """The catalogue for a BCP 47 language tag, or None when Podium has none.

    Matching ignores case and drops subtags from the end until a catalogue
    fits: ``nb-NO`` and ``nb`` give ``nb``; ``no`` (Norwegian) gives ``nb``
    too; ``en-GB`` gives ``en``. ``_`` is read as ``-`` (``nb_NO``).

    Args:
        tag: The tag as written (``lang:`` in a deck), or None or "" for none.

    Returns:
        A code from :func:`languages`; ``en`` for no tag; None for a tag
        that is malformed or names a language without a catalogue.
    """
    if not tag or not tag.strip():
        return ENGLISH
    tag = tag.strip().replace("_", "-")
    if not _TAG.match(tag):
        return None
    known = languages()
    parts = tag.lower().split("-")
    while parts:
        code = "-".join(parts)
        code = ALIASES.get(code, code)
        if code in known:
            return code
        parts.pop()
    return None


def document_language(tag: str | None) -> str:
    """The language to declare for a document made of a deck (``<html lang>``, a PDF's /Lang).

    Unlike :func:`match_language` this is the tag as the author wrote it,
    catalogue or not: the slides are in that language whatever words
    Podium has for it (``nb-NO`` stays ``nb-NO``, ``de`` stays ``de``).

    Args:
        tag: The deck's ``lang:``, or None or "" for none.

    Returns:
        The tag stripped, ``_`` read as ``-``; :data:`ENGLISH` for no tag or
        one that is not a BCP 47 tag (as the screens then speak English).
    """
    tag = (tag or "").strip().replace("_", "-")
    return tag if _TAG.match(tag) else ENGLISH


def words_for(tag: str | None) -> Words:
    """The catalogue for a language tag (English when Podium has none for it).

    Each file is read once per process, the first time its language is
    used; every tag of one language gives the same :class:`Words`.

    Args:
        tag: A BCP 47 tag (``nb``, ``nb-NO``, ``en``), or None for English.
    """
    return _load(match_language(tag) or ENGLISH)


@cache
def _load(code: str) -> Words:
    # msgspec's decoder: the presenter has it loaded already (the json module is not).
    import msgspec

    # English is read only if this catalogue lacks a key (each holds ~40 kB of objects).
    fallback = partial(_load, ENGLISH) if code != ENGLISH else None
    with open(os.path.join(_FOLDER, f"{code}.json"), "rb") as file:
        return Words(code, msgspec.json.decode(file.read()), fallback)


def english() -> Words:
    """The English catalogue (the default everywhere a deck says nothing)."""
    return words_for(ENGLISH)


def words_of(holder: object) -> Words:
    """The catalogue an app (or anything with a ``words`` attribute) speaks.

    Args:
        holder: Usually a Textual app: Podium's apps hold the deck's
            catalogue as ``words``.

    Returns:
        That catalogue, or English when ``holder`` has none.
    """
    words = getattr(holder, "words", None)
    return words if isinstance(words, Words) else english()
