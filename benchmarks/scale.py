"""Scale benchmark: ingest, adding one article and answering, over corpora of about 1k, 10k and 100k chunks.

    python -m benchmarks.scale [--sizes 1000 10000 100000] [--data-dir DIR] [--questions 100]

The corpora come from ../shared/data/multihop-news (609 articles, about 11,500
chunks). Up to its size a corpus is its first articles, ingested by the real
pipeline (reading, spaCy, embedding, writing), and the LangChain tutorial
pipeline (benchmarks/baseline.py: split, embed with HuggingFaceEmbeddings over
the same model, Chroma) indexes the same articles in the same run, so the two
compare as a ratio of their times (their chunks differ in size and number).
Past it, the articles are repeated under new ids (text unchanged, so every copy
analyses alike): the analysis of the originals is computed once and written
again for each copy, which is how that corpus is built in reasonable time, so
its ingest row says "copies" and times only the writing.

At each size a fresh process opens the corpus and reports: question p50/p95
for retrieval alone and for the whole extractive answer (each over its own
questions from ../shared/eval/news-dev.jsonl and multihop-dev.jsonl, after
one warm-up), the
time to add one new article (median of three), its peak resident memory, and
the corpus's size on disk. Timings vary with the machine's load: compare
figures from one run.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

from assistant import Assistant, Settings
from assistant.analysis import analyse
from assistant.chunking import chunk_article
from assistant.documents import Article
from assistant.evaluation import percentile

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS = SHARED / "data" / "multihop-news" / "corpus.jsonl"
QUESTION_SETS = [SHARED / "eval" / "news-dev.jsonl", SHARED / "eval" / "multihop-dev.jsonl"]


def load_articles() -> list[Article]:
    rows = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [
        Article(id=f"mh-{number}", title=row["title"], text=row["text"], date=row.get("date"), source=row.get("source"))
        for number, row in enumerate(rows)
    ]


def take(articles: list[Article], chunks: int, size: int) -> list[Article]:
    """The first articles holding about `chunks` chunks."""
    chosen, total = [], 0
    for article in articles:
        if total >= chunks:
            break
        chosen.append(article)
        total += len(chunk_article(article, size))
    return chosen


def cpu_seconds() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def ingest(assistant: Assistant, name: str, articles: list[Article]) -> dict:
    started, cpu = time.perf_counter(), cpu_seconds()
    result = assistant.store.write(name, articles)
    return {"seconds": time.perf_counter() - started, "cpu": cpu_seconds() - cpu, "chunks": result.chunks}


def build_by_copies(assistant: Assistant, name: str, articles: list[Article], chunks: int) -> dict:
    """A corpus of about `chunks` chunks from copies of `articles`, their analysis computed once."""
    analysed = analyse(articles, assistant.embeddings, assistant.settings.chunk_size)
    per_copy = sum(len(item.chunks) for item in analysed)
    copies = max(1, round(chunks / per_copy))
    random = np.random.default_rng(0)
    started, cpu = time.perf_counter(), cpu_seconds()
    store = assistant.store
    store.write(name, [])  # makes the corpus
    for copy in range(copies):
        batch = []
        for item in analysed:
            article = replace(item.article, id=f"{item.article.id}~{copy}", title=f"{item.article.title} ({copy})")
            # Slightly moved vectors, so that copies are neighbours, not ties.
            moved = item.chunk_vectors + random.normal(0, 0.01, item.chunk_vectors.shape).astype(np.float32)
            moved /= np.linalg.norm(moved, axis=1, keepdims=True)
            batch.append(
                replace(
                    item,
                    article=article,
                    chunks=[replace(c, id=f"{c.id}~{copy}", article_id=article.id) for c in item.chunks],
                    chunk_vectors=moved,
                )
            )
        with store._write_lock(name):
            result = store._commit(name, batch, [])
    return {"seconds": time.perf_counter() - started, "cpu": cpu_seconds() - cpu, "chunks": result.chunks}


def baseline(articles: list[Article]) -> dict:
    from langchain_core.documents import Document

    from .baseline import index_documents, tutorial_embeddings

    documents = [Document(page_content=a.text, metadata={"id": a.id, "title": a.title}) for a in articles]
    embeddings = tutorial_embeddings()  # loaded before the clock starts, as ours are (main)
    embeddings.embed_query("warm-up")
    started, cpu = time.perf_counter(), cpu_seconds()
    chunks = index_documents(documents, embeddings)
    return {"seconds": time.perf_counter() - started, "cpu": cpu_seconds() - cpu, "chunks": chunks}


def questions(count: int) -> list[str]:
    asked = []
    for path in QUESTION_SETS:
        asked += [json.loads(line)["question"] for line in path.read_text().splitlines() if line.strip()]
    return asked[:count]


def measure(data_dir: Path, name: str, count: int) -> dict:
    """Run in a fresh process: question latencies, adding one article, peak memory."""
    assistant = Assistant(Settings(data_dir=data_dir, _env_file=None))
    # Retrieval and whole answers are timed on different questions: a question asked again finds its
    # parse and its vector remembered, which a new question would not.
    asked = questions(2 * count + 1)
    retriever = assistant.retriever(name)
    assistant.warm()  # as `assistant serve` does before it listens
    assistant.ask(asked[-1], corpus=name)  # warm-up: database pages, Chroma's index
    retrieval, answer = [], []
    for question in asked[:count]:
        started = time.perf_counter()
        retriever.invoke(question)
        retrieval.append(time.perf_counter() - started)
    for question in asked[count : 2 * count]:
        started = time.perf_counter()
        assistant.ask(question, corpus=name)
        answer.append(time.perf_counter() - started)
    adds = []
    for number in range(3):
        article = Article(
            id=f"added-{number}-{time.time_ns()}",
            title=f"Ferry route {number} reopens",
            text=f"Ferry route {number} reopened on Monday after repairs, harbor master Anna Berg said. " * 20,
        )
        started = time.perf_counter()
        assistant.store.write(name, [article])
        adds.append(time.perf_counter() - started)
    peak = next(
        int(line.split()[1]) for line in Path("/proc/self/status").read_text().splitlines() if line.startswith("VmHWM")
    )
    return {
        "retrieval_p50": percentile(retrieval, 50),
        "retrieval_p95": percentile(retrieval, 95),
        "answer_p50": percentile(answer, 50),
        "answer_p95": percentile(answer, 95),
        "add_one": statistics.median(adds),
        "peak_rss_mb": peak / 1024,
    }


def disk_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--questions", type=int, default=100)
    parser.add_argument("--measure", nargs=2, metavar=("DATA_DIR", "CORPUS"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        print(json.dumps(measure(Path(args.measure[0]), args.measure[1], args.questions)))
        return

    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="scale-"))
    assistant = Assistant(Settings(data_dir=data_dir, _env_file=None))
    articles = load_articles()
    whole = sum(len(chunk_article(a, assistant.settings.chunk_size)) for a in articles)
    # The tutorial's model is loaded before its clock starts (baseline()); ours are loaded here, so that at the
    # first size too both times are of indexing, not of loading models.
    warm_up = [Article(id=f"warm-up-{n}", title="Ferry", text="Anna Berg said the ferry reopened.") for n in (1, 2)]
    analyse(warm_up, assistant.embeddings, assistant.settings.chunk_size)
    rows = []
    for size in args.sizes:
        name = f"scale-{size}"
        if size <= whole * 1.05:
            chosen = take(articles, size, assistant.settings.chunk_size)
            built = ingest(assistant, name, chosen)
            built["how"] = "pipeline"
            built["baseline"] = baseline(chosen)
        else:
            built = build_by_copies(assistant, name, articles, size)
            built["how"] = "copies"
        assistant.store.index(name).close()  # the measuring process opens the index afresh
        child = subprocess.run(
            [
                sys.executable,
                "-m",
                "benchmarks.scale",
                "--measure",
                str(data_dir),
                name,
                "--questions",
                str(args.questions),
            ],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "HF_HUB_OFFLINE": "1"},
        )
        measured = json.loads(child.stdout.strip().splitlines()[-1])
        rows.append((size, built, measured, disk_mb(assistant.store.folder(name))))
        print(_table(rows), flush=True)


def _table(rows: list) -> str:
    header = (
        "| target | chunks | built by | ingest s | CPU s | chunks/s | tutorial s, chunks/s "
        "| ingest speed, ours ÷ tutorial | add one article s | retrieval p50 / p95 ms | answer p50 / p95 ms "
        "| peak RSS MB | disk MB |"
    )
    lines = [header, "|" + "---|" * 13]
    for size, built, measured, disk in rows:
        rate = built["chunks"] / built["seconds"]
        tutorial = ratio = "-"
        if "baseline" in built:
            theirs = built["baseline"]
            tutorial = f"{theirs['seconds']:.1f}, {theirs['chunks'] / theirs['seconds']:.1f}"
            ratio = f"{theirs['seconds'] / built['seconds']:.2f}x"  # same articles: the time each took
        lines.append(
            f"| {size:,} | {built['chunks']:,} | {built['how']} | {built['seconds']:.1f} | {built['cpu']:.1f} "
            f"| {rate:.1f} | {tutorial} | {ratio} | {measured['add_one']:.2f} "
            f"| {measured['retrieval_p50'] * 1000:.0f} / {measured['retrieval_p95'] * 1000:.0f} "
            f"| {measured['answer_p50'] * 1000:.0f} / {measured['answer_p95'] * 1000:.0f} "
            f"| {measured['peak_rss_mb']:.0f} | {disk:.0f} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
