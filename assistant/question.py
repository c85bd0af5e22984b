"""What a question asks for, read from its parse (spaCy) and from the corpus's own entities.

- The wh-word and the head of the wh-phrase: "which city" -> city, "how many hours" -> hours.
- The kinds of answer wanted, as probabilities over spaCy's entity labels. English wh-words
  carry them (who: a person or an organisation; when: a date; where: a place; how many, how
  much: a number or an amount). For "what/which X" the corpus says what X names: the labels its
  own entities take beside the noun X, counted at ingest ("pitcher Nathan Eovaldi", "the city
  of San Francisco"), so the mapping comes from the coverage, not from a list.
- The speaker of a question about reported speech ("what did X say, tell, warn, write …"):
  the subject of the reporting verb, whatever its case ("what did blinken say").
- The names it uses: proper nouns, and spans that match the corpus's entities case-insensitively.
- The years and months it states.
"""

from __future__ import annotations

import itertools
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache, partial

import numpy as np

from .annotate import NAME_LABELS, SPEECH_VERBS, pipeline
from .lexical import STOPWORDS, folded, place_forms, terms
from .verdicts import asks_at_the_end, asks_verdict, unframed

# What English wh-words ask for, as spaCy entity labels (general properties of the language).
WH_LABELS: dict[str, dict[str, float]] = {
    "who": {"PERSON": 0.6, "ORG": 0.25, "NORP": 0.1, "GPE": 0.05},
    "when": {"DATE": 0.85, "TIME": 0.15},
    "where": {"GPE": 0.45, "FAC": 0.25, "LOC": 0.2, "ORG": 0.1},
    "how many": {"CARDINAL": 0.6, "QUANTITY": 0.3, "MONEY": 0.05, "PERCENT": 0.05},
    "how much": {"MONEY": 0.6, "QUANTITY": 0.15, "PERCENT": 0.15, "CARDINAL": 0.1},
    "how long": {"DATE": 0.45, "TIME": 0.35, "QUANTITY": 0.2},
    "how old": {"DATE": 0.5, "CARDINAL": 0.5},
    # "How big", "how large", "how high" … (SIZES): a size, told by a count, a measure or a sum.
    "how big": {"CARDINAL": 0.35, "QUANTITY": 0.3, "MONEY": 0.25, "PERCENT": 0.1},
}
WH_LABELS["whom"] = WH_LABELS["whose"] = WH_LABELS["who"]
# English asks a size by "how" and an adjective of size or extent, answered by a figure ("How big was the
# crowd?" 23,418; "How large is the gap?" $19.6 million; "How tall is the tower?" 330 metres).
SIZES = frozenset("big large small high tall deep wide far heavy fast".split())
# Words that frame a question about coverage rather than say what it is about, and the quantifiers of
# "how much" and "how many" and the adjectives of "how big", which ask for an amount without naming anything
# the coverage must use.
FRAMING = frozenset(
    terms("say said says tell told think thought mention mentioned report reported according happen much many")
) | frozenset(terms(" ".join(SIZES)))
MONTHS = "january february march april may june july august september october november december".split()
WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
_question_lock = threading.Lock()
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


@dataclass(frozen=True)
class Query:
    text: str
    wh: str | None  # "who", "what", "how many" …
    head: str | None  # the noun of the wh-phrase, lower-cased lemma: "city", "hours"
    labels: dict[str, float] = field(default_factory=dict)  # entity label -> probability it is the answer
    speaker: str | None = None
    # The speaker is someone in particular: a person's name, or a title with its employer ("Millbrook Town's
    # coach"); not a bare role ("the president") or a misread phrase.
    speaker_named: bool = False
    # The whole phrase the speaker was read from ("Teneo managing director Gabriel Wildau"): where the parse
    # picked the wrong name in it, the corpus knows which one is a person (analyze).
    speaker_phrase: str | None = None
    # The question is framed as what the speaker says ("According to X, which venue …?"): it asks for the
    # kind of thing its wh-phrase names, as a question without a speaker does.
    framed: bool = False
    role: str | None = None  # "who is the X": X, when the coverage names people by it ("president", "CEO")
    names: tuple[str, ...] = ()
    people: tuple[tuple[int, int], ...] = ()  # where its text names people, as the tagger reads it (character spans)
    proper_names: tuple[str, ...] = ()  # capitalised proper nouns: the coverage must mention each
    years: tuple[str, ...] = ()
    months: tuple[str, ...] = ()
    # The past or coming periods it names relative to now: ("last", "year") of "last year's final".
    periods: tuple[tuple[str, str], ...] = ()
    # The numbers that tell one of a series from its neighbours ("season 4", "Pixel 6", "the 94th Academy
    # Awards", "the tenth season"): (the series' word, lower case; the number, in digits or a Roman numeral).
    numbered: tuple[tuple[str, str], ...] = ()
    # The preposition of its wh-phrase ("by" of "By how much …?", "to" of "Who did it sell to?"): the text
    # writes it before the answer ("by 41 seconds").
    preposition: str | None = None
    # What the question says of what it names: the terms of its other words, as written and as lemmas
    # ("shook" is also "shake"), names and wh-words left out.
    content: tuple[str, ...] = ()
    verb: str | None = None  # the lemma of its main verb ("rule out"), unless that is "be", "have" or "do"
    # The verb the main verb takes to complete it, if any ("pay" of "How much did they agree to pay?"): what
    # an amount asked measures.
    completing: str | None = None
    staged: str | None = None  # the event that verb stages, if it names none itself ("funeral" of "was held")
    # The common noun an agent question's verb acts on ("screenplay" of "Who wrote the screenplay?"): news
    # credits its maker after "by" ("a screenplay by J. F. Lawton"), naming the act by it (names_event).
    made: str | None = None
    # The position the act is done in, after "as" ("CEO" of "Who runs Lego as CEO?"): it names the event too.
    capacity: str | None = None
    asks_who_spoke: bool = False  # its wh-phrase is a reporting verb's subject ("Who said …?", `_asks_who_spoke`)
    asks_doer: bool = False  # its wh-phrase is an active verb's subject ("Who won …?", `_asks_a_doer`)
    # The wh-phrase's part in the main verb's act: "doer" ("Who won the title?", "By whom was it written?") or
    # "done_to" ("What award did the film win?", "Who was elected mayor?"); None for other questions.
    part: str | None = None
    topic: str | None = None  # what a reporting verb is asked about ("Taiwan" of "What did Han say about Taiwan?")

    @property
    def asks_speech(self) -> bool:
        """Whether the answer is what someone said: a reporting verb's subject is asked about, and the
        wh-word asks for no kind of thing ("when did X say …" asks for a date, "who did X say …" a name)."""
        return self.speaker is not None and not self.labels

    def dated_in(self, date: str | None) -> bool:
        """Whether an article's date (ISO, "2023-06-14") falls in a year the question asks about."""
        return bool(date) and any(date.startswith(year) for year in self.years)

    def uses_head(self, present: set[str] | frozenset[str]) -> bool:
        """Whether a text whose terms are `present` uses the noun of the wh-phrase ("pitcher" in "Rangers
        pitcher Nathan Eovaldi")."""
        return bool(self.head) and bool(set(terms(self.head)) & present)

    @property
    def typed(self) -> bool:
        return bool(self.labels)

    def label_weight(self, label: str) -> float:
        """How likely an entity of this label is the kind of answer asked for. English names a language by
        its people's adjective ("spoke in Chinese"), which the tagger labels a nationality (NORP): asked for
        a language (the likelier kind, by half or more), a nationality's word is one."""
        if label == "NORP" and self.labels.get("LANGUAGE", 0.0) >= 0.5:
            return max(self.labels.get("NORP", 0.0), self.labels["LANGUAGE"])
        return self.labels.get(label, 0.0)


@lru_cache(maxsize=2048)
def parse(question: str) -> Query:
    """The question as read from its words alone (no corpus): the corpus refines it in `analyze`. A wh-word
    run into "is" without its apostrophe, as people type ("whats the price", "wheres the summit"), is read as
    the two words it stands for, which the parser otherwise reads as a word and a stray "s". A request for an
    answer ("Can you tell me where they met?") is read as the question it frames (verdicts.unframed)."""
    question = _RUN_INTO_IS.sub(r"\1 is", unframed(question))
    with _question_lock:  # spaCy is not documented as thread-safe; questions take turns on their own pipeline
        document = _join_hyphenated_names(pipeline("questions")(question))
    return _read(question, document)


# "whos" is left alone: it is typed for "whose" as often ("whos idea was it").
_RUN_INTO_IS = re.compile(r"\b(what|where|when|how|why)s\b", re.IGNORECASE)


@lru_cache(maxsize=256)  # a question's candidate sentences are read by several of the reader's rules
def parsed(sentence: str):
    """A sentence of an article parsed by the questions' pipeline: the reader parses the few it answers with
    where a question needs their grammar (reader.done_to), and the articles' pipeline may be busy ingesting."""
    with _question_lock:
        return pipeline("questions")(sentence)


def _join_hyphenated_names(document):
    """One token for each hyphenated capitalised name ("Bon-Kyoung", "Jean-Luc", "Coca-Cola"), which spaCy
    splits at the hyphen: news writes such a name as one word, and the lexical index keeps it as one term."""
    runs: list[list[int]] = []  # [first, end) token indices; a chain ("Abdul-Karim-Ali") extends its run
    for token in document[:-2]:
        hyphen, after = document[token.i + 1], document[token.i + 2]
        if (
            token.text[:1].isupper()
            and token.is_alpha
            and hyphen.text == "-"
            and not token.whitespace_
            and not hyphen.whitespace_
            and after.text[:1].isupper()
            and after.is_alpha
        ):
            if runs and runs[-1][1] == token.i + 1:
                runs[-1][1] = token.i + 3
            else:
                runs.append([token.i, token.i + 3])
    with document.retokenize() as retokenizer:
        for first, end in runs:
            retokenizer.merge(document[first:end], attrs={"POS": "PROPN", "TAG": "NNP"})
    return document


def _read(question: str, document) -> Query:
    tokens = list(document)
    # A yes/no question asks for no kind of thing, whatever wh-word opens a clause inside it ("Were reporters
    # in the room when Blinken spoke?" asks no date).
    wh, head = (None, None) if asks_verdict(question) else _wh_phrase(tokens)
    speaker, speaker_named, speaker_phrase = _speaker(tokens)
    framed = speaker is None
    if framed:
        speaker, speaker_named, speaker_phrase = _according_to(tokens)
    labels = dict(WH_LABELS.get(wh or "", {}))
    if wh == "who" and _asks_for_a_description(tokens):
        labels = {}  # "Who is Kamikawa?" asks what Kamikawa is: the answer is a description, not a name
    lowered = question.lower()
    return Query(
        text=question,
        wh=wh,
        head=head,
        labels=labels,
        speaker=speaker,
        speaker_named=speaker_named,
        speaker_phrase=speaker_phrase,
        framed=framed and speaker is not None,
        names=tuple(dict.fromkeys(_names(document))),
        people=tuple((entity.start_char, entity.end_char) for entity in document.ents if entity.label_ == "PERSON"),
        proper_names=tuple(dict.fromkeys(_proper_names(tokens))),
        years=tuple(dict.fromkeys(_YEAR.findall(question))),
        periods=tuple(sorted(period for period in periods_stated(question) if period[0] != "this")),
        months=tuple(month for month in MONTHS if re.search(rf"\b{month}\b", lowered)),
        numbered=_numbered(tokens),
        capacity=_capacity(document) if wh in ("who", "whom", "which") else None,
        preposition=_wh_preposition(tokens),
        content=_content(tokens),
        verb=_main_verb(document),
        completing=_completing_verb(document),
        staged=_staged(document),
        made=_made(document) if wh == "who" else None,
        asks_who_spoke=_asks_who_spoke(tokens),
        asks_doer=_asks_a_doer(tokens),
        part=_part_asked(document),
        topic=_topic(tokens),
    )


def analyze(question: str, corpus=None, embeddings=None) -> Query:
    """The question read from its parse, then from the corpus: the labels its head noun names, its names."""
    if corpus is None:
        return parse(question)
    found = corpus.names_in(question)
    query = parse(as_the_coverage_spells(question, found))
    labels = query.labels
    if query.head and not labels and query.wh in ("what", "which"):
        named = labels_named(query.head, corpus, embeddings)
        # Asked what someone said, a noun plainly naming one kind of thing asks for it ("On what date did
        # Nintendo say the game would launch?"); one of no clear kind ("What challenges did Han say …?") asks
        # for their words.
        if not query.speaker or query.framed or max(named.values(), default=0.0) >= CLEAR_KIND:
            labels = named
    if query.wh == "how much" and query.verb and embeddings is not None:
        labels = _measured(labels, glossary_meant(query.completing or query.verb, embeddings))
    names = _with_parties((*found, *query.names), corpus)
    named = {term for name in names for term in terms(name)}  # a lower-case name is no word of the content
    known = _known_speaker(_whole_name(query.speaker, names), corpus) if query.speaker else None
    if query.speaker_phrase and (
        query.framed or not (known and known[1]) or _possessor(known[0], query.speaker_phrase)
    ):
        parsed = None if query.framed else query.speaker
        known = _person_in(query.speaker_phrase, corpus, parsed, names) or (None if query.framed else known)
    speaker = known[0] if known else (None if query.framed else query.speaker)
    if speaker and not known and not query.speaker_named:  # asked by title alone: "the Chinese vice president"
        # The whole phrase first ("secretary of state"), which the parse may cut to its head ("secretary").
        phrases = dict.fromkeys(filter(None, (query.speaker_phrase, speaker)))
        titled = next(filter(None, map(corpus.titled, phrases)), None)
        known = (titled, True) if titled else None
        speaker = titled or speaker
    # A "who is the X" names its answer by X if X is a title the coverage gives people ("Mayor Tom Reyes")
    # or a word it never uses (then no passage can say who holds it); a generic noun the coverage uses
    # otherwise ("who is the individual that …") names nothing.
    role = None
    if query.wh == "who" and query.head:
        unused = all(corpus.document_frequency(term) == 0 for term in terms(query.head))
        role = query.head if unused or sum(corpus.labels_near(query.head).values()) >= SEEN_BESIDE_NAMES else None
    return replace(
        query,
        labels=labels,
        speaker=speaker,
        framed=query.framed and speaker is not None,
        # The question's own parse may not know the name ("Kamikawa", "blinken"); the coverage's may.
        speaker_named=speaker is not None and (query.speaker_named or bool(known) and not _an_outlet(speaker, corpus)),
        role=role,
        names=names,
        proper_names=_with_parties(query.proper_names, corpus),
        content=tuple(term for term in query.content if term not in named),
    )


def as_the_coverage_spells(question: str, names: list[str]) -> str:
    """The question with each of `names` (the coverage's spellings, Corpus.names_in) that it writes in lower
    case given the coverage's capitals: "what did blinken say about taiwan" is read as "what did Blinken say
    about Taiwan". The parser and tagger lean on capitals to find names, so a question typed in lower case,
    as readers type into a chat box, would otherwise be read as another question: a name split or run into
    the words beside it ("antony blinken meet han zheng" as one name), its speaker or its instalment unseen
    ("super bowl lviii"). Only the case of letters changes, so offsets into the question hold."""
    for name in sorted(names, key=len, reverse=True):
        written = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.IGNORECASE)
        question = written.sub(partial(_recased, spelling=name), question)
    return question


