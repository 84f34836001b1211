// newsevents web page: overview, event explorer, event evidence, article, paste box.
// Plain JavaScript, no libraries, no network beyond this server. Every text from the
// store is inserted with textContent (never as HTML).
"use strict";

const QUADS = {
  1: ["verbal cooperation", "#74c476"],
  2: ["material cooperation", "#1a7a3c"],
  3: ["verbal conflict", "#fd8d3c"],
  4: ["material conflict", "#c8102e"],
};
const MODALITY_NOTES = {
  asserted: "Reported as having happened.",
  negated: "Reported as NOT having happened (denied, refrained, did not).",
  hypothetical: "Hypothetical: only if something else happens.",
  future: "Planned, promised or expected: not happened yet.",
  speculative: "Speculative: may have happened (could, reportedly, is believed to).",
};
const FILTERS = ["actor", "source", "target", "dyad", "code", "since", "until", "modality", "unique"];
const PAGE = 50;
const SVG_NS = "http://www.w3.org/2000/svg";

// The filters set in a view's hash parameters, as the API's query.
function filterQuery(params) {
  const query = new URLSearchParams();
  for (const key of FILTERS) if (params.get(key)) query.set(key, params.get(key));
  return query;
}

// ---- small helpers ---------------------------------------------------------------
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else if (key === "class") el.className = value;
    else el.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value);
  }
  for (const child of children.flat(Infinity)) {
    if (child !== null && child !== undefined) el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

async function api(path, options) {
  const response = await fetch(path, options);
  let body = null;
  try { body = await response.json(); } catch (e) { body = null; }
  if (!response.ok) {
    const message = body && body.error ? body.error.message : `HTTP ${response.status}`;
    throw new Error(message);
  }
  return body;
}

function show(...nodes) {
  const view = document.getElementById("view");
  view.replaceChildren(...nodes.filter((node) => node !== null && node !== undefined)); // never a "null" text
  window.scrollTo(0, 0);
}

function failure(error) {
  return h("p", { class: "error", role: "alert" }, String(error.message || error));
}

// An actor's code with words: who it is and what the code means
// ("USAGOV (Joe Biden · United States (government))"); the same rule as the CLI's table.
function actorLabel(actor) {
  if (!actor) return "—";
  const known = actor.code_name || "";
  const words = actor.name && actor.name !== actor.code && !known.includes(actor.name)
    ? (known ? `${actor.name} · ${known}` : actor.name) : known;
  return words ? `${actor.code} (${words})` : actor.code;
}

function codeLabel(event) {
  return `${event.cameo}${event.cameo_name ? " " + event.cameo_name : ""}${event.plover ? " · " + event.plover : ""}`;
}

function modalityBadge(modality) {
  return h("span", { class: `badge ${modality}`, title: MODALITY_NOTES[modality] || "" }, modality);
}

function dateLabel(event) {
  if (!event.date) return "—";
  return event.date_precision === "document" ? `${event.date} (article date)` : event.date;
}

function queryOf(hash) {
  const at = hash.indexOf("?");
  return new URLSearchParams(at >= 0 ? hash.slice(at + 1) : "");
}

// Runs of text with the classes of the spans that cover them; spans may overlap.
function marked(text, spans, offset, onSentence) {
  const cuts = new Set([0, text.length]);
  for (const span of spans) {
    cuts.add(Math.max(0, Math.min(text.length, span.start - offset)));
    cuts.add(Math.max(0, Math.min(text.length, span.end - offset)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [from, to] = [points[i], points[i + 1]];
    if (from === to) continue;
    const covering = spans.filter((sp) => sp.start - offset <= from && sp.end - offset >= to);
    const piece = text.slice(from, to);
    if (!covering.length) { out.push(document.createTextNode(piece)); continue; }
    const kinds = [...new Set(covering.map((sp) => "m-" + sp.kind))];
    const events = [...new Set(covering.map((sp) => sp.event_id))];
    const el = h("mark", { class: kinds.join(" "), "data-events": events.join(" ") }, piece);
    if (onSentence) el.addEventListener("click", () => onSentence(covering[0].event_id));
    out.push(el);
  }
  return out;
}

function legend() {
  return h("div", { class: "legend" },
    h("span", { class: "m-source" }, "source"),
    h("span", { class: "m-target" }, "target"),
    h("span", { class: "m-trigger" }, "trigger"),
    h("span", { class: "m-attributed" }, "reported by"));
}

function evidenceBlock(event) {
  return h("blockquote", { class: "evidence", "data-testid": "evidence" },
    marked(event.evidence.text, event.spans || [], 0)); // spans come with the event
}

function eventFacts(event) {
  const rows = [
    ["Source", actorLabel(event.source)],
    ["Target", actorLabel(event.target)],
    ["Action", `CAMEO ${event.cameo}${event.cameo_name ? " (" + event.cameo_name + ")" : ""} · PLOVER ${event.plover || "—"}${event.plover_mode ? " (" + event.plover_mode + ")" : ""}`],
    ["QuadClass / Goldstein", `${QUADS[event.quad_class] ? QUADS[event.quad_class][0] : event.quad_class} / ${event.goldstein}`],
    ["Date", dateLabel(event) + (event.date_precision && event.date_precision !== "document" ? ` (${event.date_precision})` : "")],
    ["Place", event.location ? `${event.location.name}${event.location.country ? ", " + event.location.country : ""}` : "—"],
    ["Reported by", actorLabel(event.attributed_to)],
    ["Confidence", event.confidence.toFixed(2)],
    ["Trigger", event.evidence.trigger],
  ];
  return h("dl", { class: "facts" }, rows.map(([k, v]) => [h("dt", {}, k), h("dd", {}, v)]));
}

// ---- overview ---------------------------------------------------------------------
async function overviewView() {
  const data = await api("/api/overview");
  const network = await api("/api/network?top=30").catch(() => ({ nodes: [], pairs: [], note: "" }));
  const watch = await api("/api/alerts?limit=10").catch(() => ({ last_cycle: null, alerts: [] }));
  const stats = h("div", { class: "stats" },
    stat("articles", data.articles), stat("events", data.events),
    stat("real-world events (clusters)", data.clusters),
    stat("dates", data.first_date ? `${data.first_date} – ${data.last_date}` : "—"),
    ...Object.entries(data.modality).map(([m, n]) => stat(m, n)));
  show(
    h("h1", {}, "Overview"),
    stats,
    watchCard(watch),
    h("div", { class: "grid" },
      h("section", { class: "card" }, h("h2", {}, "Busiest dyads"),
        h("p", { class: "muted" }, "Asserted events between two countries, both directions. Click a row for its events."),
        dyadTable(data.top_dyads)),
      h("section", { class: "card" }, h("h2", {}, "Who cooperates, who fights"),
        h("p", { class: "muted" }, `${network.note || ""}. Green: mostly cooperation, red: mostly conflict; colours of the dots are blocs. Click a line or a dot.`),
        networkSvg(network))),
    h("section", { class: "card", style: "margin-top:1rem" }, h("h2", {}, "Timeline"),
      h("p", { class: "muted" }, "Asserted events per month (per year over a span of more than ten years) by QuadClass. Click a bar for its events.",
        data.timeline_left_out ? ` ${data.timeline_left_out} event(s) dated far before or after the rest are left out.` : ""),
      timelineSvg(data.timeline)));
}

function watchCard(watch) {
  const cycle = watch.last_cycle;
  const when = cycle
    ? `Last watch cycle: ${cycle.finished_at.replace("T", " ")} (${cycle.new} new items, ${cycle.events} events, ${cycle.failed} failed).`
    : "No watch cycle yet: newsevents watch keeps this store current from feeds and folders.";
  const list = watch.alerts.length
    ? h("ul", { class: "alerts", "data-testid": "alerts" }, watch.alerts.map((a) =>
      h("li", {}, h("span", { class: "muted nowrap" }, a.raised_at.replace("T", " ")), " ", a.message)))
    : h("p", { class: "muted" }, "No alerts.");
  return h("section", { class: "card", style: "margin-bottom:1rem", "data-testid": "watch" },
    h("h2", {}, "Latest alerts"), h("p", { class: "muted", "data-testid": "last-cycle" }, when), list);
}

function stat(label, value) {
  return h("div", { class: "stat" }, h("b", {}, value), h("span", { class: "muted" }, label));
}

function dyadTable(dyads) {
  if (!dyads.length) return h("p", { class: "muted" }, "No events between two countries yet.");
  return h("div", { class: "table-wrap" }, h("table", { "data-testid": "dyads" },
    h("thead", {}, h("tr", {}, h("th", {}, "dyad"), h("th", { class: "num" }, "events"),
      h("th", { class: "num wide" }, "cooperation"), h("th", { class: "num wide" }, "conflict"),
      h("th", { class: "num" }, "Goldstein mean"))),
    h("tbody", {}, dyads.map((d) => {
      const go = () => { location.hash = `#/events?dyad=${encodeURIComponent(d.a + "," + d.b)}&modality=asserted`; };
      return h("tr", { class: "clickable", tabindex: "0", onclick: go, onkeydown: (e) => { if (e.key === "Enter") go(); } },
        h("td", { class: "nowrap" }, h("a", { href: `#/events?dyad=${encodeURIComponent(d.a + "," + d.b)}&modality=asserted`,
          title: `${d.a_name || d.a} – ${d.b_name || d.b}` }, `${d.a} – ${d.b}`)),
        h("td", { class: "num" }, d.events), h("td", { class: "num wide" }, d.cooperation),
        h("td", { class: "num wide" }, d.conflict), h("td", { class: "num" }, d.goldstein_mean));
    }))));
}

function networkSvg(network) {
  const width = 560, height = 380, pad = 28, right = 60;
  if (!network.nodes.length) return h("p", { class: "muted" }, "No actor pairs yet.");
  const at = {};
  for (const n of network.nodes) at[n.id] = [pad + n.x * (width - pad - right), pad + n.y * (height - 2 * pad)];
  const maxEvents = Math.max(...network.pairs.map((p) => p.events), 1);
  const edges = network.pairs.map((p) => {
    const [x1, y1] = at[p.a], [x2, y2] = at[p.b];
    const color = p.sign > 0 ? "var(--coop)" : p.sign < 0 ? "var(--conflict)" : "#999";
    return s("line", { class: "edge", x1, y1, x2, y2, stroke: color, "stroke-opacity": 0.7,
      "stroke-width": 1 + 5 * Math.sqrt(p.events / maxEvents),
      onclick: () => { location.hash = `#/events?dyad=${encodeURIComponent(p.a + "," + p.b)}&modality=asserted`; } },
      s("title", {}, `${p.a} – ${p.b}: ${p.events} events (${p.cooperation} cooperation, ${p.conflict} conflict)`));
  });
  const maxNode = Math.max(...network.nodes.map((n) => n.events), 1);
  const radius = (n) => 5 + 11 * Math.sqrt(n.events / maxNode);
  const labels = placeLabels(network.nodes.map((n) => ({ id: n.id, name: n.name, x: at[n.id][0], y: at[n.id][1], r: radius(n), events: n.events })), width, height);
  const nodes = network.nodes.map((n) => {
    const [x, y] = at[n.id];
    const label = labels[n.id];
    return s("g", {},
      s("circle", { class: "node", cx: x, cy: y, r: radius(n), fill: n.color, "data-actor": n.id,
        onclick: () => { location.hash = `#/events?actor=${encodeURIComponent(n.id)}&modality=asserted`; } },
        s("title", {}, `${n.id}${n.name ? " (" + n.name + ")" : ""}: ${n.events} events${n.bloc ? ", bloc " + n.bloc : ""}`)),
      label ? s("text", { x: label.x, y: label.y, "text-anchor": label.anchor }, label.text, s("title", {}, n.name ? `${n.id} (${n.name})` : n.id)) : null);
  });
  return s("svg", { viewBox: `0 0 ${width} ${height}`, width: "100%", role: "img",
    "aria-label": "actor network", "data-testid": "network" }, edges, nodes);
}

// Every month from the first to the last (years when that is more than ten years), so
// that gaps show as gaps.
function timelinePeriods(rows) {
  const months = rows.map((r) => r.month).sort();
  const [fy, fm] = months[0].split("-").map(Number);
  const [ly, lm] = months[months.length - 1].split("-").map(Number);
  const span = (ly - fy) * 12 + (lm - fm) + 1;
  const byYear = span > 120;
  const periods = [];
  for (let i = 0; i < (byYear ? ly - fy + 1 : span); i++) {
    if (byYear) periods.push(String(fy + i));
    else {
      const y = fy + Math.floor((fm - 1 + i) / 12), m = ((fm - 1 + i) % 12) + 1;
      periods.push(`${y}-${String(m).padStart(2, "0")}`);
    }
  }
  const counts = {};
  for (const r of rows) {
    const key = byYear ? r.month.slice(0, 4) : r.month;
    const slot = (counts[key] = counts[key] || {});
    slot[r.quad_class] = (slot[r.quad_class] || 0) + r.events;
  }
  return { periods, counts, byYear };
}

function periodRange(period, byYear) {
  return byYear ? [`${period}-01-01`, `${period}-12-31`] : [`${period}-01`, monthEnd(period)];
}

function timelineSvg(rows) {
  if (!rows.length) return h("p", { class: "muted" }, "No dated events yet.");
  const { periods, counts, byYear } = timelinePeriods(rows);
  const totals = periods.map((p) => Object.values(counts[p] || {}).reduce((a, b) => a + b, 0));
  const width = 1100, height = 200, left = 34, bottom = 34, top = 8;
  const step = (width - left) / periods.length;
  const scale = (height - bottom - top) / Math.max(...totals, 1);
  const bars = [];
  periods.forEach((p, i) => {
    let y = height - bottom;
    for (const q of [1, 2, 3, 4]) {
      const n = (counts[p] || {})[q] || 0;
      if (!n) continue;
      y -= n * scale;
      const [since, until] = periodRange(p, byYear);
      bars.push(s("rect", { class: "bar", x: left + i * step + 0.5, y, width: Math.max(step - 1, 1),
        height: n * scale, fill: QUADS[q][1], "data-period": p,
        onclick: () => { location.hash = `#/events?since=${since}&until=${until}&modality=asserted`; } },
        s("title", {}, `${p}: ${n} ${QUADS[q][0]}`)));
    }
  });
  const every = Math.ceil(periods.length / 12);
  const labels = periods.map((p, i) => (i % every ? null :
    s("text", { x: left + i * step + step / 2, y: height - bottom + 16, "text-anchor": "middle" }, p)));
  const axis = [s("text", { x: 2, y: top + 10 }, Math.max(...totals, 1)), s("text", { x: 2, y: height - bottom }, 0)];
  const key = Object.entries(QUADS).map(([q, [label, color]], i) =>
    s("g", {}, s("rect", { x: left + i * 190, y: height - 12, width: 10, height: 10, fill: color }),
      s("text", { x: left + i * 190 + 14, y: height - 3 }, label)));
  return s("svg", { viewBox: `0 0 ${width} ${height}`, width: "100%", role: "img",
    "aria-label": `events per ${byYear ? "year" : "month"}`, "data-testid": "timeline" }, axis, bars, labels, key);
}

function monthEnd(month) {
  const [y, m] = month.split("-").map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(last).padStart(2, "0")}`;
}

// ---- event explorer ---------------------------------------------------------------
async function eventsView(params) {
  const offset = Math.max(parseInt(params.get("offset") || "0", 10) || 0, 0);
  const query = filterQuery(params);
  const downloads = downloadLinks(new URLSearchParams(query));
  query.set("limit", PAGE);
  query.set("offset", offset);
  const form = filterForm(params);
  show(h("h1", {}, "Events"), form, h("p", { class: "muted" }, "Loading…"));
  let data;
  try { data = await api(`/api/events?${query}`); } catch (error) { show(h("h1", {}, "Events"), form, failure(error)); return; }
  const rows = data.events.map((e) => {
    const go = () => { location.hash = `#/event/${e.event_id}`; };
    return h("tr", { class: "clickable", tabindex: "0", "data-event": e.event_id, onclick: go,
      onkeydown: (k) => { if (k.key === "Enter") go(); } },
      h("td", { class: "nowrap" }, dateLabel(e)), h("td", {}, actorLabel(e.source)), h("td", {}, actorLabel(e.target)),
      h("td", {}, codeLabel(e)), h("td", {}, modalityBadge(e.modality)),
      h("td", { class: "num wide" }, e.confidence.toFixed(2)), h("td", { class: "wide" }, e.evidence.trigger),
      e.cluster ? h("td", { class: "num" }, e.cluster.n_articles) : null);
  });
  const pager = h("div", { class: "pager" },
    h("button", { class: "plain", disabled: offset <= 0, onclick: () => page(params, offset - PAGE) }, "← previous"),
    h("span", { class: "muted" }, data.total ? `${offset + 1}–${offset + data.events.length} of ${data.total}` : "no events match"),
    h("button", { class: "plain", disabled: offset + PAGE >= data.total, onclick: () => page(params, offset + PAGE) }, "next →"),
    data.total ? downloads : null);
  const history = params.get("dyad") ? await dyadHistory(params) : null;
  show(h("h1", {}, "Events"), form, history,
    h("div", { class: "card" }, h("div", { class: "table-wrap" }, h("table", { class: "events", "data-testid": "events" },
      h("thead", {}, h("tr", {}, h("th", {}, "date"), h("th", {}, "source"), h("th", {}, "target"),
        h("th", {}, "CAMEO · PLOVER"), h("th", {}, "modality"), h("th", { class: "num wide" }, "conf."),
        h("th", { class: "wide" }, "trigger"), params.get("unique") === "true" ? h("th", { class: "num" }, "articles") : null)),
      h("tbody", {}, rows))), pager));
}

