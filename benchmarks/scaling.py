"""End-to-end ingest throughput and scaling on Dask, against bare spaCy on the same texts.

One run measures, on the same corpus, each in a fresh child process of this script (so
that its start-up, CPU time and peak memory are its own):

    spacy      Coder.load, clean the documents, then list(nlp.pipe(texts, batch_size=32))
               twice: the first pass is the reference (like ingest, it pays spaCy's first
               call and a lexeme for every new word); the second pass (warm vocabulary) is
               what a best-of-rounds timing such as stage_costs.py sees
    1 process  run_ingest(paths, Settings(db_path=new store, workers=1))
    2 workers  cold: run_ingest(paths, Settings(db_path=new store, workers=2)), which starts
               its own LocalCluster; warm: a LocalCluster of 2 worker processes (1 thread
               each, scale.local_cluster as ``ingest --workers`` makes) started first
               (timed), then run_ingest(paths, Settings(db_path=new store, scheduler=its
               address)), then the same again on that cluster ("2nd run": its workers
               already hold a Coder)
    memory     ru_maxrss of each worker of the warm cluster after its runs (client.run), of
               the client process (with the in-process scheduler of the cold run), of the
               1-process ingest and of the bare-spaCy process

Within each ingest the call that makes the coder ready is timed (``Coder.load``; or
``Client.register_plugin``, which loads a Coder on every worker and is done again by every
run, even on a warm cluster), so each run splits into start-up and "after start-up". Rates
after the first stored batch (the first 2 on Dask) and CPU seconds (user + system) are
reported too. With ``--repeat K`` every measurement is repeated K times, interleaved, and
the best is kept. Usage (from the repository root):

    .venv/bin/python benchmarks/scaling.py
    .venv/bin/python benchmarks/scaling.py --corpus FILE_OR_DIR --limit 400 --json
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from stage_costs import read_corpus  # the same corpus reading as the stage costs

from newsevents.config import Settings
from newsevents.ingest import read_inputs
from newsevents.records import Article, RawDocument

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared/corpus/wikinews/wikinews_2019.csv"
BATCH_SIZE = 32
WORKERS = 2
ARTICLES_PER_DAY = 200_000
SECONDS_PER_DAY = 86_400
HEADROOM = 0.5  # plan to use at most this share of the measured steady-state capacity
TARGETS = {
    "one_vs_spacy": 0.8,  # 1-process ingest throughput / bare spaCy throughput, at least
    "two_vs_one": 1.7,  # 2-worker throughput / 1-process throughput, at least
    "worker_mib": 1024.0,  # peak RSS per worker, at most (MiB)
}


# -- inputs --------------------------------------------------------------------------------
def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--corpus", type=Path, default=DEFAULT_CORPUS, help="a file or directory of documents"
    )
    parser.add_argument("--limit", type=int, default=None, help="use the first N documents")
    parser.add_argument("--repeat", type=int, default=1, help="best of K rounds per measurement")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    # internal: one ingest measurement in a child process
    parser.add_argument("--child", choices=("spacy", "one", "two"), help=argparse.SUPPRESS)
    parser.add_argument("--child-dir", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--child-out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--child-path", action="append", default=[], help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if args.limit is not None and args.limit < 1:
        parser.error("--limit must be at least 1")
    return args


def write_subset(documents: Sequence[RawDocument], path: Path) -> None:
    """The documents as JSONL that ``read_inputs`` reads back the same (for ``--limit``)."""
    with path.open("w", encoding="utf-8") as out:
        for d in documents:
            record = {"id": d.doc_id, "title": d.title, "date": d.published, "url": d.url}
            record["text"] = d.content
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


# -- helpers -------------------------------------------------------------------------------
def now() -> float:
    return time.perf_counter()


def timed(function: Callable[[], Any]) -> tuple[float, Any]:
    gc.collect()
    start = now()
    result = function()
    return now() - start, result


def peak_mib() -> float:
    """This process's peak resident memory (ru_maxrss is KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def usage() -> dict[str, float]:
    """CPU seconds (user, system), minor page faults and peak RSS (KiB) of this process so
    far; run on a Dask worker too (client.run)."""
    import resource as res

    r = res.getrusage(res.RUSAGE_SELF)
    return {"user": r.ru_utime, "sys": r.ru_stime, "minflt": r.ru_minflt, "maxrss": r.ru_maxrss}


def used(before: dict[str, float], after: dict[str, float]) -> dict[str, float]:
    """CPU seconds and page faults between two ``usage()`` readings."""
    return {key: after[key] - before[key] for key in ("user", "sys", "minflt")}


