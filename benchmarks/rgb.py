"""The rgb-news benchmark: the assistant and the LangChain tutorial baseline, side by side from one run.

    python -m benchmarks.rgb [--corpus ../shared/data/rgb-news/corpus.jsonl]
                             [--questions ../shared/eval/rgb-dev.jsonl] [--data-dir DIR] [--k 5]

Ingests the corpus as `rgb-news` (once per data dir), runs `assistant eval`'s
metrics on it, retrieves with the baseline using the same embedding model, and
prints both. Numbers, not assertions: the targets are in the issue tracker.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from assistant import Assistant, Settings
from assistant.evaluation import evaluate, first_hit_rank, load_questions, table

from .baseline import baseline_retrieve

SHARED = Path(__file__).resolve().parents[2] / "shared"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=SHARED / "data" / "rgb-news" / "corpus.jsonl")
    parser.add_argument("--questions", type=Path, default=SHARED / "eval" / "rgb-dev.jsonl")
    parser.add_argument("--data-dir", type=Path, default=None, help="keeps the index between runs")
    parser.add_argument("--k", type=int, default=5)
    args = parser.parse_args(argv)

    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="rgb-bench-"))
    assistant = Assistant(Settings(data_dir=data_dir, _env_file=None))
    started = time.perf_counter()
    if not assistant.store.exists("rgb-news"):
        report = assistant.ingest(args.corpus, "rgb-news")
        print(report.summary())
    ingest_seconds = time.perf_counter() - started

    questions = load_questions(args.questions)
    started = time.perf_counter()
    _, metrics = evaluate(assistant, questions, "rgb-news", args.k)
    eval_seconds = time.perf_counter() - started

    scored = [q for q in questions if q.answerable and q.evidence]
    started = time.perf_counter()
    retrieved = baseline_retrieve(args.corpus, [q.question for q in scored], args.k, assistant.embeddings)
    baseline_seconds = time.perf_counter() - started
    ranks = [first_hit_rank(q.evidence, q.evidence_mode, chunks) for q, chunks in zip(scored, retrieved, strict=True)]
    baseline_hit = sum(rank is not None for rank in ranks) / len(ranks)
    baseline_mrr = statistics.fmean(1 / rank if rank else 0.0 for rank in ranks)

    ours = metrics["overall"]
    rows = [
        (f"hit@{args.k}", f"{ours['hit_at_k']:.3f}", f"{baseline_hit:.3f}"),
        ("MRR", f"{ours['mrr']:.3f}", f"{baseline_mrr:.3f}"),
        ("answer accuracy", f"{ours['answer_accuracy']:.3f}", "-"),
        ("unanswerable declined", f"{ours['abstention']:.3f}", "-"),
        ("citation validity", f"{ours['citation_validity']:.3f}", "-"),
        ("seconds (ingest / questions)", f"{ingest_seconds:.1f} / {eval_seconds:.1f}", f"{baseline_seconds:.1f}"),
    ]
    print(f"\n{args.questions.name} on {args.corpus.name}, {len(questions)} questions\n")
    print(f"{'':30} {'assistant':>16} {'baseline':>10}")
    for name, mine, theirs in rows:
        print(f"{name:30} {mine:>16} {theirs:>10}")
    print("\n" + table(metrics))


if __name__ == "__main__":
    main()
