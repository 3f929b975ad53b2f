"""Hostile requests to the phone page: each refused clearly, nothing stored.

The page is served for a real show (the two-poll deck) on loopback, with
the store the presenter uses; the requests are aiohttp's client.
"""

from __future__ import annotations

import re

import aiohttp

from web.conftest import Served

TOKEN = "ABCDEFGHJK"


def _client() -> aiohttp.ClientSession:
    """A phone: keeps its cookie (an IP address host needs the "unsafe" jar)."""
    return aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))


async def _page(client: aiohttp.ClientSession, served: Served) -> tuple[str, str]:
    """Open the page like a phone: returns ``(html, csrf)``; the cookie is kept."""
    async with client.get(served.serving.url) as response:
        assert response.status == 200
        html = await response.text()
    match = re.search(r'name="csrf" value="([0-9a-f]+)"', html)
    return html, match.group(1) if match else ""


def _vote_url(served: Served) -> str:
    return served.serving.url + "/vote"


async def test_a_phone_votes_changes_its_vote_and_the_store_marks_it_as_web(
    served: Served,
) -> None:
    async with _client() as client:
        html, csrf = await _page(client, served)
        assert "First question?" in html and 'type="radio"' in html
        form = {"csrf": csrf, "poll": "first", "option": "yes"}
        async with client.post(_vote_url(served), data=form, allow_redirects=False) as response:
            assert response.status == 303
            assert response.headers["Location"] == f"/{TOKEN}"
        async with client.get(served.serving.url) as response:
            page = await response.text()
        assert "Your vote is saved" in page and "<strong>Yes</strong>" in page
        form["option"] = "no"
        async with client.post(_vote_url(served), data=form) as response:
            assert response.status == 200  # followed the redirect
            assert "<strong>No</strong>" in await response.text()
    votes = served.votes()
    assert len(votes) == 1
    voter, option = votes[0]
    assert voter.startswith("web:") and option == "no"


async def _refused(
    served: Served, data: object, *, status: int, cookie: bool = True, headers=None
) -> str:
    async with _client() as client:
        if cookie:
            await _page(client, served)
        async with client.post(
            _vote_url(served), data=data, allow_redirects=False, headers=headers
        ) as response:
            body = await response.text()
            assert response.status == status, body
            assert "Content-Security-Policy" in response.headers
    assert served.votes() == []
    return body


async def test_no_token_and_a_wrong_token_find_nothing(served: Served) -> None:
    base = served.serving.url.rsplit("/", 1)[0]
    async with _client() as client:
        for path in ("/vote", "/ABCDEFGHJM", "/ABCDEFGHJM/vote", "/abcdefghjk", "/x" * 50):
            async with client.get(base + path) as response:
                assert response.status == 404, path
                body = await response.text()
                assert "Not found" in body and "Traceback" not in body
                assert response.headers["Server"] == "Podium"
            async with client.post(base + path, data={"option": "yes"}) as response:
                assert response.status == 404, path
    assert served.votes() == []


async def test_a_vote_for_a_poll_not_on_screen_or_closed_is_refused(served: Served) -> None:
    async with _client() as client:
        _, csrf = await _page(client, served)
        form = {"csrf": csrf, "poll": "second", "option": "red"}
        async with client.post(_vote_url(served), data=form) as response:
            assert response.status == 409
            assert "no longer on the screen" in await response.text()
        served.show.close_poll()
        form = {"csrf": csrf, "poll": "first", "option": "yes"}
        async with client.post(_vote_url(served), data=form) as response:
            assert response.status == 409
            assert "closed" in await response.text()
    assert served.votes() == []


async def test_forged_or_missing_csrf_and_a_missing_cookie_are_refused(served: Served) -> None:
    await _refused(served, {"poll": "first", "option": "yes"}, status=403)
    await _refused(served, {"csrf": "0" * 32, "poll": "first", "option": "yes"}, status=403)
    await _refused(
        served, {"csrf": "0" * 32, "poll": "first", "option": "yes"}, status=403, cookie=False
    )


async def test_a_form_from_another_origin_is_refused(served: Served) -> None:
    async with _client() as client:
        _, csrf = await _page(client, served)
        form = {"csrf": csrf, "poll": "first", "option": "yes"}
        headers = {"Origin": "http://evil.example"}
        async with client.post(_vote_url(served), data=form, headers=headers) as response:
            assert response.status == 403
    assert served.votes() == []


async def test_a_ten_megabyte_body_is_refused(served: Served) -> None:
    body = "option=" + "y" * (10 * 1024 * 1024)
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    async with _client() as client:
        await _page(client, served)
        async with client.post(_vote_url(served), data=body, headers=headers) as response:
            assert response.status == 413
    assert served.votes() == []


async def test_options_that_do_not_exist_are_refused(served: Served) -> None:
    async with _client() as client:
        _, csrf = await _page(client, served)
        for options in (["maybe"], ["yes", "no"], [], ["yes", "nope"]):
            form = [("csrf", csrf), ("poll", "first")] + [("option", each) for each in options]
            async with client.post(_vote_url(served), data=form) as response:
                assert response.status == 400, options
    assert served.votes() == []


async def test_html_and_control_characters_in_every_field_are_refused_and_escaped(
    served: Served,
) -> None:
    nasty = "<script>alert(1)</script>\x00\x1b[31m\"'&"
    async with _client() as client:
        _, csrf = await _page(client, served)
        for field in ("csrf", "poll", "option"):
            form = {"csrf": csrf, "poll": "first", "option": "yes", field: nasty}
            async with client.post(_vote_url(served), data=form) as response:
                body = await response.text()
                assert response.status in (400, 403, 409), field
                assert "<script>alert" not in body and "\x1b" not in body
        async with client.get(served.serving.url + "?part=" + nasty) as response:
            assert "<script>alert" not in await response.text()
        form = {"csrf": csrf, "poll": "first", "option": "yes"}
        async with client.post(
            _vote_url(served), data=form, cookies={"podium_voter": nasty}
        ) as response:
            assert response.status == 403
    assert served.votes() == []


async def test_a_body_that_is_not_a_form_is_refused(served: Served) -> None:
    async with _client() as client:
        await _page(client, served)
        async with client.post(_vote_url(served), json={"option": "yes"}) as response:
            assert response.status == 415
    assert served.votes() == []


async def test_a_thousand_requests_a_second_from_one_address_are_limited(served: Served) -> None:
    from tui.web.guard import RateLimiter

    served.serving._server.rates = RateLimiter(10.0, 30)  # the defaults
    statuses: list[int] = []
    async with _client() as client:
        _, csrf = await _page(client, served)
        for _ in range(200):
            form = {"csrf": csrf, "poll": "first", "option": "maybe"}
            async with client.post(_vote_url(served), data=form) as response:
                statuses.append(response.status)
                if response.status == 429:
                    assert response.headers["Retry-After"]
    assert statuses.count(429) > 150
    assert served.votes() == []


async def test_every_response_carries_a_strict_policy(served: Served) -> None:
    async with _client() as client:
        for url in (served.serving.url, served.serving.url + "/nothing"):
            async with client.get(url) as response:
                policy = response.headers["Content-Security-Policy"]
                assert "default-src 'none'" in policy and "unsafe-inline" not in policy
                assert response.headers["X-Frame-Options"] == "DENY"
                assert response.headers["Cache-Control"] == "no-store"
                text = await response.text()
                nonce = re.search(r"'nonce-([^']+)'", policy)
                assert nonce is not None
                for tag in re.findall(r"<(?:script|style)[^>]*>", text):
                    assert f'nonce="{nonce.group(1)}"' in tag
