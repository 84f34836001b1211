"""Training examples for the event model from annotated sentences (training/data/*.jsonl).

Two kinds of example share one encoder:

* a *trigger* example: the plain sentence, each word-piece labelled O or B/I of the CAMEO
  root of an event trigger it belongs to;
* a *role* example per event: the sentence with the trigger between two marker pieces
  ([unused0] ... [unused1]), each piece labelled O or B/I of SRC or TGT, and the event's
  root, PLOVER type and modality as labels of the marker piece.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOTS = tuple(f"{n:02d}" for n in range(1, 21))
PLOVER = (
    "NONE",
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)
MODALITIES = ("asserted", "negated", "hypothetical", "future", "speculative")
ROLE_LABELS = ("O", "B-SRC", "I-SRC", "B-TGT", "I-TGT")
TRIGGER_LABELS = ("O",) + tuple(f"{bio}-{root}" for root in ROOTS for bio in ("B", "I"))
MARK_START, MARK_END = 1, 2  # [unused0], [unused1] in the BERT vocabulary
CLS, SEP = 101, 102


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class GoldRole:
    trigger: Span
    source: Span | None
    target: Span | None
    cameo: str
    modality: str


@dataclass(frozen=True)
class Sentence:
    sid: str
    text: str
    events: tuple[GoldRole, ...]


def find_span(text: str, phrase: str | None, occurrence: int = 1) -> Span | None:
    if not phrase:
        return None
    start = -1
    for _ in range(max(occurrence, 1)):
        start = text.find(phrase, start + 1)
        if start < 0:
            return None
    return Span(start, start + len(phrase))


def read_sentences(paths: Iterable[Path]) -> Iterator[Sentence]:
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                sentence = parse_sentence(json.loads(line))
                if sentence is not None:
                    yield sentence


def parse_sentence(record: dict[str, Any]) -> Sentence | None:
    text = record.get("text")
    if not isinstance(text, str):
        return None
    events = []
    for item in record.get("events") or []:
        trigger = find_span(text, item.get("trigger"), item.get("trigger_occurrence", 1))
        source = find_span(text, item.get("source"), item.get("source_occurrence", 1))
        target = find_span(text, item.get("target"), item.get("target_occurrence", 1))
        cameo = str(item.get("cameo") or "")
        if trigger is None or source is None or cameo[:2] not in ROOTS:
            continue
        modality = item.get("modality") if item.get("modality") in MODALITIES else "asserted"
        events.append(GoldRole(trigger, source, target, cameo, modality))
    return Sentence(str(record.get("id") or text[:40]), text, tuple(events))


def plover_of(cameo: str, table: dict[str, str | None]) -> str:
    """The PLOVER type of a CAMEO code (its longest known prefix), NONE for statements."""
    for n in range(len(cameo), 1, -1):
        if cameo[:n] in table:
            return table[cameo[:n]] or "NONE"
    return "NONE"


def load_plover_table() -> dict[str, str | None]:
    """Each CAMEO code's PLOVER type (None for statements), from the coder's own table."""
    from newsevents.events.codes import load_codes

    return {code: info.plover for code, info in load_codes().items()}


def pieces_in(offsets: Sequence[tuple[int, int]], span: Span) -> list[int]:
    """Indices of the word pieces that overlap a character span."""
    return [i for i, (a, b) in enumerate(offsets) if b > a and a < span.end and b > span.start]


def bio(labels: list[int], indices: list[int], begin: int) -> None:
    for n, index in enumerate(indices):
        if labels[index] == 0:
            labels[index] = begin if n == 0 else begin + 1


WORD = re.compile(r"\S+")


# --- the PLOVER GSR's tune half (CC BY-SA 4.0), read from ../shared when present ----------

GSR_MARK = re.compile(r"\((SRC/TAR|SRC/LOC|TAR/LOC|SRC|TAR|EVT|LOC): ([^()]*)\)")
GSR_ROOTS = {
    "AGREE": "03",
    "CONSULT": "04",
    "SUPPORT": "05",
    "COOPERATE": "06",
    "AID": "07",
    "CONCEDE": "08",
    "YIELD": "08",
    "RETREAT": "08",
    "INVESTIGATE": "09",
    "DEMAND": "10",
    "REQUEST": "10",
    "DISAPPROVE": "11",
    "ACCUSE": "11",
    "REJECT": "12",
    "THREATEN": "13",
    "PROTEST": "14",
    "MOBILIZE": "15",
    "SANCTION": "16",
    "COERCE": "17",
    "ASSAULT": "18",
    "FIGHT": "19",
}


def gsr_sentences(path: Path, keep: Any) -> Iterator[Sentence]:
    """The GSR records ``keep(record_id)`` accepts, as training sentences: the markup's EVT,
    SRC and TAR spans give the trigger, source and target of the record's one event."""
    for record in json.loads(path.read_text(encoding="utf-8")):
        info = record.get("textInfo")
        markup = info.get("markup") if isinstance(info, dict) else None
        root = GSR_ROOTS.get(str(record.get("event", "")).upper())
        if not markup or root is None or not keep(str(record.get("id") or "")):
            continue
        text, spans = _unmark(markup)
        trigger = next((s for kind, s in spans if kind == "EVT"), None)
        sources = [s for kind, s in spans if kind.startswith("SRC")]
        targets = [s for kind, s in spans if "TAR" in kind and s not in sources[:1]]
        if trigger is None or not sources:
            continue
        event = GoldRole(
            trigger, sources[0], targets[0] if targets else None, root + "0", "asserted"
        )
        yield Sentence(str(record.get("id")), text, (event,))


def _unmark(markup: str) -> tuple[str, list[tuple[str, Span]]]:
    text, spans, last = "", [], 0
    for match in GSR_MARK.finditer(markup):
        text += markup[last : match.start()]
        start = len(text)
        text += match.group(2)
        spans.append((match.group(1), Span(start, len(text))))
        last = match.end()
    return text + markup[last:], spans
