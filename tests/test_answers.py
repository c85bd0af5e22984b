"""The assistant answers the seed questions from the default corpus, cited and verified."""

from __future__ import annotations

import pytest

from assistant import Answer
from assistant.prompts import decline

from .conftest import SEED_DEV, load_questions, quote_found

QUESTIONS = load_questions(SEED_DEV)


@pytest.mark.parametrize("item", [q for q in QUESTIONS if q["answerable"]], ids=lambda q: q["id"])
def test_answerable_question_is_answered_and_cited(seeded, item):
    answer = seeded.ask(item["question"])
    assert answer.answered
    assert any(expected.lower() in answer.text.lower() for expected in item["expect_any"]), answer.text
    assert any(item["evidence"] in citation.quote for citation in answer.citations), answer.citations
    assert quote_found(answer, seeded.store.corpus("default"))


@pytest.mark.parametrize("item", [q for q in QUESTIONS if not q["answerable"]], ids=lambda q: q["id"])
def test_unanswerable_question_is_declined_without_citations(seeded, item):
    answer = seeded.ask(item["question"])
    assert not answer.answered
    assert answer.text == decline() == "The coverage doesn't say."
    assert answer.citations == [] and answer.sources == []


def test_wang_on_taiwan_cites_the_red_line_sentence(seeded):
    answer = seeded.ask("What did Wang say about Taiwan?")
    assert "first red line" in answer.text
    [citation] = answer.citations
    assert citation.quote.startswith("China's Foreign Ministry") and citation.quote.endswith("if necessary.")
    assert f"{citation.quote} [{citation.marker}]" in answer.text
    assert quote_found(answer, seeded.store.corpus("default"))


def test_sources_name_the_cited_article_with_its_metadata(seeded):
    answer = seeded.ask("What did Blinken emphasize about the Taiwan Strait?")
    [source] = answer.sources
    assert source.source == "Kyodo News" and source.date == "2023-09"
    assert source.markers == [c.marker for c in answer.citations]
    text = answer.to_text()
    assert "Kyodo News, 2023-09" in text and answer.citations[0].quote in text


def test_answer_round_trips_as_json(seeded):
    answer = seeded.ask("Who is Kamikawa?")
    assert Answer.model_validate_json(answer.model_dump_json()) == answer


@pytest.mark.parametrize(
    ("question", "message"),
    [("", "empty"), ("   \n", "empty"), ("x" * 100_000, "over the 2,000 limit")],
    ids=["empty", "blank", "100KB"],
)
def test_bad_question_is_refused_with_a_clear_message(seeded, question, message):
    from assistant.errors import BadQuestion

    with pytest.raises(BadQuestion, match=message):
        seeded.ask(question)


def test_unknown_corpus_names_the_known_ones_and_the_fix(seeded):
    from assistant.errors import CorpusNotFound

    with pytest.raises(CorpusNotFound, match=r"corpora: default.*assistant ingest PATH --corpus nope"):
        seeded.ask("Who is Kamikawa?", corpus="nope")


def test_the_chain_is_a_langchain_runnable_with_a_retriever(seeded):
    from langchain_core.retrievers import BaseRetriever
    from langchain_core.runnables import Runnable

    assert isinstance(seeded.chain("default", "extractive"), Runnable)
    retriever = seeded.retriever("default")
    assert isinstance(retriever, BaseRetriever)
    documents = retriever.invoke("first red line")
    assert "first red line" in documents[0].page_content
    assert {"article_id", "title", "start", "end", "score", "chunk_id"} <= set(documents[0].metadata)


HARBOR_CUP = [
    {
        "id": "c2018",
        "title": "Brandt takes the cup",
        "text": "Angela Brandt won the 2018 Harbor Cup final in Rotterdam.",
    },
    {
        "id": "c2019",
        "title": "Kern wins",
        "text": "Sofia Kern won the 2019 Harbor Cup final, beating Angela Brandt in three sets.",
    },
    {
        "id": "c2019b",
        "title": "Trophy day",
        "text": "Sofia Kern lifted the Harbor Cup trophy on Sunday in front of 2019 fans.",
    },
    {
        "id": "city",
        "title": "City hall",
        "text": (
            "Mayor Tom Reyes praised the organisers of the Harbor Cup. "
            '"The cup belongs to the whole city," he said. '
            "Coach Lena Ortiz said the final had been the hardest of her career."
        ),
    },
]


@pytest.fixture
def cup(assistant, tmp_path):
    import json

    path = tmp_path / "cup.jsonl"
    path.write_text("\n".join(json.dumps(row) for row in HARBOR_CUP))
    assistant.ingest(path, "cup")
    return assistant


def test_the_answer_for_the_year_asked_is_cited_and_a_neighbouring_year_is_not_an_answer(cup):
    answer = cup.ask("Who won the Harbor Cup in 2019?", corpus="cup")
    assert "Sofia Kern" in answer.text
    assert all("2018" not in c.quote for c in answer.citations)
    declined = cup.ask("Who won the Harbor Cup in 2020?", corpus="cup")
    assert not declined.answered and declined.citations == []


def test_a_question_naming_a_speaker_cites_what_that_speaker_said(cup):
    answer = cup.ask("What did Reyes say about the cup?", corpus="cup")
    assert "belongs to the whole city" in answer.citations[0].quote
    ortiz = cup.ask("What did Lena Ortiz say?", corpus="cup")
    assert "hardest of her career" in ortiz.citations[0].quote


def test_a_question_about_a_role_is_answered_only_from_a_passage_naming_that_role(cup):
    answer = cup.ask("Who is the mayor of the city?", corpus="cup")
    assert "Tom Reyes" in answer.text
    declined = cup.ask("Who is the president of the Harbor Cup?", corpus="cup")
    assert not declined.answered and declined.citations == []


def test_a_question_of_stopwords_only_is_declined_not_an_error(seeded):
    answer = seeded.ask("Who is it?")
    assert answer.answered is False and answer.citations == []
