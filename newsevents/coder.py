"""The coder: the loaded resources of every stage (spaCy, the actor knowledge base, the
event patterns and codes, the gazetteer, the learned event model) and the stages run in
order on articles. Load one per process and pass it around (:class:`Coder`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

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

__all__ = ["Coder"]


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
        return cls(
            nlp=load_model(),
            kb=load_knowledge_base(settings.actors_file, raw_cities),
            patterns=load_patterns(),
            codes=load_codes(),
            settings=settings,
            gazetteer=Gazetteer.load(raw_cities),
            model=load_event_model(threads=settings.model_threads) if settings.use_model else None,
        )

    def clean(self, raw: RawDocument) -> Article | Rejection:
        return clean_document(raw, self.settings.default_date, self.settings.max_chars)

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
        return code_events(
            parsed, mentions, self.patterns, self.codes, locate, self.model, self.model_use
        )
