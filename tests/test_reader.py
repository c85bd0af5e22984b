"""The reader's features, short answers and weights file (assistant/reader.py)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from assistant import reader
from assistant.lexical import terms
from assistant.question import parse


def spans(text: str, *labelled: tuple[str, str]) -> list[tuple[int, int, str]]:
    """Entities as (start, end, label) for the phrases given, found in `text`."""
    return [(text.index(phrase), text.index(phrase) + len(phrase), label) for phrase, label in labelled]


def test_a_count_an_age_or_a_year_is_answered_only_by_an_entity_of_that_shape():
    text = "Ann Lee spoke on Wednesday, weeks after the mill closed last year."
    entities = spans(text, ("Ann Lee", "PERSON"), ("Wednesday", "DATE"), ("weeks", "DATE"), ("last year", "DATE"))
    assert reader.short_answer(parse("How old is Ann Lee?"), text, entities, 0) is None
    year = parse("In what year did the mill close?")
    year = type(year)(**{**year.__dict__, "labels": {"DATE": 1.0}})  # as the corpus reads "year" (analyze)
    assert reader.short_answer(year, text, entities, 0) is None
    assert reader.kind_weight(parse("How old is Ann Lee?"), entities, text, 0) == 0.0
    aged = "Ann Lee, 45, said the mill closed in 2019 and 300 jobs went."
    entities = spans(aged, ("Ann Lee", "PERSON"), ("45", "DATE"), ("2019", "DATE"), ("300", "CARDINAL"))
    assert reader.short_answer(parse("How old is Ann Lee?"), aged, entities, 0) == "45"
    assert reader.short_answer(year, aged, entities, 0) == "2019"
    assert reader.short_answer(parse("How many jobs went?"), aged, entities, 0) == "300"
    # Beside the person but not written as an age; an age written against someone else's name.
    # A capitalised word opening the sentence is no one's name.
    opening = "The 61-year-old Lee closed the mill in 2019."
    entities = spans(opening, ("61-year-old", "DATE"), ("Lee", "PERSON"), ("2019", "DATE"))
    assert reader.short_answer(parse("How old is Ann Lee?"), opening, entities, 0) == "61-year-old"
    crowd = "Ann Lee and two colleagues met Bo Park, 61, at the mill."
    entities = spans(crowd, ("Ann Lee", "PERSON"), ("two", "CARDINAL"), ("Bo Park", "PERSON"), ("61", "DATE"))
    assert reader.short_answer(parse("How old is Ann Lee?"), crowd, entities, 0) is None
    assert reader.short_answer(parse("How old is Bo Park?"), crowd, entities, 0) == "61"


@pytest.mark.parametrize(
    ("text", "labelled", "short"),
    [
        ("A judge on Thursday sentenced Ann Lee to six years in prison.", ("Thursday", "six years"), "six years"),
        ("The three-week strike ended on May 17.", ("three-week", "May 17"), "three-week"),
        ("The strike, which began last year, has lasted for decades.", ("last year", "decades"), "decades"),
        ("The strike began two years ago, on Friday.", ("two years ago", "Friday"), None),
        ("Talks on the strike will resume in the coming weeks.", ("the coming weeks",), None),
        ("Talks on the strike dragged on for the last few weeks.", ("the last few weeks",), "the last few weeks"),
        ("The strike has dragged on for weeks.", ("weeks",), "weeks"),
        ("The strike lasted three weeks before workers returned.", ("three weeks",), "three weeks"),
        ("The strike ended two years later, on Friday.", ("two years", "Friday"), None),
    ],
)
def test_how_long_is_answered_by_a_length_not_a_point_in_time(text, labelled, short):
    entities = spans(text, *((phrase, "DATE") for phrase in labelled))
    assert reader.short_answer(parse("How long did it last?"), text, entities, 0) == short


@pytest.mark.parametrize(
    ("text", "figure", "answers"),
    [
        ("Tom Reyes, who has himself made 33 dives to the wreck, spoke on Monday.", "33", True),
        ("Tom Reyes has dived to the wreck 33 times.", "33", True),
        ("Tom Reyes has made 33 dives and lost 4 boats.", "4", False),
    ],
)
def test_how_many_times_is_counted_in_times_or_in_the_acts(text, figure, answers):
    question = "how many times has Tom Reyes dived to the wreck"
    start = text.index(figure)
    assert reader.could_answer(parse(question), text, start, start + len(figure), set(terms(question))) is answers


@pytest.mark.parametrize(
    ("text", "answers"),
    [
        ("Durango, Colorado, native Tom Reyes won Stage 15 on Sunday.", True),
        ("Tom Reyes, a native of Durango, won Stage 15 on Sunday.", True),
        ("Bo Park, a native of Durango, beat Tom Reyes on Sunday.", False),
        ("Durango native Bo Park beat Tom Reyes on Sunday.", False),
    ],
)
def test_where_someone_is_from_is_where_news_calls_them_a_native(text, answers):
    question = "where is cyclist Tom Reyes from"
    start = text.index("Durango")
    assert reader.could_answer(parse(question), text, start, start + 7, set(terms(question))) is answers


@pytest.mark.parametrize(
    ("person", "answers"),
    [("Jake Reyes", False), ("Wang Yi", False), ("Ann Reyes's", False), ("Erik Lund", True)],
)
def test_a_full_name_holding_a_name_the_question_gives_is_the_one_asked_about(person, answers):
    """First or last: a Chinese name puts the family's first."""
    question = "Who held talks with Reyes and Wang?"
    text = f"{person} joined the talks on Monday."
    assert reader.could_answer(parse(question), text, 0, len(person), set(terms(question))) is answers


@pytest.mark.parametrize(
    ("person", "answers"),
    [("Doug Spencer Bowser", False), ("Doug B. Bowser", False), ("Doug Bowser", False), ("Reggie Fils-Aime", True)],
)
def test_a_name_the_question_gives_is_the_same_with_a_middle_name_or_initial(person, answers):
    """News gives a middle name or initial one time and not the next."""
    question = "Who did Doug Bowser replace as president?"
    text = f"{person} was president of the company."
    assert reader.could_answer(parse(question), text, 0, len(person), set(terms(question))) is answers


def test_a_name_the_question_gives_as_a_possessor_of_what_it_asks_for_may_be_shared_by_the_answer():
    text = "Ann Reyes joined the talks on Monday."
    kin = "Who is Reyes's wife?"
    assert reader.could_answer(parse(kin), text, 0, len("Ann Reyes"), set(terms(kin)))
    record = "Who broke Reyes's record?"  # the record is his; who broke it is someone else
    assert not reader.could_answer(parse(record), text, 0, len("Ann Reyes"), set(terms(record)))


@pytest.mark.parametrize(
    ("text", "person", "answers"),
    [
        ("A senior Harbor official said Sunday that Tom Reyes, expected in Oslo, had talks.", "Tom Reyes", False),
        ("A senior Harbor official, Ann Lee, said Sunday that the talks went well.", "Ann Lee", True),
        ("Ann Lee briefed reporters after a meeting with the Harbor official delegation.", "Ann Lee", True),
    ],
)
def test_a_role_brought_in_unnamed_is_held_by_none_of_the_other_names(text, person, answers):
    """News brings in an anonymous source by role alone, and names a holder beside the role's noun."""
    query = replace(parse("Which official briefed reporters?"), labels={"PERSON": 1.0})
    start = text.index(person)
    assert reader.could_answer(query, text, start, start + len(person), set(terms(query.text))) is answers


@pytest.mark.parametrize(
    ("text", "name", "answers"),
    [
        ("Lena Ortiz won best actress, while 'Salt Road' took best picture.", "Salt Road", False),
        ("Lena Ortiz won best actress, while \u201cSalt Road\u201d took best picture.", "Salt Road", False),
        ("Lena Ortiz won best actress, while 'Salt Road' took best picture.", "Lena Ortiz", True),
        ("Lena 'The Blade' Ortiz won best actress on Sunday.", "Lena 'The Blade' Ortiz", True),
    ],
)
def test_a_title_in_quotation_marks_is_no_one(text, name, answers):
    """News sets a work's title in quotation marks, and the tagger reads many as people."""
    question = "Who won best actress at the Harbor awards?"
    start = text.index(name)
    assert reader.could_answer(parse(question), text, start, start + len(name), set(terms(question))) is answers


@pytest.mark.parametrize(
    ("question", "answers"),
    [("How many years does the Harbor deal run?", True), ("In what year does the Harbor deal run out?", False)],
)
def test_what_year_asks_for_a_year_and_how_many_years_counts_them(question, answers):
    text = "The Harbor deal, signed last week, runs for seven years."
    start = text.index("seven years")
    query = replace(parse(question), labels={"DATE": 1.0})
    assert reader.could_answer(query, text, start, start + len("seven years"), set(terms(question))) is answers


@pytest.mark.parametrize(
    ("text", "labelled", "short"),
    [
        (
            "Harbor board chairman Tom Reyes, an acclaimed sailor and shipbuilder, has died at the age of 78.",
            (("Tom Reyes", "PERSON"), ("the age of 78", "DATE")),
            "the age of 78",
        ),
        (
            "Tom Reyes, the harbor's best-loved skipper and its longest-serving pilot, died aged 78.",
            (("Tom Reyes", "PERSON"), ("78", "DATE")),
            "78",
        ),
        # The one who died is not the one asked about.
        (
            "Tom Reyes's longtime crewmate Jan Holm, an acclaimed sailor, has died at the age of 78.",
            (("Tom Reyes", "PERSON"), ("Jan Holm", "PERSON"), ("the age of 78", "DATE")),
            None,
        ),
        (
            "Tom Reyes sold the yard in 2019 to Jan Holm, who has since died aged 78.",
            (("Tom Reyes", "PERSON"), ("2019", "DATE"), ("Jan Holm", "PERSON"), ("78", "DATE")),
            None,
        ),
    ],
)
def test_an_age_told_in_the_predicate_is_its_subjects(text, labelled, short):
    for question in ("How old was Tom Reyes when he died?", "How old was Tom Reyes?"):
        assert reader.short_answer(parse(question), text, spans(text, *labelled), 0) == short


@pytest.mark.parametrize(
    ("text", "ages"),
    [
        ("She has two sons, Sean, 18, and Jayden, 17 \u2013 who live with their father.", True),
        ("She has two sons, Sean, 18, and Jayden, 17 - who live with their father.", True),
        # A result's line: a number beyond a lifetime, or closed by the sentence's end, is no age.
        ("Seats won: Labour, 411 \u2013 a landslide, and Reform, 17.", False),
        ("Top scorers: Jokic, 17 \u2013 plus 14 rebounds.", False),
        ("Arsenal beat Leeds, 17 \u2013 18 on penalties.", False),
    ],
)
def test_an_age_set_off_by_a_dash_counts_nothing(text, ages):
    numbers = [n for n in ("18", "17", "411") if n in text]
    entities = spans(text, *((n, "CARDINAL") for n in numbers))
    counted = replace(parse("How many seats did the party win?"), labels={"CARDINAL": 1.0})
    assert (reader.short_answer(counted, text, entities, 0) is None) == ages
    if ages:
        jayden = replace(parse("How old is Jayden?"), labels={"CARDINAL": 1.0})
        assert reader.short_answer(jayden, text, entities, 0) == "17"


