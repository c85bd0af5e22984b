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


# pysbd's cost grows faster than linearly with the length of what it is given, so a long paragraph
# is segmented a window at a time; a window's last sentence may be cut short, so the next window
# starts where that sentence starts.
WINDOW = 4000
# A quotation left open (a typo, a stray inch mark) must not swallow the rest of the paragraph.
MAX_MERGED = 1500


def _split(text: str, block: Span) -> list[Span]:
    # A line break inside a paragraph is wrapping (markdown, PDF lines), not a boundary; a space of the
    # same length keeps the offsets.
    body = block.of(text).replace("\n", " ")
    spans: list[Span] = []
    cursor = 0
    while cursor < len(body):
        end = min(len(body), cursor + WINDOW)
        pieces = _segment(body, cursor, end)
        if end < len(body):
            if len(pieces) > 1:
                pieces.pop()  # maybe cut by the window: read again at the start of the next one
            else:  # no boundary in a whole window: cut at its last space
                cut = body.rfind(" ", cursor + 1, end)
                pieces = [(cursor, cut if cut > cursor else end)]
        for start, stop in pieces:
            piece = body[start:stop]
            left = len(piece) - len(piece.lstrip())
            right = len(piece.rstrip())
            if right > left:
                spans.append(Span(block.start + start + left, block.start + start + right))
        cursor = pieces[-1][1] if pieces else end
        while cursor < len(body) and body[cursor] == " ":
            cursor += 1
    return spans


def _segment(body: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each sentence pysbd finds in body[start:end], as offsets into body."""
    window = body[start:end]
    found: list[tuple[int, int]] = []
    cursor = 0
    for piece in _segmenter().segment(window):
        piece = piece.strip()
        if not piece:
            continue
        at = window.find(piece, cursor)
        if at < 0:  # pysbd altered the piece; the rest of the window is one sentence
            rest = window[cursor:]
            if rest.strip():
                found.append((start + cursor, end))
            return found
        found.append((start + at, start + at + len(piece)))
        cursor = at + len(piece)
    return found


def _is_dateline(segment: str) -> bool:
    return len(segment) <= 25 and segment.rstrip().endswith(("...", "\u2026", "\u2014", "--"))


def _merge_continued(text: str, spans: list[Span]) -> list[Span]:
    """Join a sentence to the one before it when that one leaves a quotation open or is a dateline.

    Quote marks are counted once per sentence (not per merged span), so this stays linear.
    """
    merged: list[Span] = []
    straight = curly = 0  # quote-mark balance of the last merged span
    continues = False
    for span in spans:
        segment = span.of(text)
        if merged and continues and span.end - merged[-1].start <= MAX_MERGED:
            merged[-1] = Span(merged[-1].start, span.end)
        else:
            merged.append(span)
            straight = curly = 0
        straight += segment.count('"')
        curly += segment.count("\u201c") - segment.count("\u201d")
        alone = merged[-1] == span
        continues = straight % 2 == 1 or curly > 0 or (alone and _is_dateline(segment))
    return merged
