"""Load on the phone page: 500 phones vote, 200 change their vote (prints; asserts nothing).

The presenter app runs in this process (``App.run_test``, 100x30) with the
phone page served on loopback from its own event loop, on the default
deck's poll slide, and its real vote store file. The phones run in a
second process (aiohttp's client, each phone its own cookie): each opens
the page, reads its form, and votes; then 200 of them change their vote.
Printed:

- lost votes (phones told "saved" whose vote is not in the store) and the
  totals against the phones' own count;
- p50/p95 from POST to "saved" (the redirect, sent after the commit) and
  from POST to the presenter's chart showing it (the first count the
  presenter read after the commit);
- the presenter's key-to-screen latency (``r``, the chart shown/hidden:
  the poll must stay on screen while phones vote) idle and under the load.

The rate limit per address is raised for the run (every phone here shares
127.0.0.1). Run with:  python tests/bench/bench_web.py [PHONES] [CHANGES]
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))


# -- the phones (a separate process) ----------------------------------------------------


async def _phone(url: str, options: list[str], changes: bool, gate: asyncio.Semaphore) -> list:
    import aiohttp

    records = []
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as client:
        async with gate:
            async with client.get(url) as response:
                html = await response.text()
        csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', html).group(1)  # type: ignore[union-attr]
        poll = re.search(r'name="poll" value="([^"]+)"', html).group(1)  # type: ignore[union-attr]
        choice = random.choice(options)
        for round_ in range(2 if changes else 1):
            if round_:
                choice = random.choice([each for each in options if each != choice])
            async with gate:
                started = time.time()
                async with client.post(
                    url + "/vote",
                    data={"csrf": csrf, "poll": poll, "option": choice},
                    allow_redirects=False,
                ) as response:
                    await response.read()
                    saved = time.time()
                    records.append((started, saved, response.status, choice))
    return records


async def _phones(url: str, count: int, changes: int, options: list[str]) -> None:
    gate = asyncio.Semaphore(100)  # at most 100 requests in flight, like a busy room
    who_changes = set(random.sample(range(count), changes))
    results = await asyncio.gather(
        *(_phone(url, options, index in who_changes, gate) for index in range(count))
    )
    print(json.dumps(results))


# -- the presenter (this process) -----------------------------------------------------------


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


async def _key_latency(pilot, app, presses: int) -> list[float]:
    times = []
    for _ in range(presses):
        started = time.perf_counter()
        await pilot.press("r")
        await pilot.pause()
        times.append((time.perf_counter() - started) * 1000)
        await asyncio.sleep(0.05)
    return times


async def _presenter(phones: int, changes: int) -> None:
    from tui.app import make_app
    from tui.deck import load_deck
    from tui.polls.store import VoteStore
    from tui.show.events import Flag
    from tui.web.control import PhoneControl, PhoneSetup
    from tui.web.guard import Limits
    from tui.web.serving import Address

    folder = Path(tempfile.mkdtemp(prefix="podium-web-bench-"))
    os.environ["PODIUM_DATA_DIR"] = str(folder / "data")
    deck = load_deck(REPO / "slides.yaml")
    poll_slide = next(i for i, slide in enumerate(deck.slides) if slide.poll is not None)
    poll = deck.slides[poll_slide].poll
    assert poll is not None
    store = VoteStore.open(folder / "votes.sqlite3")
    app = make_app(deck, store=store)
    limits = Limits(rate=100_000.0, burst=100_000, max_streams_per_address=10_000)
    app.phones = PhoneControl(app, PhoneSetup(Address("127.0.0.1", 0), limits=limits))
    charts: list[tuple[float, int]] = []
    app.show.subscribe(
        lambda change: (
            charts.append((time.time(), app.show.results.voters))
            if Flag.VOTES in change.flags and app.show.results is not None
            else None
        )
    )
    async with app.run_test(size=(100, 30)) as pilot:
        app.show.jump(poll_slide)
        for _ in range(100):
            await pilot.pause(0.05)
            if app.phones.running:
                break
        url = app.phones.serving.url  # type: ignore[union-attr]
        idle = await _key_latency(pilot, app, 20)
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            __file__,
            "--phones",
            url,
            str(phones),
            str(changes),
            ",".join(poll.ids),
            stdout=subprocess.PIPE,
        )
        began = time.time()
        loaded: list[float] = []
        while process.returncode is None:
            loaded += await _key_latency(pilot, app, 1)
            try:
                await asyncio.wait_for(process.wait(), 0.2)
            except asyncio.TimeoutError:
                pass
        output = await process.stdout.read()  # type: ignore[union-attr]
        took = time.time() - began
        for _ in range(20):  # the vote watch picks up the last votes
            await pilot.pause(0.1)
        records = json.loads(output)
        results = store.results(poll)
    saved_ms, chart_ms = [], []
    refused = 0
    final: dict[str, int] = {}
    for phone in records:
        for started, saved, status, _choice in phone:
            if status != 303:
                refused += 1
                continue
            saved_ms.append((saved - started) * 1000)
            shown = next((when for when, _ in charts if when >= saved), None)
            if shown is not None:
                chart_ms.append((shown - started) * 1000)
        good = [each for each in phone if each[2] == 303]
        if good:
            final[good[-1][3]] = final.get(good[-1][3], 0) + 1
    expected = tuple(final.get(ident, 0) for ident in poll.ids)
    lost = sum(expected) - results.voters
    total = sum(len(phone) for phone in records)
    exact = "exact" if results.counts == expected else "WRONG"
    print(f"phones {phones}, changed {changes}: {total} votes in {took:.1f} s")
    print(f"refused {refused}, lost {lost}, totals {exact}")
    print(f"  store  {results.counts} ({results.voters} voters)")
    print(f"  phones {expected}")
    print(
        f"POST -> saved:            p50 {_percentile(saved_ms, 0.5):7.1f} ms"
        f"   p95 {_percentile(saved_ms, 0.95):7.1f} ms"
    )
    print(
        f"POST -> presenter's chart: p50 {_percentile(chart_ms, 0.5):7.1f} ms"
        f"   p95 {_percentile(chart_ms, 0.95):7.1f} ms   ({len(chart_ms)} seen)"
    )
    print(
        f"presenter key -> screen (r), idle:       p50 {statistics.median(idle):6.1f} ms"
        f"   p95 {_percentile(idle, 0.95):6.1f} ms"
    )
    print(
        f"presenter key -> screen (r), under load: p50 {statistics.median(loaded):6.1f} ms"
        f"   p95 {_percentile(loaded, 0.95):6.1f} ms   ({len(loaded)} presses)"
    )
    store.close()


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--phones":
        url, count, changes, options = sys.argv[2:6]
        asyncio.run(_phones(url, int(count), int(changes), options.split(",")))
        return
    phones = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    changes = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    asyncio.run(_presenter(phones, changes))


if __name__ == "__main__":
    main()
