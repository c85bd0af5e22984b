"""Shared fixtures: the real embedding model once per session, a fresh data dir per test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant import Assistant, Settings
from assistant.embeddings import SentenceEmbeddings

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED_DEV = SHARED / "eval" / "seed-dev.jsonl"


def load_questions(path: Path) -> list[dict]:
    if not path.exists():
        pytest.fail(f"{path} is missing: the shared/ folder must sit beside the repository")
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def quote_found(answer, corpus) -> bool:
    """Every citation's quote is the article's text at the citation's offsets."""
    return all(corpus.articles[c.article_id].text[c.start : c.end] == c.quote for c in answer.citations)


@pytest.fixture(scope="session")
def embeddings() -> SentenceEmbeddings:
    return SentenceEmbeddings(Settings().embedding_model)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", _env_file=None)


@pytest.fixture
def assistant(settings: Settings, embeddings: SentenceEmbeddings) -> Assistant:
    return Assistant(settings, embeddings)


@pytest.fixture(scope="session")
def seeded(tmp_path_factory, embeddings: SentenceEmbeddings) -> Assistant:
    """An assistant whose default corpus is ingested; shared, so tests must not change it."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("seeded"), _env_file=None)
    assistant = Assistant(settings, embeddings)
    assistant.ensure_default_corpus()
    return assistant


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path
