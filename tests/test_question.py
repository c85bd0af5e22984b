"""Reading what a question asks for: the kind of answer, the year, the speaker."""

from __future__ import annotations

import pytest

from assistant.question import (
    PEOPLE,
    PERSON,
    analyze,
    answer_key,
    constraint_fit,
    holds_former,
    names_role,
    speaker_fits,
)


@pytest.mark.parametrize(
    ("question", "kinds"),
    [
        ("Who won the match in 2019?", PEOPLE),
        ("Who directed the film?", PERSON),
        ("Who is the president of the league?", PERSON),
        ("Who won the mayoral election?", PERSON),
        ("Who is Kamikawa?", frozenset()),  # a description, not a name
        ("When did the port reopen?", frozenset({"DATE"})),
        ("What is the release date of the game?", frozenset({"DATE"})),
        ("Which city hosted the summit?", frozenset({"GPE", "LOC", "FAC"})),
        ("How much did the deal cost?", frozenset({"MONEY"})),
        ("What was the company's revenue in Q2?", frozenset({"MONEY"})),
        ("How many cars were delivered?", frozenset({"CARDINAL", "QUANTITY"})),
        ("How much did output grow?", frozenset({"MONEY", "CARDINAL", "QUANTITY", "PERCENT"})),
        ("What did Wang say about Taiwan?", frozenset()),
    ],
)
def test_the_kind_of_answer_follows_the_question_word(question, kinds):
    assert analyze(question).answer_types == kinds


def test_years_ordinals_speakers_and_names_are_read():
    query = analyze("What did Wang say about Taiwan at the 78th session in 2023?")
    assert query.speaker == "Wang"
    assert query.years == ("2023",) and query.ordinals == ("78th",)
    assert query.names == ("Wang", "Taiwan", "78th", "2023")
    assert analyze("What did the State Department say?").speaker == "State Department"
    assert analyze("What happened according to the Foreign Ministry?").speaker == "Foreign Ministry"


def test_a_passage_fits_when_it_states_the_year_and_not_when_it_names_only_another():
    query = analyze("Who won the title in 2019?")
    assert constraint_fit(query, "Halep won the 2019 title.") == 1
    assert constraint_fit(query, "Kerber won the 2018 title.") == -1
    assert constraint_fit(query, "Barty won the title.") == 0
    # a dateline dates the report, not the event
    assert constraint_fit(query, "Jul 7, 2019 ... Kerber won the 2018 title.") == -1
    assert constraint_fit(query, "Jul 13, 2019 ... Halep won the title.") == 1


def test_speakers_match_by_surname_and_former_roles_do_not_answer_the_present():
    assert speaker_fits(analyze("What did Wang say?"), ["Foreign Ministry", "Wang Yi"])
    assert not speaker_fits(analyze("What did Wang say?"), ["Antony Blinken"])
    query = analyze("Who is the president of the federation?")
    assert holds_former(query, "Blatter, the former president of the federation, said")
    assert not holds_former(query, "Infantino, the president of the federation, said")


def test_answer_keys_agree_across_spellings():
    assert answer_key("Apr. 29, 2015", "DATE") == answer_key("April 29 2015", "DATE")
    assert answer_key("2019, September 20", "DATE") == answer_key("Friday, Sept. 20, 2019", "DATE")
    assert answer_key("The Walt Disney Co.'s", "ORG") == "walt disney co"
    assert answer_key("Monday", "DATE") == "monday"


def test_the_role_asked_about_is_its_head_noun_and_must_be_named():
    assert analyze("Who is the lead actress in the film?").role == "actress"
    assert analyze("Who is the current CEO of Nintendo?").role == "ceo"
    assert analyze("Who won the cup?").role is None
    query = analyze("Who is the president of the league?")
    assert names_role(query, "The league's presidents met in May.")
    assert not names_role(query, "Back to the league home page · Teams.")