def _recased(written: re.Match, spelling: str) -> str:
    """A name matched in lower case, given the case of `spelling`'s letters; one with capitals of the reader's
    own ("BLINKEN", "Han zheng") as typed."""
    typed = written.group(0)
    if not typed.islower():
        return typed
    return "".join(spelt if spelt.lower() == letter else letter for letter, spelt in zip(typed, spelling, strict=True))


def _with_parties(names: tuple[str, ...], corpus) -> tuple[str, ...]:
    """The names, each hyphenated one the corpus never writes joined read as the parties it pairs.

    News pairs two parties with a hyphen to name what is between them ("the Biden-Xi summit", "the
    Israel-Hamas war", "Sullivan-Wang talks"), and elsewhere names each on its own. A one-word pair the
    corpus never writes joined, though it uses each part, is those two names; a name the corpus writes
    whole ("Bankman-Fried", "Coca-Cola"), or of several words ("Jean-Luc Picard"), stays one."""

    def used(text: str) -> bool:
        return any(corpus.document_frequency(term) for term in terms(text))

    found: dict[str, str] = {}  # lower case -> as written: one name once, in any case, spelt as last given
    for name in names:
        parts = [part for part in name.split("-") if part]
        split = " " not in name and len(parts) > 1 and not used(name) and all(used(part) for part in parts)
        for part in parts if split else [name]:
            found[part.lower()] = part
    return tuple(found.values())


def _whole_name(speaker: str, names: tuple[str, ...]) -> str:
    """The longest of the question's names that holds every word of the speaker parsed: without capitals the
    parser takes "what did emma tammi say" as said by "emma", but the name the question uses is "emma tammi"."""
    words = set(speaker.lower().split())
    holding = [name for name in names if words < set(name.lower().split())]
    return max(holding, key=len) if holding else speaker


def _known_speaker(speaker: str, corpus) -> tuple[str, bool] | None:
    """The corpus's spelling of the speaker asked about, in any case, and whether it names a person there:
    the whole phrase if the coverage knows it, else its longest ending it knows. Titles and employers come
    first and the surname last ("Senator Charles Schumer" is "Charles Schumer" in the coverage, then
    "Schumer")."""
    words = speaker.split()
    for start in range(len(words)):
        known = corpus.canonical_name(" ".join(words[start:]))
        if known:
            return known
    return None


def _person_in(phrase: str, corpus, parsed: str | None = None, names: tuple[str, ...] = ()) -> tuple[str, bool] | None:
    """The name in a speaker's phrase that the coverage reads as a person, if any, other than the one parsed.

    News names a speaker with their employer and title ("Teneo managing director Gabriel Wildau", "Check
    Point's president, Rupal Shah Hollenbeck"), and a long question's parse may take the employer for the
    subject. Of the phrase's runs of capitalised words, the one the coverage mostly reads as a person is who
    spoke. An outlet the corpus carries is a publication, whatever the tagger makes of its name ("Globes").
    In lower case ("what did mayor tom reyes say") the names are those the corpus knows in the phrase."""
    taken = set(_words_of(parsed or ""))
    written = [name for name in names if name.lower() in phrase.lower()]
    for run in [*reversed(_CAPITALISED_WORDS.findall(phrase)), *written]:
        if set(_words_of(run)) <= taken or _an_outlet(run, corpus) or _possessor(run, phrase):
            continue
        known = _known_speaker(run, corpus)
        if known and corpus.mostly_a_person(known[0]):
            return known[0], True
    return None


def _possessor(name: str, phrase: str) -> bool:
    """Whether a speaker's phrase gives `name` as whose the speaker is ("Check Point's president, Rupal Shah
    Hollenbeck", "Chelsea's Cole Palmer"): an employer, a club or a country, not the one who spoke, however
    the small parser reads a long question."""
    return bool(re.search(rf"\b{re.escape(name)}\s*['\u2019]s\b", phrase, re.IGNORECASE))


def _an_outlet(name: str, corpus) -> bool:
    """Whether a name is (part of) an outlet the corpus carries: an outlet speaks through its articles, not
    in reported speech."""
    words = set(_words_of(name)) - {"the"}
    return bool(words) and any(words <= set(_words_of(source)) for source in corpus.sources())


def _words_of(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


_CAPITALISED_WORDS = re.compile(r"[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*)*")


# spaCy's entity labels, each said the way a noun phrase would name one (its glossary, in plain words).
LABEL_MEANINGS = {
    "PERSON": "a person",
    "NORP": "a nationality, religious or political group",
    "FAC": "a building, stadium, airport or road",
    "ORG": "a company or organization",
    "GPE": "a country, city or state",
    "LOC": "a location or natural place",
    "PRODUCT": "a product, device or vehicle",
    "EVENT": "an event",
    "WORK_OF_ART": "a title of a book, song or film",
    "LAW": "a law",
    "LANGUAGE": "a language",
    "DATE": "a date or period",
    "TIME": "a time of day",
    "PERCENT": "a percentage",
    "MONEY": "an amount of money",
    "QUANTITY": "a measurement",
    "CARDINAL": "a number",
}


# spaCy's entity labels (OntoNotes 5.0), each by the kinds of thing its annotation guidelines and spaCy's
# glossary (spacy.explain) say it covers, in a word each: a noun means the label whose kinds it is closest to.
# People are also named by what they do, which news asks about most ("which official", "which executive"):
# the general nouns for people at work stand for those.
LABEL_KINDS: dict[str, tuple[str, ...]] = {
    "PERSON": ("person", "people", "man", "woman", "official", "worker", "leader", "professional"),
    "NORP": ("nationality", "religion", "religious group", "political group"),
    "FAC": ("building", "airport", "highway", "bridge", "stadium", "arena", "road"),
    "ORG": ("company", "agency", "institution", "organization", "team", "university", "newspaper", "party"),
    "GPE": ("country", "city", "state"),
    "LOC": ("location", "mountain range", "river", "sea", "lake", "continent", "region"),
    "PRODUCT": ("product", "object", "vehicle", "food", "weapon", "device"),
    "EVENT": ("event", "hurricane", "battle", "war", "sports event"),
    "WORK_OF_ART": ("book", "song", "film", "television program", "painting"),
    "LAW": ("law", "treaty", "act"),
    "LANGUAGE": ("language",),
    "DATE": ("date", "day", "month", "year", "period"),
    "TIME": ("time", "hour", "minute"),
    "PERCENT": ("percentage", "percent"),
    "MONEY": ("money", "amount of money"),
    "QUANTITY": ("measurement", "weight", "distance"),
    "CARDINAL": ("number",),
}


# What a noun asks for where its answer is a clause or a description, not a name: a reason, a manner, a view.
# A wh-phrase's noun nearer these in meaning than any label's kinds asks for no kind of named thing.
UNNAMED_KINDS = (
    "reason",
    "cause",
    "purpose",
    "explanation",
    "way",
    "approach",
    "view",
    "opinion",
    "argument",
    "message",
)


# A noun the coverage has put beside names this often is one it names people and things by.
SEEN_BESIDE_NAMES = 3
# How many sightings beside a name the noun's meaning is worth (see labels_named). Chosen by cross-validation
# on the dev sets (12 fold orders) among 3, 10, 30 and 1000: 10 and 30 score alike, and above 3 and 1000.
MEANING_WEIGHT = 10


def labels_named(noun: str, corpus, embeddings=None) -> dict[str, float]:
    """What a wh-phrase's noun asks for, as shares of entity labels, from two witnesses: the entities the
    coverage writes beside it (corpus.labels_near) and its meaning (labels_meant).

    The coverage is noisy where a name modifies the noun rather than being named by it ("Chelsea player"
    counts Chelsea, an organisation, for "player"), and silent on a noun it rarely uses; the meaning
    knows what a noun is but not how this coverage uses it. Each sighting counts once and the meaning as
    MEANING_WEIGHT sightings, as a prior does: a rare noun is read by its meaning, a common one mostly by
    the coverage."""
    seen = corpus.labels_near(noun)
    total = sum(seen.values())
    if embeddings is None:
        return {label: count / total for label, count in seen.items()} if total >= SEEN_BESIDE_NAMES else {}
    if names_nothing(noun, embeddings):
        return {}
    meant = labels_meant(noun, embeddings)
    return {
        label: (seen.get(label, 0) + MEANING_WEIGHT * meant.get(label, 0.0)) / (total + MEANING_WEIGHT)
        for label in seen.keys() | meant.keys()
    }


@lru_cache(maxsize=4096)
def names_nothing(noun: str, embeddings) -> bool:
    """Whether a wh-phrase's noun asks for a clause or a description, not a name ("What approach …?", "What
    reason did he give?", "What was the motive?"): it is nearer in meaning to the kinds of UNNAMED_KINDS than
    to any label's (LABEL_KINDS), by more than MEANING_MARGIN, within which a label would share its meaning
    (a "vote" or a "result" is told by a tally as well as by a clause). The coverage puts such nouns beside
    names of every kind ("the reason Florida State was left out on Saturday"), and those would make a date
    or a team the answer."""
    vector = _vector_of(noun, embeddings)
    named = max(float((vectors @ vector).max()) for vectors in _kinds(embeddings).values())
    return float((_unnamed_kinds(embeddings) @ vector).max()) > named + MEANING_MARGIN


@lru_cache(maxsize=4)
def _unnamed_kinds(embeddings) -> np.ndarray:
    """UNNAMED_KINDS' vectors, each embedded alone (see _kinds)."""
    return np.stack([embeddings.encode([f"a {kind}"])[0] for kind in UNNAMED_KINDS])


@lru_cache(maxsize=4096)
def labels_meant(noun: str, embeddings) -> dict[str, float]:
    """What a noun names by its meaning alone, whatever the coverage, from two witnesses taken equally: the
    kinds each label covers (LABEL_KINDS: "a day" is a date) and the labels' glossary (LABEL_MEANINGS: "a
    director" is a person). The small model relates many nouns to a kind by topic alone ("a director" is
    nearest "a film"), and to a glossary phrase by its words ("a day" nearest "a time of day"); where one
    misleads, the other keeps the right label in."""
    vector = _vector_of(noun, embeddings)
    kinds = {label: float((vectors @ vector).max()) for label, vectors in _kinds(embeddings).items()}
    shares = dict(glossary_meant(noun, embeddings))
    for label, share in _closest(kinds).items():
        shares[label] = shares.get(label, 0.0) + share
    return {label: share / 2 for label, share in shares.items()}


@lru_cache(maxsize=4096)
def glossary_meant(word: str, embeddings) -> dict[str, float]:
    """What a word names by the labels' glossary alone (LABEL_MEANINGS): what a "how much" verb measures
    ("cost" money; "rise" any amount), which the kinds of named things do not tell."""
    vector = _vector_of(word, embeddings)
    return _closest(dict(zip(LABEL_MEANINGS, (_meanings(embeddings) @ vector).tolist(), strict=True)))


@lru_cache(maxsize=4096)
def _vector_of(word: str, embeddings) -> np.ndarray:
    """ "a <word>" embedded once, for both of labels_meant's witnesses."""
    return embeddings.encode([f"a {word}"])[0]


def _closest(similarity: dict[str, float]) -> dict[str, float]:
    """The labels within MEANING_MARGIN of the closest, shared by closeness."""
    closest = max(similarity.values())
    close = {label: value for label, value in similarity.items() if value >= closest - MEANING_MARGIN}
    total = sum(close.values())
    return {label: value / total for label, value in close.items()}


# The share of one label that makes a noun plainly name that kind of thing ("date", "country").
CLEAR_KIND = 0.5

# How much less close than the closest label another may be and still share a noun's meaning.
MEANING_MARGIN = 0.1


def warm_up(embeddings) -> None:
    """Load what reading the first question would otherwise wait for: the question parser, and the label
    kinds and meanings (about 70 embeddings, about 0.2 s) that a question with a wh-noun is compared with."""
    parse("What did the minister say?")
    _kinds(embeddings)
    _unnamed_kinds(embeddings)
    _meanings(embeddings)


@lru_cache(maxsize=4)
def _kinds(embeddings) -> dict[str, np.ndarray]:
    """LABEL_KINDS' vectors, label by label, each kind embedded alone ("a stadium") as a question is:
    embedding them as a batch would load the model that embeds articles (PyTorch's, on some CPUs) into a
    process that only answers."""
    return {
        label: np.stack([embeddings.encode([f"a {kind}"])[0] for kind in kinds]) for label, kinds in LABEL_KINDS.items()
    }


@lru_cache(maxsize=4)
def _meanings(embeddings) -> np.ndarray:
    """LABEL_MEANINGS' vectors, each embedded alone (see _kinds)."""
    return np.stack([embeddings.encode([meaning])[0] for meaning in LABEL_MEANINGS.values()])


_WH_WORDS = frozenset("who whom whose when where why what which how".split())


def _wh_phrase(tokens) -> tuple[str | None, str | None]:
    """The wh-word ("how many" counts as one) and the noun it asks about, if any.

    A wh-word opening a subordinate clause sets the scene ("When his daughter quizzed him, how did he define
    it?") and one opening a relative clause describes ("According to those who were there, what did the
    minister say?"): the question is asked by the main clause's wh-word, if it has one, or by a wh-phrase
    ending it, as quizzes ask ("Kamikawa, who met Blinken, is foreign minister of which country?")."""
    framing = next((t.i for t in tokens if t.text == ","), -1)  # a relative clause of the frame before the comma
    asking = [
        t
        for t in tokens
        if (t.head.dep_ != "advcl" or t.head == t or _misread_auxiliary(t.head))
        and not (t.head.dep_ == "relcl" and t.i < framing)
    ]
    if any(t.lower_ in _WH_WORDS for t in asking):
        tokens = asking
    if tokens and asks_at_the_end(tokens[0].doc.text):  # "Malta, where they talked, is in which sea?"
        tokens = tokens[max(i for i, t in enumerate(tokens) if t.lower_ in _WH_WORDS) :]
    for index, token in enumerate(tokens):
        word = token.lower_
        if word == "how" and index + 1 < len(tokens):
            following = tokens[index + 1].lower_
            if following in ("many", "much", "long"):
                return f"how {following}", _next_noun(tokens, index + 2)
            if following in SIZES:  # the size of the copula's subject ("How big was the crowd?")
                after = index + 3 if index + 2 < len(tokens) and tokens[index + 2].lemma_ == "be" else index + 2
                return "how big", _next_noun(tokens, after)
            if following == "old":  # "How old is the mayor?" asks the age of whoever is the mayor
                return "how old", _role(tokens, index)
            return "how", None
        if word in ("who", "whom", "whose"):
            return word, _role(tokens, index)
        if word in ("when", "where", "why"):
            return word, None
        if word in ("what", "which"):
            # "Which online betting platform": the noun the wh-word determines, by the parse; else the next one.
            if token.dep_ == "det" and token.head.pos_ in ("NOUN", "PROPN"):
                return word, _noun(_phrase_head(token.head))
            return word, _next_noun(tokens, index + 1) or _role(tokens, index)
    return _search_query(tokens)


def _misread_auxiliary(verb) -> bool:
    """Whether a clause the parser hangs off the main verb is only the question's "did" ("In which city did she
    knock out …" read with "did" an adverbial clause of "knock"): "do" with nothing done, no object, and no
    conjunction or wh-word opening a clause of its own ("When the company did so, how …?")."""
    return verb.lemma_ == "do" and not any(
        child.dep_ in ("dobj", "mark") or (child.dep_ == "advmod" and child.lower_ in _WH_WORDS)
        for child in verb.children
    )


def _main_verb(document) -> str | None:
    """The lemma of the question's main verb (see `_main_verb_token`)."""
    root = _main_verb_token(document)
    if root is None:
        return None
    lemma = root.lemma_.lower()
    if lemma in ("be", "have", "do"):
        return None
    # A phrasal verb's lemma keeps its particle: "rule out" (exclude) means what "rule" does not.
    return " ".join([lemma, *(child.lower_ for child in root.children if child.dep_ == "prt")])


def _main_verb_token(document):
    """The question's main verb. The small parser often reads a question's last word as a noun ("How much did
    the study cost?") or "did" as the verb ("How much did the startup raise?"): with "do" before it, the last
    word is the verb."""
    root = next((token for token in document if token.dep_ == "ROOT"), None)
    if root is not None and root.lower_ == "according":
        # "According to X, by when is the maximum expected?": the attribution frames the question, whose verb
        # follows it.
        comma = next((token.i for token in document[root.i :] if token.text == ","), len(document))
        root = next((token for token in document[comma:] if token.pos_ in ("VERB", "AUX")), None)
    if root is not None and root.pos_ == "ADP":
        # "By when was he expected to sign?": the parser roots the question in the wh-phrase's preposition and
        # hangs the clause off it.
        root = next((child for child in root.children if child.dep_ == "pcomp" and child.pos_ == "VERB"), root)
    if root is not None and root.dep_ in ("aux", "auxpass") and root.head.pos_ == "VERB":
        root = root.head  # an auxiliary found first is its verb's ("According to X, by when was he expected …")
    supported = root is not None and any(child.lemma_ == "do" for child in root.children if child.dep_ == "aux")
    if supported and root.tag_ in ("VBD", "VBN"):
        # "did" takes a verb's base form: a past form the parser hangs it on, with a base form after it, is a
        # noun it misread ("did the team's World Cup run come to an end?"). Without one, it is the verb whose
        # past is its base form ("did the Chiefs beat the Jets"), which the tagger often calls past.
        later = (t for t in document[root.i + 1 :] if t.tag_ == "VB" and document[t.i - 1].tag_ != "TO")
        root = next(later, root)  # not an infinitive of purpose ("did Alcaraz beat Djokovic to claim …")
    if root is not None and root.lemma_ == "be":
        # A passive the parser misread, taking "was" for the main verb ("when was nordvik motors founded?",
        # in lower case): its participle is the verb. A regular verb's participle is its past tense's form, which
        # the tagger may take it for ("was media-monitoring company Meltwater founded").
        participles = (token for token in document[root.i + 1 :] if token.tag_ in ("VBN", "VBD"))
        root = next((token for token in participles if _misread_passive(token, root)), root)
    if root is not None and root.lemma_ == "do":
        # "did" is the question's auxiliary: its verb is the one the parser hangs off it, or, where it hangs
        # none, the first verb after it outside a prepositional phrase, a time said as a noun phrase or a clause
        # of its own ("How many tickets did the final sell in its first hour?", "… did the stock rise
        # yesterday?", "… did the fire kill before firefighters arrived?"), else the last word outside them.
        hung = (c for c in root.children if c.dep_ in ("ccomp", "xcomp") and c.i > root.i)
        placed = {w.i for token in document if token.dep_ in _NOT_THE_VERB for w in token.subtree}
        words = [token for token in document[root.i + 1 :] if token.is_alpha and token.i not in placed]
        verbs = [token for token in words if token.tag_ == "VB"]  # after "did", the verb's base form
        after = verbs[0] if verbs else words[-1] if words else None
        root, supported = next(hung, after), True
    if root is not None and root.lemma_ == "have":
        # "have to" is a modal of obligation ("How much would they have to pay?"): the verb after it is the verb.
        root = next((c for c in root.children if c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children)), root)
    # What "did" supports is a verb, whatever the tagger calls it ("How long did the strike last?": an adverb).
    if root is None or not (root.pos_ == "VERB" or (supported and root.pos_ in ("NOUN", "ADJ", "ADV"))):
        return None
    return root


