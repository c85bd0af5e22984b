"""The default answerer: answers with the coverage's own sentences, each cited.

Every sentence of the retrieved chunks is scored against the question by
meaning (embedding similarity) and by the rarer words they share (IDF-weighted
overlap). The best sentence is the answer. It declines, citing nothing, when
the question names something the corpus never mentions (a person, an acronym,
a number) or when no sentence is close enough.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from langchain_core.documents import Document

from ..answer import DECLINE, Answer, sources_for
from ..citations import cite
from ..embeddings import SentenceEmbeddings
from ..lexical import LexicalIndex, terms
from ..settings import Settings
from ..store import Corpus
from ..text import Span, sentences
from . import register

# Words that frame a question about coverage rather than say what it is about.
FRAMING = frozenset(terms("say said says tell told think thought mention mentioned report reported according happen"))
SEMANTIC_WEIGHT = 0.5
MIN_SCORE = 0.3


@dataclass
class Candidate:
    article_id: str
    chunk_id: str
    span: Span
    text: str
    rank: int
    score: float = 0.0


@register("extractive")
def create(settings: Settings, embeddings: SentenceEmbeddings) -> ExtractiveAnswerer:
    return ExtractiveAnswerer(embeddings)


class ExtractiveAnswerer:
    name = "extractive"

    def __init__(self, embeddings: SentenceEmbeddings) -> None:
        self.embeddings = embeddings
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()  # sentence -> vector, least recent first
        self._lock = threading.Lock()  # the API answers from several threads

    def answer(self, question: str, documents: list[Document], corpus: Corpus) -> Answer:
        candidates = self._candidates(documents, corpus)
        if not candidates or _names_unknown_things(question, corpus.lexical):
            return self._decline(question, corpus)
        self._score(question, candidates, corpus)
        best = max(candidates, key=lambda candidate: candidate.score)
        if best.score < MIN_SCORE:
            return self._decline(question, corpus)
        citation = cite(corpus, best.article_id, best.chunk_id, best.span, marker=1)
        return Answer(
            question=question,
            text=f"{citation.quote} [1]",
            citations=[citation],
            sources=sources_for([citation]),
            answered=True,
            corpus=corpus.name,
            answerer=self.name,
        )

    def _decline(self, question: str, corpus: Corpus) -> Answer:
        return Answer(question=question, text=DECLINE, answered=False, corpus=corpus.name, answerer=self.name)

    def _candidates(self, documents: list[Document], corpus: Corpus) -> list[Candidate]:
        seen: set[tuple[str, int]] = set()
        candidates = []
        for rank, document in enumerate(documents):
            article = corpus.articles[document.metadata["article_id"]]
            start, end = document.metadata["start"], document.metadata["end"]
            for span in _sentences(article.text):
                if span.start >= start and span.end <= end and (article.id, span.start) not in seen:
                    seen.add((article.id, span.start))
                    candidates.append(
                        Candidate(article.id, document.metadata["chunk_id"], span, span.of(article.text), rank)
                    )
        return candidates

    def _score(self, question: str, candidates: list[Candidate], corpus: Corpus) -> None:
        wanted = {term: corpus.lexical.idf(term) for term in terms(question) if term not in FRAMING}
        total = sum(wanted.values()) or 1.0
        vectors = self._embed([question] + [candidate.text for candidate in candidates])
        similarities = vectors[1:] @ vectors[0]
        for candidate, similarity in zip(candidates, similarities, strict=False):
            present = set(terms(candidate.text))
            overlap = sum(weight for term, weight in wanted.items() if term in present) / total
            candidate.score = SEMANTIC_WEIGHT * float(similarity) + (1 - SEMANTIC_WEIGHT) * overlap

    def _embed(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            missing = [text for text in dict.fromkeys(texts) if text not in self._vectors]
        computed = dict(zip(missing, self.embeddings.encode(missing), strict=True))
        with self._lock:
            self._vectors.update(computed)
            vectors = [computed[text] if text in computed else self._vectors[text] for text in texts]
            for text in texts:
                self._vectors.move_to_end(text)
            while len(self._vectors) > 20000:
                self._vectors.popitem(last=False)
        return np.stack(vectors)


@lru_cache(maxsize=4096)
def _sentences(text: str) -> tuple[Span, ...]:
    return tuple(sentences(text))


_NAMED = re.compile(r"\b(?:[A-Z][\w'\-]*|\d[\d,.]*)")


def _names_unknown_things(question: str, lexical: LexicalIndex) -> bool:
    """True when the question names something the corpus never uses.

    A name here is a capitalised word other than the first, an acronym or a number.
    """
    words = _NAMED.findall(question)
    if words and question.lstrip().startswith(words[0]):
        words = words[1:]
    return any(lexical.idf(term) == 0.0 for word in words for term in terms(word))
