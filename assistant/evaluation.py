"""Measuring answer quality: run a question set through the `Assistant` and score it.

A question set is JSONL (see shared/README.md): `question`, `answerable`,
`expect_any`, and `evidence` (a string, or a list that must all be found) or
`evidence_any`. Scoring is split from running, so a results file can be
re-scored (and the metrics unit-tested) without a model.
"""

from __future__ import annotations

import hashlib
import json
import re
import statistics
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from .chain import Assistant
from .citations import is_valid


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    answerable: bool
    type: str
    expect_any: list[str]
    evidence: list[str]
    evidence_mode: str  # "all" or "any"

    @classmethod
    def from_dict(cls, row: dict) -> Question:
        if "evidence_any" in row:
            evidence, mode = list(row["evidence_any"]), "any"
        else:
            raw = row.get("evidence") or []
            evidence, mode = ([raw] if isinstance(raw, str) else list(raw)), "all"
        answerable = bool(row.get("answerable", True))
        return cls(
            id=str(row["id"]),
            question=row["question"],
            answerable=answerable,
            type=row.get("type") or ("answerable" if answerable else "unanswerable"),
            # A gold answer written as a sentence ("Google.") ends in punctuation, not in part of the answer.
            expect_any=[answer.strip().removesuffix(".").strip() for answer in row.get("expect_any") or []],
            evidence=evidence,
            evidence_mode=mode,
        )


def load_questions(path: Path) -> list[Question]:
    questions = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                questions.append(Question.from_dict(json.loads(line)))
            except (json.JSONDecodeError, KeyError, TypeError) as error:
                raise ValueError(f"{path}:{number}: not a question ({error}); see shared/README.md") from None
    return questions


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def found(evidence: list[str], mode: str, texts: Iterable[str]) -> bool:
    """Whether the evidence is in the texts: every string (mode 'all') or any string ('any')."""
    haystack = [_norm(text) for text in texts]
    hits = [any(_norm(needle) in text for text in haystack) for needle in evidence]
    return bool(hits) and (all(hits) if mode == "all" else any(hits))


def first_hit_rank(evidence: list[str], mode: str, chunks: list[str]) -> int | None:
    """1-based rank at which the retrieved chunks first hold the evidence, or None."""
    for rank in range(1, len(chunks) + 1):
        if found(evidence, mode, chunks[:rank]):
            return rank
    return None


def rank_metrics(ranks: list[int | None]) -> tuple[float | None, float | None]:
    """hit@k and MRR from each question's first-hit rank (None: not retrieved); None for no questions."""
    if not ranks:
        return None, None
    return _share([rank is not None for rank in ranks]), statistics.fmean(1 / rank if rank else 0.0 for rank in ranks)


def quote_matches(quote: str, evidence: list[str]) -> bool:
    """A citation is precise when its quote contains, lies within, or shares most words with some evidence."""
    quote_norm = _norm(quote)
    quote_words = set(re.findall(r"\w+", quote_norm))
    for needle in evidence:
        needle_norm = _norm(needle)
        if needle_norm in quote_norm or quote_norm in needle_norm:
            return True
        needle_words = set(re.findall(r"\w+", needle_norm))
        if needle_words and len(needle_words & quote_words) / len(needle_words) >= 0.6:
            return True
    return False


def run_question(assistant: Assistant, question: Question, corpus: str, k: int, answerer: str | None) -> dict:
    """Ask one question; record what retrieval and the answer did, with timings."""
    retrieved = assistant.retriever(corpus).model_copy(update={"k": k}).invoke(question.question)
    started = time.perf_counter()
    answer = assistant.ask(question.question, corpus=corpus, answerer=answerer)
    seconds = time.perf_counter() - started
    loaded = assistant.store.corpus(corpus)
    return {
        "id": question.id,
        "question": question.question,
        "type": question.type,
        "answerable": question.answerable,
        "expect_any": question.expect_any,
        "evidence": question.evidence,
        "evidence_mode": question.evidence_mode,
        "retrieved": [document.page_content for document in retrieved],
        "answer": answer.text,
        "short_answer": answer.short_answer,
        "answered": answer.answered,
        "citations": [
            {
                **citation.model_dump(include={"marker", "article_id", "start", "end", "quote"}),
                "valid": is_valid(citation, loaded),
            }
            for citation in answer.citations
        ],
        "seconds": seconds,
    }


VERDICTS = frozenset("yes no before after same consistent inconsistent".split())


def correct(result: dict) -> bool:
    """Answered with an expected answer, or rightly declined.

    A verdict ("Yes", "before") must be the short answer's own word: as a substring, "no" would be
    found in "not" and "Nov". Any other answer may be in the short answer or the cited sentences.
    """
    if not result["answerable"]:
        return not result["answered"] and not result["citations"]
    if not result["answered"]:
        return False
    expected = [e.lower().strip() for e in result["expect_any"]]
    if expected and all(e in VERDICTS for e in expected):
        words = set(re.findall(r"[a-z]+", (result.get("short_answer") or "").lower()))
        return any(e in words for e in expected)
    said = f"{result.get('short_answer') or ''} {result['answer']}".lower()
    return any(e in said for e in expected)


