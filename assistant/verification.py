"""The citation contract for generated answers, enforced after generation.

A model's reply is split into sentences. In each, `[n]` markers that name no
source are dropped; the sentence is then checked against the passages it
cites: it is *supported* when one sentence of a cited passage is close in
meaning (embedding similarity) and shares enough of its words. Every marker
kept becomes a citation of that best-matching passage sentence, quoted exactly
from the article, and markers are renumbered in order of first use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from langchain_core.documents import Document

from .answer import Citation, Statement
from .citations import cite
from .embeddings import SentenceEmbeddings
from .lexical import terms
from .store import Corpus
from .text import Span, sentences

# Set with `python -m benchmarks.support_thresholds`: claims built from the seed questions' evidence pass
# against their own passage (8/8) and fail against every other (0/40); word overlap separates them best.
MIN_SIMILARITY = 0.25  # cosine similarity of the claim and its best passage sentence
MIN_OVERLAP = 0.6  # share of the claim's words found in that passage sentence

_MARKER = re.compile(r"\s*\[(\d+)\]")


@dataclass
class Checked:
    text: str
    statements: list[Statement]
    citations: list[Citation]

    @property
    def supported(self) -> bool:
        return any(statement.supported for statement in self.statements)


def check_reply(reply: str, documents: list[Document], corpus: Corpus, embeddings: SentenceEmbeddings) -> Checked:
    """Parse, verify and cite a reply written against `documents` numbered from 1."""
    statements: list[Statement] = []
    citations: list[Citation] = []
    renumbered: dict[tuple[int, int, int], int] = {}  # (source, start, end) -> new marker
    reply = reply.strip()
    for span in sentences(reply):
        sentence = span.of(reply)
        claim = _MARKER.sub("", sentence).strip()
        if not claim:
            continue
        sources = [n for n in dict.fromkeys(int(m) for m in _MARKER.findall(sentence)) if 1 <= n <= len(documents)]
        markers: list[int] = []
        supported = False
        for source in sources:
            document = documents[source - 1]
            match, similarity, overlap = _best_match(claim, document, corpus, embeddings)
            if match is None:
                continue
            supported |= similarity >= MIN_SIMILARITY and overlap >= MIN_OVERLAP
            key = (source, match.start, match.end)
            if key not in renumbered:
                renumbered[key] = len(renumbered) + 1
                citations.append(
                    cite(corpus, document.metadata["article_id"], document.metadata["chunk_id"], match, renumbered[key])
                )
            markers.append(renumbered[key])
        text = claim + "".join(f" [{marker}]" for marker in markers)
        statements.append(Statement(text=text, markers=markers, supported=supported and bool(markers)))
    return Checked(text=" ".join(s.text for s in statements), statements=statements, citations=citations)


def _best_match(
    claim: str, document: Document, corpus: Corpus, embeddings: SentenceEmbeddings
) -> tuple[Span | None, float, float]:
    """The sentence of a cited chunk that best bears out the claim, with its similarity and word overlap."""
    article = corpus.article(document.metadata["article_id"])
    found = corpus.sentences(article.id, document.metadata["start"], document.metadata["end"]) if article else []
    if not found:
        return None, 0.0, 0.0
    spans = [span for span, _ in found]
    similarities = np.stack([vector for _, vector in found]) @ embeddings.encode([claim])[0]
    claimed = set(terms(claim))
    overlaps = [len(claimed & set(terms(span.of(article.text)))) / max(1, len(claimed)) for span in spans]
    best = int(np.argmax(similarities + np.asarray(overlaps)))
    return spans[best], float(similarities[best]), overlaps[best]