# What holds no main verb of a question: a prepositional phrase, a time said as a noun phrase, a clause of its
# own.
_NOT_THE_VERB = frozenset(("prep", "npadvmod", "advcl", "acl", "relcl"))


def _completing_verb(document) -> str | None:
    """The lemma of the verb completing the main verb ("pay" of "agree to pay", "raise" of "plan to raise"):
    the act the main verb agrees, plans or hopes to, which a question's amount measures."""
    root = _main_verb_token(document)
    if root is None:
        return None
    return next(
        (child.lemma_.lower() for child in root.children if child.dep_ == "xcomp" and child.pos_ == "VERB"), None
    )


def _staged(document) -> str | None:
    """The common noun a verb that names no event of its own stages as its subject ("funeral" of "When was
    the funeral held?", "final" of "Where will the final be played?"): the event asked about (names_event).
    The subject is looked for on the verb, then on the "was" a misread passive hangs it on; where the subject
    is what the question asks for ("Which city hosted the talks?") or someone acting, named or not ("Where did
    Sullivan hold talks?"), the event is the object."""
    verb = _main_verb_token(document)
    if verb is None or verb.lemma_.lower() not in _EVENTLESS_VERBS:
        return None
    for holder in (verb, verb.head):
        subject = next((child for child in holder.children if child.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and not _wh_phrase_head(subject):
            # "Where were Sullivan and Wang's talks held?": the parser joins the names and the talks by "and".
            subject = next((word for word in (subject, *subject.conjuncts) if word.pos_ == "NOUN"), subject)
        named = (
            subject is not None
            and subject.dep_ == "nsubj"
            and any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in subject.children)
        )
        if subject is not None and (_wh_phrase_head(subject) or subject.pos_ != "NOUN" or named):
            # What is asked for is the host, not the event ("Which city hosted the talks?"), or the subject is
            # who acts ("Where did Sullivan hold talks?", "When did the new coach, Jonathan Smith, play
            # quarterback?": a title with the name beside it): the object is the event.
            # The last object: the small parser splits a compound noun into two ("hold their weekend talks"),
            # and a noun phrase names what its last noun names.
            subject = next((child for child in reversed(list(verb.children)) if child.dep_ == "dobj"), None)
        if subject is not None:
            return subject.lemma_.lower() if subject.pos_ == "NOUN" else None
    return None


def _made(document) -> str | None:
    """The common noun the main verb's object names ("screenplay" of "Who wrote the screenplay for Pretty
    Woman?"; Query.made)."""
    verb = _main_verb_token(document)
    made = next((child for child in verb.children if child.dep_ == "dobj"), None) if verb is not None else None
    return made.lemma_.lower() if made is not None and made.pos_ == "NOUN" else None


def _capacity(document) -> str | None:
    """The noun of the post a question asks who holds, after "as" and a verb in the present tense ("CEO" of
    "Who runs the Lego Group as CEO?", "Who serves as Nordland's finance minister?"). The simple present tells
    a standing state, and holding a post is told in many verbs (runs, heads, serves, leads) or none ("CEO
    Niels Christiansen"): a passage naming the post tells of it. A past verb asks about an act ("Who did they
    elect as speaker?"), which a passage must tell of itself. The parser hangs "as" on the verb or its object."""
    verb = _main_verb_token(document)
    if verb is None:
        return None
    # The tense is the first auxiliary's ("does … run", "is serving", not "did … elect"), else the verb's own.
    auxiliaries = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    if (auxiliaries[0] if auxiliaries else verb).tag_ not in ("VBZ", "VBP"):
        return None
    holders = {verb.i} | {child.i for child in verb.children if child.dep_ == "dobj"}
    for token in document:
        if token.lower_ == "as" and token.dep_ == "prep" and token.head.i in holders:
            post = next((child for child in token.children if child.dep_ == "pobj"), None)
            if post is not None and post.pos_ in ("NOUN", "PROPN"):
                return post.lower_
    return None


def _misread_passive(participle, be) -> bool:
    """Whether a participle after "was" is the passive's verb the parser misread: attached to "was" itself
    ("xenoblade chronicles X released") or to its subject ("nordvik motors founded"), or to the subject it took
    for the complement of "was" ("in which city was Owen Price born?", read as "which city was Owen Price"),
    not inside a clause of its own ("the individual that, despite not being portrayed as …")."""
    subjects = [child for child in be.children if child.dep_ in ("nsubj", "nsubjpass", "attr")]
    return participle.head == be or participle.head in subjects


def _measured(labels: dict[str, float], meant: dict[str, float]) -> dict[str, float]:
    """The kinds of amount a "how much" asks for, given what its verb means: a verb whose meaning is one kind
    of amount asks for that kind alone ("how much did it cost / earn / pay": money, not "51 percent"); one
    that measures many things ("rise", "grow") leaves every kind of amount."""
    if len(meant) == 1 and next(iter(meant)) in labels:
        return dict(meant)
    return labels


def _content(tokens) -> tuple[str, ...]:
    """The terms of the question's words that are not names, wh-words or auxiliaries, each as written and as
    its lemma: what it asks about the people, places and things it names."""
    found: dict[str, None] = {}
    for token in tokens:
        if token.pos_ in ("PROPN", "AUX", "PUNCT") or token.lower_ in _WH_WORDS or token.ent_type_:
            continue
        for term in (*terms(token.text), *terms(token.lemma_)):
            if term not in FRAMING:
                found[term] = None
    return tuple(found)


def _wh_preposition(tokens) -> str | None:
    """The preposition of the wh-phrase: English carries it along before the wh-word ("By how much …", "At
    which stadium …") or leaves it stranded at the end ("Which company did it sell the unit to?"); either
    way the text writes it where the answer stands ("by 41 seconds", "to Acme")."""
    if len(tokens) > 1 and tokens[0].pos_ == "ADP" and tokens[1].lower_ in _WH_WORDS:
        return tokens[0].lower_
    words = [t for t in tokens if not t.is_punct]
    last = words[-1] if words else None
    if last is not None and last.pos_ == "ADP" and not any(c.dep_ == "pobj" for c in last.children):
        return last.lower_ if tokens[0].lower_ in _WH_WORDS or tokens[0].tag_.startswith("W") else None
    return None


def _search_query(tokens) -> tuple[str | None, str | None]:
    """A query typed as into a search engine ("Super Bowl 2021 location", "population of Malta") has neither
    a wh-word nor a finite verb (a title may hold a participle: "walking dead season 11 premiere date"): a
    noun phrase naming something (a name or a number) and, by its head, what is wanted of it, as "what is
    the location of the 2021 Super Bowl?" would. An English noun phrase ends in its head, and what follows a
    preposition only modifies it, so the head is the last common noun before the first preposition; the
    parser's own root is less sure, as a query in lower case parses poorly. A phrase naming nothing ("key
    points", "latest news") asks about a topic, not for a thing; one with a finite verb asks yes or no."""
    if any(t.pos_ == "AUX" or t.tag_ in ("VBD", "VBP", "VBZ", "MD") for t in tokens):
        return None, None
    phrase = next((tokens[:i] for i, t in enumerate(tokens) if t.pos_ == "ADP"), tokens)
    nouns = [t for t in phrase if t.pos_ == "NOUN" and t.lower_ not in STOPWORDS]
    if not nouns or not any(t.pos_ in ("PROPN", "NUM") for t in tokens):
        return None, None
    return "what", _noun(nouns[-1])


def _phrase_head(token):
    """The noun heading the noun phrase `token` modifies: the small parser often hangs a wh-determiner on a
    modifier ("Which future England player": on "future", itself a compound of "player"), but a noun phrase
    names what its last noun names, and modifiers come before it."""
    modifying = ("compound", "amod", "nmod")
    while token.dep_ in modifying and token.head.pos_ in ("NOUN", "PROPN") and token.head.i > token.i:
        token = token.head
    return token


def _role(tokens, wh: int) -> str | None:
    """The noun a copular question names its answer by: the wh-word (at `wh`) stands for the other side of
    "is", so "who is the president of FIFA?" asks for a president and "what was Tesla's revenue?" for a
    revenue. The question proper starts at its wh-word, after any phrase framing it ("According to The Age,
    what was Bloomberg's valuation of the tower?" asks for a valuation)."""
    # "be" as the main verb, not a passive's or a progressive's ("what was the company fined for?")
    if not any(t.lemma_ == "be" and t.dep_ not in ("aux", "auxpass") for t in tokens[wh : wh + 3]):
        return None
    for token in tokens[wh:]:
        if token.dep_ in ("nsubj", "attr") and token.pos_ in ("NOUN", "PROPN") and not token.ent_type_:
            return _noun(token)
    return None


def _next_noun(tokens, start: int) -> str | None:
    """The last noun of the noun phrase starting at `start` ("which football club" -> club; "which previously
    unknown gene" -> gene: modifiers, adverbs among them, come before the noun). A noun the one before does
    not hang from starts another phrase: the subject, where a clause keeps its word order ("how many hours
    Sullivan and Wang talked", as a request frames it: verdicts.unframed)."""
    noun = None
    last = None
    for token in tokens[start:]:
        if token.pos_ in ("NOUN", "PROPN") and token.lower_ not in STOPWORDS:
            if last is not None and token.dep_ in ("nsubj", "nsubjpass") and not token.is_ancestor(last):
                break
            noun, last = _noun(token), token
        elif (token.pos_ in ("ADJ", "ADV", "NUM", "DET", "PUNCT") or _modifying_participle(token)) and noun is None:
            continue
        else:
            break
    return noun


def _modifying_participle(token) -> bool:
    """A participle right before a noun modifies it ("receiving yards", "estimated cost"), whatever the small
    parser makes of it (it often reads "receiving" as a verb of its own)."""
    following = token.nbor() if token.i + 1 < len(token.doc) else None
    return token.tag_ in ("VBG", "VBN") and following is not None and following.pos_ == "NOUN"


# Nouns that name the form an answer takes, not what it is: "the name of the company", "what type of
# establishments", "the title of his new book" ask for a company, establishments, a book.
_FORM_NOUNS = frozenset("name title type kind sort".split())


def _noun(token) -> str:
    """A noun's lemma, or the whole word it is part of when English joins words with hyphens into one noun
    ("runner-up", "editor-in-chief", "co-founder"), as the lexical index keeps them; for a noun of form
    (`_FORM_NOUNS`), the noun it is of."""
    if token.lemma_.lower() in _FORM_NOUNS:
        of = [obj for prep in token.children if prep.lower_ == "of" for obj in prep.children if obj.dep_ == "pobj"]
        if of and of[0].pos_ == "NOUN":
            return _noun(of[0])
    document, first, last = token.doc, token.i, token.i

    def joined(hyphen: int) -> bool:  # "word-word": no space either side of the hyphen
        return document[hyphen].text == "-" and not (document[hyphen - 1].whitespace_ or document[hyphen].whitespace_)

    while first >= 2 and joined(first - 1):
        first -= 2
    while last + 2 < len(document) and joined(last + 1):
        last += 2
    if first == last:
        return token.lemma_.lower()
    return document[first : last + 1].text.lower()


_MODIFYING_CLAUSES = frozenset(("relcl", "acl", "advcl"))


def _speaker(tokens) -> tuple[str | None, bool, str | None]:
    """The subject of a reporting verb the question asks about: "What did X say", "How did X describe Y";
    whether it names a person; and the whole phrase it was read from.

    News introduces a speaker by organisation and title before the name ("Moomoo market strategist Jessica
    Amir", "co-founder Alexis Ohanian"): the speaker is the run of names holding the subject's own word, the
    head of its noun phrase, which the words before it only describe ("Everton owner Farhad Moshiri", where
    the small tagger may take the club for a person and the owner for an organisation); failing that, the
    subject's person, else its last run of proper nouns. A subject without any is a role ("the president").
    A pronoun names no one ("what did he tell Globes"): the person it stands for is among the question's
    names. A reporting verb in a clause that modifies a noun or sets the scene ("Who set the record, which
    the Times said Haaland was closing in on?") describes what the question is about; it asks for no one's
    words.
    """
    for token in tokens:
        if token.dep_ in _MODIFYING_CLAUSES:
            continue
        if token.lemma_.lower() in SPEECH_VERBS and token.pos_ in ("VERB", "AUX"):
            # The subject of a passive ("Which company was described as …") is what is spoken of, and its agent
            # ("… described by Joakim Kjemperud") who spoke; a subject holding the wh-word is what the question
            # asks for, not who spoke.
            agents = [obj for child in token.children if child.dep_ == "agent" for obj in child.children]
            subjects = [
                child
                for child in [*token.children, *agents]
                if child.dep_ in ("nsubj", "pobj") and not _wh_phrase_head(child)
            ]
            subjects.sort(key=lambda child: (child.pos_ != "PROPN", abs(child.i - token.i)))
            for subject in subjects[:1]:
                if subject.pos_ == "PRON":
                    return None, False, None
                own = _own_words(subject)
                words = [t for t in own if t.dep_ not in ("det", "punct", "case") and not t.tag_.startswith("W")]
                # A possessor is someone else ("Ann Lee's teammate"): not who spoke.
                possessors = {w.i for t in words if any(c.dep_ == "case" for c in t.children) for w in t.subtree}
                words = [t for t in words if t.i not in possessors]
                person = _run_of(subject, [t for t in words if t.ent_type_ == "PERSON"])
                proper = _run_of(subject, [t for t in words if t.pos_ == "PROPN"])
                if subject.pos_ == "NOUN" and not person and proper and subject not in proper:
                    # A common noun heading a phrase that names no person is a title; the names beside it say
                    # whose ("the Rovers coach", "the UNH researchers"), as a possessor does.
                    chosen = [t for t in words if t.head == subject and t.dep_ == "compound" and t.pos_ == "NOUN"]
                    chosen.append(subject)
                else:
                    chosen = next((run for run in (person, proper) if subject in run), person or proper or words)
                text = " ".join(t.text for t in chosen).strip()
                phrase = " ".join(t.text for t in own if not t.tag_.startswith("W") and t.dep_ not in ("aux", "punct"))
                return text or None, bool(text and any(t.ent_type_ == "PERSON" for t in chosen)), phrase or None
    return None, False, None


def _according_to(tokens) -> tuple[str | None, bool, str | None]:
    """The person a question is framed as "according to", with the phrase naming them: "According to Ofcom's
    online safety lead Gill Whitehead, what does the Act require?" asks what Whitehead says, as "what did
    Whitehead say" does. Of the phrase, the last run of PERSON words; an outlet or a report ("According to
    Business Line, …") is no one speaking, and is left out. A question framed by someone's view ("In
    Blinken's view, …", `_in_the_view_of`) asks what they say as well; the corpus tells (in `analyze`)
    whether its holder is a person, which the question's tagger often gets wrong ("Blinken" a place)."""
    for token in tokens:
        if token.lower_ == "according" and token.i + 1 < len(tokens) and tokens[token.i + 1].lower_ == "to":
            after = tokens[token.i + 2 :]
            # The frame runs to its clause's end: a hyphen is inside it ("Manchester United co-owner Jim Ratcliffe").
            phrase = list(itertools.takewhile(lambda t: not (t.text in _CLAUSE_ENDS or t.tag_.startswith("W")), after))
            source = _without_topics(phrase)
            own = [t for t in source if t.dep_ != "case"]  # "Lena Vogt's page": Lena Vogt
            person = _run_of(own[-1], [t for t in own if t.ent_type_ == "PERSON"]) if own else []
            if person:
                return " ".join(t.text for t in person), True, " ".join(t.text for t in source)
            return None, False, None
    holder = _in_the_view_of(tokens)
    if holder is None:
        return None, False, None
    phrase = [t for t in holder.subtree if t.dep_ != "case" and not t.is_punct]
    person = _run_of(holder, [t for t in phrase if t.ent_type_ == "PERSON"]) or [
        t for t in phrase if t.pos_ == "PROPN" and (t == holder or t.dep_ == "compound")
    ]
    return (
        (" ".join(t.text for t in person), False, " ".join(t.text for t in phrase)) if person else (None, False, None)
    )


# Prepositions that give what a piece of coverage is about: "a report on Donald Trump's wealth", "an
# investigation into the minister".
_ON_A_TOPIC = frozenset(("about", "on", "regarding", "concerning", "into", "over"))


def _without_topics(phrase: list) -> list:
    """A phrase naming a source without what the source is about: "The Age's report on Donald Trump's wealth"
    is The Age's report, which does not quote Trump; "an interview with Sam Altman" is his, and so is "a
    report on the ouster by Kara Swisher" Swisher's. A medium after "on" is where the source was published,
    not its topic: "a post on Donald Trump's Truth Social page" is his."""
    return [t for t in phrase if not _in_a_topic(t)]


def _in_a_topic(token) -> bool:
    """Whether the nearest preposition above a token gives a topic, not an author ("a statement from Joe Biden
    about Hunter Biden": Joe Biden is the author, Hunter Biden the topic). "against" always gives one ("a
    lawsuit against Elon Musk"), and "of" unless it hangs on the words themselves ("the remarks of the
    minister" are hers; "a biography of Elon Musk", "the trial of Sam Bankman-Fried" are about them)."""
    for above in token.ancestors:
        if above.dep_ != "prep":
            continue
        if above.lower_ in _AUTHORING:
            return False
        if above.lower_ in _ON_A_TOPIC and not _a_medium(above):
            return True
        if above.lower_ == "against" or (above.lower_ == "of" and above.head.lemma_.lower() not in _WORDS_SAID):
            return True
    return False


# Nouns for what someone said or wrote, whose "of" names the one who did: "the remarks of the minister".
_WORDS_SAID = frozenset("words remark comment statement testimony account speech letter post tweet memoir".split())


# What ends a clause's phrase.
_CLAUSE_ENDS = frozenset(",;:?!")
# Prepositions that give the author of a piece of coverage: "a report by Kara Swisher", "a post from the
# mayor", "an interview with Sam Altman".
_AUTHORING = frozenset(("by", "from", "with"))
# Where a piece is published, as "on" gives it: "a post on his Truth Social page", "a video on her channel".
_MEDIA = frozenset("page account feed channel show podcast site website blog platform programme program".split())


def _a_medium(preposition) -> bool:
    """Whether a preposition's object is a medium a piece is published on (`_MEDIA`)."""
    return any(child.dep_ == "pobj" and child.lemma_.lower() in _MEDIA for child in preposition.children)


# Nouns of a holder's perspective, which frame a question in a prepositional phrase ("In Blinken's view, …",
# "In the opinion of the governor, …") as "according to" does.
_PERSPECTIVES = frozenset("view opinion words eyes estimation assessment judgment judgement".split())


def _in_the_view_of(tokens):
    """The holder of a perspective a question is framed by ("Blinken" of "In Blinken's view,", "the governor"
    of "In the opinion of the governor,"), or None."""
    for token in tokens:
        if token.lower_ in _PERSPECTIVES and token.dep_ == "pobj" and token.head.lower_ == "in":
            holder = next((child for child in token.children if child.dep_ == "poss"), None)
            of = next((child for child in token.children if child.dep_ == "prep" and child.lower_ == "of"), None)
            if holder is None and of is not None:
                holder = next((child for child in of.children if child.dep_ == "pobj"), None)
            return holder
    return None


def _wh_phrase_head(token) -> bool:
    """Whether a token is a wh-word or the noun a wh-determiner picks ("which company")."""
    return token.tag_.startswith("W") or any(c.dep_ == "det" and c.tag_.startswith("W") for c in token.children)


def _own_words(phrase) -> list:
    """The words of a phrase's subtree outside any clause describing it: "the mayor, who was elected in May"
    is the mayor; the clause names others."""
    described = {w.i for t in phrase.subtree if t.dep_ in _MODIFYING_CLAUSES and t != phrase for w in t.subtree}
    return [t for t in phrase.subtree if t.i not in described]


def _run_of(subject, tokens: list) -> list:
    """The run of adjacent tokens among `tokens` (in document order) that holds the subject's own word, else
    the last run (a title or an employer comes before the name)."""
    runs: list[list] = []
    for token in tokens:
        if runs and runs[-1][-1].i + 1 == token.i:
            runs[-1].append(token)
        else:
            runs.append([token])
    return next((run for run in runs if subject in run), runs[-1] if runs else [])


def _done_by_the_wh_phrase(tokens) -> list:
    """The verbs whose active subject is the wh-phrase ("won" of "Who won the final?", "announced" of "Which
    agency announced the deal?"), outside clauses that describe something."""
    return [
        token
        for token in tokens
        if token.pos_ in ("VERB", "AUX")
        and token.dep_ not in _MODIFYING_CLAUSES
        and any(child.dep_ == "nsubj" and _wh_phrase_head(child) for child in token.children)
    ]


def _asks_who_spoke(tokens) -> bool:
    """Whether the question asks who said something: its wh-phrase is the subject of a reporting verb ("Who
    said the agreement was reached?", "Which agency announced the deal?"). News reports who said what with
    the speaker beside a reporting verb ("…, the State Department said"): only a sentence reporting speech
    says who spoke, however much of the rest it shares. "Write" with a work for its object tells who made
    the work ("Who wrote the screenplay?"), not who spoke; with words ("Who wrote the letter?") it reports."""
    return any(
        verb.lemma_.lower() in SPEECH_VERBS and not (verb.lemma_.lower() == "write" and _a_work(verb))
        for verb in _done_by_the_wh_phrase(tokens)
    )


def _a_work(verb) -> bool:
    """Whether a verb's object is a common noun other than words said or a piece of writing that reports
    them (_WORDS_SAID, _REPORTING_WRITINGS)."""
    return any(
        child.dep_ == "dobj" and child.pos_ == "NOUN" and child.lemma_.lower() not in _SAID_OR_REPORTING
        for child in verb.children
    )


# What someone writes to say something, as a statement is: "Who wrote the memo?" asks who said what it says.
_REPORTING_WRITINGS = frozenset("email e-mail memo note message report article opinion column essay op-ed blog".split())
_SAID_OR_REPORTING = _WORDS_SAID | _REPORTING_WRITINGS


def _asks_a_doer(tokens) -> bool:
    """Whether the question asks who or what did something: its wh-phrase is the active subject of a verb
    other than "be", "have" or "do" ("Who won Wimbledon?", "Which team beat Japan?"), not its object ("Who did
    Halep beat?") nor the other side of a copula ("Who is the CEO?")."""
    return any(
        verb.pos_ == "VERB" and verb.lemma_.lower() not in ("be", "have", "do")
        for verb in _done_by_the_wh_phrase(tokens)
    )


def _part_asked(document) -> str | None:
    """The wh-phrase's part in the act its main verb tells of (Query.part): its active subject or the doer after
    "by" is the doer; its object, or its subject in the passive, is what the act was done to."""
    lemma, verb = _main_verb(document), _main_verb_token(document)
    if verb is None or lemma is None or " " in lemma:  # no act ("be", "have", "do"), or a phrasal verb's
        return None
    root = next(token for token in document if token.dep_ == "ROOT")
    # A passive the parser misread hangs "by whom" on its "was" (_main_verb_token).
    holders = [verb, root] if root.lemma_ == "be" else [verb]
    for child in (child for holder in holders for child in holder.children):
        if (child.dep_ == "agent" or child.lower_ == "by") and any(_wh_phrase_head(c) for c in child.children):
            return "doer"
        if _wh_phrase_head(child) and child.dep_ in _PART_OF:
            return _PART_OF[child.dep_]
    return None


def _topic(tokens) -> str | None:
    """What a reporting verb of the question is asked about: the object of its "about", "on", "of",
    "regarding" or "concerning" ("What did Han say about Taiwan?", "What did she tell reporters on the
    deal?"); not a time ("on Monday"), which says when, nor the wh-word a stranded "about" also takes ("what
    … about"). The object's own words, without whose it is (`_own_phrase`): "Logan Paul's fiancée" is about
    the fiancée, not Logan Paul."""
    objects = (
        obj
        for verb in tokens
        if verb.lemma_.lower() in SPEECH_VERBS and verb.pos_ in ("VERB", "AUX")
        for preposition in verb.children
        if preposition.dep_ == "prep" and preposition.lower_ in _ABOUT
        for obj in preposition.children
        if obj.dep_ == "pobj" and obj.ent_type_ not in ("DATE", "TIME") and not obj.tag_.startswith("W")
    )
    topic = next(objects, None)
    return None if topic is None else _own_phrase(topic)


def _own_phrase(noun) -> str:
    """A noun with the words that tell what it is (compounds, modifiers, a name in apposition, a phrase or
    clause attached), in order: not its determiner or its possessor, which say whose it is; nor, inside it,
    the possessor of something named ("the investigation into China's defense chief Li" is about Li, whom
    "China's" only places)."""
    left = {t.i for child in noun.children if child.dep_ in ("poss", "det") for t in child.subtree}
    left |= {t.i for child in noun.subtree if _only_placing(child) for t in child.subtree}
    words = [t for t in noun.subtree if t.i not in left]
    return "".join(t.text_with_ws for t in words).strip()


def _only_placing(possessor) -> bool:
    """Whether a possessor only places something named after a title or a description ("China's defense chief
    Li"), rather than being part of a name ("the Women's World Cup", "St. John's Hospital")."""
    if possessor.dep_ != "poss" or not _named(possessor.head):
        return False
    after = max(t.i for t in possessor.subtree) + 1
    return after < len(possessor.doc) and not any(c.isupper() for c in possessor.doc[after].text)


def _named(noun) -> bool:
    """Whether a noun is a name (capitalised inside the question, whatever the small tagger makes of it), or a
    common noun a name stands in apposition to ("opposition leader Alexei Navalny")."""

    def a_name(token) -> bool:
        return token.pos_ == "PROPN" or (token.i > 0 and any(c.isupper() for c in token.text))

    return a_name(noun) or any(c.dep_ == "appos" and a_name(c) for c in noun.children)


_ABOUT = frozenset(("about", "on", "of", "regarding", "concerning"))


def _asks_for_a_description(tokens) -> bool:
    """ "Who is/was NAME?": the copula's other side is a name (an entity, not "Apple's CEO" or "the president
    of FIFA"), so the question wants to know what NAME is, and the answer is a description, not a name. The
    "be" is the copula itself, and the sides its own: in "Who is taking over now that Zhao is stepping
    down?" it only helps "taking", and Zhao is the subject of another clause."""
    copula = next((t for t in tokens[:3] if t.lemma_ == "be" and t.dep_ not in ("aux", "auxpass")), None)
    if copula is None:
        return False
    sides = [t for t in copula.children if t.dep_ in ("nsubj", "attr") and t.lower_ not in ("who", "whom")]
    return bool(sides) and all(
        t.ent_type_ and t.ent_type_ not in _NUMERIC and not any(c.dep_ == "poss" for c in t.children) for t in sides
    )


def _names(document) -> list[str]:
    names = [entity.text.removesuffix("'s") for entity in document.ents if entity.label_ not in _NUMERIC]
    run: list[str] = []
    for token in document:
        if token.pos_ == "PROPN":
            run.append(token.text)
            continue
        if run:
            names.append(" ".join(run))
        run = []
    if run:
        names.append(" ".join(run))
    return [name for name in names if terms(name)]


def _proper_names(tokens) -> list[str]:
    """Capitalised proper nouns past the first word: words the coverage must use if it can answer. A
    capitalised word inside a name the parser finds is one too, whatever part of speech it guessed ("the
    Labour candidate": an adjective to it, an organisation's name); a nationality ("Chinese") is not, as
    the coverage may name the country instead."""
    return [
        t.text
        for t in tokens[1:]
        if (t.pos_ == "PROPN" or t.ent_type_ in _NAMING) and t.text[:1].isupper() and terms(t.text)
    ]


_NAMING = frozenset("PERSON ORG GPE LOC FAC EVENT WORK_OF_ART PRODUCT LAW".split())


_NUMERIC = frozenset("DATE TIME PERCENT MONEY QUANTITY ORDINAL CARDINAL".split())


def speaker_fits(query: Query, speakers: list[str]) -> bool:
    """Whether a passage's speakers include the one asked about, in any case: one name holds all the words of
    the other, as news names a person in full and then in part ("Wang" and "Wang Yi"; "Smith", "Helen Smith"
    and "Chair Helen Smith"), with or without accents ("Pena" is "Peña": lexical.folded)."""
    if not query.speaker:
        return False
    wanted = set(folded(query.speaker.lower()).split())
    return any(
        wanted <= (said := set(folded(speaker.lower()).split()))
        or said <= wanted
        or _by_title_and_surname(query.text, query.speaker, speaker)
        for speaker in speakers
    )


# A title written short before a name: an acronym ("AG", "CEO") or an abbreviation ("Sen.", "Gov.", "Dr.").
_SHORT_TITLE = re.compile(r"[A-Z]{2,5}|[A-Z][a-z]{1,4}\.")


def _by_title_and_surname(question: str, asked: str, speaker: str) -> bool:
    """Whether a speaker is the person asked about named by a short title and their surname, where the
    question gives that title ("What did California AG Rob Bonta tell TechCrunch?": "AG Bonta told
    TechCrunch"; "Sen." where it gives "Senator", `_title_given`), as news names someone after the first
    mention; the tagger keeps the title in the name. A title the question does not give may be someone
    else's initials or honorific ("TJ Watt" is not JJ Watt, "Mr. Trump" not Melania Trump)."""
    words = speaker.split()
    return (
        len(words) >= 2
        and folded(words[-1].lower()) == folded(asked.split()[-1].lower())
        and all(_SHORT_TITLE.fullmatch(word) and _title_given(word, question) for word in words[:-1])
    )


def _title_given(title: str, question: str) -> bool:
    """Whether a question gives a short title, as written, in full ("Sen." for "Senator") or by the initials
    of its words ("AG" for "Attorney General")."""
    short = title.rstrip(".")
    words = re.findall(r"[A-Za-z][\w.]*", question)
    if any(word.rstrip(".") == short for word in words):
        return True
    if title.endswith(".") and any(word[0].isupper() and word.lower().startswith(short.lower()) for word in words):
        return True
    return short.isupper() and _initials_of(short, words)


def _initials_of(short: str, words: list[str]) -> bool:
    """Whether consecutive capitalised words of `words` begin with the letters of `short` in order."""
    return any(
        all(i + k < len(words) and words[i + k][:1] == letter for k, letter in enumerate(short))
        for i in range(len(words))
    )


# The forms of a number that tells instalments apart: "2", "5a" (Pixel 5a), and Roman numerals ("Part II",
# "Super Bowl LV").
_INSTALMENT = re.compile(r"\d{1,3}[a-z]?")
_ROMAN = re.compile(r"[IVXLC]{2,}")
_ORDINAL_NUMBER = re.compile(r"(\d{1,3})(?:st|nd|rd|th)")
# News writes a low ordinal in words ("the tenth season", "its third-quarter results").
_ORDINAL_WORDS = {
    word: str(number)
    for number, word in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth"
        " fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split(),
        start=1,
    )
}
_ORDINAL = rf"(\d{{1,3}}(?:st|nd|rd|th)|{'|'.join(_ORDINAL_WORDS)})"


