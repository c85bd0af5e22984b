"""Everything computed once per article, at ingest: sentences, chunks, entities and speakers, vectors.

A question only reads what this module wrote (through store.py): it never
splits, parses or embeds an article again. An article's analysis depends on
its text alone, so an unchanged article (same fingerprint) is never analysed
twice.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np

from .annotate import Notes, annotate, worker_count
from .chunking import Chunk, chunk_article
from .documents import Article
from .embeddings import SentenceEmbeddings
from .text import Span, sentences

Progress = Callable[[str, int, int], None]
"""Called as progress(step, done, total) during long work."""


@dataclass
class Analysed:
    """One article with everything a question will read about it."""

    article: Article
    fingerprint: str
    sentences: list[Span]
    chunks: list[Chunk]
    notes: Notes
    sentence_vectors: np.ndarray  # one row per sentence, normalised
    chunk_vectors: np.ndarray  # one row per chunk, normalised


def fingerprint(article: Article) -> str:
    """Changes whenever anything stored about the article would."""
    return hashlib.sha256(json.dumps(article.to_dict(), sort_keys=True).encode()).hexdigest()[:32]


def analyse(
    articles: list[Article], embeddings: SentenceEmbeddings, chunk_size: int, progress: Progress | None = None
) -> list[Analysed]:
    """Analyse articles together (spaCy and the embedding model work faster in batches)."""
    return [item for batch in analyse_in_batches(articles, embeddings, chunk_size, progress) for item in batch]


def analyse_in_batches(
    articles: list[Article],
    embeddings: SentenceEmbeddings,
    chunk_size: int,
    progress: Progress | None = None,
    batch_characters: int | None = None,
) -> Iterator[list[Analysed]]:
    """The articles' analyses, in order, a batch of about `batch_characters` of text at a time (all at once if
    None): a caller writing each batch as it comes holds one batch's parses and vectors in memory, not an
    archive's, and keeps what it wrote if stopped. Every article's sentences and chunks are found first
    (positions, and the chunks' text: about the size of the text itself), so that progress counts over all
    the articles and chunks, not per batch."""
    progress = progress or (lambda step, done, total: None)
    spans = _sentences([article.text for article in articles])
    chunks = [
        chunk_article(article, chunk_size, article_spans)
        for article, article_spans in zip(articles, spans, strict=True)
    ]
    total_chunks = sum(len(article_chunks) for article_chunks in chunks)
    read = embedded = 0
    for batch in _batches(articles, batch_characters):
        notes = annotate(
            [articles[a] for a in batch],
            lambda done, total, read=read: progress("analysing", read + done, len(articles)),
            [spans[a] for a in batch],
        )
        vectors = _embed(
            embeddings, [chunks[a] for a in batch], [spans[a] for a in batch], embedded, total_chunks, progress
        )
        yield [
            Analysed(
                article=articles[a],
                fingerprint=fingerprint(articles[a]),
                sentences=spans[a],
                chunks=chunks[a],
                notes=notes[articles[a].id],
                sentence_vectors=sentence_vectors,
                chunk_vectors=chunk_vectors,
            )
            for a, (chunk_vectors, sentence_vectors) in zip(batch, vectors, strict=True)
        ]
        del notes, vectors  # the caller holds the batch; this generator keeps none of it
        read += len(batch)
        embedded += sum(len(chunks[a]) for a in batch)


def _batches(articles: list[Article], characters: int | None) -> Iterator[list[int]]:
    """Indices of consecutive articles, about `characters` of text a batch (at least one article)."""
    batch, size = [], 0
    for index, article in enumerate(articles):
        if batch and characters is not None and size + len(article.text) > characters:
            yield batch
            batch, size = [], 0
        batch.append(index)
        size += len(article.text)
    if batch:
        yield batch


def _embed(
    embeddings: SentenceEmbeddings,
    chunks: list[list[Chunk]],
    spans: list[list[Span]],
    before: int,
    total: int,
    progress: Progress,
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Each article's chunk vectors and sentence vectors (`before` of `total` chunks already embedded)."""
    # One pass of the model over each chunk gives the chunk's vector and its sentences' (each read in
    # its context); every sentence lies within one chunk, as chunks are cut between sentences.
    flat = [(article_index, chunk) for article_index, article_chunks in enumerate(chunks) for chunk in article_chunks]
    inside = [
        [
            (span.start - chunk.start, span.end - chunk.start)
            for span in spans[a]
            if chunk.start <= span.start and span.end <= chunk.end
        ]
        for a, chunk in flat
    ]
    progress("embedding", before, total)
    chunk_vectors, sentence_parts = embeddings.encode_spans(
        [chunk.text for _, chunk in flat], inside, lambda done: progress("embedding", before + done, total)
    )
    sentence_vectors = {}
    for (a, chunk), part, vectors in zip(flat, inside, sentence_parts, strict=True):
        for (start, _), vector in zip(part, vectors, strict=True):
            sentence_vectors[(a, chunk.start + start)] = vector
    results, at = [], 0
    for a, (article_spans, article_chunks) in enumerate(zip(spans, chunks, strict=True)):
        sentences_of = np.array([sentence_vectors[(a, span.start)] for span in article_spans], dtype=np.float32)
        results.append(
            (
                chunk_vectors[at : at + len(article_chunks)],
                sentences_of.reshape(len(article_spans), embeddings.dimension),
            )
        )
        at += len(article_chunks)
    return results


def _sentences(texts: list[str]) -> list[list[Span]]:
    """Every text's sentences; pysbd is pure Python, so a large batch is split on every core."""
    processes = worker_count(sum(len(text) for text in texts))
    if processes == 1:
        return [sentences(text) for text in texts]
    # Forked workers only run pysbd, so nothing of the parent (model sessions, locks) is touched.
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        return pool.map(sentences, texts, chunksize=4)
