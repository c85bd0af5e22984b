"""Questions across articles (assistant/verdicts.py): yes/no verdicts, outlets, dates, each claim cited."""

from __future__ import annotations

import pytest

from assistant.verdicts import asks_verdict, contrast, negation, order_fit

from .conftest import ingest_rows

TWO_OUTLETS = [
    {
        "id": "tc",
        "title": "Acme unveils the Falcon phone",
        "source": "TechCrunch",
        "date": "2023-10-12",
        "text": "Acme unveiled the Falcon phone on Thursday, with a titanium frame and a two-day battery.\n\n"
        "The company said the Falcon would ship in November, as its chief executive had told Bloomberg.",
    },
    {
        "id": "verge",
        "title": "Falcon priced at $899",
        "source": "The Verge",
        "date": "2023-10-14",
        "text": "Acme will sell the Falcon phone for $899, hardware chief Dana Lee confirmed on Saturday.\n\n"
        "Pre-orders open next week in the United States and Canada, analyst Ivo Brandt said.",
    },
    {
        "id": "wired",
        "title": "Inside Acme's phone lab",
        "source": "Wired",
        "date": "2023-10-16",
        "text": "Acme's hardware chief Dana Lee showed the Falcon's titanium frame to visitors "
        "of the lab in Austin.\n\n"
        "Lee said the battery took two years to design.",
    },
    {
        "id": "other",
        "title": "Harbor reopens",
        "source": "Port Gazette",
        "date": "2023-10-13",
        "text": "The harbor in Rotterdam reopened on Friday after a strike by pilots ended.",
    },
]


@pytest.fixture
def outlets(assistant, tmp_path):
    return ingest_rows(assistant, tmp_path, "wire", TWO_OUTLETS)


@pytest.mark.parametrize(
    ("question", "verdict"),
    [
        ("Did TechCrunch report the Falcon launch before The Verge reported its price?", True),
        ("Does the TechCrunch article say the Falcon has a titanium frame?", True),
        ("After TechCrunch reported the launch, did The Verge report the price?", True),
        ("Is the Falcon sold for $899?", True),
        ("Which outlet reported the Falcon's price?", False),
        ("When did Acme unveil the Falcon?", False),
        ("How did The Verge describe the price?", False),
        # A request for an answer asks what its wh-clause asks; one for whether something is so asks yes or no.
        ("Can you tell me where Acme unveiled the Falcon?", False),
        ("Do you know when the Falcon ships?", False),
        ("Could you please let me know which outlet reported the price?", False),
        ("Can you tell me if the Falcon is sold for $899?", True),
        # A wh-phrase ending the question asks, as quizzes ask, whatever inverted clause comes before it.
        ("Acme, which makes the Falcon, is based in which city?", False),
        ("Dana Lee, who showed the frame to visitors, is hardware chief of what?", False),
        ("Did Dana Lee say what the battery took to design?", True),
    ],
)
def test_a_yes_no_question_is_told_by_its_inverted_clause(question, verdict):
    assert asks_verdict(question) is verdict


@pytest.mark.parametrize(
    ("question", "negated", "contrasted"),
    [
        ("Was there no change in how TechCrunch portrayed Google between October and December?", 1, 0),
        ("Did The Verge not report the ruling, while TechCrunch did?", 1, 0),
        ("Does TechCrunch's account differ from The Verge's?", 0, 1),
        ("Was there inconsistency between the two reports?", 0, 1),
        ("Did TechCrunch report the ruling before The Verge?", 0, 0),
    ],
)
def test_a_question_that_negates_is_told_from_one_that_contrasts(question, negated, contrasted):
    """A negated question claims something is not so; a contrasting one compares: the model weighs them apart."""
    assert (negation(question), contrast(question)) == (negated, contrasted)


def test_the_order_asked_is_checked_against_the_articles_dates():
    dates = {"TechCrunch": "2023-10-12", "The Verge": "2023-10-14"}
    outlets = ["TechCrunch", "The Verge"]
    assert order_fit("Did TechCrunch report it before The Verge did?", outlets, dates) == 1.0
    assert order_fit("Did TechCrunch report it after The Verge did?", outlets, dates) == -1.0
    assert order_fit("After TechCrunch reported it, did The Verge follow?", outlets, dates) == 1.0
    assert order_fit("Did TechCrunch and The Verge agree?", outlets, dates) == 0.0
    assert order_fit("Did TechCrunch report it before The Verge did?", outlets, {"TechCrunch": "2023-10-12"}) == 0.0


def test_outlets_a_question_names_are_recognised_from_the_corpus_in_any_case(outlets):
    corpus = outlets.store.corpus("wire")
    assert corpus.outlets_in("according to techcrunch and THE VERGE, what happened?") == ["TechCrunch", "The Verge"]
    assert corpus.outlets_in("What did Reuters say?") == []
    # In the order the question names them, which "before" and "after" compare.
    assert corpus.outlets_in("Did the verge report it before TechCrunch did?") == ["The Verge", "TechCrunch"]


def test_a_verdict_is_yes_or_no_and_cites_one_sentence_of_each_outlet_named(outlets):
    answer = outlets.ask("Did TechCrunch report the Falcon launch before The Verge reported its price?", corpus="wire")
    assert answer.answered and answer.short_answer in ("Yes", "No")
    assert [c.source for c in answer.citations] == ["TechCrunch", "The Verge"]
    assert "TechCrunch, 2023-10-12:" in answer.text and "The Verge, 2023-10-14:" in answer.text
    assert answer.to_markdown().startswith(answer.short_answer)


def test_a_question_about_what_the_coverage_never_mentions_is_declined_whatever_its_form(outlets):
    for question in (
        "Did Bloomberg report the Falcon launch before Reuters did?",
        "Which Zorblax executive did TechCrunch and The Verge both quote?",
    ):
        answer = outlets.ask(question, corpus="wire")
        assert not answer.answered and answer.citations == [] and answer.short_answer is None


def test_retrieval_keeps_a_chunk_of_every_outlet_the_question_names(outlets):
    documents = (
        outlets.retriever("wire")
        .model_copy(update={"k": 2})
        .invoke("Did TechCrunch and The Verge both report on the Falcon phone?")
    )
    assert {d.metadata["source"] for d in documents} == {"TechCrunch", "The Verge"}


def test_what_an_outlet_the_corpus_does_not_carry_reported_is_declined_even_if_the_text_names_it(outlets):
    carried = outlets.ask("According to a report by The Verge, how much will the Falcon cost?", corpus="wire")
    assert carried.answered and "$899" in carried.text
    absent = outlets.ask("According to a Bloomberg report, how much will the Falcon cost?", corpus="wire")
    assert not absent.answered and absent.citations == []


def test_who_several_outlets_agree_on_is_the_answer_cited_once_per_article(outlets):
    answer = outlets.ask(
        "Which executive presented the Falcon phone, according to both The Verge and Wired?", corpus="wire"
    )
    assert answer.answered and answer.short_answer == "Dana Lee"
    assert {c.source for c in answer.citations} == {"The Verge", "Wired"}
    assert len({c.article_id for c in answer.citations}) == len(answer.citations)