def ordinal_number(word: str) -> str | None:
    """The number an ordinal stands for, in digits: "3" of "3rd" and of "third"."""
    match = _ORDINAL_NUMBER.fullmatch(word)
    return match.group(1) if match else _ORDINAL_WORDS.get(word.lower())


def _numbered(tokens) -> tuple[tuple[str, str], ...]:
    """The numbered instalments a question names: a noun followed by a number ("season 4", "Pixel 5a",
    "Game 5", "Part II") or led by an ordinal, in figures or in words ("the 94th Academy Awards", "the tenth
    season", "the second-quarter results"). News and the web tell a series' instalments apart by these
    numbers, and write about the neighbouring ones in the same words. A year is read as a year
    (Query.years); a number after a month is a day; one opening a tally ("3-2") or a percentage is no
    instalment."""
    found = []
    for i, token in enumerate(tokens):
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        ordinal = ordinal_number(token.text)
        if ordinal:
            if after is not None and after.text == "-" and i + 2 < len(tokens):
                after = tokens[i + 2]
            if after is not None and after.is_alpha and after.pos_ in ("NOUN", "PROPN"):
                found.append((after.lower_, ordinal))
            continue
        before = tokens[i - 1] if i else None
        if (
            before is None
            or not before.text.replace("-", "").isalpha()  # "Spider-Man 2"
            or before.pos_ not in ("NOUN", "PROPN")
            or before.lower_ in MONTHS
            or _YEAR.fullmatch(token.text)
            or (after is not None and (after.text in ("-", "\u2013", "%") or after.lower_ == "percent"))
        ):
            continue
        if _INSTALMENT.fullmatch(token.text) or (_ROMAN.fullmatch(token.text) and before.text[:1].isupper()):
            found.append((before.lower_, token.text.lower()))
    return tuple(dict.fromkeys(found))


