"""The learned event model: a small encoder (MiniLM, int8 ONNX) that proposes, for each
sentence, event triggers with their CAMEO root, PLOVER type and modality, and for any
trigger (its own or a pattern's) the source and target spans.

It runs on ONNX Runtime with the tokenizer's own ``tokenizer.json``: no torch and no model
hub at run time. ``training/`` rebuilds the weights (``make model``); docs/model.md says on
what data and with which figures.

Two passes share the encoder. The *trigger* pass reads the plain sentence and labels each
word piece O or B/I of a CAMEO root. The *role* pass reads the sentence with one trigger
between two marker pieces and labels pieces O or B/I of SRC or TGT; the root, PLOVER and
modality heads are read at the opening marker.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

logger = logging.getLogger(__name__)
CLS, SEP, MARK_START, MARK_END = 101, 102, 1, 2
MAX_PIECES = 92  # of the sentence itself; markers and [CLS]/[SEP] come on top
BATCH = 32


@dataclass(frozen=True)
class Labels:
    """The label sets of the heads, in the order of their logits (``labels.json``)."""

    triggers: tuple[str, ...]
    roles: tuple[str, ...]
    roots: tuple[str, ...]
    plover: tuple[str, ...]
    modalities: tuple[str, ...]


@dataclass(frozen=True)
class Span:
    """Characters [start, end) of a sentence, with the model's probability."""

    start: int
    end: int
    probability: float


@dataclass(frozen=True)
class Guess:
    """What the model says about one trigger of a sentence."""

    trigger: Span
    root: str
    plover: str | None
    modality: str
    kind_probability: float
    source: Span | None
    target: Span | None


@dataclass
class EventModel:
    session: Any
    tokenizer: Any
    labels: Labels

    @classmethod
    def load(cls, folder: Path | None = None, threads: int = 1) -> EventModel:
        import onnxruntime
        from tokenizers import Tokenizer

        base = folder or model_folder()
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        session = onnxruntime.InferenceSession(
            str(base / "event_model.onnx"), options, providers=["CPUExecutionProvider"]
        )
        data = json.loads((base / "labels.json").read_text(encoding="utf-8"))
        labels = Labels(**{key: tuple(values) for key, values in data.items()})
        tokenizer = Tokenizer.from_file(str(base / "tokenizer.json"))
        tokenizer.no_padding()  # the file pads every text to 128 pieces
        tokenizer.no_truncation()
        return cls(session, tokenizer, labels)

    def triggers(self, texts: Sequence[str]) -> list[list[tuple[Span, str]]]:
        """Each sentence's trigger spans with their root, most probable first."""
        pieces = [self._pieces(text) for text in texts]
        found: list[list[tuple[Span, str]]] = [[] for _ in texts]
        for batch in _by_length([len(ids) for ids, _ in pieces]):
            rows = [[CLS, *pieces[k][0], SEP] for k in batch]
            logits = self._run(rows)[0]
            for n, k in enumerate(batch):
                probs = _softmax(logits[n, 1 : len(rows[n]) - 1])
                offsets = pieces[k][1]
                for tag, first, last, p in label_runs(probs, self.labels.triggers):
                    found[k].append((Span(offsets[first][0], offsets[last][1], p), tag))
        for spans in found:
            spans.sort(key=lambda item: -item[0].probability)
        return found

    def roles(self, requests: Sequence[tuple[str, int, int]]) -> list[Guess]:
        """For each (sentence, trigger start, trigger end): its kind and roles."""
        pieces = {text: self._pieces(text) for text, _, _ in requests}
        rows, marks, maps = [], [], []
        for text, begin, end in requests:
            ids, offsets = pieces[text]
            inside = [i for i, (a, b) in enumerate(offsets) if b > a and a < end and b > begin]
            first, last = (inside[0], inside[-1]) if inside else (0, 0)
            marked = [*ids[:first], MARK_START, *ids[first : last + 1], MARK_END, *ids[last + 1 :]]
            rows.append([CLS, *marked, SEP])
            marks.append(first + 1)
            maps.append((offsets, first, last))
        guesses: list[Guess | None] = [None] * len(requests)
        for batch in _by_length([len(row) for row in rows]):
            outputs = self._run([rows[k] for k in batch])
            for n, k in enumerate(batch):
                _, begin, end = requests[k]
                guesses[k] = self._guess(outputs, n, rows[k], marks[k], maps[k], begin, end)
        return [guess for guess in guesses if guess is not None]

    def _guess(self, outputs, n, row, mark, mapping, begin, end) -> Guess:
        _, roles, roots, plover, modality = outputs
        offsets, first, last = mapping
        plain = [i for i in range(1, len(row) - 1) if i not in (first + 1, last + 3)]
        probs = _softmax(roles[n][plain])
        probs[first : last + 1] = np.eye(len(self.labels.roles))[self.labels.roles.index("O")]
        best: dict[str, Span] = {}
        for tag, a, b, p in label_runs(probs, self.labels.roles):
            if tag not in best or p > best[tag].probability:
                best[tag] = Span(offsets[a][0], offsets[b][1], p)
        root_p = _softmax(roots[n][mark])
        return Guess(
            trigger=Span(begin, end, 1.0),
            root=self.labels.roots[int(root_p.argmax())],
            plover=_none(self.labels.plover[int(plover[n][mark].argmax())]),
            modality=self.labels.modalities[int(modality[n][mark].argmax())],
            kind_probability=float(root_p.max()),
            source=best.get("SRC"),
            target=best.get("TGT"),
        )

    def _pieces(self, text: str) -> tuple[list[int], list[tuple[int, int]]]:
        encoding = self.tokenizer.encode(text, add_special_tokens=False)
        return list(encoding.ids[:MAX_PIECES]), list(encoding.offsets[:MAX_PIECES])

    def _run(self, rows: list[list[int]]) -> list[np.ndarray]:
        width = max(len(r) for r in rows)
        ids = np.zeros((len(rows), width), dtype=np.int64)
        mask = np.zeros((len(rows), width), dtype=np.int64)
        for n, row in enumerate(rows):
            ids[n, : len(row)] = row
            mask[n, : len(row)] = 1
        return list(self.session.run(None, {"input_ids": ids, "attention_mask": mask}))


