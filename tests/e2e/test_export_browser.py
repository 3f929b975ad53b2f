"""The exported web page in a real headless Chromium (Debian's ``chromium``
and ``chromium-driver``, installed by ``.ci/run``): every slide title shown,
keys, clicks, swipes and the address move between slides, nothing is asked
of any other host, and printing gives one slide per page.
"""

from __future__ import annotations

import base64
import io
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import SEED_DECK
from export_helpers import export, vote_store
from pypdf import PdfReader

from tui.deck import load_deck

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[object]:
    """Headless Chromium through selenium, logging every network request."""
    if CHROMIUM is None or DRIVER is None:
        if os.environ.get("CI"):
            pytest.fail("chromium and chromium-driver are missing: .ci/run installs them")
        pytest.skip("needs chromium and chromium-driver (apt-get install chromium chromium-driver)")
    os.environ.setdefault("SE_AVOID_STATS", "true")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
        "--window-size=1280,800",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=DRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def requests(driver) -> list[str]:
    """Every URL asked for since the last call, but the browser's own pages
    (``chrome://``: its new tab page, before the test opens ours)."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return [url for url in urls if not url.startswith("chrome://")]


def wait_for(driver, script: str, expected: object, timeout: float = 5.0) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, timeout).until(lambda d: d.execute_script(script) == expected)


def current(driver) -> str:
    return driver.execute_script("return location.hash")


def in_view(driver, number: int) -> bool:
    return driver.execute_script(
        "var r = document.getElementById('slide-' + arguments[0]).getBoundingClientRect();"
        "return Math.abs(r.top) < 2;",
        number,
    )


def test_page_opens_offline_with_every_slide_and_navigates(browser, tmp_path: Path) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    driver = browser
    deck = load_deck(SEED_DECK)
    store = vote_store(deck, tmp_path / "votes.sqlite3")
    page = tmp_path / "talk.html"
    assert export(str(SEED_DECK), "--store", str(store), "-o", str(page)) == 0
    driver.get(page.as_uri())
    wait_for(driver, "return document.readyState", "complete")
    text = " ".join(driver.find_element(By.TAG_NAME, "body").text.split())
    for slide in deck.slides:
        assert " ".join(slide.title.split()) in text
    assert "Samskaping" in text and "6 · 32%" in text  # the stored results
    assert len(driver.find_elements(By.CSS_SELECTOR, "section.slide h2.title")) == 12
    assert len(driver.find_elements(By.CSS_SELECTOR, "section.slide li")) >= 20
    # Keys as in the terminal.
    assert current(driver) == "#1"
    body = driver.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.ARROW_RIGHT)
    wait_for(driver, "return location.hash", "#2")
    assert in_view(driver, 2)
    body.send_keys(Keys.SPACE, "n")
    wait_for(driver, "return location.hash", "#4")
    body.send_keys(Keys.END)
    wait_for(driver, "return location.hash", "#13")
    assert in_view(driver, 13)
    body.send_keys(Keys.ARROW_LEFT)
    wait_for(driver, "return location.hash", "#12")
    body.send_keys(Keys.HOME)
    wait_for(driver, "return location.hash", "#1")
    # A click on the right of a slide goes on, on the left goes back.
    ActionChains(driver).move_to_element_with_offset(body, 500, 0).click().perform()
    wait_for(driver, "return location.hash", "#2")
    ActionChains(driver).move_to_element_with_offset(body, -550, 0).click().perform()
    wait_for(driver, "return location.hash", "#1")
    # The buttons.
    driver.find_element(By.CSS_SELECTOR, "button[data-go='1']").click()
    wait_for(driver, "return location.hash", "#2")
    assert driver.find_element(By.CSS_SELECTOR, ".controls .where").text == "2 / 13"
    # A swipe to the left goes on.
    driver.execute_script(
        "function touch(type, x) {"
        "  var t = new Touch({identifier: 1, target: document.body, clientX: x, clientY: 300});"
        "  document.dispatchEvent(new TouchEvent(type, {changedTouches: [t], touches: [t]}));"
        "}"
        "touch('touchstart', 900); touch('touchend', 300);"
    )
    wait_for(driver, "return location.hash", "#3")
    assert in_view(driver, 3)
    # A link with a slide number opens at that slide.
    driver.get(page.as_uri() + "#7")
    wait_for(driver, "return document.readyState", "complete")
    wait_for(driver, "return location.hash", "#7")
    assert in_view(driver, 7)
    # Nothing but the page itself was asked for.
    asked = requests(driver)
    assert page.as_uri() in asked
    assert all(url.startswith(("file:", "data:")) for url in asked), asked
    driver.save_screenshot(str(tmp_path / "slide-7.png"))


def test_page_prints_one_slide_per_page_and_handout_opens(browser, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    driver = browser
    deck = load_deck(SEED_DECK)
    page = tmp_path / "talk.html"
    assert export(str(SEED_DECK), "-o", str(page)) == 0
    driver.get(page.as_uri())
    wait_for(driver, "return document.readyState", "complete")
    printed = driver.execute_cdp_cmd(
        "Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True}
    )
    pages = PdfReader(io.BytesIO(base64.b64decode(printed["data"]))).pages
    assert len(pages) == 13
    assert pages[0].mediabox.width > pages[0].mediabox.height
    handout = tmp_path / "handout.html"
    assert export(str(SEED_DECK), "--handout", "-o", str(handout)) == 0
    driver.get(handout.as_uri())
    wait_for(driver, "return document.readyState", "complete")
    text = " ".join(driver.find_element(By.TAG_NAME, "body").text.split())
    assert deck.author in text
    for slide in deck.slides:
        assert " ".join(slide.notes.split())[:60] in text
    asked = requests(driver)
    assert all(url.startswith(("file:", "data:")) for url in asked), asked
