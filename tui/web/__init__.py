"""The phone voting page: ``podium --serve [HOST:]PORT``.

The presenter's machine serves a small page on the local network; phones
join it through the QR code on the poll slide and vote on the poll on the
presenter's screen. Nothing here is imported unless the presenter serves
(aiohttp and segno cost ``podium`` nothing otherwise).

Modules:

- :mod:`tui.web.wording`: every text the phone page shows, in English and
  Norwegian Bokmål.
- :mod:`tui.web.join`: the join token (kept per talk across restarts), the
  join address and the short code.
- :mod:`tui.web.view`: what the phone page shows now, taken from the
  presenter's show on every change (plain data).
- :mod:`tui.web.page`: the page's HTML (every text escaped), its style and
  its small script.
- :mod:`tui.web.guard`: limits (request size, rate per address,
  connections), CSRF tokens and voter cookies.
- :mod:`tui.web.server`: the aiohttp application: routes, headers, votes.
- :mod:`tui.web.serving`: runs the server in the presenter app's own event
  loop, starts and stops it, tells the presenter when it fails.
- :mod:`tui.web.control`: the presenter app's handle on the page (start,
  stop, the join code on the slide, notifications).
- :mod:`tui.web.palette`: the palette's "Phone voting: start/stop".
- :mod:`tui.web.qr`: the QR code's modules (segno) for the slide.
"""
