"""The coder: the loaded resources of every stage (spaCy, the actor knowledge base, the
event patterns and codes, the gazetteer, the learned event model) and the stages run in
order on articles. Load one per process and pass it around (:class:`Coder`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from functools import cache, cached_property
from importlib import resources
from pathlib import Path
from typing import Any

from newsevents import __version__
from newsevents.actors import KnowledgeBase, load_knowledge_base
from newsevents.actors.coref import article_mentions
from newsevents.actors.phrase import code_phrase
from newsevents.actors.places import read_geonames
from newsevents.clean import clean_document
from newsevents.config import Settings
from newsevents.events import code_events, load_codes, load_patterns
from newsevents.events.codes import CodeInfo
from newsevents.events.combine import ModelUse
from newsevents.events.gazetteer import Gazetteer
from newsevents.events.learned import EventModel, load_event_model
from newsevents.events.patterns import PatternIndex
from newsevents.events.places import ArticlePlaces
from newsevents.nlp import load_model, parse_articles
from newsevents.records import Actor, Article, Event, ParsedArticle, RawDocument, Rejection

__all__ = ["Coder", "coder_version"]

# The stages whose data files decide what the coder finds (their ``data/`` folders).
CODER_DATA = ("newsevents.actors", "newsevents.clean", "newsevents.events")
MODEL_FOLDER = "model"  # events/data/model: the learned model, left out with --no-model


def coder_version(settings: Settings, nlp_meta: dict[str, Any] | None = None) -> str:
    """``<package version>+<hash>``: the hash covers the stages' data files (patterns,
    codes, knowledge base, word lists), the learned model when it is used, the user's
    actor file and the spaCy model's name and version. Stable across runs; it changes
    when any of them changes."""
    meta = nlp_meta or {}
    spacy_model = f"{meta.get('name')}-{meta.get('version')}"
    return _version(settings.use_model, settings.actors_file, spacy_model)


@cache
def _version(use_model: bool, actors_file: Path | None, spacy_model: str) -> str:
    digest = hashlib.sha256()
    for package in CODER_DATA:
        root = Path(str(resources.files(package))) / "data"
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            relative = path.relative_to(root)
            if relative.parts[0] == MODEL_FOLDER and not use_model:
                continue
            if path.suffix == ".pyc" or "__pycache__" in relative.parts:
                continue
            digest.update(f"{package}/{relative.as_posix()}\0".encode())
            digest.update(path.read_bytes())
    if actors_file is not None:
        digest.update(Path(actors_file).read_bytes())
    digest.update(spacy_model.encode())
    return f"{__version__}+{digest.hexdigest()[:12]}"


@dataclass
class Coder:
    """The loaded resources of the pipeline: spaCy, knowledge base, patterns, codes, and the
    learned event model (None with ``Settings(use_model=False)``)."""

    nlp: Any
    kb: KnowledgeBase
    patterns: PatternIndex
    codes: dict[str, CodeInfo]
    settings: Settings
    gazetteer: Gazetteer | None = None
    model: EventModel | None = None
    model_use: ModelUse = ModelUse()

    @classmethod
    def load(cls, settings: Settings | None = None) -> Coder:
        settings = settings or Settings()
        raw_cities = read_geonames()  # read once, for the actors' and the places' tables
        nlp = load_model()
        return cls(
            nlp=nlp,
            kb=load_knowledge_base(settings.actors_file, raw_cities),
            patterns=load_patterns(),
            codes=load_codes(),
            settings=settings,
            gazetteer=Gazetteer.load(raw_cities),
            model=load_event_model(threads=settings.model_threads) if settings.use_model else None,
        )

    @cached_property
    def version(self) -> str:
        """:func:`coder_version` of this coder (with the model when it has one): stamped
        on every event it codes. Worked out once (spaCy rebuilds ``nlp.meta`` on each
        read), not for each article."""
        settings = replace(self.settings, use_model=self.model is not None)
        return coder_version(settings, getattr(self.nlp, "meta", None))

    def clean(self, raw: RawDocument) -> Article | Rejection:
        return clean_document(
            raw, self.settings.default_date, self.settings.max_chars, self.settings.dayfirst
        )

    def code_articles(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list[Event]]]:
        """Each article with its events; parsing is batched."""
        for parsed in parse_articles(articles, self.nlp, self.settings.batch_size):
            yield parsed.article, self.code_parsed(parsed)

    def code_actor(self, text: str, day: date | None = None) -> Actor | None:
        """The actor a short phrase names ("North Korean officials" -> PRKGOV), or None."""
        article = Article(article_id="", doc_id="actor", origin="actor", text=text, published=day)
        parsed = next(parse_articles([article], self.nlp))
        return code_phrase(parsed, self.kb, day)

    def code_parsed(self, parsed: ParsedArticle) -> list[Event]:
        mentions = article_mentions(parsed.sentences, self.kb, parsed.article.published)
        locate = (
            ArticlePlaces.of(parsed, mentions, self.gazetteer, self.kb).locate
            if self.gazetteer is not None
            else None
        )
        events = code_events(
            parsed, mentions, self.patterns, self.codes, locate, self.model, self.model_use
        )
        version = self.version
        return [replace(event, coder_version=version) for event in events]
