"""The HTTP API: what each endpoint answers on a store of the sample articles, and that
every malformed request gets a 4xx with a clear message, never a 500."""

from __future__ import annotations

import asyncio
import shutil
import threading
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsevents.store import Store
from newsevents.web import ServeSettings, create_app
from newsevents.web.access import ReadWriteLock
from newsevents.web.limits import TimeLimit

TOKEN = "s3cret-token"


@pytest.fixture(scope="module")
def client(sample_store: Path, coder) -> TestClient:
    app = create_app(ServeSettings(db_path=sample_store, token=TOKEN), coder=coder)
    return TestClient(app, raise_server_exceptions=False)


@pytest.fixture()
def writable(tmp_path: Path, sample_store: Path, coder) -> TestClient:
    """A client on a copy of the sample store, for tests that write."""
    path = tmp_path / "copy.duckdb"
    shutil.copy(sample_store, path)
    app = create_app(ServeSettings(db_path=path, token=TOKEN), coder=coder)
    return TestClient(app, raise_server_exceptions=False)


def test_health_reports_the_store_counts(client: TestClient, sample_store: Path) -> None:
    body = client.get("/api/health").json()
    with Store(sample_store, read_only=True) as store:
        counts = store.counts()
    assert body["status"] == "ok"
    assert (body["articles"], body["events"]) == (counts["articles"], counts["events"])
    assert body["ingest_enabled"] is True


def test_events_pages_add_up_to_the_whole_listing(client: TestClient) -> None:
    everything = client.get("/api/events", params={"limit": 500}).json()
    assert everything["total"] == len(everything["events"]) > 20
    first = client.get("/api/events", params={"limit": 10}).json()
    second = client.get("/api/events", params={"limit": 10, "offset": 10}).json()
    ids = [e["event_id"] for e in first["events"] + second["events"]]
    assert ids == [e["event_id"] for e in everything["events"][:20]]
    assert first["total"] == everything["total"]


def test_event_filters_select_what_they_say(client: TestClient) -> None:
    dyad = client.get("/api/events", params={"dyad": "RUS,UKR", "limit": 500}).json()
    assert dyad["total"] > 0
    for event in dyad["events"]:
        pair = {event["source"]["country"], (event["target"] or {}).get("country")}
        assert pair == {"RUS", "UKR"}
    coded = client.get("/api/events", params={"code": "19", "modality": "asserted"}).json()
    assert coded["total"] > 0
    assert all(e["cameo"].startswith("19") and e["modality"] == "asserted" for e in coded["events"])
    dated = client.get("/api/events", params={"since": "2023-01-01", "until": "2023-12-31"})
    assert dated.json()["events"]
    assert all(e["date"].startswith("2023") for e in dated.json()["events"])
    unique = client.get("/api/events", params={"unique": "true", "limit": 500}).json()
    assert 0 < unique["total"] < client.get("/api/events").json()["total"]  # reports merge
    assert all(e["cluster"]["n_mentions"] >= 1 for e in unique["events"])


def test_event_detail_links_its_article_and_evidence(client: TestClient) -> None:
    listed = client.get("/api/events", params={"limit": 1}).json()["events"][0]
    event = client.get(f"/api/events/{listed['event_id']}").json()
    assert event["event_id"] == listed["event_id"]
    assert event["article"]["article_id"] == listed["article_id"]
    article = client.get(f"/api/articles/{listed['article_id']}").json()
    start, end = event["evidence"]["start"], event["evidence"]["end"]
    assert article["text"][start:end] == event["evidence"]["text"]


def test_article_spans_mark_sentence_trigger_and_actors(client: TestClient) -> None:
    listed = client.get("/api/events", params={"dyad": "RUS,UKR"}).json()["events"][0]
    article = client.get(f"/api/articles/{listed['article_id']}").json()
    assert listed["event_id"] in {e["event_id"] for e in article["events"]}
    spans = [s for s in article["spans"] if s["event_id"] == listed["event_id"]]
    text = {s["kind"]: article["text"][s["start"] : s["end"]] for s in spans}
    assert text["sentence"] == listed["evidence"]["text"]
    assert text["source"] == listed["source"]["text"]
    assert text["trigger"] in listed["evidence"]["trigger"]
    for span in spans:
        assert 0 <= span["start"] < span["end"] <= len(article["text"])


def test_actors_lists_codes_with_counts_and_filters_them(client: TestClient) -> None:
    actors = client.get("/api/actors", params={"limit": 1000}).json()["actors"]
    counts = [a["events"] for a in actors]
    assert counts == sorted(counts, reverse=True)
    assert all(a["events"] == a["as_source"] + a["as_target"] for a in actors)
    russian = client.get("/api/actors", params={"q": "RUS"}).json()["actors"]
    assert russian and all(
        a["code"].startswith("RUS") or "rus" in a["name"].lower() for a in russian
    )


