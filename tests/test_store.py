"""The index lives in embedded Chroma by default, or in a `chroma run` server when configured."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import httpx
import numpy as np
import pytest

from assistant import Assistant, Settings
from assistant import store as store_module
from assistant.documents import Article
from assistant.errors import Unavailable
from assistant.lexical import terms

from .conftest import chunk_ids, free_port, ingest_rows, quote_found


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
    assert not (tmp_path / "data" / "corpora" / "default" / "chroma").exists()  # nothing embedded on disk
    answer = assistant.ask("What did Wang say about Taiwan?")
    assert "first red line" in answer.text and quote_found(answer, assistant.store.corpus("default"))
    assert len(assistant.store.index("default").ids()) == report.chunks


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
        Assistant(settings, other).store.index("default").ids()


def test_an_index_built_at_another_precision_is_refused_naming_the_one_built_with(assistant, settings, embeddings):
    from assistant.embeddings import SentenceEmbeddings
    from assistant.errors import BadInput

    assistant.ensure_default_corpus()
    # same weights, other vectors
    other = SentenceEmbeddings(embeddings.model_name, precision="int8" if embeddings.precision != "int8" else "float32")
    with pytest.raises(BadInput, match=f"ASSISTANT_EMBEDDING_PRECISION={embeddings.precision}"):
        Assistant(settings, other).store.index("default").ids()


def test_auto_precision_reads_a_data_dir_at_the_precision_its_corpora_were_built_with(settings, embeddings):
    from assistant.embeddings import SentenceEmbeddings

    assert settings.embedding_precision == "auto"
    other = "int8" if embeddings.precision != "int8" else "float32"  # not the one "auto" picks on this machine
    Assistant(settings, SentenceEmbeddings(embeddings.model_name, precision=other)).ensure_default_corpus()
    reopened = Assistant(settings)
    assert reopened.embeddings.precision == other
    assert "first red line" in reopened.ask("What did Wang say about Taiwan?").text


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


# --- many writers, one corpus ------------------------------------------------------------------


def story(n: int) -> tuple[str, bytes]:
    return f"story-{n}.txt", f"Harbor pilot number {n} reported a {n}-minute delay at berth {n} on Tuesday.".encode()


def test_two_uploads_at_once_into_one_corpus_both_land(assistant):
    import threading

    batches = [[story(n) for n in range(0, 10)], [story(n) for n in range(10, 20)]]
    problems = []

    def upload(files):
        try:
            assistant.ingest_uploads(files, "harbor")
        except Exception as error:  # recorded: a failure in a thread must fail the test
            problems.append(error)

    threads = [threading.Thread(target=upload, args=(batch,)) for batch in batches]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert problems == []
    corpus = assistant.store.corpus("harbor")
    assert [d["id"] for d in corpus.documents()] == sorted(name for batch in batches for name, _ in batch)
    assert sorted(assistant.store.index("harbor").ids()) == chunk_ids(corpus)


def test_adding_an_article_touches_only_that_article(assistant):
    assistant.ingest_uploads([story(n) for n in range(5)], "harbor")
    before = chunk_ids(assistant.store.corpus("harbor"))
    result = assistant.store.write("harbor", [Article(id="new.txt", title="t", text="Ferry services resumed.")])
    assert (result.added, result.removed, result.articles) == (1, 0, 6)
    after = chunk_ids(assistant.store.corpus("harbor"))
    assert set(before) < set(after) and len(after) == len(before) + 1


def test_a_dense_index_that_lost_or_gained_vectors_is_repaired_when_a_process_opens_the_corpus(
    assistant, settings, embeddings
):
    import numpy as np

    assistant.ingest_uploads([story(n) for n in range(5)], "harbor")
    corpus = assistant.store.corpus("harbor")
    ids = chunk_ids(corpus)
    index = assistant.store.index("harbor")
    index.delete(ids[:2])  # as if a writer died before re-adding them
    index.add(["stray"], np.ones((1, embeddings.dimension), dtype=np.float32) / embeddings.dimension**0.5, [{"a": 1}])
    index.close()
    reopened = Assistant(settings, embeddings)  # another process, as far as the store can tell
    reopened.store.corpus("harbor")
    assert sorted(reopened.store.index("harbor").ids()) == ids


def test_a_corpus_of_the_earlier_snapshot_layout_is_carried_over(assistant, settings):
    folder = settings.corpus_dir("old")
    (folder / "snap-1").mkdir(parents=True)
    article = Article(id="a.txt", title="Old", text="Harbor pilots ended their strike on Friday, the union said.")
    (folder / "snap-1" / "articles.jsonl").write_text(json.dumps(article.to_dict()) + "\n")
    (folder / "current.json").write_text(json.dumps({"snapshot": "snap-1"}))
    assert assistant.store.names() == ["old"]
    assert assistant.store.corpus("old").article("a.txt") == article
    assert not (folder / "current.json").exists() and not (folder / "snap-1").exists()


def test_a_carry_over_stopped_part_way_is_finished_by_the_next_open(assistant, settings):
    folder = settings.corpus_dir("old")
    (folder / "snap-1").mkdir(parents=True)
    articles = [
        Article(id=f"{n}.txt", title=f"Old {n}", text=f"Harbor pilots ended strike number {n} on Friday.")
        for n in range(3)
    ]
    lines = "".join(json.dumps(article.to_dict()) + "\n" for article in articles)
    (folder / "snap-1" / "articles.jsonl").write_text(lines)
    (folder / "current.json").write_text(json.dumps({"snapshot": "snap-1"}))
    assistant.store.write("old", articles[:1])  # as if the carry-over had stopped after its first batch
    corpus = assistant.store.corpus("old")
    assert [corpus.article(a.id) for a in articles] == articles
    assert not (folder / "current.json").exists() and not (folder / "snap-1").exists()


def test_a_lexical_search_matches_on_the_rarest_words_within_a_budget_of_postings(monkeypatch):
    monkeypatch.setattr(store_module, "LEXICAL_POSTINGS", 100)
    present = [(3, "eovaldi"), (40, "pitcher"), (70, "rangers"), (900, "game")]  # (chunks holding it, word)
    assert store_module._searched(present, total=1000) == ["eovaldi", "pitcher"]  # 3 + 40 + 70 > 100
    assert store_module._searched(present, total=10**6) == ["eovaldi", "pitcher"]  # the same cost at any size
    assert store_module._searched([(500, "game")], total=1000) == []  # in half the chunks: says nothing
    assert store_module._searched([(300, "harbor")], total=10**6) == ["harbor"]  # one word is always searched


def test_a_lexical_index_made_without_term_positions_is_rebuilt_with_them_and_finds_the_same(
    assistant, settings, embeddings, tmp_path
):
    rows = [{"id": f"s{n}", "title": f"Report {n}", "text": story(n)[1].decode()} for n in range(6)]
    ingest_rows(assistant, tmp_path, "older", rows)
    question = "Which berth had a delay on Tuesday?"
    before = assistant.store.corpus("older").lexical(question, 4)
    # The index as an earlier version made it: term counts read back from each chunk's text, not the index.
    db = sqlite3.connect(settings.corpus_dir("older") / "corpus.db")
    with db:
        db.execute("DROP TABLE lexical_terms")
        db.execute("ALTER TABLE lexical RENAME TO lexical_new")
        db.execute(
            "CREATE VIRTUAL TABLE lexical USING fts5(terms, tokenize='unicode61 tokenchars ''_''', detail=column)"
        )
        db.execute("INSERT INTO lexical(rowid, terms) SELECT rowid, terms FROM lexical_new")
        db.execute("DROP TABLE lexical_new")
        db.execute("CREATE VIRTUAL TABLE lexical_terms USING fts5vocab(lexical, 'row')")
    db.close()

    reopened = Assistant(settings, embeddings)
    corpus = reopened.store.corpus("older")
    assert corpus.lexical(question, 4) == before
    with sqlite3.connect(settings.corpus_dir("older") / "corpus.db") as check:
        schema = check.execute("SELECT sql FROM sqlite_master WHERE name = 'lexical'").fetchone()[0]
    assert "detail=full" in schema
    assert corpus.document_frequency("berth") > 0
    late = {"id": "late", "title": "Late", "text": "A cormorant nested on berth 9."}
    ingest_rows(reopened, tmp_path, "older", [late])  # and the rebuilt index takes new chunks
    assert corpus.article_count() == 7 and len(corpus.lexical("cormorant", 5)) == 1


@pytest.mark.parametrize(
    ("text", "now", "then", "stamp", "searched"),
    [
        # An accent kept in the terms, by a version before lexical.folded (it stamped nothing).
        ("Italy beat Serbia in Málaga on Saturday.", "malaga", "málaga", None, "Malaga"),
        # A name split at a curly apostrophe, by a version that folded accents only.
        ("Conan O\u2019Brien will host the awards in March.", "o_brien", "o brien", "folded", "O'Brien"),
        # An initialism with its dots, by a version that kept them (so "US" missed "U.S.").
        ("The U.S. Navy towed the barge to Norfolk.", "us", "u_s", "folded, apostrophes straight", "US Navy"),
    ],
)
def test_a_lexical_index_an_earlier_version_spelt_otherwise_is_indexed_again(
    assistant, settings, embeddings, tmp_path, text, now, then, stamp, searched
):
    assert " ".join(terms(text)) == " ".join(terms(text.replace("á", "a").replace("\u2019", "'")))
    ingest_rows(assistant, tmp_path, "older", [{"id": "a", "title": "Older", "text": text}])
    db = sqlite3.connect(settings.corpus_dir("older") / "corpus.db")
    with db:
        db.execute("UPDATE lexical SET terms = replace(terms, ?, ?)", (now, then))
        db.execute("DELETE FROM meta WHERE key = 'terms'")
        if stamp:
            db.execute("INSERT INTO meta VALUES ('terms', ?)", (stamp,))
    db.close()

    corpus = Assistant(settings, embeddings).store.corpus("older")
    assert corpus.document_frequency(now) == 1 and corpus.document_frequency(then.split()[-1]) == 0
    assert now in next(iter(corpus.chunk_terms(chunk_ids(corpus)).values()))
    assert len(corpus.lexical(searched, 5)) == 1


def test_each_named_outlets_nearest_chunks_are_those_a_search_of_that_outlet_alone_finds(assistant, tmp_path):
    outlets = ["Harbor Times", "Coast Daily", "River Post"]
    rows = [
        {"id": f"{outlet}-{n}", "source": outlet, "title": f"Report {n}", "text": story(n + 10 * i)[1].decode()}
        for i, outlet in enumerate(outlets)
        for n in range(4)
    ]
    ingest_rows(assistant, tmp_path, "coast", rows)
    corpus = assistant.store.corpus("coast")
    vector = np.asarray(assistant.embeddings.embed_query("Which berth had a delay?"), dtype=np.float32)
    found = corpus.dense_by_outlet(vector, 2, outlets)
    best, matched = corpus.lexical_search("Which berth had a delay on Tuesday?", 3, outlets, 2)
    assert best == corpus.lexical("Which berth had a delay on Tuesday?", 3)
    for outlet in outlets:
        assert [c for c, _ in found[outlet]] == [c for c, _ in corpus.dense(vector, 2, outlet)]
        assert matched[outlet] == corpus.lexical("Which berth had a delay on Tuesday?", 2, outlet)
        assert len(found[outlet]) == len(matched[outlet]) == 2


def test_an_outlets_nearest_chunks_follow_its_articles_as_they_are_added_and_removed(assistant, tmp_path):
    from assistant.documents import Article

    rows = [
        {"id": f"h{n}", "source": "Harbor Times", "title": f"Report {n}", "text": story(n)[1].decode()}
        for n in range(3)
    ]
    ingest_rows(assistant, tmp_path, "coast", rows)
    corpus = assistant.store.corpus("coast")
    question = "Which lighthouse keeper rescued the stranded kayakers?"
    vector = np.asarray(assistant.embeddings.embed_query(question), dtype=np.float32)
    assert len(corpus.dense_by_outlet(vector, 4, ["Harbor Times"])["Harbor Times"]) == 3  # held in memory now
    rescue = "Lighthouse keeper Ada Moss rescued two stranded kayakers off the point on Sunday."
    assistant.store.write("coast", [Article(id="rescue", title="Rescue", text=rescue, source="Harbor Times")])
    nearest = corpus.dense_by_outlet(vector, 1, ["Harbor Times"])["Harbor Times"]
    assert assistant.store.corpus("coast").chunk(nearest[0][0]).article_id == "rescue"
    _, matched = corpus.lexical_search(question, 1, ["Harbor Times"], 1)
    assert corpus.chunk(matched["Harbor Times"][0][0]).article_id == "rescue"
    assistant.store.remove_article("coast", "rescue")
    nearest = corpus.dense_by_outlet(vector, 4, ["Harbor Times"])["Harbor Times"]
    assert len(nearest) == 3 and all(corpus.chunk(c).article_id != "rescue" for c, _ in nearest)


def test_outlets_asked_from_several_threads_at_once_all_get_the_same_nearest_chunks(assistant, tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    outlets = ["Harbor Times", "Coast Daily"]
    rows = [
        {"id": f"{o}-{n}", "source": o, "title": f"Report {n}", "text": story(n + 10 * i)[1].decode()}
        for i, o in enumerate(outlets)
        for n in range(3)
    ]
    ingest_rows(assistant, tmp_path, "coast", rows)
    vector = np.asarray(assistant.embeddings.embed_query("Which berth had a delay?"), dtype=np.float32)
    fresh = Assistant(assistant.settings, assistant.embeddings)  # nothing read into memory yet

    def nearest(_):
        return fresh.store.corpus("coast").dense_by_outlet(vector, 2, outlets)

    with ThreadPoolExecutor(8) as pool:
        found = list(pool.map(nearest, range(16)))
    assert all(result == found[0] for result in found)
    assert all(len(found[0][outlet]) == 2 for outlet in outlets)


ORCHARDS = [
    {
        "id": f"orchard-{n}",
        "title": f"Harvest report {n}",
        "date": f"2024-09-{n + 1:02d}",
        "text": (
            f"Growers in the valley picked {n + 3},000 crates of apple this week, and the apple price held at "
            f"{n + 20} cents a pound. Marta Fenwick, who runs the cooperative, said the apple crop was the best "
            "in a decade."
            + (" Apple, the iPhone maker, bought juice from the cooperative for its cafeterias." if n == 0 else "")
        ),
    }
    for n in range(12)
]


@pytest.mark.parametrize(
    ("question", "named", "not_named"),
    [
        # "apple" is the fruit in twelve chunks and the company in one: a common word of these articles.
        ("how many crates of apple did the growers pick?", [], ["Apple"]),
        ("What did Apple buy from the cooperative?", ["Apple"], []),
        # A name is tagged wherever it stands, and read as one in lower case too.
        ("what did marta fenwick say about the crop?", ["Marta Fenwick"], ["Apple"]),
    ],
)
def test_a_word_a_question_writes_in_lower_case_is_a_name_only_if_the_corpus_mostly_tags_it_one(
    assistant, tmp_path, question, named, not_named
):
    corpus = ingest_rows(assistant, tmp_path, "orchards", ORCHARDS).store.corpus("orchards")
    found = corpus.names_in(question)
    assert all(name in found for name in named), found
    assert not any(name in found for name in not_named), found


@pytest.mark.parametrize(
    ("typed", "offered"),
    [
        ("Blinkin", "Blinken"),  # a slip of the keyboard
        ("blinken", None),  # the corpus's own name, in another case: nothing to offer
        ("Macron", None),  # named nowhere, and spelt like no name the corpus uses
    ],
)
def test_a_name_the_corpus_never_uses_is_offered_the_one_it_spells_most_alike(seeded, typed, offered):
    assert seeded.store.corpus("default").closest_name(typed) == offered