def test_an_age_counts_nothing():
    text = "Researchers followed participants aged 40 to 79 in 12 towns."
    entities = spans(text, ("40 to 79", "CARDINAL"), ("12", "CARDINAL"))
    assert reader.short_answer(parse("How many participants developed dementia?"), text, entities, 0) is None
    assert reader.short_answer(parse("How many towns took part?"), text, entities, 0) == "12"


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("Thirteen-year-old Mia Lund won the county spelling bee.", "Thirteen-year-old"),
        ("Little Mia Lund, a two-year-old, won the bonny baby contest.", "two-year-old"),
        ("Mia Lund is twenty-five years old and won the county bee.", "twenty-five years old"),
    ],
)
def test_an_age_is_written_in_words_too(text, age):
    """News spells out a number opening a sentence, and many outlets any under ten."""
    entities = spans(text, ("Mia Lund", "PERSON"), (age, "DATE"))
    assert reader.short_answer(parse("How old is Mia Lund?"), text, entities, 0) == age
    # Not an age: a number in words counting something else beside her.
    counted = "Mia Lund won thirteen prizes."
    assert (
        reader.short_answer(parse("How old is Mia Lund?"), counted, spans(counted, ("thirteen", "CARDINAL")), 0) is None
    )


@pytest.mark.parametrize(
    "text",
    [
        "Mia Lund, whose five-year-old daughter was hurt, spoke on Monday.",
        "Mia Lund took over the 30-year-old family business in 2015.",
        "Mia Lund saddled the two-year-old colt, who won by three lengths.",
    ],
)
def test_an_age_before_a_noun_and_no_name_is_that_noun_s(text):
    """ "Her five-year-old daughter" ages the daughter, not the mother named beside."""
    age = next(w for w in text.split() if w.endswith("-old"))
    entities = spans(text, ("Mia Lund", "PERSON"), (age, "DATE"))
    assert reader.short_answer(parse("How old is Mia Lund?"), text, entities, 0) is None


@pytest.mark.parametrize(
    "question", ["On what date did Lucas get his transplant?", "When did Lucas get his transplant?"]
)
def test_an_age_dates_nothing(question):
    """The tagger labels "2-year-old" a date; it says how old someone is, not when anything happened."""
    text = "In July, little 2-year-old Lucas received the transplant."
    query = replace(parse(question), labels={"DATE": 1.0})
    assert reader.short_answer(query, text, spans(text, ("July", "DATE"), ("2-year-old", "DATE")), 0) == "July"
    assert reader.short_answer(query, "Little 2-year-old Lucas got it.", [(7, 17, "DATE")], 0) is None
    year = "Lucas (2023) got it then."
    assert reader.short_answer(query, year, [(7, 11, "DATE")], 0) == "2023"  # a year in brackets is no age


@pytest.mark.parametrize(
    ("question", "text", "labelled", "short"),
    [
        (
            "By how much did walking lower the risk?",
            "Walking lowered the risk by 12%. DOI: 10.1016/j.mayocp.2023.05.031",
            (("12%", "PERCENT"), ("10.1016", "CARDINAL")),
            "12%",
        ),
        (
            "By how much did walking lower the risk?",
            "DOI: 10.1016/j.mayocp.2023.05.031",
            (("10.1016", "CARDINAL"),),
            None,
        ),
        (
            "In what year was the study published?",
            "See nature.com/articles/s41586-2023-0412.",
            (("2023", "DATE"),),
            None,
        ),
        ("Who played at the arena?", "AC/DC played there in 2023.", (("AC/DC", "ORG"), ("2023", "DATE")), "AC/DC"),
    ],
)
def test_the_digits_of_a_doi_or_a_web_address_state_no_amount_and_no_date(question, text, labelled, short):
    assert reader.short_answer(parse(question), text, spans(text, *labelled), 0) == short


def test_a_count_before_a_currencys_name_is_money_with_its_currency():
    """The tagger often labels "about 1.2 million" a count and leaves "euros" outside it."""
    text = "Radulescu said the film was shot in 29 days on a budget of about 1.2 million euros."
    entities = spans(text, ("29 days", "DATE"), ("about 1.2 million", "CARDINAL"))
    query = replace(parse("How much did the film cost?"), labels={"MONEY": 1.0})  # as analyze reads "cost"
    assert reader.kind_weight(query, entities, text, 0) == 1.0
    assert reader.short_answer(query, text, entities, 0) == "about 1.2 million euros"


@pytest.mark.parametrize(
    ("question", "text", "labelled", "short"),
    [
        (
            "When did the festival close?",
            "SPLIT, Croatia, June 16 (Arts Wire) - The festival closed on Saturday after nine days.",
            (("SPLIT", "GPE"), ("June 16", "DATE"), ("Arts Wire", "ORG"), ("Saturday", "DATE")),
            "Saturday",
        ),
        (
            "When was the final played?",
            "CARDIFF, May 18 (Northline Wire) - Rovers won the cup on a wet night.",
            (("CARDIFF", "GPE"), ("May 18", "DATE"), ("Northline Wire", "ORG")),
            None,
        ),
        (
            "Who won the cup?",
            "CARDIFF, May 18 (Northline Wire) - Harbourside Rovers won the cup.",
            (("Northline Wire", "ORG"), ("Harbourside Rovers", "ORG")),
            "Harbourside Rovers",
        ),
    ],
)
def test_a_wire_storys_dateline_answers_nothing_about_the_story(question, text, labelled, short):
    """A dateline says where and when the story was filed, and by whom."""
    assert reader.short_answer(parse(question), text, spans(text, *labelled), 0) == short


@pytest.mark.parametrize(
    ("question", "text", "labelled"),
    [
        (
            "Who won the Lantern Prize in 2023?",
            "2023 Lantern Prize Semifinalist",
            (("Lantern Prize Semifinalist", "ORG"),),
        ),
        (
            "Which team did Owen Pike join?",
            "QB Owen Pike is the best passer of his class.",
            (("QB Owen Pike", "PERSON"),),
        ),
    ],
)
def test_what_a_question_names_in_full_with_a_title_added_is_no_answer_to_it(question, text, labelled):
    entities = spans(text, *labelled)
    assert reader.short_answer(parse(question), text, entities, 0) is None
    assert reader.kind_weight(parse(question), entities, text, 0) == 0.0


@pytest.mark.parametrize(
    "question", ["Who briefed reporters on the Lund-Berg talks?", "who briefed reporters on the lund-berg talks"]
)
def test_a_name_the_question_joins_to_another_is_no_answer_to_it(question):
    """ "the Lund-Berg talks" names Lund and Berg (read as two names where the coverage never joins them:
    question.analyze): neither is who briefed on them, however near the question's words."""
    text = "Anna Holm, a senior official, said on Sunday that Lund and Berg held 12 hours of talks."
    entities = spans(text, ("Anna Holm", "PERSON"), ("Lund", "PERSON"), ("Berg", "PERSON"))
    query = replace(parse(question), labels={"PERSON": 1.0}, names=("Lund", "Berg"))
    assert reader.short_answer(query, text, entities, 0) == "Anna Holm"


@pytest.mark.parametrize(
    "question", ["In which country did Lund and Berg hold talks?", "in which country did lund and berg hold talks"]
)
def test_a_place_named_by_its_kind_after_the_preposition_asked_follows_it(question):
    """ "In which country" is answered by what follows "in", also where the text names the place by its kind
    first: "in the Mediterranean island nation of Malta"."""
    text = "Lund had discussions with Berg in the Mediterranean island nation of Malta, as her role in Norway is minor."
    entities = spans(text, ("Norway", "GPE"), ("Malta", "GPE"))
    query = replace(parse(question), labels={"GPE": 1.0})
    assert reader.short_answer(query, text, entities, 0) == "Malta"


TALKS = "The two-day one-on-one talks ended on Friday."


@pytest.mark.parametrize(
    ("question", "text", "labelled", "short"),
    [
        ("How many people attended the talks?", TALKS, (("two-day", "DATE"), ("one", "CARDINAL")), None),
        ("How many days did the talks last?", TALKS, (("two-day", "DATE"), ("one", "CARDINAL")), "two-day"),
        ("How many votes did the plan get?", "The plan passed 7-2.", (("7-2", "CARDINAL"),), "7-2"),  # a tally
    ],
)
def test_a_number_joined_into_a_word_counts_only_the_unit_it_is_joined_to(question, text, labelled, short):
    """ "two-day" counts days and "one-on-one" nothing: such a word describes a noun, which it does not count."""
    assert reader.short_answer(parse(question), text, spans(text, *labelled), 0) == short


@pytest.mark.parametrize(
    ("text", "short"),
    [
        ("Two of the biggest stars opened films in 2,539 theaters.", "2,539"),
        ("Two of the biggest stars opened films.", None),
        ("400 of the theaters showed it on Friday.", "400"),
        ("Three of them showed it on Friday.", "Three"),  # "them" may be theaters
        # A possessive, a name's word or an adjective is not the noun counted.
        ("400 of the company's theaters showed it.", "400"),
        ("400 of the Texas theaters showed it.", "400"),
        ("400 of the most famous theaters showed it.", "400"),
    ],
)
def test_a_number_counts_the_noun_of_its_of_phrase(text, short):
    """ "Two of the biggest stars" counts stars: it does not answer how many theaters."""
    query = replace(parse("In how many theaters did the film open?"), labels={"CARDINAL": 1.0})
    labelled = [(w, "CARDINAL") for w in ("Two", "2,539", "400", "Three") if w in text]
    assert reader.short_answer(query, text, spans(text, *labelled), 0) == short


@pytest.mark.parametrize(
    ("text", "short"),
    [
        ("Ana Roux has contested a Grand Slam final 12 times in her career.", "12"),
        ("Ana Roux has won the title three times.", "three"),
        # Times of another act, or of nothing the question names.
        ("Ana Roux has changed coaches 12 times in her career.", None),
        ("Ana Roux reached a final after her serve broke down 12 times.", None),
        ("Ana Roux has defended the title three times.", None),  # titles defended, asked how many won
        ("Ana Roux has won three times the titles her sister won.", None),  # a multiple
    ],
)
def test_a_number_of_times_counts_the_act_done_to_the_noun_before_it(text, short):
    """ "Contesting a final 12 times" is 12 finals: the act is repeated on what its object names."""
    question = (
        "How many Grand Slam finals has Ana Roux contested?" if "final" in text else "How many titles has Ana Roux won?"
    )
    query = replace(parse(question), labels={"CARDINAL": 1.0})
    labelled = [(w, "CARDINAL") for w in ("12", "three") if w in text]
    assert reader.short_answer(query, text, spans(text, *labelled), 0) == short