def test_dyad_series_counts_match_the_event_listing(client: TestClient) -> None:
    series = client.get("/api/dyads/RUS/UKR/series", params={"by": "month"}).json()["series"]
    assert {(row["source"], row["target"]) for row in series} == {("RUS", "UKR"), ("UKR", "RUS")}
    listed = client.get(
        "/api/events", params={"dyad": "RUS,UKR", "modality": "asserted", "limit": 500}
    ).json()
    assert sum(row["events"] for row in series) == listed["total"]


def test_network_nodes_are_laid_out_and_pairs_join_them(client: TestClient) -> None:
    network = client.get("/api/network").json()
    ids = {node["id"] for node in network["nodes"]}
    assert {"RUS", "UKR"} <= ids
    assert all(0 <= n["x"] <= 1 and 0 <= n["y"] <= 1 for n in network["nodes"])
    assert all(p["a"] in ids and p["b"] in ids for p in network["pairs"])
    blocs = client.get("/api/blocs").json()
    assert {row["actor"] for row in blocs["actors"]} == ids
    assert "balance" in blocs["figures"]


def test_code_returns_the_events_of_a_text(client: TestClient) -> None:
    response = client.post(
        "/api/code",
        json={
            "text": "The United States imposed new sanctions on Iran on Monday.",
            "date": "2019-04-22",
        },
    )
    assert response.status_code == 200
    [event] = response.json()["events"]
    assert (event["source"]["code"], event["target"]["code"], event["cameo"]) == (
        "USA",
        "IRN",
        "163",
    )
    assert event["date"] == "2019-04-22"


