"""Fitting the reader's two models on question sets, and reporting them honestly.

    assistant fit [--shared ../shared] [--folds 5]

For every question of the dev sets (seed-dev on the default corpus, rgb-dev on
rgb-news, news-dev and multihop-dev on multihop-news; corpora are ingested into
the data dir when missing), the retriever's candidate chunks are described by
their features and labelled by whether they hold the question's evidence, and
every sentence of them by whether it holds an expected answer. A yes/no
question (verdicts.py) teaches the verdict model instead: no sentence states
its answer.

Then, by grouped cross-validation (a question is never scored by weights
fitted on it): fit the passage model on the training questions' chunks, rank
every question's chunks with it, fit the sentence model on the training
questions' sentences of their top chunks, choose the decline threshold that
answers the training questions best, and score the held-out questions. The
figures printed side by side are the cross-validated ones and the ones the
final weights (fitted on everything) score on their own training data; a large
gap would mean the models memorise. The final weights are written to
`reader_weights.json`.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from . import reader, verdicts
from .answerers.extractive import unheard
from .chain import Assistant
from .evaluation import Question, found, load_questions, paper_relevant
from .question import Query, mentions
from .reader import across_articles, answer_entities, consensus
from .retrieval import pick, to_document

TOP = 5  # chunks handed to the reader (Settings.retrieval_k)
PAPER_K = 10  # chunks MultiHop-RAG's retrieval metrics read


@dataclass(frozen=True)
class DevSet:
    questions: str  # file in shared/eval
    corpus: str
    source: str | None  # corpus file in shared/data, ingested when the corpus is missing


DEV_SETS = [
    DevSet("seed-dev.jsonl", "default", None),
    DevSet("rgb-dev.jsonl", "rgb-news", "rgb-news/corpus.jsonl"),
    DevSet("news-dev.jsonl", "multihop-news", "multihop-news/corpus.jsonl"),
    DevSet("multihop-dev.jsonl", "multihop-news", "multihop-news/corpus.jsonl"),
]


@dataclass
class SentenceRow:
    chunk: int  # index into the example's passages
    features: dict[str, float]
    label: bool
    key: str | None
    article: str
    source: str | None = None


@dataclass
class Example:
    """One question with its candidate chunks and their sentences, described and labelled."""

    question: Question
    dev_set: str
    answerable: bool
    teaches_sentences: bool
    passages: list[dict[str, float]] = field(default_factory=list)
    passage_labels: list[bool] = field(default_factory=list)
    passage_relevant: list[bool] = field(default_factory=list)  # by MultiHop-RAG's definition
    passage_sources: list[str | None] = field(default_factory=list)
    passage_articles: list[str] = field(default_factory=list)
    passage_dates: list[str | None] = field(default_factory=list)
    sentences: list[SentenceRow] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    verdict: bool | None = None  # for a yes/no question: whether the answer is yes
    consensus: bool = False  # a question of a kind asked across articles (reader.consensus answers it)
    passage_entities: list[list[tuple[str, str, str]]] = field(default_factory=list)
    query: Query | None = None
    declined: bool = False  # declined before any model is asked (the answerer's rules: nothing named, absent
    # names, a person asked about who speaks in no passage)

    @property
    def asks_verdict(self) -> bool:
        return self.verdict is not None

    @property
    def thresholded(self) -> bool:
        """Whether the decline threshold decides the question: not one the rules decline, nor one answered
        by consensus or by a verdict (see `outcome`)."""
        return not (self.declined or self.consensus or self.asks_verdict)


def collect(
    assistant: Assistant, dev: DevSet, questions: list[Question], progress: Callable[[], None]
) -> list[Example]:
    retriever = assistant.retriever(dev.corpus)
    answerer = assistant.answerer("extractive")
    corpus = assistant.store.corpus(dev.corpus)
    examples = []
    for question in questions:
        passages = retriever.candidates(question.question)
        expected = {e.lower() for e in question.expect_any}
        verdict = "yes" in expected if verdicts.asks_verdict(question.question) and expected & {"yes", "no"} else None
        # A yes/no question teaches the verdict model; any other teaches the sentence models.
        example = Example(question, dev.questions, question.answerable, verdict is None)
        example.verdict = verdict
        example.outlets = corpus.outlets_in(question.question)
        within = corpus.within([p.chunk for p in passages])
        # A document's rank is the passage's index here: the fold's passage model ranks them afresh.
        documents = [to_document(passage, index) for index, passage in enumerate(passages)]
        query = answerer.read(question.question, documents, corpus, within)
        example.query = query
        example.consensus = query.typed and across_articles(question.question, example.outlets)
        example.passage_entities = [
            answer_entities(query, within.entities[p.chunk.id], p.chunk.text, p.chunk.start) for p in passages
        ]
        example.declined = not mentions(query, corpus, [p.chunk.text for p in passages])
        candidates = answerer.candidates(query, documents, within)
        if candidates:
            answerer.describe(query, candidates, documents, corpus, within)
            example.declined = example.declined or unheard(query, candidates, within, documents)
        expected = [e.lower() for e in question.expect_any]
        for passage in passages:
            example.passages.append(passage.features)
            example.passage_sources.append(passage.article.source)
            example.passage_articles.append(passage.article.id)
            example.passage_dates.append(passage.article.date)
            example.passage_relevant.append(
                question.answerable and paper_relevant(question.evidence, passage.chunk.text)
            )
            example.passage_labels.append(
                question.answerable
                and bool(question.evidence)
                and found(question.evidence, "any", [passage.chunk.text])
            )
        for candidate in candidates:
            example.sentences.append(
                SentenceRow(
                    chunk=candidate.rank,
                    features=candidate.features,
                    label=question.answerable and any(e in candidate.text.lower() for e in expected),
                    key=candidate.key,
                    article=candidate.article_id,
                    source=example.passage_sources[candidate.rank],
                )
            )
        examples.append(example)
        progress(len(examples), len(questions))
    return examples


# The verdict model learns from the hundred-odd yes/no questions of multihop-dev, where its features barely
# tell "yes" from "no"; held close to the base rate, it leaves it only for a feature that earns the weight.
# Chosen by cross-validation over 12 fold orders among 0.003, 0.01, 0.03 and the other models' 0.5: the
# first three score alike (multihop 0.611-0.613 against 0.599). Choosing C inside each training fold
# (sklearn's LogisticRegressionCV, on accuracy) scored 0.602: a hundred questions are too few to choose on.
VERDICT_C = 0.03


def fit_model(
    rows: list[dict[str, float]], labels: list[bool], names: list[str], weights: list[float], c: float = 0.5
) -> reader.Model:
    from sklearn.linear_model import LogisticRegression

    x = np.array([[row[name] for name in names] for row in rows], dtype=np.float64)
    y = np.array(labels, dtype=int)
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    weight = np.array(weights) * len(weights) / sum(weights)  # mean 1, so C means what it says
    model = LogisticRegression(C=c, max_iter=2000).fit((x - mean) / scale, y, sample_weight=weight)
    return reader.Model(names, mean.tolist(), scale.tolist(), model.coef_[0].tolist(), float(model.intercept_[0]))


def rank_passages(example: Example, model: reader.Model) -> tuple[list[int], np.ndarray]:
    scores = model.probability(example.passages)
    return [int(i) for i in np.argsort(-scores, kind="stable")], scores


def top_sentences(example: Example, model: reader.Model) -> list[SentenceRow]:
    """The sentences of the example's top chunks under `model`, with the features that depend on that ranking."""
    order, scores = rank_passages(example, model)
    position = {chunk: rank for rank, chunk in enumerate(pick(order, example.passage_sources, example.outlets, TOP))}
    rows = [row for row in example.sentences if row.chunk in position]
    agreement = reader.agreement([r.key for r in rows], [r.article for r in rows])
    shown = []
    for row, value in zip(rows, agreement, strict=True):
        features = {
            **row.features,
            "passage": float(scores[row.chunk]),
            "rank": 1.0 / (1 + position[row.chunk]),
            "agreement": value,
        }
        shown.append(SentenceRow(row.chunk, features, row.label, row.key, row.article, row.source))
    return shown


