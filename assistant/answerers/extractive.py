"""The default answerer: answers with the coverage's own sentences, each cited, and the phrase that answers.

Every sentence of the retrieved chunks is described by general features
(reader.py) and scored by the fitted sentence model. The best sentence is the
answer when the confidence model says it answers at all (over the fitted
threshold); another article's sentence giving the same answer is cited beside it, and beside a report of
what someone said in the reporter's words, their own quoted words (their_quote). The short answer is the
phrase of the best sentence that answers (reader.short_answer), or those quoted words; where no named thing
or quotation answers, the phrase filling the question's gap (answer_phrase.filler).

Only sentences that may answer are scored: none from a passage about other
years than those asked (question.answerable_in_years) or another division of a contest
(question.of_the_division_asked), for "who is the X"
only those whose passage says X (question.names_role), for when, where or by whom something was
done none unless some passage of an article naming what the question names speaks of that event
(question.names_event, _about_what_is_named), no photo caption for a question about
anything but the moment it shows (question.beyond_the_picture), and for what a person
said, once some passage reports them speaking, none that is not their words
(question.not_their_words). It declines, citing nothing, when the question
names nothing (only stopwords) or a proper name the coverage never uses (it
cannot hold the answer), when it asks what a person said and none of the
passages found reports them speaking, when no sentence may answer, or when the
best is not likely enough to answer.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np
from langchain_core.documents import Document

from .. import answer_phrase, reader, verdicts
from ..answer import Answer, sources_for
from ..citations import cite
from ..embeddings import SentenceEmbeddings
from ..lexical import terms
from ..question import (
    CLEAR_KIND,
    QUOTATION_MARK,
    Query,
    analyze,
    answerable_in_years,
    beyond_the_picture,
    mentions,
    names_event,
    names_role,
    names_topic,
    not_their_words,
    of_the_division_asked,
    of_the_instalment_asked,
    of_the_period_asked,
    speaker_fits,
    spells,
    titled_speaker,
    unmentioned,
)
from ..retrieval import wanted_terms
from ..settings import Settings
from ..store import Corpus, Within
from ..text import Span
from . import Answerer, register

MAX_SENTENCES = 2  # the best sentence and one from another article giving the same answer
CORROBORATION_DEPTH = 5  # how far down the ranking a backing sentence may be
CONSENSUS_CITATIONS = 3  # articles cited for an answer several of them give
QUOTE_REACH = 3  # sentences between a paraphrase of someone's words and their quotation (their_quote)


@dataclass
class Candidate:
    article_id: str
    chunk_id: str
    span: Span
    text: str
    rank: int
    chunk_text: str
    vector: np.ndarray  # stored at ingest (analysis.py)
    after: str  # the rest of its chunk
    chunk_start: int = 0  # its chunk's offset in the article
    date: str | None = None  # its article's
    entities: list[tuple[int, int, str]] = field(default_factory=list)
    features: dict[str, float] = field(default_factory=dict)
    answer: str | None = None  # the short answer it gives
    label: str = ""  # the entity label of that answer ("" if none)
    key: str | None = None  # that answer, spelt one way (question.answer_key)


def describe_claim(citation) -> str:
    """'TechCrunch, 2023-10-12' (what is known of where and when a claim was made)."""
    return ", ".join(part for part in (citation.source, citation.date) if part) or citation.title


def never_mentioned(names: list[str], corpus: Corpus) -> str | None:
    """Why a question naming what the coverage never mentions is declined, offering the names the coverage
    spells most like them, where one is close enough to be a slip of the keyboard: the reader can ask again."""
    if not names:
        return None
    quoted = [f"\u201c{name}\u201d" for name in names]
    close = [f"\u201c{spelt}\u201d" for name in names if (spelt := corpus.closest_name(name))]
    return f"The coverage never mentions {' or '.join(quoted)}." + (
        f" Did you mean {' or '.join(close)}?" if close else ""
    )


def _about_what_is_named(query: Query, documents: list[Document]) -> list[Document]:
    """The documents from articles where some document found names what the question names (all of them
    when none does, or the question names nothing): the event asked about is that of the people and things
    named, and another article's "earned" is not Solberg's doctorate. A whole article counts, as its other
    passages speak of them by pronoun or title, and a person is named by surname after the first mention
    ("Pichai received a total of $6.3 million", asked about Sundar Pichai: `_by_surname`)."""
    if not query.names:
        return documents
    named = {
        d.metadata["article_id"]
        for d in documents
        if reader.share_present(query.names, set(terms(d.page_content)))
        or any(_by_surname(query, name, d.page_content) for name in query.names)
    }
    return [d for d in documents if d.metadata["article_id"] in named] or documents


def _by_surname(query: Query, name: str, text: str) -> bool:
    """Whether a text names someone the question names in full by their surname alone: the name is a person's
    of two or three words in the question's parse, and the text writes its last word standing alone ("Pichai
    received …", not "Cook County" for Tim Cook)."""
    words = name.split()
    if not 1 < len(words) <= 3 or not _a_person_in(query, name):
        return False
    return re.search(rf"\b{re.escape(words[-1])}\b(?!\s+[A-Z])", text) is not None


