"""The presenter's keys, and the words the presenter screen says with them.

:data:`PRESENTER_BINDINGS` lists every key of
:class:`tui.screens.presenter.PresenterScreen`. :func:`word` turns a
:class:`tui.show.events.Notice` from the core into a toast; a key named in
that text comes from these bindings (the core names no key).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.binding import Binding, BindingType

from tui.deck.model import Poll
from tui.i18n import Words, english
from tui.navigation import Ends
from tui.screens.navigable import navigation_keys
from tui.show.events import Notice, NoticeKind
from tui.widgets.poll_keys import PollKeys


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


def goto_hint(words: Words | None = None) -> str:
    """What a bare digit on a slide without a poll says (digits vote on poll slides)."""
    return (words or english())("notice.goto_hint", key=_GOTO_KEY)


def poll_closed_message(words: Words | None = None) -> str:
    """What a vote key or ``u`` on a closed poll says (and nothing changes)."""
    return (words or english())("notice.poll_closed", key=key_for("reopen_poll"))


GOTO_HINT = goto_hint()
""":func:`goto_hint` in English."""

POLL_KEYS = PollKeys(chart=key_for("toggle_chart"), close=key_for("close_poll"))
"""The keys a poll slide's summary line names ("r shows the results · c closes the poll")."""

POLL_CLOSED_MESSAGE = poll_closed_message()
""":func:`poll_closed_message` in English."""


def word(notice: Notice, words: Words | None = None) -> tuple[str, dict[str, Any]]:
    """The toast for ``notice``: its text and the keywords of ``notify``.

    Args:
        notice: From a :class:`tui.show.events.Change`.
        words: The talk's language (English when None).

    Returns:
        ``(message, {"title": ..., "severity": ..., "timeout": ...})`` (only
        the keywords that differ from Textual's defaults).
    """
    words = words or english()
    kind, text = notice.kind, notice.text
    timer = key_for("timer")
    match kind:
        case NoticeKind.NO_SUCH_SLIDE:
            message = words("notice.no_such_slide", number=notice.number, count=notice.count)
            return message, {"severity": "warning"}
        case NoticeKind.POLL_CLOSED:
            return poll_closed_message(words), {"severity": "warning", "timeout": 3}
        case NoticeKind.CLOSED:
            return words("notice.closed", question=text), {"timeout": 3}
        case NoticeKind.REOPENED:
            return words("notice.reopened", question=text), {"timeout": 3}
        case NoticeKind.RESET:
            restore = words("palette.restore_name")
            return words("notice.reset", count=notice.count, question=text, restore=restore), {}
        case NoticeKind.RESTORED:
            return words("notice.restored", count=notice.count, question=text), {}
        case NoticeKind.STORE_TROUBLE:
            title = words("notice.vote_store")
            return text, {"title": title, "severity": "error", "timeout": 10}
        case NoticeKind.STORE_RECREATED | NoticeKind.STORE_REPLACED:
            title = words("notice.vote_store")
            message = words(f"notice.{kind.value}", path=text)
            return message, {"title": title, "severity": "warning", "timeout": 15}
        case NoticeKind.TIMER_RUNNING:
            return words("notice.timer_running"), {"timeout": 2}
        case NoticeKind.TIMER_PAUSED:
            return words("notice.timer_paused", key=timer), {"timeout": 2}
        case NoticeKind.TIMER_RESET:
            return words("notice.timer_reset", key=timer), {"timeout": 2}
    titles = {
        NoticeKind.VOTE_NOT_SAVED: "notice.vote_not_saved",
        NoticeKind.VOTE_NOT_REMOVED: "notice.vote_not_removed",
        NoticeKind.POLL_NOT_CHANGED: "notice.poll_not_changed",
        NoticeKind.POLL_NOT_RESET: "notice.poll_not_reset",
        NoticeKind.VOTES_NOT_RESTORED: "notice.votes_not_restored",
    }
    return text, {"title": words(titles[kind]), "severity": "error"}


def key_acts(
    action: str,
    parameters: tuple[object, ...],
    *,
    too_small: bool,
    goto_open: bool,
    poll: Poll | None,
    closed: Callable[[], bool],
    ends: Ends,
) -> bool | None:
    """Whether a presenter key's action acts now (Textual's ``check_action``).

    The digits type a slide number while the go-to prompt is open, else vote
    on a poll slide (the options it has; a closed poll's refuse to count),
    else show how to go to a slide. Behind the "terminal too small" message
    no key acts but quit. At the deck's ends the keys with nowhere to go
    (next and last on the last step of the last slide, back and first on
    the first slide) do not act and are shown dimmed (None), as Textual's
    footer shows a disabled key: the line keeps its place.

    Args:
        action: The action's name; ``parameters`` its arguments.
        too_small: The terminal is below the smallest size a slide is read at.
        goto_open: The go-to prompt is open.
        poll: The poll on screen, or None.
        closed: Whether that poll is closed (asked only when it matters).
        ends: Whether the slide on screen is at the start or the end of the deck.
    """
    if too_small:
        return False
    if action in ("next", "last") or (action == "enter" and not goto_open):
        return None if ends.end else True
    if action in ("previous", "first"):
        return None if ends.start else True
    if action in ("digit", "erase_digit", "cancel_number"):
        return goto_open
    if action == "goto_hint":
        return poll is None and not goto_open
    if action in ("toggle_chart", "undo_vote"):
        return poll is not None
    if action not in POLL_ACTIONS and action != "vote":
        return True
    if poll is None or (goto_open and action in ("vote", "refuse_vote")):
        return False  # the digits type the slide number
    is_closed = closed()
    if action in ("vote", "refuse_vote"):
        fits = int(parameters[0]) <= len(poll.options)  # type: ignore[call-overload]
        return fits and is_closed == (action == "refuse_vote")
    return is_closed if action == "reopen_poll" else not is_closed


def vote_keys(binding: Binding, poll: Poll | None) -> str:
    """The vote keys as ``1-N`` for ``poll`` (empty for another key, or without a poll)."""
    if binding.action.startswith("vote(") and poll is not None:
        return f"1-{len(poll.options)}"
    return ""
