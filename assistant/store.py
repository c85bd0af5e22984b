"""Where corpora live: a Chroma collection of chunk embeddings plus a snapshot on disk.

    data_dir/chroma/                      embedded Chroma (or a `chroma run` server)
    data_dir/corpora/NAME/current.json    names the live snapshot
    data_dir/corpora/NAME/snap-ID/        articles.jsonl, chunks.jsonl, bm25/, info.json

A snapshot is written whole and then made live by atomically replacing
`current.json`, so an ingest killed at any point leaves the previous snapshot
intact. Chroma is only ever ahead of the snapshot (new chunks are upserted
before the switch, stale ones deleted after), and searches ignore ids the
live snapshot does not hold.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .annotate import Notes, annotate
from .chunking import Chunk, chunk_article
from .documents import Article
from .embeddings import SentenceEmbeddings
from .errors import BadInput, CorpusNotFound, DocumentNotFound, Unavailable
from .lexical import LexicalIndex
from .settings import Settings

Progress = Callable[[str, int, int], None]
"""Called as progress(step, done, total) during long work."""

# Chroma's collection names (ours are "assistant-NAME") must end in a letter or digit; a folder name
# must not end in a newline. One rule for both, checked whole (`fullmatch`: `$` would let "\n" in).
_NAME = re.compile(r"[a-z0-9](?:[a-z0-9_-]{0,61}[a-z0-9])?")
_BATCH = 256


def check_corpus_name(name: str) -> str:
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise BadInput(
            f"invalid corpus name {name!r}: use 1-63 lower-case letters, digits, '-' or '_', "
            "starting and ending with a letter or digit"
        )
    return name


@dataclass(frozen=True)
class CorpusInfo:
    name: str
    articles: int
    chunks: int
    updated: float


@dataclass
class Corpus:
    """One snapshot of a corpus, loaded: immutable while queries use it."""

    name: str
    snapshot: str
    articles: dict[str, Article]
    chunks: list[Chunk]
    lexical: LexicalIndex
    notes: dict[str, Notes]
    rows: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.rows = {chunk.id: row for row, chunk in enumerate(self.chunks)}


@dataclass(frozen=True)
class WriteResult:
    articles: int
    chunks: int
    added: int
    removed: int


class Store:
    def __init__(self, settings: Settings, embeddings: SentenceEmbeddings) -> None:
        self.settings = settings
        self.embeddings = embeddings
        self._client = None
        self._lock = threading.RLock()
        self._loaded: dict[str, Corpus] = {}

    # -- Chroma ---------------------------------------------------------------

    @property
    def client(self):
        with self._lock:
            if self._client is None:
                self._client = self._connect()
            return self._client

    def _connect(self):
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        chroma_settings = ChromaSettings(anonymized_telemetry=False)
        if self.settings.chroma_host:
            try:
                return chromadb.HttpClient(
                    host=self.settings.chroma_host, port=self.settings.chroma_port, settings=chroma_settings
                )
            except Exception as error:
                raise Unavailable(
                    f"cannot reach the Chroma server at {self.settings.chroma_host}:{self.settings.chroma_port} "
                    f"({error}); start it with `chroma run` or unset ASSISTANT_CHROMA_HOST"
                ) from None
        self.settings.chroma_path.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(self.settings.chroma_path), settings=chroma_settings)

    def collection(self, name: str):
        collection = self.client.get_or_create_collection(
            f"assistant-{name}",
            embedding_function=None,
            configuration={"hnsw": {"space": "cosine"}},
            metadata={"embedding_model": self.embeddings.model_name},
        )
        built_with = (collection.metadata or {}).get("embedding_model")
        if built_with != self.embeddings.model_name:
            raise BadInput(
                f"corpus {name!r} was indexed with embedding model {built_with!r}, not "
                f"{self.embeddings.model_name!r}; re-ingest it after `assistant delete {name}` or set "
                f"ASSISTANT_EMBEDDING_MODEL={built_with}"
            )
        return collection

    # -- snapshots ------------------------------------------------------------

    def _root(self, name: str) -> Path:
        return self.settings.corpus_dir(check_corpus_name(name))

    def _current(self, name: str) -> str | None:
        try:
            return json.loads((self._root(name) / "current.json").read_text())["snapshot"]
        except (FileNotFoundError, json.JSONDecodeError, KeyError):
            return None

    def names(self) -> list[str]:
        folder = self.settings.data_dir / "corpora"
        if not folder.is_dir():
            return []
        return sorted(p.name for p in folder.iterdir() if _NAME.fullmatch(p.name) and self._current(p.name))

    def exists(self, name: str) -> bool:
        return self._current(name) is not None

    def info(self, name: str) -> CorpusInfo:
        snapshot = self._current(name)
        if snapshot is None:
            raise CorpusNotFound(name, self.names())
        data = json.loads((self._root(name) / snapshot / "info.json").read_text())
        return CorpusInfo(name=name, articles=data["articles"], chunks=data["chunks"], updated=data["updated"])

    def load(self, name: str) -> Corpus:
        """The live snapshot of a corpus, read from disk only when it changed."""
        snapshot = self._current(name)
        if snapshot is None:
            raise CorpusNotFound(name, self.names())
        with self._lock:
            cached = self._loaded.get(name)
            if cached is not None and cached.snapshot == snapshot:
                return cached
            folder = self._root(name) / snapshot
            articles = [Article(**row) for row in _read_jsonl(folder / "articles.jsonl")]
            chunks = [Chunk(**row) for row in _read_jsonl(folder / "chunks.jsonl")]
            notes = {row["id"]: Notes.from_dict(row) for row in _read_jsonl(folder / "notes.jsonl")}
            corpus = Corpus(
                name=name,
                snapshot=snapshot,
                articles={article.id: article for article in articles},
                chunks=chunks,
                lexical=LexicalIndex.load(folder / "bm25"),
                notes=notes,
            )
            self._loaded[name] = corpus
            return corpus

    def write(self, name: str, articles: list[Article], progress: Progress | None = None) -> WriteResult:
        """Make `articles` the whole content of corpus `name`, embedding only chunks not yet indexed."""
        progress = progress or (lambda step, done, total: None)
        with self._lock:
            root = self._root(name)
            articles = sorted(articles, key=lambda article: article.id)
            chunks = [chunk for article in articles for chunk in chunk_article(article, self.settings.chunk_size)]
            notes = self._notes(name, articles, progress)
            collection = self.collection(name)
            indexed = set(collection.get(include=[])["ids"])
            wanted = {chunk.id for chunk in chunks}
            new = [chunk for chunk in chunks if chunk.id not in indexed]
            titles = {article.id: article.title for article in articles}
            progress("embedding", 0, len(new))
            for first in range(0, len(new), _BATCH):
                batch = new[first : first + _BATCH]
                collection.upsert(
                    ids=[chunk.id for chunk in batch],
                    embeddings=self.embeddings.encode([chunk.text for chunk in batch]),
                    documents=[chunk.text for chunk in batch],
                    metadatas=[
                        {
                            "article_id": c.article_id,
                            "title": titles[c.article_id],
                            "start": c.start,
                            "end": c.end,
                            "speakers": "; ".join(notes[c.article_id].speakers_within(c.start, c.end)),
                        }
                        for c in batch
                    ],
                )
                progress("embedding", first + len(batch), len(new))

            content = json.dumps([article.to_dict() for article in articles]) + "\n".join(sorted(wanted))
            snapshot = "snap-" + hashlib.sha256(content.encode()).hexdigest()[:16]
            self._write_snapshot(root, snapshot, articles, chunks, notes)
            _write_atomic(root / "current.json", json.dumps({"snapshot": snapshot}))
            for old in root.glob("snap-*"):
                if old.name != snapshot:
                    shutil.rmtree(old, ignore_errors=True)
            stale = sorted(indexed - wanted)
            for first in range(0, len(stale), _BATCH):
                collection.delete(ids=stale[first : first + _BATCH])
            return WriteResult(articles=len(articles), chunks=len(chunks), added=len(new), removed=len(stale))

    def _notes(self, name: str, articles: list[Article], progress: Progress) -> dict[str, Notes]:
        """Notes for every article, reusing the live snapshot's for articles whose text is unchanged."""
        previous = self.load(name) if self.exists(name) else None
        kept = {
            article.id: previous.notes[article.id]
            for article in articles
            if previous and article.id in previous.notes and previous.articles[article.id].text == article.text
        }
        fresh = [article for article in articles if article.id not in kept]
        return {**kept, **annotate(fresh, lambda done, total: progress("analysing", done, total))}

    def _write_snapshot(
        self, root: Path, snapshot: str, articles: list[Article], chunks: list[Chunk], notes: dict[str, Notes]
    ) -> None:
        final = root / snapshot
        if final.exists() and (final / "info.json").exists():
            return
        staging = root / f".staging-{os.getpid()}-{time.monotonic_ns()}"
        staging.mkdir(parents=True)
        _write_jsonl(staging / "articles.jsonl", [article.to_dict() for article in articles])
        _write_jsonl(staging / "chunks.jsonl", [chunk.__dict__ for chunk in chunks])
        _write_jsonl(staging / "notes.jsonl", [{"id": a.id, **notes[a.id].to_dict()} for a in articles])
        LexicalIndex.build([chunk.text for chunk in chunks]).save(staging / "bm25")
        info = {
            "articles": len(articles),
            "chunks": len(chunks),
            "updated": time.time(),
            "embedding_model": self.embeddings.model_name,
        }
        (staging / "info.json").write_text(json.dumps(info))
        shutil.rmtree(final, ignore_errors=True)
        os.replace(staging, final)

    def delete(self, name: str) -> None:
        if not self.exists(name):
            raise CorpusNotFound(name, self.names())
        with self._lock:
            try:
                self.client.delete_collection(f"assistant-{name}")
            except Exception:  # already gone from Chroma: the folder is what lists it
                pass
            shutil.rmtree(self._root(name))
            self._loaded.pop(name, None)

    def remove_article(self, name: str, article_id: str) -> WriteResult:
        corpus = self.load(name)
        if article_id not in corpus.articles:
            raise DocumentNotFound(
                f"corpus {name!r} has no document {article_id!r}; list them with GET /v1/corpora/{name}/documents"
            )
        remaining = [article for article in corpus.articles.values() if article.id != article_id]
        return self.write(name, remaining)

    def vectors(self, corpus: Corpus, chunk_ids: list[str]) -> np.ndarray:
        """The stored embeddings of chunks, in the order asked."""
        if not chunk_ids:
            return np.zeros((0, self.embeddings.dimension), dtype=np.float32)
        result = self.collection(corpus.name).get(ids=chunk_ids, include=["embeddings"])
        by_id = dict(zip(result["ids"], result["embeddings"], strict=True))
        return np.asarray([by_id[chunk_id] for chunk_id in chunk_ids], dtype=np.float32)

    def dense_search(self, corpus: Corpus, query_embedding: list[float], k: int) -> list[tuple[str, float]]:
        """(chunk id, cosine similarity) of the nearest chunks the live snapshot holds."""
        if not corpus.chunks:
            return []
        result = self.collection(corpus.name).query(
            query_embeddings=[query_embedding], n_results=min(k, len(corpus.chunks)), include=["distances"]
        )
        return [
            (chunk_id, 1.0 - distance)
            for chunk_id, distance in zip(result["ids"][0], result["distances"][0], strict=False)
            if chunk_id in corpus.rows
        ]


def _write_jsonl(path: Path, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def _read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _write_atomic(path: Path, text: str) -> None:
    temporary = path.with_suffix(f".tmp-{os.getpid()}")
    temporary.write_text(text)
    os.replace(temporary, path)
