"""The web page in a real browser: headless Chromium (Debian's ``chromium``) driven by
Playwright. From the overview to the evidence sentence of an event, an article, a
filter, the paste box, and a phone-sized screen; a screenshot of each step.

Skipped, with the reason, when Chromium or Playwright is missing; ``.ci/run`` installs
Chromium and sets ``NEWSEVENTS_REQUIRE_BROWSER=1``, which turns that skip into a failure,
so CI always runs these. Screenshots go to ``$NEWSEVENTS_SCREENSHOTS`` when set
(``docs/img`` for the docs), else to the test's temporary folder. ``$NEWSEVENTS_WEB_DB``
serves another store instead of the sample articles (the docs' screenshots use the seeds
and the 2019 Wikinews articles).
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("NEWSEVENTS_CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TOKEN = "browser-test-token"
TIMEOUT_MS = 30_000

REQUIRED = os.environ.get("NEWSEVENTS_REQUIRE_BROWSER") == "1"  # set by .ci/run
if not Path(CHROMIUM).exists():
    reason = f"browser tests skipped: no Chromium at {CHROMIUM} (apt-get install chromium)"
    if REQUIRED:
        pytest.fail(reason + ", and NEWSEVENTS_REQUIRE_BROWSER=1", pytrace=False)
    pytest.skip(reason, allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server(sample_store: Path, coder, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    from newsevents.web import ServeSettings, create_app

    chosen = os.environ.get("NEWSEVENTS_WEB_DB")
    path = tmp_path_factory.mktemp("web") / "web.duckdb"
    shutil.copy(Path(chosen) if chosen else sample_store, path)
    app = create_app(ServeSettings(db_path=path, token=TOKEN), coder=coder)
    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    uvi = uvicorn.Server(config)
    thread = threading.Thread(target=uvi.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not uvi.started:
        if time.monotonic() > deadline:
            pytest.fail("the server did not start within 30 s")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    uvi.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = os.environ.get("NEWSEVENTS_SCREENSHOTS")
    path = Path(folder) if folder else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture()
def page(browser, server: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    opened.set_default_timeout(TIMEOUT_MS)
    errors: list[str] = []
    opened.on("pageerror", lambda exc: errors.append(str(exc)))
    opened.on("requestfailed", lambda request: errors.append(f"failed: {request.url}"))
    yield opened
    context.close()
    assert errors == [], f"the page reported errors: {errors}"


def test_three_clicks_from_the_overview_to_the_evidence(page, server: str, shots: Path) -> None:
    page.goto(server + "/")
    page.wait_for_selector("[data-testid=dyads] tbody tr")
    assert page.locator("[data-testid=network] circle").count() >= 2
    assert page.locator("[data-testid=timeline] rect.bar").count() >= 1
    page.screenshot(path=str(shots / "web-overview.png"), full_page=True)

    top_dyad = page.locator("[data-testid=dyads] tbody tr").first  # click 1: a dyad
    pair = set(top_dyad.locator("td").first.inner_text().split(" – "))
    top_dyad.click()
    rows = page.locator("[data-testid=events] tbody tr")
    rows.first.wait_for()
    history = page.locator("[data-testid=dyad-history] rect")
    assert history.count() >= 1  # the dyad's month-by-month history above the table
    page.screenshot(path=str(shots / "web-events.png"), full_page=True)
    for i in range(rows.count()):
        cells = rows.nth(i).locator("td")
        actors = {cells.nth(1).inner_text()[:3], cells.nth(2).inner_text()[:3]}
        assert actors == pair

    rows.first.click()  # click 2: an event
    evidence = page.locator("[data-testid=evidence]")
    evidence.wait_for()
    assert evidence.locator("mark.m-source").count() == 1
    assert evidence.locator("mark.m-trigger").count() == 1
    assert page.locator("[data-testid=modality]").inner_text().strip() != ""
    page.screenshot(path=str(shots / "web-event.png"), full_page=True)
    sentence = evidence.inner_text()

    page.locator("[data-testid=article-link]").click()  # click 3: its article
    text = page.locator("[data-testid=article-text]")
    text.wait_for()
    focused = " ".join(text.locator("mark.m-focus").all_inner_texts())
    assert sentence.split()[0] in focused and sentence.split()[-1] in focused
    page.screenshot(path=str(shots / "web-article.png"))


def _filter_events(page, server: str, fields: dict[str, str]):
    """Open the event explorer, fill in the filter form, submit it; the table's rows."""
    page.goto(server + "/#/events")
    page.locator("[data-testid=events] tbody tr").first.wait_for()
    form = page.locator("[data-testid=filters]")
    for name, value in fields.items():
        field = form.locator(f"[name={name}]")
        if name == "modality":
            field.select_option(value)
        else:
            field.fill(value)
    form.locator("button[type=submit]").click()
    name, value = next(iter(fields.items()))
    page.wait_for_function(f"location.hash.includes('{name}={value}')")
    return page.locator("[data-testid=events] tbody tr")


