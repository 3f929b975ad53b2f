"""Helpers for the export tests: a store with votes, a rehearsal, a hostile deck."""

from __future__ import annotations

import re
from pathlib import Path

from tui.cli import main
from tui.deck.model import Deck
from tui.notes import slide_label
from tui.polls.store import VoteStore
from tui.rehearsal.store import RehearsalStore, SlideInfo, Timing

VOTES = (3, 5, 1, 2, 0, 6, 2)
"""Votes per option of the seed deck's poll (19 voters)."""

HOSTILE = """\
title: "<script>alert('t')</script> & </style> ]]> %PDF"
author: "<b>Mallory</b>"
event: "&amp; Event"
date: "2026-01-01"
slides:
  - layout: title
    title: "<script>alert(1)</script>"
    subtitle: "</title><img src=x onerror=alert(2)>"
    notes: "<iframe src='https://evil.example/'></iframe> [red]red[/red]"
  - title: "Tags and </section></main> ends"
    body: |
      <img src="https://evil.example/x.png" onerror="alert(3)">
      - [click](javascript:alert(4))
      - <style>body{background:url(https://evil.example/z)}</style>
      - `</pre><script>alert(5)</script>`

      ```html
      <script>alert(6)</script>
      ```
    notes: "Notes with <script>alert(7)</script>"
  - title: "Poll <b>?</b>"
    poll:
      id: hostile
      options: ["<i>one</i>", "two & three", "[bold]four[/bold]"]
"""
"""A deck whose every text tries to be markup (the loader refuses control
characters: :func:`control_deck` brings them in behind its back)."""


def control_deck() -> Deck:
    """A deck built in code with control characters everywhere, as a loader
    that let them through would give."""
    from tui.deck.model import Poll, Slide

    nasty = "\x1b]52;c;SGk=\x07\x1b[2J\x00\x9b31m\u202eevil\u2028"
    return Deck(
        title=f"Title {nasty}",
        author=nasty,
        slides=(
            Slide(title=f"One {nasty}", body=f"- item {nasty}\n", notes=nasty),
            Slide(
                title="Poll",
                poll=Poll(id="p", question=f"Q {nasty}", options=(f"a {nasty}", "b")),
            ),
        ),
    )


def export(*args: str) -> int:
    """Run ``podium export ARGS`` in this process; returns its exit status."""
    return main(["export", *args])


def vote_store(deck: Deck, path: Path) -> Path:
    """A closed vote store with :data:`VOTES` on the deck's first poll."""
    poll = deck.polls[0]
    with VoteStore.open(path) as store:
        for index, count in enumerate(VOTES):
            for voter in range(count):
                store.vote(poll, [poll.ids[index]], voter=f"voter-{index}-{voter}")
        store.set_closed(poll.id, True)
    return path


def rehearse(deck: Deck, seconds: float = 65.0) -> None:
    """Store one finished rehearsal of ``deck``: ``seconds`` plus the slide's number per slide."""
    store = RehearsalStore.open()
    try:
        slides = [
            SlideInfo(number, slide_label(slide), slide.steps, slide.time)
            for number, slide in enumerate(deck.slides, start=1)
        ]
        rehearsal = store.begin(deck.source, deck.title, 1_700_000_000.0, deck.duration, slides)
        store.save(
            rehearsal,
            [Timing(number, 0, seconds + number, 1) for number in range(1, len(slides) + 1)],
        )
        store.finish(rehearsal, 1_700_001_000.0)
    finally:
        store.close()


def squash(text: str) -> str:
    """Text without any whitespace (PDF lines wrap where the page does)."""
    return re.sub(r"\s+", "", text)
