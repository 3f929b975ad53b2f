"""The presenter's keys, and the words the presenter screen says with them.

:data:`PRESENTER_BINDINGS` lists every key of
:class:`tui.screens.presenter.PresenterScreen`. :func:`word` turns a
:class:`tui.show.events.Notice` from the core into a toast; a key named in
that text comes from these bindings (the core names no key).
"""

from __future__ import annotations

from typing import Any

from textual.binding import Binding, BindingType

from tui.screens.navigable import navigation_keys
from tui.show.events import Notice, NoticeKind
from tui.widgets.poll_view import PollKeys


def _digit_bindings() -> list[Binding]:
    """The digit keys: they type the slide number while the go-to prompt
    (``:``) is open, else vote on a poll slide, else show how to go to a slide.

    All share keys; ``check_action`` enables exactly one of them at a time
    (Textual tries a key's bindings in order and runs the first enabled one).
    """
    digits = [Binding(str(n), f"digit({n})", "", show=False, key_display="0-9") for n in range(10)]
    votes = [
        Binding(
            str(n),
            f"vote({n})",
            "Vote",
            show=n == 1,
            key_display="1-9",
            tooltip="Vote for option N (poll slides)",
        )
        for n in range(1, 10)
    ]
    hints = [Binding(str(n), "goto_hint", "", show=False) for n in range(10)]
    return digits + votes + hints


_CLOSE_TOOLTIP = "Close the poll to new votes, or reopen it"

POLL_BINDINGS = [
    # Not in the footer (it is full on a poll slide): the poll itself says
    # "c closes the poll" / "c reopens", and help lists the key.
    Binding("c", "close_poll", "Close poll", show=False, tooltip=_CLOSE_TOOLTIP),
    Binding("c", "reopen_poll", "Reopen poll", show=False, tooltip=_CLOSE_TOOLTIP),
    # The vote keys of a closed poll: say why nothing is counted. No
    # description, so neither the footer nor help lists them.
    *(Binding(str(n), f"refuse_vote({n})", "", show=False) for n in range(1, 10)),
]
"""Poll keys besides voting (``1``-``9``), ``r`` and ``u``."""

TOOL_BINDINGS = [
    Binding("t", "timer", "Timer", show=False, tooltip="Start, pause or resume the talk timer"),
    Binding(
        "T",
        "reset_timer",
        "Reset timer",
        show=False,
        tooltip="Reset the talk timer to 0:00 (asks first)",
    ),
    Binding(
        "N",
        "notes_only",
        "Notes only",
        show=False,
        tooltip="Notes only: the notes pane fills the screen",
    ),
    Binding(
        "J,shift+down",
        "scroll_notes(1)",
        "Scroll notes",
        show=False,
        tooltip="Scroll the speaker notes down",
    ),
    Binding(
        "K,shift+up",
        "scroll_notes(-1)",
        "Scroll notes",
        show=False,
        tooltip="Scroll the speaker notes up",
    ),
]
"""Keys of the presenter's tools: timer and notes."""

_NAV = navigation_keys(next_keys="right,space,pagedown,l,n")

PRESENTER_BINDINGS: list[BindingType] = [
    _NAV.next,
    Binding(
        "enter", "enter", "Next", show=False, tooltip="Next step or slide; in the go-to prompt: go"
    ),
    Binding(
        "colon", "goto", "Go to", tooltip="Go to slide N: press :, the number, Enter (Esc cancels)"
    ),
    _NAV.previous,
    _NAV.first,
    _NAV.last,
    Binding("escape", "cancel_number", "Cancel", show=False, tooltip="Close the go-to prompt"),
    Binding(
        "down,j",
        "scroll(1)",
        "Scroll",
        show=False,
        tooltip="Scroll a long slide down (the notes, in notes-only mode)",
    ),
    Binding(
        "up,k",
        "scroll(-1)",
        "Scroll",
        show=False,
        tooltip="Scroll a long slide up (the notes, in notes-only mode)",
    ),
    _NAV.overview,
    Binding("s", "toggle_notes", "Notes", tooltip="Show or hide the speaker notes"),
    Binding("b", "blank", "Blank", show=False, tooltip="Blank the screen (any key returns)"),
    *_digit_bindings(),
    Binding("r", "toggle_chart", "Results", tooltip="Show or hide the poll results chart"),
    Binding("u", "undo_vote", "Undo vote", show=False, tooltip="Take back the last counted vote"),
    *POLL_BINDINGS,
    *TOOL_BINDINGS,
    # Checked before "previous" (priority) but listed last, so the footer
    # still shows ← for Back; acts only while the go-to prompt is open.
    Binding("backspace", "erase_digit", "", show=False, priority=True),
]
"""Every key of the presenter screen, in footer and help order."""

