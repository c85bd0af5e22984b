"""What retrieval weighs: the question's words (retrieval.wanted_terms) and the outlet it names."""

from __future__ import annotations

from assistant.question import parse
from assistant.retrieval import wanted_terms

from .conftest import ingest_rows


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


def test_an_irregular_verb_asked_in_a_form_the_coverage_never_writes_weighs_as_the_form_it_does(seeded):
    """The article writes "sat down" and "met"; questions ask where they "sit down", when they "meet"."""
    corpus = seeded.store.corpus("default")
    asked = wanted_terms(parse("Where did Blinken and Han sit down?"), corpus)
    written = wanted_terms(parse("Where did Blinken and Han sat down?"), corpus)
    assert asked["sit"] == written["sat"] > asked["blinken"]
    assert wanted_terms(parse("Where did they sit on a zebra?"), corpus)["zebra"] == 0.0


def test_an_outlet_named_by_its_publication_alone_is_the_outlet_asked_about(assistant, tmp_path):
    """Feeds name a section after the publication ("The Roar | Sports Writers Blog"); readers name the
    publication ("according to The Roar")."""
    text = "The harbor board delayed the berth 4 dredging on Tuesday after a crane failed."
    rows = [
        {"id": "roar", "source": "Harbor Times | City Desk", "title": "Dredging delayed", "text": text},
        {"id": "coast", "source": "Coast Daily", "title": "Berth 4 dredging delayed", "text": text},
    ]
    ingest_rows(assistant, tmp_path, "harbor", rows)
    retriever = assistant.retriever("harbor")
    for question, named in [
        ("According to the Harbor Times, why was the dredging delayed?", "Harbor Times | City Desk"),
        ("why was the dredging delayed, per coast daily?", "Coast Daily"),
    ]:
        outlet = {p.article.source: p.features["outlet"] for p in retriever.candidates(question)}
        assert outlet == {source: float(source == named) for source in outlet} and len(outlet) == 2
