"""Where corpora live: one folder per corpus, its SQLite database the single source of truth.

    data_dir/corpora/NAME/corpus.db     articles; chunks and sentences (spans and vectors); entities;
                                        speakers; an FTS5 index of chunk terms (BM25)
    data_dir/corpora/NAME/chroma/       the embedded Chroma collection of chunk vectors (vector_index.py)
    data_dir/corpora/NAME/write.lock    writers take turns, across threads and processes

Writing is incremental: adding, replacing or removing an article touches that
article's rows only. The articles of one call are analysed outside any lock
(analysis.py), a batch of about `ingest_batch_characters` at a time; then, for
each batch, holding the corpus's write lock, their vectors go into Chroma, one
SQLite transaction swaps their rows, and vectors no chunk uses any more leave
Chroma. Readers never wait: the database is in WAL mode, so a
question reads the last committed state while a writer works.

A writer killed at any point leaves the database as it was before or after each
batch's transaction. Chroma may then hold vectors no chunk uses (searches drop them) or
lack some (their chunks are found by words until then): the first time a
process opens a corpus it reconciles the two, deleting the former and re-adding
the latter from the vectors the database keeps.
"""

from __future__ import annotations

import difflib
import itertools
import json
import re
import shutil
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import numpy as np
from filelock import FileLock

from .analysis import Analysed, Progress, analyse_in_batches, fingerprint
from .chunking import Chunk
from .documents import Article
from .embeddings import SentenceEmbeddings
from .errors import BadInput, CorpusNotFound, DocumentNotFound
from .lexical import STOPWORDS, bm25_idf, indexed, match_expression, terms
from .question import initials, publication
from .settings import Settings
from .text import Span
from .vector_index import VectorIndex

# Chroma's collection names (ours are "assistant-NAME") must end in a letter or digit; a folder name
# must not end in a newline. One rule for both, checked whole (`fullmatch`: `$` would let "\n" in).
_NAME = re.compile(r"[a-z0-9](?:[a-z0-9_-]{0,61}[a-z0-9])?")
# A term in more than this share of chunks says little about any of them, and scoring its long
# list of chunks is most of a lexical search's time; such terms are left out while rarer ones remain.
COMMON_TERM_SHARE = 0.1
LEXICAL_POSTINGS = 5_000
FREQUENCIES_KEPT = 200_000  # terms whose chunk counts a corpus keeps between writes (about 30 MB)
NAME_SHARE = 0.1  # Corpus._mostly_a_name
# How alike (difflib's ratio) a name the corpus never uses must be to one it uses to be offered in its place.
SPELLING_CLOSENESS = 0.8
_NAMING_LABELS = "('PERSON','ORG','GPE','NORP','LOC','FAC','EVENT','WORK_OF_ART','PRODUCT','LAW')"
T = TypeVar("T")


def _searched(present: list[tuple[int, str]], total: int) -> list[str]:
    """The words a lexical search matches on, from (chunks holding it, word) rarest first.

    A word in more than a tenth of the chunks says little about any of them, and scoring a word costs one
    step per chunk holding it: the rarest words are taken until LEXICAL_POSTINGS chunks have been counted,
    so a question costs the same on a million chunks as on ten thousand, and the words left out are the
    ones BM25 weighs least."""
    searched, spent = [], 0
    for frequency, word in present:
        if frequency > COMMON_TERM_SHARE * total or (searched and spent + frequency > LEXICAL_POSTINGS):
            break
        searched.append(word)
        spent += frequency
    return searched


# A title names the person the coverage most often writes after it if that person is at least this share of
# those it names so; the chunks read for it are the first this many holding the title.
TITLE_SHARE = 2 / 3
_TITLED_CHUNKS = 200

# How the lexical index spells terms (lexical.terms); an index spelt otherwise is indexed again on open.
TERMS = "folded, apostrophes straight, initialisms undotted"
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS articles(
    id TEXT PRIMARY KEY, title TEXT NOT NULL, text TEXT NOT NULL, date TEXT, source TEXT, url TEXT,
    author TEXT, fingerprint TEXT NOT NULL, added REAL NOT NULL);
