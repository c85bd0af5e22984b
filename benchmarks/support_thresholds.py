"""How well the support check separates claims cited to the right passage from claims cited to a wrong one.

    python -m benchmarks.support_thresholds [--questions ../shared/eval/seed-dev.jsonl]

For each answerable seed question, a claim is made of the question's words and its evidence, then
checked against every chunk of the default corpus: against the chunk holding the evidence it should
pass, against any other it should fail. Prints both ranges and how many pass at the current thresholds.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from assistant import Assistant, Settings
from assistant import verification as check
from assistant.evaluation import load_questions
from assistant.retrieval import to_document

SHARED = Path(__file__).resolve().parents[2] / "shared"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=Path, default=SHARED / "eval" / "seed-dev.jsonl")
    args = parser.parse_args(argv)

    assistant = Assistant(Settings(data_dir=Path(tempfile.mkdtemp(prefix="support-")), _env_file=None))
    assistant.ensure_default_corpus()
    corpus = assistant.store.corpus("default")
    documents = [
        to_document(chunk, corpus.article(listed["id"]), {})
        for listed in corpus.documents()
        for chunk in corpus.article_chunks(listed["id"])
    ]
    right, wrong = [], []
    for question in load_questions(args.questions):
        if not question.answerable or not question.evidence:
            continue
        claim = f"{question.question.rstrip('?')}: {question.evidence[0]}"
        for document in documents:
            _, similarity, overlap = check._best_match(claim, document, corpus, assistant.embeddings)
            own = question.evidence[0] in document.page_content
            (right if own else wrong).append((similarity, overlap))

    def passing(pairs: list[tuple[float, float]]) -> int:
        return sum(s >= check.MIN_SIMILARITY and o >= check.MIN_OVERLAP for s, o in pairs)

    print(f"right passage: similarity >= {min(s for s, _ in right):.3f}, overlap >= {min(o for _, o in right):.3f}")
    print(f"wrong passage: similarity <= {max(s for s, _ in wrong):.3f}, overlap <= {max(o for _, o in wrong):.3f}")
    print(
        f"at {check.MIN_SIMILARITY}/{check.MIN_OVERLAP}: {passing(right)}/{len(right)} right pass, "
        f"{passing(wrong)}/{len(wrong)} wrong pass"
    )


if __name__ == "__main__":
    main()