POLL_ACTIONS = frozenset({"close_poll", "reopen_poll", "refuse_vote"})
"""Actions enabled by whether the poll on screen is closed."""


def key_for(action: str) -> str:
    """The first key bound to ``action`` on the presenter screen (as typed)."""
    for binding in PRESENTER_BINDINGS:
        if isinstance(binding, Binding) and binding.action == action:
            return binding.key.split(",")[0]
    raise KeyError(action)


_GOTO_KEY = key_for("goto").replace("colon", ":")

GOTO_HINT = f"Press {_GOTO_KEY} then the slide number and Enter to go to a slide."
"""What a bare digit on a slide without a poll says (digits vote on poll slides)."""

POLL_KEYS = PollKeys(chart=key_for("toggle_chart"), close=key_for("close_poll"))
"""The keys a poll slide's summary line names ("r shows the results · c closes the poll")."""

POLL_CLOSED_MESSAGE = f"Poll closed — press {key_for('reopen_poll')} to reopen."
"""What a vote key or ``u`` on a closed poll says (and nothing changes)."""


def word(notice: Notice) -> tuple[str, dict[str, Any]]:
    """The toast for ``notice``: its text and the keywords of ``notify``.

    Args:
        notice: From a :class:`tui.show.events.Change`.

    Returns:
        ``(message, {"title": ..., "severity": ..., "timeout": ...})`` (only
        the keywords that differ from Textual's defaults).
    """
    kind, text = notice.kind, notice.text
    timer = key_for("timer")
    match kind:
        case NoticeKind.NO_SUCH_SLIDE:
            return f"There is no slide {notice.number}; the deck has {notice.count}.", {
                "severity": "warning"
            }
        case NoticeKind.POLL_CLOSED:
            return POLL_CLOSED_MESSAGE, {"severity": "warning", "timeout": 3}
        case NoticeKind.CLOSED:
            return f"Closed “{text}”: no more votes.", {"timeout": 3}
        case NoticeKind.REOPENED:
            return f"Reopened “{text}”.", {"timeout": 3}
        case NoticeKind.RESET:
            return (
                f"Cleared {notice.count} vote(s) on “{text}”. A backup is kept: "
                "“Restore cleared votes” in the palette (Ctrl+P) brings them back."
            ), {}
        case NoticeKind.RESTORED:
            return f"Restored {notice.count} vote(s) on “{text}”.", {}
        case NoticeKind.STORE_TROUBLE:
            return text, {"title": "Vote store", "severity": "error", "timeout": 10}
        case NoticeKind.TIMER_RUNNING:
            return "Timer running.", {"timeout": 2}
        case NoticeKind.TIMER_PAUSED:
            return f"Timer paused; {timer} resumes.", {"timeout": 2}
        case NoticeKind.TIMER_RESET:
            return f"Timer reset; {timer} starts it.", {"timeout": 2}
    titles = {
        NoticeKind.VOTE_NOT_SAVED: "Vote not saved",
        NoticeKind.VOTE_NOT_REMOVED: "Vote not removed",
        NoticeKind.POLL_NOT_CHANGED: "Poll not changed",
        NoticeKind.POLL_NOT_RESET: "Poll not reset",
        NoticeKind.VOTES_NOT_RESTORED: "Votes not restored",
    }
    return text, {"title": titles[kind], "severity": "error"}
