"""Hybrid retrieval as a LangChain retriever: dense (Chroma) and BM25, fused by reciprocal rank.

Each returned `Document` is a chunk; its metadata names the article (id,
title, date, source, url), the chunk's offsets into the article, and the
fused score with the rank each search gave it.
"""

from __future__ import annotations

import numpy as np
from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from .embeddings import SentenceEmbeddings
from .store import Corpus, Store


class HybridRetriever(BaseRetriever):
    model_config = ConfigDict(arbitrary_types_allowed=True)

    store: Store
    embeddings: SentenceEmbeddings
    corpus: str
    k: int = 5
    candidate_k: int = 30
    rrf_k: int = 60

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        corpus = self.store.load(self.corpus)
        if not corpus.chunks:
            return []
        dense = self.store.dense_search(corpus, self.embeddings.embed_query(query), self.candidate_k)
        lexical = _top_lexical(corpus, query, self.candidate_k)
        fused: dict[str, dict] = {}
        for name, ranking in (("dense", [chunk_id for chunk_id, _ in dense]), ("lexical", lexical)):
            for rank, chunk_id in enumerate(ranking, start=1):
                entry = fused.setdefault(chunk_id, {"score": 0.0})
                entry["score"] += 1.0 / (self.rrf_k + rank)
                entry[f"{name}_rank"] = rank
        best = sorted(fused.items(), key=lambda item: item[1]["score"], reverse=True)[: self.k]
        return [to_document(corpus, chunk_id, scores) for chunk_id, scores in best]


def _top_lexical(corpus: Corpus, query: str, k: int) -> list[str]:
    scores = corpus.lexical.scores(query)
    order = np.argsort(-scores, kind="stable")[:k]
    return [corpus.chunks[row].id for row in order if scores[row] > 0]


def to_document(corpus: Corpus, chunk_id: str, scores: dict) -> Document:
    chunk = corpus.chunks[corpus.rows[chunk_id]]
    article = corpus.articles[chunk.article_id]
    metadata = {
        "chunk_id": chunk.id,
        "article_id": article.id,
        "title": article.title,
        "date": article.date,
        "source": article.source,
        "url": article.url,
        "start": chunk.start,
        "end": chunk.end,
        **scores,
    }
    return Document(page_content=chunk.text, metadata=metadata, id=chunk.id)