def _a_person_in(query: Query, name: str) -> bool:
    """Whether the tagger read `name` as a person where the question writes it (Query.people)."""
    at = query.text.find(name)
    return at >= 0 and any(start <= at < end for start, end in query.people)


# A sentence opening with a personal pronoun ("He's based at …", "Her lab found …").
_PRONOUN_FIRST = re.compile(r"\W*(?:he|she|his|her)\b", re.IGNORECASE)


def _of_someone_else(query: Query, candidate: Candidate, within: Within) -> bool:
    """Whether a sentence opening with a personal pronoun speaks of someone the question does not name: news
    names a person, then goes on about them as "he" or "she", so the pronoun stands for the people the
    sentence before names. Where that sentence names people and none of them is asked about, "He's based at
    Columbia University" tells where another laureate works, not the one asked about."""
    if not query.proper_names or not _PRONOUN_FIRST.match(candidate.text):
        return False
    before = _sentence_before(candidate, within)
    if before is None:
        return False
    offset = candidate.chunk_start
    people = [
        candidate.chunk_text[start - offset : end - offset]
        for start, end, label in within.entities_of(candidate.chunk_id, before.start, before.end)
        if label == "PERSON"
    ]
    asked = set(terms(" ".join(query.proper_names)))
    return bool(people) and all(asked.isdisjoint(terms(person)) for person in people)


@register("extractive")
def create(settings: Settings, embeddings: SentenceEmbeddings) -> ExtractiveAnswerer:
    return ExtractiveAnswerer(embeddings)


