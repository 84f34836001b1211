"""Gold sets: loaders that tell the format by the content (the records they hold are in
:mod:`newsevents.evaluation.gold_records`).

Six formats: our own document gold (``seeds_000_003.json``, or with texts inline as
``wikinews_2019_dev_a.json``), the PLOVER GSR records (``plover_gsr_cameo.json``),
PETRARCH-style validation XML, actor cases (JSONL), and sentence rows with actor spans
(PLV and ConfliBERT CAMEO rows, JSONL; see :mod:`newsevents.evaluation.spans`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any

from newsevents.errors import EvaluationError, NewseventsError
from newsevents.evaluation.gold_records import (
    ActorCase,
    ActorGold,
    DocumentGold,
    GoldDocument,
    GoldEvent,
    GoldFormat,
    GoldSentence,
    GoldStatement,
    SentenceGold,
)
from newsevents.evaluation.match import ANY, canonical_code, country_key
from newsevents.evaluation.spans import SpanGold, load_span_gold, span_format

PLOVER_RENAMES: Mapping[str, str] = MappingProxyType(
    {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
)
TEXT_SUFFIXES = (".txt", ".html", ".htm")
GoldSet = DocumentGold | SentenceGold | ActorGold | SpanGold


def load_gold(
    path: Path,
    corpus: Path | None = None,
    plover_roots: Mapping[str, tuple[str, ...]] | None = None,
) -> GoldSet:
    """Read a gold file of any known format. ``corpus`` overrides our format's ``corpus``
    folder; ``plover_roots`` maps PLOVER types to CAMEO roots (default: the bundled table)."""
    content = _read(path)
    kind = detect_format(content)
    if kind == "newsevents":
        return load_document_gold(path, json.loads(content), corpus)
    if kind == "plover-gsr":
        return load_plover_gsr(path, json.loads(content), plover_roots or default_plover_roots())
    if kind == "petrarch":
        from newsevents.evaluation.petrarch import load_petrarch

        return load_petrarch(path, content)
    if kind == "actor-cases":
        return load_actor_cases(path, content)
    if kind in ("plv-spans", "confli-spans"):
        return load_span_gold(path, content, kind)
    raise EvaluationError("E101", path=path)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise NewseventsError("E001", path=path) from None
    except IsADirectoryError:
        raise EvaluationError("E102", path=path, reason="a folder, not a file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise EvaluationError("E102", path=path, reason=str(exc).splitlines()[0]) from None


def detect_format(content: str) -> GoldFormat | None:
    """The gold format of a file's content, or None when it is none of ours."""
    stripped = content.lstrip()
    if "<Sentence" in content and not stripped.startswith(("{", "[")):
        return "petrarch"
    try:
        data = json.loads(content)
    except json.JSONDecodeError:
        return _detect_jsonl(stripped)
    if isinstance(data, dict) and isinstance(data.get("documents"), list):
        return "newsevents"
    if isinstance(data, list) and any(_is_gsr_record(item) for item in data):
        return "plover-gsr"
    if isinstance(data, dict) and "expected" in data and "text" in data:
        return "actor-cases"
    return None


def _detect_jsonl(stripped: str) -> GoldFormat | None:
    first = stripped.split("\n", 1)[0]
    try:
        record = json.loads(first)
    except json.JSONDecodeError:
        return None
    if isinstance(record, dict) and "expected" in record and "text" in record:
        return "actor-cases"
    return span_format(record) if isinstance(record, dict) else None


def _is_gsr_record(item: object) -> bool:
    return isinstance(item, dict) and "event" in item and "text" in item


# --- our format ---------------------------------------------------------------------------


def load_document_gold(path: Path, data: dict[str, Any], corpus: Path | None) -> DocumentGold:
    folder = corpus if corpus is not None else _corpus_folder(path, data)
    documents = tuple(
        _document(path, position, item, folder)
        for position, item in enumerate(data["documents"], start=1)
    )
    return DocumentGold(name=path.name, path=str(path), documents=documents)