def states_numbers(query: Query, text: str) -> int:
    """+1 if the text names every numbered instalment asked, -1 if it names one's series only by numbers not
    asked ("Season 3" for "season 4", "the 3rd season"), 0 if it names none of them. An instalment is one
    however written: "Season 10" is "the tenth season"."""
    asked: dict[str, set[str]] = {}
    for series, number in query.numbered:
        asked.setdefault(series, set()).add(number)
    confirmed = 0
    for series, numbers in asked.items():
        word = re.escape(series)
        before = rf"(?i:\b{_ORDINAL}[\s-]+{word})\b"
        after = rf"(?i:\b{word})\s+({_INSTALMENT.pattern}|{_ROMAN.pattern})\b(?![-\u2013]\d)"
        seen = {match.group(1).lower() for match in re.finditer(after, text)}
        ordinals = {(match.group(1), ordinal_number(match.group(1))) for match in re.finditer(before, text)}
        # An ordinal in words often names a neighbour to compare ("up from $23.3 billion in the first
        # quarter", "a year after his first impeachment"): it confirms the one asked, it rules out nothing.
        seen |= {number for written, number in ordinals if written[:1].isdigit() or number in numbers}
        if seen and not seen & numbers:
            return -1
        confirmed += bool(seen)
    return 1 if asked and confirmed == len(asked) else 0


def years_stated(text: str, written: int | None = None) -> set[str]:
    """The years a text states: in digits ("2019" of "the 2019 prize"), or, where the year it was written in is
    known, counted back or on from it ("last year", "a year ago", "two years ago", "next year"): news dates
    what is a year or two away by the year it is written in, so "Pogacar made history a year ago", written in
    2021, tells of 2020. A text comparing a figure now with one then ("52,000 visitors this summer, up from
    41,000 last year") states the year written too. Not "this year", the year written in, nor "a year
    later", which counts from the story's own time, nor a year of someone's ("his last year at Barcelona")
    or of the story's ("the next year").

    A search result's snippet opens with the date its page appeared (PAGE_DATE), which is not when what it
    tells of happened where its main clause dates it ("Jul 7, 2020 ... Shibuno won the 2019 Women's British
    Open", "Feb 5, 2022 ... Norway collected 39 medals in 2018"): then its page's year is not stated. A year
    in a clause of a backstory or a target ("Shibuno, who turned pro in 2018, won …", "a plant that will
    open by 2025") leaves the page's year stated."""
    opening = PAGE_DATE.match(text)
    body = text[opening.end() :] if opening else text
    stated = set(_YEAR.findall(body if opening and _main_clause_dated(body) else text))
    if written is not None:
        for match in _YEARS_AWAY.finditer(body):
            before = body[: match.start()].split()
            if match.group(1) and before and before[-1].lower() in _OWNING:
                continue
            which, count = (match.group(1) or "").lower(), (match.group(2) or "").lower()
            away = {"last": -1, "next": 1}.get(which) or -_COUNTS.get(count, int(count) if count.isdigit() else 0)
            stated.add(str(written + away))
            if _COMPARING.search(body):
                stated.add(str(written))
    return stated


def _main_clause_dated(text: str) -> bool:
    """Whether a year hangs from a sentence's main verb, not from a clause of its own (a relative clause, a
    participle describing a name, a reported statement, an aside)."""
    if not _YEAR.search(text):
        return False
    for token in parsed(text):
        if token.like_num and _YEAR.fullmatch(token.text):
            path = [token, *token.ancestors]
            if not any(word.dep_ in _CLAUSES_OF_THEIR_OWN for word in path):
                return True
    return False


_CLAUSES_OF_THEIR_OWN = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "appos", "pcomp", "parataxis"})


_COUNTS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
_YEARS_AWAY = re.compile(r"\b(?:(last|next) year|(a|one|two|three|four|five|\d) years? ago)\b", re.IGNORECASE)
# Words that make "last year" someone's or the story's own: "his last year at Barcelona", "the next year".
_OWNING = frozenset("the his her its their my our your this whose".split())
# How news compares a figure with another time's: "up from", "down from", "compared with", "than", "versus".
_COMPARING = re.compile(
    r"\b(?:up|down)\s+(?:\S+\s+)?from\b|\bcompared\s+(?:with|to)\b|\bthan\b|\bversus\b|\bvs\.?\s|year[- ]on[- ]year",
    re.IGNORECASE,
)


def written_in(context: str, date: str | None) -> int | None:
    """The year a passage was written in: its article's date (ISO, "2023-06-14"), else the page date a search
    result's snippet opens with (PAGE_DATE)."""
    if date and date[:4].isdigit():
        return int(date[:4])
    opening = PAGE_DATE.match(context)
    return int(opening.group().strip(" .\u2026")[-4:]) if opening else None


def states_years(query: Query, text: str, written: int | None = None) -> int:
    """+1 if the text states every year asked, -1 if it states only other years, 0 if it states none, or some
    of several asked ("the 2019 prize", asked why the 2018 and 2019 prizes were named together); `written` as
    in `years_stated`."""
    if not query.years:
        return 0
    stated = years_stated(text, written)
    if not stated:
        return 0
    if set(query.years) <= stated:
        return 1
    return 0 if stated & set(query.years) else -1


def mentions(query: Query, corpus, passages: list[str]) -> bool:
    """Whether the corpus can speak to the question: the question names something beyond the words that
    frame it (FRAMING), the corpus carries every outlet the question names as the source of a piece of
    coverage (what Bloomberg reported is not in a corpus without Bloomberg), and it uses every proper
    name in the question: in its text (a place's also as the word for its people: lexical.place_forms), as
    an outlet (by name or initials: "SMH"), or, for an acronym, spelt out in the passages found (news writes
    "Asia-Pacific Economic Cooperation" where a reader asks "APEC"). A month is not such a name: it often
    dates the coverage asked about ("the June 2023 feature"), which need not write it."""
    if all(term in FRAMING for term in terms(query.text)):
        return False
    if not all(corpus.carries(outlet) for outlet in outlets_named(query.text)):
        return False
    return not unmentioned(query, corpus, passages)


def unmentioned(query: Query, corpus, passages: list[str]) -> list[str]:
    """The question's proper names the corpus never uses, in any of the ways `mentions` accepts."""
    sources = {word for source in corpus.sources() for word in terms(source)}
    return [
        name
        for name in query.proper_names
        if name.lower() not in MONTHS
        and not (
            any(
                term in sources or any(corpus.document_frequency(form) > 0 for form in (term, *place_forms(term)))
                for term in terms(name)
            )
            or any(spells(name, text) for text in passages)
            or any(abbreviates(name, source) for source in corpus.sources())
        )
    ]


_ACRONYM = re.compile(r"[A-Z]{2,6}")
_CAPITALISED_RUN = re.compile(r"[A-Z][\w]*(?:(?:[\s\-]+(?:of|the|and|for)?[\s\-]*)[A-Z][\w]*)+")


def spells(acronym: str, text: str) -> bool:
    """Whether `text` writes out the name `acronym` abbreviates: a run of capitalised words with its initials."""
    return bool(spelled_out(acronym, text))


# A chief officer's title: CEO, CFO, COO, CTO.
_CHIEF_OFFICER = re.compile(r"C[A-Z]O")


def spelled_out(acronym: str, text: str) -> list[re.Match]:
    """The runs of capitalised words in `text` whose initials hold `acronym` (none if it is not one), or of
    lower-case words whose initials are exactly it: news spells out a title or a term of three letters or
    more in lower case ("chief financial officer" for CFO, "initial public offering" for IPO)."""
    if not _ACRONYM.fullmatch(acronym):
        return []
    found = []
    for run in _CAPITALISED_RUN.finditer(text):
        words = [w for w in re.split(r"[\s\-]+", run.group()) if w and w[0].isupper()]
        if acronym in "".join(w[0] for w in words):
            found.append(run)
    if len(acronym) >= 3:
        lower = r"\b" + r"[\s-]+".join(letter.lower() + "[a-z]+" for letter in acronym) + r"\b"
        found += [run for run in re.finditer(lower, text) if not set(run.group().split()) & STOPWORDS]
    if _CHIEF_OFFICER.fullmatch(acronym) and not found:  # "chief executive" for CEO: news drops the "officer"
        found = list(re.finditer(rf"\bchief[\s-]+{acronym[1].lower()}[a-z]+\b", text, re.IGNORECASE))
    return found


# Words for a piece of coverage: what a question names an outlet by ("a Bloomberg article", "a report by
# Reuters"). The vocabulary of news itself, not of any topic.
_PIECE = r"(?:article|report|review|feature|piece|story|column|coverage|interview)s?"
_CAPITALISED = r"['\"\u2018\u201c]?[A-Z][\w&.'\-]*['\"\u2019\u201d]?"
_OUTLET_BEFORE = re.compile(rf"\b(?:a|an|the)\s+((?:{_CAPITALISED}\s+){{1,5}}){_PIECE}\b")
_OUTLET_AFTER = re.compile(
    rf"\b{_PIECE}\s+(?:by|from|in)\s+((?:[Tt]he\s+)?{_CAPITALISED}(?:\s+(?:{_CAPITALISED}|&|-|\|))*)"
)
_CARRIED = re.compile(
    rf"\b(?:a|an|the)\s+((?:{_CAPITALISED}\s+){{1,5}}){_PIECE}\s+(?:run|published|carried|republished|syndicated)"
    rf"\s+(?:by|in)\s+((?:[Tt]he\s+)?{_CAPITALISED}(?:\s+(?:{_CAPITALISED}|&|-|\|))*)"
)