// A dyad's history: A's acts toward B as bars above the line, B's toward A below, per
// month, coloured by QuadClass (asserted events unless a modality is chosen).
async function dyadHistory(params) {
  const [a, b] = params.get("dyad").split(",").map((x) => x.trim());
  const query = new URLSearchParams({ by: "month", modality: params.get("modality") || "asserted" });
  for (const key of ["since", "until"]) if (params.get(key)) query.set(key, params.get(key));
  if (params.get("unique")) query.set("unique", "true");
  let data;
  try {
    data = await api(`/api/dyads/${encodeURIComponent(a)}/${encodeURIComponent(b)}/series?${query}`);
  } catch (error) {
    return null; // an unknown actor: the table below says "no events match"
  }
  const rows = data.series;
  if (!rows.length) return null;
  const periods = [...new Set(rows.map((r) => r.period))].sort();
  const half = rows.length / 2; // the API sends A -> B first, then B -> A, period by period
  const up = rows.slice(0, half), down = rows.slice(half);
  const max = Math.max(...rows.map((r) => r.events), 1);
  const width = 1100, height = 220, mid = 104, left = 4;
  const step = (width - left) / periods.length;
  const scale = (mid - 14) / max;
  const bars = [];
  const keys = ["verbal_coop", "material_coop", "verbal_conflict", "material_conflict"];
  for (const [list, sign] of [[up, -1], [down, 1]]) {
    for (const r of list) {
      const i = periods.indexOf(r.period);
      let y = mid;
      keys.forEach((key, q) => {
        const n = r[key];
        if (!n) return;
        const top = sign < 0 ? y - n * scale : y;
        const barWidth = Math.max(Math.min(step - 1, 36), 1);
        bars.push(s("rect", { x: left + i * step + (step - barWidth) / 2, y: top, width: barWidth, height: n * scale,
          fill: QUADS[q + 1][1] }, s("title", {}, `${r.period.slice(0, 7)} ${r.source} → ${r.target}: ${n} ${QUADS[q + 1][0]}`)));
        y += sign * n * scale;
      });
    }
  }
  const every = Math.ceil(periods.length / 12);
  const labels = periods.map((p, i) => (i % every ? null :
    s("text", { x: left + i * step + step / 2, y: height - 2, "text-anchor": "middle" }, p.slice(0, 7))));
  const svg = s("svg", { viewBox: `0 0 ${width} ${height}`, width: "100%", role: "img",
    "aria-label": `${a} and ${b} per month`, "data-testid": "dyad-history" },
    s("line", { x1: left, x2: width, y1: mid, y2: mid, stroke: "#555" }), bars, labels);
  return h("section", { class: "card", style: "margin-bottom:1rem" },
    h("h2", {}, `${a} and ${b}, month by month`),
    h("p", { class: "muted" }, `Above the line: what ${a} did to ${b}; below: what ${b} did to ${a}. `,
      "Colours are QuadClasses as on the overview; hover a bar for its count."), svg);
}

