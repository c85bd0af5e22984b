"""The assistant answers the seed questions from the default corpus, cited and verified."""

from __future__ import annotations

import pytest

from assistant import Answer
from assistant.prompts import decline

from .conftest import SEED_DEV, ingest_rows, load_questions, quote_found

# Marked `known_miss` where the fitted reader does not yet do what the question needs (issue 10 is open
# for them); strict, so a refit that fixes one fails here until its mark is removed.
known_miss = pytest.mark.xfail(strict=True, reason="the fitted reader misses this one (issue 10)")

QUESTIONS = load_questions(SEED_DEV)


@pytest.mark.parametrize("item", QUESTIONS, ids=lambda q: q["id"])
def test_every_answer_quotes_its_articles_exactly_and_a_declined_one_cites_nothing(seeded, item):
    answer = seeded.ask(item["question"])
    if answer.answered:
        assert answer.citations and quote_found(answer, seeded.store.corpus("default"))
        assert all(f"[{c.marker}]" in answer.text for c in answer.citations)
    else:
        assert answer.text == decline() == "The coverage doesn't say."
        assert answer.citations == [] and answer.sources == [] and answer.short_answer is None


def test_the_seed_questions_the_reader_was_fitted_on_are_still_answered(seeded):
    """A floor on the reader's own training questions: a refit that loses these has gone wrong.
    How it does on questions it never saw is what `assistant fit` reports (cross-validated)."""
    right = 0
    for item in QUESTIONS:
        answer = seeded.ask(item["question"])
        said = f"{answer.short_answer or ''} {answer.text}".lower()
        if item["answerable"]:
            right += answer.answered and any(e.lower() in said for e in item["expect_any"])
        else:
            right += not answer.answered
    assert right >= 8, right


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
    assert {"article_id", "title", "start", "end", "passage", "rank", "chunk_id"} <= set(documents[0].metadata)


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
    return ingest_rows(assistant, tmp_path, "cup", HARBOR_CUP)


def test_the_answer_for_the_year_asked_is_cited_and_a_neighbouring_year_is_not_an_answer(cup):
    answer = cup.ask("Who won the Harbor Cup in 2019?", corpus="cup")
    assert "Sofia Kern" in answer.text
    assert all("2018" not in c.quote for c in answer.citations)


def test_a_year_the_coverage_never_reaches_is_declined(cup):
    declined = cup.ask("Who won the Harbor Cup in 2020?", corpus="cup")
    assert not declined.answered and declined.citations == []


SOLAR_CYCLE = [
    {
        "id": "forecast",
        "title": "The sun is nearing its peak",
        "source": "Sky Weekly",
        "date": "2023-06-14",
        "text": (
            "Sunspots are appearing faster than forecasters had predicted.\n\n"
            "Scientists now expect the solar maximum to arrive by 2024, a year earlier than the official forecast."
        ),
    },
    {
        "id": "aurora",
        "title": "Northern lights seen far south",
        "source": "Sky Weekly",
        "date": "2021-11-05",
        "text": "A strong solar storm pushed the northern lights as far south as Kansas in 2021.",
    },
]


def test_a_year_that_dates_the_coverage_asked_about_does_not_rule_out_the_years_it_reports(assistant, tmp_path):
    ingest_rows(assistant, tmp_path, "sky", SOLAR_CYCLE)
    answer = assistant.ask("According to the June 2023 feature, by when is the solar maximum expected?", corpus="sky")
    assert answer.answered and "arrive by 2024" in answer.citations[0].quote


LAST_YEAR = [
    {
        "id": "preview",
        "title": "Harbor Cup preview",
        "source": "Harbour Morning Herald",
        "date": "2023-05-02",
        "text": (
            "The Harbor Cup returns to Rotterdam this weekend.\n\n"
            "Lena Ortiz won the cup last year and is the favourite again, organisers said."
        ),
    },
]


def test_a_year_counted_from_the_year_written_is_stated(assistant, tmp_path):
    ingest_rows(assistant, tmp_path, "preview", LAST_YEAR)
    answer = assistant.ask("Who won the Harbor Cup in 2022?", corpus="preview")
    assert answer.answered and "Lena Ortiz" in answer.short_answer
    declined = assistant.ask("Who won the Harbor Cup in 2021?", corpus="preview")
    assert not declined.answered and declined.citations == []


def test_a_figure_compared_with_last_year_s_is_of_the_year_written(assistant, tmp_path):
    fair = [
        {
            "id": "fair",
            "title": "Harbor Fair closes",
            "source": "Harbour Morning Herald",
            "date": "2023-08-02",
            "text": "The Harbor Fair drew 52,000 visitors this summer, up from 41,000 last year, organisers said.",
        }
    ]
    ingest_rows(assistant, tmp_path, "fair", fair)
    answer = assistant.ask("How many visitors did the Harbor Fair draw in 2023?", corpus="fair")
    assert answer.answered and answer.short_answer == "52,000"


def test_an_outlet_named_by_its_initials_is_one_the_corpus_carries(assistant, tmp_path):
    ingest_rows(assistant, tmp_path, "preview", LAST_YEAR)
    answer = assistant.ask("According to the HMH preview, where does the Harbor Cup return to?", corpus="preview")
    assert answer.answered and "Rotterdam" in answer.citations[0].quote
    declined = assistant.ask("According to the HMT preview, where does the Harbor Cup return to?", corpus="preview")
    assert not declined.answered


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


RETAIL = [
    {
        "id": "results",
        "title": "Fenwick Outfitters swings to a loss",
        "source": "Retail Daily",
        "date": "2023-10-18",
        "text": (
            "Fenwick Outfitters reported a pre-tax loss of 120 million pounds for the year.\n\n"
            "Despite the slump, Ines Varga, Fenwick's chief executive, said the company had made good progress."
        ),
    },
    {
        "id": "rival",
        "title": "Marlow Home grows",
        "source": "Retail Daily",
        "date": "2023-10-19",
        "text": "Marlow Home said sales rose 4% in the autumn, led by its Leeds and York stores.",
    },
]


def test_a_ceo_is_found_where_news_writes_chief_executive(assistant, tmp_path):
    """British and wire copy call a CEO the "chief executive" and may never write "CEO" at all."""
    ingest_rows(assistant, tmp_path, "retail", RETAIL)
    answer = assistant.ask("Who is the CEO of Fenwick Outfitters?", corpus="retail")
    assert answer.answered and "Ines Varga" in (answer.short_answer or "")


FINAL = [
    {
        "id": "final",
        "title": "Kostyuk takes the Harbor Open",
        "source": "Court Report",
        "date": "2024-06-02",
        "text": (
            "Marta Kostyuk defeated Ons Jabeur in the final on Sunday to win the Harbor Open title.\n\n"
            "It was her first title of the season."
        ),
    }
]


@pytest.mark.parametrize("question", ["Who won the Harbor Open?", "who won the harbor open title"])
def test_who_won_is_answered_by_the_winner_not_the_one_beaten(assistant, tmp_path, question):
    answer = ingest_rows(assistant, tmp_path, "final", FINAL).ask(question, corpus="final")
    assert answer.answered and answer.short_answer == "Marta Kostyuk"


BUDGET = [
    {
        "id": "budget",
        "title": "Council passes budget",
        "source": "Valley Post",
        "date": "2024-03-12",
        "text": (
            "The Eastbrook council passed its budget on Monday after a long debate over library funding.\n\n"
            'Mayor Ruth Okafor praised the vote. "We kept every branch open, and that matters to families," she '
            "said.\n\n"
            "Councillor Dev Patel said the budget also raises parking fees in the town centre and renews the lease "
            "of the Riverside Arena."
        ),
    }
]


def test_what_someone_said_about_a_topic_they_never_spoke_of_is_declined(assistant, tmp_path):
    council = ingest_rows(assistant, tmp_path, "council", BUDGET)
    libraries = council.ask("What did Ruth Okafor say about the library branches?", corpus="council")
    assert libraries.answered and "every branch open" in libraries.citations[0].quote
    arena = council.ask("What did Ruth Okafor say about the Riverside Arena?", corpus="council")
    assert not arena.answered and arena.citations == []
    # A topic in common nouns someone else is reported speaking of, in words hers never use: she said nothing
    # of it.
    parking = council.ask("What did Ruth Okafor say about parking fees?", corpus="council")
    assert not parking.answered and parking.citations == []
    # One only the reporter words so, or no one, may be hers in other words.
    for topic in ("library funding", "the spending plan"):
        said = council.ask(f"What did Ruth Okafor say about {topic}?", corpus="council")
        assert said.answered and "every branch open" in said.citations[0].quote


