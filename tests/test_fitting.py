"""Fitting the reader (assistant/fitting.py): held-out questions are never scored by weights fitted on them."""

from __future__ import annotations

import random

from assistant import fitting, reader
from assistant.evaluation import Question


def example(number: int, answerable: bool = True) -> fitting.Example:
    """A question whose right chunk and sentence are told apart by their meaning, plus noise."""
    rng = random.Random(number)
    question = Question(f"q{number}", f"Question {number}?", answerable, "t", ["x"], ["x"], "all")
    e = fitting.Example(question, "set", answerable, True)
    for chunk in range(6):
        right = answerable and chunk == 0
        features = {name: rng.random() * 0.2 for name in reader.PASSAGE_FEATURES}
        features["dense"] = 0.8 if right else rng.random() * 0.5
        e.passages.append(features)
        e.passage_labels.append(right)
        e.passage_relevant.append(right)
        e.passage_sources.append(None)
        e.passage_dates.append(None)
        for sentence in range(3):
            # a row carries the ranker's features and those only the confidence model reads
            row = {name: rng.random() * 0.2 for name in reader.SENTENCE_FEATURES + reader.CONFIDENCE_FEATURES[3:]}
            row["meaning"] = 0.9 if right and sentence == 0 else rng.random() * 0.4
            e.sentences.append(fitting.SentenceRow(chunk, row, right and sentence == 0, None, f"a{chunk}"))
    return e


def test_cross_validation_never_scores_a_question_with_weights_fitted_on_it(monkeypatch):
    examples = [example(n, answerable=n % 5 != 0) for n in range(30)]
    trained_on: list[set[str]] = []
    real_fit = fitting.fit

    def spying_fit(training):
        trained_on.append({e.question.id for e in training})
        return real_fit(training)

    scored: list[str] = []
    real_outcome = fitting.outcome

    def spying_outcome(e, weights):
        assert e.question.id not in trained_on[-1]
        scored.append(e.question.id)
        return real_outcome(e, weights)

    monkeypatch.setattr(fitting, "fit", spying_fit)
    monkeypatch.setattr(fitting, "outcome", spying_outcome)
    fitting.cross_validate(examples, folds=5)
    assert sorted(scored) == sorted(e.question.id for e in examples) and len(trained_on) == 5


def test_models_fitted_on_a_clear_signal_find_it_on_held_out_questions():
    examples = [example(n, answerable=n % 5 != 0) for n in range(40)]
    table = fitting.summary(fitting.cross_validate(examples, folds=4))["set"]
    assert table["hit_at_5"] == 1.0 and table["accuracy"] >= 0.9
    assert table["hits_at_10"] == 1.0 and table["mrr_at_10"] >= 0.9


def test_cross_validated_figures_of_several_fold_orders_are_averaged():
    examples = [example(n, answerable=n % 5 != 0) for n in range(40)]
    orders = [fitting.summary(fitting.cross_validate(examples, folds=4, seed=seed)) for seed in range(3)]
    mean = fitting.averaged(orders)["set"]
    for key in ("accuracy", "abstention", "hit_at_5"):
        assert mean[key] == sum(order["set"][key] for order in orders) / 3
    # a figure a set has no questions for stays missing
    assert fitting.averaged([{"set": {"abstention": None}}, {"set": {"abstention": None}}])["set"]["abstention"] is None


def test_the_decline_threshold_lies_inside_the_best_range_not_at_its_edge():
    # (confidence, answered rightly, answerable): thresholds from 0.2 to 0.45 decline the unanswerable
    # question and answer both right answers; one at the edge (0.45) would decline the next right answer
    # just under it.
    outcomes = [(0.1, False, False), (0.2, False, True), (0.45, True, True), (0.8, True, True)]
    assert 0.2 < fitting._best_threshold(outcomes) < 0.45


def test_the_decline_threshold_keeps_clear_of_many_right_answers_to_decline_one_question():
    # Declining the unanswerable question at 0.29 would sit the threshold against four right answers, which a
    # little noise in their confidences would decline.
    outcomes = [(0.29, False, False), (0.30, True, True), (0.32, True, True), (0.34, True, True), (0.36, True, True)]
    assert fitting._best_threshold(outcomes) < 0.2


def test_a_flat_best_range_gives_its_middle_not_its_first_point():
    # Every threshold up to about 0.45 answers both right answers: the first of them, 0, would answer anything.
    outcomes = [(0.6, True, True), (0.7, True, True)]
    assert 0.15 < fitting._best_threshold(outcomes) < 0.45


def test_questions_the_rules_decline_do_not_set_the_decline_threshold():
    # Unanswerable questions that the rules decline whatever the reader's confidence, and whose candidates
    # look just like those of answerable ones, outnumbering them: counted, they would teach the threshold
    # to decline every answer.
    answerable = [example(n) for n in range(20)]
    declined = [example(n) for n in range(30)]
    for e in declined:
        e.answerable, e.declined = False, True
    weights = fitting.fit(answerable + declined)
    assert all(fitting.best_sentence(e, weights)[1] >= weights.threshold for e in answerable)


def test_a_verdict_model_whose_features_tell_nothing_answers_with_the_base_rate_and_follows_one_that_does():
    from assistant import verdicts

    rng = random.Random(7)

    def rows(count: int) -> list[dict[str, float]]:
        return [{name: rng.gauss(0, 1) for name in verdicts.VERDICT_FEATURES} for _ in range(count)]

    # Two in three of a hundred-odd questions are answered "yes", whatever their features say.
    noise = rows(120)
    labels = [rng.random() < 0.66 for _ in noise]
    model = fitting.fit_model(noise, labels, verdicts.VERDICT_FEATURES, [1.0] * len(noise), c=fitting.VERDICT_C)
    assert (model.probability(rows(300)) >= 0.5).mean() >= 0.97
    # Where negation decides the answer, the model follows it.
    told = rows(120)
    model = fitting.fit_model(
        told, [row["negation"] < 0 for row in told], verdicts.VERDICT_FEATURES, [1.0] * len(told), c=fitting.VERDICT_C
    )
    fresh = rows(300)
    assert ((model.probability(fresh) >= 0.5) == [row["negation"] < 0 for row in fresh]).mean() >= 0.85
