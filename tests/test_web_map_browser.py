"""The map view in a real browser (headless Chromium, the fixtures of test_web_browser.py):
places and dyads drawn on the country shapes, and the filters narrowing them like the
events table. Screenshot: map.png (docs/img/map.png with NEWSEVENTS_SCREENSHOTS=docs/img)."""

from __future__ import annotations

from pathlib import Path

from test_web_browser import browser, page, server, shots  # noqa: F401 (fixtures)


def _drawn(tab) -> set[tuple[str, str]]:
    return {
        (circle.get_attribute("data-place"), circle.get_attribute("data-country"))
        for circle in tab.locator("[data-testid=map] circle.place").all()
    }


def _expected(tab, base: str, query: str = "") -> set[tuple[str, str]]:
    body = tab.request.get(f"{base}/api/map{query}").json()
    return {(p["name"], p["country"]) for p in body["places"]}


def test_the_map_draws_the_places_and_a_filter_changes_them(
    page,  # noqa: F811
    server: str,  # noqa: F811
    shots: Path,  # noqa: F811
) -> None:
    page.goto(server + "/#/map")
    page.locator("[data-testid=map] circle.place").first.wait_for()
    assert page.locator("[data-testid=map] path.country").count() > 150  # the shapes
    assert page.locator("[data-testid=map] path.dyad").count() >= 3
    everything = _drawn(page)
    assert everything == _expected(page, server) and len(everything) >= 10
    page.screenshot(path=str(shots / "map.png"), full_page=True)

    form = page.locator("[data-testid=filters]")
    form.locator("input[name=code]").fill("19")
    form.locator("button[type=submit]").click()
    page.wait_for_function("location.hash.startsWith('#/map?code=19')")
    page.wait_for_function(
        "document.querySelector('[data-testid=map-summary]') && "
        f"document.querySelectorAll('[data-testid=map] circle.place').length < {len(everything)}"
    )
    violent = _drawn(page)
    assert violent == _expected(page, server, "?code=19")
    assert 0 < len(violent) < len(everything)

    page.locator("nav a[data-nav=map]").click()  # the nav link clears the filter
    page.wait_for_function(
        f"document.querySelectorAll('[data-testid=map] circle.place').length === {len(everything)}"
    )
