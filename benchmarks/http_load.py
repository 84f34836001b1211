"""The HTTP API under concurrent load on loopback: latency (p50, p95) per endpoint and
the count of errors, for a fixed number of requests.

Starts ``newsevents serve`` as a subprocess on a store (``--db``; by default it builds one
from the bundled samples), waits for it, then runs ``--clients`` threads, each sending
``--requests`` requests drawn from a fixed mix (seeded):

    events      GET /api/events with a random filter (actor, dyad, code, modality, dates)
    event       GET /api/events/{id} of a random stored event
    article     GET /api/articles/{id} of a random stored article
    overview    GET /api/overview
    network     GET /api/network
    code        POST /api/code with one of a few news sentences (the model loads once,
                before timing, and codes one text at a time)

Every answer must be 200; anything else is counted as an error with its status. Usage
(from the repository root):

    .venv/bin/python benchmarks/http_load.py                           # samples store
    .venv/bin/python benchmarks/http_load.py --db /tmp/seeds.duckdb --clients 16 --requests 100
    .venv/bin/python benchmarks/http_load.py --json                    # machine-readable
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx2 as httpx

ROOT = Path(__file__).resolve().parents[1]
MIX = (("events", 4), ("event", 3), ("article", 2), ("overview", 1), ("network", 1), ("code", 1))
TEXTS = (
    "The United States imposed new sanctions on Iran on Monday.",
    "Russia and China condemned the missile test, calling it a provocation.",
    "Israel said it would not attend the talks in Cairo next week.",
    "North Korea fired two ballistic missiles into the sea off its east coast on Tuesday.",
)
FILTERS = (
    {"actor": "USA"},
    {"dyad": "RUS,UKR"},
    {"code": "19", "modality": "asserted"},
    {"since": "2019-01-01", "until": "2019-12-31"},
    {"source": "IRN", "limit": 10},
    {"unique": "true"},
)


@dataclass
class Results:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, seconds: float, status: int) -> None:
        with self.lock:
            self.latencies[kind].append(seconds)
            if status != 200:
                self.errors[f"{kind} {status}"] += 1

    def summary(self) -> dict[str, Any]:
        rows = {}
        for kind, values in sorted(self.latencies.items()):
            ordered = sorted(values)
            rows[kind] = {
                "requests": len(values),
                "p50_ms": round(statistics.median(ordered) * 1000, 1),
                "p95_ms": round(ordered[max(int(len(ordered) * 0.95) - 1, 0)] * 1000, 1),
                "max_ms": round(ordered[-1] * 1000, 1),
            }
        everything = sorted(v for values in self.latencies.values() for v in values)
        rows["all"] = {
            "requests": len(everything),
            "p50_ms": round(statistics.median(everything) * 1000, 1),
            "p95_ms": round(everything[max(int(len(everything) * 0.95) - 1, 0)] * 1000, 1),
            "max_ms": round(everything[-1] * 1000, 1),
        }
        return {"endpoints": rows, "errors": dict(self.errors)}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(db: Path, port: int, extra: tuple[str, ...] = ()) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "newsevents", "serve", "--db", str(db), "--port", str(port)]
    server = subprocess.Popen([*command, *extra], stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/api/health", timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("the server did not answer /api/health within 60 s")


def ids(base: str) -> tuple[list[str], list[str]]:
    events = httpx.get(base + "/api/events", params={"limit": 500}, timeout=30).json()["events"]
    return [e["event_id"] for e in events], sorted({e["article_id"] for e in events})


def request(client: httpx.Client, kind: str, rng: random.Random, known: tuple) -> int:
    event_ids, article_ids = known
    if kind == "events":
        return client.get("/api/events", params=rng.choice(FILTERS)).status_code
    if kind == "event":
        return client.get(f"/api/events/{rng.choice(event_ids)}").status_code
    if kind == "article":
        return client.get(f"/api/articles/{rng.choice(article_ids)}").status_code
    if kind == "code":
        body = {"text": rng.choice(TEXTS), "date": "2019-04-22"}
        return client.post("/api/code", json=body).status_code
    return client.get(f"/api/{kind}").status_code


def run_load(base: str, clients: int, requests: int, seed: int = 7) -> dict[str, Any]:
    """``clients`` threads each send ``requests`` requests of the mix; latency per kind."""
    known = ids(base)
    kinds = [kind for kind, weight in MIX for _ in range(weight)]
    results = Results()
    with httpx.Client(base_url=base, timeout=120) as warm:  # a warm server: model loaded,
        warm.post("/api/code", json={"text": TEXTS[0]})  # network laid out once
        warm.get("/api/network")

    def client_thread(number: int) -> None:
        rng = random.Random(seed + number)
        with httpx.Client(base_url=base, timeout=120) as client:
            for _ in range(requests):
                kind = rng.choice(kinds)
                started = time.perf_counter()
                try:
                    status = request(client, kind, rng, known)
                except httpx.HTTPError as exc:
                    status = -1
                    print(f"{kind}: {type(exc).__name__}: {exc}", file=sys.stderr)
                results.add(kind, time.perf_counter() - started, status)

    threads = [threading.Thread(target=client_thread, args=(n,)) for n in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    summary = results.summary()
    summary.update(
        clients=clients,
        requests_per_client=requests,
        seconds=round(elapsed, 2),
        requests_per_second=round(clients * requests / elapsed, 1),
    )
    return summary


def sample_store(folder: Path) -> Path:
    db = folder / "samples.duckdb"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "newsevents",
            "ingest",
            str(ROOT / "newsevents" / "samples"),
            "--db",
            str(db),
        ],
        check=True,
        capture_output=True,
    )
    return db


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="store to serve (default: the samples)")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=50, help="requests per client")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = args.db or sample_store(Path(folder))
        port = free_port()
        server = start_server(db, port)
        try:
            summary = run_load(f"http://127.0.0.1:{port}", args.clients, args.requests)
        finally:
            server.terminate()
            server.wait(timeout=30)
    machine = f"{platform.machine()}, {os.cpu_count()} cores"
    summary["machine"] = f"{machine}, Python {platform.python_version()}"
    summary["store"] = str(args.db or "bundled samples")
    if args.json:
        print(json.dumps(summary, indent=1))
        return
    print(
        f"{summary['clients']} clients x {summary['requests_per_client']} requests on "
        f"{summary['store']}: {summary['seconds']} s, {summary['requests_per_second']} req/s"
    )
    print(f"{'endpoint':10} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for kind, row in summary["endpoints"].items():
        print(
            f"{kind:10} {row['requests']:>8} {row['p50_ms']:>8} {row['p95_ms']:>8} "
            f"{row['max_ms']:>8}"
        )
    print("errors:", summary["errors"] or "none")


if __name__ == "__main__":
    main()
