"""The `assistant` command, run as a user runs it: a real process, real model, real Chroma."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, write

ASSISTANT = Path(sys.executable).parent / "assistant"


def run(*args: str, data_dir: Path, **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, "ASSISTANT_DATA_DIR": str(data_dir), "HF_HUB_OFFLINE": "1"}
    return subprocess.run([str(ASSISTANT), *args], env=env, capture_output=True, text=True, timeout=300, **kwargs)


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("cli")


def test_ask_json_prints_an_answer_citing_the_red_line(data_dir):
    result = run("ask", "What did Wang say about Taiwan?", "--json", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert any("first red line" in c["quote"] for c in answer["citations"])
    article = (ROOT / "corpus" / answer["citations"][0]["article_id"]).read_text()
    c = answer["citations"][0]
    assert c["quote"] in article and answer["sources"][0]["source"] == "Kyodo News"


def test_ingest_reports_each_bad_file_and_exits_non_zero(data_dir, tmp_path):
    folder = tmp_path / "mixed"
    write(folder, "good.txt", "The ferry line to Texel resumed service on Monday after a week of storms.")
    write(folder, "empty.md", "")
    write(folder, "bad.jsonl", "{nope}\n")
    result = run("ingest", str(folder), "--corpus", "ferries", data_dir=data_dir)
    assert result.returncode == 1
    skipped = [line for line in result.stderr.splitlines() if line.startswith("skipped ")]
    assert len(skipped) == 2
    assert any("empty.md: the file is empty" in line for line in skipped)
    assert any("bad.jsonl:1: malformed JSON" in line for line in skipped)
    assert "1 articles read, 2 skipped" in result.stdout

    listed = run("corpora", data_dir=data_dir)
    assert "ferries\t1 articles" in listed.stdout


def test_errors_are_one_line_naming_the_fix(data_dir, tmp_path):
    missing = run("ingest", str(tmp_path / "nowhere"), "--corpus", "x", data_dir=data_dir)
    assert missing.returncode == 1 and "no such file or folder" in missing.stderr

    huge = run("ask", "x" * 100_000, data_dir=data_dir)
    assert huge.returncode == 1
    assert huge.stderr.strip().count("\n") == 0 and "over the 2,000 limit" in huge.stderr

    unknown = run("ask", "Who is Kamikawa?", "--corpus", "nope", data_dir=data_dir)
    assert unknown.returncode == 1 and "assistant ingest PATH --corpus nope" in unknown.stderr


def test_chat_answers_questions_in_a_loop(data_dir):
    result = run("chat", data_dir=data_dir, input="Who is Kamikawa?\nWhat is the GDP of China?\nexit\n")
    assert result.returncode == 0, result.stderr
    assert "foreign minister Kamikawa" in result.stdout
    assert "The coverage doesn't say." in result.stdout