function page(params, offset) {
  const next = new URLSearchParams(params);
  next.set("offset", Math.max(offset, 0));
  location.hash = `#/events?${next}`;
}

function filterForm(params, base = "#/events") {
  const text = (name, label, placeholder) => h("label", {}, label,
    h("input", { type: "text", name, value: params.get(name) || "", placeholder }));
  // a year, a month or a day: 2022, 2022-03, 2022-03-15 (the API reads all three)
  const when = (name, label) => h("label", {}, label, h("input", { type: "text", name, value: params.get(name) || "",
    placeholder: "2022, 2022-03 or 2022-03-15", pattern: "\\d{4}(-\\d{2}(-\\d{2})?)?", inputmode: "numeric",
    title: "a year (2022), a month (2022-03) or a day (2022-03-15)" }));
  const modality = h("select", { name: "modality" }, h("option", { value: "" }, "any"),
    Object.keys(MODALITY_NOTES).map((m) => h("option", { value: m, selected: params.get("modality") === m }, m)));
  const form = h("form", { class: "filters", "data-testid": "filters" },
    text("actor", "actor (name or code)", "Russia, the EU, IRNMIL"), text("source", "source", ""), text("target", "target", ""),
    text("dyad", "dyad (A,B)", "Russia,Ukraine"), text("code", "CAMEO / PLOVER", "16, SANCTION"),
    when("since", "since"), when("until", "until"), h("label", {}, "modality", modality),
    h("label", { class: "check" }, h("input", { type: "checkbox", name: "unique", checked: params.get("unique") === "true" }), "one row per real-world event"),
    h("button", { type: "submit" }, "Filter"),
    h("button", { type: "button", class: "plain", onclick: () => { location.hash = base; } }, "Clear"));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const next = new URLSearchParams();
    for (const [key, value] of new FormData(form)) if (value) next.set(key, key === "unique" ? "true" : value.trim());
    location.hash = `${base}?${next}`;
  });
  return form;
}

