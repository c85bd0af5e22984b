"""The HTTP API, spoken to over real HTTP on loopback by httpx and the openai client."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from urllib.parse import quote

import httpx
import openai
import pytest

from .conftest import SEED_DEV, load_questions, one_paragraph, pdf_bomb, quote_found, serve_seeded, yaml_alias_bomb

QUESTIONS = load_questions(SEED_DEV)

MOON_BASE = """---
title: Lunar base contract awarded
source: Orbit Daily
date: 2024-05-04
url: https://example.org/lunar
---
The space agency awarded the lunar habitat contract to Selene Works on Friday.

"We will pour the first regolith bricks in 2027," chief engineer Ama Boateng said at the launch site.
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory, embeddings):
    with serve_seeded(tmp_path_factory, embeddings, "api") as live:
        yield live


@pytest.fixture
def http(server):
    with httpx.Client(base_url=server.url, timeout=60) as client:
        yield client


@pytest.mark.parametrize("item", QUESTIONS, ids=lambda q: q["id"])
def test_ask_answers_every_seed_question_with_exact_quotes_or_declines_citing_nothing(http, server, item):
    from assistant import Answer

    response = http.post("/v1/ask", json={"question": item["question"]})
    assert response.status_code == 200
    answer = response.json()
    assert "short_answer" in answer
    if answer["answered"]:
        assert quote_found(Answer.model_validate(answer), server.assistant.store.corpus("default"))
    else:
        assert answer["citations"] == [] and answer["short_answer"] is None


def test_openai_client_gets_footnoted_content_and_structured_citations(server):
    client = openai.OpenAI(base_url=server.url + "/v1", api_key="unused")
    completion = client.chat.completions.create(
        model="default", messages=[{"role": "user", "content": "What did Wang say about Taiwan?"}]
    )
    content = completion.choices[0].message.content
    assert "first red line" in content and "[^1]" in content
    assert "\n[^1]: " in content and "Kyodo News" in content
    citations = completion.model_extra["citations"]
    assert "first red line" in citations[0]["quote"] and citations[0]["marker"] == 1
    assert [m.id for m in client.models.list()] == ["default"]


def test_openai_client_streams_chunks_ending_with_citations(server):
    client = openai.OpenAI(base_url=server.url + "/v1", api_key="unused")
    stream = client.chat.completions.create(
        model="default",
        stream=True,
        messages=[
            {"role": "system", "content": "Be brief."},
            {"role": "user", "content": "What did Blinken emphasize about the Taiwan Strait?"},
        ],
    )
    chunks = list(stream)
    assert len(chunks) > 5
    content = "".join(chunk.choices[0].delta.content or "" for chunk in chunks)
    assert "peace and stability" in content and "[^1]" in content and "[1]" not in content
    assert chunks[-1].choices[0].finish_reason == "stop"
    assert "peace and stability" in chunks[-1].model_extra["citations"][0]["quote"]


def test_langchain_chat_openai_works_against_the_api(server):
    from langchain_openai import ChatOpenAI

    model = ChatOpenAI(base_url=server.url + "/v1", api_key="unused", model="default")
    assert "foreign minister" in model.invoke("Who is Kamikawa?").content


def test_uploaded_article_is_answered_and_cited_then_deleted(http):
    response = http.post(
        "/v1/corpora/space/documents", files=[("files", ("lunar.md", MOON_BASE.encode(), "text/markdown"))]
    )
    assert response.status_code == 201, response.text
    assert response.json()["articles"] == 1
    listed = http.get("/v1/corpora/space/documents").json()["documents"]
    assert [(d["id"], d["title"]) for d in listed] == [("lunar.md", "Lunar base contract awarded")]
    assert "space" in [c["name"] for c in http.get("/v1/corpora").json()["corpora"]]

    answer = http.post("/v1/ask", json={"question": "What did Ama Boateng say?", "corpus": "space"}).json()
    assert "regolith bricks" in answer["text"]
    assert answer["citations"][0]["article_id"] == "lunar.md" and answer["sources"][0]["source"] == "Orbit Daily"
    other = http.post("/v1/ask", json={"question": "What did Ama Boateng say?"}).json()
    assert other["answered"] is False  # the default corpus is untouched

    assert http.delete("/v1/corpora/space/documents/lunar.md").status_code == 200
    assert http.get("/v1/corpora/space/documents").json()["documents"] == []
    gone = http.post("/v1/ask", json={"question": "What did Ama Boateng say?", "corpus": "space"}).json()
    assert gone["answered"] is False
    assert http.delete("/v1/corpora/space").status_code == 200
    assert http.get("/v1/corpora/space/documents").status_code == 404


def error_message(response: httpx.Response) -> str:
    return response.json()["error"]["message"]


