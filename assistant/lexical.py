"""Word-level matching: the tokenizer shared by BM25 and answer scoring, and the BM25 index.

The BM25 index (bm25s) is built once at ingest and saved beside the corpus;
queries load it, never rebuild it.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from pathlib import Path

import numpy as np

STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had
    has have having he her here hers herself him himself his how i if in into is it its itself just
    me more most my myself no nor not now of off on once only or other our ours ourselves out over own
    same she should so some such than that the their theirs them themselves then there these they
    this those through to too under until up very was we were what when where which while who whom
    why will with would you your yours yourself yourselves s t don also""".split()
)

_WORD = re.compile(r"[\w][\w\-\.']*[\w]|[\w]")


@lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return _stemmer().stemWord(word)


def terms(text: str) -> list[str]:
    """Lower-cased, stemmed content words: "U.S." stays one term, "Han's" becomes "han"."""
    result = []
    for match in _WORD.finditer(text.lower()):
        word = match.group()
        if word.endswith("'s"):
            word = word[:-2]
        word = word.strip(".'")
        if word and word not in STOPWORDS:
            result.append(stem(word))
    return result


class LexicalIndex:
    """BM25 over chunk texts, rows in the order the chunks were given."""

    def __init__(self, bm25) -> None:
        self._bm25 = bm25

    @classmethod
    def build(cls, texts: list[str]) -> LexicalIndex:
        import bm25s

        bm25 = bm25s.BM25()
        # bm25s cannot index an empty corpus or an empty document; a placeholder term keeps rows aligned.
        bm25.index([terms(text) or ["\x00"] for text in texts] or [["\x00"]], show_progress=False)
        return cls(bm25)

    @classmethod
    def load(cls, folder: Path) -> LexicalIndex:
        import bm25s

        return cls(bm25s.BM25.load(str(folder)))

    def save(self, folder: Path) -> None:
        self._bm25.save(str(folder))

    def idf(self, term: str) -> float:
        """BM25's inverse document frequency of a term (already passed through `terms`); 0 if unseen."""
        column = self._bm25.vocab_dict.get(term)
        if column is None:
            return 0.0
        indptr = self._bm25.scores["indptr"]
        frequency = int(indptr[column + 1] - indptr[column])
        documents = int(self._bm25.scores["num_docs"])
        return math.log((documents - frequency + 0.5) / (frequency + 0.5) + 1.0)

    def scores(self, query: str) -> np.ndarray:
        words = terms(query)
        if not words:  # a question of stopwords only ("Who is it?") matches no chunk by its words
            return np.zeros(int(self._bm25.scores["num_docs"]), dtype=np.float32)
        return np.asarray(self._bm25.get_scores(words), dtype=np.float32)
