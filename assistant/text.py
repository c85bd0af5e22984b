"""Paragraphs and sentences of news prose, as character spans into the text.

Sentence boundaries come from pysbd, which knows news abbreviations ("U.S.",
"Sept.", "N.Y."). Two rules are ours: a sentence never crosses a paragraph
break, and a sentence is never cut inside a quotation (a quote of two
sentences followed by `he said` stays one unit), so a cited sentence always
carries its whole quote and its attribution.
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
        result.extend(_merge_open_quotes(text, _split(text, block)))
    return result


def _split(text: str, block: Span) -> list[Span]:
    body = block.of(text)
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


def _open_quotes(segment: str) -> bool:
    straight = segment.count('"') % 2 == 1
    curly = segment.count("\u201c") > segment.count("\u201d")
    return straight or curly


def _merge_open_quotes(text: str, spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for span in spans:
        if merged and _open_quotes(text[merged[-1].start : merged[-1].end]):
            merged[-1] = Span(merged[-1].start, span.end)
        else:
            merged.append(span)
    return merged
