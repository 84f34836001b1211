"""A gold skeleton in our format from the coder's output, for a person to correct.

Each event the coder found becomes a gold event with the codes it gave (actors at country
level), its evidence sentence and a ``coder`` note; the lines the cleaner removed become
the document's ``boilerplate``. ``eval`` reads the result as it reads
``seeds_000_003.json`` (it ignores the ``coder`` notes).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from newsevents.evaluation.match import ANY, country_key
from newsevents.records import Article, Event, RawDocument

SKELETON_ABOUT = (
    "Gold skeleton written by 'newsevents annotate' from the coder's output. Correct it: fix "
    "each event's codes, modality and date, delete wrong events, add missed ones, mark events "
    "that should neither count for nor against the coder with required: false, move "
    "statements that must not be coded as asserted (conditionals, denials, links to other "
    "articles) to must_not_assert, and check the boilerplate lines (the lines the cleaner "
    "removed). The format is that of ../shared/gold/seeds_000_003.json: 'source' and "
    "'target' list acceptable actor codes at country level (USA, IGOUNO; '*' accepts any "
    "actor or none), 'root' acceptable CAMEO roots, 'plover' acceptable PLOVER types, "
    "'evidence' a fragment of the sentence as it appears in the text. Dates are ISO, as "
    "precise as the text allows. Document texts are the files DOC.txt in the folder named "
    "by 'corpus' (relative to this file), or the document's 'text' field. The 'coder' notes "
    "are ignored by 'newsevents eval'."
)


def gold_skeleton(
    coded: Iterable[tuple[Article, Sequence[Event]]],
    raws: dict[str, RawDocument],
    output_dir: Path,
) -> dict[str, Any]:
    """The skeleton of every coded article. ``raws`` maps doc ids to what was read, so a
    document kept in a plain-text file can be named by the ``corpus`` folder instead of
    copying its text; ``output_dir`` is where the skeleton will be written."""
    pairs = list(coded)
    folder = _common_folder([raws[article.doc_id] for article, _ in pairs])
    documents = [
        document_skeleton(article, events, raws[article.doc_id], embed=folder is None)
        for article, events in pairs
    ]
    skeleton: dict[str, Any] = {"about": SKELETON_ABOUT}
    if folder is not None:
        skeleton["corpus"] = _relative(folder, output_dir)
    skeleton["documents"] = documents
    return skeleton


def document_skeleton(
    article: Article, events: Sequence[Event], raw: RawDocument, embed: bool
) -> dict[str, Any]:
    document: dict[str, Any] = {
        "doc": article.doc_id,
        "doc_date": article.published.isoformat() if article.published else None,
        "doc_date_note": f"publication date from the {article.date_source or 'nowhere'}",
        "events": [event_skeleton(article.doc_id, n, e) for n, e in enumerate(events, 1)],
        "must_not_assert": [],
        "boilerplate": list(article.removed_lines),
    }
    if embed:
        document["text"] = raw.content
    return document


def event_skeleton(doc_id: str, number: int, event: Event) -> dict[str, Any]:
    """One coder event as a gold event to correct."""
    return {
        "id": f"{doc_id}-{number}",
        "required": True,
        "source": [country_key(event.source.code)],
        "target": [country_key(event.target.code)] if event.target else [ANY],
        "root": [event.cameo_root],
        "plover": [event.plover] if event.plover else [],
        "modality": event.modality,
        "date": None if event.date_precision == "document" else event.date,
        "evidence": event.evidence.text,
        "coder": {
            "cameo": event.cameo,
            "source": event.source.code,
            "target": event.target.code if event.target else None,
            "trigger": event.evidence.trigger,
            "date": event.date,
            "date_precision": event.date_precision,
            "confidence": event.confidence,
        },
    }


def _common_folder(raws: Sequence[RawDocument]) -> Path | None:
    """The one folder holding every document as DOC.txt, or None."""
    folders = set()
    for raw in raws:
        path = Path(raw.origin)
        if path.suffix != ".txt" or path.stem != raw.doc_id or not path.is_file():
            return None
        folders.add(path.resolve().parent)
    return folders.pop() if len(folders) == 1 else None


def _relative(folder: Path, output_dir: Path) -> str:
    return Path(os.path.relpath(folder, output_dir.resolve())).as_posix()
