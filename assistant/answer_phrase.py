"""The phrase of an answering sentence that fills the question's gap, where no named thing answers it.

A wh-question is a statement with a gap where its wh-phrase stands: "What did Blinken emphasize?" is
"Blinken emphasized ___". The sentence that answers says the same thing with the gap filled, so the filler
plays in the sentence the part the wh-phrase plays in the question: the object of the same verb, its
subject, the object of the same preposition after the same word ("an illegal monopoly over ___"). Read from
the two parses, not from word lists. Three kinds of question have no such slot and are read by what English
answers them with: "Why …?" by the clause a cause or purpose is given in ("because …", reader.reason_clause);
"Who is X?" and "What is X's title?" by how the text describes X: a title before the name ("Vice President
Han Zheng"), an apposition after it ("Jean-Claude Blanc, the CEO of Ineos Sport") or what it is said to be.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from .annotate import SPEECH_VERBS
from .question import parsed
from .reader import reason_clause
from .verdicts import PREPOSITIONS, asks_at_the_end, unframed

if TYPE_CHECKING:
    from spacy.tokens import Token

# The longest phrase given as a short answer, one a reader takes in at a glance: a longer filler is most
# often a clause, which the cited sentence, shown beside it, gives whole.
MOST_WORDS = 16

_WH_WORDS = frozenset("what which who whom whose why".split())
# Dependencies by which a clause or a phrase hangs off a noun to say more of it ("the bridge, which closed in
# March"; "Delgado, the chair"): the filler is the noun. A clause completing the noun stays ("a plan to rebuild").
_DESCRIBING = frozenset({"relcl", "appos"})
_OBJECTS = ("dobj", "nsubjpass", "ccomp", "xcomp", "oprd")
_SUBJECTS = ("nsubj", "csubj")


@dataclass(frozen=True)
class Gap:
    """Where a question's wh-phrase stands: its `part` ("object", "subject", "after" a preposition, "reason"
    or "description") of `verb` (a lemma), the `preposition` it follows and the word before that (`before`,
    lemma), the `subject` (lemma) of an "is" whose other side it is, and for a description the `named` thing
    described. `asked`: the lemmas of the question's own content words, which tell nothing new in an answer."""

    part: str
    verb: str | None = None
    preposition: str | None = None
    before: str | None = None
    subject: str | None = None
    named: tuple[str, ...] = ()
    asked: frozenset[str] = frozenset()


@lru_cache(maxsize=1024)
def gap(question: str) -> Gap | None:
    """Where the question's wh-phrase stands, from its parse; None for a question with none (yes/no)."""
    document = parsed(wh_clause(unframed(question)))
    asked = frozenset(t.lemma_.lower() for t in document if t.is_alpha and not t.is_stop)
    found = _gap_in(document)
    return replace(found, asked=asked) if found is not None else None


def _gap_in(document) -> Gap | None:
    asking = [token for token in document if token.lower_ in _WH_WORDS]
    if not asking:
        return None
    # The question asks by its first wh-word ("Who explained why it closed?" asks who), a quiz by the one
    # ending it, after any relative clause's ("The bridge, which …, is in what?").
    wh = asking[-1] if asks_at_the_end(document.text) else asking[0]
    if wh.lower_ == "why":
        return Gap("reason")
    phrase = wh.head if wh.dep_ in ("det", "poss") and wh.head.i != wh.i else wh
    # A preposition left at the question's end has lost its object to the wh-word ("What does Google hold a
    # monopoly over?"), however the tagger reads it there; a verb's particle has none to lose ("set up").
    stranded = next(
        (
            token
            for token in document
            if token.i > phrase.i
            and token.lower_ in PREPOSITIONS
            and token.dep_ != "prt"
            and not any(child.dep_ in ("pobj", "pcomp") for child in token.children)
            and (token.i + 1 == len(document) or document[token.i + 1].is_punct)
        ),
        None,
    )
    if stranded is not None:
        return Gap("after", preposition=stranded.lower_, before=_lemma_before(document, stranded.i))
    if phrase.dep_ in ("pobj", "pcomp") and phrase.head.i != phrase.i:
        preposition = phrase.head
        before = _lemma_before(document, preposition.i)
        return Gap("after", verb=preposition.head.lemma_.lower(), preposition=preposition.lower_, before=before)
    verb = phrase.head
    if verb.lemma_ == "be":
        return _described(verb, phrase)
    if phrase.dep_ in _OBJECTS or phrase.dep_ == "attr":  # "What did they name it?" may parse so
        return Gap("object", verb=verb.lemma_.lower())
    if phrase.dep_ in _SUBJECTS:
        return Gap("subject", verb=verb.lemma_.lower())
    return None


