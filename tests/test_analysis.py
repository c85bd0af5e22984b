"""Analysis at ingest: a large batch is split into sentences by several processes, with the same result."""

from __future__ import annotations

from assistant import analysis, annotate
from assistant.documents import Article
from assistant.text import sentences


def test_a_batch_split_in_worker_processes_gives_each_article_its_own_sentences(embeddings, monkeypatch):
    monkeypatch.setattr(annotate, "PARALLEL_CHARS", 0)  # any batch counts as large
    monkeypatch.setattr(annotate.os, "cpu_count", lambda: 2)
    articles = [
        Article(
            id=f"a{n}",
            title=f"Article {n}",
            text=f'Ferry route {n} reopened on Monday. "It is back," harbor master Anna Berg said.\n\n'
            f"The U.S. Coast Guard inspected it {n} times. Repairs cost ${n}.5 million.",
        )
        for n in range(9)
    ]
    assert annotate.worker_count(1) == 2
    analysed = analysis.analyse(articles, embeddings, chunk_size=700)
    assert [item.article.id for item in analysed] == [article.id for article in articles]
    for item, article in zip(analysed, articles, strict=True):
        assert item.sentences == sentences(article.text)
        assert len(item.sentences) == 4 and len(item.sentence_vectors) == 4