def test_names_and_words_are_matched_as_terms_whatever_their_case_or_form():
    present = set(terms("Harbor master Anna Berg said the U.S. pilots' strike ended."))
    assert reader.share_present(["Anna Berg", "u.s."], present) == 1.0
    assert reader.share_present(["Anna Berg", "Rotterdam"], present) == 0.5
    assert reader.weighted_overlap({"strike": 3.0, "rotterdam": 1.0}, present) == 0.75


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        ("Who won the Harbor Open?", "Marta Kostyuk wins the Harbor Open."),
        ("Who wins the Harbor Open?", "Marta Kostyuk won the Harbor Open."),
        ("Did the index fall?", "The index fell 6.4% over the week."),
        ("did nordvik pay for the yard?", "Nordvik paid $38 million for the yard."),
    ],
)
def test_a_verbs_irregular_forms_are_one_word_to_the_overlap(question, sentence):
    """A question asks in the past what a headline tells in the present, and the reverse."""
    wanted = dict.fromkeys(terms(question), 1.0)
    assert reader.weighted_overlap(wanted, set(terms(sentence))) == 1.0
    assert reader.absent(wanted, set(terms(sentence))) == 0.0
    assert reader.weighted_overlap(wanted, set(terms("The Harbor Open runs in May."))) < 1.0


def test_a_place_is_stated_in_the_overlap_by_the_word_for_its_people():
    """News writes "Chinese Vice President Han Zheng" where a reader asks for "China's vice president"."""
    wanted = dict.fromkeys(terms("China's vice president"), 1.0)
    assert reader.weighted_overlap(wanted, set(terms("Chinese Vice President Han Zheng spoke first."))) == 1.0
    assert reader.absent(wanted, set(terms("Chinese Vice President Han Zheng spoke first."))) == 0.0
    assert reader.weighted_overlap(wanted, set(terms("The vice president of Chile spoke first."))) < 1.0


@pytest.mark.parametrize(
    ("answer", "label", "specific"),
    [
        ("May 15, 2012", "DATE", 0.75),
        ("15th May", "DATE", 0.5),
        ("Monday", "DATE", 0.25),
        ("nearly two years ago", "DATE", 0.0),  # counted from a day the sentence does not give
        ("the end of this year", "DATE", 0.0),
        ("Emma Tammi", "PERSON", 0.5),
        ("Tammi", "PERSON", 0.25),
    ],
)
def test_an_answer_is_as_specific_as_the_words_that_pin_it_down(answer, label, specific):
    text = f"It happened {answer}."
    start = text.index(answer)
    found = reader.label_of(answer, [(start, start + len(answer), label)], text, 0)
    assert reader.specificity(reader.key_of(answer, found), found) == specific


def test_the_short_answer_is_the_entity_of_the_kind_asked_nearest_the_questions_words():
    text = "In Paris on Monday, the festival named Lena Ortiz its director, organisers said."
    entities = [(3, 8, "GPE"), (12, 18, "DATE"), (39, 49, "PERSON")]
    who = reader.short_answer(parse("Who is the festival's director?"), text, entities, 0)
    when = reader.short_answer(parse("When was the director named?"), text, entities, 0)
    assert (who, when) == ("Lena Ortiz", "Monday")
    quoted = reader.short_answer(parse("What did Ortiz say?"), 'Ortiz said: "We start in May."', [], 0)
    assert quoted == "We start in May"
    assert reader.short_answer(parse("Why did the festival move?"), text, entities, 0) is None


def test_a_partial_answer_in_another_article_backs_the_fuller_one():
    keys = ["ashleigh barty", "barty", "simona halep", None]
    articles = ["a", "b", "c", "d"]
    support = reader.agreement(keys, articles)
    assert support[0] > support[2] == 0.0 and support[3] == 0.0


def test_the_sentence_model_ranks_and_the_confidence_features_describe_the_best():
    model = reader.Model(["meaning"], [0.0], [1.0], [2.0], 0.0)
    rows = [{name: 0.0 for name in reader.CONFIDENCE_FEATURES} | {"meaning": m} for m in (0.1, 0.9, 0.5)]
    order, confidence = reader.ranked(model, rows)
    assert order == [1, 2, 0]
    assert confidence["margin"] > 0 and 0.0 < confidence["share"] < 1.0 and confidence["meaning"] == 0.9


def test_the_shipped_weights_load_and_a_saved_file_reads_back_the_same(tmp_path):
    weights = reader.Weights.load()
    assert 0.0 <= weights.threshold <= 1.0
    assert weights.passage.features == reader.PASSAGE_FEATURES
    assert weights.sentence.features == reader.SENTENCE_FEATURES
    path = tmp_path / "weights.json"
    weights.save(path)
    again = reader.Weights.load(path)
    row = {name: 0.5 for name in reader.PASSAGE_FEATURES}
    assert np.allclose(again.passage.probability([row]), weights.passage.probability([row]))


def test_the_answer_several_articles_share_outweighs_one_a_single_passage_names():
    query = parse("Which executive did TechCrunch and The Verge both quote?")
    query = type(query)(**{**query.__dict__, "labels": {"PERSON": 1.0}})
    chunks = [
        ("tc", 0.9, [("dana lee", "PERSON", "Dana Lee"), ("sam ortiz", "PERSON", "Sam Ortiz")]),
        ("verge", 0.4, [("dana lee", "PERSON", "Dana Lee")]),
        ("verge", 0.4, [("dana lee", "PERSON", "Dana Lee"), ("acme", "ORG", "Acme")]),  # one article backs once
        ("gazette", 0.2, [("ivo brandt", "PERSON", "Ivo Brandt")]),
    ]
    assert reader.consensus(query, chunks) == ("Dana Lee", {"dana lee"})
    assert reader.consensus(query, [("tc", 0.9, [("acme", "ORG", "Acme")])]) is None  # not the kind asked


def test_a_person_named_by_surname_after_the_full_name_is_one_answer():
    query = parse("Which singer did TechCrunch and The Verge both mention?")
    query = type(query)(**{**query.__dict__, "labels": {"PERSON": 1.0}})
    chunks = [
        ("tc", 0.5, [("taylor swift", "PERSON", "Taylor Swift")]),
        ("verge", 0.5, [("swift", "PERSON", "Swift")]),
        ("wired", 0.5, [("swift", "PERSON", "Swift")]),
        ("gazette", 0.9, [("ivo brandt", "PERSON", "Ivo Brandt")]),
        ("post", 0.9, [("ivo brandt", "PERSON", "Ivo Brandt")]),
    ]
    assert reader.consensus(query, chunks) == ("Taylor Swift", {"taylor swift", "swift"})
    # A surname two people share names neither of them.
    two = [("a", 0.5, [("anna smith", "PERSON", "Anna Smith"), ("john smith", "PERSON", "John Smith")])]
    two += [("b", 0.5, [("smith", "PERSON", "Smith")]), ("c", 0.5, [("smith", "PERSON", "Smith")])]
    assert reader.consensus(query, two) == ("Smith", {"smith"})
    # The tagger often reads a lone surname as an organisation's name: it is still the person's.
    who = type(query)(**{**query.__dict__, "labels": {"PERSON": 0.6, "ORG": 0.25}})
    tagged = [("tc", 0.5, [("sam bankman fried", "PERSON", "Sam Bankman-Fried")])]
    tagged += [(outlet, 0.5, [("bankman fried", "ORG", "Bankman-Fried")]) for outlet in ("verge", "fortune", "cnbc")]
    tagged += [(outlet, 0.9, [("gary wang", "PERSON", "Gary Wang")]) for outlet in ("wired", "times")]
    assert reader.consensus(who, tagged) == ("Sam Bankman-Fried", {"sam bankman fried", "bankman fried"})


def test_a_person_named_by_initials_is_one_answer_with_the_full_name():
    query = parse("Who is the individual whose trial The Verge and Fortune both covered?")
    query = type(query)(**{**query.__dict__, "labels": {"PERSON": 0.7, "ORG": 0.3}})
    chunks = [
        ("verge", 0.5, [("sam bankman fried", "PERSON", "Sam Bankman-Fried")]),
        ("fortune", 0.5, [("sbf", "ORG", "SBF")]),
        ("wired", 0.5, [("sbf", "ORG", "SBF")]),
        ("post", 0.9, [("caroline ellison", "PERSON", "Caroline Ellison")]),
    ]
    assert reader.consensus(query, chunks) == ("Sam Bankman-Fried", {"sam bankman fried", "sbf"})
    # Initials two names share stand for neither.
    shared = [
        ("a", 0.5, [("sam bankman fried", "PERSON", "Sam Bankman-Fried"), ("sara b frost", "PERSON", "Sara B Frost")])
    ]
    shared += [("b", 0.5, [("sbf", "ORG", "SBF")]), ("c", 0.5, [("sbf", "ORG", "SBF")])]
    assert "sbf" not in reader.consensus(query, shared)[1]


def test_a_question_is_across_articles_when_it_names_two_outlets_or_speaks_of_several():
    assert reader.across_articles("Which firm did both outlets cover?", [])
    assert reader.across_articles("Who was quoted?", ["TechCrunch", "The Verge"])
    assert not reader.across_articles("Who was quoted by TechCrunch?", ["TechCrunch"])
    assert not reader.across_articles("Who scored both goals for the Rovers?", [])  # "both" pairs anything
    sections = ["The Independent - Sports", "The Independent - Travel"]  # one publication, named once
    assert not reader.across_articles("How many runs, according to The Independent?", sections)


def test_a_text_missing_the_rarest_word_asked_is_marked_absent_by_how_rare_that_word_is():
    wanted = {"regional": 4.0, "election": 1.0}
    assert reader.absent(wanted, {"regional", "election", "vote"}) == 0.0
    assert reader.absent(wanted, {"election"}) == 1.0
    assert reader.absent(wanted, {"regional"}) == 0.25
    assert reader.absent({}, {"election"}) == 0.0


def test_where_and_when_are_answered_by_the_place_or_time_a_preposition_introduces():
    text = "U.S. officials eye the summit this year, to be held in November in San Francisco."
    entities = spans(text, ("U.S.", "GPE"), ("this year", "DATE"), ("November", "DATE"), ("San Francisco", "GPE"))
    where = parse("Where is the summit?")
    where = type(where)(**{**where.__dict__, "labels": {"GPE": 1.0}})
    when = parse("When is the summit?")
    assert reader.short_answer(where, text, entities, 0) == "San Francisco"
    assert reader.short_answer(when, text, entities, 0) == "November"


