"""The index lives in embedded Chroma by default, or in a `chroma run` server when configured."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from assistant import Assistant, Settings
from assistant.errors import Unavailable

from .conftest import free_port, quote_found


@pytest.fixture
def chroma_server(tmp_path):
    port = free_port()
    chroma = Path(sys.executable).parent / "chroma"
    env = {**os.environ, "ANONYMIZED_TELEMETRY": "False"}
    process = subprocess.Popen(
        [str(chroma), "run", "--path", str(tmp_path / "server"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline or process.poll() is not None:
            process.kill()
            pytest.fail("chroma run did not start")
        time.sleep(0.2)
    yield port
    process.terminate()
    process.wait(timeout=20)


def test_a_chroma_server_holds_the_index_when_configured(chroma_server, tmp_path, embeddings):
    settings = Settings(data_dir=tmp_path / "data", chroma_host="127.0.0.1", chroma_port=chroma_server, _env_file=None)
    assistant = Assistant(settings, embeddings)
    report = assistant.ensure_default_corpus()
    assert report.chunks > 0
    assert not (tmp_path / "data" / "chroma").exists()  # nothing embedded on disk
    answer = assistant.ask("What did Wang say about Taiwan?")
    assert "first red line" in answer.text and quote_found(answer, assistant.store.load("default"))
    assert assistant.store.collection("default").count() == report.chunks


def test_an_unreachable_chroma_server_names_the_setting_to_fix(tmp_path, embeddings):
    settings = Settings(data_dir=tmp_path / "data", chroma_host="127.0.0.1", chroma_port=free_port(), _env_file=None)
    with pytest.raises(Unavailable, match="ASSISTANT_CHROMA_HOST"):
        Assistant(settings, embeddings).ensure_default_corpus()


def test_an_index_built_with_another_embedding_model_is_refused(assistant, settings, embeddings, tmp_path):
    from assistant.embeddings import SentenceEmbeddings
    from assistant.errors import BadInput

    assistant.ensure_default_corpus()
    other = SentenceEmbeddings(str(tmp_path))  # never loaded: the name alone must not match
    with pytest.raises(BadInput, match="ASSISTANT_EMBEDDING_MODEL"):
        Assistant(settings, other).store.collection("default")


REFUSED_NAMES = ["a-", "zc--", "a0c09-a0a_", "a\n", "-a", "_a", "A", "a.b", "a b", "a" * 64, "", "é", "a/b", ".."]


@pytest.mark.parametrize("name", REFUSED_NAMES)
def test_names_chroma_or_the_file_system_would_refuse_are_refused_first(name):
    from assistant.errors import BadInput
    from assistant.store import check_corpus_name

    with pytest.raises(BadInput, match="invalid corpus name"):
        check_corpus_name(name)


def test_every_name_the_rule_accepts_the_store_can_hold(tmp_path):
    """One rule for corpus names, checked against the real store: whatever it accepts, Chroma and the disk take."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from assistant.errors import BadInput
    from assistant.store import check_corpus_name

    client = chromadb.PersistentClient(
        path=str(tmp_path / "chroma"), settings=ChromaSettings(anonymized_telemetry=False)
    )
    accepted = []

    near_misses = st.text(alphabet="ab09-_.Z /\n\u00e9", min_size=1, max_size=66)

    @given(st.one_of(st.text(alphabet="ab09-_", min_size=1, max_size=66), near_misses))
    @settings(max_examples=300, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    def holds(name):
        try:
            check_corpus_name(name)
        except BadInput:
            return
        accepted.append(name)
        client.get_or_create_collection(f"assistant-{name}", embedding_function=None)
        (tmp_path / "corpora" / name).mkdir(parents=True, exist_ok=True)
        assert (tmp_path / "corpora" / name).name == name

    holds()
    assert len(accepted) > 50  # the property was exercised on many accepted names