@dataclass
class Outcome:
    dev_set: str
    kind: str  # the question's type, where its set gives one
    answerable: bool
    hit: bool | None  # evidence among the top chunks (None: no evidence to find)
    correct: bool  # answered rightly, or declined rightly
    reciprocal_rank: float | None = None  # 1 / rank of the first relevant chunk of the first ten, 0 if none


def best_sentence(example: Example, weights: reader.Weights) -> tuple[SentenceRow | None, float]:
    """The sentence the reader would answer with, and its confidence."""
    rows = top_sentences(example, weights.passage)
    if not rows:
        return None, 0.0
    order, confidence = reader.ranked(weights.sentence, [r.features for r in rows])
    best = rows[order[0]]
    if _ruled_out(example, best):
        return best, 0.0  # declined by rule, as the answerer does
    return best, float(weights.confidence.probability([confidence])[0])


def _ruled_out(example: Example, best: SentenceRow) -> bool:
    """Whether the answerer's rules decline this best sentence (reader.ruled_out); an example made without a
    question's reading (tests) has no such rule."""
    return example.query is not None and reader.ruled_out(best.features)


def verdict_row(example: Example, passage: reader.Model, sentence: reader.Model) -> dict[str, float]:
    """The verdict model's features for a yes/no question, under the fold's passage and sentence models."""
    order, _ = rank_passages(example, passage)
    rows = top_sentences(example, passage)
    scores = sentence.score([r.features for r in rows]) if rows else []
    claims = [(float(s), r.features, r.source, r.article) for s, r in zip(scores, rows, strict=True)]
    dates: dict[str, str | None] = {}
    for i in pick(order, example.passage_sources, example.outlets, TOP):
        dates.setdefault(example.passage_sources[i], example.passage_dates[i])
    return verdicts.features(example.question.question, example.outlets, claims, dates)