def test_a_question_of_stopwords_only_is_declined_not_an_error(seeded):
    answer = seeded.ask("Who is it?")
    assert answer.answered is False and answer.citations == []


# --- questions nobody tuned the reader for: constructed articles, paraphrases, lower case ----------
@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Where will the APEC summit be held?", "San Francisco"),
        ("Where is the APEC summit?", "San Francisco"),
        ("When is the APEC summit?", "November"),
    ],
)
def test_questions_about_the_apec_summit_are_answered_from_the_article(seeded, question, expected):
    answer = seeded.ask(question)
    assert answer.answered and expected in answer.text
    assert expected in (answer.short_answer or "")


SUMMITS = [
    {
        "id": "summits",
        "title": "Ministers prepare for a busy season of summits",
        "source": "Harbor Gazette",
        "date": "2024-03-04",
        "text": (
            "Foreign ministers met in Brussels on Monday to prepare for the next summit of the North Atlantic "
            "Treaty Organization, to be held in July in Vilnius.\n\n"
            "The European Union will hold its own summit in December in Madrid, officials said.\n\n"
            "Both meetings are expected to focus on defence spending."
        ),
    }
]


@pytest.mark.parametrize(
    ("question", "expected"),
    [("When is the NATO summit?", "July"), ("Where will the NATO summit be held?", "Vilnius")],
)
def test_an_acronym_the_article_only_spells_out_picks_the_sentence_that_spells_it(
    assistant, tmp_path, question, expected
):
    summits = ingest_rows(assistant, tmp_path, "summits", SUMMITS)
    answer = summits.ask(question, corpus="summits")
    assert answer.answered and expected in (answer.short_answer or "")
    assert "North Atlantic" in answer.citations[0].quote


@pytest.mark.parametrize(
    "question", ["On what date will the NATO summit open?", "What is the exact date of the EU summit in Madrid?"]
)
def test_a_date_asked_for_is_not_answered_by_its_month(assistant, tmp_path, question):
    """The article gives each summit's month, not the day: "in July" is a month of dates, not the one asked."""
    answer = ingest_rows(assistant, tmp_path, "summits", SUMMITS).ask(question, corpus="summits")
    assert not answer.answered and answer.citations == []


SUPPLIERS = [
    {
        "id": "suppliers",
        "title": "Nordvik to build second battery plant",
        "date": "2024-05-02",
        "text": (
            "Nordvik, the battery maker founded in Bergen by two marine engineers, said on Thursday it would build "
            "a second plant in Sweden.\n\n"
            "The company's revenue rose 40 percent last year to 2.1 billion crowns, chief executive Ingrid "
            "Solheim said.\n\n"
            "Halvorsen Marine, founded in 1987, will supply the plant's cooling systems. Tidewell Foods, which was "
            "founded in 1962 and listed in Oslo in 2010, will run its canteen."
        ),
    }
]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("In what year was Halvorsen Marine founded?", "1987"),
        ("when was halvorsen marine founded?", "1987"),
        ("When was Tidewell Foods founded?", "1962"),
        ("When was Tidewell Foods listed?", "2010"),
        ("Where was Tidewell Foods listed?", "Oslo"),
        ("where was nordvik founded", "Bergen"),
        ("Where will Nordvik build its second plant?", "Sweden"),
        ("When did Nordvik say it would build a second plant?", "Thursday"),
    ],
)
def test_a_date_or_place_is_that_of_the_clause_it_stands_in(assistant, tmp_path, question, expected):
    """One sentence dates or places several events: each date or place answers for the verb it hangs from."""
    answer = ingest_rows(assistant, tmp_path, "suppliers", SUPPLIERS).ask(question, corpus="suppliers")
    assert answer.short_answer == expected


@pytest.mark.parametrize(
    "question", ["In what year was Nordvik founded?", "When was Nordvik founded?", "what year was nordvik founded"]
)
def test_a_date_of_someone_elses_event_or_clause_is_declined(assistant, tmp_path, question):
    """The article says where Nordvik was founded, not when: 1987 and 1962 are other companies' foundings, and
    Thursday is when Nordvik spoke."""
    answer = ingest_rows(assistant, tmp_path, "suppliers", SUPPLIERS).ask(question, corpus="suppliers")
    assert not answer.answered and answer.citations == []


MATCH = [
    {
        "id": "match",
        "title": "Ashford end Kingsport's unbeaten run",
        "date": "2024-10-14",
        "text": (
            "ASHFORD — Substitute Jamal Whitcombe scored in the 88th minute as Ashford United beat league leaders "
            "Kingsport Athletic 2-1 at Riverside Park on Sunday.\n\n"
            "Whitcombe, 19, had been on the field for less than 10 minutes when he curled a low shot inside the "
            "far post, sending most of the crowd of 23,418 to its feet.\n\n"
            "The club said the stadium, which holds 31,000, would be expanded next summer at a cost of 12 million "
            "pounds."
        ),
    }
]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("How big was the crowd at Riverside Park?", "23,418"),
        ("how large was the crowd?", "23,418"),
        ("How big is Ashford's stadium?", "31,000"),
    ],
)
def test_a_size_is_answered_by_a_figure_not_a_score(assistant, tmp_path, question, expected):
    """ "How big" asks for a size, told in any unit; the match's 2-1 tallies two sides and is no size."""
    answer = ingest_rows(assistant, tmp_path, "match", MATCH).ask(question, corpus="match")
    assert answer.short_answer == expected


SHOW = [
    {
        "id": "show",
        "title": "Harbor Lights returns",
        "date": "2023-01-10",
        "text": (
            "Season 3 of Harbor Lights premiered on March 3, 2022, to the best reviews of the drama's run.\n\n"
            "The network said Harbor Lights drew 4 million viewers in its first week, a record for the channel."
        ),
    }
]


def test_a_sentence_about_another_numbered_instalment_does_not_answer(assistant, tmp_path):
    show = ingest_rows(assistant, tmp_path, "show", SHOW)
    assert show.ask("When did season 3 of Harbor Lights premiere?", corpus="show").short_answer == "March 3, 2022"
    other = show.ask("When did season 4 of Harbor Lights premiere?", corpus="show")
    assert not other.answered and other.citations == []
    # An ordinal in words names the same instalments.
    assert show.ask("when did the third season of harbor lights premiere?", corpus="show").short_answer == (
        "March 3, 2022"
    )
    fourth = show.ask("When did the fourth season of Harbor Lights premiere?", corpus="show")
    assert not fourth.answered and fourth.citations == []


AGES = [
    {
        "id": "port",
        "title": "New terminal opens",
        "source": "Harbor Gazette",
        "date": "2024-05-10",
        "text": (
            "Port director Maria Lopez, 54, opened the new container terminal on Friday.\n\n"
            "Harbor master Tom Reyes and two ministers joined her for the ceremony, which lasted three hours.\n\n"
            "The oldest crane operator, a 71-year-old named Ann Price, cut the ribbon."
        ),
    }
]


@pytest.mark.parametrize(
    ("question", "expected"),
    [("How old is Maria Lopez?", "54"), ("how old is ann price?", "71"), ("How old is Tom Reyes?", None)],
)
def test_an_age_is_a_number_written_as_one_and_no_other_number_beside_the_person(
    assistant, tmp_path, question, expected
):
    port = ingest_rows(assistant, tmp_path, "port", AGES)
    answer = port.ask(question, corpus="port")
    if expected is None:
        assert not answer.answered and answer.citations == []
    else:
        assert answer.answered and expected in (answer.short_answer or "")


def test_what_someone_else_said_is_not_given_as_the_speakers_words(seeded):
    # Han speaks of "relations" between "the two countries"; Blinken speaks of "our relationship".
    answer = seeded.ask("What did Blinken say about relations between the two countries?")
    assert not any("Han, who spoke first" in c.quote for c in answer.citations)


def test_a_lower_case_question_about_what_someone_said_cites_that_speaker(seeded):
    answer = seeded.ask("what did blinken say about taiwan?")
    corpus = seeded.store.corpus("default")
    cited = answer.citations[0]
    assert "Taiwan" in cited.quote
    assert any("Blinken" in name for name in corpus.speakers(cited.article_id, cited.start, cited.end))


@pytest.mark.parametrize(
    "question",
    [
        "What did Antony Blinken tell Han Zheng?",
        "Where did Antony Blinken and Han Zheng meet?",
        "What did Wang Yi say about Taiwan?",
    ],
)
def test_a_question_typed_in_lower_case_gets_the_answer_its_capitalised_form_gets(seeded, question):
    cased, lower = (seeded.ask(q) for q in (question, question.lower()))
    assert lower.question == question.lower()  # the question is echoed as typed
    assert (lower.answered, lower.short_answer) == (cased.answered, cased.short_answer)
    assert [c.quote for c in lower.citations] == [c.quote for c in cased.citations]