def test_a_filter_narrows_the_event_table(page, server: str, shots: Path) -> None:
    rows = _filter_events(page, server, {"code": "19", "modality": "asserted"})
    rows.first.wait_for()
    page.wait_for_function(
        "[...document.querySelectorAll('[data-testid=events] tbody tr td:nth-child(4)')]"
        ".every(td => td.textContent.startsWith('19'))"
    )
    for i in range(rows.count()):
        assert rows.nth(i).locator("td").nth(4).inner_text() == "asserted"
    page.screenshot(path=str(shots / "web-filter.png"), full_page=True)


def _busiest_year(page, server: str, actor: str) -> str:
    """The year with the most dated events of an actor in the store served (the samples or
    $NEWSEVENTS_WEB_DB), so that the filter below selects something in either."""
    answer = page.request.get(server + "/api/events", params={"actor": actor, "limit": 500})
    years = Counter(e["date"][:4] for e in answer.json()["events"] if e["date"])
    assert years, f"no dated events of {actor} in the store"
    return years.most_common(1)[0][0]


def test_the_filters_take_a_name_and_a_year(page, server: str, shots: Path) -> None:
    year = _busiest_year(page, server, "Russia")
    rows = _filter_events(page, server, {"actor": "Russia", "since": year, "until": year})
    page.wait_for_function(
        "document.querySelectorAll('[data-testid=events] tbody tr').length > 0 &&"
        "[...document.querySelectorAll('[data-testid=events] tbody tr')].every(tr =>"
        " [1, 2].some(i => tr.children[i].textContent.startsWith('RUS')))"
    )
    for i in range(rows.count()):
        cells = rows.nth(i).locator("td")
        assert cells.nth(0).inner_text().startswith(year)
        actors = cells.nth(1).inner_text() + " " + cells.nth(2).inner_text()
        assert "RUS" in actors and "Russia" in actors  # the code and its name
        code = cells.nth(3).inner_text()
        assert re.match(r"^\d{2,4} [A-Z][a-z]", code), code  # "190 Use conventional…"
    page.screenshot(path=str(shots / "web-filter-names.png"), full_page=True)

    form = page.locator("[data-testid=filters]")
    form.locator("input[name=actor]").fill("Narnia")
    form.locator("button[type=submit]").click()
    alert = page.locator("[role=alert]")
    alert.wait_for()
    assert "no actor called 'Narnia'" in alert.inner_text()


def test_the_paste_box_codes_a_text(page, server: str, shots: Path) -> None:
    page.goto(server + "/#/code")
    page.fill(
        "[data-testid=code-text]",
        "The United States imposed new sanctions on Iran on Monday. "
        "Russia did not condemn the strike.",
    )
    page.fill("input[name=date]", "2019-04-22")
    page.locator("form button[type=submit]").click()
    coded = page.locator("[data-testid=coded-event]")
    coded.first.wait_for()
    headings = coded.locator("summary").all_inner_texts()
    assert any(h.startswith("USA") and "IRN" in h and "163" in h for h in headings)
    assert coded.locator(".badge.negated").count() == 1
    page.screenshot(path=str(shots / "web-code.png"), full_page=True)


def test_the_overview_fits_a_phone_screen(browser, server: str, shots: Path) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    phone = context.new_page()
    phone.goto(server + "/")
    phone.wait_for_selector("[data-testid=dyads] tbody tr", timeout=TIMEOUT_MS)
    width, viewport = phone.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    phone.screenshot(path=str(shots / "web-phone.png"), full_page=True)
    context.close()
    assert width <= viewport
