# ruff: noqa: F811
"""The page's downloads and its layout faults, in a real browser (the fixtures and skip
rules of ``test_web_browser.py``): the Download buttons give the filter's events, no
"null" text, a highlight key in colour, the events on a phone screen, network labels that
do not overlap, and the paste box as a compact list. Screenshots as there."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

# The fixtures of test_web_browser.py, taken by name (hence the file-wide F811 above).
from test_web_browser import TIMEOUT_MS, browser, page, server, shots  # noqa: F401

PHONE = {"width": 390, "height": 844}
THIRTEEN_EVENTS = (
    "The United States imposed new sanctions on Iran on Monday. Russia condemned the strike "
    "on Syria. China signed a trade agreement with Pakistan. Israeli troops attacked Hamas "
    "fighters in Gaza. North Korea test-fired a ballistic missile. Japan protested to China "
    "over the incident. Germany pledged military aid to Ukraine. Iran accused Israel of "
    "sabotage. India and Pakistan held talks in Geneva. The European Union praised Turkey for "
    "its cooperation. Saudi Arabia expelled Canada's ambassador. France sent troops to Mali. "
    "Russia did not condemn the strike."
)


def _open(page, url: str, ready: str) -> None:
    """Go to ``url`` and wait for the first element of ``ready``."""
    page.goto(url)
    page.locator(ready).first.wait_for()


def _total(page) -> int:
    """The number of matching events the pager states ("1–50 of 184")."""
    pager = page.locator(".pager > span.muted").inner_text()
    return int(pager.rsplit(" of ", 1)[1])


def _download(page, testid: str, folder: Path) -> Path:
    with page.expect_download() as info:
        page.locator(f"[data-testid={testid}]").click()
    path = folder / info.value.suggested_filename
    info.value.save_as(path)
    return path


def test_download_buttons_give_every_event_of_the_filter(
    page, server: str, shots: Path, tmp_path: Path
) -> None:
    _open(page, server + "/#/events", "[data-testid=events] tbody tr")
    total = _total(page)
    assert total > page.locator("[data-testid=events] tbody tr").count()  # more than a page
    every = pacsv.read_csv(_download(page, "download-csv", tmp_path))
    assert every.num_rows == total

    page.goto(server + "/#/events?actor=USA&modality=asserted")
    page.wait_for_function(
        "document.querySelector('[data-testid=download-csv]')?.href.includes('actor=USA')"
    )
    total = _total(page)
    path = _download(page, "download-csv", tmp_path)
    assert path.name == "events.csv"
    codes = pacsv.ConvertOptions(column_types={"cameo": pa.string()})
    table = pacsv.read_csv(path, convert_options=codes)
    assert table.num_rows == total > 0
    assert set(table["modality"].to_pylist()) == {"asserted"}
    for row in table.select(["source_country", "target_country"]).to_pylist():
        assert "USA" in row.values()
    parquet = pq.read_table(_download(page, "download-parquet", tmp_path))
    assert parquet["event_id"].to_pylist() == table["event_id"].to_pylist()
    page.screenshot(path=str(shots / "download.png"))


def test_no_null_text_above_the_events_table(page, server: str) -> None:
    _open(page, server + "/#/events", "[data-testid=events] tbody tr")
    stray = page.evaluate(
        "[...document.getElementById('view').childNodes]"
        ".filter(n => n.nodeType === Node.TEXT_NODE).map(n => n.textContent.trim())"
    )
    assert [text for text in stray if text] == []
    assert "null" not in page.locator("#view").inner_text().split()


def test_the_highlight_key_has_the_colours_of_the_marks(page, server: str) -> None:
    page.goto(server + "/#/events")
    page.locator("[data-testid=events] tbody tr").first.click()
    page.locator("[data-testid=evidence]").wait_for()
    colours = page.evaluate(
        "[...document.querySelectorAll('.legend span')].map(s => [s.className,"
        " getComputedStyle(s).backgroundColor])"
    )
    transparent = {"rgba(0, 0, 0, 0)", "transparent"}
    assert len(colours) == 4 and not {c for _, c in colours} & transparent
    assert len({c for _, c in colours}) == 4
    mark = page.locator("[data-testid=evidence] mark.m-source").first
    source = mark.evaluate("m => getComputedStyle(m).backgroundColor")
    assert dict(colours)["m-source"] == source


def test_the_events_fit_a_phone_with_every_column(browser, server: str, shots: Path) -> None:
    context = browser.new_context(viewport=PHONE, is_mobile=True)
    phone = context.new_page()
    phone.set_default_timeout(TIMEOUT_MS)
    phone.goto(server + "/#/events")
    rows = phone.locator("[data-testid=events] tbody tr")
    rows.first.wait_for()
    width, viewport = phone.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    cards = phone.evaluate(
        """[...document.querySelectorAll('[data-testid=events] tbody tr')].map(tr => ({
            hidden: [...tr.cells].filter(td => td.getBoundingClientRect().width === 0).length,
            right: Math.max(...[...tr.cells].map(td => td.getBoundingClientRect().right)),
            dateLines: new Set([...(() => { const r = document.createRange();
                r.selectNodeContents(tr.cells[0]); return r.getClientRects(); })()]
                .map(rect => Math.round(rect.top))).size,
            height: tr.getBoundingClientRect().height}))"""
    )
    phone.screenshot(path=str(shots / "web-phone-events.png"))
    context.close()
    assert width <= viewport
    assert cards and all(card["hidden"] == 0 for card in cards)  # no column dropped
    assert all(card["right"] <= viewport for card in cards)
    assert all(card["dateLines"] == 1 for card in cards)  # dates do not wrap
    heights = sorted(card["height"] for card in cards)
    assert heights[len(heights) // 2] < 130 and heights[-1] < 220  # compact cards, a few lines


def test_network_labels_do_not_overlap(page, server: str) -> None:
    _open(page, server + "/", "[data-testid=network] circle")
    boxes = page.evaluate(
        "[...document.querySelectorAll('[data-testid=network] text')].map(t => {"
        " const b = t.getBBox(); return [b.x, b.y, b.x + b.width, b.y + b.height]; })"
    )
    dots = page.locator("[data-testid=network] circle").count()
    assert len(boxes) >= dots / 2  # most dots keep their label
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            overlap = a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
            assert not overlap, (a, b)


def test_the_paste_box_lists_events_compactly(page, server: str, shots: Path) -> None:
    page.goto(server + "/#/code")
    page.fill("[data-testid=code-text]", THIRTEEN_EVENTS)
    page.fill("input[name=date]", "2019-04-22")
    page.locator("form button[type=submit]").click()
    coded = page.locator("[data-testid=coded-event]")
    coded.first.wait_for()
    assert coded.count() == 13
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 1500, height  # a line per event, not a card (13 cards took 6,700 px)
    legend = page.locator("[data-testid=coded-list] .legend span.m-source")
    assert legend.evaluate("s => getComputedStyle(s).backgroundColor") != "rgba(0, 0, 0, 0)"
    sanction = coded.filter(has_text="163").first
    sanction.locator("summary").click()
    evidence = sanction.locator("[data-testid=evidence]")
    assert evidence.is_visible() and "sanctions" in evidence.inner_text()
    assert evidence.locator("mark.m-source").count() == 1
    page.screenshot(path=str(shots / "web-code.png"), full_page=True)


def test_the_paste_box_fits_a_phone(browser, server: str) -> None:
    context = browser.new_context(viewport=PHONE, is_mobile=True)
    phone = context.new_page()
    phone.set_default_timeout(TIMEOUT_MS)
    phone.goto(server + "/#/code")
    phone.fill("[data-testid=code-text]", THIRTEEN_EVENTS)
    phone.locator("form button[type=submit]").click()
    phone.locator("[data-testid=coded-event]").first.wait_for()
    scroll = phone.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    context.close()
    assert scroll[0] <= scroll[1]