@pytest.mark.parametrize(
    ("polite", "question"),
    [
        ("Can you tell me what Wang said about Taiwan?", "What did Wang say about Taiwan?"),
        ("Do you know how many hours Sullivan and Wang talked?", "How many hours did Sullivan and Wang talk?"),
        ("I'd like to know where the APEC summit will be held.", "Where will the APEC summit be held?"),
    ],
)
def test_a_request_for_an_answer_gets_the_answer_to_the_question_it_frames(seeded, polite, question):
    asked, direct = seeded.ask(polite), seeded.ask(question)
    assert direct.answered and asked.short_answer == direct.short_answer != "Yes"
    assert [c.quote for c in asked.citations] == [c.quote for c in direct.citations]
    assert asked.question == polite


def test_a_question_naming_what_the_coverage_never_mentions_says_so_and_offers_a_spelling(seeded):
    slip = seeded.ask("Where did Blinkin and Han meet?")
    assert not slip.answered and slip.citations == []
    assert slip.note == "The coverage never mentions \u201cBlinkin\u201d. Did you mean \u201cBlinken\u201d?"
    assert slip.note in slip.to_text()  # the command line shows it too
    absent = seeded.ask("What did Macron say about Taiwan?")
    assert not absent.answered and absent.note == "The coverage never mentions \u201cMacron\u201d."
    assert seeded.ask("Where did Blinken and Han meet?").note is None


def test_a_yes_no_question_with_a_when_clause_cites_the_sentence_that_bears_it_out(seeded):
    # "when the press was present" is a clause of the question, not a request for a date.
    answer = seeded.ask("Did Blinken speak to Han when the press was present?")
    assert answer.answered and "the press was present" in answer.citations[0].quote


def test_an_unanswerable_question_about_someone_the_article_names_is_declined(seeded):
    # Xi Jinping is named (Biden hopes to meet him) but never speaks in the article; nor does Kamikawa, named
    # in a related headline, whom the tagger takes for a place.
    for question in (
        "How old is Antony Blinken?",
        "How old is Han Zheng?",
        "What did Xi Jinping say about the meeting?",
        "What did Kamikawa tell Blinken when they met in New York?",
    ):
        answer = seeded.ask(question)
        assert not answer.answered and answer.citations == [] and answer.short_answer is None


SOLAR = [
    {
        "id": "solar",
        "title": "Council approves solar farm",
        "source": "Valley Courier",
        "date": "2024-04-02",
        "text": (
            "The city council on Tuesday approved a 12-megawatt solar farm on the site of the old landfill.\n\n"
            "The farm will save the city $1.8 million a year in electricity costs, Mayor Dana Whitfield said.\n\n"
            "Construction by Brightfield Energy is due to start in June and to take about 14 months.\n\n"
            '"This is the cheapest power we have ever bought," Whitfield told reporters after the vote.'
        ),
    },
    {
        "id": "film",
        "title": "Horror hit tops box office",
        "source": "Screen Daily",
        "date": "2023-10-30",
        "text": (
            "The horror film, directed by Emma Tammi, took $78 million in its first weekend in North America.\n\n"
            "It was shot over 35 days in New Orleans, producer Jason Blum said."
        ),
    },
]


@pytest.fixture
def solar(assistant, tmp_path):
    return ingest_rows(assistant, tmp_path, "local", SOLAR)


@pytest.mark.parametrize(
    ("question", "short", "quoted"),
    [
        ("How much will the solar farm save the city?", "$1.8 million", "$1.8 million a year"),
        ("how much money does the solar farm save each year?", "$1.8 million", "$1.8 million a year"),
        ("Who directed the horror film?", "Emma Tammi", "directed by Emma Tammi"),
        ("What is the yearly saving from the solar farm?", "$1.8 million", "$1.8 million a year"),
        ("What were the film's first-weekend earnings?", "$78 million", "took $78 million"),
        ("What is the solar farm's capacity?", "12-megawatt", "12-megawatt solar farm"),
        pytest.param("Where was the horror film shot?", "New Orleans", "New Orleans", marks=known_miss),
        # "The city council on Tuesday approved ... solar farm" ties with it within 0.02 (both name a day, the
        # farm's words weigh as much as the question's verb, and the lead sentence is the likelier answer):
        # refits have flipped it either way.
        ("When will construction of the solar farm start?", "June", "start in June"),
        pytest.param(
            "Which company will build the solar farm?", "Brightfield Energy", "Brightfield Energy", marks=known_miss
        ),
    ],
)
def test_a_question_of_each_kind_gets_the_phrase_that_answers_and_its_sentence(solar, question, short, quoted):
    answer = solar.ask(question, corpus="local")
    assert answer.answered, question
    assert quoted in answer.citations[0].quote
    assert short in (answer.short_answer or "")


MILL_STREET = [
    {
        "id": "bridge",
        "title": "Board backs bridge rebuild",
        "source": "Valley Courier",
        "date": "2024-05-07",
        "text": (
            "The county board on Monday approved a plan to rebuild the Mill Street bridge.\n\n"
            "The bridge was closed in March because inspectors found cracks in two of its steel beams.\n\n"
            "Board chair Rosa Delgado said the county would apply for federal money to cover half the cost.\n\n"
            "Engineers will replace the old deck with a lighter concrete design, the plan says."
        ),
    }
]


@pytest.mark.parametrize(
    ("question", "short", "quoted"),
    [
        ("What did the county board approve?", "a plan to rebuild the Mill Street bridge", "approved a plan"),
        ("what did the board approve on monday?", "a plan to rebuild the Mill Street bridge", "approved a plan"),
        (
            "Why was the Mill Street bridge closed?",
            "because inspectors found cracks in two of its steel beams",
            "found cracks",
        ),
        ("What will engineers replace the old deck with?", "a lighter concrete design", "lighter concrete"),
        ("According to the Courier, what will the county apply for?", "federal money", "federal money"),
        # A quiz's wh-phrase ends the question: it asks, though the clause before it is inverted.
        (
            "The bridge, which the board will rebuild, was closed because of cracks in what?",
            "two of its steel beams",
            "found cracks",
        ),
    ],
)
def test_a_question_no_named_thing_answers_gets_the_phrase_filling_its_gap(
    assistant, tmp_path, question, short, quoted
):
    ingest_rows(assistant, tmp_path, "mill", MILL_STREET)
    answer = assistant.ask(question, corpus="mill")
    assert answer.answered and quoted in answer.citations[0].quote
    assert answer.short_answer == short


def test_what_someone_said_is_answered_with_their_quoted_words(solar):
    answer = solar.ask("What did Whitfield say about the power?", corpus="local")
    assert "cheapest power we have ever bought" in (answer.short_answer or "")


@pytest.mark.parametrize(
    "question",
    [
        "What did Emma Tammi say about the film?",
        "what did emma tammi say about the shoot?",
        "What did Tammi tell reporters?",
    ],
)
def test_what_a_person_named_but_never_quoted_said_is_declined(solar, question):
    # Emma Tammi is named (she directed the film); only Jason Blum and Dana Whitfield are reported speaking.
    answer = solar.ask(question, corpus="local")
    assert not answer.answered and answer.citations == []


def test_what_a_person_said_is_answered_from_their_words_in_lower_case_too(solar):
    answer = solar.ask("what did jason blum say about the shoot?", corpus="local")
    assert answer.answered
    assert "producer Jason Blum said" in answer.citations[0].quote


@pytest.mark.parametrize(
    "question",
    [
        pytest.param("How much did the stadium renovation cost?", marks=known_miss),
        "Who is the CEO of Brightfield Energy?",
        "When did the mayor resign?",
    ],
)
def test_look_alike_questions_the_articles_do_not_answer_are_declined(solar, question):
    answer = solar.ask(question, corpus="local")
    assert not answer.answered and answer.citations == []


TRADE_TALKS = [
    {
        "id": "trade",
        "title": "Kenya and U.S. agree to open trade talks",
        "source": "Coast Herald",
        "date": "2024-03-08",
        "text": (
            "U.S. Trade Representative Maria Lopez and Kenyan Trade Minister Samuel Otieno agreed on Thursday to "
            "open talks on a new trade agreement, the U.S. Embassy said.\n\n"
            "The agreement came at their meeting in Mombasa, the first between the two governments since the "
            "election.\n\n"
            "Lopez said the first round would focus on farm exports, and Otieno said the two sides hoped to finish "
            "by December."
        ),
    }
]