def load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


# -- children: one ingest measurement each -------------------------------------------------
class StartUp:
    """Times, within a run, the call that makes the coder ready: ``Coder.load`` (1 process)
    or ``Client.register_plugin`` (Dask: a Coder loaded on every worker). It wraps the method
    on its class; the run itself is the unchanged ``run_ingest``."""

    def __init__(self, owner: type, method: str) -> None:
        self.calls: list[tuple[float, float]] = []  # (start, end), perf_counter
        raw = owner.__dict__[method]
        is_classmethod = isinstance(raw, classmethod)
        function = raw.__func__ if is_classmethod else raw

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            begin = now()
            try:
                return function(*args, **kwargs)
            finally:
                self.calls.append((begin, now()))

        setattr(owner, method, classmethod(wrapper) if is_classmethod else wrapper)


def ingest(paths: list[str], settings: Settings, startup: StartUp) -> dict[str, Any]:
    """run_ingest timed: in all, until the coder was ready, and at each stored batch."""
    from newsevents.pipeline import run_ingest

    progress: list[tuple[float, int]] = []
    startup.calls.clear()
    gc.collect()
    load_before = load()
    cpu_before = usage()
    start = now()
    summary = run_ingest(
        paths, settings, on_progress=lambda read, _: progress.append((now() - start, read))
    )
    seconds = now() - start
    cpu = used(cpu_before, usage())
    (begin, ready) = startup.calls[-1]
    return {
        "seconds": seconds,
        "startup_begin_s": begin - start,  # before it: store opened (and cluster started)
        "ready_s": ready - start,  # the coder is loaded (on every worker)
        "steady_s": seconds - (ready - start),
        "progress": progress,
        "counts": summary.counts(),
        "load_before": load_before,
        "load_after": load(),
        "cpu": cpu,  # of this process: the whole run for 1 process, the client for Dask
    }


def child_spacy(paths: list[str], directory: Path) -> dict[str, Any]:
    """Bare spaCy as ingest meets it: a fresh process, the model loaded, then a first pass
    over the clean texts (spaCy's first call and every new word's lexeme are paid here, as
    in every ingest run); then a second pass over the same texts (warm vocabulary)."""
    from newsevents.api import Coder

    load_s, coder = timed(lambda: Coder.load(Settings()))
    cleaned = [coder.clean(d) for d in read_inputs(paths) if isinstance(d, RawDocument)]
    texts = [a.text for a in cleaned if isinstance(a, Article)]
    out: dict[str, Any] = {
        "documents": len(cleaned),
        "articles": len(texts),
        "words": sum(len(t.split()) for t in texts),
        "model_load_s": load_s,
        "model": f"{coder.nlp.meta.get('lang')}_{coder.nlp.meta.get('name')} "
        f"{coder.nlp.meta.get('version')}",
    }
    for name in ("first", "second"):
        load_before, cpu_before = load(), usage()
        seconds, _ = timed(lambda: list(coder.nlp.pipe(texts, batch_size=BATCH_SIZE)))
        out[name] = {
            "seconds": seconds,
            "cpu": used(cpu_before, usage()),
            "load_before": load_before,
            "load_after": load(),
        }
    out["peak_mib"] = peak_mib()
    return out


def child_one(paths: list[str], directory: Path) -> dict[str, Any]:
    from newsevents.api import Coder

    startup = StartUp(Coder, "load")
    out = ingest(paths, Settings(db_path=directory / "one.duckdb", workers=1), startup)
    out["client_peak_mib"] = peak_mib()
    return out


def child_two(paths: list[str], directory: Path) -> dict[str, Any]:
    from distributed import Client

    from newsevents.scale import local_cluster  # the cluster ``ingest --workers`` starts

    startup = StartUp(Client, "register_plugin")
    cold = ingest(paths, Settings(db_path=directory / "cold.duckdb", workers=WORKERS), startup)
    cold["client_peak_mib"] = peak_mib()
    start = now()
    with local_cluster(WORKERS) as cluster, Client(cluster) as client:
        client.wait_for_workers(WORKERS)
        cluster_seconds = now() - start
        address = cluster.scheduler_address
        before = client.run(usage)
        warm = ingest(
            paths, Settings(db_path=directory / "warm.duckdb", scheduler=address), startup
        )
        after = client.run(usage)
        warm["worker_cpu"] = [used(before[w], after[w]) for w in sorted(after)]
        # a second run on the same cluster: its workers already hold a Coder
        again = ingest(
            paths, Settings(db_path=directory / "again.duckdb", scheduler=address), startup
        )
        after = client.run(usage)
        warm["worker_peak_mib"] = sorted(after[w]["maxrss"] / 1024 for w in after)
    warm["client_peak_mib"] = peak_mib()
    return {"cold": cold, "warm": warm, "again": again, "cluster_start_seconds": cluster_seconds}


