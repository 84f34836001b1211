"""Query latency of a large store: the dyad series and a filtered event listing.

Builds (or, with ``--reuse``, reuses) a DuckDB store of N synthetic events, then times on a
fresh read-only connection, best of ``--repeat`` rounds after one warm-up round:

    dyad       dyad_series(store, "USA", "IRN", by="month"), what
               ``newsevents dyad USA IRN --by month`` computes (modality asserted)
    dyad parts its store reads: require_actor (an existence check) for each actor, and
               dyad_counts (one GROUP BY direction, period, QuadClass in SQL)
    dyad SQL   the same per-month, per-direction QuadClass counts and Goldstein sum as one
               SQL aggregate (what a pushed-down dyad_series would run)
    listing    Store.events(EventFilters(source="USA", code="19", since=2020-01-01, limit=100)):
               the page's event ids from a narrow scan, then their rows by the event_id index

Targets: dyad <= 200 ms, listing <= 500 ms. The store is created with
``newsevents.store.Store(path)`` (so the migrations run) and filled with
``INSERT INTO events ... SELECT ... FROM <arrow table>`` in chunks of 1M rows. Only the
events table is filled (articles, runs and clusters stay empty; cluster_id is NULL).

Synthetic data: ~220 actor codes (60 countries, some with sectors, 10 IGOs), Zipf-like
(USA the source country of about 22% of events, IRN about 3%); 30% of events without a
target; dates 2000-2026 with volume growing over time; CAMEO codes from cameo_codes.tsv
weighted by root, with their QuadClass, Goldstein score and PLOVER type; 85% asserted;
about 3.5 events per article; evidence sentences made of two random fragments.
Usage (from the repository root):

    .venv/bin/python benchmarks/store_queries.py                  # 10M events, /tmp store
    .venv/bin/python benchmarks/store_queries.py --reuse --explain
    .venv/bin/python benchmarks/store_queries.py --events 1000000 --db /tmp/ne-1m.duckdb
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from newsevents.analysis import dyad_series
from newsevents.analysis.dyad import dyad_counts
from newsevents.analysis.selection import make_scope, require_actor
from newsevents.store import EventFilters, Store
from newsevents.store.query import build_event_query

CAMEO_TSV = Path(__file__).resolve().parents[1] / "newsevents/events/data/cameo_codes.tsv"
CHUNK = 1_000_000
TARGETS_MS = {"dyad": 200.0, "listing": 500.0}
SEED = 20261122

COUNTRIES = (
    "USA RUS CHN ISR GBR FRA UKR IRN DEU PSE SYR IRQ TUR SAU PRK KOR JPN IND PAK AFG "
    "EGY LBN JOR YEM QAT ARE VEN CUB MEX BRA ARG COL CAN AUS ITA ESP POL NLD BEL SWE "
    "NOR FIN GRC SRB BLR GEO ARM AZE KAZ NGA ETH SDN SOM KEN ZAF LBY TUN DZA MAR IDN"
).split()
SECTORS = ("GOV", "MIL", "OPP", "REB", "BUS", "MED", "COP", "JUD", "LEG", "CVL")
IGOS = ("IGOUNO IGOEUREEC IGONAT IGOAFRAU IGOARBLEG IGOWTO IGOIAEA IGOOPC IGOASN IGOWHO").split()
ROOT_WEIGHTS = {
    "01": 20, "02": 9, "03": 8, "04": 18, "05": 7, "06": 3, "07": 3, "08": 3, "09": 2,
    "10": 2, "11": 5, "12": 2, "13": 3, "14": 2, "15": 1, "16": 2, "17": 3, "18": 3,
    "19": 5, "20": 0.5,
}  # fmt: skip
MODALITIES = ("asserted", "future", "hypothetical", "speculative", "negated")
MODALITY_P = (0.85, 0.05, 0.04, 0.03, 0.03)
PRECISIONS = ("document", "day", "month", "year")
PRECISION_P = (0.70, 0.25, 0.03, 0.02)
WORDS = (
    "minister president talks sanctions nuclear border troops agreement summit envoy "
    "officials said statement embassy missile strike ceasefire aid trade deal protest "
    "government forces rebels parliament capital meeting visit accused condemned urged "
    "warned rejected offered demanded announced signed week Tuesday Monday spokesman "
    "foreign defence security council resolution vote negotiations delegation region"
).split()


def actor_pool(rng: np.random.Generator) -> dict[str, np.ndarray]:
    """~200 actor codes with their country and sector, and a Zipf-like weight each."""
    codes, countries, sectors, weights = [], [], [], []
    for rank, country in enumerate(COUNTRIES):
        base = 1.0 / (rank + 1) ** 0.9
        codes.append(country), countries.append(country), sectors.append(None)
        weights.append(base)
        n_sectors = 6 if rank < 10 else 3 if rank < 30 else 1
        for sector in rng.choice(SECTORS, n_sectors, replace=False):
            codes.append(country + sector), countries.append(country), sectors.append(sector)
            weights.append(base * 0.35)
    for rank, igo in enumerate(IGOS):
        codes.append(igo), countries.append(None), sectors.append(None)
        weights.append(0.05 / (rank + 1))
    weights_arr = np.array(weights)
    return {
        "code": np.array(codes, dtype=object),
        "country": np.array(countries, dtype=object),
        "sector": np.array(sectors, dtype=object),
        "p": weights_arr / weights_arr.sum(),
    }


def cameo_pool() -> dict[str, np.ndarray]:
    with CAMEO_TSV.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    per_root: dict[str, int] = {}
    for row in rows:
        per_root[row["root"]] = per_root.get(row["root"], 0) + 1
    weights = np.array([ROOT_WEIGHTS[r["root"]] / per_root[r["root"]] for r in rows])
    return {
        "cameo": np.array([r["cameo"] for r in rows], dtype=object),
        "root": np.array([r["root"] for r in rows], dtype=object),
        "goldstein": np.array([float(r["goldstein"]) for r in rows]),
        "quad": np.array([int(r["quad_class"]) for r in rows], dtype=np.int32),
        "plover": np.array([r["plover"] or None for r in rows], dtype=object),
        "mode": np.array([r["plover_mode"] or None for r in rows], dtype=object),
        "p": weights / weights.sum(),
    }


def fragments(rng: np.random.Generator, n: int, lo: int, hi: int) -> pa.Array:
    return pa.array(
        [" ".join(rng.choice(WORDS, rng.integers(lo, hi))) for _ in range(n)], pa.string()
    )


def take(values: np.ndarray, index: np.ndarray, mask: np.ndarray | None = None) -> pa.Array:
    """values[index] as an Arrow string array, null where mask is True."""
    return pa.array(values[index], type=pa.string(), mask=mask, from_pandas=True)


def make_chunk(
    rng: np.random.Generator,
    start: int,
    n: int,
    actors: dict[str, np.ndarray],
    cameo: dict[str, np.ndarray],
    texts: tuple[pa.Array, pa.Array],
) -> pa.Table:
    """Events start .. start+n-1 as an Arrow table of the raw (partly numeric) columns."""
    n_actors = len(actors["code"])
    src = rng.choice(n_actors, n, p=actors["p"])
    tgt = rng.choice(n_actors, n, p=actors["p"])
    same = actors["country"][src] == actors["country"][tgt]
    tgt[same] = rng.choice(n_actors, int(same.sum()), p=actors["p"])  # fewer self-dyads
    no_tgt = rng.random(n) < 0.30
    att = rng.choice(n_actors, n, p=actors["p"])
    no_att = rng.random(n) >= 0.12
    code = rng.choice(len(cameo["cameo"]), n, p=cameo["p"])
    # volume grows over time: 30% uniform over 2000-2026, 70% with density rising linearly
    days = (date(2026, 11, 1) - date(2000, 1, 1)).days
    u = np.where(rng.random(n) < 0.3, rng.random(n), np.sqrt(rng.random(n)))
    offset = (u * days).astype(np.int32)
    precision = rng.choice(len(PRECISIONS), n, p=PRECISION_P).astype(np.int8)
    has_loc = rng.random(n) < 0.10
    loc = rng.integers(0, len(COUNTRIES), n)
    countries = np.array(COUNTRIES, dtype=object)
    frag_a, frag_b = texts
    ia = pa.array(rng.integers(0, len(frag_a), n))
    ib = pa.array(rng.integers(0, len(frag_b), n))
    evidence = pc.binary_join_element_wise(frag_a.take(ia), frag_b.take(ib), ". ")
    ev_start = rng.integers(0, 4000, n).astype(np.int32)
    ev_len = pc.utf8_length(evidence).to_numpy().astype(np.int32) + 1
    i = np.arange(start, start + n, dtype=np.int64)
    return pa.table(
        {
            "i": i,
            "article_no": (i * 2) // 7,  # about 3.5 events per article
            "sentence_index": rng.integers(0, 40, n).astype(np.int32),
            "source_code": take(actors["code"], src),
            "source_country": take(actors["country"], src),
            "source_sector": take(actors["sector"], src),
            "source_person": rng.integers(0, 3000, n) * (rng.random(n) < 0.2) - 1,
            "target_code": take(actors["code"], tgt, no_tgt),
            "target_country": take(actors["country"], tgt, no_tgt),
            "target_sector": take(actors["sector"], tgt, no_tgt),
            "target_person": np.where(
                no_tgt, -1, rng.integers(0, 3000, n) * (rng.random(n) < 0.2) - 1
            ),
            "cameo": take(cameo["cameo"], code),
            "cameo_root": take(cameo["root"], code),
            "plover": take(cameo["plover"], code),
            "plover_mode": take(cameo["mode"], code),
            "quad_class": cameo["quad"][code],
            "goldstein": cameo["goldstein"][code],
            "modality": take(np.array(MODALITIES, dtype=object), rng.choice(5, n, p=MODALITY_P)),
            "attributed_code": take(actors["code"], att, no_att),
            "attributed_country": take(actors["country"], att, no_att),
            "day": offset,
            "precision": precision,
            "location_country": take(countries, loc, ~has_loc),
            "location_lat": pa.array(rng.uniform(-60, 70, n), mask=~has_loc),
            "location_lon": pa.array(rng.uniform(-180, 180, n), mask=~has_loc),
            "evidence_text": evidence,
            "evidence_start": ev_start,
            "evidence_end": ev_start + ev_len,
            "trigger": take(np.array(WORDS, dtype=object), rng.integers(0, len(WORDS), n)),
            "confidence": np.round(rng.uniform(0.3, 1.0, n), 2),
            "run_no": rng.integers(0, 50, n),
        }
    )


INSERT_SQL = """
INSERT INTO events BY NAME
SELECT
    substr(md5('e' || i), 1, 16) AS event_id,
    substr(md5('a' || article_no), 1, 16) AS article_id,
    'doc-' || article_no AS doc_id,
    sentence_index,
    source_code, source_country, source_sector,
    source_code AS source_name,
    'the ' || source_code AS source_text,
    CASE WHEN source_person >= 0 THEN 'person:p' || source_person END AS source_entity,
    target_code, target_country, target_sector,
    target_code AS target_name,
    'the ' || target_code AS target_text,
    CASE WHEN target_person >= 0 THEN 'person:p' || target_person END AS target_entity,
    cameo, cameo_root, plover, plover_mode, quad_class, goldstein, modality,
    attributed_code, attributed_country,
    attributed_code AS attributed_name,
    attributed_code AS attributed_text,
    CASE precision
        WHEN 2 THEN strftime(DATE '2000-01-01' + day, '%Y-%m')
        WHEN 3 THEN strftime(DATE '2000-01-01' + day, '%Y')
        ELSE strftime(DATE '2000-01-01' + day, '%Y-%m-%d') END AS date,
    ['document', 'day', 'month', 'year'][precision + 1] AS date_precision,
    CASE precision
        WHEN 2 THEN date_trunc('month', DATE '2000-01-01' + day)
        WHEN 3 THEN date_trunc('year', DATE '2000-01-01' + day)
        ELSE DATE '2000-01-01' + day END::DATE AS date_start,
    location_country AS location_name,
    location_country, location_lat, location_lon,
    evidence_text, evidence_start, evidence_end, trigger, confidence,
    'run' || lpad(run_no::VARCHAR, 13, '0') AS run_id
