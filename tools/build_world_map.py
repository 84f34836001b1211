"""Build the map's country shapes and the country centroids from Natural Earth.

Source: the npm package ``world-atlas@2.0.2`` (ISC licence; its TopoJSON files are made
from Natural Earth's Admin 0 countries, which are in the public domain). Install it
anywhere and pass its folder:

    npm install --prefix /tmp/ne world-atlas@2.0.2
    python tools/build_world_map.py /tmp/ne/node_modules/world-atlas

Writes two files (both rebuilt byte for byte by running this again):

- ``newsevents/analysis/data/world.geojson``: the 1:110m countries as GeoJSON, each
  feature with ``id`` = ISO 3166 alpha-3, ``properties.name`` and
  ``properties.centroid`` ([lat, lon], the same as in the table below); coordinates
  rounded to 0.1 degree (about 11 km, finer than a 1:110m outline), repeated points
  dropped; rings across the antimeridian continue east of 180. Countries too small for
  1:110m (and Antarctica) are features with a centroid and a null geometry. The web page and ``newsevents map --plot`` draw it.
- ``newsevents/events/data/country_centroids.tsv``: per ISO3 country, the centroid of its
  largest polygon in the 1:50m shapes (so that France is placed in France, not between
  Paris and French Guiana, and the United States in Kansas, not pulled towards Alaska).
  Where that centroid falls outside the polygon (crescent-shaped countries), the polygon
  vertex mean is tried, then the interior point nearest the centroid on a 0.1 degree grid.

Features Natural Earth gives no ISO numeric code (Kosovo, Northern Cyprus, Somaliland)
take the code the actor knowledge base uses (XKX) or join the country the knowledge base
codes them as (Northern Cyprus -> CYP, Somaliland -> SOM) for the centroid table; the map
draws them as their own shapes under those codes.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parent.parent
SHAPES_OUT = ROOT / "newsevents" / "analysis" / "data" / "world.geojson"
CENTROIDS_OUT = ROOT / "newsevents" / "events" / "data" / "country_centroids.tsv"
UNCODED = {"Kosovo": "XKX", "N. Cyprus": "CYP", "Somaliland": "SOM"}
UNDRAWN = {"ATA"}  # Antarctica: no events, and its ring wraps around the pole
Ring = list[tuple[float, float]]


def decode_arcs(topology: dict) -> list[Ring]:
    """TopoJSON's quantised, delta-encoded arcs as (lon, lat) lists."""
    scale = topology["transform"]["scale"]
    shift = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale[0] + shift[0], y * scale[1] + shift[1]))
        arcs.append(points)
    return arcs


def ring_of(indices: list[int], arcs: list[Ring]) -> Ring:
    ring: Ring = []
    for index in indices:
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(points if not ring else points[1:])
    return ring


def polygons_of(geometry: dict, arcs: list[Ring]) -> list[list[Ring]]:
    if geometry["type"] == "Polygon":
        return [[ring_of(r, arcs) for r in geometry["arcs"]]]
    if geometry["type"] == "MultiPolygon":
        return [[ring_of(r, arcs) for r in polygon] for polygon in geometry["arcs"]]
    return []


def iso3_of(geometry: dict) -> str | None:
    name = geometry.get("properties", {}).get("name", "")
    if name in UNCODED:
        return UNCODED[name]
    country = pycountry.countries.get(numeric=str(geometry.get("id", "")).zfill(3))
    return country.alpha_3 if country else None


def countries(path: Path) -> list[tuple[str, str, list[list[Ring]]]]:
    """(ISO3, name, polygons) of every coded feature."""
    topology = json.loads(path.read_text("utf-8"))
    arcs = decode_arcs(topology)
    found = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = iso3_of(geometry)
        if code is not None:
            name = geometry["properties"]["name"]
            found.append((code, name, polygons_of(geometry, arcs)))
    return found


def unwrapped(ring: Ring) -> Ring:
    """A ring that crosses the antimeridian (Russia's Chukotka, Fiji) with its western
    longitudes moved east of 180, so that it is drawn without a line across the map."""
    jumps = any(abs(a[0] - b[0]) > 180 for a, b in zip(ring, ring[1:], strict=False))
    return [(lon + 360 if lon < 0 else lon, lat) for lon, lat in ring] if jumps else ring


def rounded(ring: Ring) -> list[list[float]]:
    out: list[list[float]] = []
    for lon, lat in unwrapped(ring):
        point = [round(lon, 1), round(lat, 1)]
        if not out or out[-1] != point:
            out.append(point)
    return out


