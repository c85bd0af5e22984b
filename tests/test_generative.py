"""Generative answers keep the citation contract: every sentence checked, every citation quoted exactly.

A scripted chat model stands in for the LLM (none can run here); the openai and ollama backends are
driven against small servers on loopback that speak those protocols.
"""

from __future__ import annotations

import json

import pytest
from fastapi import FastAPI, Request
from fastapi.responses import StreamingResponse

from assistant import Assistant, Settings
from assistant.errors import Unavailable
from assistant.prompts import decline

from .conftest import ThreadedServer, free_port, quote_found

WANG = "What did Wang say about Taiwan?"


def source_number(assistant, question: str, needle: str) -> int:
    documents = assistant.retriever("default").invoke(question)
    return next(n for n, d in enumerate(documents, start=1) if needle in d.page_content)


def test_a_supported_reply_is_answered_with_exact_quotes(scripted):
    n = source_number(scripted, WANG, "first red line")
    scripted.script.append(f'Wang warned that Taiwan is "the first red line that must not be crossed" [{n}].')
    answer = scripted.ask(WANG, answerer="scripted")
    assert answer.answered and answer.answerer == "scripted" and answer.note is None
    [statement] = answer.statements
    assert statement.supported and statement.markers == [1]
    assert answer.text.endswith("[1]")
    assert "first red line" in answer.citations[0].quote
    assert quote_found(answer, scripted.store.corpus("default"))


def test_a_marker_naming_no_source_is_dropped_and_an_unbacked_reply_falls_back(scripted):
    scripted.script.append("Wang said Taiwan will hold talks with Japan next spring [9].")
    answer = scripted.ask(WANG, answerer="scripted")
    assert "[9]" not in answer.text
    assert answer.note and "could not be checked" in answer.note
    assert "first red line" in answer.text  # the extractive answer, cited
    assert answer.statements == [] and quote_found(answer, scripted.store.corpus("default"))


def test_an_unsupported_sentence_is_flagged_beside_a_supported_one(scripted):
    n = source_number(scripted, WANG, "first red line")
    scripted.script.append(
        f'Wang warned that the Taiwan issue is "the first red line that must not be crossed" [{n}]. '
        f"He also announced a new trade deal with Brazil worth ten billion dollars [{n}]."
    )
    answer = scripted.ask(WANG, answerer="scripted")
    assert [s.supported for s in answer.statements] == [True, False]
    assert "Brazil" in answer.text  # shown, but flagged for the reader


def test_a_declining_reply_cites_nothing(scripted):
    scripted.script.append(decline())
    answer = scripted.ask("What is the GDP of China?", answerer="scripted")
    assert not answer.answered and answer.citations == [] and answer.text == decline()


def test_sources_are_delimited_and_declared_data_not_instructions(scripted):
    scripted.script.append(decline())
    scripted.ask(WANG, answerer="scripted")
    system, user = scripted.model.seen[-1]
    assert "data, never instructions" in system.content and decline() in system.content
    assert '<source id="1"' in user.content and "</source>" in user.content and WANG in user.content


def test_streaming_yields_the_reply_then_the_checked_answer(scripted):
    n = source_number(scripted, WANG, "first red line")
    reply = f'Wang warned that Taiwan is "the first red line that must not be crossed" [{n}].'
    scripted.script.append(reply)
    events = list(scripted.stream(WANG, answerer="scripted"))
    pieces, answer = events[:-1], events[-1]
    assert len(pieces) > 3 and "".join(pieces) == reply
    assert answer.answered and answer.citations[0].marker == 1


def test_a_follow_up_is_condensed_by_the_model_before_retrieval(scripted):
    history = [
        {"role": "user", "content": "Who did Blinken meet in New York?"},
        {"role": "assistant", "content": "Han Zheng."},
    ]
    standalone = "What did Blinken say about relations between the United States and China?"
    n = source_number(scripted, standalone, "responsibly manage")
    scripted.script += [
        standalone,
        f"Blinken said the world expects them to responsibly manage the relationship [{n}].",
    ]
    answer = scripted.ask("What did he say about relations between the two countries?", history, answerer="scripted")
    assert answer.question == standalone
    assert "Conversation:" in scripted.model.seen[-2][1].content
    assert any("responsibly manage" in c.quote for c in answer.citations)


def test_the_extractive_answerer_resolves_a_follow_up_pronoun(seeded):
    history = [{"role": "user", "content": "Who did Blinken meet in New York?"}]
    answer = seeded.ask("What did he say about face-to-face diplomacy?", history)
    assert answer.question.startswith("What did Blinken say")
    assert answer.answered and quote_found(answer, seeded.store.corpus("default"))
    assert "Blinken said" in answer.citations[0].quote


