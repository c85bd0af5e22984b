"""The question's words as retrieval and the reader weigh them (retrieval.wanted_terms)."""

from __future__ import annotations

from assistant.question import parse
from assistant.retrieval import wanted_terms


def test_a_hyphenated_pair_the_coverage_never_joins_asks_for_each_word(seeded):
    """The Kyodo article writes "Sullivan and Wang", never "Sullivan-Wang"."""
    corpus = seeded.store.corpus("default")
    for question in ("Who briefed reporters on the Sullivan-Wang talks?", "who briefed on the sullivan-wang talks"):
        wanted = wanted_terms(parse(question), corpus)
        assert wanted["sullivan"] > 0 and wanted["wang"] > 0
        assert "sullivan_wang" not in wanted


def test_words_are_weighted_by_rarity_and_an_unused_one_weighs_nothing(seeded):
    corpus = seeded.store.corpus("default")
    wanted = wanted_terms(parse("What did Blinken say about the Taiwan Strait and the zebras?"), corpus)
    assert wanted["strait"] > wanted["blinken"] > 0
    assert wanted["zebra"] == 0.0
