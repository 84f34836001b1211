"""What each stage of the coder costs, measured against bare spaCy on the same texts.

One run times, on the same corpus:

    clean    clean_document over the raw documents
    spacy    list(nlp.pipe(texts, batch_size=32)) -- the reference
    records  doc_to_records over those Docs (parse_articles minus spaCy)
    actors   find_mentions over every sentence of every parsed article (article date as day)
    events   code_events given those mentions, patterns only
    model    what the learned event model adds to code_events (its two passes and the
             combination): code_events with the model, less the events stage (0 when no
             model ships)
    store    Store.write_batch of the coded articles into a fresh temporary DuckDB file,
             Settings.batch_size articles per transaction as ingest does, plus closing it

Stages 3-5 reuse the records of one parse, so spaCy is timed once. With ``--repeat K`` each
stage keeps the best (lowest) of K rounds, which removes most of the noise of a shared
machine. Usage (from the repository root):

    .venv/bin/python benchmarks/stage_costs.py
    .venv/bin/python benchmarks/stage_costs.py --corpus newsevents/samples --repeat 5 --json
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from newsevents.actors import find_mentions
from newsevents.api import Coder
from newsevents.config import Settings
from newsevents.events import code_events
from newsevents.ingest import read_inputs
from newsevents.nlp import doc_to_records, parse_articles
from newsevents.records import Article, Event, Mention, ParsedArticle, RawDocument, Rejection
from newsevents.store import Store

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared/corpus/wikinews/wikinews_2019.csv"
BATCH_SIZE = 32
WARMUP_TEXTS = 8
STAGES = ("clean", "spacy", "records", "actors", "events", "model", "store")
TARGETS = {"actors": 0.10, "events": 0.15}  # stage time / bare spaCy time, at most
TOTAL_TARGET = 1.6  # the whole coder with the model / bare spaCy time, at most

T = TypeVar("T")
Mentions = list[list[Mention]]


@dataclass
class Counts:
    """Sizes of the corpus and of what the coder found in it (the same in every round)."""

    documents: int = 0
    read_errors: int = 0
    rejected: int = 0
    articles: int = 0
    words: int = 0
    sentences: int = 0
    tokens: int = 0
    mentions: int = 0
    events: int = 0


@dataclass
class Round:
    """Seconds per stage of one round, and the counts it saw."""

    seconds: dict[str, float] = field(default_factory=dict)
    counts: Counts = field(default_factory=Counts)


# -- inputs --------------------------------------------------------------------------------
def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--corpus", type=Path, default=DEFAULT_CORPUS, help="a file or directory of documents"
    )
    parser.add_argument("--limit", type=int, default=None, help="use the first N documents")
    parser.add_argument("--repeat", type=int, default=3, help="best of K rounds per stage")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument(
        "--model-threads", type=int, default=1, help="ONNX Runtime threads for the model"
    )
    parser.add_argument(
        "--check-parse",
        action="store_true",
        help="also time parse_articles end to end (runs spaCy once more per round)",
    )
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if args.limit is not None and args.limit < 1:
        parser.error("--limit must be at least 1")
    return args


def read_corpus(path: Path, limit: int | None) -> tuple[list[RawDocument], int]:
    """The raw documents under ``path`` (the first ``limit``), and how many failed to read."""
    documents: list[RawDocument] = []
    errors = 0
    for item in read_inputs([str(path)]):
        if isinstance(item, RawDocument):
            documents.append(item)
            if limit is not None and len(documents) >= limit:
                break
        else:
            errors += 1
    return documents, errors


# -- timing --------------------------------------------------------------------------------
def timed(function: Callable[[], T]) -> tuple[float, T]:
    """Seconds taken by ``function()`` (after a garbage collection), and its result."""
    gc.collect()
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


# -- stages --------------------------------------------------------------------------------
def clean_all(coder: Coder, documents: Sequence[RawDocument]) -> list[Article | Rejection]:
    return [coder.clean(document) for document in documents]


def spacy_docs(nlp: Any, texts: Sequence[str]) -> list[Any]:
    return list(nlp.pipe(texts, batch_size=BATCH_SIZE))


def to_records(docs: Sequence[Any], articles: Sequence[Article]) -> list[ParsedArticle]:
    parsed = []
    for doc, article in zip(docs, articles, strict=True):
        sentences, tokens = doc_to_records(doc)
        parsed.append(ParsedArticle(article=article, sentences=sentences, tokens=tokens))
    return parsed


def resolve_actors(coder: Coder, parsed: Sequence[ParsedArticle]) -> list[Mentions]:
    return [
        [find_mentions(sentence, coder.kb, p.article.published) for sentence in p.sentences]
        for p in parsed
    ]


def code_all(
    coder: Coder,
    parsed: Sequence[ParsedArticle],
    mentions: Sequence[Mentions],
    with_model: bool = False,
) -> list[list[Event]]:
    model = coder.model if with_model else None
    return [
        code_events(p, m, coder.patterns, coder.codes, model=model, use=coder.model_use)
        for p, m in zip(parsed, mentions, strict=True)
    ]


def open_store(directory: Path, name: str) -> tuple[Store, str]:
    """A new store file with a run started (migrations and the run record are not timed)."""
    store = Store(directory / f"{name}.duckdb")
    return store, store.start_run("benchmarks/stage_costs.py", {})


def write_store(
    store: Store, run_id: str, coded: Sequence[tuple[Article, list[Event]]], batch: int
) -> None:
    """Write ``batch`` articles per transaction, as ingest does, then close (DuckDB
    checkpoints on close)."""
    for start in range(0, len(coded), batch):
        store.write_batch(run_id, coded[start : start + batch])
    store.close()


def full_parse(coder: Coder, articles: Sequence[Article]) -> list[ParsedArticle]:
    return list(parse_articles(articles, coder.nlp, BATCH_SIZE))


# -- one round -----------------------------------------------------------------------------
def run_round(
    coder: Coder, documents: Sequence[RawDocument], directory: Path, index: int, check: bool
) -> Round:
    result = Round()
    result.seconds["clean"], cleaned = timed(lambda: clean_all(coder, documents))
    articles = [a for a in cleaned if isinstance(a, Article)]
    texts = [a.text for a in articles]
    result.seconds["spacy"], docs = timed(lambda: spacy_docs(coder.nlp, texts))
    result.seconds["records"], parsed = timed(lambda: to_records(docs, articles))
    result.seconds["actors"], mentions = timed(lambda: resolve_actors(coder, parsed))
    result.seconds["events"], events = timed(lambda: code_all(coder, parsed, mentions))
    with_model = 0.0
    if coder.model is not None:
        with_model, events = timed(lambda: code_all(coder, parsed, mentions, True))
    result.seconds["model"] = max(0.0, with_model - result.seconds["events"]) if with_model else 0.0
    coded = list(zip(articles, events, strict=True))
    store, run_id = open_store(directory, f"round{index}")
    result.seconds["store"], _ = timed(
        lambda: write_store(store, run_id, coded, coder.settings.batch_size)
    )
    if check:
        result.seconds["parse_articles"], _ = timed(lambda: full_parse(coder, articles))
    result.counts = count(documents, cleaned, parsed, mentions, events)
    return result


def count(
    documents: Sequence[RawDocument],
    cleaned: Sequence[Article | Rejection],
    parsed: Sequence[ParsedArticle],
    mentions: Sequence[Mentions],
    events: Sequence[list[Event]],
) -> Counts:
    return Counts(
        documents=len(documents),
        rejected=sum(isinstance(a, Rejection) for a in cleaned),
        articles=len(parsed),
        words=sum(len(p.article.text.split()) for p in parsed),
        sentences=sum(len(p.sentences) for p in parsed),
        tokens=sum(len(p.tokens) for p in parsed),
        mentions=sum(len(s) for m in mentions for s in m),
        events=sum(len(e) for e in events),
    )


def warm_up(coder: Coder, documents: Sequence[RawDocument], directory: Path) -> None:
    """Run every stage once, untimed, on a few documents (spaCy's first batch is slow)."""
    run_round(coder, documents[:WARMUP_TEXTS], directory, index=0, check=False)


# -- results -------------------------------------------------------------------------------
def best_of(rounds: Sequence[Round]) -> dict[str, float]:
    return {stage: min(r.seconds[stage] for r in rounds) for stage in rounds[0].seconds}


def spread(rounds: Sequence[Round], stage: str) -> float:
    """(slowest - fastest) / fastest over the rounds: how noisy this stage's timing was."""
    times = [r.seconds[stage] for r in rounds]
    return (max(times) - min(times)) / min(times) if min(times) else 0.0


def stage_rows(rounds: Sequence[Round], counts: Counts) -> list[dict[str, Any]]:
    best = best_of(rounds)
    total = sum(best[stage] for stage in STAGES)
    rows = []
    for stage in STAGES:
        seconds = best[stage]
        rows.append(
            {
                "stage": stage,
                "seconds": seconds,
                "articles_per_s": counts.articles / seconds if seconds else None,
                "words_per_s": counts.words / seconds if seconds else None,
                "ratio_to_spacy": seconds / best["spacy"],
                "share_of_total": seconds / total,
                "spread": spread(rounds, stage),
            }
        )
    rows.append(
        {
            "stage": "total",
            "seconds": total,
            "articles_per_s": counts.articles / total,
            "words_per_s": counts.words / total,
            "ratio_to_spacy": total / best["spacy"],
            "share_of_total": 1.0,
            "spread": None,
        }
    )
    return rows


def target_checks(best: dict[str, float]) -> list[dict[str, Any]]:
    limits = dict(TARGETS)
    ratios = {stage: best[stage] / best["spacy"] for stage in TARGETS}
    if best.get("model"):
        limits["total"] = TOTAL_TARGET
        ratios["total"] = sum(best[stage] for stage in STAGES) / best["spacy"]
    return [
        {
            "stage": stage,
            "ratio_to_spacy": ratios[stage],
            "target": limit,
            "met": ratios[stage] <= limit,
        }
        for stage, limit in limits.items()
    ]


def machine() -> dict[str, Any]:
    import spacy

    return {
        "python": platform.python_version(),
        "spacy": spacy.__version__,
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
    }


def results(
    args: argparse.Namespace, coder: Coder, rounds: Sequence[Round], errors: int
) -> dict[str, Any]:
    best = best_of(rounds)
    counts = rounds[0].counts
    counts.read_errors = errors
    meta = coder.nlp.meta
    out: dict[str, Any] = {
        "corpus": str(args.corpus),
        "limit": args.limit,
        "repeat": args.repeat,
        "model": f"{meta.get('lang')}_{meta.get('name')} {meta.get('version')}",
        "environment": machine(),
        "counts": vars(counts),
        "stages": stage_rows(rounds, counts),
        "targets": target_checks(best),
        "all_rounds": [r.seconds for r in rounds],
    }
    if "parse_articles" in best:
        out["parse_articles"] = {
            "seconds": best["parse_articles"],
            "minus_spacy": best["parse_articles"] - best["spacy"],
        }
    return out


def print_report(out: dict[str, Any]) -> None:
    counts = out["counts"]
    print(f"corpus: {out['corpus']}  (best of {out['repeat']} rounds; model {out['model']})")
    print(
        f"{counts['documents']} documents, {counts['rejected']} rejected, "
        f"{counts['articles']} articles, {counts['words']:,} words, "
        f"{counts['sentences']:,} sentences, {counts['mentions']:,} mentions, "
        f"{counts['events']:,} events"
    )
    print()
    header = f"{'stage':<9}{'seconds':>9}{'articles/s':>12}{'words/s':>11}{'x spaCy':>9}"
    print(f"{header}{'share':>8}{'spread':>8}")
    for row in out["stages"]:
        if not row["seconds"]:
            continue  # the model stage when no model ships
        noise = "" if row["spread"] is None else f"{row['spread']:.0%}"
        print(
            f"{row['stage']:<9}{row['seconds']:>9.3f}{row['articles_per_s']:>12,.0f}"
            f"{row['words_per_s']:>11,.0f}{row['ratio_to_spacy']:>9.3f}"
            f"{row['share_of_total']:>8.1%}{noise:>8}"
        )
    if "parse_articles" in out:
        check = out["parse_articles"]
        print(
            f"\nparse_articles end to end: {check['seconds']:.3f} s "
            f"(minus bare spaCy: {check['minus_spacy']:+.3f} s)"
        )
    print()
    for check in out["targets"]:
        verdict = "met" if check["met"] else "NOT met"
        print(
            f"target {check['stage']} <= {check['target']:.0%} of spaCy: "
            f"{check['ratio_to_spacy']:.1%} -> {verdict}"
        )


# -- main ----------------------------------------------------------------------------------
def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if not args.corpus.exists():
        print(f"stage_costs: corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    documents, errors = read_corpus(args.corpus, args.limit)
    if not documents:
        print(f"stage_costs: no readable documents in {args.corpus}", file=sys.stderr)
        return 2
    coder = Coder.load(Settings(model_threads=args.model_threads))
    with tempfile.TemporaryDirectory(prefix="newsevents-bench-") as tmp:
        directory = Path(tmp)
        warm_up(coder, documents, directory)
        rounds = [
            run_round(coder, documents, directory, index, args.check_parse)
            for index in range(1, args.repeat + 1)
        ]
    if rounds[0].counts.articles == 0:
        print(f"stage_costs: every document in {args.corpus} was rejected", file=sys.stderr)
        return 2
    out = results(args, coder, rounds, errors)
    if args.json:
        print(json.dumps(out, indent=2))
    else:
        print_report(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
