"""The rgb-news benchmark: the assistant and the LangChain tutorial baseline, side by side from one run.

    python -m benchmarks.rgb [--corpus ../shared/data/rgb-news/corpus.jsonl]
                             [--questions ../shared/eval/rgb-dev.jsonl] [--data-dir DIR] [--k 5]

Ingests the corpus as `rgb-news` (once per data dir), runs `assistant eval`'s
metrics on it, retrieves with the baseline using the same embedding model, and
prints both. Numbers, not assertions: the targets are in the issue tracker.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from assistant import Assistant, Settings
from assistant.evaluation import evaluate, load_questions, table, three_places

from .baseline import score_baseline

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

    started = time.perf_counter()
    baseline_hit, baseline_mrr, _ = score_baseline(args.corpus, questions, args.k, assistant.embeddings)
    baseline_seconds = time.perf_counter() - started

    ours = metrics["overall"]
    rows = [
        (f"hit@{args.k}", three_places(ours["hit_at_k"]), three_places(baseline_hit)),
        ("MRR", three_places(ours["mrr"]), three_places(baseline_mrr)),
        ("answer accuracy", three_places(ours["answer_accuracy"]), "-"),
        ("unanswerable declined", three_places(ours["abstention"]), "-"),
        ("citation validity", three_places(ours["citation_validity"]), "-"),
        ("seconds (ingest / questions)", f"{ingest_seconds:.1f} / {eval_seconds:.1f}", f"{baseline_seconds:.1f}"),
    ]
    print(f"\n{args.questions.name} on {args.corpus.name}, {len(questions)} questions\n")
    print(f"{'':30} {'assistant':>16} {'baseline':>10}")
    for name, mine, theirs in rows:
        print(f"{name:30} {mine:>16} {theirs:>10}")
    print("\n" + table(metrics))


if __name__ == "__main__":
    main()
