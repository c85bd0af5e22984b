"""Turning files into a corpus: read, merge with what the corpus holds, index, report.

Ingest adds to a corpus: unreadable files are reported one per line and
skipped, the readable ones are indexed, and nothing already in the corpus is
dropped (an article whose new version cannot be read keeps its old one). Only
the articles read are written, so adding one costs one article's work.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from .documents import Article, Limits, read_path
from .errors import BadDocument
from .store import Progress, Store


@dataclass
class IngestReport:
    corpus: str
    read: int = 0
    articles: int = 0
    chunks: int = 0
    added: int = 0
    removed: int = 0
    seconds: float = 0.0
    skipped: list[BadDocument] = field(default_factory=list)
    new: list[str] = field(default_factory=list)  # ids of the articles added
    replaced: list[str] = field(default_factory=list)  # ids of those that replaced a changed version
    passages: dict[str, int] = field(default_factory=dict)  # chunks of each article written

    def summary(self) -> str:
        return (
            f"corpus {self.corpus}: {self.read} articles read, {len(self.skipped)} skipped; "
            f"{self.articles} articles and {self.chunks} chunks indexed "
            f"({self.added} chunks added, {self.removed} removed) in {self.seconds:.1f} s"
        )

    def to_dict(self) -> dict:
        return {
            "corpus": self.corpus,
            "read": self.read,
            "articles": self.articles,
            "chunks": self.chunks,
            "added": self.added,
            "removed": self.removed,
            "seconds": round(self.seconds, 3),
            "new": self.new,
            "replaced": self.replaced,
            "skipped": [{"path": problem.path, "reason": problem.reason} for problem in self.skipped],
        }


def ingest(
    store: Store, corpus: str, items: list[Article | BadDocument], progress: Progress | None = None
) -> IngestReport:
    """Add the readable `items` to a corpus (an article with a known id replaces its old version)."""
    started = time.perf_counter()
    report = IngestReport(corpus=corpus)
    articles = []
    for item in items:
        if isinstance(item, BadDocument):
            report.skipped.append(item)
        else:
            articles.append(item)
            report.read += 1
    if report.read:
        result = store.write(corpus, articles, progress)
        report.articles, report.chunks = result.articles, result.chunks
        report.added, report.removed = result.added, result.removed
        report.new, report.replaced, report.passages = result.new, result.replaced, result.passages
    elif store.exists(corpus):  # nothing readable: the corpus stays exactly as it was
        info = store.info(corpus)
        report.articles, report.chunks = info.articles, info.chunks
    report.seconds = time.perf_counter() - started
    return report


def ingest_path(
    store: Store, corpus: str, path: Path, limits: Limits, progress: Progress | None = None
) -> IngestReport:
    return ingest(store, corpus, list(read_path(path, limits)), progress)
