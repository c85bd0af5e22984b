"""The dense index (assistant/vector_index.py): Chroma's nearest chunks, the same in every process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import chromadb
import numpy as np
from chromadb.config import Settings as ChromaSettings

from assistant import Settings
from assistant.vector_index import VectorIndex

DIMENSIONS = 384
CHUNKS = 800  # under Chroma's sync_threshold: the whole graph is rebuilt, in no fixed order, on every open


def vectors(seed: int, count: int) -> np.ndarray:
    """Random unit vectors: with no clusters to follow, the hardest case for a graph search."""
    found = np.random.default_rng(seed).normal(size=(count, DIMENSIONS)).astype(np.float32)
    return found / np.linalg.norm(found, axis=1, keepdims=True)


def exact(chunks: np.ndarray, query: np.ndarray, k: int) -> set[str]:
    return {f"c{i}" for i in np.argsort(-(chunks @ query))[:k]}


def index(folder: Path) -> VectorIndex:
    return VectorIndex(Settings(data_dir=folder), "t", folder, "test-model")


def test_a_small_corpus_gets_its_exact_nearest_chunks(tmp_path):
    chunks = vectors(0, CHUNKS)
    built = index(tmp_path)
    built.add([f"c{i}" for i in range(CHUNKS)], chunks, [{"source": "s"} for _ in range(CHUNKS)])
    built.close()
    reopened = index(tmp_path)  # the graph rebuilt from Chroma's log, as in a new process
    for query in vectors(1, 40):
        assert {chunk for chunk, _ in reopened.search(query, 30)} == exact(chunks, query, 30)
    reopened.close()


def test_a_collection_made_with_chromas_default_search_is_searched_exactly_too(tmp_path):
    """A corpus indexed before the search was widened is widened when opened; its vectors are kept."""
    chunks = vectors(2, CHUNKS)
    (tmp_path / "chroma").mkdir()
    # Made in another process, as an older version of the assistant made it: Chroma's default search.
    script = (
        "import sys, numpy as np, chromadb\n"
        "from chromadb.config import Settings\n"
        "client = chromadb.PersistentClient(path=sys.argv[1], settings=Settings(anonymized_telemetry=False))\n"
        "made = client.create_collection('assistant-t', embedding_function=None,"
        " configuration={'hnsw': {'space': 'cosine'}}, metadata={'embedding_model': 'test-model'})\n"
        "chunks = np.load(sys.argv[2])\n"
        "made.add(ids=[f'c{i}' for i in range(len(chunks))], embeddings=chunks)\n"
    )
    np.save(tmp_path / "chunks.npy", chunks)
    subprocess.run([sys.executable, "-c", script, str(tmp_path / "chroma"), str(tmp_path / "chunks.npy")], check=True)
    opened = index(tmp_path)
    for query in vectors(3, 40):
        assert {chunk for chunk, _ in opened.search(query, 30)} == exact(chunks, query, 30)
    opened.close()
    client = chromadb.PersistentClient(
        path=str(tmp_path / "chroma"), settings=ChromaSettings(anonymized_telemetry=False)
    )
    assert client.get_collection("assistant-t").count() == CHUNKS