def test_the_noun_asked_by_is_found_beside_an_entity_or_ending_its_name():
    stadium = parse("At which stadium did India win?")
    text = "India beat New Zealand by 70 runs at Wankhede Stadium."
    assert reader.head_by_entity(stadium, text, spans(text, ("Wankhede Stadium", "FAC")), 0)
    assert not reader.head_by_entity(
        stadium, "India won in Mumbai.", spans("India won in Mumbai.", ("Mumbai", "GPE")), 0
    )
    pitcher = parse("Which pitcher will start Game 5?")
    beside = "Rangers pitcher Nathan Eovaldi will start."
    assert reader.head_by_entity(pitcher, beside, spans(beside, ("Nathan Eovaldi", "PERSON")), 0)
    # The noun opening a name is not what the name is: "Stadium Road" is a road.
    road = "The parade took Stadium Road."
    assert not reader.head_by_entity(stadium, road, spans(road, ("Stadium Road", "FAC")), 0)


def test_a_name_the_question_asks_by_its_acronym_is_not_the_answer():
    """ "the Asia-Pacific Economic Cooperation" is what "APEC" names: the question already names it."""
    text = "The summit of the Asia-Pacific Economic Cooperation forum is to be held in San Francisco."
    entities = spans(text, ("the Asia-Pacific Economic Cooperation", "LOC"), ("San Francisco", "GPE"))
    where = parse("Where is the APEC summit?")
    asked = set(terms(where.text))
    assert not reader.could_answer(where, text, entities[0][0], entities[0][1], asked)
    assert reader.could_answer(where, text, entities[1][0], entities[1][1], asked)
    assert reader.short_answer(where, text, entities, 0) == "San Francisco"


@pytest.mark.parametrize(
    ("text", "place", "situated"),
    [
        ("The wreck lies off the coast of Madeira.", "Madeira", True),
        ("Storms swept across Portugal on Monday.", "Portugal", True),
        ("The final is on May 12 in Portland.", "Portland", True),
        ("Corvallis earned a 2-1 win over Harbor City.", "Harbor City", False),
        ("Talks between Uganda and Kenya resumed.", "Uganda", False),
        ("Kenyan officials welcomed the deal.", "Kenyan", False),
    ],
)
def test_where_is_answered_by_a_place_after_a_preposition_that_situates(text, place, situated):
    """A place answers "where" after a preposition of place; one relating two parties ("a win over", "talks
    between") or standing before a noun says nothing of where."""
    entities = spans(text, (place, "GPE"))
    where = parse("Where did it happen?")
    assert reader.could_answer(where, text, entities[0][0], entities[0][1], set(terms(where.text))) is situated


def test_a_kind_of_place_asked_after_a_preposition_of_place_is_asked_where():
    """ "In which country …?" asks where, as "Where …?" does: a country standing before a noun ("China's
    top diplomat") says whose, not where. Without the preposition the kind alone asks no where ("Which
    country won the final?")."""
    text = "Japan's foreign minister Aiko Mori met her counterpart in Portugal."
    entities = spans(text, ("Japan", "GPE"), ("Aiko Mori", "PERSON"), ("Portugal", "GPE"))
    # The kind a wh-phrase's noun asks for is read from its meaning (question.analyze); here it is given.
    asked = replace(parse("In which country did Aiko Mori meet her counterpart?"), labels={"GPE": 1.0})
    assert not reader.could_answer(asked, text, entities[0][0], entities[0][1], set(terms(asked.text)))
    assert reader.short_answer(asked, text, entities, 0) == "Portugal"
    winner = "Japan's team beat Portugal in the final."
    won = replace(parse("Which country won the final?"), labels={"GPE": 1.0})
    assert reader.could_answer(won, winner, 0, 5, set(terms(won.text)))


def test_a_place_named_after_what_it_is_answers_where_before_a_place_that_describes():
    """ "in the coastal city of Split" says where the talks were, as "in Split" would; "a post in Croatia"
    nearer the question's words only describes a job."""
    text = (
        "As her post is largely honorary in Croatia, Ana Kovac held briefer talks than Petrovic's last week "
        "in the coastal city of Split."
    )
    entities = spans(text, ("Croatia", "GPE"), ("Ana Kovac", "PERSON"), ("Petrovic", "PERSON"), ("Split", "GPE"))
    assert reader.short_answer(parse("Where did Petrovic hold talks last week?"), text, entities, 0) == "Split"


@pytest.mark.parametrize(
    ("question", "text", "labelled", "short"),
    [
        (
            "By how many seconds did Hartley break the course record?",
            "Hartley won in 2 hours, 19 minutes and 4 seconds, breaking the course record by 41 seconds.",
            [("2 hours, 19 minutes and 4 seconds", "TIME"), ("41 seconds", "TIME")],
            "41 seconds",
        ),
        (
            "Who did Veltra sell the unit to?",
            "Veltra, which bought the unit from Norcom in 2019, sold it to Acme Devices on Monday.",
            [("Veltra", "ORG"), ("Norcom", "ORG"), ("Acme Devices", "ORG")],
            "Acme Devices",
        ),
        (
            "By how much did the company raise its revenue forecast?",
            "The company raised its revenue forecast to $18 billion, up by $1.5 billion.",
            [("$18 billion", "MONEY"), ("$1.5 billion", "MONEY")],
            "$1.5 billion",
        ),
    ],
)
def test_a_wh_phrase_with_a_preposition_is_answered_by_what_follows_it_in_the_text(question, text, labelled, short):
    """English carries the preposition along with the wh-phrase ("By how much …?") or strands it ("… sell it
    to?"); the text writes it where the answer stands ("by 41 seconds", "to Acme Devices")."""
    assert reader.short_answer(parse(question), text, spans(text, *labelled), 0) == short


def test_the_date_a_search_results_page_was_published_is_told_from_dates_in_its_text():
    snippet = "Dec 12, 2020 ... Cyberpunk 2077's original release date was April 16, 2020."
    assert reader.page_date("Dec 12, 2020", snippet)
    assert not reader.page_date("April 16, 2020", snippet)
    assert not reader.page_date("Dec 12, 2020", "On Dec 12, 2020 the game was patched.")
    assert not reader.page_date(None, snippet)


def test_a_year_asked_is_unconfirmed_where_neither_the_passage_nor_its_date_gives_it():
    asked = parse("Who won the Golden Quill Award in 2022?")
    undated = "Golden Quill Award for reporting of the year: Mara Lind, Tribune."
    assert reader.year_unconfirmed(asked, undated, None)
    assert not reader.year_unconfirmed(asked, "Mara Lind won the 2022 Golden Quill Award.", None)
    assert not reader.year_unconfirmed(asked, undated, "2022-11-03")
    assert reader.year_unconfirmed(asked, undated, "2019-11-03")
    assert not reader.year_unconfirmed(parse("Who won the Golden Quill Award?"), undated, None)
    # Of several years asked, one stated ties the passage to what is asked.
    both = parse("Why were the 2018 and 2019 Golden Quill Awards given together?")
    assert not reader.year_unconfirmed(both, "The Golden Quill Award 2019: Mara Lind.", None)
    assert reader.year_unconfirmed(both, "The Golden Quill Award 2017: Mara Lind.", None)


def test_part_of_a_word_the_question_uses_is_not_its_answer():
    """The tagger may take "Runner" of "Runner-up" for a person; the question already says "runner-up"."""
    text = "Runner-up: Netherlands, beaten in extra time."
    entities = spans(text, ("Runner", "PERSON"), ("Netherlands", "GPE"))
    asked = parse("Who was the runner-up of the 2010 World Cup?")
    assert not reader.could_answer(asked, text, entities[0][0], entities[0][1], set(terms(asked.text)))
    assert reader.short_answer(asked, text, entities, 0) == "Netherlands"


@pytest.mark.parametrize(
    ("question", "answer", "dayless"),
    [
        ("On what date does the summit open?", "November", True),
        ("What is the release date of the game?", "2021", True),
        ("What is the release date of the game?", "Nov. 12", False),
        ("On what date does the summit open?", "the 15th of May", False),
        ("When does the summit open?", "November", False),  # "when" takes a month
    ],
)
def test_a_date_asked_for_needs_its_day(question, answer, dayless):
    assert reader.dayless(parse(question), reader.key_of(answer, "DATE"), "DATE") is dayless


def test_a_surname_answer_is_given_with_the_full_name_its_article_introduced():
    people = ["Samuel Chukwueze", "Stefano Pioli", "Ivo Smith", "Anna Smith"]
    assert reader.in_full("Chukwueze", people) == "Samuel Chukwueze"
    assert reader.in_full("Smith", people) == "Smith"  # two people share it
    assert reader.in_full("Leao", people) == "Leao"
    assert reader.in_full("Rafael Leao", people) == "Rafael Leao"


@pytest.mark.parametrize(
    ("written", "spelled"),
    [
        ("Nov 15", "November 15"),
        ("Sept. 18, 2023", "September 18, 2023"),
        ("Thursday, Nov. 12", "Thursday, November 12"),
        ("15 Dec 2020", "15 December 2020"),
        ("May 4", "May 4"),
        ("Mar", "Mar"),  # no day or year: perhaps a name
    ],
)
def test_a_month_news_abbreviates_is_spelled_out_in_the_short_answer(written, spelled):
    assert reader.in_full(written, []) == spelled


@pytest.mark.parametrize(
    ("answer", "text", "shown"),
    [
        ("44", "The Razer mouse is down to $44, a few bucks above its low.", "$44"),
        ("3 billion", "The startup raised US$3 billion last year.", "US$3 billion"),
        ("12 million", "The club paid \u20ac12 million for him.", "\u20ac12 million"),
        ("249 $", "Quest 2 \u2014 $249 $299.99 (save $50.99)", "$249"),  # the next price's sign is not its own
        ("44", "Tickets cost $440, and 44 people came.", "44"),  # another number's sign
        ("2019", "It opened in 2019 at a cost of $5 million.", "2019"),
        ("1.2 million euros", "It cost about 1.2 million euros.", "1.2 million euros"),
    ],
)
def test_an_amount_is_shown_with_the_currency_sign_its_text_writes_before_it(answer, text, shown):
    """The tagger leaves a sign out of the amount it tags ("44" of "$44"): the short answer stands alone."""
    assert reader.signed(answer, text) == shown


@pytest.mark.parametrize(
    ("answer", "text", "shown"),
    [
        (
            "Once Upon a Time",
            "He won the Oscar for \u201cOnce Upon a Time in Hollywood\u201d on Sunday.",
            "Once Upon a Time in Hollywood",
        ),
        ("Harbor", 'Episode 4, "Harbor of the Lost," airs Monday.', "Harbor of the Lost"),
        # Speech is no title: it is written in sentence case.
        ("China", "\u201cChina is our partner,\u201d he said.", "China"),
        ("Acme", '"Acme will win the contract," he said.', "Acme"),
        ("Trump", "\u201cTrump is out,\u201d she said.", "Trump"),
        # A title opens with the answer's words, not its letters.
        ("Ben", "He starred in \u201cBenjamin Button\u201d in 2008.", "Ben"),
        # An apostrophe after a letter opens no quotation.
        ("Matthew Stafford", "The Rams' Matthew Stafford and the Bears' rookie both threw.", "Matthew Stafford"),
    ],
)
def test_a_title_set_in_quotation_marks_is_given_whole(answer, text, shown):
    """The tagger may cut a work's title at a small word ("in"); news sets titles in quotation marks."""
    assert reader.whole_title(answer, text) == shown