def run_child(mode: str, paths: list[str], directory: Path) -> dict[str, Any]:
    """One measurement in a fresh Python process (its peak memory is its own)."""
    directory.mkdir(parents=True)
    out_file = directory / "result.json"
    command = [sys.executable, str(Path(__file__).resolve()), "--child", mode]
    command += ["--child-dir", str(directory), "--child-out", str(out_file)]
    for path in paths:
        command += ["--child-path", path]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise RuntimeError(f"scaling: the {mode!r} measurement failed ({done.returncode})")
    return json.loads(out_file.read_text())


# -- the run -------------------------------------------------------------------------------
def after_batch(progress: Sequence[Sequence[float]], skip: int) -> dict[str, float] | None:
    """Documents per second from the ``skip``-th stored batch to the last: the start-up and
    the first batch of each worker (spaCy's slow first call) left out."""
    if len(progress) <= skip or progress[-1][0] <= progress[skip - 1][0]:
        return None
    (t0, read0), (t1, read1) = progress[skip - 1], progress[-1]
    return {
        "from_batch": skip,
        "from_s": t0,
        "documents": read1 - read0,
        "seconds": t1 - t0,
        "docs_per_s": (read1 - read0) / (t1 - t0),
    }


def measure(args: argparse.Namespace) -> dict[str, Any]:
    documents, errors = read_corpus(args.corpus, args.limit)
    if not documents:
        raise SystemExit(f"scaling: no readable documents in {args.corpus}")
    rounds = []
    with tempfile.TemporaryDirectory(prefix="newsevents-scaling-") as tmp:
        directory = Path(tmp)
        paths = [str(args.corpus)]
        if args.limit is not None:
            subset = directory / "subset.jsonl"
            write_subset(documents, subset)
            paths = [str(subset)]
        for index in range(1, args.repeat + 1):
            spacy = run_child("spacy", paths, directory / f"round{index}-spacy")
            if not spacy["articles"]:
                raise SystemExit(f"scaling: every document in {args.corpus} was rejected")
            one = run_child("one", paths, directory / f"round{index}-one")
            two = run_child("two", paths, directory / f"round{index}-two")
            rounds.append({"spacy": spacy, "one": one, "two": two})
    first = rounds[0]["spacy"]
    return {
        "documents": len(documents),
        "read_errors": errors,
        "articles": first["articles"],
        "words": first["words"],
        "rounds": rounds,
    }


# -- results -------------------------------------------------------------------------------
def row(name: str, seconds: float, articles: int, words: int, **extra: Any) -> dict[str, Any]:
    return {
        "run": name,
        "seconds": seconds,
        "articles_per_s": articles / seconds,
        "words_per_s": words / seconds,
        **extra,
    }


def progress(r: dict[str, Any], key: str) -> list[list[float]]:
    """The (seconds, documents read) of each stored batch of one run of a round."""
    if key == "one":
        return r["one"]["progress"]
    return r["two"]["cold" if key == "two_cold" else "warm"]["progress"]