// ---- one event --------------------------------------------------------------------
async function eventView(id) {
  const event = await api(`/api/events/${encodeURIComponent(id)}`);
  const article = event.article || {};
  const cluster = event.cluster;
  show(
    h("h1", {}, `${actorLabel(event.source)} → ${actorLabel(event.target)}`),
    h("p", { class: "modality-note", "data-testid": "modality" }, modalityBadge(event.modality), " ", MODALITY_NOTES[event.modality] || ""),
    legend(),
    evidenceBlock(event),
    h("div", { class: "grid" },
      h("section", { class: "card" }, h("h2", {}, "Event"), eventFacts(event)),
      h("section", { class: "card" }, h("h2", {}, "Where it was reported"),
        h("p", {}, h("a", { href: `#/article/${article.article_id}?event=${event.event_id}`, "data-testid": "article-link" },
          article.title || event.doc_id)),
        h("p", { class: "muted" }, `published ${article.published || "—"}`, article.url ? [" · ", h("a", { href: article.url, rel: "noopener noreferrer", target: "_blank" }, "original")] : null),
        cluster ? h("p", {}, `Reported ${cluster.n_mentions} time(s) in ${cluster.n_articles} article(s) from ${cluster.n_sources} source(s), first on ${cluster.first_reported || "—"}.`) : null)));
}

