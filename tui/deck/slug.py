"""Slugs: short ASCII names made from text, for ids and file names.

One function for every slug in Podium (poll ids, option ids, vote store
file names). Imports nothing from Podium.
"""

from __future__ import annotations

import re
import unicodedata

MAX_SLUG = 40
"""Longest slug, in characters."""

_FOLD = {"æ": "ae", "ø": "o", "å": "a", "ß": "ss", "œ": "oe", "ð": "d", "þ": "th"}
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str, *, fold_letters: bool = True) -> str:
    """Make a slug of text: lowercase ASCII letters, digits, hyphens.

    Accents are dropped (``é`` to ``e``). Norwegian and a few other letters
    fold as people write them without them (``æ`` to ``ae``, ``ø`` to
    ``o``, ``å`` to ``a``); with ``fold_letters=False`` letters without an
    ASCII base (``æ``, ``ø``, ``ß`` ...) are dropped instead, which is how
    vote store file names have always been made.

    Args:
        text: Usually a poll question, an option or a file name.
        fold_letters: Fold letters such as ``æ`` and ``ø`` rather than
            dropping them.

    Returns:
        At most :data:`MAX_SLUG` characters; empty when nothing usable is left.
    """
    if text.isascii():  # nothing to fold or drop: the same result, sooner
        ascii_text = text.lower()
        if ascii_text.isalnum():  # one word: already a slug
            return ascii_text[:MAX_SLUG]
    elif fold_letters:
        lowered = text.lower()
        for letter, folded in _FOLD.items():  # a few "in" tests beat str.translate
            if letter in lowered:
                lowered = lowered.replace(letter, folded)
        ascii_text = unicodedata.normalize("NFKD", lowered).encode("ascii", "ignore").decode()
    else:
        # Lower-cased after decomposing, as store file names always were.
        ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    hyphened = _NOT_SLUG.sub("-", ascii_text).strip("-")
    return hyphened[:MAX_SLUG].rstrip("-")
