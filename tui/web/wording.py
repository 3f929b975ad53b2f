"""Every text the phone page shows, in English and Norwegian Bokmål.

One table, so the wording can move into Podium's string catalogues later.
:func:`words` picks the language (``en`` by default, ``nb``); the page
looks each text up by its key. Texts here are plain: the page escapes
them. Imports nothing but the standard library.
"""

from __future__ import annotations

from collections.abc import Mapping

LANGUAGES = ("en", "nb")
"""Languages the phone page speaks; the first is the default."""

_EN: dict[str, str] = {
    "lang": "en",
    "page_title": "Vote",
    "waiting": "Wait for the next question",
    "waiting_help": "The next question appears here by itself when the presenter shows it.",
    "follow_along": "On the screen now",
    "ended": "The presentation is over. Thank you!",
    "choose_one": "Choose one answer.",
    "choose_many": "Choose one or more answers.",
    "send": "Send my vote",
    "change": "Change my vote",
    "saved": "Your vote is saved — you can change it while the poll is open.",
    "your_vote": "Your vote",
    "closed": "This poll is closed: no more votes.",
    "results": "Results",
    "voters_one": "1 voter",
    "voters_many": "{count} voters",
    "votes_one": "1 vote",
    "votes_many": "{count} votes",
    "no_choice": "Choose an answer first.",
    "refused_not_on_screen": "That question is no longer on the screen; here is the one that is.",
    "refused_closed": "This poll is closed: your vote was not counted.",
    "refused_expired": "The page was out of date; please vote again.",
    "refused_unknown_option": "That answer is not one of the choices; please choose again.",
    "refused_not_saved": "Your vote could not be saved; please try again in a moment.",
    "refused_busy": "Too many requests; please wait a moment and try again.",
    "not_found": "Not found.",
    "bad_request": "This request was refused.",
    "join_title": "Join the vote",
    "join_code": "Code shown on the screen",
    "join_button": "Join",
    "update": "Update",
    "bad_code": "That code is not right; look at the screen again.",
    "option_number": "Option {number}",
}

_NB: dict[str, str] = {
    "lang": "nb",
    "page_title": "Stem",
    "waiting": "Vent på neste spørsmål",
    "waiting_help": "Neste spørsmål kommer opp her av seg selv når foredragsholderen viser det.",
    "follow_along": "På skjermen nå",
    "ended": "Presentasjonen er slutt. Takk!",
    "choose_one": "Velg ett svar.",
    "choose_many": "Velg ett eller flere svar.",
    "send": "Send stemmen min",
    "change": "Endre stemmen min",
    "saved": "Stemmen din er lagret — du kan endre den så lenge avstemningen er åpen.",
    "your_vote": "Din stemme",
    "closed": "Denne avstemningen er lukket: ingen flere stemmer.",
    "results": "Resultat",
    "voters_one": "1 har stemt",
    "voters_many": "{count} har stemt",
    "votes_one": "1 stemme",
    "votes_many": "{count} stemmer",
    "no_choice": "Velg et svar først.",
    "refused_not_on_screen": "Det spørsmålet er ikke lenger på skjermen; her er det som er.",
    "refused_closed": "Denne avstemningen er lukket: stemmen din ble ikke talt.",
    "refused_expired": "Siden var utdatert; stem en gang til.",
    "refused_unknown_option": "Det svaret finnes ikke blant valgene; velg på nytt.",
    "refused_not_saved": "Stemmen din kunne ikke lagres; prøv igjen om litt.",
    "refused_busy": "For mange forespørsler; vent litt og prøv igjen.",
    "not_found": "Finnes ikke.",
    "bad_request": "Forespørselen ble avvist.",
    "join_title": "Bli med på avstemningen",
    "join_code": "Koden som vises på skjermen",
    "join_button": "Bli med",
    "update": "Oppdater",
    "bad_code": "Den koden stemmer ikke; se på skjermen igjen.",
    "option_number": "Valg {number}",
}

_CATALOGUES: dict[str, dict[str, str]] = {"en": _EN, "nb": _NB}


def words(lang: str | None = "en") -> Mapping[str, str]:
    """The phone page's texts in ``lang``.

    Args:
        lang: ``"en"`` or ``"nb"`` (a deck's ``lang:``); anything else, or
            None, gives English.

    Returns:
        Text by key; every key is in every language.
    """
    return _CATALOGUES.get((lang or "en").lower(), _EN)


def count_text(lang: str | None, kind: str, count: int) -> str:
    """``"1 voter"``, ``"12 voters"``, ``"12 har stemt"`` ...

    Args:
        lang: As for :func:`words`.
        kind: ``"voters"`` or ``"votes"``.
        count: How many.
    """
    table = words(lang)
    if count == 1:
        return table[f"{kind}_one"]
    return table[f"{kind}_many"].format(count=count)