def outcome(example: Example, weights: reader.Weights) -> Outcome:
    """How the reader, under `weights`, does on the example: retrieval (hit@5, and the reciprocal rank in
    MultiHop-RAG's Hits@10 / MRR@10 sense) and its answer."""
    order, scores = rank_passages(example, weights.passage)
    top = pick(order, example.passage_sources, example.outlets, TOP)
    hit = reciprocal = None
    if example.question.evidence and example.answerable:
        hit = any(example.passage_labels[i] for i in top)
        ten = pick(order, example.passage_sources, example.outlets, PAPER_K)
        first = next((rank for rank, i in enumerate(ten, start=1) if example.passage_relevant[i]), None)
        reciprocal = 1 / first if first else 0.0

    def scored(correct: bool) -> Outcome:
        return Outcome(example.dev_set, example.question.type, example.answerable, hit, bool(correct), reciprocal)

    if example.declined:
        return scored(not example.answerable)
    if example.consensus and not example.asks_verdict:
        agreed = consensus(
            example.query, [(example.passage_articles[i], float(scores[i]), example.passage_entities[i]) for i in top]
        )
        expected = [e.lower() for e in example.question.expect_any]
        said = agreed[0].lower() if agreed else ""
        right = bool(said) and any(e in said for e in expected)  # as evaluation.correct reads a short answer
        return scored(right if example.answerable else not agreed)
    if example.asks_verdict:
        features = verdict_row(example, weights.passage, weights.sentence)
        return scored((weights.verdict.probability([features])[0] >= 0.5) == example.verdict)
    best, confidence = best_sentence(example, weights)
    answered = best is not None and confidence >= weights.threshold
    return scored((answered and best.label) if example.answerable else not answered)