@pytest.mark.parametrize(
    "question",
    [
        "Where did Lopez and Otieno meet?",
        "where did maria lopez and samuel otieno meet?",
        "Where did the U.S. and Kenyan trade chiefs meet?",
        "Where was the trade agreement reached?",
    ],
)
def test_where_is_answered_by_the_place_something_happens_not_a_place_describing_someone(assistant, tmp_path, question):
    """The lead names both people beside "U.S." and "Kenyan", which only say whose they are; the place they
    met is written after a preposition, in a sentence that names neither."""
    answer = ingest_rows(assistant, tmp_path, "trade", TRADE_TALKS).ask(question, corpus="trade")
    assert answer.short_answer == "Mombasa"
    assert "meeting in Mombasa" in answer.citations[0].quote


def test_where_someone_was_born_is_declined_when_only_places_describing_them_are_named(assistant, tmp_path):
    answer = ingest_rows(assistant, tmp_path, "trade", TRADE_TALKS).ask("Where was Otieno born?", corpus="trade")
    assert not answer.answered and answer.citations == []


COUNCIL = [
    {
        "id": "council",
        "title": "Council splits over parks budget",
        "date": "2024-03-12",
        "text": "The city council met on Monday to debate the parks budget for next year.\n\n"
        'Council member Ana Ortiz said the parks budget was "a disgrace" and that the parks budget must be cut '
        "before the parks budget vote.\n\n"
        'Mayor Tom Reyes said the city would "protect every playground" whatever the council decides.',
    }
]


@pytest.mark.parametrize(
    "question", ["What did Reyes say about the parks budget?", "what did mayor tom reyes say about the parks budget"]
)
def test_words_the_coverage_gives_to_someone_else_never_answer_what_a_person_said(assistant, tmp_path, question):
    council = ingest_rows(assistant, tmp_path, "council", COUNCIL)
    answer = council.ask(question, corpus="council")
    assert not any("Ortiz" in c.quote for c in answer.citations)
    if answer.answered:
        assert "protect every playground" in answer.citations[0].quote


BALLGAME = [
    {
        "id": "ballgame",
        "title": "Rangers shut out the Astros",
        "date": "2024-04-14",
        "text": "The Texas Rangers beat the Houston Astros 4-0 on Sunday.\n\n"
        "Nathan Eovaldi threw a shutout for the Texas Rangers, striking out nine.\n\n"
        "No Houston Astros pitcher lasted five innings. Every Houston Astros pitcher struggled with the wind. "
        "A Boston Red Sox pitcher had done the same a week earlier, and one New York Yankees pitcher called "
        "the park the hardest in the league.",
    }
]


@pytest.mark.parametrize("question", ["Which pitcher threw a shutout?", "which pitcher threw the shutout on sunday?"])
def test_a_noun_the_coverage_puts_beside_team_names_still_asks_for_what_it_means(assistant, tmp_path, question):
    """Here "pitcher" stands beside teams only ("Houston Astros pitcher"): a pitcher is still a person."""
    ballgame = ingest_rows(assistant, tmp_path, "ballgame", BALLGAME)
    answer = ballgame.ask(question, corpus="ballgame")
    assert answer.short_answer == "Nathan Eovaldi"


@pytest.mark.parametrize(
    ("question", "quoted"),
    [
        # The council member's words hold the question's: only the frame says whose words are asked for.
        ("In Tom Reyes's view, what should happen with the parks budget?", "protect every playground"),
        ("In the opinion of Mayor Tom Reyes, what must the council do about the parks budget?", "protect every"),
    ],
)
def test_a_question_framed_by_someones_view_is_answered_with_their_words(assistant, tmp_path, question, quoted):
    answer = ingest_rows(assistant, tmp_path, "council", COUNCIL).ask(question, corpus="council")
    assert answer.answered and quoted in answer.citations[0].quote


def test_who_did_something_is_the_noun_a_name_only_modifies(assistant, tmp_path):
    reopening = [
        {
            "id": "reopen",
            "title": "Bridge to reopen",
            "source": "Valley Courier",
            "date": "2024-05-09",
            "text": "A senior Delgado administration official said on Tuesday that the Mill Street bridge would"
            " reopen in June.",
        }
    ]
    ingest_rows(assistant, tmp_path, "reopen", reopening)
    answer = assistant.ask("Who said the Mill Street bridge would reopen in June?", corpus="reopen")
    assert answer.answered and answer.short_answer == "A senior Delgado administration official"


def test_a_price_is_answered_with_its_currency_sign(assistant, tmp_path):
    phone = [
        {
            "id": "phone",
            "title": "Acme cuts phone price",
            "source": "Gadget Wire",
            "date": "2023-10-10",
            "text": "Acme's Falcon phone is down to $449 this week, its lowest price yet, the retailer said.",
        }
    ]
    ingest_rows(assistant, tmp_path, "phone", phone)
    answer = assistant.ask("How much does the Falcon phone cost this week?", corpus="phone")
    assert answer.answered and answer.short_answer == "$449"


def test_a_surname_the_tagger_reads_as_a_place_is_the_person_its_article_names_in_full(seeded):
    """The small tagger reads "Blinken" alone as a place in most of the seed's mentions, "Antony Blinken" as
    a person: framed by his view, the question asks for his words, not Han's."""
    assert seeded.store.corpus("default").mostly_a_person("Blinken")
    answer = seeded.ask("In Blinken's view, what is the best way to handle areas of disagreement?")
    assert answer.answered and "face-to-face diplomacy" in answer.citations[0].quote


def test_asked_what_someone_said_the_answer_is_where_they_speak(seeded):
    """The seed article names Wang Yi where others speak (a meeting he held) and reports him speaking once."""
    answer = seeded.ask("What did Wang Yi say?")
    assert answer.answered and "red line" in answer.citations[0].quote


GOLDEN_QUILL = [
    {"id": "q1", "title": "", "text": "Golden Quill Award for reporting of the year: Mara Lind, Tribune."},
    {"id": "q2", "title": "", "text": "Mara Lind, a Tribune reporter, accepted the Golden Quill Award in Oslo."},
    {"id": "q3", "title": "", "text": "The Tribune's newsroom moved to a new building by the harbour last spring."},
]


def test_an_award_asked_for_one_year_is_declined_from_coverage_that_never_says_which_year(assistant, tmp_path):
    """Nothing ties these snippets to 2022: they may report any year's award."""
    quill = ingest_rows(assistant, tmp_path, "quill", GOLDEN_QUILL)
    assert quill.ask("Who won the Golden Quill Award?", corpus="quill").short_answer == "Mara Lind"
    declined = quill.ask("Who won the Golden Quill Award in 2022?", corpus="quill")
    assert not declined.answered and declined.citations == []


@pytest.mark.parametrize(("topic", "quoted"), [("red line", "the first red line"), ("key points", "discussed key")])
def test_a_topic_typed_as_a_phrase_is_answered_from_the_sentence_about_it(seeded, topic, quoted):
    """A chat window is often given a topic, not a question: it asks for no kind of thing, so no kind is missing."""
    answer = seeded.ask(topic)
    assert answer.answered and quoted in answer.citations[0].quote


BOX_OFFICE = [
    {
        "id": "box",
        "title": "Beyoncé's concert film tops the box office",
        "date": "2023-12-03",
        "text": (
            "Beyoncé ruled the box office this weekend. Her concert picture, “Renaissance: A Film by Beyoncé,” "
            "opened in first place with $21 million in North American ticket sales, according to studio estimates. "
            "The holdover “Wish” came second with $7.4 million. Analysts said the month had started slowly for "
            "cinemas across the country."
        ),
    },
    {
        "id": "cup",
        "title": "Italy reach the Davis Cup final in Málaga",
        "date": "2023-11-25",
        "text": (
            "Italy beat Serbia in Málaga on Saturday to reach the Davis Cup final against Australia. "
            "“Every seat for the final is sold,” said José Peña, the tournament director."
        ),
    },
]


AWARDS = [
    {
        "id": "awards",
        "title": "O\u2019Brien to host the awards",
        "date": "2024-01-10",
        "text": (
            "Conan O\u2019Brien will host the Lantern Awards in March, organisers said on Tuesday.\n\n"
            "\u201cI\u2019ve wanted this job since I was twelve,\u201d O\u2019Brien said. The ceremony will honour "
            "Baldur\u2019s Gate 3, which won five prizes last year."
        ),
    }
]


