"""The default answerer: answers with the coverage's own sentences, each cited.

Every sentence of the retrieved chunks is scored against the question: by
meaning (embedding similarity), by the rarer words they share (IDF-weighted
overlap), and by what the question asks for (question.py): an entity of the
wanted kind, the year asked, the speaker or role asked about. The best sentence
is the answer. It declines, citing nothing, when the question names nothing (only
stopwords) or something the corpus never mentions, when the best sentence lacks the kind of answer asked
for or does not state the year asked, when no passage names the role asked
about ("who is the president of …"), or when no sentence is close enough.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from langchain_core.documents import Document

from ..answer import Answer, sources_for
from ..citations import cite
from ..embeddings import SentenceEmbeddings
from ..lexical import bm25_idf, terms
from ..question import (
    Query,
    analyze,
    answers_in,
    constraint_fit,
    holds_former,
    mentions,
    names_role,
    speaker_fits,
)
from ..settings import Settings
from ..store import Corpus
from ..text import Span
from . import register

# Words that frame a question about coverage rather than say what it is about.
FRAMING = frozenset(terms("say said says tell told think thought mention mentioned report reported according happen"))

# Sentence score weights and the abstention threshold; tuned with `assistant eval` on the dev sets.
W_MEANING = 0.45  # cosine similarity of question and sentence
W_WORDS = 0.35  # IDF-weighted share of the question's words the sentence uses
W_KIND = 0.35  # holds an entity of the kind asked for; missing it costs as much
W_FIT = 0.25  # states the year/ordinal asked (+), or only others (-)
W_SPEAKER = 0.3  # reports speech by the person asked about
W_ROLE = 0.2  # names the role asked about ("Mayor Tom Reyes" for "who is the mayor")
W_RANK = 0.05  # retrieval rank of its chunk
QUESTION_LIKE = 0.3  # a sentence that is itself a question rarely answers one
MIN_SCORE = 0.3
MAX_SENTENCES = 2  # the best sentence and one from another article
CORROBORATION_MARGIN = 0.1  # how far below the best score another article's sentence may be


@dataclass
class Candidate:
    article_id: str
    chunk_id: str
    span: Span
    text: str
    rank: int
    chunk_text: str
    vector: np.ndarray  # stored at ingest (analysis.py)
    score: float = 0.0
    answers: list[str] = field(default_factory=list)  # possible answers it holds (question.answers_in)
    fit: int = 0


@register("extractive")
def create(settings: Settings, embeddings: SentenceEmbeddings) -> ExtractiveAnswerer:
    return ExtractiveAnswerer(embeddings)


class ExtractiveAnswerer:
    name = "extractive"

    def __init__(self, embeddings: SentenceEmbeddings) -> None:
        self.embeddings = embeddings

    def answer(self, question: str, documents: list[Document], corpus: Corpus) -> Answer:
        query = analyze(question)
        candidates = self._candidates(documents, corpus)
        # A question naming nothing ("Who is it?") has nothing to match a passage against.
        named = [term for term in terms(question) if term not in FRAMING]
        if not candidates or not named or not mentions(query, corpus):
            return self._decline(question, corpus)
        self._score(query, candidates, corpus)
        # "the former president" does not answer "who is the president"
        current = [c for c in candidates if not holds_former(query, c.text)]
        ranked = sorted(current, key=lambda c: c.score, reverse=True)
        if not ranked or not self._acceptable(ranked[0], query):
            return self._decline(question, corpus)  # the closest sentence is not an answer: nothing is
        ranked = [c for c in ranked if self._acceptable(c, query)]
        if not any(names_role(query, c.chunk_text) for c in ranked):
            return self._decline(question, corpus)  # no passage speaks of the role asked about
        answer = ""
        if query.answer_types:
            # Near-duplicate coverage repeats the right answer: the answer most sentences back wins, and
            # its best sentence is cited. Sentences that do not contradict the year asked back an answer
            # even if they do not state it.
            answer = _vote([c for c in current if c.fit >= 0])
            # Sentences stating the answer in full first, then those naming part of it ("Barty", "Sept. 18").
            ranked = sorted(ranked, key=lambda c: (answer not in c.answers, not _supports(c, answer)))
        if ranked[0].score < MIN_SCORE:
            return self._decline(question, corpus)
        best = ranked[0]
        chosen = [best]
        for candidate in ranked[1:]:
            # Another article saying nearly as well what was asked (the same answer, if one was voted)
            # is cited beside the best one.
            if len(chosen) == MAX_SENTENCES or candidate.score < best.score - CORROBORATION_MARGIN:
                continue
            agrees = not query.answer_types or _supports(candidate, answer)
            if agrees and candidate.article_id not in {c.article_id for c in chosen}:
                chosen.append(candidate)
        citations = [
            cite(corpus, candidate.article_id, candidate.chunk_id, candidate.span, marker=number)
            for number, candidate in enumerate(chosen, start=1)
        ]
        return Answer(
            question=question,
            text=" ".join(f"{citation.quote} [{citation.marker}]" for citation in citations),
            citations=citations,
            sources=sources_for(citations),
            answered=True,
            corpus=corpus.name,
            answerer=self.name,
        )

    @staticmethod
    def _acceptable(candidate: Candidate, query: Query) -> bool:
        """Holds the kind of answer asked for, and states the year/ordinal asked (not merely no other)."""
        stated = candidate.fit > 0 if query.constraints else True
        return stated and (bool(candidate.answers) or not query.answer_types)

    def _decline(self, question: str, corpus: Corpus) -> Answer:
        return Answer.declined(question, corpus.name, self.name)

    def _candidates(self, documents: list[Document], corpus: Corpus) -> list[Candidate]:
        seen: set[tuple[str, int]] = set()
        texts: dict[str, str] = {}
        candidates = []
        for rank, document in enumerate(documents):
            article_id = document.metadata["article_id"]
            if article_id not in texts:
                article = corpus.article(article_id)
                if article is None:  # removed since it was retrieved
                    continue
                texts[article_id] = article.text
            start, end = document.metadata["start"], document.metadata["end"]
            for span, vector in corpus.sentences(article_id, start, end):
                if (article_id, span.start) not in seen:
                    seen.add((article_id, span.start))
                    candidates.append(
                        Candidate(
                            article_id,
                            document.metadata["chunk_id"],
                            span,
                            span.of(texts[article_id]),
                            rank,
                            document.page_content,
                            vector,
                        )
                    )
        return candidates

    def _score(self, query: Query, candidates: list[Candidate], corpus: Corpus) -> None:
        frequencies = {term: corpus.document_frequency(term) for term in terms(query.text) if term not in FRAMING}
        chunks = corpus.chunk_count()
        wanted = {term: bm25_idf(chunks, frequency) for term, frequency in frequencies.items()}
        total = sum(wanted.values()) or 1.0
        question = self.embeddings.encode([query.text])[0]
        for candidate in candidates:
            similarity = float(candidate.vector @ question)
            span = candidate.span
            speaker = speaker_fits(query, corpus.speakers(candidate.article_id, span.start, span.end))
            present = set(terms(candidate.text))
            if speaker:  # '"…," he said' names the speaker as surely as the name itself
                present |= set(terms(query.speaker or ""))
            overlap = sum(weight for term, weight in wanted.items() if term in present) / total
            entities = corpus.entities(candidate.article_id, span.start, span.end)
            candidate.answers = answers_in(query, entities, candidate.text, span.start)
            # The sentence's own years speak first; the passage's only when the sentence names none.
            candidate.fit = constraint_fit(query, candidate.text) or constraint_fit(query, candidate.chunk_text)
            candidate.score = (
                W_MEANING * similarity
                + W_WORDS * overlap
                + (W_KIND * (1 if candidate.answers else -1) if query.answer_types else 0.0)
                + W_FIT * candidate.fit
                + W_SPEAKER * speaker
                + W_ROLE * (query.role is not None and names_role(query, candidate.text))
                + W_RANK / (1 + candidate.rank)
                - QUESTION_LIKE * candidate.text.rstrip().endswith("?")
            )


def _part_of(short: str, answer: str) -> bool:
    """Whether a possible answer names part of another: "barty" of "ashleigh barty", "september 18" of a full date."""
    return short == answer or set(short.split()) < set(answer.split())


def _supports(candidate: Candidate, answer: str) -> bool:
    return any(_part_of(a, answer) for a in candidate.answers)


def _vote(ranked: list[Candidate]) -> str:
    """The possible answer with the most support across articles.

    Each article backs each answer it holds with its best sentence's score (spread thin over a
    list), so near-duplicate reports
    that repeat the right answer outvote a single sentence, while one article alone changes nothing.
    A part of an answer counts for the fullest answer containing it ("barty" -> "ashleigh barty").
    """
    keys = list(dict.fromkeys(answer for candidate in ranked for answer in candidate.answers))  # best first
    fuller = {key: max((other for other in keys if _part_of(key, other)), key=len) for key in keys}
    support: dict[tuple[str, str], float] = {}
    for candidate in ranked:
        answers = {fuller[answer] for answer in candidate.answers}
        if not answers:
            continue
        # A sentence naming one or two possible answers backs each fully; a list spreads its support.
        weight = max(candidate.score, 0.0) / max(1, len(answers) - 1)
        for answer in answers:
            key = (answer, candidate.article_id)
            support[key] = max(support.get(key, 0.0), weight)
    votes: dict[str, float] = {}
    for (answer, _), score in support.items():
        votes[answer] = votes.get(answer, 0.0) + score
    return max(votes, key=votes.get)