def model_folder() -> Path:
    """Where the shipped model lives (``newsevents/events/data/model``)."""
    return Path(str(resources.files("newsevents.events") / "data" / "model"))


def load_event_model(folder: Path | None = None, threads: int = 1) -> EventModel | None:
    """The shipped model, or None when the package was built without one."""
    base = folder or model_folder()
    if not (base / "event_model.onnx").is_file():
        logger.warning("no event model at %s: coding with the patterns only", base)
        return None
    return EventModel.load(base, threads)


def _by_length(lengths: Sequence[int]) -> list[list[int]]:
    """Indices in batches of similar length (less padding to compute)."""
    order = sorted(range(len(lengths)), key=lengths.__getitem__)
    return [order[start : start + BATCH] for start in range(0, len(order), BATCH)]


def _softmax(logits: np.ndarray) -> np.ndarray:
    shifted = np.exp(logits - logits.max(axis=-1, keepdims=True))
    return shifted / shifted.sum(axis=-1, keepdims=True)


def label_runs(probs: np.ndarray, names: tuple[str, ...]) -> list[tuple[str, int, int, float]]:
    """(tag, first piece, last piece, probability) of each run of pieces that are not O.
    A piece's probability is 1 - P(O); its tag the likeliest of the other labels; a run's
    probability the mean over its pieces."""
    outside = names.index("O")
    inside = 1.0 - probs[:, outside]
    others = probs.copy()
    others[:, outside] = -1.0
    labels = others.argmax(-1)
    runs: list[list[Any]] = []
    current: list[Any] | None = None
    for i, label in enumerate(labels):
        if inside[i] < 0.5:
            current = None
            continue
        bio, tag = names[int(label)].split("-", 1)
        if bio == "B" or current is None:  # an I piece goes on the run, whatever its tag
            current = [tag, i, i, [float(inside[i])]]
            runs.append(current)
        else:
            current[2] = i
            current[3].append(float(inside[i]))
    return [(tag, a, b, sum(p) / len(p)) for tag, a, b, p in runs]


def _none(label: str) -> str | None:
    return None if label == "NONE" else label
