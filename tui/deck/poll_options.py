"""Stable ids for poll options. Imports no Textual.

Votes are stored against an option's id, not its position or its exact
text, so that editing a deck never moves votes to the wrong option:

- An option written as plain text gets an id derived from its text
  (``Åpen innovasjon`` -> ``apen-innovasjon``). Changing only case,
  accents or punctuation keeps the id, so its votes stay with it; renaming
  it to other words makes a new id, and the old votes show as orphaned.
- An option written as ``{id: open, text: Åpen innovasjon}`` keeps the id
  ``open`` whatever its text becomes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from tui.deck.slug import slug
from tui.digest import sha256_hex

MAX_OPTION_ID = 40
"""Longest option id, in characters."""


def derive_option_ids(
    poll_id: str, texts: Sequence[str], explicit: Sequence[str | None] = ()
) -> tuple[str, ...]:
    """Give every option of a poll a stable, unique id.

    Args:
        poll_id: The poll's id (mixed into ids that cannot be plain slugs).
        texts: The options' texts, in order.
        explicit: Ids written in the deck, parallel to ``texts`` (None where
            the deck gives none); may be shorter than ``texts``.

    Returns:
        One id per text: the explicit id when given, else the text's slug
        (``Åpen innovasjon`` -> ``apen-innovasjon``). A slug that is empty,
        or that two options (or an explicit id) share, gets a suffix of six
        hex digits from the SHA-256 of the poll id and the option text, so
        ids stay unique and stable.
    """
    slugs = [slug(text)[:MAX_OPTION_ID] for text in texts]
    if not any(explicit) and all(slugs) and len(set(slugs)) == len(slugs):
        return tuple(slugs)  # the usual poll: every slug is there and unique
    given = [explicit[index] if index < len(explicit) else None for index in range(len(texts))]
    taken = {each for each in given if each}
    uses = Counter(each for each, written in zip(slugs, given, strict=True) if not written)
    ids: list[str] = []
    for text, each, written in zip(texts, slugs, given, strict=True):
        if written:
            ids.append(written)
        elif each and uses[each] == 1 and each not in taken:
            ids.append(each)
        else:
            digest = sha256_hex(f"{poll_id}\n{text}".encode())[:6]
            ids.append(f"{(each or 'option')[: MAX_OPTION_ID - 7]}-{digest}")
    return tuple(ids)