def summarise(args: argparse.Namespace, m: dict[str, Any]) -> dict[str, Any]:
    rounds = m["rounds"]
    n, words = m["articles"], m["words"]

    def best(get: Callable[[dict[str, Any]], float]) -> float:
        """The lowest value over the rounds."""
        return min(get(r) for r in rounds)

    spacy = best(lambda r: r["spacy"]["first"]["seconds"])  # the reference
    spacy_warm = best(lambda r: r["spacy"]["second"]["seconds"])
    one = best(lambda r: r["one"]["seconds"])
    one_steady = best(lambda r: r["one"]["steady_s"])
    cold = best(lambda r: r["two"]["cold"]["seconds"])
    cold_steady = best(lambda r: r["two"]["cold"]["steady_s"])
    warm = best(lambda r: r["two"]["warm"]["seconds"])
    warm_steady = best(lambda r: r["two"]["warm"]["steady_s"])
    again = best(lambda r: r["two"]["again"]["seconds"])
    rows = [
        row("bare spaCy, first pass", spacy, n, words, vs_spacy=1.0, vs_one=None),
        row(
            "bare spaCy, second pass",
            spacy_warm,
            n,
            words,
            vs_spacy=spacy / spacy_warm,
            vs_one=None,
        ),
        row("1 process, end to end", one, n, words, vs_spacy=spacy / one, vs_one=1.0),
        row(
            "1 process, after Coder.load",
            one_steady,
            n,
            words,
            vs_spacy=spacy / one_steady,
            vs_one=1.0,
        ),
        row(
            f"{WORKERS} workers cold, end to end",
            cold,
            n,
            words,
            vs_spacy=spacy / cold,
            vs_one=one / cold,
        ),
        row(
            f"{WORKERS} workers warm, end to end",
            warm,
            n,
            words,
            vs_spacy=spacy / warm,
            vs_one=one / warm,
        ),
        row(
            f"{WORKERS} workers warm, 2nd run, end to end",
            again,
            n,
            words,
            vs_spacy=spacy / again,
            vs_one=one / again,
        ),
        row(
            f"{WORKERS} workers cold, after plugin loaded",
            cold_steady,
            n,
            words,
            vs_spacy=spacy / cold_steady,
            vs_one=one_steady / cold_steady,
        ),
        row(
            f"{WORKERS} workers warm, after plugin loaded",
            warm_steady,
            n,
            words,
            vs_spacy=spacy / warm_steady,
            vs_one=one_steady / warm_steady,
        ),
    ]
    startup = {
        "one_model_load_s": best(lambda r: r["one"]["ready_s"]),
        "cold_until_plugin_s": best(lambda r: r["two"]["cold"]["startup_begin_s"]),
        "cold_ready_s": best(lambda r: r["two"]["cold"]["ready_s"]),
        "warm_until_plugin_s": best(lambda r: r["two"]["warm"]["startup_begin_s"]),
        "warm_ready_s": best(lambda r: r["two"]["warm"]["ready_s"]),
        "again_ready_s": best(lambda r: r["two"]["again"]["ready_s"]),
        "cluster_start_s": best(lambda r: r["two"]["cluster_start_seconds"]),
        "spacy_model_load_s": best(lambda r: r["spacy"]["model_load_s"]),
    }
    last = rounds[-1]

    def fastest(key: str, skip: int) -> dict[str, float] | None:
        """The round with the highest rate after the ``skip``-th stored batch."""
        rates = [after_batch(progress(r, key), skip) for r in rounds]
        found = [rate for rate in rates if rate]
        return max(found, key=lambda rate: rate["docs_per_s"]) if found else None

    flow = {
        "one": fastest("one", 1),
        "two_cold": fastest("two_cold", WORKERS),
        "two_warm": fastest("two_warm", WORKERS),
    }
    worker_mib = max(max(r["two"]["warm"]["worker_peak_mib"]) for r in rounds)
    memory = {
        "worker_peak_mib": [r["two"]["warm"]["worker_peak_mib"] for r in rounds],
        "client_peak_mib": max(r["two"]["warm"]["client_peak_mib"] for r in rounds),
        "client_peak_mib_after_cold": max(r["two"]["cold"]["client_peak_mib"] for r in rounds),
        "one_process_peak_mib": max(r["one"]["client_peak_mib"] for r in rounds),
        "bare_spacy_peak_mib": max(r["spacy"]["peak_mib"] for r in rounds),
        # ru_maxrss survives fork and exec: no child can report less than this
        "this_process_peak_mib": peak_mib(),
    }

    def least_cpu(get: Callable[[dict[str, Any]], list[dict[str, float]]]) -> dict[str, float]:
        """CPU of the round that used least, summed over processes, per article too."""
        totals = []
        for r in rounds:
            parts = get(r)
            user = sum(part["user"] for part in parts)
            system = sum(part["sys"] for part in parts)
            faults = sum(part["minflt"] for part in parts)
            totals.append({"user": user, "sys": system, "cpu": user + system, "minflt": faults})
        chosen = min(totals, key=lambda t: t["cpu"])
        return {
            **chosen,
            "cpu_per_article": chosen["cpu"] / n,
            "sys_share": chosen["sys"] / chosen["cpu"],
        }

    cpu = {
        "bare spaCy, first pass": least_cpu(lambda r: [r["spacy"]["first"]["cpu"]]),
        "bare spaCy, second pass": least_cpu(lambda r: [r["spacy"]["second"]["cpu"]]),
        "1 process (whole run)": least_cpu(lambda r: [r["one"]["cpu"]]),
        f"{WORKERS} workers warm: workers": least_cpu(lambda r: r["two"]["warm"]["worker_cpu"]),
        f"{WORKERS} workers warm: client": least_cpu(lambda r: [r["two"]["warm"]["cpu"]]),
    }
    # capacity: per-worker steady throughput in words, for articles as long as this corpus's
    per_worker_words = words / warm_steady / WORKERS
    words_per_article = words / n
    needed_words = ARTICLES_PER_DAY * words_per_article / SECONDS_PER_DAY
    workers_needed = needed_words / per_worker_words
    capacity = {
        "articles_per_day": ARTICLES_PER_DAY,
        "words_per_article": words_per_article,
        "needed_articles_per_s": ARTICLES_PER_DAY / SECONDS_PER_DAY,
        "needed_words_per_s": needed_words,
        "per_worker_articles_per_s": n / warm_steady / WORKERS,
        "per_worker_words_per_s": per_worker_words,
        "per_worker_articles_per_day": per_worker_words / words_per_article * SECONDS_PER_DAY,
        "workers_needed": workers_needed,
        "machines_needed": math.ceil(workers_needed / WORKERS),
        "headroom": HEADROOM,
        "workers_needed_with_headroom": workers_needed / HEADROOM,
        "machines_needed_with_headroom": math.ceil(workers_needed / HEADROOM / WORKERS),
    }

    def check(target: str, value: float, met: bool) -> dict[str, Any]:
        return {"target": target, "value": value, "met": met}

    low = TARGETS["one_vs_spacy"]
    high = TARGETS["two_vs_one"]
    checks = [
        check(
            f"1 process >= {low}x bare spaCy, after Coder.load",
            spacy / one_steady,
            spacy / one_steady >= low,
        ),
        check(f"1 process >= {low}x bare spaCy, end to end", spacy / one, spacy / one >= low),
        check(
            f"{WORKERS} workers >= {high}x 1 process, warm, after plugin loaded",
            one_steady / warm_steady,
            one_steady / warm_steady >= high,
        ),
        check(
            f"{WORKERS} workers >= {high}x 1 process, warm, end to end",
            one / warm,
            one / warm >= high,
        ),
        check(
            f"{WORKERS} workers >= {high}x 1 process, cold, end to end",
            one / cold,
            one / cold >= high,
        ),
        check("peak RSS per worker <= 1024 MiB", worker_mib, worker_mib <= TARGETS["worker_mib"]),
    ]
    counts = {
        "one": [r["one"]["counts"] for r in rounds],
        "two_cold": [r["two"]["cold"]["counts"] for r in rounds],
        "two_warm": [r["two"]["warm"]["counts"] for r in rounds],
    }
    import spacy as spacy_module

    return {
        "corpus": str(args.corpus),
        "limit": args.limit,
        "repeat": args.repeat,
        "model": rounds[0]["spacy"]["model"],
        "environment": {
            "python": platform.python_version(),
            "spacy": spacy_module.__version__,
            "machine": platform.machine(),
            "cpus": os.cpu_count(),
        },
        "documents": m["documents"],
        "read_errors": m["read_errors"],
        "articles": n,
        "words": words,
        "rows": rows,
        "startup": startup,
        "after_first_batches": flow,
        "memory": memory,
        "cpu": cpu,
        "capacity": capacity,
        "targets": checks,
        "counts": counts,
        "rounds": [
            {
                "spacy": r["spacy"],
                "one": {k: v for k, v in r["one"].items() if k != "progress"},
                "two_cold": {k: v for k, v in r["two"]["cold"].items() if k != "progress"},
                "two_warm": {k: v for k, v in r["two"]["warm"].items() if k != "progress"},
                "cluster_start_s": r["two"]["cluster_start_seconds"],
            }
            for r in rounds
        ],
        "progress_last_round": {
            "one": last["one"]["progress"],
            "two_cold": last["two"]["cold"]["progress"],
            "two_warm": last["two"]["warm"]["progress"],
        },
    }


