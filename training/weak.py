"""Weak supervision: the patterns' confident events on the Reuters and Wikinews corpora in
../shared/corpus, as training sentences for the event model.

A sentence is kept only when the patterns (no model) code every event on it with a source,
a target and asserted modality: a pattern's event with no target, or a hedged one, says the
patterns did not see the whole sentence, and teaching the model from half-read sentences
would teach it to miss targets. Sentences with no pattern event are not used as negatives:
the patterns miss too much for their silence to mean "no event". Wikinews articles that
any gold set scores (its tune or its check half) are left out.

    python training/weak.py --out build/weak.jsonl      # writes FORMAT.md records
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
GOLD_DOCUMENT_SETS = ("wikinews_2019_dev_a.json", "wikinews_2019_dev_b.json")


def corpus_documents(shared: Path) -> Iterator[tuple[str, str, str | None]]:
    """(doc id, text, date) of every corpus article no gold set scores."""
    scored = set()
    for name in GOLD_DOCUMENT_SETS:
        path = shared / "gold" / name
        if path.is_file():
            scored |= {doc.get("url") for doc in json.loads(path.read_text())["documents"]}
    reuters = shared / "corpus" / "reuters" / "reuters21578_intl_political_subset.jsonl"
    for line in reuters.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        yield f"reuters-{record['newid']}", " ".join(record.get("body", "").split()), None
    csv.field_size_limit(sys.maxsize)
    with (shared / "corpus" / "wikinews" / "wikinews_2019.csv").open(encoding="utf-8") as f:
        for n, row in enumerate(csv.DictReader(f)):
            if row["url"] not in scored:
                yield f"wikinews-{n}", row["text"], row["date"]


def confident_sentences(coder: Any, documents: list[tuple[str, str, str | None]]) -> list[dict]:
    """FORMAT.md records of the sentences whose every pattern event is whole and asserted."""
    from datetime import date

    from newsevents.clean import clean_document
    from newsevents.records import RawDocument, Rejection

    articles = []
    for doc_id, text, day in documents:
        raw = RawDocument(doc_id=doc_id, origin=f"corpus:{doc_id}", content=text, kind="text")
        when = date.fromisoformat(day) if day else None
        article = clean_document(raw, when, coder.settings.max_chars)
        if not isinstance(article, Rejection):
            articles.append(article)
    by_sentence: dict[tuple[str, str], list[Any]] = {}
    for article, events in coder.code_articles(articles):
        for event in events:
            by_sentence.setdefault((article.doc_id, event.evidence.text), []).append(event)
    records = []
    for (doc_id, text), events in by_sentence.items():
        if not all(_whole(e, text) for e in events):
            continue
        records.append(
            {
                "id": f"weak-{doc_id}-{len(records)}",
                "text": text,
                "events": [_record(e) for e in events],
            }
        )
    return records


def _whole(event: Any, text: str) -> bool:
    return (
        event.target is not None
        and event.modality == "asserted"
        and event.source.text in text
        and event.target.text in text
        and event.evidence.trigger in text
        and 8 <= len(text.split()) <= 60
    )


def _record(event: Any) -> dict[str, Any]:
    return {
        "trigger": event.evidence.trigger,
        "source": event.source.text,
        "target": event.target.text,
        "cameo": event.cameo,
        "modality": event.modality,
        "joint": False,
        "attributed_to": None,
    }


def main(argv: list[str] | None = None) -> int:
    from newsevents.api import Coder
    from newsevents.config import Settings

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "weak.jsonl")
    args = parser.parse_args(argv)
    coder = Coder.load(Settings(use_model=False))
    records = confident_sentences(coder, list(corpus_documents(args.shared)))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as f:
        for record in records:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    events = sum(len(r["events"]) for r in records)
    print(f"{len(records)} sentences, {events} events -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
