"""The phone page's HTML: server-rendered, every text escaped, no outside file.

:func:`render_page` builds the whole page (one request, well under 30 KB:
no fonts, no images, no framework); :func:`render_main` builds just its
``<main>``, which the page's small script fetches again when the presenter
moves (see :data:`SCRIPT`). Without JavaScript the page is a plain form:
voting is a POST answered by a redirect, and an "Update" link reloads.

The ``<main>`` is made of sections, each with a ``data-key`` that changes
only when the section does, so the script replaces only what changed and
an answer being chosen is never wiped by a change of the counts. Every
text from the deck, the store or the request goes through
:func:`html.escape`; styles and the script carry the response's CSP nonce.
Imports nothing beyond the standard library and Podium's plain modules.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from html import escape

from tui.web.view import PhoneView
from tui.web.wording import count_text, words

STYLE = """
:root{color-scheme:light;--ink:#111;--paper:#fff;--accent:#0b4f9c;--soft:#e8eef6}
*{box-sizing:border-box}
body{margin:0;background:var(--paper);color:var(--ink);
font:1.15rem/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{max-width:36rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;line-height:1.25;margin:.25rem 0 .75rem}
h2{font-size:1.2rem;margin:1.25rem 0 .5rem}
.slide{color:#333;font-size:1rem;margin:0 0 .75rem;border-bottom:2px solid var(--soft);
padding-bottom:.5rem}
.text{white-space:pre-wrap;margin:.5rem 0}
fieldset{border:0;margin:0;padding:0}
legend{position:absolute;left:-9999px}
.opt{display:flex;align-items:center;gap:.75rem;min-height:3.25rem;margin:.5rem 0;
padding:.6rem .8rem;border:2px solid #555;border-radius:.6rem;background:var(--paper);
cursor:pointer}
.opt input{width:1.6rem;height:1.6rem;flex:none;margin:0;accent-color:var(--accent)}
.opt:has(input:checked){border-color:var(--accent);background:var(--soft);font-weight:600}
.opt:focus-within{outline:3px solid var(--accent);outline-offset:2px}
button,.button{display:block;width:100%;min-height:3.25rem;margin:1rem 0;padding:.75rem;
font:inherit;font-weight:700;color:#fff;background:var(--accent);border:0;border-radius:.6rem;
text-align:center;text-decoration:none}
button:focus,.button:focus{outline:3px solid #000;outline-offset:2px}
.note{padding:.75rem;border-radius:.6rem;border:2px solid}
.saved{border-color:#0a6b2d;background:#e6f4ea}
.refused{border-color:#9c1b0b;background:#fbe9e7}
.hint{color:#333}
ol.results{list-style:none;padding:0}
.results li{margin:.75rem 0}
.results .row{display:flex;justify-content:space-between;gap:1rem}
progress{width:100%;height:1.1rem;accent-color:var(--accent)}
""".strip()
"""The page's whole style: system fonts, dark text on white, large targets."""

SCRIPT = """
(function(){var b=document.body,u=b.getAttribute("data-events");
if(!u||!window.EventSource||!window.fetch||!window.DOMParser)return;
var busy=false,again=false;
function swap(html){var d=new DOMParser().parseFromString("<main>"+html+"</main>","text/html");
var m=document.querySelector("main"),n=d.querySelector("main");if(!m||!n)return;
var a=[].map.call(m.children,function(e){return e.id}).join(),
c=[].map.call(n.children,function(e){return e.id}).join();
if(a!==c){m.innerHTML=n.innerHTML;return}
[].forEach.call(n.children,function(e){var o=document.getElementById(e.id);
if(o&&o.getAttribute("data-key")!==e.getAttribute("data-key"))o.replaceWith(e.cloneNode(true))})}
function load(){if(busy){again=true;return}busy=true;
fetch(b.getAttribute("data-part"),{credentials:"same-origin",cache:"no-store"})
.then(function(r){return r.ok?r.text():null}).then(function(t){if(t!==null)swap(t)})
.catch(function(){}).then(function(){busy=false;if(again){again=false;load()}})}
function listen(){var s=new EventSource(u);s.onmessage=load;
s.onerror=function(){if(s.readyState===2)setTimeout(function(){load();listen()},5000)}}
listen();})();
""".strip()
"""Live updates: on each event from the server, fetch ``<main>`` again and swap what changed."""


@dataclass(frozen=True)
class Visitor:
    """One phone's side of the page.

    Attributes:
        token: The talk's join token (every address holds it).
        csrf: The form token bound to this phone's voter cookie.
        chosen: Option ids of this phone's vote on the poll on screen.
        message: Key of a message to show (:mod:`tui.web.wording`), or "".
        lang: The page's language.
    """

    token: str
    csrf: str
    chosen: tuple[str, ...] = ()
    message: str = ""
    lang: str = "en"


def _key(*parts: object) -> str:
    return hashlib.sha1(repr(parts).encode(), usedforsecurity=False).hexdigest()[:12]


def _section(ident: str, key: str, body: str) -> str:
    return f'<section id="{ident}" data-key="{key}">{body}</section>'


def _slide_line(view: PhoneView, text: Mapping[str, str]) -> str:
    poll = view.poll
    if (
        not view.slide
        or view.blank
        or poll is None  # the waiting page shows the slide itself
        or " ".join(poll.question.split()) == " ".join(view.title.split())
    ):
        return _section("s-slide", _key(), "")
    line = f'<p class="slide">{escape(text["follow_along"])}: {escape(view.title)}</p>'
    return _section("s-slide", _key(view.slide, view.title), line)


def _poll(view: PhoneView, visitor: Visitor, text: Mapping[str, str]) -> str:
    poll = view.poll
    assert poll is not None
    chosen = set(visitor.chosen)
    parts = [f'<h1 id="question">{escape(poll.question)}</h1>']
    if view.closed:
        parts.append(f'<p class="note refused" role="status" id="how">{escape(text["closed"])}</p>')
    else:
        how = text["choose_many" if poll.multiple else "choose_one"]
        parts.append(f'<p class="hint" id="how">{escape(how)}</p>')
    if visitor.message:
        parts.append(f'<p class="note refused" role="alert">{escape(text[visitor.message])}</p>')
    elif chosen:
        mine = ", ".join(
            label for ident, label in zip(poll.ids, poll.options, strict=True) if ident in chosen
        )
        parts.append(
            f'<p class="note saved" role="status">✓ {escape(text["saved"])}<br>'
            f"{escape(text['your_vote'])}: <strong>{escape(mine)}</strong></p>"
        )
    kind = "checkbox" if poll.multiple else "radio"
    disabled = " disabled" if view.closed else ""
    options = []
    for ident, label in zip(poll.ids, poll.options, strict=True):
        checked = " checked" if ident in chosen else ""
        options.append(
            f'<label class="opt"><input type="{kind}" name="option" value="{escape(ident)}"'
            f"{checked}{disabled}"
            f' aria-describedby="how"> <span>{escape(label)}</span></label>'
        )
    button = text["change"] if chosen else text["send"]
    parts.append(
        f'<form method="post" action="/{visitor.token}/vote">'
        f'<input type="hidden" name="csrf" value="{escape(visitor.csrf)}">'
        f'<input type="hidden" name="poll" value="{escape(poll.id)}">'
        f'<fieldset aria-labelledby="question"><legend>{escape(poll.question)}</legend>'
        f"{''.join(options)}</fieldset>"
        + ("" if view.closed else f'<button type="submit">{escape(button)}</button>')
        + "</form>"
    )
    key = _key(poll, view.closed, tuple(sorted(chosen)), visitor.message)
    return _section("s-poll", key, "".join(parts))


def _results(view: PhoneView, text: Mapping[str, str], lang: str) -> str:
    poll = view.poll
    if poll is None or not view.revealed:
        return _section("s-results", _key(), "")
    rows = []
    for label, count, share in zip(poll.options, view.counts, view.percentages, strict=False):
        rows.append(
            f'<li><div class="row"><span>{escape(label)}</span>'
            f"<span>{escape(count_text(lang, 'votes', count))} · {share} %</span></div>"
            f'<progress max="100" value="{share}" aria-label="{escape(label)}: {share} %">'
            f"{share} %</progress></li>"
        )
    body = (
        f"<h2>{escape(text['results'])}</h2>"
        f"<p>{escape(count_text(lang, 'voters', view.voters))}</p>"
        f'<ol class="results">{"".join(rows)}</ol>'
    )
    return _section("s-results", _key(view.counts, view.voters), body)


def _waiting(view: PhoneView, text: Mapping[str, str]) -> str:
    if view.ended:
        return _section("s-poll", _key("ended"), f"<h1>{escape(text['ended'])}</h1>")
    body = f'<h1>{escape(text["waiting"])}</h1><p class="hint">{escape(text["waiting_help"])}</p>'
    if view.title and not view.blank:
        body += f"<h2>{escape(view.title)}</h2>"
    if view.text.strip() and not view.blank:
        body += f'<p class="text">{escape(view.text.strip())}</p>'
    return _section("s-poll", _key(view.title, view.text, view.blank), body)


def render_main(view: PhoneView, visitor: Visitor) -> str:
    """The page's ``<main>`` content for one phone.

    Args:
        view: What the presenter's screen shows now.
        visitor: The phone's vote, form token and message.

    Returns:
        HTML, every text escaped.
    """
    text = words(visitor.lang)
    if view.poll is None or view.ended:
        return _slide_line(view, text) + _waiting(view, text) + _section("s-results", _key(), "")
    return _slide_line(view, text) + _poll(view, visitor, text) + _results(view, text, visitor.lang)


def render_page(view: PhoneView, visitor: Visitor, nonce: str) -> str:
    """The whole phone page.

    Args:
        view: What the presenter's screen shows now.
        visitor: The phone's side (token, vote, form token, message).
        nonce: This response's Content-Security-Policy nonce.

    Returns:
        The HTML document.
    """
    text = words(visitor.lang)
    base = f"/{visitor.token}"
    return (
        f'<!doctype html><html lang="{text["lang"]}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        '<meta name="referrer" content="same-origin">'
        f"<title>{escape(text['page_title'])}</title>"
        f'<style nonce="{nonce}">{STYLE}</style></head>'
        f'<body data-events="{base}/events" data-part="{base}?part=main">'
        f'<main aria-live="polite">{render_main(view, visitor)}</main>'
        f'<noscript><p><a class="button" href="{base}">'
        f"{escape(text['update'])}</a></p></noscript>"
        f'<script nonce="{nonce}">{SCRIPT}</script></body></html>'
    )


def render_message(lang: str, key: str, nonce: str) -> str:
    """A small page with one message (a refusal, not found).

    Args:
        lang: The page's language.
        key: The message's key in :mod:`tui.web.wording`.
        nonce: This response's CSP nonce.
    """
    text = words(lang)
    return (
        f'<!doctype html><html lang="{text["lang"]}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{escape(text['page_title'])}</title>"
        f'<style nonce="{nonce}">{STYLE}</style></head>'
        f"<body><main><h1>{escape(text[key])}</h1></main></body></html>"
    )


def render_join(lang: str, nonce: str, refused: bool = False) -> str:
    """The page at ``/``: type the short code shown on the screen.

    Args:
        lang: The page's language.
        nonce: This response's CSP nonce.
        refused: The code typed was wrong.
    """
    text = words(lang)
    wrong = (
        f'<p class="note refused" role="alert">{escape(text["bad_code"])}</p>' if refused else ""
    )
    return (
        f'<!doctype html><html lang="{text["lang"]}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{escape(text['join_title'])}</title>"
        f'<style nonce="{nonce}">{STYLE}</style></head>'
        f"<body><main><h1>{escape(text['join_title'])}</h1>{wrong}"
        '<form method="get" action="/join">'
        f'<label for="code">{escape(text["join_code"])}</label>'
        '<input class="opt" id="code" name="code" autocomplete="off" autocapitalize="none"'
        ' maxlength="16" required>'
        f'<button type="submit">{escape(text["join_button"])}</button></form>'
        "</main></body></html>"
    )