def _corpus_folder(path: Path, data: dict[str, Any]) -> Path | None:
    corpus = data.get("corpus")
    return (path.parent / corpus) if isinstance(corpus, str) and corpus else None


def _document(path: Path, position: int, item: Any, folder: Path | None) -> GoldDocument:
    if not isinstance(item, dict) or not isinstance(item.get("doc"), str):
        raise EvaluationError("E102", path=path, reason=f"document {position} has no 'doc' name")
    doc_id = item["doc"]
    text, origin = _document_text(path, doc_id, item, folder)
    where = f"document {doc_id}"
    return GoldDocument(
        doc_id=doc_id,
        day=_date(path, item.get("doc_date"), where),
        text=text,
        origin=origin,
        events=tuple(_event(path, doc_id, n, e) for n, e in enumerate(_list(item, "events"), 1)),
        must_not_assert=tuple(_statement(path, doc_id, s) for s in _list(item, "must_not_assert")),
        boilerplate=tuple(str(line) for line in _list(item, "boilerplate")),
    )


def _document_text(
    path: Path, doc_id: str, item: dict[str, Any], folder: Path | None
) -> tuple[str, str]:
    if isinstance(item.get("text"), str):
        return item["text"], f"{path}#{doc_id}"
    candidates = [folder / f"{doc_id}{suffix}" for suffix in TEXT_SUFFIXES] if folder else []
    for candidate in candidates:
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8", errors="replace"), str(candidate)
    looked = ", ".join(str(c) for c in candidates[:1]) or "a 'text' field or a 'corpus' folder"
    raise EvaluationError("E103", path=path, doc=doc_id, looked=looked)


def _event(path: Path, doc_id: str, position: int, item: Any) -> GoldEvent:
    if not isinstance(item, dict) or not isinstance(item.get("evidence"), str):
        raise EvaluationError(
            "E102", path=path, reason=f"document {doc_id}: event {position} has no 'evidence'"
        )
    return GoldEvent(
        event_id=str(item.get("id") or f"{doc_id}-{position}"),
        required=bool(item.get("required", True)),
        source=_codes(item.get("source")),
        target=_codes(item.get("target")),
        roots=tuple(str(r) for r in item.get("root") or [ANY]),
        plover=tuple(str(p).upper() for p in item.get("plover") or []),
        modality=item.get("modality") or None,
        date=_gold_date(path, item.get("date"), f"event {item.get('id')}"),
        evidence=item["evidence"],
    )


def _statement(path: Path, doc_id: str, item: Any) -> GoldStatement:
    if not isinstance(item, dict) or not isinstance(item.get("evidence"), str):
        raise EvaluationError(
            "E102", path=path, reason=f"document {doc_id}: a must_not_assert has no 'evidence'"
        )
    return GoldStatement(
        source=_codes(item.get("source")),
        target=_codes(item.get("target")),
        roots=tuple(str(r) for r in item.get("root") or [ANY]),
        evidence=item["evidence"],
        why=str(item.get("why") or ""),
    )


def _list(item: dict[str, Any], key: str) -> list[Any]:
    value = item.get(key)
    return value if isinstance(value, list) else []


def _codes(value: Any) -> tuple[str, ...]:
    """Acceptable actor codes; missing or empty means any."""
    if isinstance(value, str):
        value = [value]
    codes = tuple(canonical_code(str(code)) for code in value or [] if str(code).strip())
    return codes or (ANY,)


def _date(path: Path, value: Any, where: str) -> date | None:
    if not value:
        return None
    from newsevents.clean.dates import parse_date

    parsed = parse_date(str(value))  # ISO first, then "12 April 2022" and the like
    if parsed is None:
        raise EvaluationError("E102", path=path, reason=f"{where}: bad date {value!r}")
    return parsed