// ---- one article ------------------------------------------------------------------
async function articleView(id, params) {
  const article = await api(`/api/articles/${encodeURIComponent(id)}`);
  const focus = params.get("event");
  const byId = Object.fromEntries(article.events.map((e) => [e.event_id, e]));
  const text = h("div", { class: "article-text", "data-testid": "article-text" },
    marked(article.text, article.spans, 0, (eventId) => { location.hash = `#/event/${eventId}`; }));
  const list = h("ul", { class: "event-list" }, article.events.map((e) =>
    h("li", {}, h("a", { href: `#/event/${e.event_id}` }, `${actorLabel(e.source)} → ${actorLabel(e.target)}`),
      " ", codeLabel(e), " ", modalityBadge(e.modality), h("div", { class: "muted" }, e.evidence.trigger))));
  show(
    h("h1", {}, article.title || article.doc_id),
    h("p", { class: "muted" }, `published ${article.published || "—"} · ${article.events.length} event(s) · ${article.doc_id}`),
    legend(),
    h("div", { class: "grid" }, h("section", {}, text), h("section", { class: "card" }, h("h2", {}, "Events"), list)));
  if (focus && byId[focus]) {
    const marks = document.querySelectorAll(`mark[data-events~="${CSS.escape(focus)}"]`);
    marks.forEach((m) => m.classList.add("m-focus"));
    if (marks.length) marks[0].scrollIntoView({ block: "center" });
  }
}

