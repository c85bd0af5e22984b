"""Cutting articles into chunks that respect paragraphs and sentences.

Whole paragraphs are packed into a chunk up to `size` characters; a paragraph
longer than that is cut between sentences. Each chunk is a contiguous span of
its article (offsets kept), and its id is a hash of the article id, the
offset and the text, so re-chunking an unchanged article gives the same ids.
"""

from __future__ import annotations

import bisect
import hashlib
from dataclasses import dataclass

from .documents import Article
from .text import Span, paragraphs, sentences


@dataclass(frozen=True)
class Chunk:
    id: str
    article_id: str
    index: int
    start: int
    end: int
    text: str


def chunk_article(article: Article, size: int, sentence_spans: list[Span] | None = None) -> list[Chunk]:
    """The article's chunks; pass its sentences (text.sentences) if they are already known."""
    spans = _pack(_units(article.text, size, sentence_spans), size)
    return [
        Chunk(
            id=chunk_id(article.id, span.start, span.of(article.text)),
            article_id=article.id,
            index=index,
            start=span.start,
            end=span.end,
            text=span.of(article.text),
        )
        for index, span in enumerate(spans)
    ]


def chunk_id(article_id: str, start: int, text: str) -> str:
    digest = hashlib.sha256(f"{article_id}\x00{start}\x00{text}".encode()).hexdigest()
    return digest[:24]


def _units(text: str, size: int, sentence_spans: list[Span] | None) -> list[Span]:
    """Paragraphs, with each oversized one replaced by its sentences."""
    units: list[Span] = []
    starts = [span.start for span in sentence_spans] if sentence_spans is not None else []
    for paragraph in paragraphs(text):
        if paragraph.end - paragraph.start <= size:
            units.append(paragraph)
        elif sentence_spans is None:
            units.extend(sentences(text, within=paragraph))
        else:
            first = bisect.bisect_left(starts, paragraph.start)
            last = bisect.bisect_right(starts, paragraph.end)
            units.extend(span for span in sentence_spans[first:last] if span.end <= paragraph.end)
    return units


def _pack(units: list[Span], size: int) -> list[Span]:
    spans: list[Span] = []
    for unit in units:
        if spans and unit.end - spans[-1].start <= size:
            spans[-1] = Span(spans[-1].start, unit.end)
        else:
            spans.append(unit)
    return spans
