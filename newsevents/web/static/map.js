// newsevents web page: the map view (#/map). Country shapes from /api/map/world.geojson
// (Natural Earth, public domain, served by this server: no tile server, no CDN), the
// places and country dyads of the events the filters select from /api/map. Uses the
// helpers of app.js (h, s, api, show, failure, filterForm, filterQuery, QUADS); loaded before it.
"use strict";

const MAP_TOP = 85, MAP_BOTTOM = -60; // latitudes shown (the poles hold no events)
let worldShapes = null; // the GeoJSON, fetched once per page load

function mapXY(lat, lon) {
  return [lon + 180, 90 - lat]; // equirectangular: one unit per degree
}

function shapePath(geometry) {
  const parts = [];
  for (const polygon of geometry.coordinates) {
    for (const ring of polygon) {
      parts.push("M" + ring.map(([lon, lat]) => mapXY(lat, lon).map((v) => v.toFixed(1)).join(",")).join("L") + "Z");
    }
  }
  return parts.join("");
}

function placeColor(place) {
  const counts = [place.quad1, place.quad2, place.quad3, place.quad4];
  const most = counts.indexOf(Math.max(...counts)) + 1;
  return QUADS[most][1];
}

function dyadPath(d) {
  const [x1, y1] = mapXY(d.from_lat, d.from_lon), [x2, y2] = mapXY(d.to_lat, d.to_lon);
  const [mx, my] = [(x1 + x2) / 2, (y1 + y2) / 2];
  const bend = 0.2; // a gentle arc, so that A→B and B→A do not overlap
  const [cx, cy] = [mx - (y2 - y1) * bend, my + (x2 - x1) * bend];
  return `M${x1.toFixed(1)},${y1.toFixed(1)}Q${cx.toFixed(1)},${cy.toFixed(1)} ${x2.toFixed(1)},${y2.toFixed(1)}`;
}

function mapSvg(shapes, data) {
  const countries = shapes.features.filter((f) => f.geometry).map((f) =>
    s("path", { class: "country", d: shapePath(f.geometry) }, s("title", {}, f.properties.name)));
  const maxDyad = Math.max(...data.dyads.map((d) => d.events), 1);
  const dyads = data.dyads.map((d) => s("path", {
    class: "dyad", d: dyadPath(d), "data-dyad": `${d.source},${d.target}`,
    stroke: d.conflict > d.cooperation ? "var(--conflict)" : "var(--coop)",
    "stroke-width": 0.3 + 1.5 * Math.sqrt(d.events / maxDyad),
    onclick: () => { location.hash = `#/events?dyad=${encodeURIComponent(d.source + "," + d.target)}`; },
  }, s("title", {}, `${d.source} → ${d.target}: ${d.events} events (${d.cooperation} cooperation, ${d.conflict} conflict)`)));
  const maxPlace = Math.max(...data.places.map((p) => p.events), 1);
  const places = data.places.map((p) => {
    const [cx, cy] = mapXY(p.lat, p.lon);
    return s("circle", {
      class: `place p-${p.precision}`, cx: cx.toFixed(2), cy: cy.toFixed(2),
      r: (1.2 + 3.5 * Math.sqrt(p.events / maxPlace)).toFixed(2), fill: placeColor(p),
      "data-place": p.name, "data-country": p.country,
    }, s("title", {}, `${p.name} (${p.country}, ${p.precision}): ${p.events} event${p.events === 1 ? "" : "s"}`));
  });
  const [, top] = mapXY(MAP_TOP, 0), [, bottom] = mapXY(MAP_BOTTOM, 0);
  return s("svg", { viewBox: `0 ${top} 360 ${bottom - top}`, class: "world", role: "img",
    "aria-label": "map of the events' places and dyads", "data-testid": "map" },
  s("rect", { class: "sea", x: 0, y: top, width: 360, height: bottom - top }),
  s("g", {}, countries), s("g", {}, dyads), s("g", {}, places));
}

function placeTable(places) {
  return h("div", { class: "table-wrap" }, h("table", { "data-testid": "places" },
    h("thead", {}, h("tr", {}, h("th", {}, "place"), h("th", {}, "country"), h("th", {}, "precision"),
      h("th", { class: "num" }, "events"))),
    h("tbody", {}, places.slice(0, 30).map((p) => h("tr", {},
      h("td", {}, p.name), h("td", {}, p.country), h("td", {}, p.precision), h("td", { class: "num" }, p.events))))));
}

function mapLegend() {
  return h("div", { class: "legend map-key" },
    Object.values(QUADS).map(([label, color]) => h("span", {}, h("i", { class: "dot", style: `background:${color}` }), label)),
    h("span", {}, h("i", { class: "line", style: "background:var(--coop)" }), "dyad, mostly cooperation"),
    h("span", {}, h("i", { class: "line", style: "background:var(--conflict)" }), "dyad, mostly conflict"),
    h("span", { class: "muted" }, "dark ring: a country's centre; dashed: a region's; none: a city"));
}

async function mapView(params) {
  const query = filterQuery(params);
  const form = filterForm(params, "#/map");
  show(h("h1", {}, "Map"), form, h("p", { class: "muted" }, "Loading…"));
  let data;
  try {
    if (!worldShapes) worldShapes = await api("/api/map/world.geojson");
    data = await api(`/api/map?${query}`);
  } catch (error) { show(h("h1", {}, "Map"), form, failure(error)); return; }
  const summary = h("p", { class: "muted", "data-testid": "map-summary" },
    `${data.located} of ${data.total} events have a place; ${data.places.length} places, ` +
    `${data.dyads.length} country pairs. Circles: places (size: events, colour: most frequent QuadClass); ` +
    "lines: from the source's country to the target's.");
  show(h("h1", {}, "Map"), form, summary,
    h("div", { class: "card map-card" }, mapSvg(worldShapes, data), mapLegend()),
    h("div", { class: "card" }, h("h2", {}, "Places"), placeTable(data.places)));
}