// ---- paste box --------------------------------------------------------------------
function codeView() {
  const area = h("textarea", { name: "text", "aria-label": "text to code", placeholder: "Paste a news text…", "data-testid": "code-text" });
  const when = h("input", { type: "date", name: "date", "aria-label": "publication date" });
  const out = h("div", { "data-testid": "code-result" });
  const run = h("button", { type: "submit" }, "Find events");
  const form = h("form", {}, area, h("div", { class: "row" }, h("label", {}, "published ", when), run));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (!area.value.trim()) {
      out.replaceChildren(h("p", { class: "error", role: "alert" }, "Paste a text first."));
      return;
    }
    run.disabled = true;
    out.replaceChildren(h("p", { class: "muted" }, "Coding… (the first text loads the language model)"));
    try {
      const body = { text: area.value };
      if (when.value) body.date = when.value;
      const data = await api("/api/code", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      out.replaceChildren(data.events.length ? codedList(data.events)
        : h("p", { class: "muted" }, "No events: no sentence says that a known actor did something to another."));
    } catch (error) {
      out.replaceChildren(failure(error));
    } finally {
      run.disabled = false;
    }
  });
  show(h("h1", {}, "Code a text"), h("p", { class: "muted" }, "Nothing you paste here is stored."), form, out);
}