def test_the_person_whose_title_holds_the_words_asked_is_the_short_answer():
    text = "Australian Trade Minister Don Farrell and Chinese Commerce Minister Wang Wentao met on Friday."
    entities = spans(text, ("Australian", "NORP"), ("Don Farrell", "PERSON"), ("Chinese", "NORP"))
    entities += spans(text, ("Wang Wentao", "PERSON"), ("Friday", "DATE"))
    query = parse("Who is China's commerce minister?")
    assert reader.short_answer(query, text, entities, 0) == "Wang Wentao"
    # A number has no title: what stands before it is another phrase ("in prize money plus a").
    money = "She will receive $75,000 in prize money plus a $25,000 bonus."
    entities = spans(money, ("$75,000", "MONEY"), ("$25,000", "MONEY"))
    assert reader.short_answer(parse("How much prize money will she receive?"), money, entities, 0) == "$75,000"


def test_a_date_inside_a_snippets_page_date_is_given_whole():
    """The tagger often takes "13, 2017" of the page date "Apr 13, 2017 ..." for the date, month left out."""
    snippet = "Apr 13, 2017 ... Splatoon 2 release date slated for July ..."
    start = snippet.index("13")
    answer = reader.short_answer(parse("When was Splatoon 2 dated?"), snippet, [(start, start + 8, "DATE")], 0)
    assert answer == "Apr 13, 2017" and reader.page_date(answer, snippet)


@pytest.mark.parametrize(
    ("question", "snippet", "labelled", "short"),
    [
        (
            "when does harbor heights season 4 premiere",
            "Sep 4, 2020 ... Update: the Harbor Heights season 4 premiere is set for Thursday, Nov. 12 at 9/8c.",
            [("Sep 4, 2020", "DATE"), ("Thursday, Nov. 12", "DATE")],
            "Thursday, November 12",
        ),
        (
            "When did Lena Ortiz win the Harbor Open?",
            "Jul 11, 2021 ... Lena Ortiz claimed her first Harbor Open title, beating Bo Park 6-3 6-7 6-3.",
            [("Jul 11, 2021", "DATE"), ("first", "ORDINAL")],
            "July 11, 2021",
        ),
    ],
)
def test_a_snippets_page_date_answers_only_where_its_text_gives_no_date(question, snippet, labelled, short):
    """The page date says when the page appeared, even where it shares a number with the question."""
    answer = reader.short_answer(parse(question), snippet, spans(snippet, *labelled), 0)
    assert reader.in_full(answer, []) == short


@pytest.mark.parametrize(
    ("sentence", "words"),
    [
        ('"The talks were useful," she said.', "The talks were useful"),
        ("\u201cThe talks were useful,\u201d she said, \u201cbut long.\u201d", "The talks were useful"),
        # A quotation the sentence splitter cut: the first sentence opens it, the last closes it.
        ('Schumer told the press, "it is clear that we must invest.', "it is clear that we must invest"),
        ("Schumer told the press, \u201cit is clear that we must invest.", "it is clear that we must invest"),
        ('More money is needed across the sector," he said.', "More money is needed across the sector"),
        ("The minister said the talks were useful.", None),
    ],
)
def test_the_quoted_words_of_a_sentence_are_read_whole_or_as_far_as_it_holds_them(sentence, words):
    assert reader.quoted_words(sentence) == words


def test_of_two_quotations_the_one_about_what_is_asked_answers():
    """A sentence quoting a speaker twice, on two things: the quotation the question's words point at."""
    sentence = (
        'Okafor said the council wants "a fair and open" tender for the contract, which she hopes will '
        'bring "jobs for the whole valley."'
    )
    tender = parse("What kind of tender did Okafor say the council wants?")
    assert reader.short_answer(tender, sentence, [], 0) == "a fair and open"
    hopes = parse("What did Okafor say she hopes the contract will bring?")
    assert reader.short_answer(hopes, sentence, [], 0) == "jobs for the whole valley"
    assert reader.quoted_words(sentence) == "jobs for the whole valley"  # with nothing asked, the longest


@pytest.mark.parametrize(
    ("question", "text", "labelled", "short"),
    [
        (
            "Which journal published the study?",
            "The study appeared in the journal Cell Reports Medicine, Ohio State University said.",
            (("Ohio State University", "ORG"),),
            "Cell Reports Medicine",
        ),
        ("Which gene did the team identify?", "The team identified a previously unknown gene, Kst7.", (), "Kst7"),
        ("Which judge set the date?", "Judge Anna M. Ruiz set sentencing for March.", (), "Anna M. Ruiz"),
        # A noun followed by no name, or by one the tagger found, adds nothing.
        ("Which journal published the study?", "The journal said the study was sound.", (), None),
        ("Which journal published the study?", "It ran in the journal Nature.", (("Nature", "ORG"),), "Nature"),
    ],
)
def test_a_name_written_after_the_noun_asked_for_answers_where_the_tagger_found_none(question, text, labelled, short):
    """English names a thing of a kind by its name after the kind's noun ("the journal Cell Reports Medicine");
    the small tagger misses names of kinds it was not trained on."""
    query = replace(parse(question), labels={"ORG": 0.6, "WORK_OF_ART": 0.4})
    tagged = spans(text, *labelled)
    entities = tagged + reader.apposed(query, text, tagged, 0)
    assert len(entities) == len({(start, end) for start, end, _ in entities})
    assert reader.short_answer(query, text, entities, 0) == short


@pytest.mark.parametrize(
    ("question", "text", "labelled", "short"),
    [
        # The aside places what Wang was expected to do, not the talks.
        (
            "Where did Sullivan hold talks?",
            "Sullivan and Wang, who was expected to represent China in New York, held talks for two days.",
            (("Sullivan", "PERSON"), ("Wang", "PERSON"), ("China", "GPE"), ("New York", "GPE")),
            None,
        ),
        (
            "Where did Sullivan hold talks?",
            "Sullivan and Wang, who was expected in New York, held talks for two days in Valletta.",
            (("Sullivan", "PERSON"), ("Wang", "PERSON"), ("New York", "GPE"), ("Valletta", "GPE")),
            "Valletta",
        ),
        (
            "Where did Sullivan and Wang sit down for their talks?",
            "Sullivan and Wang, who was expected to represent China in New York, held talks for two days.",
            (("Sullivan", "PERSON"), ("Wang", "PERSON"), ("China", "GPE"), ("New York", "GPE")),
            None,
        ),
        # An aside that speaks of the event asked about places it.
        (
            "Where did Wang meet Sullivan?",
            "Wang, who met Sullivan in Malta, said the talks were candid.",
            (("Wang", "PERSON"), ("Sullivan", "PERSON"), ("Malta", "GPE")),
            "Malta",
        ),
    ],
)
def test_a_place_in_an_aside_about_another_event_does_not_place_the_one_asked(question, text, labelled, short):
    """A clause set off by commas ("…, who was expected to represent China in New York, …") tells of its own event."""
    assert reader.short_answer(parse(question), text, spans(text, *labelled), 0) == short


@pytest.mark.parametrize(
    ("text", "labelled", "short"),
    [
        ("Talks were held over the weekend in the island nation of Malta.", (("Malta", "GPE"),), "Malta"),
        ("From the perspective of the United States, talks were useful.", (("the United States", "GPE"),), None),
        ("Backed by the government of Japan, talks were held.", (("Japan", "GPE"),), None),
        ("According to the U.S. department, talks were held.", (("U.S.", "GPE"),), None),
    ],
)
def test_a_place_named_after_what_it_is_is_placed_only_by_a_preposition_of_place(text, labelled, short):
    """ "in the island nation of Malta" says where; "from the perspective of", "by the government of" and
    "according to" say whose."""
    assert reader.short_answer(parse("Where were the talks held?"), text, spans(text, *labelled), 0) == short


def test_who_spoke_is_the_entity_holding_a_reported_speakers_whole_name():
    text = "Secretary of State Antony Blinken met Han Zheng on Monday, the State Department said."
    entities = spans(text, ("State", "ORG"), ("Antony Blinken", "PERSON"), ("the State Department", "ORG"))
    assert reader.speaking(entities, ["State Department"], text, 0) == spans(text, ("the State Department", "ORG"))
    assert reader.speaking(entities, ["Blinken"], text, 0) == spans(text, ("Antony Blinken", "PERSON"))
    assert reader.speaking(entities, ["Han Zheng"], text, 0) == []  # the tagger found no entity for him


def test_an_amount_written_after_a_currency_code_is_money_whatever_the_tagger_calls_it():
    """The small tagger reads "NIS 405 million" as an organisation."""
    text = "Zim bought the investment house for NIS 405 million from Altshuler Shaham in 2021."
    entities = spans(text, ("NIS 405 million", "ORG"), ("Altshuler Shaham", "ORG"), ("2021", "DATE"))
    query = replace(parse("How much did Zim pay for the investment house?"), labels={"MONEY": 1.0})
    assert reader.short_answer(query, text, entities, 0) == "NIS 405 million"
    assert reader.kind_weight(query, entities, text, 0) == 1.0
    assert not reader.figureless(query, text, entities, 0)


def test_a_sentence_with_no_figure_of_the_kind_asked_cannot_answer_a_how_much():
    query = replace(parse("How much did Zim pay for the investment house?"), labels={"MONEY": 1.0})
    text = "Zim bought the investment house from Altshuler Shaham, whose founders sold it in 2021."
    assert reader.figureless(query, text, spans(text, ("Zim", "ORG"), ("Altshuler Shaham", "ORG"), ("2021", "DATE")), 0)
    coded = "The cost of the barriers was NIS 3.5 billion, mostly for the tunnels."
    assert not reader.figureless(query, coded, spans(coded, ("NIS 3.5 billion", "PRODUCT")), 0)


def test_a_body_given_after_someone_asked_about_and_of_says_where_they_work():
    text = "Moungi Bawendi of MIT and Alexei Ekimov of Nanocrystals Technology shared the prize."
    entities = spans(text, ("Moungi Bawendi", "PERSON"), ("MIT", "ORG"), ("Nanocrystals Technology", "ORG"))
    query = replace(parse("Where does Alexei Ekimov work?"), labels={"ORG": 0.5, "GPE": 0.5})
    assert reader.short_answer(query, text, entities, 0) == "Nanocrystals Technology"
    elsewhere = replace(parse("Where does Louis Brus work?"), labels={"ORG": 0.5, "GPE": 0.5})
    assert reader.short_answer(elsewhere, text, entities, 0) is None


