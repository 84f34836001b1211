"""Run the event model on sentences and score it on the span sets' tune and check halves
(figures only), with the project's own span scorer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import torch
from roles import (
    CLS,
    MARK_END,
    MARK_START,
    MODALITIES,
    PLOVER,
    ROLE_LABELS,
    ROOTS,
    SEP,
    TRIGGER_LABELS,
)

from newsevents.events.codes import quad_class_of
from newsevents.events.learned import MAX_PIECES

BATCH = 32


def spans_from(probs, names: tuple[str, ...]):
    """(tag, first, last, mean 1 - P(O)) runs of pieces that are not O, as the runtime
    decodes them."""
    import numpy as np

    from newsevents.events.learned import label_runs

    return label_runs(np.asarray(probs), names)


def _run(model, rows: list[list[int]]):
    width = max(len(r) for r in rows)
    ids = torch.zeros((len(rows), width), dtype=torch.long)
    mask = torch.zeros((len(rows), width), dtype=torch.long)
    for n, r in enumerate(rows):
        ids[n, : len(r)] = torch.tensor(r)
        mask[n, : len(r)] = 1
    states = model.encoder(input_ids=ids, attention_mask=mask).last_hidden_state
    return states


@torch.no_grad()
def predict(
    model, tokenizer, texts: list[str], threshold: float = 0.5
) -> dict[str, list[dict[str, Any]]]:
    model.eval()
    encoded = [tokenizer.encode(t, add_special_tokens=False) for t in texts]
    pieces = [
        (list(e.ids[:MAX_PIECES]), list(e.offsets[:MAX_PIECES])) for e in encoded
    ]  # no padding (see load_model)
    triggers: list[tuple[int, int, int, str, float]] = []  # text index, first, last, root, prob
    for start in range(0, len(texts), BATCH):
        rows = [[CLS, *ids, SEP] for ids, _ in pieces[start : start + BATCH]]
        probs = model.trigger(_run(model, rows)).softmax(-1)
        for n, row in enumerate(rows):
            for tag, a, b, p in spans_from(probs[n, 1 : len(row) - 1].tolist(), TRIGGER_LABELS):
                if p >= threshold:
                    triggers.append((start + n, a, b, tag, p))
    events: dict[str, list[dict[str, Any]]] = {t: [] for t in texts}
    for start in range(0, len(triggers), BATCH):
        chunk = triggers[start : start + BATCH]
        rows, marks = [], []
        for index, a, b, _, _ in chunk:
            ids = pieces[index][0]
            rows.append([CLS, *ids[:a], MARK_START, *ids[a : b + 1], MARK_END, *ids[b + 1 :], SEP])
            marks.append(a + 1)
        states = _run(model, rows)
        role_probs = model.role(states).softmax(-1)
        marker = states[torch.arange(len(rows)), torch.tensor(marks)]
        roots = model.root(marker).argmax(-1).tolist()
        plovers = model.plover(marker).argmax(-1).tolist()
        modalities = model.modality(marker).argmax(-1).tolist()
        for n, (index, a, b, _, p) in enumerate(chunk):
            text, offsets = texts[index], pieces[index][1]
            # positions in the marked row -> positions in the plain pieces
            plain = [i for i in range(1, len(rows[n]) - 1) if i != a + 1 and i != b + 3]
            roles = {}
            for tag, first, last, q in spans_from(role_probs[n][plain].tolist(), ROLE_LABELS):
                if tag not in roles or q > roles[tag][2]:
                    roles[tag] = (first, last, q)
            if "SRC" not in roles:
                continue

            root = ROOTS[roots[n]]
            plover = PLOVER[plovers[n]]
            target = _span_text(text, offsets, roles, "TGT")
            events[text].append(
                {
                    "source": {"text": _span_text(text, offsets, roles, "SRC"), "code": "X"},
                    "target": {"text": target, "code": "X"} if target else None,
                    "cameo": root + "0",
                    "cameo_root": root,
                    "plover": None if plover == "NONE" else plover,
                    "quad_class": quad_class_of(root),
                    "modality": MODALITIES[modalities[n]],
                    "confidence": p,
                    "trigger": text[offsets[a][0] : offsets[b][1]],
                }
            )
    for text in events:
        events[text].sort(key=lambda e: -e["confidence"])
    return events


def _span_text(text: str, offsets, roles: dict, tag: str) -> str | None:
    if tag not in roles:
        return None
    first, last, _ = roles[tag]
    return text[offsets[first][0] : offsets[last][1]]


def evaluate_span_sets(model, tokenizer, shared: Path, threshold: float = 0.5) -> dict[str, Any]:
    from newsevents.evaluation import load_gold
    from newsevents.evaluation.span_score import score_span_set
    from newsevents.evaluation.split import split_gold

    report = {}
    for name in ("plv_train.jsonl", "confli_cameo_train.jsonl"):
        gold = load_gold(shared / "gold" / name)
        for half in ("tune", "check"):
            part = split_gold(gold, half)
            texts = list(dict.fromkeys(r.text for r in part.rows))
            score = score_span_set(part, predict(model, tokenizer, texts, threshold))
            report[f"{name}:{half}"] = {
                lv.level: (
                    round(lv.precision, 3) if lv.precision is not None else None,
                    round(lv.recall, 3) if lv.recall is not None else None,
                    round(lv.f1, 3) if lv.f1 is not None else None,
                    round(lv.accuracy, 3) if lv.accuracy is not None else None,
                )
                for lv in score.levels
            }
    return report