@pytest.mark.parametrize(
    ("question", "short"),
    [
        ("How much did Beyoncé's concert film take in its opening weekend?", "$21 million"),
        ("How much did Beyonce's concert film take in its opening weekend?", "$21 million"),
        ("Who did Italy beat in Malaga?", "Serbia"),
        ("What did Jose Pena say about the final?", "Every seat for the final is sold"),
        ("What did Conan O'Brien say about the job?", "I\u2019ve wanted this job since I was twelve"),
        ("what did conan o'brien say about hosting?", "I\u2019ve wanted this job since I was twelve"),
        ("How many prizes did Baldur's Gate 3 win last year?", "five"),
    ],
)
def test_a_name_is_found_however_the_question_writes_its_accents_and_apostrophes(assistant, tmp_path, question, short):
    """News keeps the accents of names and sets apostrophes typographically (O\u2019Brien, Baldur\u2019s Gate
    3); a reader may type either plain."""
    answer = ingest_rows(assistant, tmp_path, "box", BOX_OFFICE + AWARDS).ask(question, corpus="box")
    assert answer.short_answer == short


STORM = [
    {
        "id": "storm",
        "title": "Storm cuts power across the valley",
        "source": "Valley Courier",
        "date": "2024-11-04",
        "text": (
            "A winter storm left more than 300 homes without power on Sunday and forced 40 families from their "
            "houses, the county said. Crews worked for three days to restore the lines, and more than 2,000 "
            "volunteered at the shelters.\n\n"
            "The storm's strongest winds were recorded off the coast of Vancouver Island before it moved inland."
        ),
    }
]


@pytest.mark.parametrize(
    ("question", "short"),
    [
        ("How many families were forced from their homes?", "40"),
        ("how many homes lost power?", "more than 300"),
        ("How many days did crews work on the lines?", "three days"),
        ("How many people volunteered at the shelters?", "more than 2,000"),
    ],
)
def test_how_many_is_answered_by_the_number_written_with_what_it_counts(assistant, tmp_path, question, short):
    """A sentence has two counts; each answers the question about what it counts, a number of days is a
    count of days whatever the tagger labels it, and a number followed by a verb may count anyone."""
    answer = ingest_rows(assistant, tmp_path, "storm", STORM).ask(question, corpus="storm")
    assert answer.short_answer == short


def test_a_count_of_something_else_does_not_answer_how_many(assistant, tmp_path):
    answer = ingest_rows(assistant, tmp_path, "storm", STORM).ask("How many schools closed?", corpus="storm")
    assert answer.short_answer not in ("more than 300", "40")


def test_a_place_off_whose_coast_something_happens_answers_where(assistant, tmp_path):
    answer = ingest_rows(assistant, tmp_path, "storm", STORM).ask(
        "Where were the strongest winds recorded?", corpus="storm"
    )
    assert answer.short_answer == "Vancouver Island"


VOTE = [
    {
        "id": "vote",
        "title": "Council backs pipe plan",
        "date": "2024-06-05",
        "text": (
            "The Milton council voted 5-4 on Tuesday to approve a plan to replace the town's water pipes.\n\n"
            "A memoir by the mayor debuted at No. 2 on the state bestseller list this week."
        ),
    }
]


def test_a_vote_or_score_is_answered_whole(assistant, tmp_path):
    """News writes a vote or a score as numbers joined by a hyphen; the tagger may keep only the first."""
    answer = ingest_rows(assistant, tmp_path, "vote", VOTE).ask(
        "What was the council's vote on the plan?", corpus="vote"
    )
    assert answer.short_answer == "5-4"


def test_a_place_in_a_ranking_is_no_count(assistant, tmp_path):
    answer = ingest_rows(assistant, tmp_path, "vote", VOTE).ask("How many copies has the memoir sold?", corpus="vote")
    assert answer.short_answer != "2"


COURT = [
    {
        "id": "court",
        "title": "Court orders shipbuilders to compensate workers",
        "date": "2024-03-01",
        "text": (
            "A court in Busan ruled on Tuesday that two shipbuilders must compensate 14 former workers for "
            "unpaid overtime, after one-on-one hearings with each of them.\n\nThe companies said they would "
            "appeal the ruling, which their lawyers called costly."
        ),
    }
]


@pytest.mark.parametrize(
    "question",
    [
        "How much compensation must the shipbuilders pay?",
        "How much must the shipbuilders pay the workers?",
        "How much did the workers' one-on-one hearings cost?",
    ],
)
def test_an_amount_the_coverage_never_states_is_declined(assistant, tmp_path, question):
    """The sentence about the compensation holds counts of shipbuilders, workers and hearings, but no amount:
    a bare number counts things and measures nothing."""
    answer = ingest_rows(assistant, tmp_path, "court", COURT).ask(question, corpus="court")
    assert not answer.answered and answer.citations == []


TERMINAL = [
    {
        "id": "terminal",
        "title": "New ferry terminal to open next month",
        "date": "2024-06-10",
        "text": (
            "Mayor Lena Brandt said on Sunday that the city's new ferry terminal would open to passengers next "
            "month, after two years of work.\n\n"
            "Mayor Lena Brandt (L) and harbour chief Tomas Ruiz shake hands at the terminal in Portmere on June 8, "
            "2024. (Coast Post)\n\n"
            "The terminal cost 40 million euros and will serve 2 million passengers a year, Ruiz said."
        ),
    }
]


@pytest.mark.parametrize("question", ["Where was Lena Brandt born?", "when was tomas ruiz born?"])
def test_a_photo_caption_does_not_answer_a_question_about_the_people_pictured(assistant, tmp_path, question):
    """The caption is the only sentence giving a place and a date with their names: those of the photo."""
    answer = ingest_rows(assistant, tmp_path, "terminal", TERMINAL).ask(question, corpus="terminal")
    assert not any("(L)" in citation.quote for citation in answer.citations)


@pytest.mark.parametrize(
    ("question", "short"),
    [
        ("When did Brandt and Ruiz shake hands?", "June 8, 2024"),
        ("When were Brandt and Ruiz pictured together?", "June 8, 2024"),
        ("where did the mayor and the harbour chief shake hands?", "Portmere"),
    ],
)
def test_a_photo_caption_answers_a_question_about_the_moment_it_shows(assistant, tmp_path, question, short):
    answer = ingest_rows(assistant, tmp_path, "terminal", TERMINAL).ask(question, corpus="terminal")
    assert answer.short_answer == short
    assert "(L)" in answer.citations[0].quote


LOCAL = [
    {
        "id": "by-election",
        "title": "Greens win Westfield by-election",
        "date": "2024-10-04",
        "text": (
            "Green Party candidate Aisha Rahman won the Westfield by-election on Thursday by 412 votes.\n\n"
            "Rahman received 8,904 votes to 8,492 for Conservative Tom Whitcombe. Turnout was 38 percent."
        ),
    },
    {
        "id": "milan",
        "title": "Milan edge Newcastle but go out",
        "date": "2023-12-13",
        "text": (
            "AC Milan signed winger Samuel Chukwueze from Villarreal in the summer.\n\n"
            "On Wednesday Chukwueze scored the winner in the 84th minute at St James' Park, but Milan still "
            "finished third in the group."
        ),
    },
]


def test_a_question_about_a_party_the_coverage_never_names_is_declined(assistant, tmp_path):
    answer = ingest_rows(assistant, tmp_path, "local", LOCAL).ask(
        "How many votes did the Labour candidate get?", corpus="local"
    )
    assert not answer.answered and answer.citations == []


def test_who_is_answered_with_the_full_name_the_article_introduced(assistant, tmp_path):
    answer = ingest_rows(assistant, tmp_path, "local", LOCAL).ask("Who scored Milan's winner?", corpus="local")
    assert answer.short_answer == "Samuel Chukwueze"
    assert "scored the winner" in answer.citations[0].quote


BREWERY = [
    {
        "id": "brewery",
        "title": "Harwick Brewing sales rise on new lager",
        "date": "2024-02-09",
        "text": (
            "Harwick Brewing said on Thursday that its sales rose 12 percent last year, helped by a new lager.\n\n"
            "The brewery opened a second plant in Leeds in March, and chief executive Owen Price, who joined "
            "the company in 2015, won an industry award in November."
        ),
    }
]


@pytest.mark.parametrize(
    "question",
    [
        "When was Harwick Brewing founded?",
        "when was harwick brewing founded?",
        "When was Owen Price born?",
        "Where was Owen Price born?",
        "In which city was Owen Price born?",
        "When was the brewery's beer festival held?",
    ],
)
def test_a_date_or_place_is_not_given_for_an_event_the_coverage_never_mentions(assistant, tmp_path, question):
    """The article dates a report, an opening, a hiring and an award, and places the opening; none of them is a
    founding, a birth or a festival."""
    answer = ingest_rows(assistant, tmp_path, "brewery", BREWERY).ask(question, corpus="brewery")
    assert not answer.answered and answer.citations == []


