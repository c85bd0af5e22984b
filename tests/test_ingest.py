"""Ingest builds and updates corpora without losing anything, whatever the input."""

from __future__ import annotations

import json

import pytest

from assistant.errors import CorpusNotFound

from .conftest import ROOT, quote_found, write
from .conftest import chunk_ids as conftest_chunk_ids

GOOD = """---
title: Harbor pilots strike in Rotterdam
source: Port Gazette
date: 2024-03-02
url: https://example.org/rotterdam
---
Harbor pilots in Rotterdam walked out on Tuesday over a pension dispute, halting traffic at Europe's largest port.

"We have been patient for two years," union spokeswoman Ellen Vos said outside the harbor office.
"""


def chunk_ids(assistant, corpus="default"):
    return conftest_chunk_ids(assistant.store.corpus(corpus))


def indexed_ids(assistant, corpus="default"):
    """The chunk ids the dense index (Chroma) holds."""
    return sorted(assistant.store.index(corpus).ids())


def test_reingesting_an_unchanged_corpus_adds_and_removes_nothing(assistant):
    first = assistant.ingest(ROOT / "corpus")
    before = chunk_ids(assistant)
    again = assistant.ingest(ROOT / "corpus")
    assert (again.added, again.removed) == (0, 0)
    assert (again.articles, again.chunks) == (first.articles, first.chunks)
    assert chunk_ids(assistant) == before
    assert indexed_ids(assistant) == before


def test_ingest_adds_to_a_corpus_and_a_changed_article_replaces_its_old_version(assistant, tmp_path):
    folder = tmp_path / "news"
    write(folder, "rotterdam.md", GOOD)
    assistant.ingest(folder, "ports")
    write(tmp_path / "more", "other.txt", "Dock workers in Antwerp joined the strike on Wednesday.")
    assistant.ingest(tmp_path / "more", "ports")
    assert [d["id"] for d in assistant.store.corpus("ports").documents()] == ["other.txt", "rotterdam.md"]

    write(folder, "rotterdam.md", GOOD.replace("two years", "three years"))
    report = assistant.ingest(folder, "ports")
    assert report.added >= 1 and report.removed >= 1
    corpus = assistant.store.corpus("ports")
    assert "three years" in corpus.article("rotterdam.md").text
    assert indexed_ids(assistant, "ports") == chunk_ids(assistant, "ports")


def test_bad_files_are_reported_one_each_and_the_good_article_is_still_indexed(assistant, tmp_path):
    folder = tmp_path / "mixed"
    write(folder, "good.md", GOOD)
    write(folder, "empty.txt", "")
    write(folder, "binary.txt", b"\x00\x01\x02PK\x03\x04" * 50)
    write(folder, "latin1.txt", "Caf\xe9 owners protest".encode("latin-1"))
    write(folder, "feed.jsonl", '{"title": "ok", "text": "Ferries resumed on Friday."}\n{"title": broken\n')
    write(folder, "huge.txt", "word " * 5_000_000)
    write(folder, "laden.md", "# Notes\n\n<script>alert(1)</script>\n\nTugboats <b>idled</b> in the harbor.\n")
    report = assistant.ingest(folder, "mixed")
    problems = {p.path.removeprefix(str(folder) + "/"): p.reason for p in report.skipped}
    assert set(problems) == {"empty.txt", "binary.txt", "latin1.txt", "feed.jsonl:2", "huge.txt"}
    assert "empty" in problems["empty.txt"]
    assert "binary" in problems["binary.txt"]
    assert "UTF-8" in problems["latin1.txt"]
    assert "malformed JSON" in problems["feed.jsonl:2"]
    assert "MB limit" in problems["huge.txt"] and "ASSISTANT_MAX_FILE_MB" in problems["huge.txt"]
    corpus = assistant.store.corpus("mixed")
    assert [d["id"] for d in corpus.documents()] == ["feed.jsonl#1", "good.md", "laden.md"]
    assert "alert" not in corpus.article("laden.md").text

    answer = assistant.ask("What did Ellen Vos say?", corpus="mixed")
    assert "patient" in answer.text
    assert answer.citations[0].title == "Harbor pilots strike in Rotterdam"
    assert quote_found(answer, corpus)


def test_a_failed_file_keeps_the_version_already_indexed(assistant, tmp_path):
    folder = tmp_path / "news"
    write(folder, "rotterdam.md", GOOD)
    assistant.ingest(folder, "ports")
    write(folder, "rotterdam.md", b"\xff\xfe broken")
    report = assistant.ingest(folder, "ports")
    assert len(report.skipped) == 1
    assert "Ellen Vos" in assistant.store.corpus("ports").article("rotterdam.md").text