def shapes_geojson(
    features: list[tuple[str, str, list[list[Ring]]]],
    centres: dict[str, tuple[str, float, float]],
) -> dict:
    """The shapes, each with its country's centroid; countries too small for the shapes
    (Bahrain, Singapore, Malta ...) as features with a centroid and no geometry."""
    out = []
    for code, name, polygons in features:
        kept = [[rounded(r) for r in polygon] for polygon in polygons]
        kept = [[r for r in polygon if len(r) >= 4] for polygon in kept]
        kept = [polygon for polygon in kept if polygon]
        if kept and code in centres and code not in UNDRAWN:
            out.append(
                _feature(code, name, centres[code], {"type": "MultiPolygon", "coordinates": kept})
            )
    drawn = {feature["id"] for feature in out}
    for code, centre in centres.items():
        if code not in drawn:
            out.append(_feature(code, centre[0], centre, None))
    return {"type": "FeatureCollection", "features": out}


def _feature(code: str, name: str, centre: tuple[str, float, float], geometry: dict | None) -> dict:
    properties = {"name": name, "centroid": [centre[1], centre[2]]}
    return {"type": "Feature", "id": code, "properties": properties, "geometry": geometry}


def area_and_centroid(ring: Ring) -> tuple[float, float, float]:
    """Signed area and centroid (lon, lat) of a ring (planar, in degrees)."""
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    area /= 2
    if area == 0:
        return 0.0, ring[0][0], ring[0][1]
    return area, cx / (6 * area), cy / (6 * area)


def inside(lon: float, lat: float, ring: Ring) -> bool:
    hit = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y0 > lat) != (y1 > lat) and lon < x0 + (lat - y0) * (x1 - x0) / (y1 - y0):
            hit = not hit
    return hit


def interior_point(ring: Ring) -> tuple[float, float]:
    """The centroid of the ring, else its vertex mean, else the grid point inside it
    nearest the centroid."""
    _, lon, lat = area_and_centroid(ring)
    if inside(lon, lat, ring):
        return lon, lat
    mean_lon = sum(p[0] for p in ring) / len(ring)
    mean_lat = sum(p[1] for p in ring) / len(ring)
    if inside(mean_lon, mean_lat, ring):
        return mean_lon, mean_lat
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    grid = [
        (x / 10, y / 10)
        for x in range(int(min(xs) * 10), int(max(xs) * 10) + 1)
        for y in range(int(min(ys) * 10), int(max(ys) * 10) + 1)
    ]
    points = [p for p in grid if inside(p[0], p[1], ring)] or [(lon, lat)]
    return min(points, key=lambda p: (p[0] - lon) ** 2 + (p[1] - lat) ** 2)


def centroids(
    features: list[tuple[str, str, list[list[Ring]]]],
) -> dict[str, tuple[str, float, float]]:
    best: dict[str, tuple[float, str, Ring]] = {}
    for code, name, polygons in features:
        for polygon in polygons:
            area = abs(area_and_centroid(polygon[0])[0])
            if code not in best or best[code][0] < area:
                own = best[code][1] if code in best and name in UNCODED else name
                best[code] = (area, own, polygon[0])
    out = {}
    for code, (_, name, ring) in sorted(best.items()):
        lon, lat = interior_point(ring)
        out[code] = (_country_name(code, name), round(lat, 2), round(lon, 2))
    return out


def _country_name(code: str, fallback: str) -> str:
    country = pycountry.countries.get(alpha_3=code)
    return getattr(country, "common_name", None) or (country.name if country else fallback)


def main(folder: str) -> None:
    atlas = Path(folder)
    centres = centroids(countries(atlas / "countries-50m.json"))
    shapes = shapes_geojson(countries(atlas / "countries-110m.json"), centres)
    SHAPES_OUT.parent.mkdir(parents=True, exist_ok=True)
    SHAPES_OUT.write_text(json.dumps(shapes, separators=(",", ":")) + "\n", "utf-8")
    lines = [
        "# Country centroids: the centroid of each country's largest polygon in Natural",
        "# Earth's 1:50m Admin 0 countries (public domain), read from the npm package",
        "# world-atlas@2.0.2 by tools/build_world_map.py, which rebuilds this file.",
        "iso3\tname\tlat\tlon",
    ]
    lines += [f"{code}\t{name}\t{lat}\t{lon}" for code, (name, lat, lon) in centres.items()]
    CENTROIDS_OUT.write_text("\n".join(lines) + "\n", "utf-8")
    print(f"wrote {len(shapes['features'])} countries to {SHAPES_OUT}")
    print(f"wrote {len(centres)} centroids to {CENTROIDS_OUT}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python tools/build_world_map.py PATH/TO/node_modules/world-atlas")
    main(sys.argv[1])
