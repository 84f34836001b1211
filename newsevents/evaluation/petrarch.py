"""PETRARCH-style validation XML, read leniently.

These suites are often not well-formed: ``<EventCoding ...>`` is left unclosed, ``&`` is
not escaped, parse trees hold stray brackets, a ``</Sentence>`` goes missing. So the file
is read with regular expressions, record by record::

    <Sentence date="19950101" id="DEMO-01" category="DEMO">
    <EventCoding sourcecode="ARN" targetcode="GON" eventcode="064">
    <Text> Arnor is about to restore full diplomatic ties with Gondor ... </Text>
    <Parse> ... </Parse>
    </Sentence>

``<EventCoding noevents="True">`` (or no coding at all) means the sentence codes no event;
a record holding ``<Skip>`` is skipped, and ``<Stop>`` ends the suite. Codes are compared at
country level (the first three letters; the full group for IGO/NGO/IMG/MNC codes) and at
the CAMEO root; ``---`` means no actor was coded and accepts any.
"""

from __future__ import annotations

import html
import re
from datetime import date
from pathlib import Path

from newsevents.evaluation.gold_records import GoldEvent, GoldSentence, SentenceGold
from newsevents.evaluation.match import ANY, country_key

COMMENT = re.compile(r"<!--.*?-->", re.S)
SENTENCE = re.compile(r"<Sentence\b([^>]*)>(.*?)(?=</Sentence\s*>|<Sentence\b|\Z)", re.S | re.I)
ATTRIBUTE = re.compile(r"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>/"']+))""")
TEXT = re.compile(r"<Text\s*>(.*?)(?:</Text\s*>|<Parse\b|<EventCod|</Sentence|\Z)", re.S | re.I)
CODING = re.compile(r"<EventCod(?:ing|es)\b([^>]*)>", re.I)
SKIP = re.compile(r"<Skip\s*/?>", re.I)
STOP = re.compile(r"<Stop\s*/?>", re.I)
TAG = re.compile(r"<[^>]*>")


def load_petrarch(path: Path, content: str) -> SentenceGold:
    """Every codable ``<Sentence>`` record of a validation file."""
    sentences: list[GoldSentence] = []
    seen: set[str] = set()
    skipped = 0
    for position, match in enumerate(SENTENCE.finditer(COMMENT.sub("", content)), start=1):
        attributes, body = parse_attributes(match.group(1)), match.group(2)
        if STOP.search(body):
            break
        if attributes.get("id") in seen:
            attributes["id"] = f"{attributes['id']}@{position}"  # ids must be unique
        sentence = _sentence(position, attributes, body)
        if sentence is None or SKIP.search(body):
            skipped += 1
            continue
        seen.add(sentence.record_id)
        sentences.append(sentence)
    return SentenceGold(
        name=path.name,
        path=str(path),
        format="petrarch",
        sentences=tuple(sentences),
        skipped=skipped,
    )


def parse_attributes(text: str) -> dict[str, str]:
    """``a = "1" b='2' c=3`` -> {"a": "1", "b": "2", "c": "3"}, names in lower case."""
    return {
        match.group(1).lower(): html.unescape(next(v for v in match.groups()[1:] if v is not None))
        for match in ATTRIBUTE.finditer(text)
    }


def _sentence(position: int, attributes: dict[str, str], body: str) -> GoldSentence | None:
    text_match = TEXT.search(body)
    text = " ".join(html.unescape(TAG.sub(" ", text_match.group(1))).split()) if text_match else ""
    if not text:
        return None
    record_id = attributes.get("id") or f"sentence-{position}"
    codings = [parse_attributes(m.group(1)) for m in CODING.finditer(body)]
    events = tuple(
        _event(record_id, number, coding)
        for number, coding in enumerate(codings, start=1)
        if coding.get("eventcode") and "noevents" not in coding
    )
    return GoldSentence(
        record_id=record_id, day=petrarch_date(attributes.get("date")), text=text, events=events
    )


def _event(record_id: str, number: int, coding: dict[str, str]) -> GoldEvent:
    code = coding["eventcode"].strip()
    return GoldEvent(
        event_id=f"{record_id}#{number}",
        required=True,
        source=_actor(coding.get("sourcecode")),
        target=_actor(coding.get("targetcode")),
        roots=(code[:2],),
        plover=(),
        modality=None,
        date=None,
        evidence="",
        codes=(code,),
    )


def _actor(code: str | None) -> tuple[str, ...]:
    return (country_key(code),) if code and code.strip("- ") else (ANY,)


def petrarch_date(value: str | None) -> date | None:
    """``19950101`` or ``1995-01-01`` -> a date; anything else -> None."""
    digits = re.sub(r"\D", "", value or "")
    if len(digits) != 8:
        return None
    try:
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        return None
