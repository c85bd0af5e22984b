"""The evaluation harness: metrics checked on hand-made results, and the seed targets on the real run."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import assistant
from assistant import evaluation
from assistant.evaluation import Question, first_hit_rank, found, load_questions, quote_matches, score

from .conftest import SEED_DEV


def result(**fields) -> dict:
    base = {
        "id": "q",
        "question": "?",
        "type": "answerable",
        "answerable": True,
        "expect_any": ["Halep"],
        "evidence": ["Simona Halep won"],
        "evidence_mode": "all",
        "retrieved": [],
        "answer": "",
        "answered": True,
        "citations": [],
        "seconds": 1.0,
    }
    return {**base, **fields}


def cite(quote: str, valid: bool = True) -> dict:
    return {"marker": 1, "article_id": "a", "start": 0, "end": len(quote), "quote": quote, "valid": valid}


HAND_MADE = [
    # hit at rank 1, right answer, one precise citation
    result(
        retrieved=["Simona Halep won the final.", "other"],
        answer="Simona Halep won the final. [1]",
        citations=[cite("Simona Halep won the final.")],
        seconds=1.0,
    ),
    # hit at rank 2, wrong answer, one imprecise and invalid citation
    result(
        retrieved=["nothing here", "simona  HALEP won again"],
        answer="Serena Williams lost. [1]",
        citations=[cite("Serena Williams lost.", valid=False)],
        seconds=2.0,
    ),
    # no hit, wrongly declined
    result(retrieved=["nothing"], answer="The coverage doesn't say.", answered=False, seconds=3.0),
    # unanswerable, declined: counts for abstention
    result(type="unanswerable", answerable=False, expect_any=[], evidence=[], answered=False, seconds=4.0),
    # unanswerable, answered with a citation: an abstention failure
    result(
        type="unanswerable",
        answerable=False,
        expect_any=[],
        evidence=[],
        answer="Made up. [1]",
        citations=[cite("Made up.")],
        seconds=5.0,
    ),
]


def test_metrics_on_a_hand_made_results_file():
    metrics = score(HAND_MADE)
    overall = metrics["overall"]
    assert overall["questions"] == 5 and overall["answerable"] == 3 and overall["unanswerable"] == 2
    assert overall["hit_at_k"] == pytest.approx(2 / 3)
    assert overall["mrr"] == pytest.approx((1 + 1 / 2 + 0) / 3)
    assert overall["answer_accuracy"] == pytest.approx(1 / 3)
    assert overall["citation_precision"] == pytest.approx(1 / 2)  # over answerable questions' citations
    assert overall["citation_validity"] == pytest.approx(2 / 3)  # over every citation
    assert overall["abstention"] == pytest.approx(1 / 2)
    assert overall["false_decline"] == pytest.approx(1 / 3)
    assert overall["latency_p50"] == pytest.approx(3.0)
    assert overall["latency_p95"] == pytest.approx(4.8)
    assert metrics["unanswerable"]["hit_at_k"] is None and metrics["unanswerable"]["abstention"] == 0.5


def test_evidence_lists_need_every_string_and_evidence_any_needs_one():
    chunks = ["Alpha fact.", "Beta fact."]
    assert found(["alpha", "beta"], "all", chunks)
    assert not found(["alpha", "gamma"], "all", chunks)
    assert found(["alpha", "gamma"], "any", chunks)
    assert first_hit_rank(["alpha", "beta"], "all", chunks) == 2
    assert first_hit_rank(["gamma"], "any", chunks) is None


def test_a_citation_is_precise_when_it_contains_lies_within_or_mostly_shares_the_evidence():
    evidence = ["peace and stability across the Taiwan Strait"]
    assert quote_matches("Blinken stressed peace and stability across the Taiwan Strait.", evidence)
    assert quote_matches("stability across the Taiwan", evidence)
    assert quote_matches("peace and stability across the whole Taiwan Strait", evidence)
    assert not quote_matches("Russia's war against Ukraine", evidence)


def test_question_files_accept_evidence_strings_lists_and_evidence_any(tmp_path):
    path = tmp_path / "q.jsonl"
    path.write_text(
        '{"id": "a", "question": "A?", "answerable": true, "expect_any": ["x"], "evidence": "one"}\n'
        '{"id": "b", "question": "B?", "answerable": true, "expect_any": ["x"], "evidence": ["one", "two"]}\n'
        '{"id": "c", "question": "C?", "answerable": true, "expect_any": ["x"], "evidence_any": ["one", "two"]}\n'
        '{"id": "d", "question": "D?", "answerable": false, "type": "null_query"}\n'
    )
    questions = load_questions(path)
    assert [(q.evidence, q.evidence_mode) for q in questions] == [
        (["one"], "all"),
        (["one", "two"], "all"),
        (["one", "two"], "any"),
        ([], "all"),
    ]
    assert questions[3] == Question("d", "D?", False, "null_query", [], [], "all")


def test_a_broken_question_file_names_the_line(tmp_path):
    path = tmp_path / "q.jsonl"
    path.write_text('{"id": "a", "question": "A?"}\n{broken\n')
    with pytest.raises(ValueError, match=r"q.jsonl:2"):
        load_questions(path)


def test_eval_on_the_seed_questions_writes_its_figures_and_report(tmp_path):
    out = tmp_path / "out"
    command = [str(Path(sys.executable).parent / "assistant"), "--data-dir", str(tmp_path / "data")]
    run = subprocess.run(
        [*command, "eval", str(SEED_DEV), "--out", str(out)], capture_output=True, text=True, timeout=600, check=False
    )
    assert run.returncode == 0, run.stderr
    assert "accuracy" in run.stdout and "overall" in run.stdout
    assert "in-sample" in run.stdout  # the reader was fitted on these questions, and says so
    written = json.loads((out / "results.json").read_text())
    metrics = written["metrics"]["overall"]
    assert written["code"]["package"] == str(Path(assistant.__file__).resolve().parent)  # which code was measured
    assert len(written["code"]["digest"]) == 12
    assert metrics["citation_validity"] == 1.0
    assert metrics["answer_accuracy"] >= 0.75  # in-sample floor; `assistant fit` reports cross-validated figures
    rows = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    assert len(rows) == 10 and all("citations" in row and "correct" in row and "short_answer" in row for row in rows)
    report = (out / "report.html").read_text()
    assert "<img" in report and "&#10003;" in report


def test_a_verdict_counts_only_as_the_short_answers_own_word():
    from assistant.evaluation import correct

    said = result(expect_any=["no"], answer="It was not in Nov. [1]", short_answer="Yes")
    assert not correct(said)  # "no" inside "not" or "Nov" is not the verdict
    assert correct({**said, "short_answer": "No"})
    assert correct(result(expect_any=["before"], short_answer="Before: TechCrunch, Oct 12 [1]"))
    assert not correct(result(expect_any=["Yes"], short_answer=None, answer="Yes, they did. [1]"))


def test_the_short_answer_is_scored_on_its_own_words():
    """A cited sentence holding the winner does not make a short answer naming the one beaten right."""
    from assistant.evaluation import correct, short_correct

    beaten = result(
        expect_any=["Simona Halep"],
        short_answer="Serena Williams",
        answer="Simona Halep defeated Serena Williams in the final. [1]",
    )
    assert correct(beaten) and short_correct(beaten) is False
    assert short_correct({**beaten, "short_answer": "Simona Halep"}) is True
    assert short_correct({**beaten, "short_answer": None}) is None  # a "why" question has none
    assert score([beaten, {**beaten, "short_answer": "Simona Halep"}])["overall"]["short_accuracy"] == 0.5


def test_retrieval_metrics_follow_the_multihop_rag_definitions():
    from assistant.evaluation import paper_retrieval

    facts = ["Apple sued Epic", "Epic won the appeal"]
    retrieved = (
        ["noise"] * 2 + ["In May Apple  sued Epic."] + ["noise"] * 3 + ["Epic won the\nappeal in June."] + ["noise"] * 5
    )
    metrics = paper_retrieval([result(evidence=facts, retrieved=retrieved)])
    assert metrics["hits_at_4"] == 1.0 and metrics["hits_at_10"] == 1.0
    assert metrics["mrr_at_10"] == pytest.approx(1 / 3)
    assert metrics["map_at_10"] == pytest.approx((1 / 3 + 1 / 7) / 2)
    assert metrics["evidence_recall"] == 1.0
    late = paper_retrieval([result(evidence=facts, retrieved=["noise"] * 5 + ["Epic won the appeal."])])
    assert late["hits_at_4"] == 0.0 and late["hits_at_10"] == 1.0 and late["evidence_recall"] == 0.5
    assert paper_retrieval([result(answerable=False, evidence=[])])["hits_at_10"] is None


def test_a_gold_answer_written_as_a_sentence_is_matched_without_its_full_stop(tmp_path):
    path = tmp_path / "q.jsonl"
    path.write_text('{"id": "a", "question": "Which company?", "expect_any": ["Google.", "U.S. Steel"]}\n')
    (question,) = load_questions(path)
    assert question.expect_any == ["Google", "U.S. Steel"]


def test_the_code_measured_is_told_apart_by_its_sources(tmp_path, monkeypatch):
    """Two copies of the package digest alike; an edit to either tells them apart."""
    for name in ("first", "second"):
        shutil.copytree(
            Path(evaluation.__file__).parent,
            tmp_path / name / "assistant",
            ignore=shutil.ignore_patterns("__pycache__"),
        )

    def measured(name: str) -> dict[str, str]:
        monkeypatch.setattr(evaluation, "__file__", str(tmp_path / name / "assistant" / "evaluation.py"))
        return evaluation.code_measured()

    assert measured("first")["digest"] == measured("second")["digest"]
    assert measured("first")["package"] != measured("second")["package"]
    (tmp_path / "second" / "assistant" / "reader.py").write_text("# edited\n", encoding="utf-8")
    assert measured("first")["digest"] != measured("second")["digest"]
