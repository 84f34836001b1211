"""Export a trained event model to ONNX with int8 weights (what ships in the package).

python training/export.py /tmp/model.pt newsevents/events/data/model

Quantisation is static: the scales of the activations are fixed here, from a calibration
sample of our own training sentences (plain and with a marked trigger, as the runtime
reads them), so a sentence codes the same whatever else is in its batch. Dynamic int8
scaled activations per batch, and batch composition moved the model's decisions.
"""

from __future__ import annotations

import json
import random
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

import torch
from torch import nn

sys.path.insert(0, str(Path(__file__).resolve().parent))
from roles import (  # noqa: E402
    MODALITIES,
    PLOVER,
    ROLE_LABELS,
    ROOTS,
    TRIGGER_LABELS,
    load_plover_table,
    read_sentences,
)
from train_model import ROOT, EventModel, build_examples, load_model, minilm_dir  # noqa: E402

CALIBRATION_ROWS = 256
CALIBRATION_SEED = 7


class Heads(nn.Module):
    """Every head on every piece: the runtime picks the marker piece for the kind heads."""

    def __init__(self, model: EventModel) -> None:
        super().__init__()
        self.model = model

    def forward(self, input_ids, attention_mask):
        m = self.model
        states = m.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        return (
            m.trigger(states),
            m.role(states),
            m.root(states),
            m.plover(states),
            m.modality(states),
        )


def calibration_rows(tokenizer) -> list[list[int]]:
    """Model inputs (piece ids with [CLS]/[SEP]) from our own written training sentences."""
    table = load_plover_table()
    sentences = list(read_sentences(sorted((ROOT / "training/data").glob("events_*.jsonl"))))
    examples = build_examples(tokenizer, sentences, table)
    random.Random(CALIBRATION_SEED).shuffle(examples)
    return [example.ids for example in examples[:CALIBRATION_ROWS]]


def quantize(
    full: Path,
    target: Path,
    rows: list[list[int]],
    per_channel: bool = True,
    quant_format: Any = None,
) -> None:
    """int8 weights (per channel) and int8 activations with calibrated, fixed scales
    (benchmarks/quantisation.py compares the other settings)."""
    import numpy as np
    from onnxruntime.quantization import (
        CalibrationDataReader,
        CalibrationMethod,
        QuantFormat,
        QuantType,
        quantize_static,
    )

    class Reader(CalibrationDataReader):
        def __init__(self) -> None:
            self.rows = iter(rows)

        def get_next(self):
            row = next(self.rows, None)
            if row is None:
                return None
            ids = np.array([row], dtype=np.int64)
            return {"input_ids": ids, "attention_mask": np.ones_like(ids)}

    quantize_static(
        str(full),
        str(target),
        Reader(),
        quant_format=QuantFormat.QOperator if quant_format is None else quant_format,
        per_channel=per_channel,
        op_types_to_quantize=["MatMul", "Gather"],
        activation_type=QuantType.QUInt8,
        weight_type=QuantType.QInt8,
        calibrate_method=CalibrationMethod.MinMax,
    )


def export_fp32(model: EventModel, path: Path) -> None:
    """The model's heads as an fp32 ONNX graph with a dynamic batch and length."""
    example = torch.ones((2, 12), dtype=torch.long)
    names = ["trigger", "role", "root", "plover", "modality"]
    axes = {n: {0: "batch", 1: "pieces"} for n in ["input_ids", "attention_mask", *names]}
    torch.onnx.export(
        Heads(model),
        (example, example),
        str(path),
        input_names=["input_ids", "attention_mask"],
        output_names=names,
        dynamic_axes=axes,
        opset_version=17,
        dynamo=False,
    )


def export(weights: Path, out: Path) -> Path:
    folder = minilm_dir()
    model, tokenizer = load_model(folder)
    model.load_state_dict(torch.load(weights))
    model.eval()
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        full = Path(tmp) / "full.onnx"
        export_fp32(model, full)
        quantize(full, out / "event_model.onnx", calibration_rows(tokenizer))
    shutil.copy(folder / "tokenizer.json", out / "tokenizer.json")
    labels = {
        "triggers": TRIGGER_LABELS,
        "roles": ROLE_LABELS,
        "roots": ROOTS,
        "plover": PLOVER,
        "modalities": MODALITIES,
    }
    (out / "labels.json").write_text(json.dumps(labels, indent=1) + "\n", encoding="utf-8")
    return out / "event_model.onnx"


if __name__ == "__main__":
    print(export(Path(sys.argv[1]), Path(sys.argv[2])))