def test_ingest_stores_uploads_once_and_needs_the_token(writable: TestClient) -> None:
    text = b"Iran accused the United States on Monday of sabotaging the talks in Vienna."
    upload = {"files": ("note.txt", text, "text/plain")}
    assert writable.post("/api/ingest", files=upload).status_code == 401
    wrong = writable.post("/api/ingest", files=upload, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    before = writable.get("/api/health").json()["articles"]
    network_before = writable.get("/api/network", params={"top": 200}).json()
    auth = {"Authorization": f"Bearer {TOKEN}"}
    first = writable.post("/api/ingest", files=upload, data={"date": "2021-04-12"}, headers=auth)
    assert first.status_code == 200, first.text
    assert (first.json()["new"], first.json()["events"]) == (1, 1)
    [stored] = writable.get(
        "/api/events", params={"since": "2021-04-12", "until": "2021-04-12", "source": "IRN"}
    ).json()["events"]
    assert stored["doc_id"] == "note" and stored["date"] == "2021-04-12"  # "on Monday"
    article = writable.get(f"/api/articles/{stored['article_id']}").json()
    assert (article["origin"], article["published"]) == ("upload:note.txt", "2021-04-12")
    again = writable.post("/api/ingest", files=upload, headers=auth).json()
    assert (again["new"], again["duplicate"]) == (0, 1)
    assert writable.get("/api/health").json()["articles"] == before + 1
    events = writable.get("/api/events", params={"source": "IRN", "code": "11"}).json()["events"]
    assert any(e["evidence"]["text"].startswith("Iran accused") for e in events)
    network_after = writable.get("/api/network", params={"top": 200}).json()  # not cached

    def conflict(network: dict) -> int:
        return sum(p["conflict"] for p in network["pairs"] if {p["a"], p["b"]} == {"IRN", "USA"})

    assert conflict(network_after) == conflict(network_before) + 1


def test_ingest_is_refused_when_the_server_has_no_token(sample_store: Path) -> None:
    app = create_app(ServeSettings(db_path=sample_store, token=None))
    response = TestClient(app).post("/api/ingest", files={"files": ("a.txt", b"x")})
    assert response.status_code == 403
    assert "--token" in response.json()["error"]["message"]


BAD_REQUESTS = [
    ("get", "/api/events?limit=0", None, 422),
    ("get", "/api/events?limit=abc", None, 422),
    ("get", "/api/events?offset=-1", None, 422),
    ("get", "/api/events?since=2019-02-30", None, 422),
    ("get", "/api/events?since=yesterday", None, 422),
    ("get", "/api/events?modality=probably", None, 422),
    ("get", "/api/events?dyad=USA", None, 422),
    ("get", "/api/events?dyad=,", None, 422),
    ("get", "/api/events?actor=" + "A" * 500, None, 422),
    ("get", "/api/events/no-such-event", None, 404),
    ("get", "/api/events/..%2F..%2Fetc%2Fpasswd", None, 404),
    ("get", "/api/events/%27%3B%20DROP%20TABLE%20events%3B--", None, 422),
    ("get", "/api/articles/missing", None, 404),
    ("get", "/api/dyads/USA/NOSUCHACTOR/series", None, 400),  # names no actor
    ("get", "/api/dyads/USA/ZWE/series", None, 404),  # an actor without events
    ("get", "/api/events?actor=Foo", None, 400),
    ("get", "/api/events?dyad=Russia,Narnia", None, 400),
    ("get", "/api/events?since=2022-13", None, 422),
    ("get", "/api/events?until=20222", None, 422),
    ("get", "/api/events?since=2023&until=2022", None, 400),
    ("get", "/api/dyads/USA/RUS/series?by=decade", None, 422),
    ("get", "/api/network?level=planet", None, 422),
    ("get", "/api/network?top=1", None, 422),
    ("get", "/api/blocs?until=2019-01-01&since=2020-01-01", None, 400),
    ("get", "/api/actors?limit=100000", None, 422),
    ("get", "/api/dyads/USA/RUS/series?by=day&since=0001-01-01&until=9999-12-31", None, 400),
    ("get", "/api/no-such-endpoint", None, 404),
    ("delete", "/api/events", None, 405),
    ("post", "/api/code", {"text": ""}, 422),
    ("post", "/api/code", {"txt": "Russia condemned it."}, 422),
    ("post", "/api/code", {"text": "Russia condemned it.", "date": "2019-13-01"}, 422),
    ("post", "/api/code", {"text": 42}, 422),
    ("post", "/api/code", [1, 2, 3], 422),
]


@pytest.mark.parametrize(("method", "url", "body", "status"), BAD_REQUESTS)
def test_malformed_requests_get_a_clear_4xx(
    client: TestClient, method: str, url: str, body: object, status: int
) -> None:
    response = client.request(method, url, json=body)
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["status"] == status and len(error["message"]) > 5


def test_a_date_beyond_the_calendar_is_no_error(client: TestClient) -> None:
    for day, text in (
        ("0001-01-01", "Iran condemned Israel yesterday."),
        ("9999-12-31", "Iran will meet Israel tomorrow."),
    ):
        response = client.post("/api/code", json={"text": text, "date": day})
        assert response.status_code == 200, response.text
        assert all(e["date_precision"] == "document" for e in response.json()["events"])


def test_actor_search_has_no_wildcards(client: TestClient) -> None:
    for pattern in ("%", "_", "R_S"):
        assert client.get("/api/actors", params={"q": pattern}).json()["actors"] == []


def test_invalid_json_and_oversized_bodies_are_refused(sample_store: Path) -> None:
    app = create_app(
        ServeSettings(db_path=sample_store, token=TOKEN, max_body_bytes=1000, max_text_chars=100)
    )
    client = TestClient(app)
    as_json = {"content-type": "application/json"}
    broken = client.post("/api/code", content=b"{not json", headers=as_json)
    assert broken.status_code == 422
    assert broken.json()["error"]["message"].startswith("body: not valid JSON")
    untyped = client.post("/api/code", content=b'{"text": "Russia condemned it."}')
    assert "Content-Type: application/json" in untyped.json()["error"]["message"]
    big = client.post("/api/code", content=b"x" * 5000, headers=as_json)
    assert big.status_code == 413
    long_text = client.post("/api/code", json={"text": "Russia condemned it. " * 10})
    assert long_text.status_code == 413
    assert "100 characters" in long_text.json()["error"]["message"]
    no_token = client.post("/api/ingest")  # refused before any body is read
    assert no_token.status_code == 401
    upload = {"files": ("page.exe", b"MZ", "application/octet-stream")}
    refused = client.post("/api/ingest", files=upload, headers={"Authorization": f"Bearer {TOKEN}"})
    assert refused.status_code == 415


def test_sql_in_parameters_is_data_not_code(writable: TestClient) -> None:
    before = writable.get("/api/health").json()
    for value in ("USA' OR '1'='1", "x%' UNION SELECT * FROM articles --", "'; DROP TABLE events;"):
        response = writable.get("/api/events", params={"actor": value})  # names no actor
        assert response.status_code == 400 and "no actor called" in response.text
        # an entity id goes to the store as it is: as a value, never as SQL
        response = writable.get("/api/events", params={"actor": "org:" + value})
        assert response.status_code == 200 and response.json()["total"] == 0
        assert writable.get("/api/actors", params={"q": value}).json()["actors"] == []
    assert writable.get("/api/health").json() == before


def test_reads_wait_for_an_ingest_then_answer_busy(sample_store: Path) -> None:
    app = create_app(ServeSettings(db_path=sample_store, busy_timeout=0.2))
    client = TestClient(app)
    with app.state.store.writing():
        response = client.get("/api/events")
    assert response.status_code == 503
    assert "busy" in response.json()["error"]["message"]
    assert client.get("/api/events").status_code == 200


def test_read_write_lock_lets_readers_share_and_a_writer_wait() -> None:
    lock = ReadWriteLock()
    assert lock.acquire_read(0.1) and lock.acquire_read(0.1)
    assert not lock.acquire_write(0.1)  # two readers hold it
    lock.release_read()
    lock.release_read()
    assert lock.acquire_write(0.1)
    assert not lock.acquire_read(0.1)
    released = threading.Timer(0.1, lock.release_write)
    released.start()
    assert lock.acquire_read(2.0)  # granted once the writer is done


def _through_time_limit(app, seconds: float) -> list[dict]:
    """The messages an ASGI app sends behind a TimeLimit of ``seconds``."""
    sent: list[dict] = []

    async def send(message: dict) -> None:
        sent.append(message)

    async def receive() -> dict:
        return {"type": "http.request", "body": b""}

    asyncio.run(TimeLimit(app, seconds=seconds)({"type": "http"}, receive, send))
    return sent


def test_time_limit_answers_503_for_a_slow_request() -> None:
    async def slow(scope, receive, send):  # an endpoint that never finishes in time
        await asyncio.sleep(5)

    sent = _through_time_limit(slow, 0.05)
    assert sent[0]["status"] == 503
    assert b"longer than 0.05 s" in sent[1]["body"]


def test_overview_counts_agree_with_the_store(client: TestClient, sample_store: Path) -> None:
    data = client.get("/api/overview").json()
    with Store(sample_store, read_only=True) as store:
        counts = store.counts()
        dated = store.query(
            "SELECT count(*) AS n FROM events"
            " WHERE modality = 'asserted' AND date_start IS NOT NULL"
        ).to_pylist()[0]["n"]
    assert (data["articles"], data["events"]) == (counts["articles"], counts["events"])
    assert sum(data["modality"].values()) == counts["events"]
    shown = sum(row["events"] for row in data["timeline"])
    assert shown + data["timeline_left_out"] == dated
    assert data["timeline_left_out"] <= 0.06 * dated + 2
    sizes = [d["events"] for d in data["top_dyads"]]
    assert sizes == sorted(sizes, reverse=True)
    assert all(
        d["a"] < d["b"] and d["events"] == d["cooperation"] + d["conflict"]
        for d in data["top_dyads"]
    )


def test_time_limit_lets_a_started_download_finish() -> None:
    async def streaming(scope, receive, send):  # starts at once, ends after the limit
        await send({"type": "http.response.start", "status": 200, "headers": []})
        for part in (b"a", b"b", b"c"):
            await asyncio.sleep(0.04)
            await send({"type": "http.response.body", "body": part, "more_body": True})
        await send({"type": "http.response.body", "body": b""})

    sent = _through_time_limit(streaming, 0.05)
    assert sent[0]["status"] == 200
    assert b"".join(m.get("body", b"") for m in sent[1:]) == b"abc"  # not cut off


def test_filters_take_names_and_partial_dates(client: TestClient) -> None:
    def ids(**params: str) -> list[str]:
        body = client.get("/api/events", params={**params, "limit": 500}).json()
        return [e["event_id"] for e in body["events"]]

    by_name = ids(actor="Russia")
    assert by_name and by_name == ids(actor="RUS")
    assert ids(dyad="Russia,Ukraine") == ids(dyad="RUS,UKR") != []
    assert ids(source="the EU") == ids(source="IGOEUREEC") != []
    year = ids(since="2022", until="2022")
    assert year == ids(since="2022-01-01", until="2022-12-31") != []
    march = client.get("/api/events", params={"since": "2022-02", "until": "2022-02"}).json()
    assert march["events"] and all(e["date"].startswith("2022-02") for e in march["events"])
    refused = client.get("/api/events", params={"actor": "Narnia"})
    assert refused.status_code == 400
    assert refused.json()["error"]["message"].startswith("no actor called 'Narnia'")


def test_records_carry_names_beside_codes(client: TestClient) -> None:
    events = client.get("/api/events", params={"actor": "IGOEUREEC", "limit": 500}).json()
    event = events["events"][0]
    assert event["cameo_name"] and event["cameo_name"] != event["cameo"]
    roles = [event[r] for r in ("source", "target") if event[r]]
    named = [r for r in roles if r["code"].startswith("IGOEUREEC")]
    assert named[0]["code_name"] == "European Union"
    series = client.get("/api/dyads/Russia/Ukraine/series", params={"by": "year"}).json()
    assert (series["a"], series["a_name"], series["b_name"]) == ("RUS", "Russia", "Ukraine")
    assert series["series"] and series["series"][0]["period"].endswith("-01-01")
    actors = client.get("/api/actors", params={"q": "IGOAFRAFU"}).json()["actors"]
    assert actors[0]["code_name"] == "African Union"
    nodes = client.get("/api/network").json()["nodes"]
    assert {"id": "USA", "name": "United States"}.items() <= next(
        n for n in nodes if n["id"] == "USA"
    ).items()