def fit_ranker(groups: list[list[SentenceRow]], weights: list[float], names: list[str]) -> reader.Model:
    """A linear score fitted as a softmax over each question's sentences (those with an answer among them)."""
    from scipy.optimize import minimize

    kept = [(rows, weight) for rows, weight in zip(groups, weights, strict=True) if any(r.label for r in rows)]
    x_all = np.array([[r.features[n] for n in names] for rows, _ in kept for r in rows], dtype=np.float64)
    mean, scale = x_all.mean(axis=0), x_all.std(axis=0)
    scale[scale == 0] = 1.0
    data = [
        (
            (np.array([[r.features[n] for n in names] for r in rows]) - mean) / scale,
            np.array([r.label for r in rows], dtype=np.float64),
            weight,
        )
        for rows, weight in kept
    ]
    total = sum(weight for _, _, weight in data)

    def loss(coef: np.ndarray) -> tuple[float, np.ndarray]:
        value, gradient = 0.5 * RIDGE * coef @ coef, RIDGE * coef
        for x, y, weight in data:
            z = x @ coef
            p = np.exp(z - z.max())
            p /= p.sum()
            target = y / y.sum()
            value -= weight / total * float(target @ np.log(p + 1e-12))
            gradient -= weight / total * (x.T @ (target - p))
        return value, gradient

    coef = minimize(loss, np.zeros(len(names)), jac=True, method="L-BFGS-B").x
    return reader.Model(names, mean.tolist(), scale.tolist(), coef.tolist(), 0.0)


def _undecided(names: list[str]) -> reader.Model:
    """A model that says nothing: every row gets probability 0.5."""
    return reader.Model(names, [0.0] * len(names), [1.0] * len(names), [0.0] * len(names), 0.0)


def _balance(examples: list[Example], rows: list[int]) -> list[float]:
    """Row weights giving every dev set the same say, and within it every question the same say.

    Without them the largest set, or a question with many candidates, would set the weights for all."""
    sets = {e.dev_set for e in examples}
    per_set = {name: sum(e.dev_set == name for e in examples) for name in sets}
    return [
        1.0 / (len(sets) * per_set[e.dev_set] * max(count, 1))
        for e, count in zip(examples, rows, strict=True)
        for _ in range(count)
    ]


# The L2 penalty of the ranker, on standardised features. Chosen by cross-validation over 12 fold orders among
# 0.003, 0.01, 0.03, 0.1 and 0.3: 0.03 scored best or within 0.004 of best on every dev set (news-dev 0.715
# against 0.703 at 0.01, rgb-dev 0.677 against 0.675); 0.3 cost rgb-dev 0.04 and news-dev 0.02.
RIDGE = 0.03


def fit(examples: list[Example]) -> reader.Weights:
    passage = fit_model(
        [p for e in examples for p in e.passages],
        [label for e in examples for label in e.passage_labels],
        reader.PASSAGE_FEATURES,
        _balance(examples, [len(e.passages) for e in examples]),
    )
    taught = [e for e in examples if e.teaches_sentences]
    shown = [top_sentences(e, passage) for e in taught]
    per_question = _balance(taught, [1] * len(taught))
    sentence = fit_ranker(shown, per_question, reader.SENTENCE_FEATURES)
    tops = _held_out_tops(taught, shown, per_question)
    confidence = fit_model(
        [top.features for top in tops],
        [top.right for top in tops],
        reader.CONFIDENCE_FEATURES,
        [top.weight for top in tops],
    )
    asked = [e for e in examples if e.asks_verdict]
    verdict = (
        fit_model(
            [verdict_row(e, passage, sentence) for e in asked],
            [bool(e.verdict) for e in asked],
            verdicts.VERDICT_FEATURES,
            [1.0] * len(asked),
            c=VERDICT_C,
        )
        if {bool(e.verdict) for e in asked} == {True, False}
        else _undecided(verdicts.VERDICT_FEATURES)  # nothing to learn a verdict from
    )
    # The threshold is chosen on the questions it decides. It was once chosen on all of them: 30 of the dev
    # sets' 50 unanswerable questions, which the rules decline anyway, counted as needing a decline, and
    # the threshold rose (0.27 on average over the folds against 0.12) to decline answers that were right.
    decided = [top for top in tops if top.thresholded]
    probabilities = confidence.probability([top.features for top in decided]) if decided else []
    threshold = _best_threshold(
        [(float(p), top.right, top.answerable) for p, top in zip(probabilities, decided, strict=True)]
    )
    return reader.Weights(
        passage=passage, sentence=sentence, confidence=confidence, verdict=verdict, threshold=threshold
    )