class ExtractiveAnswerer(Answerer):
    name = "extractive"

    def __init__(self, embeddings: SentenceEmbeddings) -> None:
        self.embeddings = embeddings

    def stream(self, question: str, documents: list[Document], corpus: Corpus) -> Iterator[str | Answer]:
        """The answer exists whole before it is shown: word-sized pieces of it, then the answer, so that every
        surface renders answers alike whichever backend produced them."""
        answer = self.answer(question, documents, corpus)
        yield from re.findall(r"\S+\s*", answer.body)
        yield answer

    def answer(self, question: str, documents: list[Document], corpus: Corpus) -> Answer:
        """Read the answer from the documents' sentences (no stream needed)."""
        within = corpus.within(list(corpus.chunks([d.metadata["chunk_id"] for d in documents]).values()))
        query = self.read(question, documents, corpus, within)
        candidates = self.candidates(query, documents, within)
        passages = [d.page_content for d in documents]
        if not candidates or not mentions(query, corpus, passages):
            return self._decline(question, corpus, never_mentioned(unmentioned(query, corpus, passages), corpus))
        self.describe(query, candidates, documents, corpus, within)
        if unheard(query, candidates, within, documents):
            return self._decline(question, corpus)
        weights = reader.weights()
        if verdicts.asks_verdict(question):
            return self._verdict(question, candidates, documents, corpus, weights)
        if query.typed and reader.across_articles(question, corpus.outlets_in(question)):
            return self._consensus(question, query, candidates, documents, corpus, weights, within)
        order, confidence = reader.ranked(weights.sentence, [c.features for c in candidates])
        if weights.confidence.probability([confidence])[0] < weights.threshold or reader.ruled_out(
            candidates[order[0]].features
        ):
            return self._decline(question, corpus)
        ranked = [candidates[i] for i in order]
        best = ranked[0]
        if query.asks_doer and not query.asks_who_spoke:
            # Who did it is its sentence's subject, not its object: told apart by a parse, of this one sentence.
            _answer_from(query, best, reader.by_the_doer(best.entities, best.text, best.span.start))
        chosen = [best]
        for candidate in ranked[1:CORROBORATION_DEPTH]:
            # Another article giving the same answer backs it up; with no short answer, none can be compared.
            if len(chosen) < MAX_SENTENCES and best.key and candidate.key == best.key:
                if candidate.article_id != best.article_id:
                    chosen.append(candidate)
        quoted = their_quote(query, ranked, within)
        if quoted is not None:
            chosen.append(quoted)
        going_on = quote_going_on(query, quoted or best, candidates)
        if going_on is not None:
            chosen.append(going_on)
        people = (  # read only if the answer is a lone surname
            c.text[start - c.span.start : end - c.span.start]
            for c in candidates
            if c.article_id == best.article_id
            for start, end, label in c.entities
            if label == "PERSON"
        )
        short_answer = quoted.answer if quoted is not None else reader.shown(best.answer, best.text, people, best.label)
        if quoted is None and best.answer and query.wh in ("who", "whom"):
            # Who did it may be a noun a name only modifies: "a senior Biden administration official".
            short_answer = answer_phrase.named_in_passing(query.text, best.text, best.answer) or short_answer
        if going_on is not None and _speaks_of_the_topic_only_after(query, quoted or best, going_on):
            short_answer = going_on.answer  # what they said of the topic asked, not the words before it
        if short_answer is None:  # no named thing or quotation answers: the phrase filling the question's gap
            short_answer = answer_phrase.filler(query.text, best.text)
        return self._answered(question, short_answer, chosen, corpus, per_claim=False)

    def read(self, question: str, documents: list[Document], corpus: Corpus, within: Within) -> Query:
        """The question as the answerer reads it: its analysis, with a speaker it asks about by title read as
        the person the documents give that title (question.titled_speaker). A yes/no question asks what the
        coverage says, not what a person did."""
        query = analyze(question, corpus, self.embeddings)
        if verdicts.asks_verdict(question):
            return query
        chunks = [d.metadata["chunk_id"] for d in documents if d.metadata["chunk_id"] in within.spoken]
        texts = {d.metadata["chunk_id"]: d.page_content for d in documents}
        return titled_speaker(query, [(texts[chunk], within.speakers(chunk)) for chunk in chunks], corpus)

    def _consensus(
        self,
        question: str,
        query: Query,
        candidates: list[Candidate],
        documents: list[Document],
        corpus: Corpus,
        weights,
        within: Within,
    ) -> Answer:
        """The answer the articles found agree on (reader.consensus), cited once per article that gives it."""
        agreed = reader.consensus(
            query,
            [
                (
                    d.metadata["article_id"],
                    d.metadata.get("passage", 0.0),
                    reader.answer_entities(
                        query, within.entities[d.metadata["chunk_id"]], d.page_content, d.metadata["start"]
                    ),
                )
                for d in documents
                if d.metadata["chunk_id"] in within.entities
            ],
        )
        if agreed is None:
            return self._decline(question, corpus)
        surface, keys = agreed
        scores = weights.sentence.score([c.features for c in candidates])
        giving = [
            (float(score), c)
            for score, c in zip(scores, candidates, strict=True)
            if any(k in keys for k, _, _ in reader.answer_entities(query, c.entities, c.text, c.span.start))
        ]
        chosen: list[Candidate] = []
        for _, candidate in sorted(giving, key=lambda pair: pair[0], reverse=True):
            if candidate.article_id not in {c.article_id for c in chosen} and len(chosen) < CONSENSUS_CITATIONS:
                chosen.append(candidate)
        if not chosen:  # no sentence that may answer gives it: nothing to cite
            return self._decline(question, corpus)
        return self._answered(question, surface, chosen, corpus, per_claim=True)

    def _verdict(
        self,
        question: str,
        candidates: list[Candidate],
        documents: list[Document],
        corpus: Corpus,
        weights: reader.Weights,
    ) -> Answer:
        """Yes or no, from the fitted verdict model; each claim cited by its outlet's best sentence."""
        outlets = corpus.outlets_in(question)
        sources = {d.metadata["article_id"]: d.metadata.get("source") for d in documents}
        dates = {d.metadata.get("source"): d.metadata.get("date") for d in reversed(documents)}
        scores = weights.sentence.score([c.features for c in candidates])
        rows = [
            (float(s), c.features, sources.get(c.article_id), c.article_id)
            for s, c in zip(scores, candidates, strict=True)
        ]
        yes = weights.verdict.probability([verdicts.features(question, outlets, rows, dates)])[0] >= 0.5
        picked = [candidates[i] for i in verdicts.claims(outlets, rows)]
        return self._answered(question, "Yes" if yes else "No", picked, corpus, per_claim=True)

    def _answered(
        self, question: str, short_answer: str | None, chosen: list[Candidate], corpus: Corpus, per_claim: bool
    ) -> Answer:
        """The answer citing the chosen sentences in order; `per_claim` puts each one's outlet and date first,
        as an answer resting on several articles' claims needs."""
        citations = [
            cite(corpus, c.article_id, c.chunk_id, c.span, marker=number) for number, c in enumerate(chosen, start=1)
        ]
        lines = [
            f"{describe_claim(citation)}: {citation.quote} [{citation.marker}]"
            if per_claim
            else f"{citation.quote} [{citation.marker}]"
            for citation in citations
        ]
        return Answer(
            question=question,
            short_answer=short_answer,
            text=" ".join(lines),
            citations=citations,
            sources=sources_for(citations),
            answered=True,
            corpus=corpus.name,
            answerer=self.name,
        )

    def _decline(self, question: str, corpus: Corpus, note: str | None = None) -> Answer:
        return Answer.declined(question, corpus.name, self.name, note)

    def candidates(self, query: Query, documents: list[Document], within: Within) -> list[Candidate]:
        """The sentences of the documents that may answer the question (see the module docstring); `within`
        holds what lies in the documents' chunks (Corpus.within)."""
        # Words that are not theirs are left out only where the person asked about speaks in the passages: then
        # the question names them, where "what did the president say" may name by a role whoever speaks.
        heard = any(speaker_fits(query, within.speakers(d.metadata["chunk_id"])) for d in documents)
        about = _about_what_is_named(query, documents)
        if not any(names_event(query, d.page_content) for d in about):
            return []
        return [
            c
            for c in _sentences(documents, within)
            if answerable_in_years(query, c.text, c.chunk_text, c.date)
            and of_the_instalment_asked(query, c.text, c.chunk_text)
            and of_the_period_asked(query, c.text)
            and of_the_division_asked(query, c.text)
            and names_role(query, c.chunk_text)
            and (not query.asks_who_spoke or bool(within.speakers(c.chunk_id, c.span.start, c.span.end)))
            and not beyond_the_picture(query, c.text, c.after)
            and not _of_someone_else(query, c, within)
            and not (
                heard
                and not_their_words(
                    query, c.text, within.speakers(c.chunk_id, c.span.start, c.span.end), within.speakers(c.chunk_id)
                )
            )
        ]

    def describe(
        self, query: Query, candidates: list[Candidate], documents: list[Document], corpus: Corpus, within: Within
    ) -> None:
        """Every candidate's features (reader.SENTENCE_FEATURES), its short answer and that answer's key."""
        # A word the corpus never uses (weighed 0) is missing from every sentence alike: it tells none apart.
        # Except an acronym the passages spell out: news writes "Asia-Pacific Economic Cooperation" where a
        # reader asks "APEC". It is the question's name for what it asks about, weighted as its rarest word.
        wanted = {term: weight for term, weight in wanted_terms(query, corpus).items() if weight}
        spelt = _spelt_acronyms(query, corpus, [d.page_content for d in documents])
        rarest = max(wanted.values(), default=1.0)
        wanted |= {term: rarest for term in spelt.values()}
        question = np.asarray(self.embeddings.embed_query(query.text), dtype=np.float32)
        passages = {d.metadata["chunk_id"]: d.metadata.get("passage", 0.0) for d in documents}
        context = corpus.chunk_terms(list({c.chunk_id for c in candidates}))
        if spelt:
            texts = {c.chunk_id: c.chunk_text for c in candidates}
            context = {chunk: frozenset(words) | _spelt_in(spelt, texts[chunk]) for chunk, words in context.items()}
        # A wh-word's kind is sure ("when" asks for a date); a noun's is read from its meaning and the coverage,
        # and the small tagger misses some kinds (a film's title) more often than others. It misses people
        # least of all: a noun plainly asking for a person ("which official") is as sure as "who".
        by_noun = (
            query.wh in ("what", "which") and query.head is not None and query.labels.get("PERSON", 0.0) < CLEAR_KIND
        )
        for candidate in candidates:
            span = candidate.span
            present = set(terms(candidate.text)) | _spelt_in(spelt, candidate.text)
            tagged = reader.with_scorelines(
                candidate.text, within.entities_of(candidate.chunk_id, span.start, span.end), span.start
            )
            candidate.entities = tagged + reader.apposed(query, candidate.text, tagged, span.start)
            speakers = within.speakers(candidate.chunk_id, span.start, span.end)
            answering = candidate.entities
            if query.asks_who_spoke:  # who said it is whom the sentence reports speaking
                answering = reader.speaking(candidate.entities, speakers, candidate.text, span.start) or answering
            _answer_from(query, candidate, answering)
            candidate.features = {
                "meaning": float(candidate.vector @ question),
                "passage": passages.get(candidate.chunk_id, 0.0),
                "rank": 1.0 / (1 + candidate.rank),
                "words": reader.weighted_overlap(wanted, present - reader.name_words_unnamed(query, candidate.text)),
                "context_words": reader.weighted_overlap(wanted, context[candidate.chunk_id]),
                "names": reader.share_present(query.names, present),
                "context_names": reader.share_present(query.names, context[candidate.chunk_id]),
                "speaker_near": float(speaker_fits(query, within.speakers(candidate.chunk_id))),
                "specific": reader.specificity(candidate.key, candidate.label),
                "page_date": float(reader.page_date(candidate.answer, candidate.text)),
                "lead": 1.0 / (1 + within.position(candidate.chunk_id, span.start)),
                "absent": reader.absent(wanted, present | context[candidate.chunk_id]),
                **reader.year_features(query, candidate.text, candidate.date, candidate.chunk_text),
                "year_unconfirmed": float(reader.year_unconfirmed(query, candidate.chunk_text, candidate.date)),
                "dayless": float(reader.dayless(query, candidate.key, candidate.label)),
                **reader.sentence_features(query, candidate.text, candidate.entities, span.start, speakers),
            }
            missing = query.typed and candidate.features["kind"] == 0.0
            candidate.features["kind_missing"] = float(missing and not by_noun)
            candidate.features["kind_missing_noun"] = float(missing and by_noun)
            candidate.features["speaker_missing"] = float(
                bool(query.speaker) and candidate.features["speaker_near"] == 0.0
            )
        agreement = reader.agreement([c.key for c in candidates], [c.article_id for c in candidates])
        for candidate, value in zip(candidates, agreement, strict=True):
            candidate.features["agreement"] = value


