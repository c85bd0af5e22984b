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