def print_report(out: dict[str, Any]) -> None:
    print(f"corpus: {out['corpus']}  (best of {out['repeat']} round(s); model {out['model']})")
    print(
        f"{out['documents']} documents, {out['articles']} articles, {out['words']:,} words "
        f"({out['words'] / out['articles']:.0f} words/article)"
    )
    up = out["startup"]
    print(
        f"start-up: 1 process Coder.load {up['one_model_load_s']:.2f} s "
        f"({up['spacy_model_load_s']:.2f} s in the bare-spaCy process); cold {WORKERS} workers "
        f"cluster up after {up['cold_until_plugin_s']:.2f} s, Coder on every worker after "
        f"{up['cold_ready_s']:.2f} s; warm {WORKERS} workers Coder on every worker after "
        f"{up['warm_ready_s']:.2f} s; a LocalCluster alone starts in "
        f"{up['cluster_start_s']:.2f} s"
    )
    print()
    print(f"{'run':<40}{'seconds':>9}{'art/s':>8}{'words/s':>9}{'x spaCy':>9}{'x 1 proc':>10}")
    for r in out["rows"]:
        vs_one = "" if r["vs_one"] is None else f"{r['vs_one']:.2f}"
        print(
            f"{r['run']:<40}{r['seconds']:>9.2f}{r['articles_per_s']:>8.2f}"
            f"{r['words_per_s']:>9,.0f}{r['vs_spacy']:>9.2f}{vs_one:>10}"
        )
    print()
    spacy_rate = out["articles"] / out["rows"][0]["seconds"]
    for name, flow in out["after_first_batches"].items():
        if flow:
            print(
                f"{name}: stored batch {flow['from_batch']} after {flow['from_s']:.2f} s, then "
                f"{flow['documents']} docs in {flow['seconds']:.2f} s = "
                f"{flow['docs_per_s']:.2f} docs/s ({flow['docs_per_s'] / spacy_rate:.2f}x spaCy)"
            )
    mem = out["memory"]
    workers = ", ".join(f"{w:.0f}" for r in mem["worker_peak_mib"] for w in r)
    print()
    print(f"peak RSS per worker (MiB): {workers}")
    print(
        f"peak RSS of the {WORKERS}-worker client process (MiB): {mem['client_peak_mib']:.0f} "
        f"({mem['client_peak_mib_after_cold']:.0f} after the cold run); 1-process ingest: "
        f"{mem['one_process_peak_mib']:.0f}; bare spaCy process: {mem['bare_spacy_peak_mib']:.0f}; "
        f"this process (a floor for the children's figures): {mem['this_process_peak_mib']:.0f}"
    )
    print()
    print(f"{'CPU (user+sys), least of the rounds':<36}{'cpu s':>8}{'sys':>7}{'s/article':>11}")
    for name, c in out["cpu"].items():
        print(f"{name:<36}{c['cpu']:>8.2f}{c['sys_share']:>7.0%}{c['cpu_per_article']:>11.3f}")
    cap = out["capacity"]
    print()
    print(
        f"{cap['articles_per_day']:,} articles/day of {cap['words_per_article']:.0f} words = "
        f"{cap['needed_articles_per_s']:.2f} articles/s = {cap['needed_words_per_s']:,.0f} "
        f"words/s; one worker does {cap['per_worker_words_per_s']:,.0f} words/s "
        f"({cap['per_worker_articles_per_day']:,.0f} articles/day) -> "
        f"{cap['workers_needed']:.2f} workers, {cap['machines_needed']} machine(s); at "
        f"{cap['headroom']:.0%} load {cap['workers_needed_with_headroom']:.2f} workers, "
        f"{cap['machines_needed_with_headroom']} machine(s)"
    )
    print()
    for item in out["targets"]:
        verdict = "met" if item["met"] else "NOT met"
        print(f"target {item['target']}: {item['value']:.2f} -> {verdict}")
    for name, per_round in out["counts"].items():
        print(f"counts {name}: {per_round}")
    print("load averages (1, 5, 15 min) before -> after, per round:")
    for i, r in enumerate(out["rounds"], start=1):
        print(
            f"  round {i}: spaCy {r['spacy']['first']['load_before']}->"
            f"{r['spacy']['second']['load_after']}, "
            f"1 proc {r['one']['load_before']}->{r['one']['load_after']}, "
            f"{WORKERS} cold {r['two_cold']['load_before']}->{r['two_cold']['load_after']}, "
            f"{WORKERS} warm {r['two_warm']['load_before']}->{r['two_warm']['load_after']}"
        )


# -- main ----------------------------------------------------------------------------------
def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.child:
        run = {"spacy": child_spacy, "one": child_one, "two": child_two}[args.child]
        out = run(args.child_path, args.child_dir)
        args.child_out.write_text(json.dumps(out))
        return 0
    if not args.corpus.exists():
        print(f"scaling: corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    out = summarise(args, measure(args))
    if args.json:
        print(json.dumps(out, indent=2))
    else:
        print_report(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
