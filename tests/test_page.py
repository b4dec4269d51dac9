"""The web page in a real headless browser: Debian's chromium driven by Playwright (no browser
download: ``executable_path``). A real uvicorn server on loopback serves the session's store.

Opens the story list, a story, compares two of its articles, pastes the seed pair, checks that an
article holding a script tag shows as text everywhere, and that the page fits a phone. Saves
screenshots: the README's, into docs/screenshots/, with ``SAMESTORY_SCREENSHOTS=1`` (otherwise
into a temporary folder, so that a test run leaves the work tree as it was)."""

from __future__ import annotations

import json
import os
import shutil
import socket
import threading
import time
import urllib.request
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the [serve] extra (fastapi, uvicorn) is not installed")
playwright_api = pytest.importorskip("playwright.sync_api", reason="the [serve] extra (playwright) is not installed")

from samestory.serve import create_app  # noqa: E402
from test_serve import EVIL, EVIL_ARTICLE, session_corpus  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
README_SHOTS = ROOT / "docs" / "screenshots"
CHROMIUM = os.environ.get("SAMESTORY_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
PHONE = {"width": 390, "height": 844}
WAIT_MS = 60_000

if not Path(CHROMIUM).exists():
    pytest.skip(
        f"Debian's chromium is not installed ({CHROMIUM} missing): `apt-get install chromium` "
        "(.ci/run installs it); the page tests need a real browser",
        allow_module_level=True,
    )


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    folder = README_SHOTS if os.environ.get("SAMESTORY_SCREENSHOTS") else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def server(resources, tmp_path_factory):
    """uvicorn serving the session store on a free loopback port, in a thread of this process."""
    import uvicorn

    app = create_app(session_corpus(resources, tmp_path_factory))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 120
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-dev-shm-usage"])
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh page that fails the test on any script error, console error or dialog (alert)."""
    context = browser.new_context(viewport={"width": 1200, "height": 900}, device_scale_factor=1)
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    page.set_default_timeout(WAIT_MS)
    yield page
    context.close()
    assert not problems, problems


def shot(page, folder: Path, name: str) -> None:
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


def test_the_server_loaded_its_models_before_answering(server):
    with urllib.request.urlopen(server + "/health", timeout=10) as answer:
        health = json.load(answer)
    assert health["warm"] is True
    assert {"language", "embedder", "line_judge", "scorer"} <= set(health["models_loaded"])


def test_story_list_then_a_story_then_compare_two_of_its_articles(server, page, shots):
    page.goto(server + "/")
    page.wait_for_selector("#stories li.story")
    cards = page.locator("#stories li.story")
    assert cards.count() >= 2
    first = cards.first
    assert first.locator(".lang").count() >= 1 and "article" in first.locator(".count").inner_text()
    shot(page, shots, "stories")

    # the comet's story (it holds the English report and its Russian translation)
    with urllib.request.urlopen(server + "/articles/kedrovaya-comet.en", timeout=10) as answer:
        story_id = json.load(answer)["story"]
    page.select_option("#min", "2")
    page.wait_for_function("() => location.hash.includes('min=2')")
    page.wait_for_selector(f"#stories li.story[data-story='{story_id}']")
    target = page.locator(f"#stories li.story[data-story='{story_id}'] a.title")
    title = target.inner_text()
    target.click()
    page.wait_for_selector("#coverage")
    assert page.locator("#story-title").inner_text() == title
    assert page.locator(".lang-group").count() >= 2
    assert page.locator("#coverage rect").count() >= 2
    shot(page, shots, "story")

    page.check("input[data-article='kedrovaya-comet.en']")
    assert page.locator("#compare-picked").is_disabled()
    page.check("input[data-article='kedrovaya-comet.ru']")
    page.click("#compare-picked")
    page.wait_for_selector("#verdict")
    assert "Same story" in page.locator("#verdict").inner_text()
    assert page.locator("#aligned .pair[data-kind=pair]").count() >= 3
    assert page.locator("#dimensions .dim").count() == 6
    assert page.locator("#shared-entities").inner_text().strip()
    shot(page, shots, "compare")


def test_the_seed_pair_pasted_shows_the_verdict_and_eight_aligned_pairs(server, page, seeds, shots):
    page.goto(server + "/#/compare")
    page.fill("#a-text", (seeds / "en.txt").read_text(encoding="utf-8"))
    page.fill("#b-text", (seeds / "de.txt").read_text(encoding="utf-8"))
    page.click("#compare-run")
    page.wait_for_selector("#verdict")
    assert "Same story" in page.locator("#verdict").inner_text()
    pairs = page.locator("#aligned .pair[data-kind=pair]")
    assert pairs.count() >= 8
    # side by side: each pair's A and B sentences sit on one row
    a_box, b_box = pairs.first.locator(".sa").bounding_box(), pairs.first.locator(".sb").bounding_box()
    assert a_box and b_box and b_box["x"] > a_box["x"] + a_box["width"] - 1
    shot(page, shots, "compare-seeds")


def test_an_article_with_a_script_tag_shows_as_text_on_every_page(server, page):
    evil_title = EVIL_ARTICLE["title"]
    page.goto(server + "/")
    page.wait_for_selector("#stories li.story")
    assert page.get_by_text(evil_title, exact=True).count() >= 1

    page.goto(server + "/?q=harbour flood")
    page.wait_for_selector("#article-hits")
    page.wait_for_function("() => document.querySelector('#results').textContent.includes('alert(1)')")

    page.goto(server + "/#/article/evil-1")
    page.wait_for_selector("#article-text")
    assert page.locator("#article-title").inner_text() == evil_title
    assert EVIL in page.locator("#article-text").inner_text()

    story = page.locator("a", has_text="its story").get_attribute("href")
    page.goto(server + "/" + story)
    page.wait_for_selector("#coverage, .groups")
    assert page.get_by_text(evil_title, exact=True).count() >= 1

    page.goto(server + "/#/compare?a=evil-1&b=evil-1")
    page.wait_for_selector("#verdict")
    assert EVIL in page.locator("#aligned").inner_text()
    for _ in range(3):  # nothing anywhere became markup: no script element inside the page's main
        assert page.evaluate("document.querySelectorAll('main script, main img, main iframe').length") == 0
    assert page.evaluate("typeof window.__xss") == "undefined"


def test_usable_at_phone_width(server, browser, shots):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    try:
        for url, ready in (("/", "#stories li.story"), ("/#/compare?a=harbor-fire.en&b=harbor-fire.de", "#verdict")):
            page.goto(server + url)
            page.wait_for_selector(ready)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= PHONE["width"] + 1, f"{url}: the page is {width}px wide on a {PHONE['width']}px screen"
        page.screenshot(path=str(shots / "compare-phone.png"), full_page=False)
    finally:
        context.close()


def test_live_refresh_shows_new_articles(server, page):
    page.goto(server + "/")
    page.wait_for_selector("#stories li.story")
    record = {
        "id": "live-1",
        "title": "Tram line to the airport approved by the city council",
        "text": "The city council approved the new tram line to the airport on Thursday. Construction starts in "
        "spring and the first trams should run in three years, the mayor said.",
        "published": "2026-12-05",
    }
    request = urllib.request.Request(
        server + "/articles", data=json.dumps(record).encode(), headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=120) as answer:
        assert answer.status == 201
    page.wait_for_function(
        "() => document.querySelector('#status').textContent.includes('new articles')", timeout=20_000
    )
    assert page.get_by_text(record["title"], exact=True).count() == 1