INNER_FOLDS = 5


@dataclass
class Top:
    """A question's best sentence as a ranker fitted without that question sees it."""

    features: dict[str, float]  # its confidence features
    right: bool  # whether it answers the question rightly
    answerable: bool
    thresholded: bool  # whether the decline threshold decides the question (Example.thresholded)
    weight: float  # the question's weight (_balance)


def _held_out_tops(taught: list[Example], shown: list[list[SentenceRow]], per_question: list[float]) -> list[Top]:
    """Each question's best sentence as a ranker fitted without that question sees it.

    The confidence model and the decline threshold learn from these, not from the ranker's scores on its
    own training questions, which are higher than any new question's: fitted on those, they trusted
    scores unseen questions never reach and declined answers that were right."""
    order = list(range(len(taught)))
    random.Random(1).shuffle(order)
    tops: list[Top] = []
    for fold in range(INNER_FOLDS):
        held = {i for position, i in enumerate(order) if position % INNER_FOLDS == fold}
        rest = [i for i in range(len(taught)) if i not in held]
        ranker = fit_ranker([shown[i] for i in rest], [per_question[i] for i in rest], reader.SENTENCE_FEATURES)
        for i in sorted(held):
            if shown[i]:
                best, features = reader.ranked(ranker, [r.features for r in shown[i]])
                example = taught[i]
                right = example.answerable and shown[i][best[0]].label
                # A rule declines some answers (reader.ruled_out): the threshold does not decide them.
                decided = example.thresholded and not _ruled_out(example, shown[i][best[0]])
                tops.append(Top(features, right, example.answerable, decided, per_question[i]))
    return tops


# How much one question's confidence moves between models fitted on different questions: the median, over
# the dev questions, of its standard deviation across cross-validation folds and fold orders (0.060; 0.066
# for those with confidences near the threshold).
CONFIDENCE_SPREAD = 0.06
# How many questions' worth below the best expected count a threshold may fall and still be among the best.
PLATEAU = 0.5


def _best_threshold(outcomes: list[tuple[float, bool, bool]]) -> float:
    """The decline threshold answering most questions rightly (rightly answered, or declined if unanswerable),
    from each question's (confidence, answered rightly, answerable).

    A confidence is not exact: the same question scores about CONFIDENCE_SPREAD higher or lower under a model
    fitted on other questions. So the count of right outcomes is taken in expectation, each confidence
    spread normally by that much. The count itself is a step function with long flat runs, where a small
    change to the training questions moved the chosen threshold from 0.26 to 0.15; its expectation is
    smooth, and it keeps the threshold away from where a little noise would flip many answers. Even so the
    expectation is often flat within a question over a wide range (0.05 to 0.20 on the dev sets), where its
    highest point moves with any small change to the questions collected (two fits on the same data chose
    0.16 and 0.21): the threshold is the middle of the thresholds within PLATEAU questions of the best."""
    from scipy.special import ndtr

    confidences = np.array([c for c, _, _ in outcomes], dtype=float)
    right = np.array([r for _, r, _ in outcomes], dtype=bool)
    answerable = np.array([a for _, _, a in outcomes], dtype=bool)
    candidates = np.linspace(0.0, 1.0, 401)  # 0 too: declining nothing may answer the most rightly
    answered = ndtr((confidences[None, :] - candidates[:, None]) / CONFIDENCE_SPREAD)
    expected = np.where(answerable, answered * right, 1.0 - answered).sum(axis=1)
    near = candidates[expected >= expected.max() - PLATEAU]
    return float(np.median(near))