def test_an_event_another_article_names_does_not_date_the_one_asked_about(assistant, tmp_path):
    """A second article tells of another firm's founding: that is not Harwick's, which nothing dates."""
    other = {
        "id": "mill",
        "title": "Orbis Mill expands",
        "date": "2024-02-10",
        "text": "Orbis Mill, founded in 1998 in Hull, said on Friday it would double its flour output by 2026.",
    }
    corpus = ingest_rows(assistant, tmp_path, "brewers", [*BREWERY, other])
    assert corpus.ask("When was Orbis Mill founded?", corpus="brewers").short_answer == "1998"
    harwick = corpus.ask("When was Harwick Brewing founded?", corpus="brewers")
    assert not harwick.answered and harwick.citations == []


@pytest.mark.parametrize(
    ("question", "short"),
    [
        ("When did Harwick Brewing announce its sales?", "Thursday"),  # "said" reports it
        ("When did Harwick open its plant in Leeds?", "March"),
        ("In what year did Owen Price join Harwick?", "2015"),
        ("When did Price win the award?", "November"),
        ("Where did Harwick open its second plant?", "Leeds"),
        ("In which city did Harwick open its second plant?", "Leeds"),
    ],
)
def test_a_date_is_given_for_the_event_its_passage_names(assistant, tmp_path, question, short):
    answer = ingest_rows(assistant, tmp_path, "brewery", BREWERY).ask(question, corpus="brewery")
    assert answer.short_answer == short


VISIT = [
    {
        "id": "visit",
        "title": "Japanese leader visits Canberra",
        "date": "2024-07-02",
        "text": (
            "Japanese Prime Minister Fumio Kishida arrived in Canberra on Tuesday for talks on defence and trade "
            "with Australian Prime Minister Anthony Albanese.\n\nThe two leaders are expected to sign a deal "
            "allowing Japanese troops to train in northern Australia, officials said."
        ),
    }
]


@pytest.mark.parametrize(
    ("question", "short"),
    [
        ("Who is Japan's prime minister?", "Fumio Kishida"),  # the article never writes "Japan"
        ("Who is Australia's prime minister?", "Anthony Albanese"),
        ("who is australia's prime minister?", "Anthony Albanese"),
        ("Who is the prime minister of Japan?", "Fumio Kishida"),
    ],
)
def test_a_country_asked_about_is_found_in_the_word_for_its_people(assistant, tmp_path, question, short):
    """News names a leader by the nationality adjective ("Japanese Prime Minister Fumio Kishida")."""
    answer = ingest_rows(assistant, tmp_path, "visit", VISIT).ask(question, corpus="visit")
    assert answer.short_answer == short


GAME = [
    {
        "id": "skyforge",
        "title": "Skyforge still sells",
        "date": "2024-02-20",
        "text": (
            "Skyforge, released nearly three years ago, still sells well, Harbor Games said on Tuesday.\n\n"
            "The studio released Skyforge on March 3, 2021, to strong reviews, and has sold 4 million copies."
        ),
    }
]


def test_a_date_counted_from_the_day_of_writing_is_not_preferred_to_one_on_the_calendar(assistant, tmp_path):
    answer = ingest_rows(assistant, tmp_path, "game", GAME).ask("When was Skyforge released?", corpus="game")
    assert answer.short_answer == "March 3, 2021"


SUMMIT_SPEECH = [
    {
        "id": "address",
        "title": "Kovacs opens Geneva summit",
        "date": "2024-05-14",
        "text": (
            "Prime Minister Anna Kovacs, who addressed the Geneva summit in French, said on Monday that "
            "Europe must spend more on defence.\n\nDelegates from 40 countries attended the two-day meeting."
        ),
    }
]


@pytest.mark.parametrize(
    "question", ["In which language did Kovacs address the summit?", "what language did anna kovacs speak?"]
)
def test_a_language_is_named_by_its_peoples_word(assistant, tmp_path, question):
    """The tagger labels "French" a nationality; asked for a language, it is one."""
    answer = ingest_rows(assistant, tmp_path, "address", SUMMIT_SPEECH).ask(question, corpus="address")
    assert answer.short_answer == "French"


SUMMIT = [
    {
        "id": "summit",
        "title": "What to expect from the Biden-Xi summit",
        "date": "2023-11-14",
        "source": "Harbour Times",
        "text": (
            "President Joe Biden will meet Chinese leader Xi Jinping near San Francisco on Wednesday, their first "
            "meeting in a year.\n\n"
            "Gabriel Wildau, a managing director at the consultancy Teneo, expects the talks to ease tensions for a "
            'while. "The immediate aftermath of the meeting is likely to mark a cyclical high point for US-China '
            'relations," he said.\n\n'
            '"Export controls will stay, whatever the leaders agree," Teneo said in a note to clients.\n\n'
            "Commerce Secretary Gina Raimondo said in August that the controls were matters of national security."
        ),
    }
]


@pytest.mark.parametrize(
    "question",
    [
        # The parse of this long question takes the employer, Teneo, for the one who speaks.
        "Ahead of the November 2023 Biden-Xi summit in San Francisco, what did Teneo managing director Gabriel "
        "Wildau say the immediate aftermath of the meeting was likely to mark for US-China relations?",
        "According to Teneo managing director Gabriel Wildau, what would the aftermath of the meeting mark?",
    ],
)
def test_a_speaker_named_with_their_employer_and_title_is_the_person_quoted(assistant, tmp_path, question):
    answer = ingest_rows(assistant, tmp_path, "summit", SUMMIT).ask(question, corpus="summit")
    assert "cyclical high point" in (answer.short_answer or "")
    assert "cyclical high point" in answer.citations[0].quote


def test_an_organisation_is_still_a_speaker_of_its_own_words(assistant, tmp_path):
    answer = ingest_rows(assistant, tmp_path, "summit", SUMMIT).ask(
        "What did Teneo say about export controls?", corpus="summit"
    )
    assert answer.short_answer == "Export controls will stay, whatever the leaders agree"


BRIDGE = [
    {
        "id": "bridge",
        "title": "Elm Street bridge to close",
        "date": "2024-05-10",
        "text": (
            "The Dunmore city council voted on Tuesday to close the Elm Street bridge for repairs that will take "
            "about eight weeks.\n\n"
            "The bridge, opened in 1962, carries 14,000 cars a day, and engineers found cracks in two of its piers "
            "in April."
        ),
    }
]


@pytest.mark.parametrize(
    ("question", "short"),
    [
        ("On which day of the week did the council vote to close the bridge?", "Tuesday"),
        ("which day did the dunmore council vote on the bridge?", "Tuesday"),
        ("In what year was the Elm Street bridge opened?", "1962"),
        ("In which month did engineers find the cracks?", "April"),
    ],
)
def test_a_unit_of_the_calendar_asked_for_is_answered_with_a_date(assistant, tmp_path, question, short):
    answer = ingest_rows(assistant, tmp_path, "bridge", BRIDGE).ask(question, corpus="bridge")
    assert answer.short_answer == short


LAWSUIT = [
    {
        "id": "dam",
        "title": "Families sue over Kestrel Lake dam failure",
        "date": "2024-03-02",
        "source": "Valley Courier",
        "text": (
            "Forty families whose homes flooded when the Kestrel Lake dam failed in January sued the county on "
            "Friday.\n\n"
            "The suit says inspectors ignored cracks in the spillway for three years, says Priya Okafor, the "
            "lawyer leading the case. The county has not yet filed a response. Hydrologist Tomas Brandt warned "
            "that two other dams in the county share the spillway's design.\n\n"
            "Engineers from two firms examined the dam in February. Their report has not been released.\n\n"
            "The county board meets next week. Okafor says the county chose to save money over its residents' "
            'safety. "It was a disaster waiting to happen, and everyone in that office knew it," she said.\n\n'
            "The families are seeking damages for lost homes and property. The court has set no date.\n\n"
            "Okafor grew up beside the lake, and her parents still live there. The flood reached their porch. "
            'Neighbours helped them move out. "I learnt to swim in that water every summer," she said.\n\n'
            'County spokesman Leo Marsh told reporters, "We take the concerns seriously. The dam was inspected '
            'on schedule."\n\n'
            "The lake was drained in February. Divers found a tractor and two cars in the mud. "
            '"I have never seen the bed of this lake before," Brandt said.'
        ),
    }
]