def publication(outlet: str) -> str:
    """The publication an outlet belongs to: "The Independent - Sports" is a section of "The Independent"."""
    return re.split(r"\s+[-|:]\s+", outlet)[0]


@lru_cache(maxsize=4096)  # asked of every outlet the corpus carries, for every question
def initials(outlet: str) -> str | None:
    """The initials a publication is known by, if its name has three words or more: readers write "SMH" for
    The Sydney Morning Herald, "NYT" for The New York Times, "VOA" for Voice of America (a leading "The" is
    no initial). Two letters name too many other things to stand for an outlet ("GM", "BP", "PA")."""
    name = publication(outlet).removeprefix("The ")
    words = [word for word in re.split(r"[\s\-]+", name) if word[:1].isupper() or word == "of"]
    return "".join(word[0].upper() for word in words) if len(words) >= 3 else None


def abbreviates(name: str, outlet: str) -> bool:
    """Whether a name in capitals is the outlet's initials (`initials`), as written: "SMH", not "smh"."""
    return name == initials(outlet)


def outlets_named(question: str) -> list[str]:
    """The outlets a question names as the source of a piece of coverage: "a Bloomberg article", "an article
    by The Guardian", "a report from Reuters" (only where the naming is unambiguous). A piece one outlet
    wrote and another ran ("an AP story run by Fortune", "a Bloomberg story published by Fortune") is the
    coverage of the one that ran it: news outlets carry the wires' and each other's stories under their own
    name, so the corpus need not carry the one that wrote it. A month or a weekday is when, not who: "did
    Tesla report in July" names no outlet."""
    carried = list(_CARRIED.finditer(question))
    origins = {m.group(1).strip() for m in carried}
    found = [m.group(1) for m in _OUTLET_BEFORE.finditer(question) if m.group(1).strip() not in origins]
    found += [m.group(2) for m in carried]
    found += [m.group(1) for m in _OUTLET_AFTER.finditer(question)]
    quotes = " '\"\u2018\u2019\u201c\u201d"
    cleaned = [re.sub(r"\s+(?:and|or|&|-|\|)$", "", name.strip(quotes)).strip(quotes) for name in found]
    return list(dict.fromkeys(name for name in cleaned if name and not _a_time(name)))


def _a_time(name: str) -> bool:
    """Whether a capitalised phrase is a month or a weekday, written in full or short ("July", "Sept.",
    "January-March"), not a name holding one ("The Sunday Times")."""
    words = [word.rstrip(".").lower() for word in re.split(r"[\s\-\u2013]+", name) if word]
    return bool(words) and all(word in _TIMES for word in words)


_TIMES = frozenset(MONTHS) | frozenset(WEEKDAYS) | {m[:3] for m in MONTHS} | {"sept", "tues", "thurs"}


def answerable_in_years(query: Query, text: str, context: str, date: str | None) -> bool:
    """Whether a sentence may answer a question about given years: its article is dated in one of them, it
    or its passage states one, or nothing about it is dated at all. News about 2019 does not answer for
    2020, and a passage about another year is not evidence for the one asked. But a year often dates the
    coverage a question asks about ("Live Science's June 2023 feature", "according to Yardbarker in
    November 2023"), and that coverage may state other years ("by 2024"): an article dated in a year asked
    may always answer, its stated years weighed by the reader (reader.year_features). A year is stated in
    digits or counted from the year the passage was written in ("last year": `years_stated`)."""
    if not query.years:
        return True
    if dates_another_edition(query, text):
        return False
    if query.dated_in(date):
        return True
    written = written_in(context, date)
    stated = years_stated(text, written) or years_stated(context, written)
    if stated:
        return bool(stated & set(query.years))
    return date is None


# A search result's snippet opens with its page's date: "Mar 3, 2014 ... It's video game legend now ...".
PAGE_DATE = re.compile(r"\s*[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4}\s*(?:\.\.\.|\u2026)")


def dates_another_edition(query: Query, sentence: str) -> bool:
    """Whether a sentence dates the act a question asks about, told by the question's verb, by years the
    question does not ask and by none it asks: "Daniil Medvedev won his first major at the US Open in 2021"
    tells of the 2021 edition, not of the 2022 one asked, though the page it is on is dated 2022.

    A year dates an act when the parse hangs it from the act's verb through prepositions and adverbials
    ("won … in 2021"), the verb telling the sentence's own act, not one in a clause describing someone ("Ortiz,
    who won in 2021, won again on Sunday"); a year describing a person or thing ("defending 2021 champion")
    dates no act, and one opening a search result dates its page. A question asking when dates the act by its
    answer, and a year it gives dates something else: the coverage ("According to Yardbarker in November
    2023, in what year can the Giants cut him?")."""
    if not query.verb or " " in query.verb or asks_a_date(query) or not _uses_verb(query.verb, sentence):
        return False
    document = parsed(sentence)
    acts = {
        token.i
        for token in document
        if token.pos_ == "VERB" and token.dep_ not in _DESCRIBING and _uses_verb(query.verb, token.text)
    }
    opening = PAGE_DATE.match(sentence)
    dating = set()
    for year in _YEAR.finditer(sentence, opening.end() if opening else 0):
        span = document.char_span(year.start(), year.end(), alignment_mode="expand")
        verb = _verb_dating(span, acts) if span is not None else None
        if verb is not None and (verb.i in acts or (verb.dep_ == "xcomp" and verb.head.i in acts)):
            dating.add(year.group())
    return bool(dating) and dating.isdisjoint(query.years)


# The clauses that describe a name rather than tell the sentence's act ("Ortiz, who won in 2021, …").
_DESCRIBING = frozenset({"relcl", "acl"})
# The dependencies a date hangs from its verb by: a preposition and its object, or an adverbial ("on Sunday",
# "in 2021", "Sunday", "last year").
_DATING = frozenset({"pobj", "prep", "npadvmod", "advmod", "nummod", "compound", "tmod"})


def _verb_dating(span, acts: set[int]):
    """The verb a date at `span` dates, up through the words giving a date (_DATING), past a participle that
    only introduces it (`_introduces`) unless it is one of the `acts` asked about; None where the date
    describes a noun instead ("defending 2021 champion")."""
    above = span.root
    while above.head.i != above.i and above.dep_ in _DATING:
        above = above.head
        if above.pos_ in ("VERB", "AUX") and (above.i in acts or not _introduces(above, span)):
            return above
    return None


def _introduces(verb, span) -> bool:
    """Whether a participle only introduces the date or place below it, as a preposition does ("an import ban
    starting December 26th", "new fares take effect beginning March 3"): it has no subject or object of its
    own, and every word it governs is the entity's. News dates when an act starts or ends so; the act is the
    verb above."""
    return verb.tag_ in ("VBG", "VBN") and all(
        span.start <= child.i < span.end or child.dep_ == "punct" for child in verb.children
    )


# A period named relative to the time of writing: "last year", "this season's", "next week".
_RELATIVE_PERIOD = re.compile(r"\b(last|this|next)\s+(year|season|month|week)\b", re.IGNORECASE)


def of_the_period_asked(query: Query, text: str) -> bool:
    """Whether a sentence may answer about a past or coming period a question names relative to now ("how
    many tickets did the festival sell last year?"): not if it speaks of the present one of that kind and
    not of the one asked ("This year's festival … sold 212,000 tickets"). News marks this year's figure so,
    and it is not last year's. The converse does not hold: a sentence about this year names last year as
    often to compare ("up from 52,000 last year"), so "this year" asked rules nothing out."""
    if not query.periods:
        return True
    stated = periods_stated(text)
    return bool(stated & set(query.periods)) or not any(("this", unit) in stated for _, unit in query.periods)


# The divisions a contest is split into, on two axes: whom it is for and how many play a side. A division is
# named by the possessive ("men's", "the ladies' final") or a word only divisions use ("singles").
_DIVISIONS = (
    {
        "men": re.compile(r"\b(?:gentle)?men(?:['\u2019]s|s\b)", re.IGNORECASE),
        "women": re.compile(r"\b(?:wo)men(?:['\u2019]s|s\b)|\bladies\b", re.IGNORECASE),
        "boys": re.compile(r"\bboys['\u2019]", re.IGNORECASE),
        "girls": re.compile(r"\bgirls['\u2019]", re.IGNORECASE),
        "mixed": re.compile(r"\bmixed\s+(?:doubles|relay|team)", re.IGNORECASE),
    },
    {
        "singles": re.compile(r"\bsingles\b", re.IGNORECASE),
        "doubles": re.compile(r"\bdoubles\b", re.IGNORECASE),
    },
)


# A division named in passing by its players alone ("The women received $4 million"): stated, never asked so.
_PLAYERS = {"men": re.compile(r"\bmen\b", re.IGNORECASE), "women": re.compile(r"\bwomen\b", re.IGNORECASE)}


def of_the_division_asked(query: Query, text: str) -> bool:
    """Whether a sentence may answer about the division of a contest a question names ("the men's singles at
    Wimbledon"): not if it names only other divisions of the same kind ("won the ladies' singles title").
    Sport splits one tournament into contests by sex and by the number on a side, and coverage of one names
    the others in the same words, so a winner of another division matches everything but the division. A
    sentence naming no division may be about the one asked."""
    for axis in _DIVISIONS:
        asked = {name for name, pattern in axis.items() if pattern.search(query.text)}
        stated = {name for name, pattern in axis.items() if pattern.search(text)}
        stated |= {name for name, pattern in _PLAYERS.items() if name in axis and pattern.search(text)}
        if asked and stated and not asked & stated:
            return False
    return True


def periods_stated(text: str) -> set[tuple[str, str]]:
    """The periods a text names relative to now: ("this", "season") of "this season's"."""
    return {(which.lower(), unit.lower()) for which, unit in _RELATIVE_PERIOD.findall(text)}


def of_the_instalment_asked(query: Query, text: str, context: str) -> bool:
    """Whether a sentence may answer about the numbered instalments a question names ("the 94th Academy
    Awards", "season 4"): not if it, or failing any number in it its passage, names their series by other
    numbers only. The web writes about a series' neighbouring instalments in the same words, and "best
    picture at the 90th Academy Awards" tells of another year's winner however well it matches; a passage
    naming no number may be about any of them. As with years (answerable_in_years), a sentence's own number
    outweighs its passage's."""
    return (states_numbers(query, text) or states_numbers(query, context)) >= 0


def names_role(query: Query, text: str) -> bool:
    """Whether a passage uses the title a "who is the X" question names its answer by (always true without one):
    the mayor is found where a text says "mayor", not wherever a person is named."""
    if not query.role or set(terms(query.role)) & set(terms(text)):
        return True
    # A title asked by its acronym is found where a passage spells it out ("chief financial officer"); the
    # question may write a chief officer's in lower case ("who is the ceo of …").
    acronym = query.role.upper()
    asked_so = re.search(rf"\b{re.escape(acronym)}\b", query.text) or _CHIEF_OFFICER.fullmatch(acronym)
    return bool(asked_so) and spells(acronym, text)


# A caption places the people pictured ("Antony Blinken (L) and Han Zheng", "(2nd from R)", "(center)").
_PICTURE_POSITION = re.compile(
    r"[A-Z][\w.'\-]*\s+\((?:(?:\d(?:st|nd|rd|th)|second|third)\s+(?:from\s+)?)?(?:L|R|C|[Ll]eft|[Rr]ight|[Cc]ent(?:er|re))\)"
)
# The words a question about a photo uses for it.
_PICTURE_WORDS = frozenset(terms("photo photograph picture pictured image pose posing"))
# A photo's credit closes its caption's paragraph: in brackets after the last full stop ("(AP/Kyodo)", "(Image
# credit: NASA)"), or on a line of its own ("Photograph: Adam Vaughan/EPA"). An aside in brackets is a sentence
# of its own ("(She was not involved in the study.)"), and an article's credit line names its reporters
# ("(Reporting by …; Editing by …)").
_PHOTO_CREDIT = re.compile(
    r"^[ \t]*(?:\n[ \t]*)?(?:\((?![^()]*(?:\bby\b|;))[^()\n]{2,60}(?<![.!?])\)[ \t]*(?:\n|$)"
    r"|(?:Photograph|Photo|Picture|Image|Credit)s?(?: credit)?\s*:)"
)


def beyond_the_picture(query: Query, sentence: str, after: str) -> bool:
    """Whether a sentence is a photo caption (it places the people pictured, or a photo credit follows it in
    its paragraph, `after` being the text that follows it) that cannot answer the question.

    A caption says who is pictured, doing what, where and when the photo was taken: it answers a question
    about that moment ("when were they photographed shaking hands?"), which shares with it a word besides the
    names or speaks of the picture ("when were they pictured together?"), not one about the people pictured
    ("where was Han born?", "when did Blinken become Secretary of State?"), to which its place and date
    would give a wrong answer. A question that says nothing but names (its content) may be about the
    picture."""
    if not query.content or not (_PICTURE_POSITION.search(sentence) or _PHOTO_CREDIT.match(after)):
        return False
    # Its words besides the names and titles of those pictured ("Mayor Lena Brandt") tell what they are doing.
    shown = terms(" ".join(word for word in sentence.split() if not word[:1].isupper()))
    return set(query.content).isdisjoint({*shown, *_PICTURE_WORDS})


# Verbs that name no event of their own: a light verb's object does ("take place", "go on sale", "hold talks",
# "host the summit", "reach an agreement", "conduct a review"), or its subject where it only stages one ("the
# final will be played", "the agreement was reached", "the summit is held": `_staged`), as do "happen" and
# "occur", a copula's complement ("become mayor"), an aspectual verb's subject ("the strike began", which news
# also says "started", "got under way"), a verb of intent's complement ("expected to open", "scheduled for Friday"), and
# a verb of outcome's object (a prize or a contest "won", which news lists under its name: "Golden Quill
# Award: Mara Lind", "accepted the award", "the 2019 champion").
_EVENTLESS_VERBS = frozenset(
    """take make get give go come put hold reach conduct play stage happen occur become begin start end finish
    complete continue expect plan schedule intend hope aim win host""".split()
)


def names_event(query: Query, passage: str) -> bool:
    """Whether a passage may date, place or name the agent of the event a question asks the date, place or
    agent of (always true for other questions).

    A date or place in news is that of the event its clause tells of, and a passage names the events it dates
    and places: "Nordvik said on Thursday that its profit rose" dates the report, not the company's founding,
    and no passage that never speaks of a founding can say when it was, nor one that never speaks of a birth
    where someone was born. So too for who did something (`_asks_an_agent`): a passage that never speaks of
    refereeing names players, not the referee. So asked when, where or by whom something was done by a verb
    that names it ("When was the union founded?", "In what year did she join NASA?", "Where will the final be
    broadcast?", "Who directed the film?"), a passage must use that verb in some form, or a word of its stem
    ("founding", "photos" for "photographed", "director") or the noun made from it ("death" for "die":
    _EVENT_NOUNS). Verbs that name no event themselves (_EVENTLESS_VERBS) ask for the event their subject
    names, if a common noun does ("When was the funeral held?": a passage on the funeral, "the funeral on
    Friday"); phrasal verbs ("rule out") ask for nothing to be found.

    News also names an event in other words ("published" for a game "released"), so the answerer asks this
    of all the passages found, not of each: where none names the event, none can date, place or name its
    agent."""
    if (
        not query.verb
        or " " in query.verb  # a phrasal verb's meaning is not its verb's, so news says it in other words
        or not (asks_a_date(query) or _asks_a_place(query) or _asks_an_agent(query))
        or not _PICTURE_WORDS.isdisjoint(terms(query.verb))  # a caption is the picture, rarely saying so
    ):
        return True
    if query.verb in _EVENTLESS_VERBS and not query.staged:
        return True
    return _tells_of_the_event(query, passage) or (
        query.capacity is not None and _shares_stem(terms(query.capacity), _words_in(passage))
    )