def _answer_from(query: Query, candidate: Candidate, answering: list[tuple[int, int, str]]) -> None:
    """Set the candidate's short answer, from the `answering` entities, its label and its key."""
    start = candidate.span.start
    candidate.answer = reader.short_answer(query, candidate.text, answering, start)
    candidate.label = reader.label_of(candidate.answer, candidate.entities, candidate.text, start)
    candidate.key = reader.key_of(candidate.answer, candidate.label)


def their_quote(query: Query, ranked: list[Candidate], within: Within) -> Candidate | None:
    """For what a person said, answered by a sentence reporting it in the reporter's words: the best-ranked
    sentence of the same article quoting that person beside a report of their words, if any.

    News reports speech twice: a paraphrase with the attribution ("… says Matthew Bergman, the lead
    attorney") and, in the same or the next paragraph, the speaker's own words ("'It's the world's largest
    open-air drug market,' he said"). The paraphrase is often the better match for the question's words,
    yet a reader asking what someone said or how they described something wants the words themselves; the
    paraphrase, cited first, says who spoke and of what. A quotation is taken only within QUOTE_REACH
    sentences of a paraphrase of the same speaker: there it carries a statement the reporter thought worth
    reporting, where a quotation standing alone is as often colour (a greeting, a scene set)."""
    best = ranked[0]
    if not query.asks_speech or QUOTATION_MARK.search(best.text):
        return None
    theirs = [
        (c, within.position(c.chunk_id, c.span.start))
        for c in ranked
        if c.article_id == best.article_id and c.features["speaker"]
    ]
    reported = [at for c, at in theirs if not QUOTATION_MARK.search(c.text)]
    return next(
        (c for c, at in theirs if c.answer and any(0 < abs(at - other) <= QUOTE_REACH for other in reported)), None
    )