def test_unknown_corpus_or_document_is_404(http):
    response = http.post("/v1/ask", json={"question": "Who is Kamikawa?", "corpus": "nope"})
    assert response.status_code == 404 and "assistant ingest" in error_message(response)
    chat = http.post("/v1/chat/completions", json={"model": "nope", "messages": [{"role": "user", "content": "hi"}]})
    assert chat.status_code == 404
    assert http.delete("/v1/corpora/default/documents/missing.md").status_code == 404
    assert http.delete("/v1/corpora/nope").status_code == 404


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        (b'{"question": "unterminated', "not valid JSON"),
        (b'{"corpus": "default"}', "question: Field required"),
        (b'{"question": "Who is Kamikawa?", "extra": 1}', "extra: Extra inputs are not permitted"),
        (b'{"question": ""}', "the question is empty"),
        (b'{"question": "' + b"x" * 5000 + b'"}', "over the 2,000 limit"),
    ],
    ids=["malformed", "missing-field", "unknown-field", "empty-question", "long-question"],
)
def test_malformed_bodies_get_422_with_a_clear_message(http, body, needle):
    response = http.post("/v1/ask", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 422
    assert needle in error_message(response)


def test_a_100kb_question_is_refused_and_an_oversized_body_gets_413(http):
    long = http.post("/v1/ask", json={"question": "x" * 100_000})
    assert long.status_code == 422 and "100,000 characters, over the 2,000 limit" in error_message(long)
    huge = http.post("/v1/ask", json={"question": "x" * 300_000})
    assert huge.status_code == 413 and "ASSISTANT_MAX_REQUEST_KB" in error_message(huge)
    chunked = http.post("/v1/ask", content=iter([b'{"question": "', b"x" * 300_000, b'"}']))
    assert chunked.status_code == 413


def test_an_oversized_upload_gets_413_and_a_bad_file_422(http):
    big = b"word " * 5_000_000
    response = http.post("/v1/corpora/big/documents", files=[("files", ("big.txt", big, "text/plain"))])
    assert response.status_code == 413
    bad = http.post("/v1/corpora/big/documents", files=[("files", ("x.txt", b"\xff\xfe\x00\x00", "text/plain"))])
    assert bad.status_code == 422 and "x.txt" in error_message(bad)
    assert "big" not in [c["name"] for c in http.get("/v1/corpora").json()["corpora"]]


def test_health_and_docs_are_served(http):
    assert http.get("/healthz").json()["status"] == "ok"
    assert http.get("/docs").status_code == 200
    paths = http.get("/openapi.json").json()["paths"]
    assert {"/v1/ask", "/v1/chat/completions", "/v1/corpora/{name}/documents"} <= set(paths)


@pytest.fixture(scope="module")
def locked(tmp_path_factory, embeddings):
    with serve_seeded(tmp_path_factory, embeddings, "locked", api_key="s3cret") as live:
        yield live


def test_api_key_guards_every_v1_route(locked):
    with httpx.Client(base_url=locked.url, timeout=60) as http:
        for method, path in [("GET", "/v1/corpora"), ("POST", "/v1/ask"), ("GET", "/v1/models")]:
            response = http.request(method, path, json={"question": "Who is Kamikawa?"})
            assert response.status_code == 401, path
            assert response.headers["www-authenticate"] == "Bearer"
        wrong = http.get("/v1/corpora", headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 401
        right = http.post("/v1/ask", json={"question": "Who is Kamikawa?"}, headers={"Authorization": "Bearer s3cret"})
        assert right.status_code == 200
        assert http.get("/healthz").status_code == 200
    client = openai.OpenAI(base_url=locked.url + "/v1", api_key="s3cret")
    assert client.models.list().data[0].id == "default"
    with pytest.raises(openai.AuthenticationError):
        openai.OpenAI(base_url=locked.url + "/v1", api_key="wrong").models.list()


def test_a_backend_that_is_down_gets_503_naming_the_setting_and_the_server_stays_up(tmp_path_factory, embeddings):
    from .conftest import free_port, serve_seeded

    closed = f"http://127.0.0.1:{free_port()}/v1"
    with (
        serve_seeded(
            tmp_path_factory,
            embeddings,
            "down",
            answerer="openai",
            openai_base_url=closed,
            openai_model="m",
            llm_timeout=5,
        ) as live,
        httpx.Client(base_url=live.url, timeout=60) as http,
    ):
        down = http.post("/v1/ask", json={"question": "Who is Kamikawa?"})
        assert down.status_code == 503 and "ASSISTANT_OPENAI_BASE_URL" in error_message(down)
        assert http.get("/healthz").status_code == 200
        fallback = http.post("/v1/ask", json={"question": "Who is Kamikawa?", "answerer": "extractive"})
        assert fallback.status_code == 200 and fallback.json()["answered"]


def test_chat_completions_take_the_answerer_as_a_parameter(server):
    client = openai.OpenAI(base_url=server.url + "/v1", api_key="unused")
    messages = [{"role": "user", "content": "Who is Kamikawa?"}]
    chosen = client.chat.completions.create(model="default", messages=messages, extra_body={"answerer": "extractive"})
    assert "foreign minister" in chosen.choices[0].message.content
    with pytest.raises(openai.UnprocessableEntityError, match="unknown answerer 'nope'"):
        client.chat.completions.create(model="default", messages=messages, extra_body={"answerer": "nope"})


# --- hostile requests: every malformed input is a 4xx in the API's JSON shape --------------------


@pytest.mark.parametrize(
    ("path", "body"),
    [
        (
            "/v1/ask",
            {"question": "What did he say?", "history": [{"role": "user", "content": [{"type": "text", "text": 5}]}]},
        ),
        (
            "/v1/chat/completions",
            {
                "model": "default",
                "messages": [
                    {"role": "user", "content": [{"type": "text", "text": None}, {"type": "text"}]},
                    {"role": "user", "content": [{"type": "text", "text": 5}]},
                ],
            },
        ),
        ("/v1/ask", {"question": "What did \ud800 Wang say?"}),
        (
            "/v1/chat/completions",
            {
                "model": "default",
                "stream": True,
                "messages": [{"role": "user", "content": "What did \ud800 Wang say?"}],
            },
        ),
        ("/v1/chat/completions", {"model": "a-", "messages": [{"role": "user", "content": "hi"}]}),
    ],
    ids=["history-text-5", "chat-text-5", "surrogate", "surrogate-streamed", "bad-model-name"],
)
def test_malformed_content_gets_a_json_4xx_and_the_connection_stays_usable(http, path, body):
    raw = json.dumps(body).encode()  # keeps the lone surrogate as its \ud800 escape
    response = http.post(path, content=raw, headers={"content-type": "application/json"})
    assert 400 <= response.status_code < 500, response.text
    assert response.json()["error"]["message"]
    assert http.get("/healthz").status_code == 200  # the same keep-alive connection still works


@pytest.mark.parametrize("name", ["a-", "zc--", "a0c09-a0a_", "a\n", "-a", "A", "a" * 64, "a b", "a/../b", "..", "é"])
def test_corpus_names_the_store_would_refuse_are_422_before_anything_is_written(http, server, name):
    response = http.post(
        f"/v1/corpora/{quote(name, safe='')}/documents",
        files=[("files", ("lunar.md", MOON_BASE.encode(), "text/markdown"))],
    )
    assert response.status_code in (404, 422), response.text  # 404: a name that is not one path segment
    assert "error" in response.json()
    assert server.assistant.store.names() == ["default"]


def test_openai_clients_see_why_a_question_is_declined_streamed_or_not(server):
    client = openai.OpenAI(base_url=server.url + "/v1", api_key="unused")
    messages = [{"role": "user", "content": "Where did Blinkin and Han meet?"}]
    whole = client.chat.completions.create(model="default", messages=messages).choices[0].message.content
    streamed = client.chat.completions.create(model="default", messages=messages, stream=True)
    content = "".join(chunk.choices[0].delta.content or "" for chunk in streamed)
    assert content == whole
    assert "The coverage doesn't say." in whole and "Did you mean \u201cBlinken\u201d?" in whole


def test_a_failure_mid_stream_ends_with_an_error_event_and_done(server):
    from assistant import answerers
    from assistant.errors import Unavailable

    class Breaks(answerers.Answerer):
        name = "breaks"

        def __init__(self, kind):
            self.kind = kind

        def answer(self, question, documents, corpus):
            raise self.kind("the backend fell over")

        def stream(self, question, documents, corpus):
            yield "Partial "
            raise self.kind("the backend fell over")

    for kind in (RuntimeError, Unavailable):
        answerers.register("breaks")(lambda settings, embeddings, kind=kind: Breaks(kind))
        server.assistant._answerers.pop("breaks", None)
        body = {
            "model": "default",
            "stream": True,
            "answerer": "breaks",
            "messages": [{"role": "user", "content": "Who?"}],
        }
        with httpx.stream("POST", server.url + "/v1/chat/completions", json=body, timeout=60) as response:
            assert response.status_code == 200
            events = [line[6:] for line in response.iter_lines() if line.startswith("data: ")]
        assert events[-1] == "[DONE]"
        assert "error" in json.loads(events[-2]) and json.loads(events[-2])["error"]["message"]
    server.assistant._answerers.pop("breaks", None)


def test_one_over_long_article_is_skipped_with_its_reason_and_the_rest_of_the_upload_indexed(http):
    lines = [json.dumps({"title": "Huge", "text": "x" * 5_000_000}), json.dumps({"title": "Moon", "text": MOON_BASE})]
    response = http.post(
        "/v1/corpora/long/documents", files=[("files", ("feed.jsonl", "\n".join(lines).encode(), "application/json"))]
    )
    assert response.status_code == 201, response.text
    report = response.json()
    assert report["articles"] == 1 and report["skipped"][0]["path"] == "feed.jsonl#1"
    assert "over the 1,000,000 limit" in report["skipped"][0]["reason"]
    answer = http.post("/v1/ask", json={"question": "What did Ama Boateng say?", "corpus": "long"}).json()
    assert "regolith" in answer["text"]
    assert http.delete("/v1/corpora/long").status_code == 200


HOSTILE = {
    "bomb.pdf": lambda: pdf_bomb(),
    "paragraph.txt": lambda: one_paragraph(1_100_000).encode(),
    "laughs.md": lambda: yaml_alias_bomb().encode(),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_a_small_hostile_upload_finishes_fast_with_little_memory(http, name):
    """Each is indexed or refused within 30 s, the server growing by under 500 MB meanwhile."""
    data = HOSTILE[name]()
    peak = PeakMemory()
    with peak:
        started = time.perf_counter()
        response = http.post(
            "/v1/corpora/hostile/documents", files=[("files", (name, data, "application/octet-stream"))]
        )
        seconds = time.perf_counter() - started
    assert response.status_code in (201, 413, 422), response.text
    assert "error" in response.json() or response.json()["articles"] >= 0
    assert seconds < 30 and peak.growth_mb < 500, (seconds, peak.growth_mb)


class PeakMemory:
    """The most this process's resident memory grew while the block ran (the server runs in it)."""

    def __enter__(self):
        import threading

        self.start = self.peak = _rss_mb()
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()
        return self

    def _watch(self):
        while not self._done.wait(0.02):
            self.peak = max(self.peak, _rss_mb())

    def __exit__(self, *exc):
        self._done.set()
        self._thread.join()
        self.growth_mb = self.peak - self.start


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


# --- bounded fuzzing: hundreds of generated requests against the OpenAPI description, no 5xx ------------


@pytest.fixture(scope="module")
def fuzzed(tmp_path_factory, embeddings):
    with serve_seeded(tmp_path_factory, embeddings, "fuzz") as live:
        yield live


@pytest.fixture(scope="module")
def api_schema(fuzzed):
    import schemathesis

    return schemathesis.openapi.from_url(fuzzed.url + "/openapi.json")


def test_generated_requests_never_get_a_server_error(api_schema):
    from hypothesis import HealthCheck, given, settings
    from schemathesis.checks import not_a_server_error

    calls = []
    for result in api_schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(max_examples=50, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def fuzz(case):
            calls.append(case.call_and_validate(checks=[not_a_server_error], timeout=60).status_code)

        fuzz()
    assert len(calls) >= 200  # every operation was exercised, not skipped


HOSTILE_ARTICLE = json.dumps(
    {
        "title": "Ferry </script><script>alert(1)</script> news",
        "source": "Wire <img src=x onerror=alert(2)>",
        "url": "javascript:alert(3)",
        "text": "Inspector Lena Marsh said the ferry <img src=x onerror=alert(4)> was safe "
        "</script><script>alert(5)</script> and [click](javascript:alert(6)) resumed on Tuesday.",
    }
)


def test_chat_completion_markdown_carries_no_markup_from_articles_and_links_are_web_only(http):
    upload = http.post(
        "/v1/corpora/markup/documents", files=[("files", ("wire.jsonl", HOSTILE_ARTICLE.encode(), "application/json"))]
    )
    assert upload.status_code == 201, upload.text
    question = {"role": "user", "content": "What did Lena Marsh say?"}
    plain = http.post("/v1/chat/completions", json={"model": "markup", "messages": [question]}).json()
    with http.stream(
        "POST", "/v1/chat/completions", json={"model": "markup", "stream": True, "messages": [question]}
    ) as response:
        deltas = [json.loads(line[6:]) for line in response.iter_lines() if line.startswith("data: {")]
    streamed = "".join(d["choices"][0]["delta"].get("content") or "" for d in deltas)
    for content in (plain["choices"][0]["message"]["content"], streamed):
        assert "Lena Marsh" in content and "[^1]" in content
        lowered = content.lower()
        assert "<script" not in lowered and "onerror=" not in lowered and "<img" not in lowered
        assert not re.search(r"(?<!\\)\]\(", content)  # no link can form: every bracket is escaped
    ask = http.post("/v1/ask", json={"question": "What did Lena Marsh say?", "corpus": "markup"}).json()
    assert ask["citations"][0]["url"] is None and ask["sources"][0]["url"] is None
    assert "<img src=x onerror=alert(4)>" in ask["citations"][0]["quote"]  # JSON stays the article's text
    assert http.delete("/v1/corpora/markup").status_code == 200
