"""Specs for cutting articles into chunks (assistant/chunking.py)."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from assistant.chunking import Chunk, chunk_article
from assistant.documents import Article
from assistant.text import paragraphs, sentences

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED_TEXT = SHARED / "seed" / "kyodo-2023-09-18-blinken-han-zheng.txt"

SIZES = [40, 80, 150, 300, 600, 1200, 100_000]


def article(text: str, article_id: str = "a.txt") -> Article:
    return Article(id=article_id, title="A title", text=text)


def seed_article() -> Article:
    if not SEED_TEXT.exists():
        pytest.fail(f"{SEED_TEXT} is missing: the shared/ folder must sit beside the repository")
    return article(SEED_TEXT.read_text(encoding="utf-8").strip(), "kyodo.md")


def short_paragraphs(count: int = 12) -> str:
    return "\n\n".join(
        f"Paragraph {n} reports that the council met on day {n}. It approved item {n}." for n in range(count)
    )


def long_sentence(words: int = 60) -> str:
    return "The minister said " + " ".join(f"word{n}" for n in range(words)) + " before leaving."


def span_texts(text: str, spans) -> set[tuple[int, int]]:
    return {(span.start, span.end) for span in spans}


# --- chunk text and order -----------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
def test_each_chunk_text_is_the_article_text_at_its_offsets(size):
    seed = seed_article()

    chunks = chunk_article(seed, size)

    assert chunks
    for chunk in chunks:
        assert chunk.text == seed.text[chunk.start : chunk.end]
        assert chunk.article_id == seed.id


@pytest.mark.parametrize("size", SIZES)
def test_chunks_are_in_order_without_overlap(size):
    seed = seed_article()

    chunks = chunk_article(seed, size)

    assert [chunk.index for chunk in chunks] == list(range(len(chunks)))
    for before, after in pairwise(chunks):
        assert before.end <= after.start


@pytest.mark.parametrize("size", SIZES)
def test_chunks_cover_all_of_the_article_text(size):
    seed = seed_article()

    chunks = chunk_article(seed, size)

    assert chunks[0].start == 0
    assert chunks[-1].end == len(seed.text)
    for before, after in pairwise(chunks):
        assert seed.text[before.end : after.start].strip() == ""


def test_blank_article_has_no_chunks():
    assert chunk_article(article("  \n\n  "), 100) == []


def test_short_article_is_one_chunk():
    text = "One short paragraph.\n\nAnother short paragraph."

    chunks = chunk_article(article(text), 1000)

    assert [(c.start, c.end, c.text) for c in chunks] == [(0, len(text), text)]


# --- size ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
def test_no_chunk_exceeds_size_unless_it_is_one_oversized_sentence(size):
    seed = seed_article()
    sentence_spans = span_texts(seed.text, sentences(seed.text))

    chunks = chunk_article(seed, size)

    for chunk in chunks:
        if len(chunk.text) > size:
            assert (chunk.start, chunk.end) in sentence_spans, chunk.text


def test_a_sentence_longer_than_size_is_a_chunk_of_its_own():
    long = long_sentence()
    text = f"Short opener. {long} Short closer.\n\nNext paragraph."
    size = 60
    assert len(long) > size

    chunks = chunk_article(article(text), size)

    assert [c.text for c in chunks] == ["Short opener.", long, "Short closer.\n\nNext paragraph."]
    assert [len(c.text) <= size for c in chunks] == [True, False, True]


def test_long_paragraph_is_cut_between_sentences():
    sentence_list = [f"Sentence number {n} of the long paragraph ends here." for n in range(10)]
    text = " ".join(sentence_list)
    size = 120

    chunks = chunk_article(article(text), size)

    assert len(chunks) > 1
    assert all(len(c.text) <= size for c in chunks)
    sentence_starts = {text.index(s) for s in sentence_list}
    sentence_ends = {text.index(s) + len(s) for s in sentence_list}
    for chunk in chunks:
        assert chunk.start in sentence_starts
        assert chunk.end in sentence_ends


def test_chunks_are_packed_up_to_size():
    text = short_paragraphs(12)
    size = 300

    chunks = chunk_article(article(text), size)

    for before, after in pairwise(chunks):
        assert after.end - before.start > size, "the next chunk would have fitted into this one"


def test_paragraphs_filling_exactly_size_share_one_chunk():
    text = "Alpha beta.\n\nGamma delta.\n\nEpsilon."
    size = len("Alpha beta.\n\nGamma delta.")

    chunks = chunk_article(article(text), size)

    assert [c.text for c in chunks] == ["Alpha beta.\n\nGamma delta.", "Epsilon."]


# --- paragraphs ---------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [100, 200, 300, 1000])
def test_chunks_start_and_end_at_paragraph_boundaries_when_paragraphs_are_short(size):
    text = short_paragraphs(12)
    paragraph_spans = paragraphs(text)
    assert max(p.end - p.start for p in paragraph_spans) <= size

    chunks = chunk_article(article(text), size)

    starts = {p.start for p in paragraph_spans}
    ends = {p.end for p in paragraph_spans}
    assert len(chunks) > 1 or size == 1000
    for chunk in chunks:
        assert chunk.start in starts
        assert chunk.end in ends
        assert len(chunk.text) <= size


def test_seed_chunks_start_at_paragraph_starts_when_every_paragraph_fits():
    seed = seed_article()
    paragraph_spans = paragraphs(seed.text)
    size = max(p.end - p.start for p in paragraph_spans)

    chunks = chunk_article(seed, size)

    assert {c.start for c in chunks} <= {p.start for p in paragraph_spans}
    assert {c.end for c in chunks} <= {p.end for p in paragraph_spans}


# --- ids ----------------------------------------------------------------------------------------


def test_ids_are_stable_across_calls():
    seed = seed_article()

    first = chunk_article(seed, 300)
    second = chunk_article(article(seed.text, seed.id), 300)

    assert [c.id for c in first] == [c.id for c in second]
    assert len({c.id for c in first}) == len(first), "ids are unique within an article"
    assert all(isinstance(c, Chunk) and len(c.id) == 24 for c in first)


def test_id_changes_when_the_chunk_text_changes():
    text = short_paragraphs(6)
    edited = text.replace("approved item 4", "rejected item 4")

    before = chunk_article(article(text), 150)
    after = chunk_article(article(edited), 150)

    assert len(before) == len(after)
    changed = [(b.id != a.id) for b, a in zip(before, after, strict=True)]
    assert changed == [b.text != a.text for b, a in zip(before, after, strict=True)]
    assert any(changed)
    assert not all(changed), "chunks whose text did not change keep their ids"


def test_ids_differ_for_identical_text_in_two_articles():
    text = short_paragraphs(4)

    one = chunk_article(article(text, "one.txt"), 200)
    two = chunk_article(article(text, "two.txt"), 200)

    assert [c.text for c in one] == [c.text for c in two]
    assert not {c.id for c in one} & {c.id for c in two}
    assert {c.article_id for c in two} == {"two.txt"}


def test_a_megabyte_paragraph_is_chunked_in_linear_time():
    """Sentence splitting works a window at a time, so one huge paragraph costs no more than many small ones."""
    import time

    from .conftest import one_paragraph

    small, large = (
        Article(id="s", title="t", text=one_paragraph(55_000)),
        Article(id="l", title="t", text=one_paragraph(1_100_000)),
    )
    started = time.perf_counter()
    chunk_article(small, 700)
    small_seconds = time.perf_counter() - started
    started = time.perf_counter()
    chunks = chunk_article(large, 700)
    large_seconds = time.perf_counter() - started
    assert "".join(c.text for c in chunks).replace(" ", "") == large.text.replace(" ", "")
    # 20 times the text: linear work takes about 20 times as long; quadratic work would take 400 times.
    assert large_seconds < 30 and large_seconds < 60 * max(small_seconds, 0.01)
