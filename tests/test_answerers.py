"""The backend contract: a backend defines `stream` alone, and answering whole and reading a follow-up come
with it, through every surface's one path."""

from __future__ import annotations

import pytest

from assistant import answerers
from assistant.answer import Answer


class Echo(answerers.Answerer):
    """Streams the question it was handed back, then declines."""

    name = "echo"

    def stream(self, question, documents, corpus):
        yield "You asked: "
        yield question
        yield Answer.declined(question, corpus.name, self.name)


@pytest.fixture
def echo(seeded):
    answerers.register("echo")(lambda settings, embeddings: Echo())
    seeded._answerers.pop("echo", None)
    yield seeded
    seeded._answerers.pop("echo", None)


def test_a_backend_that_only_streams_answers_whole_and_reads_follow_ups_by_rule(echo):
    history = [{"role": "user", "content": "Who did Blinken meet in New York?"}]
    answer = echo.ask("What did he say about Taiwan?", history, answerer="echo")
    assert answer.answerer == "echo" and not answer.answered
    assert answer.question == "What did Blinken say about Taiwan?"  # rewritten by followup.py's rules
    events = list(echo.stream("What did he say about Taiwan?", history, answerer="echo"))
    assert events[:-1] == ["You asked: ", "What did Blinken say about Taiwan?"]
    assert isinstance(events[-1], Answer) and events[-1].question == answer.question


def test_the_extractive_answer_streams_in_words_that_make_up_its_text(seeded):
    *pieces, answer = seeded.stream("What did Wang say about Taiwan?")
    assert answer.answered and len(pieces) > 3
    assert "".join(pieces).strip() == answer.body.strip()


def test_a_backend_must_be_an_answerer_and_end_its_stream_with_an_answer(seeded):
    class Mute(answerers.Answerer):
        name = "mute"

        def stream(self, question, documents, corpus):
            yield "Thinking…"

    class Plain:  # the shape of a backend, without the base class
        name = "plain"

        def answer(self, question, documents, corpus):
            return None

    answerers.register("mute")(lambda settings, embeddings: Mute())
    answerers.register("plain")(lambda settings, embeddings: Plain())
    try:
        with pytest.raises(RuntimeError, match="ended without an Answer"):
            seeded.ask("What did Wang say about Taiwan?", answerer="mute")
        with pytest.raises(TypeError, match="subclasses answerers.Answerer"):
            seeded.ask("What did Wang say about Taiwan?", answerer="plain")
    finally:
        for name in ("mute", "plain"):
            seeded._answerers.pop(name, None)