# A comma-set segment opening with a wh-word, perhaps after its preposition ("in what direction …").
_OPENS_WITH_WH = re.compile(
    rf"^(?:(?:{'|'.join(sorted(PREPOSITIONS))})\s+)?(?:what|which|who|whom|whose|why)\b", re.IGNORECASE
)
# A clause describing the noun before it opens with a relative pronoun ("Kamikawa, who was due to …, is …").
_RELATIVE = re.compile(r"^(?:who|whom|whose|which)\b", re.IGNORECASE)
# Who a question's answer is according to, set off after it: "…, according to TechCrunch?", "…, per Polygon?"
_ATTRIBUTION = re.compile(r"^(?:according\s+to|per|as\s+(?:reported|told|said)\s+by|citing)\b", re.IGNORECASE)


def wh_clause(question: str) -> str:
    """The clause a question asks in, without what frames it set off by commas: a phrase before its wh-word
    ("According to the State Department, what …", "In Quiz Lady, what …") and an attribution after it
    ("…, per Polygon?"). The small parser reads a question whole worse than its clause: the frame's
    preposition is taken for the wh-word's."""
    segments = re.split(r",\s+", question.strip().rstrip("?").strip())
    opening = [
        i
        for i, segment in enumerate(segments)
        if _OPENS_WITH_WH.match(segment) and not (0 < i < len(segments) - 1 and _RELATIVE.match(segment))
    ]
    kept = segments[opening[0] :] if opening else segments
    while len(kept) > 1 and _ATTRIBUTION.match(kept[-1]):
        kept.pop()
    return ", ".join(kept) + "?"


def _lemma_before(document, index: int) -> str | None:
    before = document[index - 1] if index > 0 else None
    return None if before is None or before.lower_ in _WH_WORDS or before.is_punct else before.lemma_.lower()


def _described(verb, phrase) -> Gap | None:
    """The gap of "Who is X?", "What is X's title?", "What is the company's biggest legacy?": a description
    of a name (X), or what the subject is said to be; None where the parse finds no subject, as any "is" of
    the sentence would then fill it."""
    subject = next((c for c in verb.children if c.dep_ in _SUBJECTS + ("attr",) and c.i != phrase.i), None)
    if subject is None:
        return None
    owner = next((c for c in subject.children if c.dep_ == "poss" and c.pos_ == "PROPN"), None)
    named = owner if subject.pos_ != "PROPN" and owner is not None else subject
    if named.pos_ == "PROPN":
        words = [t.text for t in named.subtree if t.pos_ == "PROPN"]
        return Gap("description", named=tuple(words))
    return Gap("object", verb="be", subject=subject.lemma_.lower())


def filler(question: str, sentence: str) -> str | None:
    """The phrase of `sentence` standing where the question's gap stands, or None where no phrase does (or
    it is only a pronoun, or only the question's own words)."""
    found = _filling(question, sentence)
    return _text(found[0]) if found else None


def named_in_passing(question: str, sentence: str, answer: str) -> str | None:
    """The phrase filling the gap, where the `answer` chosen (a name) only modifies the common noun heading
    it: "a senior Biden administration official" said it, not Biden; "the Rangers' pitching coach" won it, not
    the Rangers. News names people and bodies so, by the thing they are attached to. None otherwise."""
    found = _filling(question, sentence)
    if found is None or found[1] is None or found[1].pos_ != "NOUN":
        return None
    text = _text(found[0])
    return text if answer in text and answer not in found[1].text else None


def _filling(question: str, sentence: str) -> tuple[list[Token], Token | None] | None:
    """The words filling the gap and the word heading them (None for a reason or a title, which have none)."""
    wanted = gap(question)
    if wanted is None:
        return None
    if wanted.part == "reason":
        reason = reason_clause(sentence)
        words = list(parsed(reason)) if reason else []
        return (words, None) if words and _informative(words, wanted.asked) else None
    document = parsed(sentence)
    if wanted.part == "description":
        phrases = [(phrase, None) for phrase in _descriptions(document, wanted.named)]
    else:
        fillers = _after(document, wanted) if wanted.part == "after" else _playing(document, wanted)
        phrases = [(_phrase(token), token) for token in fillers]
    return next(((words, head) for words, head in phrases if words and _informative(words, wanted.asked)), None)


def _same_verb(token, verb: str | None) -> bool:
    if verb is None or token.pos_ not in ("VERB", "AUX"):
        return False
    lemma = token.lemma_.lower()
    return lemma == verb or (verb in SPEECH_VERBS and lemma in SPEECH_VERBS)