def test_an_ingest_killed_half_way_leaves_the_corpus_as_it_was(assistant, tmp_path):
    assistant.ingest(ROOT / "corpus")
    before = chunk_ids(assistant)
    lines = [
        json.dumps({"title": f"Story {n}", "text": f"Story number {n} is about ferry {n}. " * 40}) for n in range(300)
    ]
    write(tmp_path / "big", "feed.jsonl", "\n".join(lines))

    def killed(step, done, total):  # dies half-way through embedding, before anything is written
        if step == "embedding" and done > 0:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        assistant.ingest(tmp_path / "big", progress=killed)
    assert chunk_ids(assistant) == before == indexed_ids(assistant)
    assert "first red line" in assistant.ask("What did Wang say about Taiwan?").text


def test_a_large_ingest_stopped_part_way_keeps_its_written_batches_whole_and_resumes(settings, embeddings, tmp_path):
    from assistant import Assistant

    stories = [f"Story number {n} is about ferry {n}. " * 40 for n in range(12)]  # about 1,450 characters each
    write(
        tmp_path / "big",
        "feed.jsonl",
        "\n".join(json.dumps({"title": f"Story {n}", "text": t}) for n, t in enumerate(stories)),
    )
    assistant = Assistant(settings.model_copy(update={"ingest_batch_characters": 4_000}), embeddings)
    seen = []

    def stopped(step, done, total):  # stopped while analysing the third batch
        seen.append((step, done, total))
        if step == "analysing" and done > 6:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        assistant.ingest(tmp_path / "big", "feed", progress=stopped)
    # Progress counts over the whole ingest, never backwards within a step.
    assert {total for step, _, total in seen if step == "analysing"} == {12}
    for step in ("analysing", "embedding"):
        counts = [done for s, done, _ in seen if s == step]
        assert counts == sorted(counts)
    corpus = assistant.store.corpus("feed")
    kept = {d["id"] for d in corpus.documents()}
    assert kept == {f"feed.jsonl#{n}" for n in range(1, 7)}  # two whole batches of three
    assert chunk_ids(assistant, "feed") == indexed_ids(assistant, "feed")
    seen.clear()
    report = assistant.ingest(tmp_path / "big", "feed", progress=lambda *step: seen.append(step))
    assert {d["id"] for d in corpus.documents()} == {f"feed.jsonl#{n}" for n in range(1, 13)}
    assert sorted(report.new) == sorted(f"feed.jsonl#{n}" for n in range(7, 13))
    assert max(done for step, done, _ in seen if step == "analysing") == 6  # the rest only
    assert report.articles == 12 and chunk_ids(assistant, "feed") == indexed_ids(assistant, "feed")
    found = assistant.retriever("feed").invoke("Story number 9 is about ferry 9.")
    assert found[0].metadata["article_id"] == "feed.jsonl#10"  # line 10 holds story 9


def test_corpora_are_listed_and_deleted(assistant, tmp_path):
    write(tmp_path / "a", "one.txt", "Rail strike ends after talks.")
    assistant.ingest(tmp_path / "a", "rail")
    assistant.ingest(ROOT / "corpus")
    assert [(c.name, c.articles) for c in assistant.corpora()] == [("default", 1), ("rail", 1)]
    assistant.store.delete("rail")
    assert [c.name for c in assistant.corpora()] == ["default"]
    with pytest.raises(CorpusNotFound):
        assistant.store.corpus("rail")


def test_invalid_corpus_name_is_refused(assistant, tmp_path):
    from assistant.errors import BadInput

    write(tmp_path / "a", "one.txt", "Rail strike ends after talks.")
    with pytest.raises(BadInput, match="invalid corpus name"):
        assistant.ingest(tmp_path / "a", "../escape")


def test_an_ingest_with_nothing_readable_creates_no_corpus(assistant, tmp_path):
    report = assistant.ingest(tmp_path / "nowhere", "ghost")
    assert [p.reason for p in report.skipped] == ["no such file or folder; check the path"]
    assert assistant.corpora() == []


def test_a_two_million_character_article_is_skipped_with_its_reason_and_the_rest_indexed(assistant, tmp_path):
    from .conftest import one_paragraph

    folder = tmp_path / "batch"
    write(folder, "book.txt", one_paragraph(2_000_000))
    write(folder, "rotterdam.md", GOOD)
    report = assistant.ingest(folder, "ports")
    [problem] = report.skipped
    assert problem.path.endswith("book.txt") and "2,000,000 characters, over the 1,000,000 limit" in problem.reason
    assert report.articles == 1 and "patient" in assistant.ask("What did Ellen Vos say?", corpus="ports").text
