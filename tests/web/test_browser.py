"""The phone page in a real headless Chromium, against the installed ``podium --serve``.

The presenter runs in tmux; the browser opens the address read from the
presenter's screen, votes, changes its vote, sees the results after ``r``
and follows to the next poll without a reload (JavaScript on), or by its
"Update" link (JavaScript off). Every request the page makes goes to the
presenter's own server (Chrome's network log says so).
"""

from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import DATA
from tmux_session import PODIUM, TmuxSession, needs_podium, needs_tmux, new_session

selenium = pytest.importorskip("selenium", reason="selenium is not installed (the test extra)")

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")

pytestmark = [
    needs_tmux,
    needs_podium,
    pytest.mark.skipif(
        CHROMIUM is None or DRIVER is None,
        reason="Chromium and chromedriver are not installed (apt-get install chromium"
        " chromium-driver; .ci/run installs them)",
    ),
]

ADDRESS = re.compile(r"http://127\.0\.0\.1:\d+/[A-Z0-9]{10}")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def presenter(tmp_path: Path, private_data_dir: Path) -> Iterator[tuple[TmuxSession, str]]:
    """``podium --serve 127.0.0.1:PORT`` on the two-poll deck, and the address on its screen."""
    name = f"podium-web-{uuid.uuid4().hex[:8]}"
    port = _free_port()
    exports = (
        f"unset COLUMNS LINES; export TERM=xterm-256color PODIUM_DATA_DIR={str(private_data_dir)!r}"
    )
    deck = DATA / "two_polls.yaml"
    script = f"{exports}; {PODIUM} {str(deck)!r} --serve 127.0.0.1:{port}; sleep 30"
    new_session(name, script, width=100, height=30, cwd=tmp_path)
    session = TmuxSession(name)
    try:
        session.wait_for("Welcome")
        session.keys("Right")  # the first poll: the address is beside its options
        screen = session.wait_for("code ", timeout=20)
        found = ADDRESS.search(screen)
        assert found is not None, screen
        yield session, found.group()
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Callable[..., webdriver.Chrome]]:
    drivers: list[webdriver.Chrome] = []

    def start(*, javascript: bool = True) -> webdriver.Chrome:
        options = webdriver.ChromeOptions()
        options.binary_location = str(CHROMIUM)
        for flag in (
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--window-size=360,780",
            f"--user-data-dir={tmp_path / f'chromium-{len(drivers)}'}",
        ):
            options.add_argument(flag)
        if not javascript:
            options.add_experimental_option(
                "prefs", {"profile.managed_default_content_settings.javascript": 2}
            )
        options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
        driver = webdriver.Chrome(options=options, service=Service(str(DRIVER)))
        driver.set_page_load_timeout(30)
        drivers.append(driver)
        return driver

    yield start
    for driver in drivers:
        driver.quit()


def _wait(driver: webdriver.Chrome, text: str, timeout: float = 15.0) -> None:
    WebDriverWait(driver, timeout).until(
        lambda d: text in d.execute_script("return document.querySelector('main').innerText")
    )


def _choose(driver: webdriver.Chrome, label: str) -> None:
    option = driver.find_element(By.XPATH, f"//label[contains(@class,'opt')][span='{label}']")
    option.click()
    driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()


def _requested(driver: webdriver.Chrome) -> set[str]:
    """Every URL the browser asked the network for, from Chrome's network log.

    Chrome's own pages (``chrome://``, its new-tab page) are not the network.
    """
    urls = set()
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            url = message["params"]["request"]["url"]
            if url.split(":", 1)[0] in ("http", "https", "ws", "wss", "ftp"):
                urls.add(url)
    return urls


def _stored(private_data_dir: Path) -> list[tuple[str, str, str]]:
    """``(poll, voter, option id)`` of every vote, from ``podium results``."""
    result = subprocess.run(
        [str(PODIUM), "results", str(DATA / "two_polls.yaml"), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=30,
        env={"PATH": "/usr/bin:/bin", "PODIUM_DATA_DIR": str(private_data_dir)},
        check=True,
    )
    report = json.loads(result.stdout)
    return [
        (poll["id"], vote["voter"], vote["option_id"])
        for poll in report["polls"]
        for vote in poll["votes"]
        if vote["status"] == "counted"
    ]


def test_a_phone_votes_sees_results_and_follows_with_javascript(
    presenter, browser, private_data_dir: Path, tmp_path: Path
) -> None:
    session, url = presenter
    driver = browser()
    driver.get(url)
    _wait(driver, "First question?")
    driver.execute_script("window.podiumMarker = 42")  # gone if the page reloads
    driver.save_screenshot(str(tmp_path / "phone-360.png"))

    _choose(driver, "Yes")
    _wait(driver, "Your vote is saved")
    session.wait_for("1 voter", timeout=5)  # the presenter's chart counts it
    _choose(driver, "No")
    _wait(driver, "Your vote: No")
    assert [(poll, option) for poll, _, option in _stored(private_data_dir)] == [("first", "no")]
    assert _stored(private_data_dir)[0][1].startswith("web:")

    driver.execute_script("window.podiumMarker = 42")
    session.keys("r")  # the presenter reveals the results: the page follows by itself
    _wait(driver, "Results")
    assert "100 %" in driver.find_element(By.ID, "s-results").text
    session.keys("Right")
    _wait(driver, "Wait for the next question")
    _wait(driver, "Between the polls")
    session.keys("Right")
    _wait(driver, "Pick any colours")
    assert driver.execute_script("return window.podiumMarker") == 42  # no reload
    boxes = driver.find_elements(By.CSS_SELECTOR, "input[type=checkbox]")
    assert len(boxes) == 3
    driver.find_element(By.XPATH, "//label[span='Red']").click()
    _choose(driver, "Grønn")
    _wait(driver, "Your vote: Red, Grønn")

    origin = url.rsplit("/", 1)[0] + "/"
    requested = _requested(driver)
    assert requested and all(each.startswith(origin) for each in requested), requested


def test_a_phone_votes_and_follows_without_javascript(
    presenter, browser, private_data_dir: Path
) -> None:
    session, url = presenter
    driver = browser(javascript=False)
    driver.get(url)
    _wait(driver, "First question?")
    _choose(driver, "Yes")
    _wait(driver, "Your vote is saved")
    _choose(driver, "No")
    _wait(driver, "Your vote: No")
    assert [(poll, option) for poll, _, option in _stored(private_data_dir)] == [("first", "no")]

    session.keys("r")
    session.wait_for("100%", timeout=5)
    driver.find_element(By.LINK_TEXT, "Update").click()
    _wait(driver, "Results")
    session.keys("Right", "Right")
    session.wait_for("Pick any colours")
    time.sleep(0.3)
    driver.find_element(By.LINK_TEXT, "Update").click()
    _wait(driver, "Pick any colours")
    origin = url.rsplit("/", 1)[0] + "/"
    requested = _requested(driver)
    assert requested and all(each.startswith(origin) for each in requested), requested