# A sentence opening a quotation: its first mark comes before any word.
_OPENS_A_QUOTE = re.compile(r"\s*[\"\u201c]")


def quote_going_on(query: Query, quoting: Candidate, candidates: list[Candidate]) -> Candidate | None:
    """For what a person said, the sentence after the quotation that answers when it goes on with more of
    their words. News attributes a quotation of several sentences once, after its first (`"It is a
    well-conducted study," Haddad said. "But it's observational."`): the next sentence opening a quotation
    continues the same speaker, often with the point the question asks about."""
    if not query.asks_speech or not QUOTATION_MARK.search(quoting.text):
        return None
    following = [
        c
        for c in candidates
        if c.chunk_id == quoting.chunk_id
        and c.span.start >= quoting.span.end
        and "\n\n" not in c.chunk_text[quoting.span.end - c.chunk_start : c.span.start - c.chunk_start]
    ]
    after = min(following, key=lambda c: c.span.start, default=None)
    return after if after is not None and _OPENS_A_QUOTE.match(after.text) else None


def _sentences(documents: list[Document], within: Within) -> list[Candidate]:
    """Every sentence of the documents' chunks once (a chunk removed since it was found has none)."""
    seen: set[tuple[str, int]] = set()
    candidates = []
    for document in documents:
        article_id, start = document.metadata["article_id"], document.metadata["start"]
        for span, vector in within.sentences.get(document.metadata["chunk_id"], []):
            if (article_id, span.start) not in seen:
                seen.add((article_id, span.start))
                candidates.append(
                    Candidate(
                        article_id=article_id,
                        chunk_id=document.metadata["chunk_id"],
                        span=span,
                        text=document.page_content[span.start - start : span.end - start],
                        rank=document.metadata.get("rank", 0),
                        chunk_text=document.page_content,
                        vector=vector,
                        after=document.page_content[span.end - start :],
                        chunk_start=start,
                        date=document.metadata.get("date"),
                    )
                )
    return candidates