@pytest.mark.parametrize(
    ("text", "person", "answers"),
    [
        ("Northwind's co-founder and chief executive, Arjun Mehta, will join Calder.", "Arjun Mehta", False),
        ("Arjun Mehta, Northwind's chief executive, will join Calder.", "Arjun Mehta", False),
        ("Arjun Mehta, chief executive of Northwind, will join Calder.", "Arjun Mehta", False),
        ("Calder's chief executive, Maya Lindqvist, said the deal was done.", "Maya Lindqvist", True),
        ("Maya Lindqvist, chief executive of Calder, said the deal was done.", "Maya Lindqvist", True),
        ("The company's chief executive, Maya Lindqvist, said the deal was done.", "Maya Lindqvist", True),
        ("Northwind's shares rose, Arjun Mehta said.", "Arjun Mehta", True),
    ],
)
def test_someone_holding_the_title_asked_by_at_another_company_is_not_the_answer(text, person, answers):
    """Coverage of a deal gives the same title to a person on each side, with whose it is."""
    entities = spans(text, (person, "PERSON"))
    who = parse("Who is Calder's chief executive?")
    assert reader.could_answer(who, text, entities[0][0], entities[0][1], set(terms(who.text))) is answers


@pytest.mark.parametrize(
    ("question", "text", "people", "ages", "short"),
    [
        (
            "How old is the mayor?",
            "Mayor Tom Reyes, 61, and councillor Ann Lee, 45, voted for the plan.",
            ("Tom Reyes", "Ann Lee"),
            ("61", "45"),
            "61",
        ),
        (
            "How old was the firefighter who died?",
            "The dead were Jo Kim, 44, a resident, and Tyler Brandt, 27, a contract firefighter from Bend.",
            ("Jo Kim", "Tyler Brandt"),
            ("44", "27"),
            "27",
        ),
        (
            "How old is the retired postman who joined the study?",
            "One participant, 74-year-old retired postman Gerald Finch, said he had been sceptical.",
            ("Gerald Finch",),
            ("74-year-old",),
            "74-year-old",
        ),
        (
            "How old is the retired postman who joined the study?",
            "One participant, 52-year-old nurse Ruth Okafor, said she had been sceptical.",
            ("Ruth Okafor",),
            ("52-year-old",),
            None,
        ),
        (
            "How old is the mayor?",
            "Councillor Ann Lee, 45, voted for the plan.",
            ("Ann Lee",),
            ("45",),
            None,
        ),
    ],
)
def test_an_age_asked_by_what_someone_is_is_that_of_the_one_so_described(question, text, people, ages, short):
    """News describes whose age it gives by a title before the name, an apposition after the age, or the words
    after an age written as an adjective."""
    labelled = [(person, "PERSON") for person in people] + [(age, "DATE") for age in ages]
    assert reader.short_answer(parse(question), text, spans(text, *labelled), 0) == short


@pytest.mark.parametrize(
    ("question", "text", "labelled", "short"),
    [
        (
            "Which wildfire was worse?",
            "It is the worst blaze since the Copper Gulch Fire of September 2020 near Alder Springs.",
            [("the Copper Gulch Fire", "ORG"), ("September 2020", "DATE"), ("Alder Springs", "GPE")],
            "the Copper Gulch Fire",
        ),
        (
            "Which hurricane hit the coast?",
            "Residents of Naples were still without power after Hurricane Ian struck on Wednesday.",
            [("Naples", "GPE"), ("Hurricane Ian", "PERSON"), ("Wednesday", "DATE")],
            "Hurricane Ian",
        ),
    ],
)
def test_a_name_that_carries_the_kind_asked_for_answers_whatever_its_label(question, text, labelled, short):
    """Names of places, bodies and events carry their kind ("the Copper Gulch Fire", "Hurricane Ian"), which
    the tagger may mislabel."""
    query = replace(parse(question), labels={"EVENT": 0.7, "GPE": 0.2, "DATE": 0.1})
    assert reader.short_answer(query, text, spans(text, *labelled), 0) == short


@pytest.mark.parametrize(
    ("question", "text", "labelled", "short"),
    [
        (
            "How many aces did Ferrer serve?",
            "Ferrer served for the title at 5-4 in the third set, and hit 14 aces in all.",
            [("5", "CARDINAL"), ("14", "CARDINAL")],
            "14",
        ),
        ("How many titles has Ferrer won?", "Ferrer won the final 6-4 on Sunday.", [("6-4", "CARDINAL")], None),
        ("How many people came?", "The champions, 26-1 this season, drew a crowd.", [("26-1", "CARDINAL")], None),
        ("How many people were hurt?", "Police said 10-12 people were hurt.", [("10-12", "CARDINAL")], "10-12"),
    ],
)
def test_a_score_or_a_vote_counts_nothing_a_how_many_asks(question, text, labelled, short):
    """A tally of two sides counts only what contests are decided in (votes, goals; "7-2" answers how many
    votes), or the noun that follows it (a range: "10-12 people")."""
    query = replace(parse(question), labels={"CARDINAL": 1.0})
    assert reader.short_answer(query, text, spans(text, *labelled), 0) == short


@pytest.mark.parametrize(
    ("question", "short"),
    [
        ("What was the attendance at the final?", None),
        ("What was the ticket price for the final?", None),
        ("What was the final score?", "4-2"),
        ("What was the result of the final?", "4-2"),
        ("What record do the Rovers have?", "4-2"),
        ("What was the vote count on the final?", "4-2"),
    ],
)
def test_a_tally_answers_what_only_for_the_outcome_of_a_contest(question, short):
    """A tally sets two sides against each other: it is a score, a result or a record, no crowd or price."""
    text = "The Rovers won the final 4-2 on Sunday."
    query = replace(parse(question), labels={"CARDINAL": 1.0})
    assert reader.short_answer(query, text, spans(text, ("4-2", "CARDINAL")), 0) == short


@pytest.mark.parametrize(
    ("text", "labelled", "short"),
    [
        ('1. "Harbor Lights," $21 million from 2,539 theaters.', [("1", "CARDINAL"), ("2,539", "CARDINAL")], "2,539"),
        ("2) Harbor Lights opened in 2,539 theaters.", [("2", "CARDINAL"), ("2,539", "CARDINAL")], "2,539"),
        ("1. Harbor Lights led the weekend.", [("1", "CARDINAL")], None),
        ("12", [("12", "CARDINAL")], "12"),  # a bare number alone is no list item
        ("12 theaters showed it.", [("12", "CARDINAL")], "12"),
    ],
)
def test_the_number_of_a_list_item_counts_nothing(text, labelled, short):
    """A chart or a ranking is a numbered list: the number is a place in it."""
    question = "In how many theaters did Harbor Lights open?"
    assert reader.short_answer(parse(question), text, spans(text, *labelled), 0) == short


@pytest.mark.parametrize(
    ("text", "labelled", "short"),
    [
        (
            "Marsh won on Sunday. Turnout was 68.2 percent, up from 61.5 percent in 2020.",
            [("Marsh", "PERSON"), ("Sunday", "DATE"), ("68.2 percent", "PERCENT"), ("61.5 percent", "PERCENT")],
            "68.2 percent",
        ),
        (
            "Marsh won on Sunday on a turnout of 68.2 percent.",
            [("Marsh", "PERSON"), ("Sunday", "DATE"), ("68.2 percent", "PERCENT")],
            "68.2 percent",
        ),
    ],
)
def test_what_is_said_of_the_noun_asked_answers_whatever_its_meaning_suggests(text, labelled, short):
    """ "Turnout was 68.2 percent" says what the turnout was, though "turnout" reads as an event."""
    query = replace(parse("What was the turnout?"), labels={"EVENT": 0.6, "PERSON": 0.3, "PERCENT": 0.1})
    assert reader.short_answer(query, text, spans(text, *labelled), 0) == short


@pytest.mark.parametrize(
    ("text", "time", "answers"),
    [
        ("It was the second accident on the line in less than four years.", "less than four years", False),
        ("The family has farmed the valley for decades.", "decades", False),
        ("The line first closed two years ago.", "two years ago", True),
        ("The new line will open in two years.", "two years", True),
        ("In April 2021, a freight train derailed near Ashby.", "April 2021", True),
        ("Daniel Kerr, 52, was sentenced on Friday.", "52", False),
        ("The two sides agreed to hold more talks in the coming weeks.", "the coming weeks", True),
        ("The two sides have held talks for several weeks.", "several weeks", False),
    ],
)
def test_when_is_answered_by_a_point_in_time_not_a_length_or_an_age(text, time, answers):
    """A bounded or spanned length says how long, an age describes someone; neither says when."""
    entities = spans(text, (time, "DATE"))
    when = parse("When did it happen?")
    assert reader.could_answer(when, text, entities[0][0], entities[0][1], set(terms(when.text))) is answers


@pytest.mark.parametrize(
    ("question", "text", "labelled", "short"),
    [
        (
            "How many people will work at the Ohio plant?",
            "The firm will spend about $900 million on the Ohio plant, which will employ 1,200 people.",
            [("about $900 million", "MONEY"), ("1,200", "CARDINAL")],
            "1,200",
        ),
        (
            "How many people will work at the Ohio plant?",
            "The firm will spend about $900 million on the Ohio plant.",
            [("about $900 million", "MONEY")],
            None,
        ),
        (
            "How many people will work at the Ohio plant?",
            "Staffing at the Ohio plant rose 12%.",
            [("12%", "PERCENT")],
            None,
        ),
        (
            "How many dollars did the Ohio plant cost?",
            "The Ohio plant cost about $900 million.",
            [("about $900 million", "MONEY")],
            "about $900 million",
        ),
    ],
)
def test_an_amount_of_money_or_a_share_counts_nothing_else_a_how_many_asks(question, text, labelled, short):
    """A currency or percent sign says what a number counts: money or a share, not the people asked about."""
    query = replace(parse(question), labels={"CARDINAL": 0.6, "MONEY": 0.2, "PERCENT": 0.2})
    assert reader.short_answer(query, text, spans(text, *labelled), 0) == short


def test_a_names_words_count_for_it_only_where_written_as_a_name():
    """ "road movie" is not "The Salt Road"; "Marsh said" is Helena Marsh."""
    film = replace(parse("Who directed the salt road?"), names=("The Salt Road",))
    assert "road" in reader.name_words_unnamed(film, "It is an Argentine road movie directed by Julián Ferro.")
    assert "road" not in reader.name_words_unnamed(film, 'The leads of "The Salt Road" shared the prize.')
    person = replace(parse("What did Helena Marsh say?"), names=("Helena Marsh",))
    assert "marsh" not in reader.name_words_unnamed(person, "Marsh said she would govern for everyone.")


