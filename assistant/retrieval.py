"""Hybrid retrieval as a LangChain retriever.

Two stages: dense (Chroma) and lexical (BM25) candidates, fused by reciprocal
rank; then each candidate chunk is described by general features (reader.py)
and re-ranked by the fitted passage model.

Each returned `Document` is a chunk; its metadata names the article (id,
title, date, source, url), the chunk's offsets into the article, its rank, the
passage model's probability and the features behind it.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from . import reader
from .chunking import Chunk
from .documents import Article
from .embeddings import SentenceEmbeddings
from .lexical import bm25_idf, terms
from .question import FRAMING, Query, analyze, speaker_fits, verb_forms
from .store import Corpus, Store

_BESIDE = ThreadPoolExecutor(max_workers=8, thread_name_prefix="retrieval")


@dataclass
class Passage:
    """A candidate chunk with its article and its features."""

    chunk: Chunk
    article: Article
    features: dict[str, float]
    probability: float = 0.0


def wanted_terms(query: Query, corpus: Corpus) -> dict[str, float]:
    """The question's content words, each weighted by its rarity in the corpus (BM25's IDF).

    The name of an outlet the corpus carries is not among them: it says whose coverage is asked about,
    which the articles' metadata answers, and the outlet's own text rarely prints it. A hyphenated pair the
    corpus never writes joined ("the Sullivan-Wang talks", where the coverage writes "Sullivan and Wang")
    asks about each of its words, as question.analyze reads it as two names. An irregular verb asked in a
    form the corpus never writes ("sit down", of coverage writing "sat down") is as rare as its most used
    form, where it would otherwise weigh nothing; a word the corpus does write keeps its own rarity
    ("founded" is not "find")."""
    chunks = corpus.chunk_count()
    outlet_words = {term for outlet in corpus.outlets_in(query.text) for term in terms(outlet)}
    wanted = {}
    for term in terms(query.text):
        if term in FRAMING or term in outlet_words:
            continue
        frequency = corpus.document_frequency(term) or max(corpus.document_frequency(f) for f in verb_forms(term))
        parts = terms(term.replace("_", " ")) if not frequency and "_" in term else []
        if len(parts) > 1:
            wanted |= {part: bm25_idf(chunks, corpus.document_frequency(part)) for part in parts}
        else:
            wanted[term] = bm25_idf(chunks, frequency)
    return wanted


class HybridRetriever(BaseRetriever):
    """Dense + BM25 candidates fused by reciprocal rank, then re-ranked by the fitted passage model."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    store: Store
    embeddings: SentenceEmbeddings
    corpus: str
    k: int = 5
    candidate_k: int = 30
    rrf_k: int = 60

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        passages = self.candidates(query)
        scores = reader.weights().passage.probability([p.features for p in passages])
        for passage, score in zip(passages, scores, strict=True):
            passage.probability = float(score)
        order = sorted(range(len(passages)), key=lambda i: passages[i].probability, reverse=True)
        outlets = self.store.corpus(self.corpus).outlets_in(query)
        chosen = pick(order, [p.article.source for p in passages], outlets, self.k)
        return [to_document(passages[i], rank) for rank, i in enumerate(chosen)]

    def candidates(self, question: str) -> list[Passage]:
        """Every chunk dense or lexical search found, with its features (unranked)."""
        corpus = self.store.corpus(self.corpus)
        # Each outlet the question names is searched on its own too, so its articles are in the pool.
        outlets = corpus.outlets_in(question)
        # Finding the candidates and reading the question need nothing of each other until the candidates
        # are scored: the lexical search (in SQLite, which lets go of the GIL) and the question's parse run
        # beside its embedding, the dense searches and the reading of the chunks found, so that a question
        # waits for the longest of the three, not their sum.
        searching = _BESIDE.submit(corpus.lexical_search, question, self.candidate_k, outlets, self.candidate_k // 3)
        analysing = _BESIDE.submit(analyze, question, corpus, self.embeddings)
        vector = np.asarray(self.embeddings.embed_query(question), dtype=np.float32)
        dense = corpus.dense(vector, self.candidate_k)
        dense_by_outlet = corpus.dense_by_outlet(vector, self.candidate_k // 3, outlets)
        lexical, lexical_by_outlet = searching.result()
        rankings = [[c for c, _ in dense], [c for c, _ in lexical]]
        for outlet in outlets:
            own_dense, own_lexical = dense_by_outlet[outlet], lexical_by_outlet[outlet]
            rankings += [[c for c, _ in own_dense], [c for c, _ in own_lexical]]
            dense += own_dense
            lexical += own_lexical
        fused: dict[str, float] = {}
        for ranking in rankings:
            for rank, chunk_id in enumerate(ranking, start=1):
                fused[chunk_id] = fused.get(chunk_id, 0.0) + 1.0 / (self.rrf_k + rank)
        similarities = dict(dense)
        missing = [chunk_id for chunk_id in fused if chunk_id not in similarities]
        similarities.update({c: float(v @ vector) for c, v in corpus.chunk_vectors(missing).items()})
        bm25: dict[str, float] = {}
        for chunk_id, score in lexical:  # an outlet's own search scores its chunks on its own scale
            bm25[chunk_id] = max(bm25.get(chunk_id, 0.0), score)
        top = max(bm25.values(), default=1.0) or 1.0
        chunks = corpus.chunks(list(fused))
        present = corpus.chunk_terms(list(chunks))
        within = corpus.within(list(chunks.values()))
        articles = {article_id: corpus.article(article_id) for article_id in {c.article_id for c in chunks.values()}}
        query = analysing.result()
        wanted = wanted_terms(query, corpus)
        passages = []
        for chunk_id, chunk in chunks.items():
            article = articles[chunk.article_id]
            if article is None or chunk_id not in similarities:  # removed since it was found
                continue
            features = {
                "fused": min(fused[chunk_id] * (self.rrf_k + 1) / 2, 1.0),
                "dense": similarities[chunk_id],
                "lexical": bm25.get(chunk_id, 0.0) / top,
                "words": reader.weighted_overlap(wanted, present.get(chunk_id, frozenset())),
                "names": reader.share_present(query.names, present.get(chunk_id, frozenset())),
                "title_names": reader.share_present(query.names, set(terms(article.title))),
                "outlet": float(article.source in outlets),
                "month": reader.month_fit(query, article.date),
                **reader.year_features(query, chunk.text, article.date),
                **reader.number_features(query, chunk.text),
                "kind": reader.kind_weight(query, within.entities[chunk_id], chunk.text, chunk.start),
                "speaker": float(speaker_fits(query, within.speakers(chunk_id))),
                "head": float(query.uses_head(present.get(chunk_id, frozenset()))),
                "best_sentence": max(
                    (float(v @ vector) for _, v in within.sentences[chunk_id]), default=similarities[chunk_id]
                ),
            }
            passages.append(Passage(chunk, article, features))
        return passages


def pick(order: list[int], sources: list[str | None], outlets: list[str], k: int) -> list[int]:
    """The `k` best passages (indices, best first), keeping each named outlet's best one: a question
    naming outlets is about what each of them reported."""
    firsts = [next((i for i in order if sources[i] == outlet), None) for outlet in outlets]
    chosen = [i for i in dict.fromkeys(firsts) if i is not None][:k]
    chosen += [i for i in order if i not in chosen][: k - len(chosen)]
    return sorted(chosen, key=order.index)


def to_document(passage: Passage, rank: int) -> Document:
    chunk, article = passage.chunk, passage.article
    metadata = {
        "chunk_id": chunk.id,
        "article_id": article.id,
        "title": article.title,
        "date": article.date,
        "source": article.source,
        "url": article.url,
        "start": chunk.start,
        "end": chunk.end,
        "rank": rank,
        "passage": passage.probability,
        **passage.features,
    }
    return Document(page_content=chunk.text, metadata=metadata, id=chunk.id)
