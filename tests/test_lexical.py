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