def unheard(query: Query, candidates: list[Candidate], within: Within, documents: list[Document]) -> bool:
    """Whether the question asks what a person said and no passage found reports them speaking (described
    candidates): what someone said is known only where the coverage reports them saying it, so a passage
    that merely names them ("Biden hopes to meet Xi") cannot answer "what did Xi say". A yes/no question
    ("does the article suggest …") asks what the coverage says, not a person. Asked what they said about
    something named (Query.topic), a passage must report them speaking of it (`_unspoken_of`), of those found
    (`documents`)."""
    if not (query.asks_speech and query.speaker_named) or verdicts.asks_verdict(query.text):
        return False
    return not any(c.features["speaker_near"] for c in candidates) or _unspoken_of(query, candidates, within, documents)


def _unspoken_of(query: Query, candidates: list[Candidate], within: Within, documents: list[Document]) -> bool:
    """Whether the question asks what the person said about something it names (Query.topic: "What did Han
    say about Taiwan?") and no sentence reporting their words (described candidates), nor the sentence before
    it, names it. Their words on something else are not what they said of it, however well the rest of the
    question matches; news names what a statement is about in it or just before it ("Asked about Taiwan, Han
    said …", "On the Riverside Arena, she was blunt. '…'"). The sentence after starts the next point as often
    as it goes on with this one, unless it goes on with their quotation (`quote_going_on`).

    The names in the topic are looked for (`_named_topic`). A topic in common nouns is often said in other
    words ("the study's weakness": "But it only observes"; a reporter's "inflation slowed" beside a central
    banker's "price pressures eased"), so it is looked for only where the coverage reports someone else
    speaking of it in its words (`_spoken_of_by_another`: "emerging technologies such as artificial
    intelligence, according to the official"): then the one asked about, whose words never name it, is not
    reported saying anything of it."""
    topic = _named_topic(query)
    if not topic and query.topic and _spoken_of_by_another(query, query.topic, documents, within):
        topic = query.topic
    return bool(topic) and not any(
        names_topic(topic, _with_the_one_before(c, within))
        or ((going_on := quote_going_on(query, c, candidates)) is not None and names_topic(topic, going_on.text))
        for c in candidates
        if c.features["speaker"]
    )