def short_correct(result: dict) -> bool | None:
    """Whether an answerable question's short answer holds an expected answer; None where no short answer was
    given (declined, or a question no phrase answers: "why …?") or none is expected.

    `correct` also reads the cited sentences, which may hold the expected answer beside a wrong short one
    ("Simona Halep defeated Serena Williams …" cited under "Serena Williams", asked who won): this reads
    only what the reader puts first."""
    if not result["answerable"] or not result.get("short_answer") or not result["expect_any"]:
        return None
    return correct({**result, "answer": ""})


def paper_retrieval(results: list[dict]) -> dict[str, float | None]:
    """MultiHop-RAG's retrieval metrics (Tang & Yang 2024) over the retrieved chunks, as its paper defines them.

    A chunk is relevant when any gold fact, spaces and newlines removed, lies inside it (spaces removed too);
    Hits@k: a relevant chunk among the first k; MRR@10: 1 / the rank of the first; MAP@10: the precision at
    each rank that finds gold facts not found before, counting those facts, summed and divided by the number
    of facts (at most 10). Evidence recall@k is the share of gold facts found in the first k chunks.
    Questions without evidence (unanswerable ones) are left out.
    """
    scored = [r for r in results if r["answerable"] and r["evidence"]]
    if not scored:
        return {"hits_at_4": None, "hits_at_10": None, "mrr_at_10": None, "map_at_10": None, "evidence_recall": None}
    hits4, hits10, reciprocal, average, recall = [], [], [], [], []
    for result in scored:
        gold = [_unspaced(fact) for fact in result["evidence"]]
        chunks = [_unspaced(chunk) for chunk in result["retrieved"][:10]]
        relevant = [paper_relevant(result["evidence"], chunk) for chunk in result["retrieved"][:10]]
        first = next((rank for rank, hit in enumerate(relevant, start=1) if hit), None)
        found: set[str] = set()
        precision = 0.0
        for rank, chunk in enumerate(chunks, start=1):
            new = {fact for fact in gold if fact in chunk} - found
            if relevant[rank - 1]:
                precision += len(new) / rank
            found |= new
        hits4.append(any(relevant[:4]))
        hits10.append(any(relevant))
        reciprocal.append(1 / first if first else 0.0)
        average.append(precision / min(len(gold), 10))
        recall.append(len(found) / len(gold))
    return {
        "hits_at_4": statistics.fmean(hits4),
        "hits_at_10": statistics.fmean(hits10),
        "mrr_at_10": statistics.fmean(reciprocal),
        "map_at_10": statistics.fmean(average),
        "evidence_recall": statistics.fmean(recall),
    }


def paper_relevant(evidence: list[str], chunk: str) -> bool:
    """Whether a chunk is relevant as MultiHop-RAG defines it: a gold fact, spaces removed, lies inside it."""
    text = _unspaced(chunk)
    return any(_unspaced(fact) in text for fact in evidence)


def _unspaced(text: str) -> str:
    return text.replace(" ", "").replace("\n", "")


def score(results: list[dict]) -> dict:
    """Metrics overall and per question type (see the module docstring for the definitions)."""
    groups: dict[str, list[dict]] = {"overall": results}
    for result in results:
        groups.setdefault(result["type"], []).append(result)
    return {name: _score_group(group) for name, group in groups.items()}


def _score_group(results: list[dict]) -> dict:
    answerable = [r for r in results if r["answerable"]]
    unanswerable = [r for r in results if not r["answerable"]]
    with_evidence = [r for r in answerable if r["evidence"]]
    hit_at_k, mrr = rank_metrics(
        [first_hit_rank(r["evidence"], r["evidence_mode"], r["retrieved"]) for r in with_evidence]
    )
    citations = [(r, c) for r in answerable for c in r["citations"]]
    all_citations = [c for r in results for c in r["citations"]]
    seconds = [r["seconds"] for r in results]
    return {
        "questions": len(results),
        "answerable": len(answerable),
        "unanswerable": len(unanswerable),
        "hit_at_k": hit_at_k,
        "mrr": mrr,
        "answer_accuracy": _share([correct(r) for r in answerable]),
        "short_accuracy": _share([flag for flag in map(short_correct, answerable) if flag is not None]),
        "citation_precision": _share([quote_matches(c["quote"], r["evidence"]) for r, c in citations]),
        "citation_validity": _share([c["valid"] for c in all_citations]),
        "abstention": _share([correct(r) for r in unanswerable]),
        "false_decline": _share([not r["answered"] for r in answerable]),
        "latency_p50": percentile(seconds, 50),
        "latency_p95": percentile(seconds, 95),
        **paper_retrieval(results),
    }


def _share(flags: list[bool]) -> float | None:
    return sum(flags) / len(flags) if flags else None


