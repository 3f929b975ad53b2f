"""A generated deck of any size with every layout, for the loader's tests and benchmark."""

from __future__ import annotations


def big_deck(slides: int = 1000) -> str:
    """Build the YAML text of a deck with every layout, repeated.

    Args:
        slides: How many slides to generate.

    Returns:
        The deck's YAML source.
    """
    parts = ["title: Stor presentasjon\nauthor: Test\ndate: 2012-09-19\nduration: 1h 30m\nslides:\n"]
    for number in range(slides):
        kind = number % 6
        if kind == 0:
            parts.append(f"  - layout: title\n    title: Tittel {number}\n    subtitle: Under {number}\n")
        elif kind == 1:
            parts.append(
                f"  - title: Innhold {number}\n    reveal: yes\n    body: |\n"
                "      - Nytt\n      - Nyttig\n        - nested\n      - Nyttiggjort\n"
                f"    notes: |\n      Notater for lysbilde {number}.\n"
            )
        elif kind == 2:
            parts.append(f"  - layout: section\n    title: Del {number}\n")
        elif kind == 3:
            parts.append(f"  - layout: quote\n    body: Sitat {number}\n    attribution: No\n")
        elif kind == 4:
            parts.append(f"  - title: Kolonner {number}\n    columns: [Venstre, Høyre, '1.10']\n")
        else:
            parts.append(
                f"  - title: Spørsmål {number}?\n    poll:\n"
                "      options: [Yes, No, on, Behov, Bruker, Åpen innovasjon]\n"
            )
    return "".join(parts)