@pytest.mark.parametrize(
    ("text", "amount", "answers"),
    [
        ("Northwind reported revenue of $780 million last year.", "$780 million", False),
        ("Northwind's annual revenue rose to $780 million.", "$780 million", False),
        ("Calder's revenue rose to $2.1 billion.", "$2.1 billion", True),
        ("The company's revenue rose to $2.1 billion.", "$2.1 billion", True),
        ("Revenue rose to $2.1 billion, Calder said.", "$2.1 billion", True),
    ],
)
def test_a_figure_given_as_someone_elses_does_not_answer_for_whom_the_question_names(text, amount, answers):
    """Coverage of two companies gives each its revenue, with whose it is right before the noun."""
    entities = spans(text, (amount, "MONEY"))
    what = replace(parse("What was Calder's revenue?"), names=("Calder",), labels={"MONEY": 1.0})
    assert reader.could_answer(what, text, entities[0][0], entities[0][1], set(terms(what.text))) is answers


def test_a_past_period_asked_relative_to_now_is_stated_as_a_year_is():
    query = parse("What film won the top prize last year?")
    assert reader.year_features(query, "Last year's prize was won by The Quiet Mile.", None)["years"] == 1.0
    assert reader.year_features(query, "The Salt Road won the prize on Saturday.", None)["years"] == 0.0


@pytest.mark.parametrize(
    ("question", "short"),
    [
        ("Who won the Harbor Open final?", "Marta Kostyuk"),
        ("who won the harbor open final", "Marta Kostyuk"),
        ("Who watched the final?", "Elena Ruiz"),
    ],
)
def test_the_short_answer_is_who_plays_the_part_asked_in_the_act(question, short):
    """The name nearest the question's words is not the answer where the sentence's grammar gives the part
    asked to another: "won … by" names the winner."""
    text = "The Harbor Open final was won on Sunday by Marta Kostyuk, while Elena Ruiz, the Open's top seed, watched."
    entities = spans(text, ("Marta Kostyuk", "PERSON"), ("Elena Ruiz", "PERSON"), ("Sunday", "DATE"))
    assert reader.short_answer(parse(question), text, entities, 0) == short


@pytest.mark.parametrize(
    ("question", "short"),
    [("Which team beat Japan in the Harbor Cup?", "England"), ("Which team beat Samoa?", "Japan")],
)
def test_the_doer_of_a_passive_or_a_relative_clause_is_who_did_it(question, short):
    text = "Japan, who beat Samoa last week, were beaten by England in the Harbor Cup on Sunday."
    entities = spans(text, ("Japan", "GPE"), ("Samoa", "GPE"), ("England", "GPE"))
    query = replace(parse(question), labels={"ORG": 0.5, "GPE": 0.3, "NORP": 0.2})  # as the coverage types "team"
    assert reader.short_answer(query, text, entities, 0) == short


def test_who_did_something_is_not_the_one_it_was_done_to():
    """ "Who won?" asks for the subject of the win; the one beaten is the verb's object, nearer "to win"."""
    text = "Marta Kostyuk defeated Ons Jabeur and Coco Gauff on her way to win the Harbor Open title."
    entities = spans(text, ("Marta Kostyuk", "PERSON"), ("Ons Jabeur", "PERSON"), ("Coco Gauff", "PERSON"))
    assert reader.by_the_doer(entities, text, 0) == entities[:1]
    in_article = [(start + 100, end + 100, label) for start, end, label in entities]  # the sentence at offset 100
    assert reader.by_the_doer(in_article, text, 100) == in_article[:1]


@pytest.mark.parametrize(
    ("text", "boilerplate"),
    [
        ("MORE: How the Rovers' payroll looks after their record deal with Lena Ortiz", True),
        ("READ MORE: Rovers sign Ortiz in a record deal", True),
        ("WATCH: Ortiz's first interview as a Rover", True),
        ("More than 400 fans watched Ortiz sign her record deal with the Rovers.", False),
        ("Rovers coach Ada Berg said: 'More will come.'", False),
    ],
)
def test_a_link_to_another_story_is_page_furniture(text, boilerplate):
    """A page links its other stories by their headlines behind a label in capitals: they state nothing here."""
    features = reader.sentence_features(parse("Why did the Rovers sign Ortiz?"), text, [], 0, [])
    assert features["boilerplate"] == float(boilerplate)


def test_a_span_of_years_is_no_tally():
    """ "the 2023-24 season" names years joined by a hyphen, as a score joins two sides' counts."""
    text = "Messi joined Inter Miami for the 2023-24 season."
    query = replace(parse("Which season did Messi join Inter Miami for?"), labels={"DATE": 1.0})
    assert reader.short_answer(query, text, spans(text, ("2023-24", "DATE")), 0) == "2023-24"


PLACES = {"GPE": 0.45, "FAC": 0.25, "LOC": 0.2, "ORG": 0.1}


@pytest.mark.parametrize(
    ("text", "name", "label", "site"),
    [
        ("They sat down at the Harbor Institute on Monday.", "the Harbor Institute", "ORG", True),
        ("The rally at Millbrook Fair drew thousands.", "Millbrook Fair", "EVENT", True),
        # Not after "at": a party to the act, or whose something is.
        ("They sat down with the Harbor Institute on Monday.", "the Harbor Institute", "ORG", False),
        ("The ministers met on Monday, officials at the Harbor Institute said.", "the Harbor Institute", "ORG", False),
        ("The Harbor Institute's staff met them.", "The Harbor Institute", "ORG", False),
    ],
)
def test_a_name_after_at_is_weighed_as_a_site_when_asked_where(text, name, label, site):
    """English puts a place after "at", which the tagger often labels a body or an event."""
    where = replace(parse("Where did they sit down?"), labels=PLACES)
    weight = reader.kind_weight(where, spans(text, (name, label)), text, 0)
    assert weight == PLACES["FAC"] if site else weight < PLACES["FAC"]
    who = replace(parse("Who did they sit down with?"), labels={"PERSON": 0.5, "ORG": 0.3, "EVENT": 0.2})
    assert reader.kind_weight(who, spans(text, (name, label)), text, 0) == who.labels[label]


def test_a_name_cut_short_at_a_joining_word_runs_on_through_the_next_or_ends_before_it():
    where = replace(parse("Where did they sit down?"), labels=PLACES)
    text = "Ruiz spoke after they sat down at the Danish Mission to the World Trade Organization."
    entities = spans(
        text, ("Ruiz", "PERSON"), ("the Danish Mission to", "EVENT"), ("the World Trade Organization", "ORG")
    )
    assert reader.short_answer(where, text, entities, 0) == "the Danish Mission to the World Trade Organization"
    text = "Ruiz spoke after they sat down at the Danish Mission of Geneva fame."
    entities = spans(text, ("Ruiz", "PERSON"), ("the Danish Mission of", "FAC"))
    assert reader.short_answer(where, text, entities, 0) == "the Danish Mission"


@pytest.mark.parametrize(
    ("question", "text", "length", "short"),
    [
        ("How long did the meeting last?", "The meeting took place a day after the talks ended.", "a day", None),
        ("How long was the meeting?", "Ministers met two weeks before the vote.", "two weeks", None),
        (
            "How long did the strike last?",
            "The strike lasted three weeks before workers returned.",
            "three weeks",
            "three weeks",
        ),
        (
            "How long did passengers wait?",
            "Passengers waited three hours before boarding.",
            "three hours",
            "three hours",
        ),
        ("How long was the strike?", "The strike ran three weeks before talks resumed.", "three weeks", "three weeks"),
        (
            "How long did the truce last?",
            "The truce held for seven days before fighting resumed.",
            "seven days",
            "seven days",
        ),
    ],
)
def test_a_length_before_after_or_before_says_how_long_only_after_a_verb_of_lasting(question, text, length, short):
    """ "A day after the talks" says how far apart two times are, so when; "lasted three weeks before" how long."""
    query = replace(parse(question), labels={"DATE": 0.6, "TIME": 0.4})
    assert reader.short_answer(query, text, spans(text, (length, "DATE")), 0) == short


@pytest.mark.parametrize(
    ("question", "text", "short"),
    [
        ("How long did Ana Ruiz talk with Piet Smit?", "Officials said Lund and Berg had 12 hours of talks.", None),
        ("How long did Lund and Berg talk?", "Officials said Lund and Berg had 12 hours of talks.", "12 hours"),
        ("how long did lund talk for?", "Officials said Lund and Berg talked for 12 hours.", "12 hours"),
        # A pronoun may stand for the one asked about.
        ("How long did Ana Ruiz talk?", "Officials said they had 12 hours of talks.", "12 hours"),
        # A question naming an event, not people, is answered by those taking part in it.
        ("How long did the Harbor Lights mission last?", "Lund and Berg spent 12 hours in space.", "12 hours"),
    ],
)
def test_a_length_of_an_act_of_others_than_those_asked_about_does_not_answer(question, text, short):
    query = replace(parse(question), labels={"DATE": 0.6, "TIME": 0.4})
    assert reader.short_answer(query, text, spans(text, ("12 hours", "TIME")), 0) == short


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("The 2020 Open was canceled due to the COVID-19 pandemic.", True),
        ("As Han's position is largely ceremonial, the talks were unlikely to be substantive.", True),
        ("The coach resigned, citing health reasons.", True),
        ("She made him captain because of his leadership.", True),
        ("The minister quit amid criticism of the budget.", True),
        ("Organisers called the Open off, given that the storm was coming.", True),
        # The act chosen instead of another is why the other was not.
        ("Organisers chose to hold a smaller event rather than risk the Open.", True),
        ("Organisers chose to retire the trophy rather than staging the Open.", True),
        # Another place, amount, time or day instead of one, or "given" as a verb's participle, gives no reason.
        ("The Open was held in Geneva rather than Vienna.", False),
        ("The Open was held in Lisbon rather than in the capital.", False),
        ("Entries rose 3 percent rather than the 2 percent expected.", False),
        ("The final was played in the evening rather than during the morning.", False),
        ("The Open will be played on Sunday instead of Saturday.", False),
        ("The Open was given a new date in 2021.", False),
        ("Jones, given a red card in the final, missed the Open.", False),
        ("Given the nod by the selectors, Jones started the Open.", False),
        # A comparison, a time and a bare statement give none.
        ("The talks were not as substantive as last week's.", False),
        ("Prices have risen since 2019.", False),
        ("The Open was canceled in 2020.", False),
    ],
)
def test_a_why_question_is_answered_by_a_sentence_giving_a_reason(text, reason):
    """No entity answers "why": a sentence holds the kind asked for where it gives a cause or a purpose."""
    why = parse("Why was the Open canceled?")
    assert reader.kind_weight(why, [], text, 0) == float(reason)
    assert reader.kind_weight(parse("When was the Open canceled?"), [], text, 0) == 0.0