def _speaks_of_the_topic_only_after(query: Query, quoting: Candidate, going_on: Candidate) -> bool:
    """Whether the quotation going on names the topic asked (Query.topic's names) and the one it continues does
    not: "… hamper home sales," Yun said. "The Federal Reserve simply cannot keep raising rates." answers what
    he said about the Federal Reserve with its second sentence."""
    topic = _named_topic(query)
    return bool(topic) and names_topic(topic, going_on.text) and not names_topic(topic, quoting.text)


def _spoken_of_by_another(query: Query, topic: str, documents: list[Document], within: Within) -> bool:
    """Whether a sentence of the documents names the topic and reports someone other than the one asked about
    speaking (Within.speakers)."""
    for sentence in _sentences(documents, within):
        speakers = within.speakers(sentence.chunk_id, sentence.span.start, sentence.span.end)
        if speakers and not speaker_fits(query, speakers) and names_topic(topic, sentence.text):
            return True
    return False


def _named_topic(query: Query) -> str:
    """The names in what a reporting verb is asked about (Query.topic): a name is written as it is, where a
    common noun is often said in other words ("the study's weakness": "But it only observes")."""
    named = {term for name in query.names for term in terms(name)}
    return " ".join(word for word in (query.topic or "").split() if set(terms(word)) & named)


def _with_the_one_before(candidate: Candidate, within: Within) -> str:
    """A candidate's sentence with the sentence before it in its chunk."""
    before = _sentence_before(candidate, within)
    start = before.start if before else candidate.span.start
    return candidate.chunk_text[start - candidate.chunk_start : candidate.span.end - candidate.chunk_start]


def _sentence_before(candidate: Candidate, within: Within) -> Span | None:
    """The sentence before a candidate's in its chunk, if any."""
    before = [span for span, _ in within.sentences.get(candidate.chunk_id, []) if span.end <= candidate.span.start]
    return before[-1] if before else None


def _spelt_acronyms(query: Query, corpus: Corpus, passages: list[str]) -> dict[str, str]:
    """The question's acronyms the corpus never writes but the passages spell out, each with its term."""
    return {
        name: term
        for name in query.proper_names
        for term in terms(name)[:1]
        if not corpus.document_frequency(term) and any(spells(name, text) for text in passages)
    }


def _spelt_in(spelt: dict[str, str], text: str) -> set[str]:
    """The terms of the acronyms (from `_spelt_acronyms`) that `text` spells out."""
    return {term for name, term in spelt.items() if spells(name, text)}