@pytest.mark.parametrize(
    "question",
    [
        "How did Priya Okafor describe the dam failure?",
        "how did okafor characterize the county's conduct?",
        "What did Okafor say about the county?",
    ],
)
def test_what_someone_said_reported_in_the_reporters_words_is_given_with_their_own(assistant, tmp_path, question):
    answer = ingest_rows(assistant, tmp_path, "lawsuit", LAWSUIT).ask(question, corpus="lawsuit")
    assert answer.short_answer == "It was a disaster waiting to happen, and everyone in that office knew it"
    assert any("disaster waiting to happen" in citation.quote for citation in answer.citations)
    assert "swim" not in answer.text


def test_a_quotation_standing_apart_from_any_report_of_the_speakers_words_is_not_attached(assistant, tmp_path):
    # Brandt's warning is reported in the reporter's words only; his one quotation, on the drained lake,
    # stands at the article's end, far from it.
    answer = ingest_rows(assistant, tmp_path, "lawsuit", LAWSUIT).ask(
        "What did Tomas Brandt warn about the other dams?", corpus="lawsuit"
    )
    assert "share the spillway's design" in answer.citations[0].quote
    assert "bed of this lake" not in answer.text


def test_a_quotation_running_past_its_first_sentence_is_the_short_answer(assistant, tmp_path):
    answer = ingest_rows(assistant, tmp_path, "lawsuit", LAWSUIT).ask(
        "What did Leo Marsh say about the concerns?", corpus="lawsuit"
    )
    assert "We take the concerns seriously" in (answer.short_answer or "")


RATES = [
    {
        "id": "rates",
        "title": "Economists split on rate cuts",
        "date": "2024-02-02",
        "source": "Harbour Times",
        "text": (
            "Economists are divided over when the central bank will start cutting interest rates.\n\n"
            "Check Rate, the price-comparison site, said in a note that it expects the first cut in June. Check "
            "Rate told clients to lock in fixed deals now.\n\n"
            "The site's president, Mira Patel, was more cautious. \"Inflation is not beaten yet, and the bank "
            'knows it," Patel said.\n\n'
            "The bank meets again on March 20."
        ),
    }
]


def test_whose_the_speaker_is_is_not_who_spoke(assistant, tmp_path):
    # The small parser takes "Check" for the subject, and the coverage speaks of Check Rate as a speaker.
    rates = ingest_rows(assistant, tmp_path, "rates", RATES)
    answer = rates.ask(
        "How did Check Rate's president, Mira Patel, characterize the current moment for inflation?", corpus="rates"
    )
    assert answer.short_answer == "Inflation is not beaten yet, and the bank knows it"
    own = rates.ask("What did Check Rate say about the first cut?", corpus="rates")
    assert "expects the first cut in June" in own.citations[0].quote


LABEL = [
    {
        "id": "label",
        "title": "Record label bets on AI tools",
        "date": "2023-09-28",
        "source": "Harbour Times",
        "text": (
            "Lantern Music Group will license its catalogue to two AI start-ups, the label said on Wednesday.\n\n"
            "Speaking at a technology conference in Dana Point, Lantern Music Group CEO Rhea Castellanos said the "
            'industry could not simply refuse the technology. "You cannot put technology back in a bottle," '
            "Castellanos said.\n\n"
            "The company's chief financial officer, Tomas Brandt, said licensing costs would be recovered within "
            'two years. "The deals pay for themselves," Brandt said.\n\n'
            "Artists' groups said they had not been consulted."
        ),
    }
]


@pytest.mark.parametrize(
    ("question", "short"),
    [
        ("What did Lantern Music Group's CEO say about AI?", "You cannot put technology back in a bottle"),
        (
            "What did the CEO of Lantern Music Group say about the technology?",
            "You cannot put technology back in a bottle",
        ),
        ("what did the chief financial officer say about licensing costs?", "The deals pay for themselves"),
    ],
)
def test_a_speaker_asked_about_by_title_is_the_person_the_coverage_gives_it(assistant, tmp_path, question, short):
    answer = ingest_rows(assistant, tmp_path, "label", LABEL).ask(question, corpus="label")
    assert answer.short_answer == short


def test_a_title_word_asked_in_lower_case_is_no_word_of_a_name(assistant, tmp_path):
    # "groups" is not the "Group" of "Lantern Music Group CEO Rhea Castellanos".
    answer = ingest_rows(assistant, tmp_path, "label", LABEL).ask("What did artists' groups say?", corpus="label")
    assert "had not been consulted" in answer.citations[0].quote
    assert "Castellanos" not in answer.text


CUP = [
    {
        "id": "cup",
        "title": "Rovers reach the county cup final",
        "date": "2024-04-21",
        "source": "Sports Wire",
        "text": (
            "Kestrel Rovers beat Millbrook Town 2-1 on Saturday to reach the county cup final.\n\n"
            "Millbrook Town had led through striker Owen Pike after 23 minutes, before Rovers scored twice in the "
            "second half.\n\n"
            '"It was the best night of my career," Rovers coach Ana Ruiz said.\n\n'
            "The final will be played on May 12."
        ),
    }
]


def test_who_did_something_is_answered_only_where_the_coverage_speaks_of_it(assistant, tmp_path):
    """The report names a scorer, a coach and two clubs; it never speaks of a referee."""
    cup = ingest_rows(assistant, tmp_path, "cup", CUP)
    assert cup.ask("Who beat Millbrook Town?", corpus="cup").short_answer == "Kestrel Rovers"
    refereed = cup.ask("Who refereed the semi-final?", corpus="cup")
    assert not refereed.answered and refereed.citations == []


def test_a_title_with_its_employer_is_one_person_whose_words_only_they_give(assistant, tmp_path):
    cup = ingest_rows(assistant, tmp_path, "cup", CUP)
    ours = cup.ask("What did the Rovers coach say after the match?", corpus="cup")
    assert ours.short_answer == "It was the best night of my career"
    # Millbrook's coach is never quoted: the Rovers coach's words are not theirs, however the club is typed.
    for question in ("What did Millbrook Town's coach say after the match?", "what did millbrook town's coach say?"):
        theirs = cup.ask(question, corpus="cup")
        assert not theirs.answered and theirs.citations == [], question


GENE = [
    {
        "id": "gene",
        "title": "Gut repair switch found",
        "date": "2024-02-08",
        "text": "Scientists at the Vienna BioCenter have pinpointed a previously unknown gene, Lrp9b, that tells stem "
        "cells in the gut when to make new lining.\n\nThe team, led by Mira Kovac, switched it off in mice and "
        "watched the lining fail to heal within 48 hours.",
    }
]


def test_a_name_the_tagger_misses_is_the_answer_when_written_after_the_noun_asked_for(assistant, tmp_path):
    answer = ingest_rows(assistant, tmp_path, "gene", GENE).ask(
        "Which gene did the Vienna team identify?", corpus="gene"
    )
    assert answer.short_answer == "Lrp9b"


@pytest.mark.parametrize("question", ["Who said the agreement was reached?", "which agency announced the agreement"])
def test_asked_who_said_something_the_answer_is_whom_the_coverage_reports_saying_it(seeded, question):
    """The sentence holding the question's words ("The agreement was reached during their meeting in New York
    on the fringes of the U.N. General Assembly") reports no one speaking; the one ending "the State
    Department said" does."""
    answer = seeded.ask(question)
    assert answer.short_answer is not None and "State Department" in answer.short_answer


LAUREATES = [
    {
        "id": "laureates",
        "title": "Three share the chemistry prize",
        "date": "2023-10-04",
        "text": "Three scientists share this year's chemistry prize for their work on tiny crystals.\n\n"
        "Alexei Ekimov, 78, first made the crystals in glass in 1981. The physicist now works for a small firm "
        "in Briarcliff Manor, New York.\n\nLouis Brus found them floating in a liquid two years later. He is "
        "based at Columbia University in New York City.",
    }
]


def test_a_sentence_about_he_or_she_is_about_the_person_the_sentence_before_names(assistant, tmp_path):
    """ "He is based at Columbia University" follows a sentence naming Brus: it does not place Ekimov."""
    answer = ingest_rows(assistant, tmp_path, "laureates", LAUREATES).ask(
        "Where is Alexei Ekimov based?", corpus="laureates"
    )
    assert not any("Columbia" in citation.quote for citation in answer.citations)
    assert answer.short_answer in (None, "Briarcliff Manor", "Briarcliff Manor, New York")


