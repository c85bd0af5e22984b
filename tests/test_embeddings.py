"""The embedding model: int8 vectors stand in for float32 ones, a batch in bfloat16 for the same texts one at a
time; spans pool their own tokens."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.embeddings import SentenceEmbeddings, bfloat16_in_hardware

NEWS = [
    "Blinken told Han that Washington wants to keep lines of communication open with Beijing.",
    "The city council approved a $4.2 million renovation of the harbor stadium on Tuesday.",
    "Heavy rain flooded roads across the region, and schools stayed closed for a second day.",
    "Shares of the carmaker fell 6% after it cut its delivery forecast for the year.",
]


@pytest.fixture(scope="module")
def float32(embeddings) -> SentenceEmbeddings:
    return SentenceEmbeddings(embeddings.model_name, precision="float32")


@pytest.fixture(scope="module")
def int8(embeddings) -> SentenceEmbeddings:
    return SentenceEmbeddings(embeddings.model_name, precision="int8")


def test_int8_vectors_point_where_float32_ones_do(int8, float32):
    quantised, exact = int8.encode(NEWS), float32.encode(NEWS)
    assert np.allclose(np.linalg.norm(quantised, axis=1), 1.0, atol=1e-4)
    assert (quantised * exact).sum(axis=1).min() > 0.97
    question = "How much will the stadium renovation cost?"
    for model in (int8, float32):  # both find the same passage for a question
        assert int(np.argmax(model.encode(NEWS) @ model.encode([question])[0])) == 1


@pytest.mark.skipif(not bfloat16_in_hardware(), reason="this CPU has no bfloat16 instructions")
def test_a_batch_multiplied_in_bfloat16_gives_the_vectors_of_its_texts_one_at_a_time(float32):
    text = " ".join(NEWS[:2])
    spans = [[(0, len(NEWS[0])), (len(NEWS[0]) + 1, len(text))]]
    batch, batch_parts = float32.encode_spans([text, *NEWS], spans + [[] for _ in NEWS])
    alone = np.stack([float32.encode([t])[0] for t in [text, *NEWS]])
    assert (batch * alone).sum(axis=1).min() > 0.999
    _, alone_parts = float32.encode_spans([text], spans)
    assert (batch_parts[0] * alone_parts[0]).sum(axis=1).min() > 0.999


def test_the_precision_is_part_of_what_a_corpus_records(int8, float32):
    assert int8.identity != float32.identity
    assert float32.identity == float32.model_name
    with pytest.raises(ValueError, match="precision"):
        SentenceEmbeddings(int8.model_name, precision="int4")
    assert SentenceEmbeddings(int8.model_name, precision="auto").precision in ("int8", "float32")


def test_a_span_is_pooled_from_its_own_tokens_read_in_context(embeddings):
    text = " ".join(NEWS[:2])
    second = (len(NEWS[0]) + 1, len(text))
    whole, parts = embeddings.encode_spans([text], [[(0, len(NEWS[0])), second]])
    first, other = parts[0]
    alone = embeddings.encode(NEWS[:2])
    # each part reads as its own sentence, not its neighbour
    assert first @ alone[0] > first @ alone[1] and other @ alone[1] > other @ alone[0]
    assert whole[0] @ first < 0.99 and whole[0] @ other < 0.99  # not the whole text's vector


def test_a_question_embedded_again_is_remembered_not_recomputed(embeddings, monkeypatch):
    question = "Who rescued the kayakers off the point?"
    first = embeddings.embed_query(question)
    first.append(0.0)  # a caller's copy: changing it changes nothing remembered
    monkeypatch.setattr(embeddings, "encode", lambda texts: pytest.fail("the vector was computed again"))
    again = embeddings.embed_query(question)
    assert len(again) == embeddings.dimension and again == first[:-1]
