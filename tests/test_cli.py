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


def run(*args: str, data_dir: Path, env: dict | None = None, **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, "ASSISTANT_DATA_DIR": str(data_dir), "HF_HUB_OFFLINE": "1", **(env or {})}
    return subprocess.run(
        [str(ASSISTANT), *args], env=env, capture_output=True, text=True, timeout=300, check=False, **kwargs
    )


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
    write(folder, "binary.pdf.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    write(folder, "latin1.txt", "Ca\xf1\xf3n".encode("latin-1"))
    write(folder, "bad.jsonl", "{nope}\n")
    write(folder, "huge.txt", "storm " * 4000)  # 24 KB, over the 0.02 MB limit set below
    write(folder, "laden.md", "<div onclick='x()'>Storm <script>alert(1)</script>warnings</div> were lifted.\n")
    result = run("ingest", str(folder), "--corpus", "ferries", data_dir=data_dir, env={"ASSISTANT_MAX_FILE_MB": "0.02"})
    assert result.returncode == 1
    skipped = sorted(line for line in result.stderr.splitlines() if line.startswith("skipped "))
    assert len(skipped) == 5, result.stderr
    for name, reason in [
        ("bad.jsonl:1", "malformed JSON"),
        ("binary.pdf.txt", "binary"),
        ("empty.md", "empty"),
        ("huge.txt", "over the 0.02 MB limit"),
        ("latin1.txt", "not valid UTF-8"),
    ]:
        assert any(f"{name}: " in line and reason in line for line in skipped), (name, skipped)
    assert "2 articles read, 5 skipped" in result.stdout

    listed = run("corpora", data_dir=data_dir)
    assert "ferries\t2 articles" in listed.stdout
    answer = json.loads(
        run("ask", "When did the ferry line resume?", "--corpus", "ferries", "--json", data_dir=data_dir).stdout
    )
    assert "resumed service on Monday" in answer["citations"][0]["quote"]


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


def test_serve_refuses_to_listen_beyond_loopback_without_a_key(tmp_path):
    result = run("serve", "--host", "0.0.0.0", "--port", "1", data_dir=tmp_path / "data", env={"ASSISTANT_API_KEY": ""})
    assert result.returncode == 1
    assert "ASSISTANT_API_KEY" in result.stderr and "127.0.0.1" in result.stderr
    assert not (tmp_path / "data").exists()  # refused before indexing anything


def feed(folder: Path, count: int, start: int = 0) -> Path:
    """A JSONL file of `count` short, distinct articles."""
    lines = [
        json.dumps(
            {
                "id": f"ferry-{n}",
                "title": f"Ferry route {n} reopens",
                "text": f"Ferry route {n} reopened on Monday after repairs, harbor master Anna Berg{n} said. "
                f"The crossing takes {n + 20} minutes and runs every {n + 5} minutes until midnight.",
            }
        )
        for n in range(start, start + count)
    ]
    return write(folder, f"feed-{start}.jsonl", "\n".join(lines) + "\n")


def test_an_ingest_from_the_command_line_while_the_server_answers_loses_nothing(tmp_path, embeddings):
    import threading

    import httpx

    from assistant import Assistant, Settings

    from .conftest import LiveServer, chunk_ids

    data_dir = tmp_path / "data"
    assistant = Assistant(Settings(data_dir=data_dir, _env_file=None), embeddings)
    assistant.ensure_default_corpus()
    statuses: list[int] = []
    stop = threading.Event()
    with LiveServer(assistant) as live:

        def keep_asking():
            with httpx.Client(base_url=live.url, timeout=60) as http:
                while not stop.is_set():
                    statuses.append(
                        http.post("/v1/ask", json={"question": "What did Wang say about Taiwan?"}).status_code
                    )

        asker = threading.Thread(target=keep_asking)
        asker.start()
        try:
            result = run("ingest", str(feed(tmp_path / "in", 30)), data_dir=data_dir)
            asked_during = len(statuses)
            with httpx.Client(base_url=live.url, timeout=60) as http:
                after = http.post("/v1/ask", json={"question": "What did Anna Berg7 say?"}).json()
        finally:
            stop.set()
            asker.join()
    assert result.returncode == 0, result.stderr
    assert asked_during > 0 and set(statuses) == {200}
    assert "Ferry route 7 reopened" in after["text"]
    corpus = assistant.store.corpus("default")
    assert len(corpus.documents()) == 31
    assert sorted(assistant.store.index("default").ids()) == chunk_ids(corpus)


def test_an_ingest_killed_at_any_point_leaves_the_corpus_as_before_or_after(tmp_path, embeddings):
    import signal
    import time

    from assistant import Assistant, Settings

    from .conftest import chunk_ids

    data_dir = tmp_path / "data"
    Assistant(Settings(data_dir=data_dir, _env_file=None), embeddings).ensure_default_corpus()
    folder = data_dir / "corpora" / "default"
    before = {"kyodo-2023-09-18-blinken-han-zheng.md"}
    after = before | {f"feed-0.jsonl#ferry-{n}" for n in range(60)}
    source = feed(tmp_path / "in", 60)

    def changed(path: Path, since: float) -> bool:
        return any(p.stat().st_mtime > since for p in [path, *path.rglob("*")] if p.exists())

    # Kill points: while starting up, while reading, while analysing, as the first vectors reach Chroma,
    # as the database transaction starts, and not at all.
    points = [
        ("started", lambda started, err: time.monotonic() - started > 0.2),
        ("analysing", lambda started, err: "analysing" in err),
        ("embedding", lambda started, err: "embedding" in err),
        ("chroma", lambda started, err: changed(folder / "chroma", wall)),
        ("database", lambda started, err: changed(folder / "corpus.db-wal", wall)),
    ]
    seen = []
    for name, due in points:
        env = {**os.environ, "ASSISTANT_DATA_DIR": str(data_dir), "HF_HUB_OFFLINE": "1"}
        log = tmp_path / f"{name}.err"
        wall = time.time()
        with log.open("w") as err:
            process = subprocess.Popen([str(ASSISTANT), "ingest", str(source)], env=env, stderr=err, stdout=err)
            started = time.monotonic()
            while process.poll() is None and not due(started, log.read_text()):
                time.sleep(0.005)
            process.send_signal(signal.SIGKILL)
            process.wait()
        reopened = Assistant(Settings(data_dir=data_dir, _env_file=None), embeddings)
        corpus = reopened.store.corpus("default")  # the first open in a process reconciles
        documents = {d["id"] for d in corpus.documents()}
        assert documents in (before, after), name
        assert sorted(reopened.store.index("default").ids()) == chunk_ids(corpus), name
        seen.append(documents == after)
        if documents == after:  # the next kill needs the feed undone
            for n in range(60):
                reopened.store.remove_article("default", f"feed-0.jsonl#ferry-{n}")
        reopened.store.index("default").close()
    assert not seen[0]  # the earliest kill came before anything was written
    finished = run("ingest", str(source), data_dir=data_dir)
    assert finished.returncode == 0
    reopened = Assistant(Settings(data_dir=data_dir, _env_file=None), embeddings)
    assert {d["id"] for d in reopened.store.corpus("default").documents()} == after
