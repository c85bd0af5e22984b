"""Retrieval baseline: the plain LangChain tutorial pipeline, for comparison with the assistant.

It reproduces the pipeline from the LangChain RAG tutorial with nothing tuned:
every article is split with `RecursiveCharacterTextSplitter(chunk_size=1000,
chunk_overlap=200)`, the chunks are embedded with the tutorial's
`HuggingFaceEmbeddings` (sentence-transformers on PyTorch, float32) over the
same packaged all-MiniLM-L6-v2 weights the assistant reads, stored in a fresh
`langchain_chroma.Chroma` collection (cosine space, temporary directory) and
retrieved with `similarity_search(question, k)`. A caller may pass another
embedder (benchmarks/rgb.py passes the assistant's own, so that only the
pipeline differs).

Why: it is the reference point the issue quotes, 0.875 hit@5 on
`../shared/eval/rgb-dev.jsonl` over `../shared/data/rgb-news/corpus.jsonl`;
any retrieval change should be measured against the same number, computed the
same way as `assistant.evaluation` (hit@k and MRR over answerable questions
that have evidence).

    python -m benchmarks.baseline ../shared/data/rgb-news/corpus.jsonl ../shared/eval/rgb-dev.jsonl [--k 5]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

import chromadb.config
from langchain_chroma import Chroma
from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings
from langchain_text_splitters import RecursiveCharacterTextSplitter

from assistant.embeddings import resolve_model_dir
from assistant.evaluation import Question, first_hit_rank, load_questions, rank_metrics, three_places

EMBEDDING_MODEL = "all-MiniLM-L6-v2"


def tutorial_embeddings() -> Embeddings:
    """The tutorial's embedder: LangChain's HuggingFaceEmbeddings over the packaged model folder."""
    from langchain_huggingface import HuggingFaceEmbeddings

    return HuggingFaceEmbeddings(model_name=str(resolve_model_dir(EMBEDDING_MODEL)), model_kwargs={"device": "cpu"})


def load_articles(corpus_path: Path) -> list[Document]:
    """One `Document` per JSONL line: the article text, with its id and title as metadata."""
    documents = []
    for number, line in enumerate(corpus_path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            row = json.loads(line)
            metadata = {"id": str(row.get("id", number)), "title": row.get("title") or ""}
            documents.append(Document(page_content=row["text"], metadata=metadata))
    return documents


def tutorial_index(documents: list[Document], embeddings: Embeddings, directory: str) -> tuple[Chroma, int]:
    """The tutorial's index of `documents` in `directory`, and how many chunks it holds."""
    chunks = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200).split_documents(documents)
    store = Chroma.from_documents(
        chunks,
        embedding=embeddings,
        persist_directory=directory,
        client_settings=chromadb.config.Settings(anonymized_telemetry=False),
        collection_configuration={"hnsw": {"space": "cosine"}},
    )
    return store, len(chunks)


def index_documents(documents: list[Document], embeddings: Embeddings) -> int:
    """Build the tutorial's index and throw it away (to time it); the number of chunks it held."""
    with tempfile.TemporaryDirectory(prefix="baseline-chroma-", ignore_cleanup_errors=True) as directory:
        store, count = tutorial_index(documents, embeddings, directory)
        store.delete_collection()
        return count


def baseline_retrieve(
    corpus_path: Path, questions: list[str], k: int = 5, embeddings: Embeddings | None = None
) -> list[list[str]]:
    """The top-k chunk texts for each question; the index is built once per call and thrown away."""
    embeddings = embeddings or tutorial_embeddings()
    with tempfile.TemporaryDirectory(prefix="baseline-chroma-", ignore_cleanup_errors=True) as directory:
        store, _ = tutorial_index(load_articles(corpus_path), embeddings, directory)
        try:
            return [[doc.page_content for doc in store.similarity_search(q, k=k)] for q in questions]
        finally:
            store.delete_collection()


def score_baseline(
    corpus_path: Path, questions: list[Question], k: int = 5, embeddings: Embeddings | None = None
) -> tuple[float | None, float | None, int]:
    """hit@k, MRR and how many questions they count: the answerable ones with evidence, as `assistant eval` does."""
    scored = [q for q in questions if q.answerable and q.evidence]
    retrieved = baseline_retrieve(corpus_path, [q.question for q in scored], k, embeddings)
    ranks = [first_hit_rank(q.evidence, q.evidence_mode, chunks) for q, chunks in zip(scored, retrieved, strict=True)]
    return *rank_metrics(ranks), len(scored)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="corpus JSONL (text, optional title, id)")
    parser.add_argument("questions", type=Path, help="question set JSONL (see shared/README.md)")
    parser.add_argument("--k", type=int, default=5, help="chunks retrieved per question (default 5)")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    hit, mrr, count = score_baseline(args.corpus, load_questions(args.questions), args.k)
    seconds = time.perf_counter() - started
    print(f"questions scored: {count} (answerable, with evidence)")
    print(f"hit@{args.k}: {three_places(hit)}")
    print(f"MRR:    {three_places(mrr)}")
    print(f"time:   {seconds:.1f} s (index build + retrieval)")


if __name__ == "__main__":
    main()