CREATE INDEX IF NOT EXISTS articles_by_source ON articles(source);
CREATE INDEX IF NOT EXISTS articles_by_source_added ON articles(source, added);
CREATE TABLE IF NOT EXISTS chunks(
    row INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, article_id TEXT NOT NULL, position INTEGER NOT NULL,
    start INTEGER NOT NULL, end INTEGER NOT NULL, vector BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS chunks_by_article ON chunks(article_id, start);
CREATE TABLE IF NOT EXISTS sentences(
    article_id TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL, vector BLOB NOT NULL,
    PRIMARY KEY(article_id, start)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS entities(
    article_id TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL, label TEXT NOT NULL, text TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS entities_by_article ON entities(article_id, start);
CREATE INDEX IF NOT EXISTS entities_by_text_label ON entities(text COLLATE NOCASE, label);
CREATE TABLE IF NOT EXISTS speakers(
    article_id TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL, name TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS speakers_by_article ON speakers(article_id, start);
CREATE TABLE IF NOT EXISTS entity_nouns(article_id TEXT NOT NULL, noun TEXT NOT NULL, label TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS entity_nouns_by_noun ON entity_nouns(noun);
CREATE INDEX IF NOT EXISTS entity_nouns_by_article ON entity_nouns(article_id);
CREATE VIRTUAL TABLE IF NOT EXISTS lexical USING fts5(terms, tokenize='unicode61 tokenchars ''_''', detail=full);
CREATE VIRTUAL TABLE IF NOT EXISTS lexical_terms USING fts5vocab(lexical, 'row');
"""


def check_corpus_name(name: str) -> str:
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise BadInput(
            f"invalid corpus name {name!r}: use 1-63 lower-case letters, digits, '-' or '_', "
            "starting and ending with a letter or digit"
        )
    return name


def _spellings(written: str) -> list[str]:
    """The ways the coverage may spell a name the question writes: first as written without a possessive
    ("Han's" is Han), then with it as part of the name ("Five Nights at Freddy's", "McDonald's"), each with a
    straight or a curly apostrophe, as news sites set them typographically and readers type them straight."""
    forms = [re.sub(r"['\u2019]s$", "", written), written]
    spelt = [variant for form in forms for variant in (form, form.replace("'", "\u2019"), form.replace("\u2019", "'"))]
    return list(dict.fromkeys(spelt))


@dataclass(frozen=True)
class CorpusInfo:
    name: str
    articles: int
    chunks: int
    updated: float


@dataclass
class WriteResult:
    articles: int  # in the corpus after the write
    chunks: int
    added: int  # chunks
    removed: int
    new: list[str] = field(default_factory=list)  # ids of articles the corpus did not hold
    replaced: list[str] = field(default_factory=list)  # ids of articles written anew in a changed version
    passages: dict[str, int] = field(default_factory=dict)  # chunks of each article written


def identities(settings: Settings) -> list[str]:
    """What the data dir's corpora were embedded with (SentenceEmbeddings.identity), in corpus-name order."""
    found = []
    for database in sorted((settings.data_dir / "corpora").glob("*/corpus.db")):
        try:
            with closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as db:
                row = db.execute("SELECT value FROM meta WHERE key = 'embedding_model'").fetchone()
        except sqlite3.Error:
            continue  # being created, or not a corpus: it says nothing
        if row:
            found.append(row[0])
    return found


class Store:
    def __init__(self, settings: Settings, embeddings: SentenceEmbeddings) -> None:
        self.settings = settings
        self.embeddings = embeddings
        self._lock = threading.Lock()
        self._indexes: dict[str, VectorIndex] = {}
        self._reconciled: set[str] = set()
        self._local = threading.local()  # a read connection per thread and corpus
        self._outlets: dict[tuple[str, str], OutletVectors] = {}  # (corpus, outlet): its chunk vectors
        self._outlets_read: set[str] = set()  # corpora whose outlets were all read once
        self._outlets_lock = threading.Lock()
        self._counts: dict[str, tuple] = {}  # corpus: (its 'updated' stamp, its chunk count then)
        self._sources: dict[str, tuple] = {}  # corpus: (its 'updated' stamp, its outlets then)
        self._frequencies: dict[str, tuple] = {}  # corpus: (its 'updated' stamp, {term: chunks holding it})

    # -- corpora ----------------------------------------------------------------------------------

    def folder(self, name: str) -> Path:
        return self.settings.corpus_dir(check_corpus_name(name))

    def names(self) -> list[str]:
        root = self.settings.data_dir / "corpora"
        if not root.is_dir():
            return []
        return sorted(p.name for p in root.iterdir() if _NAME.fullmatch(p.name) and self.exists(p.name))

    def exists(self, name: str) -> bool:
        migrated = self._migrate(name)
        return migrated or (self.folder(name) / "corpus.db").exists()

    def _migrate(self, name: str) -> bool:
        """A corpus of the earlier layout (snapshots named by current.json) is written anew in this one.

        Its files go only once every article is written: a migration stopped part-way (it writes in
        batches) is finished by the next open, which skips the articles already written."""
        folder = self.folder(name)
        try:
            snapshot = json.loads((folder / "current.json").read_text())["snapshot"]
            lines = (folder / snapshot / "articles.jsonl").read_text(encoding="utf-8").splitlines()
        except (FileNotFoundError, KeyError, ValueError):
            return False
        self.write(name, [Article(**json.loads(line)) for line in lines if line.strip()])
        for old in [folder / "current.json", *folder.glob("snap-*"), *folder.glob(".staging-*")]:
            # Another process may be finishing the same migration.
            shutil.rmtree(old, ignore_errors=True) if old.is_dir() else old.unlink(missing_ok=True)
        return True

    def info(self, name: str) -> CorpusInfo:
        corpus = self.corpus(name)
        return CorpusInfo(
            name=name, articles=corpus.article_count(), chunks=corpus.chunk_count(), updated=corpus.updated()
        )

    def corpus(self, name: str) -> Corpus:
        """A corpus to read from; the first time in this process, its dense index is reconciled first."""
        if not self.exists(name):
            raise CorpusNotFound(name, self.names())
        if name not in self._reconciled:
            with self._write_lock(name):
                self._reconcile(name)
            self._reconciled.add(name)
        return Corpus(self, name)

    def delete(self, name: str) -> None:
        if not self.exists(name):
            raise CorpusNotFound(name, self.names())
        with self._write_lock(name):
            self.index(name).drop()
            with self._lock:
                self._indexes.pop(name, None)
            self._reconciled.discard(name)
            for item in self.folder(name).iterdir():  # the lock file last: another writer may be waiting on it
                if item.name != "write.lock":
                    shutil.rmtree(item) if item.is_dir() else item.unlink()
        shutil.rmtree(self.folder(name), ignore_errors=True)

    # -- writing ----------------------------------------------------------------------------------

    def write(self, name: str, articles: list[Article], progress: Progress | None = None) -> WriteResult:
        """Add `articles` to corpus `name` (made if new), replacing same-id ones; unchanged cost nothing.

        They are written in batches of about `settings.ingest_batch_characters` of text, each landing whole."""
        check_corpus_name(name)
        latest = {article.id: article for article in articles}  # one id twice in a batch: the last wins
        self._create(name)
        with self._connection(name) as db:
            known = dict(_in(db, "SELECT id, fingerprint FROM articles WHERE id IN ({})", list(latest)).fetchall())
        changed = [article for article in latest.values() if known.get(article.id) != fingerprint(article)]
        batches = analyse_in_batches(
            changed, self.embeddings, self.settings.chunk_size, progress, self.settings.ingest_batch_characters
        )
        result = WriteResult(articles=0, chunks=0, added=0, removed=0)
        # Each batch lands whole as it is analysed: a large ingest stopped part-way keeps the batches
        # written, and run again analyses only the articles it had not reached (their fingerprints differ).
        for analysed in batches:
            with self._write_lock(name):
                written = self._commit(name, analysed, [])
            result.articles, result.chunks = written.articles, written.chunks
            result.added += written.added
            result.removed += written.removed
            result.new += [item.article.id for item in analysed if item.article.id not in known]
            result.replaced += [item.article.id for item in analysed if item.article.id in known]
            result.passages |= {item.article.id: len(item.chunks) for item in analysed}
            del analysed  # written: let it go before the next batch is analysed
        if not changed:
            with self._write_lock(name):
                result = self._commit(name, [], [])
        return result

    def remove_article(self, name: str, article_id: str) -> WriteResult:
        corpus = self.corpus(name)
        if corpus.article(article_id) is None:
            raise DocumentNotFound(
                f"corpus {name!r} has no document {article_id!r}; list them with GET /v1/corpora/{name}/documents"
            )
        with self._write_lock(name):
            return self._commit(name, [], [article_id])

    def _commit(self, name: str, analysed: list[Analysed], removed: list[str]) -> WriteResult:
        """Swap the rows of the analysed and removed articles, and the dense index with them (write lock held)."""
        touched = [item.article.id for item in analysed] + removed
        with self._connection(name) as db:
            old = {row[0] for row in _in(db, "SELECT id FROM chunks WHERE article_id IN ({})", touched)}
            new = {chunk.id: (item, number) for item in analysed for number, chunk in enumerate(item.chunks)}
            fresh = [chunk_id for chunk_id in new if chunk_id not in old]
            self.index(name).add(
                fresh,
                np.stack([new[c][0].chunk_vectors[new[c][1]] for c in fresh]) if fresh else np.zeros((0, 1)),
                [_metadata(new[c][0], new[c][0].chunks[new[c][1]]) for c in fresh],
            )
            with db:
                _in(db, "DELETE FROM lexical WHERE rowid IN (SELECT row FROM chunks WHERE article_id IN ({}))", touched)
                for table in ("chunks", "sentences", "entities", "speakers", "entity_nouns"):
                    _in(db, f"DELETE FROM {table} WHERE article_id IN ({{}})", touched)
                _in(db, "DELETE FROM articles WHERE id IN ({})", touched)
                for item in analysed:
                    _insert(db, item)
                db.execute("INSERT OR REPLACE INTO meta VALUES ('updated', ?)", (str(time.time()),))
            stale = sorted(old - set(new))
            self.index(name).delete(stale)
            counts = db.execute("SELECT (SELECT COUNT(*) FROM articles), (SELECT COUNT(*) FROM chunks)").fetchone()
        return WriteResult(articles=counts[0], chunks=counts[1], added=len(fresh), removed=len(stale))

    def _reconcile(self, name: str) -> None:
        """Make Chroma hold exactly the chunks the database holds (write lock held)."""
        with self._connection(name) as db:
            wanted = {row[0] for row in db.execute("SELECT id FROM chunks")}
            present = self.index(name).ids()
            self.index(name).delete(sorted(present - wanted))
            missing = sorted(wanted - present)
            for first in range(0, len(missing), 1000):
                rows = _in(
                    db,
                    "SELECT c.id, c.vector, c.article_id, c.start, c.end, a.source, a.date "
                    "FROM chunks c JOIN articles a ON a.id = c.article_id WHERE c.id IN ({})",
                    missing[first : first + 1000],
                ).fetchall()
                self.index(name).add(
                    [row[0] for row in rows],
                    np.stack([np.frombuffer(row[1], dtype=np.float32) for row in rows]),
                    [_chunk_metadata(row[2], row[3], row[4], row[5], row[6]) for row in rows],
                )

    # -- plumbing ---------------------------------------------------------------------------------

    def index(self, name: str) -> VectorIndex:
        with self._lock:
            if name not in self._indexes:
                self._indexes[name] = VectorIndex(self.settings, name, self.folder(name), self.embeddings.identity)
            return self._indexes[name]

    @contextmanager
    def _write_lock(self, name: str) -> Iterator[None]:
        self.folder(name).mkdir(parents=True, exist_ok=True)
        with FileLock(str(self.folder(name) / "write.lock")):
            yield

    def _create(self, name: str) -> None:
        folder = self.folder(name)
        if (folder / "corpus.db").exists():
            return
        with self._write_lock(name):
            if (folder / "corpus.db").exists():
                return
            # Built aside and renamed in: a corpus exists once its database is whole.
            temporary = folder / "corpus.db.new"
            temporary.unlink(missing_ok=True)
            db = sqlite3.connect(temporary)
            db.executescript(SCHEMA)
            db.execute("INSERT INTO meta VALUES ('embedding_model', ?)", (self.embeddings.identity,))
            db.execute("INSERT INTO meta VALUES ('updated', ?)", (str(time.time()),))
            db.execute("INSERT INTO meta VALUES ('terms', ?)", (TERMS,))
            db.commit()
            db.close()
            temporary.rename(folder / "corpus.db")

    @contextmanager
    def _connection(self, name: str) -> Iterator[sqlite3.Connection]:
        """This thread's connection to the corpus database, reopened if the corpus was deleted and made anew.

        Whether the file is still the one opened is looked at once a second at most: a question makes
        hundreds of small queries, and a corpus deleted under it fails its citations' check anyway."""
        connections = self._local.__dict__.setdefault("connections", {})
        cached = connections.get(name)
        now = time.monotonic()
        if cached is not None and now - cached[2] < 1.0:
            yield cached[1]
            return
        path = self.folder(name) / "corpus.db"
        try:
            identity = path.stat().st_ino
        except FileNotFoundError:
            raise CorpusNotFound(name, self.names()) from None
        if cached is None or cached[0] != identity:
            db = sqlite3.connect(path, timeout=60)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            _upgrade(db)
            cached = (identity, db, now)
        connections[name] = (cached[0], cached[1], now)
        yield cached[1]

    def outlet_vectors(self, name: str, outlet: str) -> OutletVectors:
        """Every chunk vector of one outlet of a corpus, held in memory until that outlet's articles change.

        The first time a process asks for an outlet of a corpus, every outlet's vectors are read in one pass
        (about a second at 100k chunks, and their size in memory: 1.5 KB a chunk); afterwards an outlet whose
        articles changed (their count or latest write, `stamp`) is read again alone. One lock: the retriever's
        threads ask at once, and a first read is done once."""
        with self._outlets_lock, self._connection(name) as db, _snapshot(db):
            if name not in self._outlets_read:
                stamps = {
                    source: (count, added)
                    for source, count, added in db.execute(
                        "SELECT source, COUNT(*), MAX(added) FROM articles WHERE source IS NOT NULL GROUP BY source"
                    )
                }
                self._outlets.update({(name, s): v for s, v in _read_outlets(db, sorted(stamps), stamps).items()})
                self._outlets_read.add(name)
            else:
                stamp = tuple(
                    db.execute("SELECT COUNT(*), MAX(added) FROM articles WHERE source = ?", (outlet,)).fetchone()
                )
                held = self._outlets.get((name, outlet))
                if held is None or held.stamp != stamp:
                    self._outlets.update(
                        {(name, s): v for s, v in _read_outlets(db, [outlet], {outlet: stamp}).items()}
                    )
        return self._outlets.get((name, outlet)) or OutletVectors((0, None), [], np.zeros((0, 1), np.float32))


@dataclass
class Within:
    """What lies inside each of some chunks, by chunk id."""

    sentences: dict[str, list[tuple[Span, np.ndarray]]]  # wholly inside, in order
    entities: dict[str, list[tuple[int, int, str]]]  # wholly inside, in order
    spoken: dict[str, list[tuple[int, int, str]]]  # the speakers of sentences overlapping the chunk
    before: dict[str, int]  # how many sentences of the article come before the chunk

    def speakers(self, chunk_id: str, start: int | None = None, end: int | None = None) -> list[str]:
        """The speakers of the chunk's sentences overlapping [start, end) (the whole chunk by default)."""
        return sorted(
            {name for s, e, name in self.spoken[chunk_id] if (end is None or s < end) and (start is None or e > start)}
        )

    def entities_of(self, chunk_id: str, start: int, end: int) -> list[tuple[int, int, str]]:
        """The chunk's entities lying wholly within [start, end)."""
        return [entity for entity in self.entities[chunk_id] if start <= entity[0] and entity[1] <= end]

    def position(self, chunk_id: str, start: int) -> int:
        """How many sentences of the article come before the one of this chunk starting at `start`."""
        return self.before[chunk_id] + sum(1 for span, _ in self.sentences[chunk_id] if span.start < start)


class Corpus:
    """What a question reads of one corpus: every method is an indexed lookup, none scans the corpus."""

    def __init__(self, store: Store, name: str) -> None:
        self.store = store
        self.name = name
        self._frequencies: dict[str, int] | None = None  # the store's, for the corpus as it is now

    @contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        with self.store._connection(self.name) as db:
            yield db

    def _column(self, sql: str, parameters: tuple) -> list:
        """The first column of a query's rows."""
        with self._db() as db:
            return [row[0] for row in db.execute(sql, parameters)]

    def article_count(self) -> int:
        with self._db() as db:
            return db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]

    def _between_writes(self, kept: dict[str, tuple], read: Callable[[sqlite3.Connection], T]) -> T:
        """`read(db)`, read again only after the corpus is written: `kept` holds it under the write's stamp."""
        with self._db() as db:
            stamp = _stamp(db)
            held = kept.get(self.name)
            if held is not None and held[0] == stamp:
                return held[1]
            value = read(db)
        kept[self.name] = (stamp, value)
        return value

    def chunk_count(self) -> int:
        """How many chunks the corpus holds; counted again only after a write, as a count reads every row."""
        return self._between_writes(
            self.store._counts, lambda db: db.execute("SELECT COUNT(*) FROM chunks").fetchone()[0]
        )

    def updated(self) -> float:
        with self._db() as db:
            return float(_stamp(db))

    def article(self, article_id: str) -> Article | None:
        with self._db() as db:
            row = db.execute(
                "SELECT id, title, text, date, source, url, author FROM articles WHERE id = ?", (article_id,)
            ).fetchone()
        return Article(*row) if row else None

    def documents(self) -> list[dict]:
        """Every article's metadata and length, not its text: what a list of documents shows."""
        with self._db() as db:
            rows = db.execute(
                "SELECT id, title, date, source, url, author, length(text) FROM articles ORDER BY id"
            ).fetchall()
        keys = ("id", "title", "date", "source", "url", "author", "characters")
        return [dict(zip(keys, row, strict=True)) for row in rows]

    def chunk(self, chunk_id: str) -> Chunk | None:
        return self.chunks([chunk_id]).get(chunk_id)

    def article_chunks(self, article_id: str) -> list[Chunk]:
        with self._db() as db:
            ids = [
                row[0] for row in db.execute("SELECT id FROM chunks WHERE article_id = ? ORDER BY start", (article_id,))
            ]
        return list(self.chunks(ids).values())

    def chunks(self, chunk_ids: list[str]) -> dict[str, Chunk]:
        """The chunks of these ids the corpus holds, in the order asked, read in one query."""
        with self._db() as db:
            rows = _in(
                db,
                "SELECT c.id, c.article_id, c.position, c.start, c.end, substr(a.text, c.start + 1, c.end - c.start) "
                "FROM chunks c JOIN articles a ON a.id = c.article_id WHERE c.id IN ({})",
                list(dict.fromkeys(chunk_ids)),
            ).fetchall()
        found = {row[0]: Chunk(*row) for row in rows}
        return {chunk_id: found[chunk_id] for chunk_id in chunk_ids if chunk_id in found}

    def within(self, chunks: list[Chunk]) -> Within:
        """The sentences (with vectors), entities and speakers of each chunk, and the sentences before it:
        four queries for all the chunks."""
        found = Within(
            {c.id: [] for c in chunks},
            {c.id: [] for c in chunks},
            {c.id: [] for c in chunks},
            {c.id: 0 for c in chunks},
        )
        if not chunks:
            return found
        # "start < chunk end" holds for every row wanted and bounds each range the index scans, which would
        # otherwise run from the chunk's start to its article's end.
        ranges = " OR ".join(["(article_id = ? AND start >= ? AND start < ? AND end <= ?)"] * len(chunks))
        overlapping = " OR ".join(["(article_id = ? AND start < ? AND end > ?)"] * len(chunks))
        bounds = [value for c in chunks for value in (c.article_id, c.start, c.end, c.end)]
        crossing = [value for c in chunks for value in (c.article_id, c.end, c.start)]
        by_article: dict[str, list[Chunk]] = {}
        for chunk in chunks:
            by_article.setdefault(chunk.article_id, []).append(chunk)
        with self._db() as db:
            for article_id, s, e, vector in db.execute(
                f"SELECT article_id, start, end, vector FROM sentences WHERE {ranges} ORDER BY article_id, start",
                bounds,
            ):
                for chunk in _holding(by_article[article_id], s, e):
                    found.sentences[chunk.id].append((Span(s, e), np.frombuffer(vector, np.float16).astype(np.float32)))
            for article_id, s, e, label in db.execute(
                f"SELECT article_id, start, end, label FROM entities WHERE {ranges} ORDER BY article_id, start", bounds
            ):
                for chunk in _holding(by_article[article_id], s, e):
                    found.entities[chunk.id].append((s, e, label))
            for article_id, s, e, name in db.execute(
                f"SELECT DISTINCT article_id, start, end, name FROM speakers WHERE {overlapping}", crossing
            ):
                for chunk in by_article[article_id]:
                    if s < chunk.end and e > chunk.start:
                        found.spoken[chunk.id].append((s, e, name))
            counted = db.execute(
                "WITH asked(id, article_id, start) AS (VALUES {}) SELECT id, (SELECT COUNT(*) FROM sentences s "
                "WHERE s.article_id = asked.article_id AND s.start < asked.start) FROM asked".format(
                    ",".join(["(?, ?, ?)"] * len(chunks))
                ),
                [value for c in chunks for value in (c.id, c.article_id, c.start)],
            )
            found.before.update(dict(counted.fetchall()))
        return found

    def chunk_terms(self, chunk_ids: list[str]) -> dict[str, frozenset[str]]:
        """The terms (lexical.terms) of each chunk, as the lexical index keeps them: no chunk is read again."""
        with self._db() as db:
            rows = _in(
                db, "SELECT c.id, l.terms FROM chunks c JOIN lexical l ON l.rowid = c.row WHERE c.id IN ({})", chunk_ids
            ).fetchall()
        return {chunk_id: frozenset(words.split()) for chunk_id, words in rows}

    def chunk_vectors(self, chunk_ids: list[str]) -> dict[str, np.ndarray]:
        with self._db() as db:
            rows = _in(db, "SELECT id, vector FROM chunks WHERE id IN ({})", chunk_ids).fetchall()
        return {chunk_id: np.frombuffer(vector, dtype=np.float32) for chunk_id, vector in rows}

    def sentences(self, article_id: str, start: int = 0, end: int | None = None) -> list[tuple[Span, np.ndarray]]:
        """The sentences lying wholly within [start, end) of an article, with their stored vectors."""
        with self._db() as db:
            rows = db.execute(
                "SELECT start, end, vector FROM sentences WHERE article_id = ? AND start >= ? AND end <= ? "
                "ORDER BY start",
                (article_id, start, end if end is not None else 2**62),
            ).fetchall()
        return [(Span(s, e), np.frombuffer(vector, dtype=np.float16).astype(np.float32)) for s, e, vector in rows]

    def speakers(self, article_id: str, start: int, end: int) -> list[str]:
        """The speakers of the sentences overlapping [start, end)."""
        return self._column(
            "SELECT DISTINCT name FROM speakers WHERE article_id = ? AND start < ? AND end > ? ORDER BY name",
            (article_id, end, start),
        )

    def quoted_people(self, limit: int) -> list[str]:
        """The people most often reported speaking (a speaker who is also named as a person)."""
        return self._column(
            "SELECT s.name, COUNT(*) AS n FROM speakers s WHERE EXISTS (SELECT 1 FROM entities e "
            "WHERE e.label = 'PERSON' AND e.text = s.name) GROUP BY s.name ORDER BY n DESC, s.name LIMIT ?",
            (limit,),
        )

    def named_people(self, limit: int) -> list[str]:
        """The people of two or more names most often named."""
        return self._column(
            "SELECT text, COUNT(DISTINCT article_id) AS n FROM entities WHERE label = 'PERSON' AND text LIKE '% %' "
            "GROUP BY text ORDER BY n DESC, text LIMIT ?",
            (limit,),
        )

    def labels_near(self, noun: str) -> dict[str, int]:
        """How often the corpus's entities of each label stand beside a common noun ("pitcher Nathan Eovaldi")."""
        with self._db() as db:
            return dict(
                db.execute("SELECT label, COUNT(*) FROM entity_nouns WHERE noun = ? GROUP BY label", (noun,)).fetchall()
            )

    def names_in(self, question: str) -> list[str]:
        """Spans of the question (up to four words) that name an entity of the corpus, in any case; a longer
        span first, and none inside one already found. Every span is looked up in one query."""
        words = re.findall(r"[\w][\w'\u2019.\-]*[\w]|[\w]", question)
        spans = []  # (span as the question writes it, its spellings looked up)
        for size in (4, 3, 2, 1):
            for first in range(len(words) - size + 1):
                spellings = _spellings(" ".join(words[first : first + size]))
                span = spellings[0]  # as written, without a possessive
                if size > 1 or (span.lower() not in STOPWORDS and len(span) >= 3):
                    spans.append((span, spellings))
        if not spans:
            return []
        asked = list(dict.fromkeys(spelling for _, spellings in spans for spelling in spellings))
        with self._db() as db:
            named = dict(
                db.execute(
                    "WITH asked(span) AS (VALUES {}) SELECT span, (SELECT text FROM entities WHERE text = span "
                    "COLLATE NOCASE AND label IN {} LIMIT 1) FROM asked".format(
                        ",".join(["(?)"] * len(asked)), _NAMING_LABELS
                    ),
                    asked,
                ).fetchall()
            )
            found: list[str] = []
            for span, spellings in spans:
                name = next((named[spelling] for spelling in spellings if named.get(spelling)), None)
                if name and not any(span.lower() in known.lower() for known in found):
                    if span != span.lower() or self._mostly_a_name(db, span, name):
                        found.append(name)
        return found

    def _mostly_a_name(self, db: sqlite3.Connection, span: str, name: str) -> bool:
        """Whether the corpus tags what a question writes in lower case as a name in at least NAME_SHARE of the
        chunks that hold it.

        A name is tagged nearly wherever it stands ("taiwan": 18 mentions in the 12 chunks holding it), while
        a common word is tagged only where the small tagger took it for a name in a headline or a list
        ("company": 2 mentions in 1,084 chunks). Readers type names in lower case ("what did blinken say?"),
        and every common word of a question would otherwise count as a name the answer must hold."""
        mentions = db.execute(
            f"SELECT count(*) FROM entities WHERE text = ? COLLATE NOCASE AND label IN {_NAMING_LABELS}", (name,)
        ).fetchone()[0]
        words = terms(span)
        if len(words) == 1:
            holding = self.document_frequency(words[0])
        else:
            holding = db.execute(
                "SELECT count(*) FROM lexical WHERE lexical MATCH ?", (f'"{" ".join(words)}"',)
            ).fetchone()[0]
        return mentions >= NAME_SHARE * holding

    def titled(self, title: str) -> str | None:
        """The person the coverage names right after a title ("Chinese Vice President Han Zheng" for "Chinese
        vice president"), in any case, if one person is most of those it so names.

        News names a person once with their title before the name and a reader asks by the title alone
        ("what did the Chinese vice president say?"). Where the title belongs to several people in the
        coverage ("president": Biden, Xi, Macron), no one of them is the one asked about."""
        title = re.sub(r"^(?:the|a|an)\s+", "", title.strip(), flags=re.IGNORECASE)
        words = terms(title)
        if not words:
            return None
        written = re.compile(r"\b" + r"\W+(?:of\W+)?".join(map(re.escape, title.split())) + r"\W+", re.IGNORECASE)
        named: dict[str, int] = {}
        with self._db() as db:
            rows = db.execute(
                "SELECT c.article_id, c.start, substr(a.text, c.start + 1, c.end - c.start) FROM lexical "
                "JOIN chunks c ON c.row = lexical.rowid JOIN articles a ON a.id = c.article_id "
                "WHERE lexical MATCH ? LIMIT ?",
                (f'"{" ".join(words)}"', _TITLED_CHUNKS),
            ).fetchall()
            for article_id, offset, text in rows:
                for match in written.finditer(text):
                    row = db.execute(
                        "SELECT text FROM entities WHERE article_id = ? AND start = ? AND label = 'PERSON'",
                        (article_id, offset + match.end()),
                    ).fetchone()
                    if row:
                        named[row[0]] = named.get(row[0], 0) + 1
        if not named:
            return None
        person, count = max(named.items(), key=lambda item: item[1])
        return person if count >= TITLE_SHARE * sum(named.values()) else None

    def canonical_name(self, name: str) -> tuple[str, bool] | None:
        """The corpus's spelling of a name given in any case ("blinken" -> "Blinken"), if it has one, and
        whether it names a person there (spaCy read it as a PERSON somewhere)."""
        spellings = _spellings(name)
        with self._db() as db:
            row = db.execute(
                "SELECT text, label = 'PERSON' FROM entities WHERE text COLLATE NOCASE IN ({}) "
                "ORDER BY label = 'PERSON' DESC LIMIT 1".format(",".join("?" * len(spellings))),
                spellings,
            ).fetchone()
        return (row[0], bool(row[1])) if row else None

    def closest_name(self, name: str) -> str | None:
        """The name the corpus spells most like `name`, in any case, if one is close enough to be a slip of the
        keyboard ("Blinkin" for "Blinken"): difflib's similarity of at least SPELLING_CLOSENESS. Names of about
        its length only are compared (at most 2 letters longer or shorter), read from the entity index."""
        with self._db() as db:
            written = {
                text.lower(): text
                for (text,) in db.execute(
                    f"SELECT DISTINCT text FROM entities WHERE label IN {_NAMING_LABELS} "
                    "AND length(text) BETWEEN ? AND ?",
                    (len(name) - 2, len(name) + 2),
                )
            }
        close = difflib.get_close_matches(name.lower(), list(written), n=1, cutoff=SPELLING_CLOSENESS)
        return written[close[0]] if close and close[0] != name.lower() else None

    def mostly_a_person(self, name: str) -> bool:
        """Whether spaCy read the name as a PERSON in most of the places the corpus writes it (in any case):
        over many articles the tagger takes a few outlets and products for people ("Globes", "Pixel").

        News names a person in full once, then by surname, and the small tagger reads a bare surname less
        surely than a full name ("Blinken" a place three times in five, "Antony Blinken" a person each
        time): the full names ending in the name, in the articles that write it, count as its mentions."""
        spellings = _spellings(name)
        among = "text COLLATE NOCASE IN ({})".format(",".join("?" * len(spellings)))
        with self._db() as db:
            people, total = db.execute(
                f"SELECT COALESCE(SUM(label = 'PERSON'), 0), COUNT(*) FROM entities WHERE {among}", spellings
            ).fetchone()
            in_full, whole = db.execute(
                "SELECT COALESCE(SUM(label = 'PERSON'), 0), COUNT(*) FROM entities WHERE article_id IN "
                f"(SELECT article_id FROM entities WHERE {among}) AND text LIKE '% ' || ?",
                [*spellings, spellings[0]],
            ).fetchone()
        return (people + in_full) * 2 > total + whole

    def sources(self) -> tuple[str, ...]:
        """The outlets the corpus carries; read again only after a write, as every question looks for them."""
        sql = "SELECT DISTINCT source FROM articles WHERE source IS NOT NULL"
        return self._between_writes(self.store._sources, lambda db: tuple(row[0] for row in db.execute(sql)))

    def document_frequency(self, term: str) -> int:
        """How many chunks hold a term (already passed through lexical.terms).

        Counting reads the term's whole list of chunks (a millisecond for a common word at 100k chunks),
        and questions share their words: counts are kept for every question until the corpus is written."""
        if self._frequencies is None:
            with self._db() as db:
                stamp = _stamp(db)
            held = self.store._frequencies.get(self.name)
            if held is None or held[0] != stamp or len(held[1]) > FREQUENCIES_KEPT:
                held = self.store._frequencies[self.name] = (stamp, {})
            self._frequencies = held[1]
        if term not in self._frequencies:
            with self._db() as db:
                row = db.execute("SELECT doc FROM lexical_terms WHERE term = ?", (term,)).fetchone()
            self._frequencies[term] = row[0] if row else 0
        return self._frequencies[term]

    def idf(self, term: str) -> float:
        return bm25_idf(self.chunk_count(), self.document_frequency(term))

    def lexical(self, query: str, k: int, source: str | None = None) -> list[tuple[str, float]]:
        """(chunk id, BM25 score) of the `k` best chunks by the words of `query` (of one outlet's, if given)."""
        match = self._match(query)
        if match is None:
            return []
        if source:
            sql = (
                "SELECT c.id, -bm25(lexical) FROM lexical JOIN chunks c ON c.row = lexical.rowid "
                "JOIN articles a ON a.id = c.article_id WHERE lexical MATCH ? AND a.source = ? "
                "ORDER BY bm25(lexical), lexical.rowid LIMIT ?"
            )
        else:  # the best k first, then their ids: a join before the limit would look up every match
            sql = (
                "SELECT c.id, -t.score FROM (SELECT rowid, bm25(lexical) AS score FROM lexical WHERE lexical MATCH ? "
                "ORDER BY score, rowid LIMIT ?) t JOIN chunks c ON c.row = t.rowid ORDER BY t.score, t.rowid"
            )
        with self._db() as db:
            rows = db.execute(sql, (match, *([source] if source else []), k)).fetchall()
        return [(chunk_id, float(score)) for chunk_id, score in rows]

    def lexical_search(
        self, query: str, k: int, outlets: list[str] = (), per_outlet: int = 0
    ) -> tuple[list[tuple[str, float]], dict[str, list[tuple[str, float]]]]:
        """The `k` best chunks by the words of `query`, and each named outlet's `per_outlet` best, exactly as
        `lexical` finds them one outlet at a time, from one scoring of every match: scoring is most of a
        search's cost, and which outlet a match belongs to is known in memory (Store.outlet_vectors)."""
        if not outlets:
            return self.lexical(query, k), {}
        match = self._match(query)
        if match is None:
            return [], {outlet: [] for outlet in outlets}
        with self._db() as db:
            ranked = db.execute(
                "SELECT rowid, -bm25(lexical) FROM lexical WHERE lexical MATCH ? ORDER BY bm25(lexical), rowid",
                (match,),
            ).fetchall()
            found = {None: ranked[:k]}
            for outlet in outlets:
                rows = self.store.outlet_vectors(self.name, outlet).rows
                found[outlet] = list(itertools.islice((hit for hit in ranked if hit[0] in rows), per_outlet))
            wanted = {row for hits in found.values() for row, _ in hits}
            ids = dict(_in(db, "SELECT row, id FROM chunks WHERE row IN ({})", list(wanted)).fetchall())
        named = {key: [(ids[row], float(score)) for row, score in hits if row in ids] for key, hits in found.items()}
        return named.pop(None), named

    def _match(self, query: str) -> str | None:
        """The FTS5 expression a lexical search of `query` matches on (see `_searched`), or None if no word of
        it is in the corpus."""
        words = indexed(query).split()
        frequency = {word: self.document_frequency(word) for word in dict.fromkeys(words)}
        present = sorted((f, w) for w, f in frequency.items() if f)
        if not present:
            return None
        return match_expression(_searched(present, self.chunk_count()) or [w for _, w in present[:2]])

    def carries(self, outlet: str) -> bool:
        """Whether the corpus has articles from an outlet named in words ("the Independent" counts for
        "The Independent - Sports"; "BBC News" for "BBC News - Technology")."""
        wanted = _words(outlet.lower().removeprefix("the "))
        for source in self.sources():
            words = _words(source.lower().removeprefix("the "))
            if wanted and words[: len(wanted)] == wanted:
                return True
        return False

    def outlets_in(self, question: str) -> list[str]:
        """The corpus's outlets a question names ("according to TechCrunch", "The Verge article"), in any case,
        or by their initials in capitals ("SMH").

        An outlet named with a section ("The Independent - Sports") also answers to its name alone; a
        section named in full is that section only, its name's words not also naming the others."""
        text = " " + " ".join(_words(question)) + " "
        sources = self.sources()
        found: dict[str, int] = {}  # outlet -> where the question first names it
        for source in sorted(sources, key=len, reverse=True):
            words = " ".join(_words(source))
            if len(words) > 2 and f" {words} " in text:
                found[source] = text.index(f" {words} ")
                # Blanked to the same length, so that later positions still count from the question's start.
                text = text.replace(f" {words} ", " " + "|" * len(words) + " ")
        for source in sources:
            words = " ".join(_words(publication(source)))
            if len(words) > 2 and f" {words} " in text and source not in found:
                found[source] = text.index(f" {words} ")
        for source in sources:  # by its initials, in capitals as readers write them ("the SMH market wrap")
            abbreviation = initials(source)
            named = re.search(rf"\b{abbreviation}\b", question) if abbreviation else None
            if named and source not in found:
                found[source] = len(" ".join(_words(question[: named.start()])))
        # In the order the question names them: "Did X report … before Y?" compares X's article with Y's.
        return sorted(found, key=lambda source: (found[source], sources.index(source)))

    def dense(self, vector: np.ndarray, k: int, source: str | None = None) -> list[tuple[str, float]]:
        """(chunk id, cosine similarity) of the nearest chunks this corpus holds (Chroma's strays dropped)."""
        found = self.store.index(self.name).search(vector, k, source)
        with self._db() as db:
            live = {row[0] for row in _in(db, "SELECT id FROM chunks WHERE id IN ({})", [c for c, _ in found])}
        return [(chunk_id, similarity) for chunk_id, similarity in found if chunk_id in live]

    def dense_by_outlet(self, vector: np.ndarray, k: int, outlets: list[str]) -> dict[str, list[tuple[str, float]]]:
        """Each outlet's `k` nearest chunks, exactly: the question compared with every chunk of the outlet,
        whose vectors are held in memory (Store.outlet_vectors). A few milliseconds for an outlet of 20k
        chunks, where Chroma's search filtered to an outlet took ~50 ms at 100k chunks."""
        found = {}
        for outlet in outlets:
            held = self.store.outlet_vectors(self.name, outlet)
            similarities = held.matrix @ vector if held.ids else np.zeros(0, np.float32)
            found[outlet] = [(held.ids[i], float(similarities[i])) for i in top(similarities, k)]
        return found


@dataclass
class OutletVectors:
    """One outlet's chunk ids and their vectors (a row each, normalised), as of `stamp`."""

    stamp: tuple[int, float | None]  # the outlet's article count and latest write
    ids: list[str]
    matrix: np.ndarray
    rows: set[int] = field(default_factory=set)  # the chunks' rows (rowids of the lexical index)


@contextmanager
def _snapshot(db: sqlite3.Connection) -> Iterator[None]:
    """One read transaction: the statements inside see the database as it was at the first, whatever another
    process writes meanwhile (a count and the rows it counts agree)."""
    if db.in_transaction:
        yield
        return
    db.execute("BEGIN")
    try:
        yield
    finally:
        db.execute("COMMIT")


def _read_outlets(
    db: sqlite3.Connection, outlets: list[str], stamps: dict[str, tuple[int, float | None]]
) -> dict[str, OutletVectors]:
    """The chunk vectors of each of `outlets`, filled in place row by row (never two copies of them at once)."""
    sizes = dict(
        _in(
            db,
            "SELECT a.source, COUNT(*) FROM chunks c JOIN articles a ON a.id = c.article_id "
            "WHERE a.source IN ({}) GROUP BY a.source",
            outlets,
        ).fetchall()
    )
    dimension = None
    read: dict[str, OutletVectors] = {}
    for source, chunk_id, row, blob in _in(
        db,
        "SELECT a.source, c.id, c.row, c.vector FROM chunks c JOIN articles a ON a.id = c.article_id "
        "WHERE a.source IN ({}) ORDER BY a.source, c.row",
        outlets,
    ):
        vector = np.frombuffer(blob, dtype=np.float32)
        dimension = dimension or len(vector)
        held = read.get(source)
        if held is None:
            held = read[source] = OutletVectors(
                stamps.get(source, (0, None)), [], np.empty((sizes[source], dimension), np.float32)
            )
        held.matrix[len(held.ids)] = vector / max(float(np.linalg.norm(vector)), 1e-12)
        held.ids.append(chunk_id)
        held.rows.add(row)
    for outlet in outlets:  # an outlet with no chunks left is held empty, so it is not read again
        read.setdefault(outlet, OutletVectors(stamps.get(outlet, (0, None)), [], np.zeros((0, 1), np.float32)))
    return read


def top(scores: np.ndarray, k: int) -> list[int]:
    """The indices of the `k` highest scores, best first (ties by index): a partition, then a sort of k."""
    if len(scores) > k:
        chosen = np.argpartition(-scores, k - 1)[:k]
    else:
        chosen = np.arange(len(scores))
    return sorted(chosen.tolist(), key=lambda i: (-scores[i], i))


def _upgrade(db: sqlite3.Connection) -> None:
    """Bring a database made by an earlier version up to this schema (tables, columns and indexes only ever
    added; an index another replaces is dropped)."""
    columns = {row[1] for row in db.execute("PRAGMA table_info(articles)")}
    if "author" not in columns:
        db.execute("ALTER TABLE articles ADD COLUMN author TEXT")
    db.executescript(SCHEMA)
    # Looking a name up by text alone read every entity of that text ("2023": thousands of dates) for a label
    # that names; with the label in the index, each label allowed is one seek.
    db.execute("DROP INDEX IF EXISTS entities_by_text")
    _with_positions(db)
    _with_current_terms(db)


def _once(
    db: sqlite3.Connection, needed: Callable[[sqlite3.Connection], bool], change: Callable[[sqlite3.Connection], None]
) -> None:
    """Make an upgrade `change` in one write transaction if it is `needed`, asked again under the write lock:
    another connection may have made it meanwhile."""
    if not needed(db):
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        if needed(db):
            change(db)
        db.commit()
    except BaseException:
        db.rollback()
        raise


def _with_positions(db: sqlite3.Connection) -> None:
    """Rebuild a lexical index made without term positions (detail=column) with them.

    BM25 weighs a term by how often a chunk uses it. Without positions in the index, FTS5 reads each
    matching chunk's text again to count (about 4 µs a match: 16 ms a question at 100k chunks); with
    them it reads the counts from the index (3 ms), in an index no larger for chunks this short. Scores,
    and so results, are the same. Done once, in one transaction (seconds at 100k chunks)."""

    def rebuild(db: sqlite3.Connection) -> None:
        db.execute("DROP TABLE lexical_terms")
        db.execute("ALTER TABLE lexical RENAME TO lexical_without_positions")
        for statement in SCHEMA.split(";"):
            if "lexical" in statement and "VIRTUAL" in statement:
                db.execute(statement)
        db.execute("INSERT INTO lexical(rowid, terms) SELECT rowid, terms FROM lexical_without_positions")
        db.execute("DROP TABLE lexical_without_positions")

    _once(db, lambda db: "detail=column" in _lexical_schema(db), rebuild)


def _with_current_terms(db: sqlite3.Connection) -> None:
    """Index again, as lexical.terms now spells them, the chunks an earlier version spelt otherwise: one that
    kept accents or typographic apostrophes ("Málaga", "O’Brien" as "o" and "brien"), or an initialism's
    dots ("U.S." as "u_s", where "US" is "us").

    Every chunk's terms are made again and the changed ones written (once: 4 s for 11,500 chunks here);
    meta 'terms' records that it is done. The corpus counts as written, so counts kept for the terms as
    they were are dropped."""

    def respell(db: sqlite3.Connection) -> None:
        rows = db.execute(
            "SELECT c.row, substr(a.text, c.start + 1, c.end - c.start), l.terms FROM chunks c "
            "JOIN articles a ON a.id = c.article_id JOIN lexical l ON l.rowid = c.row"
        )
        changed = [(now, row) for row, text, then in rows if (now := indexed(text)) != then]
        db.executemany("UPDATE lexical SET terms = ? WHERE rowid = ?", changed)
        db.execute("INSERT OR REPLACE INTO meta VALUES ('terms', ?)", (TERMS,))
        db.execute("INSERT OR REPLACE INTO meta VALUES ('updated', ?)", (str(time.time()),))

    _once(db, lambda db: not _terms_current(db), respell)


def _terms_current(db: sqlite3.Connection) -> bool:
    return db.execute("SELECT 1 FROM meta WHERE key = 'terms' AND value = ?", (TERMS,)).fetchone() is not None


def _stamp(db: sqlite3.Connection) -> str:
    """When the corpus was last written (meta 'updated'): what is kept between writes is kept under it."""
    return db.execute("SELECT value FROM meta WHERE key = 'updated'").fetchone()[0]


def _lexical_schema(db: sqlite3.Connection) -> str:
    return db.execute("SELECT sql FROM sqlite_master WHERE name = 'lexical'").fetchone()[0]


def _in(db: sqlite3.Connection, sql: str, values: list) -> sqlite3.Cursor:
    """Run `sql` with its `{}` replaced by one placeholder per value (an IN list)."""
    return db.execute(sql.format(",".join("?" * len(values))), values)


def _metadata(item: Analysed, chunk: Chunk) -> dict:
    article = item.article
    return _chunk_metadata(article.id, chunk.start, chunk.end, article.source, article.date)


def _holding(chunks: list[Chunk], start: int, end: int) -> list[Chunk]:
    """The chunks that wholly hold [start, end)."""
    return [chunk for chunk in chunks if chunk.start <= start and end <= chunk.end]


def _words(text: str) -> list[str]:
    return re.findall(r"[\w&]+", text.lower())


def _chunk_metadata(article_id: str, start: int, end: int, source: str | None, date: str | None) -> dict:
    # Chroma keeps what a search may be filtered by; the text stays in the database only.
    return {"article_id": article_id, "start": start, "end": end, "source": source or "", "date": date or ""}


def _insert(db: sqlite3.Connection, item: Analysed) -> None:
    article = item.article
    db.execute(
        "INSERT INTO articles(id, title, text, date, source, url, author, fingerprint, added) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            article.id,
            article.title,
            article.text,
            article.date,
            article.source,
            article.url,
            article.author,
            item.fingerprint,
            time.time(),
        ),
    )
    for chunk, vector in zip(item.chunks, item.chunk_vectors, strict=True):
        cursor = db.execute(
            "INSERT INTO chunks(id, article_id, position, start, end, vector) VALUES (?, ?, ?, ?, ?, ?)",
            (chunk.id, article.id, chunk.index, chunk.start, chunk.end, np.asarray(vector, np.float32).tobytes()),
        )
        db.execute("INSERT INTO lexical(rowid, terms) VALUES (?, ?)", (cursor.lastrowid, indexed(chunk.text)))
    db.executemany(
        "INSERT INTO sentences VALUES (?, ?, ?, ?)",
        [
            (article.id, span.start, span.end, np.asarray(vector, np.float16).tobytes())
            for span, vector in zip(item.sentences, item.sentence_vectors, strict=True)
        ],
    )
    text = article.text
    db.executemany(
        "INSERT INTO entities VALUES (?, ?, ?, ?, ?)",
        [(article.id, s, e, label, text[s:e].removesuffix("'s")) for s, e, label in item.notes.entities],
    )
    db.executemany("INSERT INTO speakers VALUES (?, ?, ?, ?)", [(article.id, *row) for row in item.notes.speakers])
    db.executemany("INSERT INTO entity_nouns VALUES (?, ?, ?)", [(article.id, *row) for row in item.notes.nouns])
