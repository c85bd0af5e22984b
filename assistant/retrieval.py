"""Hybrid retrieval as a LangChain retriever.

Two stages: dense (Chroma) and BM25 candidates fused by reciprocal rank, then
re-ranked by what the question asks for (see question.py): a chunk that holds
the kind of answer wanted, states the year asked, or reports the speaker asked
about rises; one that names only a neighbouring year sinks.

Each returned `Document` is a chunk; its metadata names the article (id,
title, date, source, url), the chunk's offsets into the article, the final
score and the features behind it.
"""

from __future__ import annotations

import numpy as np
from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from .chunking import Chunk
from .documents import Article
from .embeddings import SentenceEmbeddings
from .question import Query, analyze, answers_in, constraint_fit, speaker_fits
from .store import Corpus, Store

# Weights of the second stage; tuned with `assistant eval` on the dev question sets.
W_FUSED = 1.0  # reciprocal-rank fusion of dense and BM25, scaled to [0, 1]
W_DENSE = 1.0  # cosine similarity of question and chunk
W_TYPE = 0.3  # the chunk holds an entity of the kind asked for (a person for "who" ...)
W_FIT = 0.4  # the chunk states the year/ordinal asked (+) or only others (-)
W_SPEAKER = 0.4  # the chunk reports speech by the person asked about


class HybridRetriever(BaseRetriever):
    """Dense + BM25 candidates fused by reciprocal rank, then re-ranked by what the question asks for."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    store: Store
    embeddings: SentenceEmbeddings
    corpus: str
    k: int = 5
    candidate_k: int = 30
    rrf_k: int = 60

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        corpus = self.store.corpus(self.corpus)
        vector = np.asarray(self.embeddings.embed_query(query), dtype=np.float32)
        dense = corpus.dense(vector, self.candidate_k)
        lexical = [chunk_id for chunk_id, _ in corpus.lexical(query, self.candidate_k)]
        pool: dict[str, dict] = {}
        for name, ranking in (("dense", [chunk_id for chunk_id, _ in dense]), ("lexical", lexical)):
            for rank, chunk_id in enumerate(ranking, start=1):
                entry = pool.setdefault(chunk_id, {"fused": 0.0})
                entry["fused"] += 1.0 / (self.rrf_k + rank)
                entry[f"{name}_rank"] = rank
        similarities = dict(dense)
        missing = [chunk_id for chunk_id in pool if chunk_id not in similarities]
        similarities.update({c: float(v @ vector) for c, v in corpus.chunk_vectors(missing).items()})
        chunks = corpus.chunks(list(pool))
        wanted = analyze(query)
        for chunk_id in list(pool):
            if chunk_id not in chunks or chunk_id not in similarities:  # removed since it was found
                del pool[chunk_id]
                continue
            entry = pool[chunk_id]
            entry["similarity"] = similarities[chunk_id]
            entry.update(_fit(corpus, chunks[chunk_id], wanted))
            entry["score"] = (
                W_FUSED * entry["fused"] * (self.rrf_k + 1) / 2
                + W_DENSE * entry["similarity"]
                + W_TYPE * min(entry["answers"], 1)
                + W_FIT * entry["constraint_fit"]
                + W_SPEAKER * entry["speaker_fit"]
            )
        best = sorted(pool.items(), key=lambda item: item[1]["score"], reverse=True)[: self.k]
        articles = {}
        for chunk_id, _ in best:
            article_id = chunks[chunk_id].article_id
            articles[article_id] = articles.get(article_id) or corpus.article(article_id)
        return [
            to_document(chunks[chunk_id], articles[chunks[chunk_id].article_id], scores)
            for chunk_id, scores in best
            if articles[chunks[chunk_id].article_id] is not None
        ]


def _fit(corpus: Corpus, chunk: Chunk, wanted: Query) -> dict:
    return {
        # A dated report may well be the one that answers "when", so datelines count here.
        "answers": len(
            answers_in(
                wanted,
                corpus.entities(chunk.article_id, chunk.start, chunk.end),
                chunk.text,
                chunk.start,
                datelines=True,
            )
        ),
        "constraint_fit": constraint_fit(wanted, chunk.text),
        "speaker_fit": int(speaker_fits(wanted, corpus.speakers(chunk.article_id, chunk.start, chunk.end))),
    }


def to_document(chunk: Chunk, article: Article, scores: dict) -> Document:
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