@pytest.mark.parametrize(
    ("question", "text", "name", "doer"),
    [
        ("Who directed the film?", "The Salt Road: Directed by Julia Ferro.", "Julia Ferro", True),
        (
            "Who founded Discflow?",
            "Discflow, founded in 2000 by Kai Lindqvist, now sells records.",
            "Kai Lindqvist",
            True,
        ),
        ("who founded discflow?", "Kai Lindqvist founded Discflow in 2000.", "Kai Lindqvist", True),
        ("Which team beat Japan?", "Norway beat Japan 2-1 on Sunday.", "Norway", True),
        # Beside the act's words, not its doer: what was done to, or a title sharing the verb's stem.
        ("Which team beat Japan?", "Japan beat Norway 2-1 on Sunday.", "Norway", False),
        (
            "Who directed the film?",
            "Julia Ferro, creative director of the studio, praised the film.",
            "Julia Ferro",
            False,
        ),
        (
            "Who founded Discflow?",
            "Kai Lindqvist, who sells records on Discflow, spoke on Monday.",
            "Kai Lindqvist",
            False,
        ),
        ("Who founded Discflow?", "Kai Lindqvist founded Tidewell Records in 2004.", "Kai Lindqvist", False),
        ("Who founded Discflow?", "Kai Lindqvist founded the company in 2004.", "Kai Lindqvist", True),  # refers back
        ("Which team beat Japan?", "Spain beat Norway, which had beaten Japan.", "Spain", False),
        # An act told as not done, or only possible, wished or failed, is no one's.
        ("Who won the Harbor Open?", "Ann Lee has never won the Harbor Open.", "Ann Lee", False),
        ("Who won the Harbor Open?", "Ann Lee could win the Harbor Open.", "Ann Lee", False),
        ("Who won the Harbor Open?", "Ann Lee failed to win the Harbor Open.", "Ann Lee", False),
        ("Who won the Harbor Open?", "Ann Lee beat Mia Ruiz to win the Harbor Open.", "Ann Lee", True),
        (
            "Who won the Harbor Open?",
            "The Rovers' Ann Lee, who would go on to win the Harbor Open, ran.",
            "Ann Lee",
            True,
        ),
        ("Who could replace Powell?", "Kevin Warsh could replace Powell next year.", "Kevin Warsh", True),  # as asked
        ("Who won the Harbor Open?", "Ann Lee won a title for the second time.", "Ann Lee", True),  # may be it
        ("Who founded Discflow?", "Kai Lindqvist founded his first company, Tidewell.", "Kai Lindqvist", False),
    ],
)
def test_the_one_doing_the_act_asked_of_weighs_surer_than_its_label(question, text, name, doer):
    """The grammar names who did what: the doer of the act asked of is the answer, sure as no label is."""
    query = replace(parse(question), labels={"PERSON": 0.6, "ORG": 0.3, "GPE": 0.1})
    weight = reader.kind_weight(query, spans(text, (name, "PERSON")), text, 0, by_grammar=True)
    assert weight == 1.0 if doer else weight == 0.6


@pytest.mark.parametrize(
    ("question", "text", "number", "counts"),
    [
        ("How many copies has Super Mario Odyssey sold?", "Super Mario Odyssey 2 may come out in 2025.", "2", False),
        ("How many people flew on Apollo 11?", "Apollo 11 carried three astronauts.", "11", False),
        (
            "How many copies has Super Mario Odyssey sold?",
            "Super Mario Odyssey sold 27 million copies.",
            "27 million",
            True,
        ),
        # Not written right after the name asked about: a count.
        ("How many people died on Friday?", "On Friday 13 people died in the storm.", "13", True),
        ("How many copies did Odyssey sell?", "Sales of Odyssey: 2 million copies.", "2 million", True),
        ("How much did MLB fine the Astros?", "MLB fined the Astros $5 million.", "$5 million", True),
        ("How much did MLB fine the Astros?", "MLB fined the Astros 5 million dollars.", "5 million dollars", True),
        # The day of a date, beside its month's name, counts nothing.
        ("How many copies did the album sell?", "The album returns with new tracks Published 27 October", "27", False),
        ("How many copies did the album sell?", "The album came out on Oct. 27 to acclaim.", "27", False),
        ("How many copies did the album sell?", "By October 27 stores had sold out.", "27", False),
        ("How many copies did the album sell?", "The album sold 27 million copies in May.", "27 million", True),
        ("How many copies did the album sell?", "In October 2023 it sold 27 copies.", "27", True),
        # Written with the noun asked, a number counts it, whatever name or month comes before it.
        ("How many people died in Texas?", "Across Texas 82 people have died.", "82", True),
        ("How many people died in May?", "In May 12 people died in the floods.", "12", True),
        # A line of names each with its number is a result, not a name.
        ("How many points did the Celtics score?", "Final: Lakers 112, Celtics 108.", "108", True),
        ("How many points did Djokovic win?", "Slams won: Djokovic 24, Nadal 22.", "24", True),
        ("How many goals did Real Madrid score?", "Manchester City 3, Real Madrid 1.", "1", True),
        ("How many votes did the bill get in the Senate?", "It passed the Senate 51-49.", "51", True),  # a tally
    ],
)
def test_a_number_naming_something_or_a_day_counts_nothing(question, text, number, counts):
    """A sequel, a model or a mission is named by a number after its name, and a date by its day: neither counts."""
    query = parse(question)
    start = text.index(number)
    assert reader.could_answer(query, text, start, start + len(number), set(terms(question))) == counts


@pytest.mark.parametrize(
    ("text", "cut", "short"),
    [
        ("Ferrer beat Lund 6-4 to win the title.", "6", "6-4"),
        ("Ferrer beat Lund 6\u20134 to win the title.", "6", "6\u20134"),
        # A tiebreak or the sets after the first are not read on: news writes other tallies there too
        # ("won 2-1, 5-3 on aggregate", "Michigan (10-2, 7-2 Big Ten)").
        ("The Rovers won 2-1, 5-3 on aggregate.", "2", "2-1"),
    ],
)
def test_a_tally_cut_at_its_hyphen_or_dash_is_answered_whole(text, cut, short):
    """News writes a score with a hyphen or a dash; the tagger cuts it at the first number."""
    query = replace(parse("What was the score of the final?"), labels={"CARDINAL": 1.0})
    start = text.index(cut)
    assert reader.short_answer(query, text, [(start, start + len(cut), "CARDINAL")], 0) == short


def test_the_doer_weighs_1_whichever_entity_comes_first():
    """A sentence naming several people: the doer may come second."""
    text = "After Ann Lee faltered, Mia Ruiz won the Harbor Open."
    query = replace(parse("Who won the Harbor Open?"), labels={"PERSON": 0.6, "ORG": 0.3, "GPE": 0.1})
    entities = spans(text, ("Ann Lee", "PERSON"), ("Mia Ruiz", "PERSON"))
    assert reader.kind_weight(query, entities, text, 0, by_grammar=True) == 1.0


@pytest.mark.parametrize(
    ("text", "labelled", "expected"),
    [
        # The tagger runs the name into the score: the name is trimmed back and the score stands alone.
        (
            "Harbor FC beat Rovers 4-2 at the Arena.",
            (("Harbor FC", "ORG"), ("Rovers 4-2", "PERSON")),
            [("Harbor FC", "ORG"), ("Rovers", "PERSON"), ("4-2", "CARDINAL")],
        ),
        (
            "It was a 23\u201320 win for the Chiefs.",
            (("Chiefs", "ORG"),),
            [("23\u201320", "CARDINAL"), ("Chiefs", "ORG")],
        ),
        # Not scores: a range inside another figure, a season, a phone number, a date.
        ("The talks took 10-12 hours.", (("10-12 hours", "TIME"),), [("10-12 hours", "TIME")]),
        ("It was the 2018-19 season.", (("2018-19", "DATE"),), [("2018-19", "DATE")]),
        ("Call 555-1234 now.", (), []),
        # A result line: both names kept. A model's number is no score.
        (
            "Chelsea 1-0 Arsenal: Havertz scores.",
            (("Chelsea 1-0 Arsenal:", "ORG"),),
            [("Chelsea", "ORG"), ("1-0", "CARDINAL"), ("Arsenal", "ORG")],
        ),
        ("The Boeing 737-800 was diverted.", (("Boeing 737-800", "PRODUCT"),), [("Boeing 737-800", "PRODUCT")]),
        ("It flies A320-200 jets.", (), []),
        ("It opened on 12/10-11 in Oslo.", (("Oslo", "GPE"),), [("Oslo", "GPE")]),
    ],
)
def test_a_scoreline_is_a_figure_of_its_own(text, labelled, expected):
    """Sport writes a result as two scores joined by a dash, which the tagger misses or runs into a name."""
    found = reader.with_scorelines(text, spans(text, *labelled), 0)
    assert [(text[s:e], label) for s, e, label in found] == expected


def test_the_score_asked_is_the_scoreline():
    text = "Harbor FC beat Rovers 4-2 at the Arena on Sunday."
    entities = reader.with_scorelines(
        text, spans(text, ("Harbor FC", "ORG"), ("Rovers 4-2", "PERSON"), ("Sunday", "DATE")), 0
    )
    query = replace(parse("What was the score when Harbor FC played Rovers?"), labels={"CARDINAL": 0.6, "MONEY": 0.4})
    assert reader.short_answer(query, text, entities, 0) == "4-2"
    assert reader.short_answer(parse("Who did Harbor FC beat?"), text, entities, 0) == "Rovers"


@pytest.mark.parametrize(
    ("question", "text", "ordinal", "short"),
    [
        (
            "In how many consecutive games has Kai Moss scored?",
            "Kai Moss scored in his 14th consecutive game.",
            "14th",
            "14th",
        ),
        ("How many straight games have the Gulls won?", "The Gulls won their fifth straight game.", "fifth", "fifth"),
        (
            "How many games in a row have the Gulls won?",
            "The Gulls claimed their fifth successive win.",
            "fifth",
            "fifth",
        ),
        # No streak asked, or none told: an ordinal ranks, it does not count.
        ("How many games have the Gulls won?", "The Gulls won their fifth straight game.", "fifth", None),
        ("How many straight games have the Gulls won?", "The Gulls won their fifth game.", "fifth", None),
        ("How many straight games have the Gulls won?", "The Gulls suffered their third straight loss.", "third", None),
    ],
)
def test_a_streak_is_counted_by_its_latest_ordinal(question, text, ordinal, short):
    """News tells a run by its latest: "their fifth straight win" is a streak of five."""
    query = replace(parse(question), labels={"CARDINAL": 1.0})
    assert reader.short_answer(query, text, spans(text, (ordinal, "ORDINAL")), 0) == short
    assert reader.figureless(query, text, spans(text, (ordinal, "ORDINAL")), 0) is (short is None)