def _gold_date(path: Path, value: Any, where: str) -> str | None:
    """A gold event date as written (``2019``, ``2019-04``, ``2019-04-22``), checked."""
    if not value:
        return None
    text = str(value)
    padded = text + "-01" * ((10 - len(text)) // 3) if len(text) in (4, 7) else text
    _date(path, padded, where)
    return text


# --- PLOVER GSR ---------------------------------------------------------------------------


def default_plover_roots() -> dict[str, tuple[str, ...]]:
    """PLOVER type -> the CAMEO roots whose codes map to it, from the bundled code table."""
    from newsevents.events.codes import load_codes

    roots: dict[str, set[str]] = {}
    for info in load_codes().values():
        if info.plover:
            roots.setdefault(info.plover.upper(), set()).add(info.root)
    return {plover: tuple(sorted(found)) for plover, found in roots.items()}


def load_plover_gsr(
    path: Path, data: list[Any], plover_roots: Mapping[str, tuple[str, ...]]
) -> SentenceGold:
    sentences = []
    skipped = 0
    for item in data:
        if not _is_gsr_record(item) or plover_name(str(item["event"])) == "DOCUMENT":
            skipped += 1  # the DOCUMENT record documents the file; it has no text
            continue
        sentences.append(_gsr_sentence(path, item, plover_roots))
    return SentenceGold(
        name=path.name,
        path=str(path),
        format="plover-gsr",
        sentences=tuple(sentences),
        skipped=skipped,
    )


def _gsr_sentence(
    path: Path, item: dict[str, Any], plover_roots: Mapping[str, tuple[str, ...]]
) -> GoldSentence:
    record_id = str(item.get("id") or "")
    plover = plover_name(str(item["event"]))
    event = GoldEvent(
        event_id=record_id,
        required=True,
        source=_gsr_actors(item.get("source")),
        target=_gsr_actors(item.get("target")),
        roots=plover_roots.get(plover, ()),
        plover=(plover,),
        modality=None,
        date=None,
        evidence="",
    )
    return GoldSentence(
        record_id=record_id,
        day=_date(path, item.get("date"), record_id),
        text=str(item["text"]),
        events=(event,),
    )


def plover_name(name: str) -> str:
    """The current PLOVER name of an old one (DEMAND -> REQUEST, FIGHT -> ASSAULT...)."""
    name = name.strip().upper()
    return PLOVER_RENAMES.get(name, name)


def _gsr_actors(value: Any) -> tuple[str, ...]:
    """Country keys of a GSR actor list; none given (or a bare word) means any."""
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list):
        return (ANY,)
    codes = {country_key(str(a.get("code") or "")) for a in value if isinstance(a, dict)}
    codes.discard(ANY)
    return tuple(sorted(codes)) or (ANY,)


# --- actor cases --------------------------------------------------------------------------


def load_actor_cases(path: Path, content: str) -> ActorGold:
    cases: list[ActorCase] = []
    empty = no_text = 0
    for line_number, line in enumerate(content.splitlines(), start=1):
        if not line.strip():
            continue
        record = _json_line(path, line_number, line)
        expected = record.get("expected") or {}
        if not isinstance(expected, dict) or not ({"country", "code_1"} & expected.keys()):
            empty += 1
            continue
        if not isinstance(record.get("text"), str) or not record["text"].strip():
            no_text += 1
            continue
        cases.append(_actor_case(path, line_number, record, expected))
    return ActorGold(
        name=path.name,
        path=str(path),
        cases=tuple(cases),
        skipped_empty=empty,
        skipped_no_text=no_text,
    )


def _json_line(path: Path, line_number: int, line: str) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise EvaluationError("E102", path=path, reason=f"line {line_number}: {exc.msg}") from None
    if not isinstance(record, dict):
        raise EvaluationError("E102", path=path, reason=f"line {line_number}: not an object")
    return record


def _actor_case(
    path: Path, line_number: int, record: dict[str, Any], expected: dict[str, Any]
) -> ActorCase:
    not_expected = record.get("expected_not") or {}
    country = expected.get("country")
    sector = expected.get("code_1")
    return ActorCase(
        case_id=f"{record.get('test') or 'case'}:{line_number}",
        text=record["text"],
        day=_date(path, record.get("query_date"), f"line {line_number}"),
        country=canonical_code(country) if isinstance(country, str) else None,
        sector=sector.upper() if isinstance(sector, str) else None,
        not_country=not_expected.get("country") if isinstance(not_expected, dict) else None,
    )