// ---- routing ----------------------------------------------------------------------
async function route() {
  const hash = location.hash || "#/";
  const path = hash.slice(1).split("?")[0];
  const params = queryOf(hash);
  const section = path.split("/")[1] || "overview";
  for (const link of document.querySelectorAll("nav a[data-nav]")) {
    const active = link.dataset.nav === section || (section === "event" && link.dataset.nav === "events");
    link.classList.toggle("active", active);
  }
  try {
    if (path === "/" || path === "") await overviewView();
    else if (path === "/events") await eventsView(params);
    else if (path.startsWith("/event/") && path.length > 7) await eventView(decodeURIComponent(path.slice(7)));
    else if (path.startsWith("/article/") && path.length > 9) await articleView(decodeURIComponent(path.slice(9)), params);
    else if (path === "/map") await mapView(params);
    else if (path === "/code") codeView();
    else show(h("h1", {}, "Not found"), h("p", {}, h("a", { href: "#/" }, "Back to the overview")));
  } catch (error) {
    show(h("h1", {}, "Something went wrong"), failure(error));
  }
}

async function footer() {
  try {
    const health = await api("/api/health");
    document.getElementById("store-info").textContent =
      `store ${health.store}: ${health.articles} articles, ${health.events} events · newsevents ${health.version}`;
  } catch (error) { /* the page still works without the footer */ }
}

window.addEventListener("hashchange", route);
route();
footer();