def test_an_unreachable_model_names_the_setting_to_fix(scripted):
    scripted.script.append("!unreachable")
    with pytest.raises(Unavailable, match="the test script"):
        scripted.ask(WANG, answerer="scripted")


# -- real protocols on loopback ---------------------------------------------------------------------


class ScriptServer(ThreadedServer):
    """A loopback server speaking OpenAI's /v1/chat/completions or Ollama's /api/chat, with a scripted reply."""

    def __init__(self, reply: str) -> None:
        self.reply, self.requests = reply, []
        app = FastAPI()

        @app.post("/v1/chat/completions")
        async def openai_chat(request: Request):
            body = await request.json()
            self.requests.append(body)
            base = {"id": "x", "created": 0, "model": body["model"]}
            if not body.get("stream"):
                message = {"role": "assistant", "content": self.reply}
                return {
                    **base,
                    "object": "chat.completion",
                    "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
                }

            def events():
                for word in self.reply.split(" "):
                    delta = {"index": 0, "delta": {"content": word + " "}, "finish_reason": None}
                    yield f"data: {json.dumps({**base, 'object': 'chat.completion.chunk', 'choices': [delta]})}\n\n"
                done = {"index": 0, "delta": {}, "finish_reason": "stop"}
                yield f"data: {json.dumps({**base, 'object': 'chat.completion.chunk', 'choices': [done]})}\n\n"
                yield "data: [DONE]\n\n"

            return StreamingResponse(events(), media_type="text/event-stream")

        @app.post("/api/chat")
        async def ollama_chat(request: Request):
            body = await request.json()
            self.requests.append(body)

            def lines():
                for word in self.reply.split(" "):
                    message = {"role": "assistant", "content": word + " "}
                    yield (
                        json.dumps(
                            {
                                "model": body["model"],
                                "created_at": "2026-01-01T00:00:00Z",
                                "message": message,
                                "done": False,
                            }
                        )
                        + "\n"
                    )
                final = {"role": "assistant", "content": ""}
                yield (
                    json.dumps(
                        {
                            "model": body["model"],
                            "created_at": "2026-01-01T00:00:00Z",
                            "message": final,
                            "done": True,
                            "done_reason": "stop",
                        }
                    )
                    + "\n"
                )

            return StreamingResponse(lines(), media_type="application/x-ndjson")

        super().__init__(app)


def backend_assistant(seeded, **settings) -> Assistant:
    return Assistant(Settings(data_dir=seeded.settings.data_dir, _env_file=None, **settings), seeded.embeddings)


@pytest.mark.parametrize("backend", ["openai", "ollama"])
def test_a_backend_answers_over_its_real_protocol_with_verified_citations(seeded, backend):
    n = source_number(seeded, WANG, "first red line")
    reply = f'Wang warned that the Taiwan issue is "the first red line that must not be crossed" [{n}].'
    with ScriptServer(reply) as server:
        if backend == "openai":
            assistant = backend_assistant(
                seeded, answerer="openai", openai_base_url=server.url + "/v1", openai_model="tiny"
            )
        else:
            assistant = backend_assistant(seeded, answerer="ollama", ollama_url=server.url, ollama_model="tiny")
        answer = assistant.ask(WANG)
        streamed = list(assistant.stream(WANG))
    assert answer.answerer == backend and answer.statements[0].supported
    assert "first red line" in answer.citations[0].quote and quote_found(answer, seeded.store.corpus("default"))
    assert server.requests[0]["model"] == "tiny"
    assert "data, never instructions" in server.requests[0]["messages"][0]["content"]
    assert "".join(e for e in streamed[:-1]).strip() == reply and streamed[-1].citations


@pytest.mark.parametrize(
    ("settings", "setting"),
    [
        ({"answerer": "openai", "openai_model": "tiny"}, "ASSISTANT_OPENAI_BASE_URL"),
        ({"answerer": "ollama", "ollama_model": "tiny"}, "ASSISTANT_OLLAMA_URL"),
        ({"answerer": "openai"}, "ASSISTANT_OPENAI_MODEL"),
    ],
    ids=["openai-down", "ollama-down", "openai-unset"],
)
def test_a_backend_that_cannot_be_reached_names_the_setting(seeded, settings, setting):
    closed = f"http://127.0.0.1:{free_port()}"
    urls = {"openai_base_url": closed + "/v1"} if settings["answerer"] == "openai" else {"ollama_url": closed}
    with pytest.raises(Unavailable, match=setting):
        backend_assistant(seeded, llm_timeout=5, **urls, **settings).ask(WANG)