def cross_validate(examples: list[Example], folds: int, seed: int = 0) -> list[Outcome]:
    order = list(range(len(examples)))
    random.Random(seed).shuffle(order)
    outcomes = []
    for fold in range(folds):
        held = {i for position, i in enumerate(order) if position % folds == fold}
        weights = fit([e for i, e in enumerate(examples) if i not in held])
        outcomes += [outcome(examples[i], weights) for i in sorted(held)]
    return outcomes


def summary(outcomes: list[Outcome]) -> dict[str, dict[str, float | None]]:
    table: dict[str, dict[str, float | None]] = {}
    groups = {name: [o for o in outcomes if o.dev_set == name] for name in sorted({o.dev_set for o in outcomes})}
    for outcome_ in outcomes:  # a set whose questions have types is also shown type by type
        if outcome_.kind not in ("answerable", "unanswerable"):
            groups.setdefault(f"{outcome_.dev_set} {outcome_.kind}", []).append(outcome_)
    for name, group in groups.items():
        answerable = [o for o in group if o.answerable]
        unanswerable = [o for o in group if not o.answerable]
        hits = [o.hit for o in answerable if o.hit is not None]
        reciprocal = [o.reciprocal_rank for o in answerable if o.reciprocal_rank is not None]
        table[name] = {
            "questions": len(group),
            "hit_at_5": _share(hits),
            "hits_at_10": _share([r > 0 for r in reciprocal]),
            "mrr_at_10": sum(reciprocal) / len(reciprocal) if reciprocal else None,
            "accuracy": _share([o.correct for o in answerable]),
            "abstention": _share([o.correct for o in unanswerable]),
        }
    return table


def _share(flags: list[bool]) -> float | None:
    return sum(flags) / len(flags) if flags else None


def report(cross: dict, fitted: dict) -> str:
    lines = [
        "| dev set | n | hit@5 CV / fitted | Hits@10 CV / fitted | MRR@10 CV / fitted "
        "| accuracy CV / fitted | abstention CV / fitted |",
        "|---|---|---|---|---|---|---|",
    ]
    keys = ("hit_at_5", "hits_at_10", "mrr_at_10", "accuracy", "abstention")
    for name in cross:
        c, f = cross[name], fitted[name]
        cells = [f"{_fmt(c[key])} / {_fmt(f[key])}" for key in keys]
        lines.append(f"| {name} | {c['questions']} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def averaged(tables: list[dict[str, dict[str, float | None]]]) -> dict[str, dict[str, float | None]]:
    """Summaries of several cross-validations (one per fold order) averaged figure by figure: which questions
    share a fold moves a figure by about 0.03 on sets of this size, more than most changes to the reader."""
    result: dict[str, dict[str, float | None]] = {}
    for name, first in tables[0].items():
        result[name] = {}
        for key in first:
            values = [table[name][key] for table in tables if table[name][key] is not None]
            if len(set(values)) == 1:  # the same in every order, as the count of questions is
                result[name][key] = values[0]
            else:
                result[name][key] = sum(values) / len(values) if values else None
    return result


def run(
    assistant: Assistant,
    shared: Path,
    folds: int,
    out: Path,
    progress: Callable[[str, int, int], None],
    orders: int = 1,
) -> str:
    examples: list[Example] = []
    for dev in DEV_SETS:
        if not assistant.store.exists(dev.corpus):
            if dev.source is None:
                assistant.ensure_default_corpus(progress)
            else:
                assistant.ingest(shared / "data" / dev.source, dev.corpus, progress)
        questions = load_questions(shared / "eval" / dev.questions)
        step = f"reading {dev.questions}"
        examples += collect(assistant, dev, questions, lambda done, total, step=step: progress(step, done, total))
    cross = averaged([summary(cross_validate(examples, folds, seed)) for seed in range(orders)])
    weights = fit(examples)
    weights.fitted_on = {dev.questions: sum(e.dev_set == dev.questions for e in examples) for dev in DEV_SETS}
    fitted = summary([outcome(e, weights) for e in examples])
    weights.fitted_on["cross_validated"] = cross
    weights.save(out)
    reader.weights.cache_clear()
    return report(cross, fitted)
