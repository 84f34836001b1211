"""Frozen records that the stages hand each other.

spaCy objects never leave the nlp stage: later stages see only these plain records.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Literal, get_args

Modality = Literal["asserted", "negated", "hypothetical", "future", "speculative"]
MODALITIES: tuple[Modality, ...] = get_args(Modality)  # the one list of modalities
DatePrecision = Literal["day", "month", "year", "document"]
Producer = Literal["pattern", "model", "both"]
LocationPrecision = Literal["city", "region", "country"]


@dataclass(frozen=True)
class RawDocument:
    """One article as read from its container, before cleaning."""

    doc_id: str
    origin: str  # file path, "path:line" for records, or "stdin"
    content: str
    kind: Literal["text", "html"] = "text"
    title: str | None = None
    published: str | None = None  # as given by the container; parsed by clean
    url: str | None = None


@dataclass(frozen=True)
class ReadError:
    """A path or record that could not be read. Counted, reported, never fatal."""

    origin: str
    message: str


@dataclass(frozen=True)
class Rejection:
    """An article that was read but will not be coded, with the reason."""

    doc_id: str
    origin: str
    reason: str


@dataclass(frozen=True)
class Article:
    """A cleaned article: the text that every later stage and every offset refers to."""

    article_id: str  # content hash of the clean text
    doc_id: str
    origin: str
    text: str
    title: str | None = None
    published: date | None = None
    # where ``published`` came from: the record's or page's metadata, a dateline in the
    # text, the user's --date, or a date in the file name
    date_source: Literal["metadata", "text", "user", "filename"] | None = None
    url: str | None = None
    removed_lines: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()  # dates read by a stated rule, or not read (said, not stored)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["published"] = self.published.isoformat() if self.published else None
        data["removed_lines"] = list(self.removed_lines)
        data["warnings"] = list(self.warnings)
        return data


@dataclass(frozen=True)
class Token:
    """A token of the parse, with document-level character offset ``idx``."""

    i: int  # index within the document
    text: str
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int  # document index of the syntactic head (itself for the root)
    idx: int
    ent_type: str = ""
    morph: str = ""


@dataclass(frozen=True)
class Sentence:
    """A sentence with its tokens; ``start``/``end`` are character offsets in the clean text.
    ``dateline``: the article's wire dateline ("NAIROBI, July 8 (Reuters) -"), which names
    where the story was filed and reports nothing."""

    index: int
    start: int
    end: int
    text: str
    tokens: tuple[Token, ...]
    dateline: bool = False


@dataclass(frozen=True)
class ParsedArticle:
    """An article with its parse. ``tokens[i]`` is the token with document index ``i``."""

    article: Article
    sentences: tuple[Sentence, ...]
    tokens: tuple[Token, ...]


@dataclass(frozen=True)
class Actor:
    """A coded actor (CAMEO-style code, ISO3 country, sector) with the text that named it."""

    code: str
    country: str | None
    sector: str | None
    name: str
    text: str
    entity: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Mention:
    """An actor named in a sentence: token span [start, end) in document indices.
    ``place`` marks a country named by a place in it, its capital ("Kabul"): as a modifier
    of an event noun ("a Kabul car bombing") that is where it happened, not who did it.
    ``only_place``: a city named as a place ("rockets fired at Ashkelon"), which can be
    what an act strikes but is never who acts."""

    sentence_index: int
    start: int
    end: int
    actor: Actor
    place: bool = False
    only_place: bool = False


@dataclass(frozen=True)
class Location:
    name: str
    country: str | None
    lat: float | None = None
    lon: float | None = None
    precision: LocationPrecision | None = None  # city, region or country (added in 0.2)


@dataclass(frozen=True)
class Evidence:
    text: str
    start: int
    end: int
    trigger: str


@dataclass(frozen=True)
class Event:
    """The event record of DESIGN.md, field for field."""

    event_id: str
    doc_id: str
    sentence_index: int
    source: Actor
    target: Actor | None
    cameo: str
    cameo_root: str
    plover: str | None
    plover_mode: str | None
    quad_class: int
    goldstein: float
    modality: Modality
    attributed_to: Actor | None
    date: str | None
    date_precision: DatePrecision
    location: Location | None
    evidence: Evidence
    confidence: float
    article_id: str = field(default="", compare=False)
    by: Producer = "pattern"
    coder_version: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON event record (the contract); ``article_id`` is a store column only.
        ``by`` says what produced the event: the patterns, the learned model, or both;
        ``coder_version`` which coder (package version + hash of its data and model)."""
        data = asdict(self)
        data.pop("article_id")
        return data
