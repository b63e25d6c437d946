"""The dashboard in a real browser: Debian's chromium driven by playwright (through
`executable_path`: no browser is ever downloaded), against `tidings serve` running on
127.0.0.1 on a free port.

Clicks filter -> event -> article, opens the map and the timeline, and checks that an
article whose title and body hold <script> and <img onerror> shows them as text and
runs neither. Screenshots (filter, event, article, map, timeline) go to a temporary
folder, or to $TIDINGS_SCREENSHOTS when set. Skipped, saying why, only when chromium
or playwright is missing (`make browser` installs chromium).
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from web_store import HOSTILE_TEXT, HOSTILE_TITLE, make_store, served

CHROMIUM = os.environ.get("TIDINGS_CHROMIUM", "/usr/bin/chromium")
TOKEN = "browser-token-123"

sync_api = pytest.importorskip("playwright.sync_api",
                               reason="playwright is not installed (pip install -e .[dev])")
if not Path(CHROMIUM).exists():
    pytest.skip(f"no chromium at {CHROMIUM}: `make browser` installs Debian's "
                "(apt-get install chromium); skipping the browser test",
                allow_module_level=True)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = make_store(tmp_path_factory.mktemp("browser") / "web.duckdb", synthetic=30)
    with served(db, TOKEN) as base:
        yield {"base": base, "db": db}


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    folder = os.environ.get("TIDINGS_SCREENSHOTS")
    path = Path(folder) if folder else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                              args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.problems = []
    page.on("pageerror", lambda exc: page.problems.append(f"page error: {exc}"))
    page.on("dialog", lambda d: (page.problems.append(f"dialog: {d.message}"), d.dismiss()))
    page.on("console", lambda m: m.type == "error" and page.problems.append(m.text))
    yield page
    context.close()


def ready(page) -> None:
    page.wait_for_selector("body[data-ready=true]", timeout=20000)


def not_pwned(page) -> None:
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.problems == []


def test_filter_event_article_and_hostile_markup_stays_text(server, page, shots):
    page.goto(server["base"] + "/")
    ready(page)
    page.fill("[data-testid=filter-type]", "COERCE")
    page.fill("[data-testid=filter-country]", "UKR")
    page.click("[data-testid=apply]")
    page.wait_for_url("**/#/events?type=COERCE&country=UKR")
    ready(page)
    rows = page.locator("[data-testid=events-table] tbody tr")
    assert rows.count() == 1 and rows.first.get_attribute("data-event") == "ev5"
    csv_link = page.locator("a.download[data-format=csv]").get_attribute("href")
    assert csv_link == "/api/v1/events?type=COERCE&country=UKR&format=csv"
    page.screenshot(path=str(shots / "filter.png"))

    page.click("[data-testid=event-link]")
    page.wait_for_selector("[data-testid=mention] [data-testid=article-text]")
    ready(page)
    text = page.locator("[data-testid=mention] [data-testid=article-text]")
    assert text.text_content() == HOSTILE_TEXT  # the markup, shown as characters
    assert text.locator("img, script").count() == 0
    marks = {m.get_attribute("data-kinds"): m.text_content()
             for m in text.locator("mark").all()}
    assert marks.get("sentence trigger") == "fired"
    assert "We will not leave," in (marks.get("quote") or "")
    # the rules come from coding the article again: the first time loads the model
    page.wait_for_selector("[data-testid=why][data-state=done]", timeout=180000)
    page.screenshot(path=str(shots / "event.png"), full_page=True)
    not_pwned(page)

    page.click("[data-testid=article-link]")
    page.wait_for_selector("[data-testid=article-title]")
    ready(page)
    assert page.locator("[data-testid=article-title]").text_content() == HOSTILE_TITLE
    assert page.locator("main img, main script").count() == 0
    assert "Outlet" in page.locator("dl.facts").text_content()  # "<b>Outlet</b>" as text
    page.screenshot(path=str(shots / "article.png"), full_page=True)
    not_pwned(page)


def test_map_points_link_to_their_events(server, page, shots):
    page.goto(server["base"] + "/#/map?weeks=52")
    ready(page)
    page.wait_for_selector("[data-testid=map-chart] circle")
    assert page.locator("[data-testid=map-chart] path.country").count() > 150
    assert page.locator("[data-testid=map-chart] circle").count() == 4  # located events
    assert page.locator("[data-testid=change-table] tbody tr").count() >= 3
    page.screenshot(path=str(shots / "map.png"))
    page.click("[data-testid=colour-type]")
    ready(page)
    page.wait_for_selector("[data-testid=map-chart] circle[fill]")
    fills = {c.get_attribute("fill") for c in page.locator("[data-testid=map-chart] circle").all()}
    assert len(fills) >= 3  # ASSAULT, CONSULT, AID, COERCE: one colour per type
    assert "colour=type" in page.url
    page.locator("[data-testid=map-chart] a.point-link").first.dispatch_event("click")
    page.wait_for_selector("[data-testid=event-title]")
    assert "#/event/" in page.url
    not_pwned(page)


def test_timeline_shows_conflict_and_cooperation(server, page, shots):
    page.goto(server["base"] + "/#/timeline?interval=month")
    ready(page)
    chart = page.locator("[data-testid=timeline-chart]")
    assert chart.locator("rect.conflict").count() == chart.locator("rect.coop").count() > 0
    page.screenshot(path=str(shots / "timeline.png"))
    page.fill("[data-testid=filter-dyad]", "IRN,FRA")
    page.uncheck("[data-testid=filter-directed]")
    page.click("[data-testid=apply]")
    ready(page)
    assert "dyad=IRN%2CFRA" in page.url and "directed=false" in page.url
    titles = page.locator("[data-testid=timeline-chart] rect.coop title").all_text_contents()
    assert any(t.endswith(": 1 cooperation") for t in titles)
    not_pwned(page)


def test_actor_page_and_screenshots_were_taken(server, page, shots):
    page.goto(server["base"] + "/#/actor/RUSMIL")
    ready(page)
    assert page.locator("[data-testid=actor-title]").text_content() == "Actor: RUSMIL"
    assert page.locator("[data-testid=dyads-table]").first.locator("tbody tr").count() >= 1
    not_pwned(page)
    for name in ["filter", "event", "map", "timeline"]:
        assert (shots / f"{name}.png").stat().st_size > 5000, name


def test_one_writer_and_tokens_over_http(server):
    # While the server runs it owns the store: the CLI is refused in one line.
    r = subprocess.run([sys.executable, "-m", "tidings.cli", "query", "--db", str(server["db"])],
                       check=False, capture_output=True, text=True, timeout=120)
    assert r.returncode == 1
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "tidings serve" in lines[0] and server["base"] in lines[0]
    base = server["base"]
    assert httpx.get(base + "/api/v1/events").status_code == 200
    body = {"text": ("Thousands of farmers blocked highways around Paris on Monday, "
                     "demanding that the government cut fuel taxes. Police cleared "
                     "two roads."), "title": "Farmers block roads", "published": "2024-02-01"}
    assert httpx.post(base + "/api/v1/articles", json=body).status_code == 401
    wrong = httpx.post(base + "/api/v1/articles", json=body,
                       headers={"Authorization": "Bearer not-the-token"})
    assert wrong.status_code == 401
    ok = httpx.post(base + "/api/v1/articles", json=body, timeout=120,
                    headers={"Authorization": f"Bearer {TOKEN}"})
    assert ok.status_code == 201, ok.text
    stored = ok.json()
    assert stored["title"] == "Farmers block roads"
    got = httpx.get(f"{base}/api/v1/articles/{stored['hash']}").json()
    assert got["text"] == body["text"]
    if stored["annotations"]["events"]:  # coded by the real coder, and already readable
        event_id = stored["annotations"]["events"][0]["event_id"]
        assert httpx.get(f"{base}/api/v1/events/{event_id}").status_code == 200
        why = httpx.get(f"{base}/api/v1/events/{event_id}/why", timeout=60).json()["by"]
        assert any(why.values())  # the rules that made it, by name
