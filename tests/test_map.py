"""The map: places and country dyads of the filtered events (newsevents.analysis.places),
its API (/api/map, /api/map/world.geojson) and `newsevents map --plot`."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest
from fastapi.testclient import TestClient

from newsevents.analysis.places import country_centroids, map_data, world_shapes
from newsevents.store import EventFilters, Store
from newsevents.web import ServeSettings, create_app


@pytest.fixture(scope="module")
def client(sample_store: Path, coder) -> TestClient:
    return TestClient(create_app(ServeSettings(db_path=sample_store), coder=coder))


def _located(sample_store: Path, **filters: object) -> list[dict]:
    with Store(sample_store, read_only=True) as store:
        return [e for e in store.event_records(**filters) if e["location"] and e["location"]["lat"]]


def test_the_shapes_are_countries_with_centroids() -> None:
    shapes = world_shapes()
    by_code = {f["id"]: f for f in shapes["features"]}
    assert {"USA", "RUS", "PSE", "UKR", "BHR"} <= by_code.keys()
    assert by_code["FRA"]["geometry"]["type"] == "MultiPolygon"
    assert by_code["BHR"]["geometry"] is None  # too small for 1:110m: a centroid only
    lat, lon = country_centroids()["USA"]
    assert 30 < lat < 45 and -110 < lon < -85


def test_places_count_every_located_event_of_the_filter(sample_store: Path) -> None:
    with Store(sample_store, read_only=True) as store:
        data = map_data(store, EventFilters())
        violent = map_data(store, EventFilters(code="19"))
    located = _located(sample_store)
    assert data.located == len(located) == int(data.places["events"].sum()) > 20
    quads = data.places[["quad1", "quad2", "quad3", "quad4"]].sum(axis=1)
    assert (quads == data.places["events"]).all()
    names = {(e["location"]["name"], e["location"]["country"]) for e in located}
    assert names == set(zip(data.places["name"], data.places["country"], strict=True))
    assert 0 < violent.located < data.located
    assert violent.located == len(_located(sample_store, code="19"))


def test_dyads_join_the_source_and_target_countries_centroids(sample_store: Path) -> None:
    with Store(sample_store, read_only=True) as store:
        dyads = map_data(store, EventFilters(dyad=("RUS", "UKR"))).dyads
    assert set(zip(dyads["source"], dyads["target"], strict=True)) <= {
        ("RUS", "UKR"),
        ("UKR", "RUS"),
    }
    row = dyads[dyads["source"] == "RUS"].iloc[0]
    assert (row["from_lat"], row["from_lon"]) == country_centroids()["RUS"]
    assert (row["to_lat"], row["to_lon"]) == country_centroids()["UKR"]


def test_the_map_api_takes_the_events_tables_filters(client: TestClient, sample_store) -> None:
    everything = client.get("/api/map").json()
    assert everything["located"] == len(_located(sample_store))
    assert everything["total"] == client.get("/api/events").json()["total"]
    place = everything["places"][0]
    assert {"name", "country", "lat", "lon", "precision", "events", "quad4"} <= place.keys()
    israel = client.get("/api/map", params={"actor": "ISR"}).json()
    assert 0 < israel["located"] < everything["located"]
    assert all("ISR" in (d["source"], d["target"]) for d in israel["dyads"])
    unique = client.get("/api/map", params={"unique": "true"}).json()  # one report per cluster
    assert 0 < unique["located"] <= everything["located"]
    assert unique["total"] < everything["total"]
    bad = client.get("/api/map", params={"dyad": "ISR"})
    assert bad.status_code == 422 and "dyad" in bad.json()["error"]["message"]


def test_the_map_api_takes_names_and_partial_dates(client: TestClient, sample_store) -> None:
    by_code = client.get("/api/map", params={"actor": "ISR"}).json()
    assert client.get("/api/map", params={"actor": "Israel"}).json() == by_code
    year = min(e["date"][:4] for e in _located(sample_store, actor="ISR"))
    in_year = client.get("/api/map", params={"since": year, "until": year}).json()
    in_days = client.get(
        "/api/map", params={"since": f"{year}-01-01", "until": f"{year}-12-31"}
    ).json()
    assert in_year == in_days and in_year["located"] > 0
    nobody = client.get("/api/map", params={"actor": "Narnia"})
    assert nobody.status_code == 400 and nobody.json()["error"]["code"] == "E016"


def test_the_shapes_are_served_as_geojson(client: TestClient) -> None:
    answer = client.get("/api/map/world.geojson")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("application/geo+json")
    assert len(answer.json()["features"]) > 200


def test_no_shape_streaks_across_the_map() -> None:
    for feature in world_shapes()["features"]:
        for polygon in (feature["geometry"] or {}).get("coordinates", []):
            for ring in polygon:
                jumps = [abs(a[0] - b[0]) for a, b in zip(ring, ring[1:], strict=False)]
                assert max(jumps) < 180, feature["id"]


# -- newsevents map ---------------------------------------------------------------------------
def _map_cli(*args: str):
    import typer
    from typer.testing import CliRunner

    from newsevents.cli.map_cmd import map_command

    app = typer.Typer()
    app.command("map")(map_command)
    app.command("other")(lambda: None)  # two commands: `map` is a subcommand, as in the CLI
    return CliRunner().invoke(app, ["map", *args])


def test_map_plot_html_holds_every_located_place(sample_store: Path, tmp_path: Path) -> None:
    path = tmp_path / "map.html"
    result = _map_cli("--db", str(sample_store), "--code", "19", "--plot", str(path))
    assert result.exit_code == 0, result.output
    html = path.read_text("utf-8")
    located = _located(sample_store, code="19")
    assert located
    for event in located:
        place = event["location"]
        assert f"{place['name']} ({place['country']}, {place['precision']})" in html
    others = {e["location"]["name"] for e in _located(sample_store)} - {
        e["location"]["name"] for e in located
    }
    assert others and not any(f"{name} (" in html for name in others)
    assert "<script src=" not in html  # plotly.js inside: opens offline


def test_map_prints_the_places_and_draws_a_png(sample_store: Path, tmp_path: Path) -> None:
    path = tmp_path / "map.png"
    result = _map_cli("--db", str(sample_store), "--format", "csv", "--plot", str(path))
    assert result.exit_code == 0, result.output
    printed = pd.read_csv(io.StringIO(result.stdout))
    assert int(printed["events"].sum()) == len(_located(sample_store))
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and path.stat().st_size > 50_000


def test_map_says_when_there_is_nothing_to_draw(sample_store: Path, tmp_path: Path) -> None:
    result = _map_cli(
        "--db", str(sample_store), "--actor", "ATA", "--plot", str(tmp_path / "m.png")
    )
    assert result.exit_code == 1
    assert "nothing to plot" in result.output and "Traceback" not in result.output
    bad = _map_cli("--db", str(sample_store), "--plot", str(tmp_path / "m.gif"))
    assert bad.exit_code == 2 and "--plot" in bad.output


@pytest.mark.parametrize(("suffix", "magic"), [(".svg", b"<?xml"), (".pdf", b"%PDF")])
def test_map_draws_svg_and_pdf_like_every_plot(sample_store, tmp_path, suffix, magic) -> None:
    path = tmp_path / f"map{suffix}"
    result = _map_cli("--db", str(sample_store), "--plot", str(path))
    assert result.exit_code == 0, result.output
    assert path.read_bytes().startswith(magic)


def test_map_filters_by_name_and_partial_date_like_events(sample_store: Path) -> None:
    year = min(e["date"][:4] for e in _located(sample_store, actor="ISR"))
    by_code = _map_cli("--db", str(sample_store), "--actor", "ISR", "--format", "csv")
    by_name = _map_cli("--db", str(sample_store), "--actor", "Israel", "--format", "csv")
    assert by_code.exit_code == by_name.exit_code == 0, by_name.output
    assert by_name.stdout == by_code.stdout and len(by_name.stdout.splitlines()) > 1
    in_year = _map_cli("--db", str(sample_store), "--since", year, "--until", year)
    in_days = _map_cli(
        "--db", str(sample_store), "--since", f"{year}-01-01", "--until", f"{year}-12-31"
    )
    assert in_year.exit_code == 0 and in_year.stdout == in_days.stdout
    nobody = _map_cli("--db", str(sample_store), "--actor", "Narnia")  # one line: test_names
    assert getattr(nobody.exception, "code", None) == "E016"
    bad_day = _map_cli("--db", str(sample_store), "--since", "2022-13")
    assert bad_day.exit_code == 2 and "--since" in bad_day.output
