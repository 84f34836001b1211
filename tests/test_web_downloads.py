"""Downloads of the current filter from the HTTP API: CSV and Parquet streamed with no row
cap, `format=` on /api/events, and JSON pages that say where the next one is instead of
truncating silently."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient

from newsevents.events.names import bundled_names
from newsevents.store import Store
from newsevents.web import ServeSettings, create_app

COPIES = 8  # the sample events, eight times over: more than one JSON page can hold


@pytest.fixture(scope="module")
def big_store(sample_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample store with each event copied under new ids: well over 500 events."""
    path = tmp_path_factory.mktemp("downloads") / "big.duckdb"
    shutil.copy(sample_store, path)
    with Store(path) as store:
        store.con.execute(
            "INSERT INTO events SELECT e.* REPLACE (e.event_id || '-' || copy AS event_id)"
            f" FROM events AS e, range(1, {COPIES}) AS copies(copy)"
        )
    return path


@pytest.fixture(scope="module")
def client(big_store: Path) -> TestClient:
    return TestClient(create_app(ServeSettings(db_path=big_store)), raise_server_exceptions=False)


def _csv(body: bytes):
    return pacsv.read_csv(io.BytesIO(body))


def test_csv_download_has_every_match_beyond_the_json_cap(client: TestClient) -> None:
    total = client.get("/api/events", params={"limit": 1}).json()["total"]
    assert total > 500
    response = client.get("/api/events.csv")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert 'filename="events.csv"' in response.headers["content-disposition"]
    table = _csv(response.content)
    assert table.num_rows == total
    assert len(set(table["event_id"].to_pylist())) == total


def test_downloads_follow_the_filter_and_its_order(client: TestClient, big_store: Path) -> None:
    params = {"actor": "USA", "modality": "asserted"}
    with Store(big_store, read_only=True) as store:
        expected = store.events(actor="USA", modality="asserted")["event_id"].to_pylist()
    assert 0 < len(expected)
    csv_ids = _csv(client.get("/api/events.csv", params=params).content)["event_id"]
    parquet = pq.read_table(io.BytesIO(client.get("/api/events.parquet", params=params).content))
    assert csv_ids.to_pylist() == expected == parquet["event_id"].to_pylist()
    assert set(parquet["modality"].to_pylist()) == {"asserted"}
    with Store(big_store, read_only=True) as store:  # the columns of `events --format`
        columns = bundled_names().name_table(store.events(limit=1)).schema.names
    assert parquet.schema.names == columns


def test_a_download_streams_in_chunks(client: TestClient, monkeypatch) -> None:
    from newsevents.web import downloads

    monkeypatch.setattr(downloads, "BATCH_ROWS", 100)
    with client.stream("GET", "/api/events.csv") as response:
        chunks = [chunk for chunk in response.iter_raw() if chunk]
    total = client.get("/api/events", params={"limit": 1}).json()["total"]
    assert len(chunks) >= total // 100  # a chunk a batch, not one body built in memory
    assert _csv(b"".join(chunks)).num_rows == total


def test_an_empty_match_is_a_header_only_file(client: TestClient) -> None:
    body = client.get("/api/events.csv", params={"code": "0000"}).content
    assert body.decode().splitlines()[0].startswith('"event_id"')
    assert _csv(body).num_rows == 0
    parquet = client.get("/api/events.parquet", params={"code": "0000"}).content
    assert pq.read_table(io.BytesIO(parquet)).num_rows == 0


def test_format_is_honoured_on_the_events_endpoint(client: TestClient) -> None:
    params = {"code": "19"}
    assert (
        client.get("/api/events", params={**params, "format": "csv"}).content
        == client.get("/api/events.csv", params=params).content
    )
    parquet = client.get("/api/events", params={**params, "format": "parquet"})
    assert parquet.headers["content-type"] == "application/vnd.apache.parquet"
    some = client.get("/api/events", params={**params, "format": "csv", "limit": 3}).content
    assert _csv(some).num_rows == 3  # an explicit limit is kept, and may exceed 500
    unknown = client.get("/api/events", params={"format": "xml"})
    assert unknown.status_code == 400
    assert "'xml' is not one of json, csv, parquet" in unknown.json()["error"]["message"]


def test_json_pages_link_to_the_next_one(client: TestClient) -> None:
    url: str | None = "/api/events?modality=asserted&limit=500"
    seen: list[str] = []
    total = None
    while url:
        page = client.get(url).json()
        total = page["total"]
        seen += [e["event_id"] for e in page["events"]]
        url = page["next"]
    assert total is not None and total > 500
    assert len(seen) == len(set(seen)) == total  # the pages add up, nothing left out


def test_a_json_page_above_the_cap_is_a_clear_error(client: TestClient) -> None:
    response = client.get("/api/events", params={"limit": 501})
    assert response.status_code == 422
    message = response.json()["error"]["message"]
    assert "at most 500" in message and "/api/events.csv" in message


def test_bad_filters_are_refused_before_a_download_starts(client: TestClient) -> None:
    for params in ({"since": "2019-02-30"}, {"dyad": "USA"}, {"modality": "maybe"}):
        response = client.get("/api/events.csv", params=params)
        assert response.status_code == 422, params
        assert response.json()["error"]["message"]


def test_downloads_take_names_and_partial_dates_with_names_beside_codes(
    client: TestClient,
) -> None:
    by_name = {"actor": "Russia", "since": "2022", "until": "2022-03"}
    by_code = {"actor": "RUS", "since": "2022-01-01", "until": "2022-03-31"}
    for fmt, read in (("csv", _csv), ("parquet", lambda body: pq.read_table(io.BytesIO(body)))):
        named = read(client.get(f"/api/events.{fmt}", params=by_name).content)
        coded = read(client.get(f"/api/events.{fmt}", params=by_code).content)
        assert named.num_rows > 0
        assert named["event_id"].to_pylist() == coded["event_id"].to_pylist()
        days = named["date_start"].cast("string").to_pylist()
        assert all("2022-01-01" <= day <= "2022-03-31" for day in days)
        rows = named.to_pylist()
        assert all(
            "Russia" in (row["source_code_name"] or "") + (row["target_code_name"] or "")
            for row in rows
        )
        assert all(row["cameo_name"] and row["cameo_name"] != row["cameo"] for row in rows)


def test_a_name_or_date_that_means_nothing_is_refused_before_a_download(
    client: TestClient,
) -> None:
    for path in ("/api/events.csv", "/api/events.parquet", "/api/events?format=csv"):
        nobody = client.get(path, params={"actor": "Narnia"})
        assert nobody.status_code == 400, path
        assert nobody.json()["error"]["code"] == "E016"
        assert nobody.json()["error"]["message"].startswith("no actor called 'Narnia'")
        for since in ("2022-13", "2022-02-30"):
            bad_day = client.get(path, params={"since": since})
            assert bad_day.status_code == 422, (path, since)
            assert "query.since" in bad_day.json()["error"]["message"]
        backwards = client.get(path, params={"since": "2023", "until": "2022"})
        assert backwards.status_code == 400, path
