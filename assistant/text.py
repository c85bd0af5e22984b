"""Paragraphs and sentences of news prose, as character spans into the text.

Sentence boundaries come from pysbd, which knows news abbreviations ("U.S.",
"Sept.", "N.Y."). Three rules are ours: a sentence never crosses a paragraph
break; a sentence is never cut inside a quotation (a quote of two sentences
followed by `he said` stays one unit), so a cited sentence always carries its
whole quote and its attribution; and a dateline belongs to the sentence it
dates ("Oct 19, 2021 ... Google announced" stays one sentence).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Span:
    start: int
    end: int

    def of(self, text: str) -> str:
        return text[self.start : self.end]


def paragraphs(text: str) -> list[Span]:
    """Non-blank blocks separated by blank lines, trimmed."""
    spans = []
    for match in re.finditer(r"\S(?:.*?\S)?(?=\s*\n\s*\n|\s*$)", text, re.DOTALL):
        spans.append(Span(match.start(), match.end()))
    return spans


@lru_cache(maxsize=1)
def _segmenter():
    import pysbd

    return pysbd.Segmenter(language="en", clean=False)


def sentences(text: str, within: Span | None = None) -> list[Span]:
    """Sentence spans of `text` (or of the part `within`), quotes kept whole."""
    blocks = [within] if within else paragraphs(text)
    result: list[Span] = []
    for block in blocks:
        result.extend(_merge_continued(text, _split(text, block)))
    return result


def _split(text: str, block: Span) -> list[Span]:
    # A line break inside a paragraph is wrapping (markdown, PDF lines), not a boundary; a space of the
    # same length keeps the offsets.
    body = block.of(text).replace("\n", " ")
    spans: list[Span] = []
    cursor = 0
    for piece in _segmenter().segment(body):
        piece = piece.strip()
        if not piece:
            continue
        found = body.find(piece, cursor)
        if found < 0:  # pysbd altered the piece; fall back to the rest of the block as one sentence
            rest = body[cursor:].strip()
            if rest:
                offset = body.index(rest, cursor)
                spans.append(Span(block.start + offset, block.start + offset + len(rest)))
            return spans
        spans.append(Span(block.start + found, block.start + found + len(piece)))
        cursor = found + len(piece)
    return spans


def _continues(segment: str) -> bool:
    """Whether the next sentence belongs to this one: a quotation is still open, or it is a dateline."""
    straight = segment.count('"') % 2 == 1
    curly = segment.count("\u201c") > segment.count("\u201d")
    dateline = len(segment) <= 25 and segment.rstrip().endswith(("...", "\u2026", "\u2014", "--"))
    return straight or curly or dateline


def _merge_continued(text: str, spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for span in spans:
        if merged and _continues(text[merged[-1].start : merged[-1].end]):
            merged[-1] = Span(merged[-1].start, span.end)
        else:
            merged.append(span)
    return merged


@lru_cache(maxsize=4096)
def _article_sentences(text: str) -> tuple[Span, ...]:
    return tuple(sentences(text))


def sentences_between(text: str, start: int, end: int) -> list[Span]:
    """The sentences of `text` lying wholly within [start, end) (a chunk), split once per text and cached."""
    return [span for span in _article_sentences(text) if span.start >= start and span.end <= end]
