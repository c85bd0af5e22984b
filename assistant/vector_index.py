"""The dense index of one corpus: a Chroma collection of chunk vectors, safe to share between processes.

Chroma's embedded store keeps each collection's HNSW index in the memory of the
process that opened it, and is not made for several processes at once: one that
kept an old index in memory answers from it, or fails on ids another process
deleted. So every call on an embedded collection holds the corpus's Chroma lock
(a file lock, so processes take turns) and first reopens the store if another
process wrote since this one last looked (the corpus's `generation` file, which
every writer bumps). A `chroma run` server needs none of this: it is the one
process holding the index.

Each corpus has its own embedded store in its own folder, so deleting a corpus
deletes its index files too.

The collection holds vectors and a little metadata (article, source, date) for
filtering; the text lives once, in the corpus database (store.py).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
from filelock import FileLock

from .errors import BadInput, Unavailable
from .settings import Settings

_BATCH = 1000
# How many candidates Chroma's HNSW search keeps while walking its graph (Chroma's default is 100). An
# embedded collection saves its graph only every 1,000 writes (its sync_threshold) and, each time a process
# opens it, rebuilds the unsaved part by inserting in parallel, in no fixed order, so the graph differs from
# one process to the next; with 100 candidates the search then missed some of the 30 nearest chunks, not
# always the same ones (3 of 262 rgb-news questions got another top 30 in another process). Keeping as
# many as the unsaved part holds, a collection no larger is searched exhaustively, exactly and alike in
# every process; a larger one all but exactly: at 100k chunks (copies of multihop-news's vectors,
# benchmarks/dense_search.py) recall@30 rose from 0.9947 to 0.9993 and a query took 3.0 ms, not 1.1.
EF_SEARCH = 1000


class VectorIndex:
    """The chunk vectors of one corpus, in Chroma (embedded in `folder`, or on the configured server)."""

    def __init__(self, settings: Settings, name: str, folder: Path, embedding: str) -> None:
        self.settings = settings
        self.name = name
        self.folder = folder
        self.embedding = embedding  # SentenceEmbeddings.identity: the model and its precision
        self._client = None
        self._collection = None
        self._seen: str | None = None  # the generation this process's copy of the index reflects
        self._thread_lock = threading.Lock()
        self._file_lock = FileLock(str(folder / "chroma.lock"))

    @property
    def embedded(self) -> bool:
        return not self.settings.chroma_host

    # -- the turn-taking --------------------------------------------------------------------------

    @contextmanager
    def _turn(self, writes: bool) -> Iterator:
        with self._thread_lock:
            if not self.embedded:
                yield self._open()
                return
            with self._file_lock:
                current = self._generation()
                if self._collection is not None and current != self._seen:
                    self._close()  # another process wrote: read the index afresh from disk
                collection = self._open()
                self._seen = current
                yield collection
                if writes:
                    self._seen = self._bump()

    def _generation(self) -> str:
        try:
            return (self.folder / "generation").read_text()
        except FileNotFoundError:
            return ""

    def _bump(self) -> str:
        value = f"{os.getpid()}-{time.time_ns()}"
        temporary = self.folder / f"generation.tmp-{os.getpid()}"
        temporary.write_text(value)
        os.replace(temporary, self.folder / "generation")
        return value

    def _open(self):
        if self._collection is None:
            self._client = self._connect()
            self._collection = self._client.get_or_create_collection(
                f"assistant-{self.name}",
                embedding_function=None,
                configuration={"hnsw": {"space": "cosine", "ef_search": EF_SEARCH}},
                metadata={"embedding_model": self.embedding},
            )
            if (self._collection.configuration.get("hnsw") or {}).get("ef_search") != EF_SEARCH:
                # made before EF_SEARCH was set: its graph is kept, only its search widened
                self._collection.modify(configuration={"hnsw": {"ef_search": EF_SEARCH}})
            built_with = (self._collection.metadata or {}).get("embedding_model")
            if built_with != self.embedding:
                self._collection = None
                model, _, precision = str(built_with).removesuffix(")").partition(" (")
                raise BadInput(
                    f"corpus {self.name!r} was indexed with embedding model {built_with!r}, not "
                    f"{self.embedding!r}; re-ingest it after `assistant delete {self.name}` or set "
                    f"ASSISTANT_EMBEDDING_MODEL={model} ASSISTANT_EMBEDDING_PRECISION={precision or 'float32'}"
                )
        return self._collection

    def _connect(self):
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        chroma_settings = ChromaSettings(anonymized_telemetry=False)
        if not self.embedded:
            try:
                return chromadb.HttpClient(
                    host=self.settings.chroma_host, port=self.settings.chroma_port, settings=chroma_settings
                )
            except Exception as error:
                raise Unavailable(
                    f"cannot reach the Chroma server at {self.settings.chroma_host}:{self.settings.chroma_port} "
                    f"({error}); start it with `chroma run` or unset ASSISTANT_CHROMA_HOST"
                ) from None
        return chromadb.PersistentClient(path=str(self.folder / "chroma"), settings=chroma_settings)

    def _close(self) -> None:
        if self._client is not None and self.embedded:
            self._client.close()
        self._client = self._collection = None

    def close(self) -> None:
        with self._thread_lock:
            self._close()

    # -- reading and writing ----------------------------------------------------------------------

    def search(self, vector: np.ndarray, k: int, source: str | None = None) -> list[tuple[str, float]]:
        """(chunk id, cosine similarity) of the `k` nearest chunks (of one outlet's articles, if given)."""
        with self._turn(writes=False) as collection:
            # Chroma returns fewer than `k` when it holds fewer; counting first costs ~10 ms at 100k chunks.
            result = collection.query(
                query_embeddings=[vector.tolist()],
                n_results=k,
                include=["distances"],
                where={"source": source} if source else None,
            )
        return [
            (chunk_id, 1.0 - distance)
            for chunk_id, distance in zip(result["ids"][0], result["distances"][0], strict=True)
        ]

    def ids(self) -> set[str]:
        with self._turn(writes=False) as collection:
            found: set[str] = set()
            offset = 0
            while True:
                page = collection.get(include=[], limit=10_000, offset=offset)["ids"]
                found.update(page)
                if len(page) < 10_000:
                    return found
                offset += len(page)

    def add(self, ids: list[str], vectors: np.ndarray, metadatas: list[dict]) -> None:
        if not ids:
            return
        with self._turn(writes=True) as collection:
            for first in range(0, len(ids), _BATCH):
                collection.upsert(
                    ids=ids[first : first + _BATCH],
                    embeddings=vectors[first : first + _BATCH],
                    metadatas=metadatas[first : first + _BATCH],
                )

    def delete(self, ids: list[str]) -> None:
        if not ids:
            return
        with self._turn(writes=True) as collection:
            for first in range(0, len(ids), _BATCH):
                collection.delete(ids=ids[first : first + _BATCH])

    def drop(self) -> None:
        """Forget the collection: its corpus is being deleted (an embedded one goes with the corpus folder)."""
        with self._thread_lock:
            if not self.embedded:
                try:
                    self._open()
                    self._client.delete_collection(f"assistant-{self.name}")
                except Exception:  # already gone: the corpus folder is what lists it
                    pass
            self._close()
