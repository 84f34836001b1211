"""Export a trained event model to ONNX with int8 weights (what ships in the package).

python training/export.py /tmp/model.pt newsevents/events/data/model
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from pathlib import Path

import torch
from torch import nn

sys.path.insert(0, str(Path(__file__).resolve().parent))
from roles import MODALITIES, PLOVER, ROLE_LABELS, ROOTS, TRIGGER_LABELS  # noqa: E402
from train_model import EventModel, load_model, minilm_dir  # noqa: E402


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


def export(weights: Path, out: Path) -> Path:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    folder = minilm_dir()
    model, _ = load_model(folder)
    model.load_state_dict(torch.load(weights))
    model.eval()
    out.mkdir(parents=True, exist_ok=True)
    ids = torch.ones((2, 12), dtype=torch.long)
    mask = torch.ones((2, 12), dtype=torch.long)
    names = ["trigger", "role", "root", "plover", "modality"]
    axes = {"input_ids": {0: "batch", 1: "pieces"}, "attention_mask": {0: "batch", 1: "pieces"}}
    axes.update({n: {0: "batch", 1: "pieces"} for n in names})
    with tempfile.TemporaryDirectory() as tmp:
        full = Path(tmp) / "full.onnx"
        torch.onnx.export(
            Heads(model),
            (ids, mask),
            str(full),
            input_names=["input_ids", "attention_mask"],
            output_names=names,
            dynamic_axes=axes,
            opset_version=17,
            dynamo=False,
        )
        quantize_dynamic(str(full), str(out / "event_model.onnx"), weight_type=QuantType.QInt8)
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