def percentile(values: list[float], percent: float) -> float | None:
    """The value below which `percent` of `values` lie, interpolated between neighbours; None for none."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * percent / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def evaluate(
    assistant: Assistant,
    questions: list[Question],
    corpus: str,
    k: int,
    answerer: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[list[dict], dict]:
    results = []
    for number, question in enumerate(questions, start=1):
        results.append(run_question(assistant, question, corpus, k, answerer))
        if progress:
            progress(number, len(questions))
    return results, score(results)


METRICS = [
    ("hit_at_k", "hit@k"),
    ("mrr", "MRR"),
    ("answer_accuracy", "accuracy"),
    ("short_accuracy", "short ans."),
    ("citation_precision", "cite prec."),
    ("citation_validity", "cite valid"),
    ("abstention", "abstain"),
    ("false_decline", "false decl."),
    ("latency_p50", "p50 s"),
    ("latency_p95", "p95 s"),
    ("hits_at_4", "Hits@4"),
    ("hits_at_10", "Hits@10"),
    ("mrr_at_10", "MRR@10"),
    ("map_at_10", "MAP@10"),
    ("evidence_recall", "ev. recall"),
]


def three_places(value: float | None) -> str:
    """A metric as the tables print it: three decimals, or "-" where it does not apply."""
    return "-" if value is None else f"{value:.3f}"


def table(metrics: dict) -> str:
    """A plain-text table: one row per group, one column per metric."""
    header = ["group", "n"] + [label for _, label in METRICS]
    rows = [header]
    for group, values in metrics.items():
        cells = [group, str(values["questions"])]
        cells += [three_places(values[key]) for key, _ in METRICS]
        rows.append(cells)
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    return "\n".join("  ".join(cell.rjust(width) for cell, width in zip(row, widths, strict=True)) for row in rows)


def code_measured() -> dict[str, str]:
    """Which code a run measured: the package's folder and a digest of its sources and fitted weights.

    A figure is worth only as much as knowing what produced it. Two runs of different code read as noise
    between runs: a package edited between them, or imported from another folder than meant (`python -m`
    puts the working directory first on the import path, ahead of PYTHONPATH)."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".json") and path.is_file():
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(path.read_bytes())
    return {"package": str(package), "digest": digest.hexdigest()[:12]}


def write_outputs(folder: Path, results: list[dict], metrics: dict, meta: dict) -> None:
    """results.json (metrics), results.jsonl (per question) and report.html (with a chart)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "results.json").write_text(json.dumps({**meta, "metrics": metrics}, indent=2))
    with (folder / "results.jsonl").open("w", encoding="utf-8") as handle:
        for result in results:
            row = {key: value for key, value in result.items() if key != "retrieved"}
            handle.write(
                json.dumps(
                    {**row, "correct": correct(result), "short_correct": short_correct(result)}, ensure_ascii=False
                )
                + "\n"
            )
    _write_report(folder, results, metrics, meta)


def _write_report(folder: Path, results: list[dict], metrics: dict, meta: dict) -> None:
    import base64
    import io
    from html import escape

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    shares = [(label, key) for key, label in METRICS if not key.startswith("latency") and not key.endswith("_10")]
    figure, axis = plt.subplots(figsize=(9, 3.6))
    groups = list(metrics)
    width = 0.8 / len(groups)
    for index, group in enumerate(groups):
        values = [metrics[group][key] or 0.0 for _, key in shares]
        axis.bar([i + index * width for i in range(len(shares))], values, width, label=group)
    axis.set_xticks([i + width * (len(groups) - 1) / 2 for i in range(len(shares))], [label for label, _ in shares])
    axis.set_ylim(0, 1.05)
    axis.legend(fontsize=8)
    axis.set_title(f"{meta.get('questions_file', '')} on corpus {meta.get('corpus', '')}")
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110)
    plt.close(figure)
    chart = base64.b64encode(buffer.getvalue()).decode()
    rows = "".join(
        f"<tr><td>{'&#10003;' if correct(r) else '&#10007;'}</td><td>{escape(r['id'])}</td>"
        f"<td>{escape(r['question'])}</td><td><b>{escape(r.get('short_answer') or '')}</b></td>"
        f"<td>{escape(r['answer'])}</td><td>{'yes' if r['answered'] else 'no'}</td><td>{r['seconds']:.2f}</td></tr>"
        for r in results
    )
    html = (
        "<!doctype html><meta charset='utf-8'><title>Evaluation report</title>"
        "<style>body{font-family:sans-serif;margin:2em}td,th{border:1px solid #ccc;padding:4px;vertical-align:top}"
        "table{border-collapse:collapse}pre{background:#f6f6f6;padding:1em}</style>"
        f"<h1>Evaluation report</h1><p>{escape(json.dumps(meta))}</p>"
        f"<img alt='metrics chart' src='data:image/png;base64,{chart}'>"
        f"<pre>{escape(table(metrics))}</pre>"
        "<table><tr><th></th><th>id</th><th>question</th><th>short answer</th><th>answer</th><th>answered</th>"
        "<th>s</th></tr>"
        f"{rows}</table>"
    )
    (folder / "report.html").write_text(html, encoding="utf-8")