STAIRS = [
    {
        "id": "stairs",
        "title": "Stair climbing tied to fewer heart attacks",
        "date": "2025-10-08",
        "text": "People who climbed at least five flights of stairs a day had 20 percent fewer heart attacks, a "
        'Danish study of 8,000 adults found.\n\nOutside experts were cautious. "This is a careful study with a '
        'long follow-up," said cardiologist Omar Haddad, who was not involved. "But it only observes. Fitter '
        'people may simply climb more stairs."\n\nThe authors plan a trial next year.',
    }
]


def test_a_quotation_going_on_after_its_attribution_is_cited_with_it(assistant, tmp_path):
    """News attributes a quotation of several sentences once, after its first: the words after "said Haddad"
    that open a quotation are his too, and here they hold his doubt."""
    answer = ingest_rows(assistant, tmp_path, "stairs", STAIRS).ask(
        "What did Omar Haddad say about the study's weakness?", corpus="stairs"
    )
    assert answer.answered
    assert any("said cardiologist Omar Haddad" in c.quote for c in answer.citations)
    assert any("But it only observes" in c.quote for c in answer.citations)
    assert not any("The authors plan" in c.quote for c in answer.citations)


BRIEFING = [
    {
        "id": "briefing",
        "title": "Harbor and Nordland hold fishing talks",
        "source": "Coast Herald",
        "date": "2024-05-14",
        "text": (
            "Lena Ortiz and Erik Lund held talks in Oslo on Monday, the ministry said.\n\n"
            "A senior Harbor official said Sunday that Ortiz and Lund, who was expected to represent Nordland in "
            "Bergen, had about eight hours of talks.\n\n"
            "The topics ranged from fishing quotas to ports, according to the official, who briefed reporters on "
            "condition of anonymity."
        ),
    }
]


@pytest.mark.parametrize(
    "question",
    [
        "Which senior Harbor official briefed reporters on the Ortiz-Lund talks?",
        "Who was the senior Harbor official who briefed reporters on the Ortiz-Lund talks?",
        "which senior harbor official briefed reporters on the talks between ortiz and lund",
    ],
)
def test_who_a_source_kept_unnamed_is_declined_not_answered_with_another_name(assistant, tmp_path, question):
    """News brings in an anonymous source by role alone; the other names in its sentence, and the people the
    question itself names in full ("Lena Ortiz" of "the Ortiz-Lund talks"), are not that source."""
    answer = ingest_rows(assistant, tmp_path, "briefing", BRIEFING).ask(question, corpus="briefing")
    assert not answer.answered and answer.citations == []


@known_miss
def test_a_country_beside_a_person_is_not_who_a_person_question_asks_for(assistant, tmp_path):
    """ "Nordland's envoy Erik Lund" names whose envoy he is; "Which official …?" asks for a person. The
    reader still weighs a country as "who" may ask for one ("Who won the World Cup?")."""
    rows = [{**BRIEFING[0], "text": BRIEFING[0]["text"].replace("Erik Lund", "Nordland's envoy Erik Lund", 1)}]
    answer = ingest_rows(assistant, tmp_path, "briefing", rows).ask(
        "Which senior Harbor official briefed reporters on the Ortiz-Lund talks?", corpus="briefing"
    )
    assert not answer.answered and answer.citations == []


HOUSING = [
    {
        "id": "housing",
        "title": "Home sales slump",
        "source": "Harbor Times",
        "date": "2024-10-19",
        "text": (
            "Sales of existing homes fell for a third month in September, the Harbor Realtors Association said.\n\n"
            "Home prices rose 5% since the year began, to a median of $306,000.\n\n"
            '"High prices and few listings continue to hold home sales back," association economist Ann Lee said in '
            'a statement. "The Harbor Reserve Bank simply cannot keep raising interest rates." The bank has raised '
            "rates four times this year."
        ),
    }
]


@pytest.mark.parametrize(
    ("question", "short"),
    [
        ("What did Ann Lee say about the Harbor Reserve Bank?", "cannot keep raising interest rates"),
        (
            "What did economist Ann Lee say about the Harbor Reserve Bank when September home sales fell?",
            "cannot keep raising interest rates",
        ),
        ("What did Ann Lee say about home sales?", "High prices and few listings"),
    ],
)
def test_a_quotation_going_on_answers_for_the_topic_it_names(assistant, tmp_path, question, short):
    """News attributes a quotation of several sentences once, after its first: the second is the same
    speaker's, and answers for what it names."""
    answer = ingest_rows(assistant, tmp_path, "housing", HOUSING).ask(question, corpus="housing")
    assert answer.answered and short in (answer.short_answer or "")


def test_what_someone_said_of_a_topic_no_quotation_names_is_still_declined(assistant, tmp_path):
    answer = ingest_rows(assistant, tmp_path, "housing", HOUSING).ask(
        "What did Ann Lee say about the Nordvik Fund?", corpus="housing"
    )
    assert not answer.answered and answer.citations == []


NAMED_ONCE = [
    {
        "id": "ministers",
        "title": "Ministers meet in Oslo",
        "source": "Coast Herald",
        "date": "2024-05-14",
        "text": (
            "Harbor's new trade minister Ortiz will meet Nordland's envoy Erik Lund in Oslo on Monday.\n\n"
            "Lund, a former banker, said the talks would focus on fishing quotas."
        ),
    }
]


@pytest.mark.parametrize(
    ("question", "short"),
    [
        ("What is the first name of Harbor's trade minister Ortiz?", None),
        ("what is ortiz's first name", None),
        ("What is the full name of Nordland's envoy Lund, the former banker?", "Erik Lund"),
        ("What is Lund's first name?", "Erik Lund"),
    ],
)
def test_a_full_name_asked_is_answered_only_by_a_fuller_name(assistant, tmp_path, question, short):
    """News names a person in full once and by surname after; where it gives the surname alone, it does
    not say the full name, and another person's name is no answer."""
    answer = ingest_rows(assistant, tmp_path, "ministers", NAMED_ONCE).ask(question, corpus="ministers")
    if short is None:
        assert not answer.answered and answer.citations == []
    else:
        assert answer.short_answer == short


PAY = [
    {
        "id": "memo",
        "title": "",
        "text": "Nordvik CEO Maja Lindqvist sent an email to employees about returning to the office.",
    },
    {
        "id": "pay",
        "title": "",
        "text": "In 2021, Lindqvist received a total of $6.3 million, consisting of a $2 million salary and "
        "$4.3 million in other compensation.",
    },
    {"id": "results", "title": "", "text": "Nordvik's sales rose to $410 million in 2021, the company said."},
]


def test_an_amount_asked_of_someone_named_in_full_is_found_where_they_are_named_by_surname(assistant, tmp_path):
    """News names a person in full once and by surname after: the passage saying what the amount measures
    ("compensation") may name them only so."""
    answer = ingest_rows(assistant, tmp_path, "pay", PAY).ask(
        "What was Maja Lindqvist's total compensation in 2021?", corpus="pay"
    )
    assert answer.short_answer == "$6.3 million"


EARNINGS = [
    {
        "id": "acme",
        "title": "Acme posts a fourth straight quarterly profit",
        "source": "Harbor Gazette",
        "date": "2020-07-22",
        "text": (
            "Acme reported revenue of $6.04 billion for the quarter, ahead of analysts' forecasts.\n\n"
            "The carmaker's shares rose 5% in after-hours trading."
        ),
    }
]


def test_a_month_after_report_in_is_when_the_report_came_not_an_outlet(assistant, tmp_path):
    earnings = ingest_rows(assistant, tmp_path, "earnings", EARNINGS)
    answer = earnings.ask("What revenue did Acme report in July 2020?", corpus="earnings")
    assert answer.short_answer == "$6.04 billion"
    # An outlet the corpus does not carry still rules the question out.
    elsewhere = earnings.ask("What revenue did Acme report, in a story by Reuters?", corpus="earnings")
    assert not elsewhere.answered


OPEN = [
    {
        "id": "open",
        "title": "Harbor Open off this year",
        "source": "Valley Post",
        "date": "2024-06-04",
        "text": (
            "The Harbor Open golf tournament, held every July since 1952, will not take place this year, "
            "organisers said on Tuesday.\\n\\n"
            "The tournament was called off because spring flooding ruined eight of the course's greens.\\n\\n"
            "Last year's Harbor Open drew 30,000 spectators over four days."
        ),
    }
]


@pytest.mark.parametrize("question", ["Why was the Harbor Open called off?", "why was the harbor open called off"])
def test_a_why_question_cites_the_sentence_giving_the_reason(assistant, tmp_path, question):
    answer = ingest_rows(assistant, tmp_path, "open", OPEN).ask(question, corpus="open")
    assert answer.answered and "because spring flooding" in answer.citations[0].quote
