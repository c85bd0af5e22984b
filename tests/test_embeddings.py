"""The embedding model as ONNX Runtime runs it: int8 vectors stand in for float32 ones; spans pool their own tokens."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.embeddings import SentenceEmbeddings

NEWS = [
    "Blinken told Han that Washington wants to keep lines of communication open with Beijing.",
    "The city council approved a $4.2 million renovation of the harbor stadium on Tuesday.",
    "Heavy rain flooded roads across the region, and schools stayed closed for a second day.",
    "Shares of the carmaker fell 6% after it cut its delivery forecast for the year.",
]


@pytest.fixture(scope="module")
def float32(embeddings) -> SentenceEmbeddings:
    return SentenceEmbeddings(embeddings.model_name, precision="float32")


def test_int8_vectors_point_where_float32_ones_do(embeddings, float32):
    assert embeddings.precision == "int8"
    quantised, exact = embeddings.encode(NEWS), float32.encode(NEWS)
    assert np.allclose(np.linalg.norm(quantised, axis=1), 1.0, atol=1e-4)
    assert (quantised * exact).sum(axis=1).min() > 0.97
    question = "How much will the stadium renovation cost?"
    for model in (embeddings, float32):  # both find the same passage for a question
        assert int(np.argmax(model.encode(NEWS) @ model.encode([question])[0])) == 1


def test_the_precision_is_part_of_what_a_corpus_records(embeddings, float32):
    assert embeddings.identity != float32.identity
    assert float32.identity == float32.model_name
    with pytest.raises(ValueError, match="precision"):
        SentenceEmbeddings(embeddings.model_name, precision="int4")


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
