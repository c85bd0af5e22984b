"""Terms, and the words news makes from a place's name (assistant/lexical.py)."""

from __future__ import annotations

import pytest

from assistant.lexical import holds, terms


@pytest.mark.parametrize(
    ("place", "text"),
    [
        ("China", "Chinese Vice President Han Zheng"),
        ("South Korea", "her South Korean counterpart"),
        ("Japan", "Japanese troops"),
        ("Israel", "Israeli officials"),
        ("Italy", "the Italian navy"),
        ("Germany", "German envoys"),
        ("Ukraine", "Ukrainian grain"),
        ("Mexico", "Mexican exports"),
    ],
)
def test_a_place_is_stated_by_the_word_for_its_people(place, text):
    assert all(holds(term, set(terms(text))) for term in terms(place))


def test_a_name_is_not_stated_by_a_longer_word_that_merely_begins_like_it():
    assert not holds("wang", set(terms("Wangari Maathai planted trees")))
    assert not holds("korea", set(terms("Koreshan State Park")))


@pytest.mark.parametrize(
    ("dotted", "plain"),
    [
        ("the U.S. Open", "the US Open"),
        ("U.K. regulators", "UK regulators"),
        ("Sino-U.S. ties", "Sino-US ties"),
        ("author J.K. Rowling", "author JK Rowling"),
        ("talks at the U.N.", "talks at the un"),
    ],
)
def test_an_initialism_is_one_term_with_its_dots_or_without(dotted, plain):
    assert terms(dotted) == terms(plain)


@pytest.mark.parametrize("text", ["$3.5 million", "St.Louis", "version 2.1.4", "example.com"])
def test_dots_between_more_than_single_letters_stay(text):
    assert terms(text) != terms(text.replace(".", ""))
