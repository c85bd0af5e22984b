"""The phrase filling a question's gap (assistant/answer_phrase.py), on sentences written for these tests.

The phrases expected are read through spaCy's small English parse; another model may draw a phrase's edge
a word elsewhere, which is a change to look at, not necessarily a regression."""

from __future__ import annotations

import pytest

from assistant.answer_phrase import filler, gap, named_in_passing, wh_clause

BRIDGE = "The county board on Monday approved a plan to rebuild the Mill Street bridge, which closed in March."


@pytest.mark.parametrize(
    ("question", "sentence", "phrase"),
    [
        # The object of the question's verb is the object of the sentence's.
        ("What did the county board approve?", BRIDGE, "a plan to rebuild the Mill Street bridge"),
        ("what did the board approve on Monday?", BRIDGE, "a plan to rebuild the Mill Street bridge"),
        ("Which plan did the board approve?", BRIDGE, "a plan to rebuild the Mill Street bridge"),
        # A passive sentence holds the object as its subject.
        (
            "What did the board approve?",
            "A plan to rebuild the bridge was approved by the board.",
            "A plan to rebuild the bridge",
        ),
        # The subject of the question's verb, active or after "by".
        ("Who approved the plan?", "The plan was approved by the county board on Monday.", "the county board"),
        ("Who approved the plan?", "A divided county board approved the plan on Monday.", "A divided county board"),
        # What someone said is the clause they said it in, without its "that".
        (
            "What did Delgado say about the cost?",
            "Delgado said that the county would seek federal money.",
            "the county would seek federal money",
        ),
        # A preposition left at the question's end: what follows it after the same word in the sentence.
        (
            "What will engineers replace the deck with?",
            "Engineers will replace the deck with a lighter concrete design.",
            "a lighter concrete design",
        ),
        ("The county raised the toll to what?", "The county raised the toll to $4, the board said.", "$4"),
        ("In which month did the bridge close?", "The bridge closed in March after an inspection.", "March"),
        # A verb's particle is no preposition left without its object.
        ("What did the board set up?", "The board set up a task force on Monday.", "a task force"),
        # An abbreviation keeps its period.
        ("What did the county win?", "The county won a grant from the U.S.", "a grant from the U.S."),
        # A reason is the clause English marks a cause or a purpose with.
        (
            "Why was the bridge closed?",
            "The bridge was closed because inspectors found cracks in two beams.",
            "because inspectors found cracks in two beams",
        ),
        (
            "Why was the bridge closed?",
            "The bridge was closed because the U.S. agency had not replied.",
            "because the U.S. agency had not replied",
        ),
        # A question asks by its first wh-word: "why" inside it opens the clause asked about.
        (
            "Who explained why the bridge closed?",
            "The county engineer explained why the bridge closed.",
            "The county engineer",
        ),
        (
            "Why will the county borrow money?",
            "The county will borrow $2 million in order to finish the work by May.",
            "in order to finish the work by May",
        ),
        # Who someone is: the title news puts before a name, an apposition after it, what they are said to be.
        ("Who is Rosa Delgado?", "Board chair Rosa Delgado said the county would pay half.", "Board chair"),
        (
            "Who is Delgado?",
            "Rosa Delgado, the chair of the county board, voted for the plan.",
            "the chair of the county board",
        ),
        ("What is Rosa Delgado's title?", "County board chair Rosa Delgado backed the plan.", "County board chair"),
        ("Who is Delgado?", "Delgado is a civil engineer who chaired the board for six years.", "a civil engineer"),
        # A quotation mark whose partner the phrase's end cut off is left out.
        (
            "What did the board agree on Monday?",
            'The board on Monday agreed to hold "public hearings in the coming weeks," the clerk said.',
            "to hold public hearings in the coming weeks",
        ),
        # What a thing is said to be.
        (
            "What is the bridge's biggest problem?",
            "The bridge's biggest problem is the rust in its beams.",
            "the rust in its beams",
        ),
        # Of its subject, not of another "is" in the sentence.
        (
            "What is the bridge's biggest problem?",
            "The plan is popular, but the bridge's biggest problem is the rust in its beams.",
            "the rust in its beams",
        ),
    ],
)
def test_the_phrase_playing_the_wh_phrase_s_part_answers(question, sentence, phrase):
    assert filler(question, sentence) == phrase


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        # Only a pronoun, or only the question's own words, says nothing new.
        ("What did the board approve?", "The board approved it on Monday."),
        # No phrase plays the part: the sentence tells of another act.
        ("What did the board approve?", "The board met on Monday to discuss the bridge."),
        # A cause the sentence does not give.
        ("Why was the bridge closed?", "The bridge was closed in March."),
        # A yes/no question has no gap.
        ("Did the board approve the plan?", BRIDGE),
        # "Rather than" gives its reason before it, as the act chosen instead, which is no marked clause.
        ("Why did Delgado not run again?", "Delgado chose to retire rather than seek a third term."),
    ],
)
def test_no_phrase_answers_where_none_fills_the_gap(question, sentence):
    assert filler(question, sentence) is None


def test_a_phrase_too_long_to_be_short_is_left_to_the_cited_sentence():
    long = (
        "The board approved a plan to repair the old bridge over the river and to build a new path for walkers and"
        " cyclists beside it by the end of next year."
    )
    assert filler("What did the board approve?", long) is None


@pytest.mark.parametrize(
    ("question", "clause"),
    [
        ("According to the county, what did the board approve?", "what did the board approve?"),
        ("What did the board approve, according to the Courier?", "What did the board approve?"),
        ("In the Courier's story, what did the board approve, per its editor?", "what did the board approve?"),
        # A relative clause set off by commas is an aside, not the question's clause.
        (
            "Delgado, who chairs the board, voted for which plan?",
            "Delgado, who chairs the board, voted for which plan?",
        ),
    ],
)
def test_a_question_is_read_without_the_frame_set_off_by_commas(question, clause):
    assert wh_clause(question) == clause


def test_a_framed_question_has_the_gap_of_its_clause():
    assert gap("According to the county, what did the board approve?") == gap("What did the board approve?")
    assert gap("The county raised the toll to what, per the Courier?").preposition == "to"


@pytest.mark.parametrize(
    ("question", "sentence", "answer", "phrase"),
    [
        # A name modifying the common noun that did the act is not who did it.
        (
            "Who said the bridge would reopen in June?",
            "A senior Delgado administration official said the bridge would reopen in June.",
            "Delgado",
            "A senior Delgado administration official",
        ),
        (
            "Who approved the plan?",
            "The Harbor County board approved the plan.",
            "Harbor County",
            "The Harbor County board",
        ),
        # A name heading the phrase is who did it.
        ("Who approved the plan?", "Board chair Rosa Delgado approved the plan.", "Rosa Delgado", None),
        # A name outside the phrase is no modifier of it.
        ("Who approved the plan?", "The board approved the plan, Rosa Delgado said.", "Rosa Delgado", None),
    ],
)
def test_a_name_only_modifying_the_noun_that_fills_the_gap_gives_way_to_that_noun(question, sentence, answer, phrase):
    assert named_in_passing(question, sentence, answer) == phrase