FROM chunk
"""

DYAD_SQL = """
WITH d AS (
    SELECT
        CASE WHEN (source_code LIKE 'USA%' OR source_country = 'USA')
                  AND (target_code LIKE 'IRN%' OR target_country = 'IRN') THEN 'USA'
             ELSE 'IRN' END AS source,
        date_trunc('month', date_start) AS period, quad_class, goldstein
    FROM events
    WHERE modality = 'asserted' AND date_start IS NOT NULL AND date_precision <> 'year'
      AND (((source_code LIKE 'USA%' OR source_country = 'USA')
            AND (target_code LIKE 'IRN%' OR target_country = 'IRN'))
        OR ((source_code LIKE 'IRN%' OR source_country = 'IRN')
            AND (target_code LIKE 'USA%' OR target_country = 'USA')))
)
SELECT source, period, count(*) AS events,
       count(*) FILTER (quad_class = 1) AS verbal_coop,
       count(*) FILTER (quad_class = 2) AS material_coop,
       count(*) FILTER (quad_class = 3) AS verbal_conflict,
       count(*) FILTER (quad_class = 4) AS material_conflict,
       sum(goldstein) AS goldstein_sum
FROM d GROUP BY ALL ORDER BY source, period
"""


def build(path: Path, n_events: int) -> dict[str, float]:
    """A new store at ``path`` with ``n_events`` synthetic events; seconds per phase."""
    for stale in (path, path.with_name(path.name + ".wal")):
        stale.unlink(missing_ok=True)
    rng = np.random.default_rng(SEED)
    actors, cameo = actor_pool(rng), cameo_pool()
    texts = (fragments(rng, 3000, 8, 22), fragments(rng, 3000, 6, 18))
    Store(path).close()  # migrations
    con = duckdb.connect(str(path))
    generate = insert = 0.0
    for start in range(0, n_events, CHUNK):
        t0 = time.perf_counter()
        chunk = make_chunk(rng, start, min(CHUNK, n_events - start), actors, cameo, texts)
        t1 = time.perf_counter()
        con.register("chunk", chunk)
        con.execute(INSERT_SQL)
        con.unregister("chunk")
        t2 = time.perf_counter()
        generate, insert = generate + t1 - t0, insert + t2 - t1
        print(f"  {start + len(chunk):>12,} events  gen {t1 - t0:5.1f}s  insert {t2 - t1:5.1f}s")
    t0 = time.perf_counter()
    con.execute("CHECKPOINT")
    con.close()
    checkpoint = time.perf_counter() - t0
    t0 = time.perf_counter()
    with Store(path) as store:  # the events went in directly: count their actor codes
        store.refresh_actor_codes()
    return {"generate_s": generate, "insert_s": insert, "checkpoint_s": checkpoint,
            "actor_codes_s": time.perf_counter() - t0}  # fmt: skip


def best_of(fn: Callable[[], Any], repeat: int) -> dict[str, Any]:
    fn()  # warm-up
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t0) * 1000)
    rows = len(result) if hasattr(result, "__len__") else result.num_rows
    return {"best_ms": min(times), "median_ms": float(np.median(times)), "rows": rows,
            "all_ms": [round(t, 1) for t in times]}  # fmt: skip


def measure(path: Path, repeat: int, explain: bool) -> dict[str, dict[str, Any]]:
    store = Store(path, read_only=True)
    scope = make_scope()
    listing = EventFilters(source="USA", code="19", since=date(2020, 1, 1), limit=100)
    cases: dict[str, Callable[[], Any]] = {
        "dyad": lambda: dyad_series(store, "USA", "IRN", by="month"),
        "dyad: require_actor USA": lambda: require_actor(store, "USA") or [],
        "dyad: require_actor IRN": lambda: require_actor(store, "IRN") or [],
        "dyad: dyad_counts": lambda: dyad_counts(store, scope, "USA", "IRN", "month"),
        "dyad SQL": lambda: store.con.cursor().sql(DYAD_SQL).to_arrow_table(),
        "listing": lambda: store.events(listing),
    }
    results = {}
    for name, fn in cases.items():
        results[name] = best_of(fn, repeat)
        r = results[name]
        target = TARGETS_MS.get(name)
        verdict = "" if target is None else ("  OK" if r["best_ms"] <= target else "  MISSED")
        goal = f" (target {target:.0f})" if target else ""
        print(f"  {name:<26} best {r['best_ms']:8.1f} ms{goal}  median {r['median_ms']:8.1f}"
              f"  rows {r['rows']:>6}{verdict}")  # fmt: skip
    if explain:
        queries = {
            "require_actor USA": build_event_query(EventFilters(actor="USA", limit=1)),
            "load_events dyad": build_event_query(scope.filters(dyad=("USA", "IRN"))),
            "listing ids": build_event_query(replace(listing, columns=("event_id",))),
            "dyad SQL": (DYAD_SQL, []),
        }
        for name, (sql, params) in queries.items():
            plan = store.con.execute("EXPLAIN ANALYZE " + sql, params).fetchall()
            print(f"\n===== EXPLAIN ANALYZE {name}\n{plan[0][1]}")
    store.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/newsevents-10m.duckdb"))
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--reuse", action="store_true", help="use the store at --db as it is")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--explain", action="store_true", help="print EXPLAIN ANALYZE plans")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()

    report: dict[str, Any] = {"machine": f"{platform.machine()}, {os.cpu_count()} cores",
                              "duckdb": duckdb.__version__}  # fmt: skip
    if not (args.reuse and args.db.exists()):
        print(f"building {args.db} with {args.events:,} events")
        t0 = time.perf_counter()
        report["build"] = build(args.db, args.events)
        report["build"]["total_s"] = time.perf_counter() - t0
        print("  build: " + ", ".join(f"{k} {v:.1f}" for k, v in report["build"].items()))
    with duckdb.connect(str(args.db), read_only=True) as con:
        report["events"] = con.execute("SELECT count(*) FROM events").fetchone()[0]
    report["size_bytes"] = args.db.stat().st_size
    print(f"store: {report['events']:,} events, {report['size_bytes'] / 2**30:.2f} GiB on disk")
    report["timings"] = measure(args.db, args.repeat, args.explain)
    if args.json:
        print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