def in_the_event_asked(query: Query, sentence: str, start: int, end: int) -> bool:
    """Whether the date or place at sentence[start:end] may be that of the event a question asks the date or
    place of, by the sentence's grammar, where the sentence tells of that event by its verb (or by the noun
    a verb naming no event stages: "talks", asked where someone held talks).

    A date or place belongs to the clause it stands in: "Nordvik, founded in Bergen, said on Thursday …"
    dates the saying, and "founded in 1998 and listed in 2010" dates the listing by 2010. So the entity must
    hang from the event's verb: the first verb above it in the parse is that verb, or one it completes ("plans
    to open in May", "is expected to open in May"), unless a noun of the event stands between ("its founding
    in 1998", "talks in Malta"), or it opens a report whose attribution closes the sentence ("On Monday, the
    festival named Ortiz its director, organisers said"), which the parser takes for the verb above all. And
    the event is of whom the question names: where the verb's parties name someone, none of them a name the
    question gives ("Halvorsen Marine, founded in 1987", asked when Nordvik was founded), the sentence dates
    or places someone else's event. A sentence telling of the event in other words is judged only where the
    date or place is plainly another's: a report's (`_dates_a_report`) or others' act's (`_dates_anothers_act`)."""
    if not _event_judged(query):
        return True
    if not _tells_of_the_event(query, sentence):
        return not (_dates_a_report(query, sentence, start, end) or _dates_anothers_act(query, sentence, start, end))
    document = parsed(sentence)
    nouns = {token.i for token in document if token.pos_ == "NOUN" and _tells_of_the_event(query, token.text)}
    events = [token for token in document if token.pos_ == "VERB" and _uses_verb(query.verb, token.text)]
    if query.verb in _EVENTLESS_VERBS:  # and the verbs staging the event's noun: "had talks", "the summit, set"
        events += [verb for i in nouns if (verb := _verb_above(document[i])) is not None]
        events += [c for i in nouns for c in document[i].children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB"]
    span = document.char_span(start, end, alignment_mode="expand")
    if not events or span is None:
        return True
    asked = {event.i for event in events}
    above = span.root
    while above.head.i != above.i:  # spaCy makes a new Token on each access: compared by position
        above = above.head
        if above.i in nouns:
            return True
        if above.pos_ in ("VERB", "AUX") and (above.i in asked or not _introduces(above, span)):
            break
    else:
        return True  # no verb above it: a heading or a fragment
    if _at_the_same_time(above) and above.head.i in asked:
        above = above.head
    above = _clefted(above) or above
    governed = [event for event in events if above.i in (event.i, event.head.i if event.dep_ == "xcomp" else -1)]
    if not governed and _closing_attribution(above, events):
        return True
    return any(not _of_another_named(query, event) for event in governed)


def _clefted(be):
    """The verb whose date or place an it-cleft puts first ("it was not until 1863 … that Lincoln declared",
    "It was in Oslo that the ministers met"): "be" with "it" for its subject, and a "that" clause, which the
    parser hangs from it or it from. None for any other verb."""
    if be.lemma_ != "be" or not any(child.dep_ == "nsubj" and child.lower_ == "it" for child in be.children):
        return None
    if any(child.dep_ == "acomp" for child in be.children):
        return None  # "It was clear in March that …" says when it was clear
    if be.dep_ == "ccomp" and be.head.pos_ == "VERB" and _opened_by(be.head, _THAT):
        return be.head
    return next(
        (child for child in be.children if child.dep_ in ("ccomp", "advcl", "relcl") and _opened_by(child, _THAT)),
        None,
    )


_THAT = frozenset(("that",))


def _opened_by(verb, conjunctions: frozenset[str]) -> bool:
    """Whether the clause a verb heads is opened by one of `conjunctions` ("that", "while")."""
    return any(child.dep_ == "mark" and child.lower_ in conjunctions for child in verb.children)


# The conjunctions that set a clause at the time of the one it hangs from ("shake hands while posing for photos").
_MEANWHILE = frozenset(("while", "as", "when"))


def _at_the_same_time(verb) -> bool:
    """Whether a clause happens when and where the act it hangs from does: one opened by "while", "as" or
    "when" ("shake hands while posing for photos in New York on Sept. 18"). "After" or "before" sets another
    time, and so, as often as not, does a participle with no conjunction ("joined Apple in 1998, becoming CEO
    in 2011")."""
    return verb.dep_ == "advcl" and _opened_by(verb, _MEANWHILE)


def _dates_anothers_act(query: Query, sentence: str, start: int, end: int) -> bool:
    """Whether the date or place at sentence[start:end] hangs from an act whose parties name someone or
    something and none a name the question gives (`_of_another_named`), in a sentence that does not tell of the
    event asked: "Kamikawa to meet Blinken on Sept. 18" dates their meeting, not the summit asked about. A
    pronoun among the parties may stand for anyone, the one asked about too."""
    return _anothers_act(query, _dating_verb(sentence, start, end))


def lasts_anothers_act(query: Query, sentence: str, start: int, end: int) -> bool:
    """Whether the length at sentence[start:end] is how long an act went on whose parties name someone or
    something and none a name the question gives: "Sullivan and Wang had hours of talks" says how long their
    talks ran, not a meeting of Blinken and Han asked about. A length is the object of its act as often as it
    hangs from it ("had 12 hours of talks", "talked for 12 hours"). Only a question naming people is read so:
    one naming an event ("How long did the Apollo 11 mission last?") is answered by those taking part in it
    ("Armstrong, Aldrin and Collins spent eight days in space")."""
    span = parsed(sentence).char_span(start, end, alignment_mode="expand") if query.people else None
    if span is None:
        return False
    return _anothers_act(query, _verb_dating(span, set()) or _verb_above(span.root))


def _anothers_act(query: Query, verb) -> bool:
    """Whether a verb tells an act of others than those the question names (`_of_another_named`). A pronoun
    among the parties may stand for the one asked about ("Inter Miami signed him in July 2023")."""
    if verb is None or verb.pos_ != "VERB":
        return False
    return not any(party.pos_ == "PRON" for party in _parties(verb)) and _of_another_named(query, verb)


def _dates_a_report(query: Query, sentence: str, start: int, end: int) -> bool:
    """Whether the date or place at sentence[start:end] hangs from a reporting verb ("the school announced on
    Saturday", "officials said in Lansing") in a sentence that does not tell of the event asked: it dates or
    places the report. News reports each fact with when it was announced, which is not when what was
    announced happened ("Michigan State has hired Smith, the school announced on Saturday" does not say when
    Smith played quarterback). Asked when someone said or announced something, the report is the event, as
    is announcing a thing (its object a noun: "Apple announced the Vision Pro on June 5")."""
    verb = None if query.verb in SPEECH_VERBS else _dating_verb(sentence, start, end)
    if verb is None or verb.lemma_.lower() not in SPEECH_VERBS:
        return False
    # "Apple announced the Vision Pro on June 5": announcing a thing, not reporting a clause, is an act.
    return not any(child.dep_ == "dobj" and child.pos_ in ("NOUN", "PROPN") for child in verb.children)


def _dating_verb(sentence: str, start: int, end: int):
    """The verb the date or place at sentence[start:end] dates or places (`_verb_dating`), if any."""
    span = parsed(sentence).char_span(start, end, alignment_mode="expand")
    return _verb_dating(span, set()) if span is not None else None


def _verb_above(noun):
    """The first verb above a noun in the parse, through the nouns and prepositions between: the verb that
    stages an event its noun names ("had talks", "had 12 hours of talks")."""
    above = noun.head
    while above.pos_ in ("NOUN", "PROPN", "ADP", "NUM", "ADJ") and above.head.i != above.i:
        above = above.head
    return above if above.pos_ in ("VERB", "AUX") else None


def _closing_attribution(verb, events) -> bool:
    """Whether a reporting verb and its subject close the sentence after an event's verb ("On Monday, the
    festival named Ortiz its director, organisers said"): the report comes first, and what opens it is the
    report's, though the parser hangs it on the attribution. One speaking before the report ("Nordvik,
    founded in Oslo, said on Monday …") is the subject of its own clause, dated by what hangs from it."""
    speakers = [child.i for child in verb.children if child.dep_ == "nsubj"]
    return verb.lemma_ in SPEECH_VERBS and bool(speakers) and any(event.i < min(speakers) for event in events)


def _event_judged(query: Query) -> bool:
    """Whether in_the_event_asked judges the question: it asks the date or place of an event told by a verb
    of its own or by the noun a verb naming no event stages ("When will the talks be held?"; names_event),
    not by a phrasal verb."""
    return (
        bool(query.verb)
        and " " not in query.verb
        and (query.verb not in _EVENTLESS_VERBS or bool(query.staged))
        and (asks_a_date(query) or _asks_a_place(query))
    )


def _tells_of_the_event(query: Query, text: str) -> bool:
    """Whether a text tells of the event asked about in the question's words: its verb in some form, or the
    noun a verb naming no event stages (names_event), or, asked who made something, its credit (`_credited`)."""
    if query.verb in _EVENTLESS_VERBS:
        return _shares_stem(terms(query.staged or ""), _words_in(text))
    return _uses_verb(query.verb, text) or _credited(query, text)


def _credited(query: Query, text: str) -> bool:
    """Whether a text credits what a verb of making made to someone after "by" ("a screenplay by J. F.
    Lawton", asked who wrote it): news names a work's maker so. Another act's doer is not named so ("a
    painting by Picasso" says nothing of who bought it), nor is a deadline ("by Friday")."""
    if query.made is None or query.verb not in _MAKING:
        return False
    credit = re.search(rf"\b{re.escape(query.made)}s?,?\s+by\s+([A-Z][a-z]*)", text)
    return credit is not None and credit.group(1).lower() not in (*MONTHS, *WEEKDAYS)


# Verbs of making a work, whose maker news credits after "by".
_MAKING = frozenset("write direct compose design paint draw create invent illustrate photograph sculpt author".split())


def _of_another_named(query: Query, event) -> bool:
    """Whether an event verb's parties (its subject and object, the doer after "by", or the name its clause
    describes) name someone or something, and none of them is a name the question gives: the event is then
    another's. Either party may be the one asked about ("When was GPT-3 released?": "OpenAI released GPT-3
    in June 2020"). A party naming a series asked about by another number is another instalment's ("Diablo 3
    was released May 2012, Diablo 4 might be a 2022 game", asked when Diablo 4 came out)."""
    asked = set(terms(" ".join(query.names + query.proper_names)))
    if not asked:
        return False
    parties = _parties(event)
    naming = [party for party in parties if not asked.isdisjoint(terms(_entity_of(party)))]
    if any(states_numbers(query, _phrase(party)) >= 0 for party in naming):
        return False
    if naming:  # each names another of the numbered instalments asked about ("Diablo 3", asked about Diablo 4)
        return True
    return any(party.ent_type_ in NAME_LABELS and party.pos_ == "PROPN" for party in parties)


_SUBJECTS = frozenset({"nsubj", "nsubjpass"})


def _parties(event) -> list:
    """An event verb's parties: its subject and object, the doer after "by", and the name its clause describes;
    a verb joined to another by "and" shares that one's ("founded in 1962 and listed in 2010"), unless it has a
    name of its own for its subject ("India beat New Zealand …, and Australia beat South Africa …"): a pronoun
    or a noun may refer back ("…, and the billionaire bought Twitter")."""
    first = event
    while (
        first.dep_ == "conj"
        and first.head.i != first.i
        and not any(child.dep_ in _SUBJECTS and child.pos_ == "PROPN" for child in first.children)
    ):
        first = first.head
    parties = [child for verb in (event, first) for child in verb.children if child.dep_ in _PARTIES]
    parties += [grandchild for child in parties if child.dep_ == "agent" for grandchild in child.children]
    if first.dep_ in ("acl", "relcl"):  # "Halvorsen Marine, founded in 1987", "Tidewell, which was founded"
        parties.append(first.head)
    return parties


def _phrase(token) -> str:
    """The words of the phrase a token heads ("Diablo 3" of "Diablo")."""
    return token.doc[token.left_edge.i : token.right_edge.i + 1].text


def of_another_instalment(query: Query, sentence: str, start: int, end: int) -> bool:
    """Whether the date or place at sentence[start:end] is of an act whose parties name a numbered series the
    question asks about only by other numbers ("Diablo 3 … was released May 2012", asked when Diablo 4 came
    out): that act is another instalment's, whatever verb the question tells its own in."""
    verb = _dating_verb(sentence, start, end) if query.numbered else None
    if verb is None:
        return False
    asked = {series for series, _ in query.numbered}
    # The party must be the series itself: "the sequel to Harbor Quest 3" is another game, maybe the one asked.
    naming = [party for party in _parties(verb) if party.lower_ in asked]
    return bool(naming) and all(states_numbers(query, _phrase(party)) < 0 for party in naming)


# The part in an act each dependency of its verb's parties plays: the active subject does it; the object, or the
# passive subject, has it done to them.
_PART_OF = {"nsubj": "doer", "nsubjpass": "done_to", "dobj": "done_to"}


def in_the_part_asked(query: Query, sentence: str, start: int, end: int) -> bool:
    """Whether the entity at sentence[start:end] plays, in an act the sentence tells of by the question's verb,
    the part the question's wh-phrase plays in it (Query.part).

    News tells who did what by its grammar, and a sentence naming several people or bodies says which of them
    acted: asked "Who won the Masters?", "Hideki Matsuyama wins the 2021 Masters" names the winner as the
    subject of "win", where "The Masters runs April 8-11 at Augusta National Golf Club", sharing as many words,
    names only its venue. The subject of a passive is what the act was done to, and "by" names its doer ("the
    title, won by Matsuyama"); a relative pronoun stands for the noun its clause describes ("Matsuyama, who won
    …"), and a verb completing another or joined to it by "and" shares that verb's subject ("beat Rose to win
    the title"). An act whose other parties name none of what the question names is another's ("Lund founded
    Tidewell", asked who founded Harbor Air: `_anothers_with`), and an act told as not done is no one's
    (`_not_done`: "has never won the Masters", "could win", "failed to win"), unless the question asks so
    ("Who could replace Powell?": `_as_asked`)."""
    if not query.part or not _uses_verb(query.verb, sentence):  # a part is read only of a one-word verb
        return False
    document = parsed(sentence)
    span = document.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    inside = range(span.start, span.end)
    for verb in document:
        if verb.pos_ != "VERB" or not _uses_verb(query.verb, verb.text):
            continue
        players = _playing(verb, query.part)
        if any(token.i in inside for token in players) and not _anothers_with(query, verb, players):
            if _as_asked(query) or not _not_done(verb):
                return True
    return False


# Auxiliaries that tell an act as possible, not done ("could win"; "will win" tells what is to come, and
# "would" as often a past to come or reported speech: "who would go on to win", "said Warsh would replace").
_MODALS = frozenset("could might may should can must".split())
# Verbs whose completion by another tells that act as wished, tried or failed, not done ("hopes to win").
_UNDONE = frozenset(terms("hope want try fail seek attempt wish threaten refuse decline"))


def _as_asked(query: Query) -> bool:
    """Whether the question itself asks of an act told as possible or not done ("Who could replace Powell?",
    "Who did not vote for the bill?"): then a sentence telling it so answers."""
    return bool(_POSSIBLE_OR_NOT.search(query.text))


_POSSIBLE_OR_NOT = re.compile(rf"\b(?:{'|'.join(sorted(_MODALS))}|not|never)\b|n[\u2019']t\b", re.IGNORECASE)


def _not_done(verb) -> bool:
    """Whether a sentence tells an act as not done: negated ("did not win", "has never won"), told as possible
    ("could win"), or completing a verb of wishing, trying or failing ("hopes to win", "failed to win")."""
    infinitive = verb.dep_ == "advcl" and any(child.lower_ == "to" for child in verb.children)
    completed = verb.head if (verb.dep_ == "xcomp" or infinitive) and verb.head.i != verb.i else None
    for holder in (verb, completed) if completed is not None else (verb,):
        for child in holder.children:
            if child.dep_ == "neg" or child.lower_ == "never" or (child.dep_ == "aux" and child.lower_ in _MODALS):
                return True
    return completed is not None and not _UNDONE.isdisjoint(terms(completed.text))


def _anothers_with(query: Query, verb, players: list) -> bool:
    """Whether an act has parties other than `players` and none of them, nor where it was done, names what the
    question names: "Lund founded Tidewell" or "… founded a rival lab, OpenAI" is not the founding of Harbor
    Air, where "founded the company", "founded it" or "won a title" may be (`_unnamed`); a question naming nothing
    ("Who directed the film?") is not judged so. A party is read in its own phrase ("wins Camp, O'Brien,
    Maxwell awards" names the Maxwell Award), without a clause describing it ("Spain beat Norway, which had
    beaten Japan" is no win over Japan)."""
    asked = set(terms(" ".join(query.names + query.proper_names)))
    playing = {token.i for token in players}
    others = [party for party in _parties(verb) if party.i not in playing and party.dep_ != "agent"]
    # Where the act was done may name it too: "won the title at the Masters".
    around = [obj for prep in verb.children if prep.dep_ == "prep" for obj in prep.children if obj.dep_ == "pobj"]
    if not asked or not others or any(_unnamed(party) for party in others):
        return False
    # A party is read in its own words, without a clause describing it (`_own_words`).
    return all(asked.isdisjoint(terms(" ".join(t.text for t in _own_words(party)))) for party in others + around)


def _unnamed(party) -> bool:
    """Whether a party is told by a pronoun or a common noun with no name beside it ("founded it", "founded
    the company", "won a title"), which may be what a question names in other words; "his first company,
    Loopt" is named."""
    if party.pos_ == "PRON":
        return True
    return party.pos_ == "NOUN" and not any(child.dep_ == "appos" and child.pos_ == "PROPN" for child in party.children)


def _playing(verb, part: str, depth: int = 0) -> list:
    """The words of a sentence playing `part` ("doer" or "done_to") in the act its verb tells of, with those
    joined to them by "and"."""
    passive = any(child.dep_ in ("nsubjpass", "auxpass") for child in verb.children)
    players = [
        child
        for child in verb.children
        if child.dep_ in _PART_OF and _PART_OF[child.dep_] == part and not (passive and child.dep_ == "nsubj")
    ]
    if part == "doer":
        players += [doer for child in verb.children if child.dep_ == "agent" for doer in child.children]
        infinitive = verb.dep_ == "advcl" and any(child.lower_ == "to" for child in verb.children)
        if not players and (verb.dep_ in ("xcomp", "conj") or infinitive) and depth < 2:
            players = _playing(verb.head, part, depth + 1)
    elif verb.dep_ == "acl" and verb.tag_ == "VBN":  # "the title won by Matsuyama"
        players.append(verb.head)
    described = verb.head if verb.dep_ == "relcl" else None
    players = [described if described is not None and p.tag_ in ("WP", "WDT") else p for p in players]
    return players + [c for p in players for c in p.children if c.dep_ in ("conj", "appos")]


# The dependencies of a verb's parties: its subject, active or passive, its object, and "by" with its doer.
_PARTIES = frozenset(_PART_OF) | {"agent"}


def _entity_of(token) -> str:
    """The text of the named entity a token lies in."""
    return next((entity.text for entity in token.doc.ents if entity.start <= token.i < entity.end), token.text)


# The nouns English derives from a verb on another stem: news dates "her death", "his birth", "the sale".
_EVENT_NOUNS = {
    "die": "death",
    "bear": "birth",
    "sell": "sale",
    "lose": "loss",
    "fly": "flight",
    "speak": "speech",
    "grow": "growth",
    "choose": "choice",
    "succeed": "success",
}


@lru_cache(maxsize=256)  # a question's candidate sentences share a few passages
def _uses_verb(verb: str, passage: str) -> bool:
    # News reports every statement with "said": asked when someone announced, warned or told, any
    # reporting verb names the event.
    verbs = SPEECH_VERBS if verb in SPEECH_VERBS else {verb}
    wanted = {term for lemma in verbs for term in terms(lemma)} | set(terms(_EVENT_NOUNS.get(verb, "")))
    # Its doer, by English's agent suffix, which a stem too short to match alone misses ("owner" of "own").
    wanted |= set(terms(" ".join(_agent_nouns(verb))))
    words = _words_in(passage)
    # "born" of "bear", "said" of "say"
    return any(verbs & set(_irregular_verb_lemmas().get(word, ())) for word in words) or _shares_stem(wanted, words)


def names_topic(topic: str, text: str) -> bool:
    """Whether a text names what a question asks about (Query.topic): one of its terms, a people's word for a
    place it names ("Chinese" of "China": place_forms), or the lemma of an irregular verb form the text uses
    ("shot" of "the shoot")."""
    wanted = {form for term in terms(topic) for form in (term, *place_forms(term))}
    words = _words_in(text)
    lemmas = {lemma for word in words for lemma in _irregular_verb_lemmas().get(word, ())}
    return bool(wanted & (set(terms(text)) | {term for lemma in lemmas for term in terms(lemma)}))


def _agent_nouns(verb: str) -> list[str]:
    """The nouns English makes for who does what a verb says: "owner", "winner", "writer"."""
    if verb.endswith("e"):
        return [verb + "r"]
    return [verb + "er", verb + verb[-1] + "er"]


def _words_in(passage: str) -> set[str]:
    return set(re.findall(r"[a-z]+", passage.lower()))


def _shares_stem(wanted: Iterable[str], words: set[str]) -> bool:
    """Whether one of a passage's `words` (_words_in) is of the stem of one of the `wanted` terms."""
    return any(_same_stem(term, event) for word in words for term in terms(word) for event in wanted)


def likeliest(query: Query) -> str | None:
    """The kind of answer the question most likely asks for (an entity label), if it asks for one."""
    return max(query.labels, key=query.labels.get) if query.labels else None


def asks_a_date(query: Query) -> bool:
    """Whether the question asks when: a length ("how long") or an age ("how old was she when she won?"),
    though the tagger labels both dates, tells of no event's date; the event of an age's "when" only says
    which age."""
    return query.wh not in ("how long", "how old") and likeliest(query) == "DATE"


def _asks_an_agent(query: Query) -> bool:
    """Whether the question asks who did something ("Who refereed the final?", "Who directed the film?"), not
    who someone is ("Who is the individual associated with …?": a participle there describes the person)."""
    return query.wh == "who" and not _WHO_IS.match(query.text)


_WHO_IS = re.compile(r"\s*who(?:\s+(?:is|was|are|were)\b|'s\b|\u2019s\b)", re.IGNORECASE)


def _asks_a_place(query: Query) -> bool:
    """Whether the question asks where, by "where" or by a wh-phrase naming a kind of place ("In which city
    was she born?")."""
    return query.wh == "where" or likeliest(query) in _PLACES


_PLACES = frozenset(("GPE", "LOC", "FAC"))


def asks_where(query: Query) -> bool:
    """Whether the question asks where: by "where", or by a wh-phrase naming a kind of place after a preposition
    of place ("In which country …?", "At what stadium …?"), which asks the same."""
    return query.wh == "where" or (query.preposition in ("in", "at") and likeliest(query) in _PLACES)


def _same_stem(a: str, b: str) -> bool:
    """Whether one stemmed term begins the other, the shorter of at least four letters ("photo", "photograph")."""
    shorter, longer = sorted((a, b), key=len)
    return a == b or (len(shorter) >= 4 and longer.startswith(shorter))


@lru_cache(maxsize=1)
def _irregular_verb_lemmas() -> dict[str, list[str]]:
    """Irregular verb forms and their lemmas, from spaCy's English lemmatizer ("won" -> "win")."""
    return dict(pipeline("questions").get_pipe("lemmatizer").lookups.get_table("lemma_exc")["verb"])


@lru_cache(maxsize=1)
def _verb_stems() -> dict[str, str]:
    """The term of each irregular verb form's lemma, by the form's term ("won" -> "win", "fell" -> "fall")."""
    table = {}
    for form, lemmas in _irregular_verb_lemmas().items():
        written, lemma = terms(form), terms(lemmas[0]) if lemmas else []
        if len(written) == 1 and len(lemma) == 1 and written != lemma:
            table[written[0]] = lemma[0]
    return table


def verb_stem(term: str) -> str:
    """A term as its verb's lemma, if it is an irregular verb form ("won" -> "win"), else itself."""
    return _verb_stems().get(term, term)


@lru_cache(maxsize=1)
def _verb_families() -> dict[str, frozenset[str]]:
    """Each irregular verb's terms (its lemma's and its irregular forms'), by any of them."""
    families: dict[str, set[str]] = {}
    for form, lemma in _verb_stems().items():
        families.setdefault(lemma, {lemma}).add(form)
    return {term: frozenset(family) for family in families.values() for term in family}


def verb_forms(term: str) -> frozenset[str]:
    """The terms that write the same irregular verb as `term` ("sat", "sit"), or `term` alone."""
    return _verb_families().get(term, frozenset({term}))


def with_verb_stems(present: set[str] | frozenset[str]) -> set[str]:
    """A text's terms with the lemma of each irregular verb form among them: a question asks in the past
    what a headline tells in the present ("Who won the Masters?", "Matsuyama wins the Masters") and the
    reverse, and the stemmer joins "wins" and "win" but not "won" ("fell" and "fall", "paid" and "pay")."""
    stems = _verb_stems()
    return set(present) | {stems[term] for term in present if term in stems}


QUOTATION_MARK = re.compile(r"[\"\u201c\u201d]")


def titled_speaker(query: Query, passages: list[tuple[str, list[str]]], corpus) -> Query:
    """The question with a speaker it asks about by title ("Lantern Music Group's CEO", "the chief financial
    officer") read as the person the passages (text, speakers) give that title, if one is.

    News introduces a speaker once by title and name, before the name ("Lantern Music Group CEO Rhea
    Castellanos said") or in apposition after it ("Tomas Brandt, the company's chief financial officer,"),
    then quotes them by name. Where no speaker is named by the title itself ("the club said"), the first
    person reported speaking whose introduction holds every word of the title asked, and the employer the
    question gives if it gives one ("Harbor City's coach" is not "Corvallis coach Sandra Hill"), is the
    person asked about. With none, a title with its employer still names one person, whose words the
    passages do not report (the answerer declines, extractive.unheard); a bare title ("the president") may
    be whoever the passages call so. A word of the title the question writes in lower case is a common noun,
    and matches no word of a name ("groups" is not the "Group" of "Lantern Music Group"). A title is common
    nouns and acronyms ("chief financial officer", "CEO"), not a name the parse failed to know ("The Verge")
    nor an outlet."""
    if not query.asks_speech or query.speaker_named or not query.speaker:
        return query
    if not all(word.islower() or word.isupper() for word in query.speaker.split()) or _an_outlet(query.speaker, corpus):
        return query
    if any(speaker_fits(query, speakers) for _, speakers in passages):
        return query
    # The employer is written capitalised, or in lower case as a name the coverage knows ("veltra's chairman").
    phrase = query.speaker_phrase or ""
    named = [name for name in query.names if re.search(rf"\b{re.escape(name)}\b", phrase, re.IGNORECASE)]
    employer = set(terms(" ".join([*_CAPITALISED_WORDS.findall(phrase), *named]))) - set(terms(query.speaker))
    # A speaker named by a common noun ("the club") has no title. The title may stand in another passage
    # than the speaker's words, beside the full name or the surname.
    people = list(dict.fromkeys(name for _, speakers in passages for name in speakers if name[:1].isupper()))
    for text, _ in passages:
        for name in people:
            for mention in re.finditer(rf"\b(?:{re.escape(name)}|{re.escape(name.split()[-1])})\b", text):
                introduction = _introduced_as(text, mention.start(), mention.end())
                if _titled(query.speaker, introduction) and (not employer or employer & set(terms(introduction))):
                    return replace(query, speaker=name, speaker_named=True)
    return replace(query, speaker_named=bool(employer))


def _titled(title: str, introduction: str) -> bool:
    """Whether an introduction holds every word of a title, a lower-case word of it in lower case."""
    common = set(terms(" ".join(word for word in introduction.split() if word.islower())))
    written = set(terms(introduction))
    return all(set(terms(word)) <= (common if word.islower() else written) for word in title.split())


# How far before or after a name news writes the title it introduces them by.
_TITLE_REACH = 80


def _introduced_as(text: str, start: int, end: int) -> str:
    """The words that introduce the name at text[start:end]: those before it back to the last mark or clause
    ("… said Lantern Music Group CEO"), and an apposition after it (", the company's chief financial officer,")."""
    before = re.split(r"[.;:!?\"\u201c\u201d()]|,\s", text[max(0, start - _TITLE_REACH) : start].rstrip(", "))[-1]
    after = text[end : end + _TITLE_REACH]
    apposition = after[2:].split(",")[0] if after.startswith(", ") else ""
    return f"{before} {apposition}"


def not_their_words(query: Query, sentence: str, speakers: list[str], passage_speakers: list[str]) -> bool:
    """Whether a sentence cannot hold the words of the person a question asks about, given who speaks in it
    and in its passage. Asked what X said, a sentence the coverage attributes to Y alone is Y's words,
    however many of the question's words it shares ("Han said … relations" does not answer what Blinken
    said about relations), and a passage where X does not speak may name X ("Sullivan met Wang Yi") but
    does not say what X said. A sentence attributed to no one, in a passage where X speaks, may still be
    X's (a quote running on, an attribution the parse missed), but news marks reported words, by quotation
    marks or a reporting verb: one with neither ("The council met on Monday to debate the budget") is the
    reporter's own."""
    return query.asks_speech and (
        not speaker_fits(query, passage_speakers)
        or (bool(speakers) and not speaker_fits(query, speakers))
        or (not speakers and not QUOTATION_MARK.search(sentence))
    )


def answer_key(surface: str, label: str) -> str:
    """One spelling per answer: "Apr. 29, 2015" and "April 29 2015" agree, as do "The Walt Disney Co." variants."""
    words = re.findall(r"[a-z0-9]+", surface.lower().removesuffix("'s").removeprefix("the "))
    if label == "DATE":
        months = {month[:3]: month for month in MONTHS}
        words = [
            months[word[:3]]
            if months.get(word[:3], "").startswith(word) and len(word) >= 3
            else re.sub(r"^(\d+)(st|nd|rd|th)$", r"\1", word)
            for word in words
        ]
        # "Sunday, Nov. 17" is "November 17"; "2019, September 20" and "September 20, 2019" are one date.
        words = sorted(word for word in words if word not in WEEKDAYS and word != "of") or words
    return " ".join(words)
