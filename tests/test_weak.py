"""Weak supervision (training/weak.py): which corpus sentences become training data."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import pytest

TRAINING = Path(__file__).resolve().parent.parent / "training"


@pytest.fixture(scope="module")
def weak():
    sys.path.insert(0, str(TRAINING))
    try:
        import weak
    finally:
        sys.path.remove(str(TRAINING))
    return weak


def test_only_sentences_whose_every_event_is_whole_and_asserted_are_kept(weak, coder) -> None:
    text = (
        "Kenya imposed sanctions on Uganda on Monday over the border dispute. "
        "Kenya may impose more sanctions on Uganda next year. "
        "Kenya recalled its ambassador to Uganda. "
        "The weather in Nairobi was mild."
    )
    records = weak.confident_sentences(coder, [("d1", text, "2024-03-04")])
    # the hedged sanctions and the recall with no target found are left out
    assert [r["text"] for r in records] == [
        "Kenya imposed sanctions on Uganda on Monday over the border dispute."
    ]
    [event] = records[0]["events"]
    assert (event["source"], event["target"], event["modality"]) == ("Kenya", "Uganda", "asserted")
    assert event["cameo"].startswith("16") and event["trigger"] in records[0]["text"]


def test_articles_a_gold_set_scores_are_left_out(weak, tmp_path) -> None:
    shared = tmp_path / "shared"
    (shared / "gold").mkdir(parents=True)
    (shared / "corpus" / "reuters").mkdir(parents=True)
    (shared / "corpus" / "wikinews").mkdir(parents=True)
    scored = {"documents": [{"url": "https://example.org/scored"}]}
    (shared / "gold" / "wikinews_2019_dev_a.json").write_text(json.dumps(scored))
    reuters = shared / "corpus" / "reuters" / "reuters21578_intl_political_subset.jsonl"
    reuters.write_text(json.dumps({"newid": 7, "body": "Japan  protested\nto China."}) + "\n")
    with (shared / "corpus" / "wikinews" / "wikinews_2019.csv").open("w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["url", "date", "title", "text"])
        writer.writerow(["https://example.org/scored", "2019-01-02", "t", "Scored text."])
        writer.writerow(["https://example.org/free", "2019-01-03", "t", "Free text."])
    documents = list(weak.corpus_documents(shared))
    assert documents == [
        ("reuters-7", "Japan protested to China.", None),
        ("wikinews-1", "Free text.", "2019-01-03"),
    ]
