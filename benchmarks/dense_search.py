"""What widening Chroma's graph search (vector_index.EF_SEARCH) costs and buys: query time and recall@k.

    python -m benchmarks.dense_search [--data-dir DIR --corpus multihop-news] [--chunks 100000] [--ef 100 1000]

Builds a collection of unit vectors in a temporary folder: a corpus's own chunk vectors, each copy
nudged by a little noise until there are --chunks of them, when --data-dir names a data dir holding
--corpus (real text's vectors cluster as news does), else clustered random ones (384 dimensions, as
the embedding model's; harder for a graph search than real text). Then, for each width in turn, it
reopens the collection with that ef_search (a fresh client, as a new process would) and times 200
queries for their 30 nearest, counting how many of the exact 30 (brute force) each finds. The widths
alternate over the rounds, so the machine's load falls alike on each: compare the figures of one run,
as ratios.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

DIMENSIONS = 384
K = 30
QUERIES = 200


def main(argv: list[str] | None = None) -> None:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chunks", type=int, default=100_000)
    parser.add_argument("--ef", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--data-dir", type=Path, help="a data dir whose corpus's vectors to copy")
    parser.add_argument("--corpus", default="multihop-news")
    args = parser.parse_args(argv)

    rng = np.random.default_rng(0)
    settings = ChromaSettings(anonymized_telemetry=False)
    if args.data_dir:
        folder = args.data_dir / "corpora" / args.corpus / "chroma"
        own = chromadb.PersistentClient(path=str(folder), settings=settings)
        centres = np.asarray(own.get_collection(f"assistant-{args.corpus}").get(include=["embeddings"])["embeddings"])
        own.close()
        noise = 0.02
        print(f"copies of the {len(centres)} chunk vectors of {args.corpus}")
    else:
        centres = rng.normal(size=(args.chunks // 10, DIMENSIONS))
        noise = 0.5
        print("clustered random vectors")
    centres = centres.astype(np.float32)
    picked = centres[rng.integers(0, len(centres), args.chunks)]
    chunks = picked + rng.normal(0, noise, picked.shape).astype(np.float32)
    chunks /= np.linalg.norm(chunks, axis=1, keepdims=True)
    queries = chunks[rng.integers(0, args.chunks, QUERIES)]
    queries = queries + rng.normal(0, 0.05, queries.shape).astype(np.float32)
    exact = [set(np.argsort(-(chunks @ query))[:K].tolist()) for query in queries]

    path = tempfile.mkdtemp(prefix="dense-search-")
    client = chromadb.PersistentClient(path=path, settings=settings)
    collection = client.create_collection("bench", embedding_function=None, configuration={"hnsw": {"space": "cosine"}})
    started = time.perf_counter()
    for first in range(0, args.chunks, 5000):
        last = min(first + 5000, args.chunks)
        collection.add(ids=[str(i) for i in range(first, last)], embeddings=chunks[first:last])
    print(f"{args.chunks} chunks indexed in {time.perf_counter() - started:.0f} s")

    for round_ in range(args.rounds):
        for ef in args.ef:
            client.get_collection("bench").modify(configuration={"hnsw": {"ef_search": ef}})
            client.close()  # the width is read when a client loads the graph
            client = chromadb.PersistentClient(path=path, settings=settings)
            collection = client.get_collection("bench")
            collection.query(query_embeddings=[queries[0].tolist()], n_results=K, include=[])  # load it
            times, recall = [], []
            for query, nearest in zip(queries, exact, strict=True):
                started = time.perf_counter()
                found = collection.query(query_embeddings=[query.tolist()], n_results=K, include=[])["ids"][0]
                times.append(time.perf_counter() - started)
                recall.append(len(nearest & {int(i) for i in found}) / K)
            p95 = sorted(times)[int(0.95 * len(times))]
            print(
                f"round {round_ + 1} ef_search {ef:5d}: query p50 {1000 * statistics.median(times):.1f} ms, "
                f"p95 {1000 * p95:.1f} ms, recall@{K} {statistics.mean(recall):.4f}"
            )
    client.close()


if __name__ == "__main__":
    main()
