"""The shortest escape sequences for :mod:`tui.cell_diff`: colour changes and cursor moves.

Pure functions over strings; no Textual. A colour state is a string of SGR
parameters (``"1;38;5;214;48;5;17"``, ``""`` for the default) or None when
what the terminal has is not known.
"""

from __future__ import annotations

_FOREGROUND = {str(code) for code in (*range(30, 38), 39, *range(90, 98))}
_BACKGROUND = {str(code) for code in (*range(40, 48), 49, *range(100, 108))}


def _parts(sgr: str) -> tuple[frozenset[str], str, str]:
    """SGR parameters split into attributes, foreground and background."""
    attributes: set[str] = set()
    foreground = background = ""
    codes = sgr.split(";") if sgr else []
    index = 0
    while index < len(codes):
        code = codes[index]
        if code in ("38", "48"):
            width = 3 if codes[index + 1 : index + 2] == ["5"] else 5
            colour = ";".join(codes[index : index + width])
            if code == "38":
                foreground = colour
            else:
                background = colour
            index += width
            continue
        if code in _FOREGROUND:
            foreground = code
        elif code in _BACKGROUND:
            background = code
        else:
            attributes.add(code)
        index += 1
    return frozenset(attributes), foreground, background


_OFF = {"1": "22", "2": "22", "3": "23", "4": "24", "5": "25", "7": "27", "8": "28", "9": "29"}
"""The SGR code that ends each attribute Rich writes."""

_TRANSITIONS: dict[tuple[str | None, str], str] = {}


def transition(old: str | None, new: str) -> str:
    """The shortest escape sequence taking the terminal from SGR ``old`` to ``new``.

    Only what differs is sent: attributes that go on or off, and colours
    that change; a reset and the whole of ``new`` when that is shorter, or
    when ``old`` is None (not known).
    """
    key = (old, new)
    found = _TRANSITIONS.get(key)
    if found is not None:
        return found
    full = f"\x1b[0;{new}m" if new else "\x1b[0m"
    if old == new:
        found = ""
    elif old is None:
        found = full
    else:
        old_attributes, old_fg, old_bg = _parts(old)
        new_attributes, new_fg, new_bg = _parts(new)
        found = full
        off = old_attributes - new_attributes
        if all(code in _OFF for code in off):
            params = sorted({_OFF[code] for code in off})
            # 22 ends bold and faint alike: put back the one that stays.
            on = new_attributes - old_attributes
            if "22" in params:
                on |= new_attributes & {"1", "2"}
            params += sorted(on)
            if old_fg != new_fg:
                params.append(new_fg or "39")
            if old_bg != new_bg:
                params.append(new_bg or "49")
            step = f"\x1b[{';'.join(params)}m"
            if len(step) < len(full):
                found = step
    if len(_TRANSITIONS) > 4096:
        _TRANSITIONS.clear()
    _TRANSITIONS[key] = found
    return found


def _steps(count: int, forward: str, back: str) -> str:
    """A relative move of ``count`` cells (``forward`` or ``back`` final byte)."""
    if count == 0:
        return ""
    final = forward if count > 0 else back
    count = abs(count)
    return f"\x1b[{final}" if count == 1 else f"\x1b[{count}{final}"


def move(cursor: tuple[int, int] | None, y: int, x: int, width: int) -> str:
    """The shortest escape sequence moving the cursor from ``cursor`` to row ``y``, column ``x``.

    Args:
        cursor: ``(row, column)``, 0-based, where the cursor is, or None
            when that is not known (then only an absolute move will do).
            A column of ``width`` or more (just after the last column) is
            not known either: terminals keep the cursor on the last column
            with a wrap pending, where relative moves differ.
        y: Target row, 0-based.
        x: Target column, 0-based.
        width: Columns of the terminal.

    Returns:
        Empty when the cursor is there already.
    """
    if x == 0:
        absolute = "\x1b[H" if y == 0 else f"\x1b[{y + 1}H"
    else:
        absolute = f"\x1b[{y + 1};{x + 1}H"
    if cursor is None or not 0 <= cursor[1] < width:
        return absolute
    row, column = cursor
    if (row, column) == (y, x):
        return ""
    best = absolute
    vertical = _steps(y - row, "B", "A")
    for horizontal in (_steps(x - column, "C", "D"), f"\x1b[{x + 1}G" if x else "\x1b[G"):
        if x == column:
            horizontal = ""
        candidate = vertical + horizontal
        if len(candidate) < len(best):
            best = candidate
    return best