def _playing(document, wanted: Gap) -> list:
    """The words playing the gap's part of its verb in the sentence: an object (or a passive's subject, or
    the clause said); a subject (or the doer after "by")."""
    found = []
    for verb in document:
        if not _same_verb(verb, wanted.verb):
            continue
        # An "is" fills the gap of "What is X?" only where X is its subject: a sentence has many.
        if wanted.verb == "be" and not any(
            c.dep_ in _SUBJECTS and wanted.subject in {t.lemma_.lower() for t in c.subtree} for c in verb.children
        ):
            continue
        passive = any(child.dep_ == "auxpass" for child in verb.children)
        if wanted.part == "object":
            order = ("attr", "acomp") if wanted.verb == "be" else _OBJECTS
        else:
            order = ("agent",) if passive else _SUBJECTS
        for dependency in order:
            for child in verb.children:
                if child.dep_ == dependency:
                    found.append(next(iter(child.children), child) if dependency == "agent" else child)
    return found


def _after(document, wanted: Gap) -> list:
    """The objects of the gap's preposition in the sentence: after the same word ("monopoly over …"), else
    hanging off the same verb, or off a verb the question uses where its parse gave the preposition none
    ("In which month did the bridge close?" may be read with "close" as an adverb)."""
    same_word, same_verb = [], []
    for preposition in document:
        if preposition.lower_ != wanted.preposition:
            continue
        objects = [child for child in preposition.children if child.dep_ in ("pobj", "pcomp")]
        if not objects:
            continue
        near = {t.lemma_.lower() for t in document[max(0, preposition.i - 3) : preposition.i]}
        if wanted.before and wanted.before in near | {preposition.head.lemma_.lower()}:
            same_word += objects
        elif _same_verb(preposition.head, wanted.verb) or (
            wanted.verb in (None, "do", "be")
            and preposition.head.pos_ == "VERB"
            and preposition.head.lemma_.lower() in wanted.asked
        ):
            same_verb += objects
    return same_word + same_verb


def _descriptions(document, named: tuple[str, ...]) -> list[list]:
    """How the sentence describes the named thing: an apposition, what it is said to be, or its title (the
    words before the name in its own phrase: "Japan's new foreign minister Kamikawa")."""
    words = {word.lower() for word in named}
    heads = [t for t in document if t.lower_ in words and t.head.lower_ not in words]
    found = []
    for head in heads:
        found += [child for child in head.children if child.dep_ == "appos"]
        if head.dep_ == "appos":
            found.append(head.head)
        if head.dep_ in _SUBJECTS and head.head.lemma_ == "be":
            found += [child for child in head.head.children if child.dep_ == "attr"]
    titles = [
        [t for t in head.subtree if t.i < head.i and t.lower_ not in words and t.dep_ != "det" and not t.is_punct]
        for head in heads
    ]
    return [_phrase(token) for token in found] + [title for title in titles if len(title) <= MOST_WORDS]


def _phrase(token) -> list:
    """A filler's words, as one run of its sentence: its subtree up to a clause describing it, a comma or a
    dash after it."""
    cut = {w.i for child in token.children if child.dep_ in _DESCRIBING for w in child.subtree}
    kept = []
    for word in token.subtree:
        if word.i > token.i and (word.i in cut or word.text in {",", ";", "\u2014", "--", "(", ":"}):
            break
        if word.i not in cut:
            kept.append(word)
    while kept and (kept[-1].is_punct or kept[-1].dep_ in ("cc", "mark")):
        kept.pop()
    while kept and (kept[0].is_punct or kept[0].dep_ in ("mark", "cc")):
        kept.pop(0)
    return kept if len(kept) <= MOST_WORDS else []


def _informative(phrase: list, asked: frozenset[str]) -> bool:
    """Whether a phrase says something the question does not: not a pronoun, and not its own words."""
    content = [t for t in phrase if t.is_alpha and not t.is_stop] + [t for t in phrase if t.like_num]
    return bool(content) and any(t.lemma_.lower() not in asked for t in content)


def _text(phrase: list) -> str:
    """The phrase as its sentence writes it, without a quotation mark the phrase's end has cut from its
    partner ('hold "senior engagements' of 'hold "senior engagements in the coming weeks,"')."""
    first, last = phrase[0], phrase[-1]
    # Not its last period: spaCy keeps an abbreviation's with it ("the U.S."), and a sentence's is a token
    # `_phrase` leaves out.
    text = first.doc[first.i : last.i + 1].text.strip(" ,;:\"'\u201c\u201d")
    if text.count('"') % 2:
        text = text.replace('"', "")
    if text.count("\u201c") != text.count("\u201d"):
        text = text.replace("\u201c", "").replace("\u201d", "")
    return text
