"""The reader's knowledge: general features of passages and sentences, weighed by models fitted on data.

Three linear models, kept in one small versioned file (`reader_weights.json`,
written by `assistant fit`, see fitting.py):

- `passage` (a logistic regression) re-ranks the chunks retrieval found (dense and
  lexical search, fused): how close they are in meaning and in words, whether they
  name what the question names, hold the kind of answer asked for, report the
  speaker asked about, come from the outlet or month the question names.
- `sentence` ranks the sentences of the best chunks against each other (fitted
  as a softmax over each question's sentences: which one answers).
- `confidence` (a logistic regression) says, from how the best sentence stands
  out, whether it answers at all; under the fitted threshold the reader declines,
  so abstaining is calibrated on data, not set by hand.
- `verdict` (a logistic regression) answers yes/no questions (verdicts.py).

Every feature is a property of news text or of questions that holds for any
corpus; none names a word of a dev question. `short_answer` then picks, in the
chosen sentence, the phrase that answers: the entity of the kind asked for
nearest the question's words, or the quoted words of a "what did X say".
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import numpy as np

from .annotate import FIGURE_LABELS, SPEECH_VERBS
from .lexical import STOPWORDS, holds, terms
from .question import (
    MONTHS,
    PAGE_DATE,
    QUOTATION_MARK,
    WEEKDAYS,
    Query,
    answer_key,
    asks_a_date,
    asks_where,
    in_the_event_asked,
    in_the_part_asked,
    lasts_anothers_act,
    likeliest,
    names_event,
    of_another_instalment,
    parsed,
    periods_stated,
    publication,
    speaker_fits,
    spelled_out,
    states_numbers,
    states_years,
    verb_stem,
    with_verb_stems,
    written_in,
    years_stated,
)

WEIGHTS = Path(__file__).with_name("reader_weights.json")
VERSION = 3

PASSAGE_FEATURES = [
    "fused",  # reciprocal-rank fusion of dense and lexical ranks, scaled to [0, 1]
    "dense",  # cosine similarity of question and chunk
    "lexical",  # BM25 score over the best in the pool
    "words",  # IDF-weighted share of the question's words in the chunk
    "names",  # share of the question's names the chunk states
    "title_names",  # share of them in the article's title
    "outlet",  # the question names the article's outlet, or its publication ("The Roar" of "The Roar | Blog")
    "month",  # the question names the month the article is dated (+1) or another (-1)
    "years",  # the chunk states the years asked
    "other_years",  # the chunk states years, none of them asked
    "numbers",  # the chunk names the numbered instalments asked ("season 4")
    "other_numbers",  # it names their series by other numbers only ("Season 3")
    "dated",  # the chunk states no year, and its article is dated in a year asked (+1) or another (-1)
    "kind",  # the chunk holds an entity of the kind asked for (weighted by how likely that kind is)
    "speaker",  # the chunk reports speech by the person asked about
    "head",  # the chunk uses the noun of the wh-phrase ("pitcher")
    "best_sentence",  # cosine similarity of the question and the chunk's closest sentence
]
SENTENCE_FEATURES = [
    "meaning",  # cosine similarity of question and sentence (read in its context)
    "passage",  # the passage model's probability for its chunk
    "rank",  # 1 / (1 + the chunk's rank)
    "words",  # IDF-weighted share of the question's words in the sentence
    "context_words",  # the same in the rest of its chunk
    "names",  # share of the question's names in the sentence
    "context_names",  # share of them in the rest of its chunk
    "kind",  # holds an entity of the kind asked for, not named in the question
    "kind_missing",  # a kind is asked for by the wh-word ("when", "who") and the sentence holds none
    "kind_missing_noun",  # one is asked for by the wh-phrase's noun ("which film") and the sentence holds none
    "specific",  # how much its answer says (a full date over a bare day or "two years ago": specificity)
    "speaker",  # reports speech by the person asked about
    "speaker_near",  # that person speaks in its chunk (a quote running over several sentences)
    "quote",  # quotes someone, when the question asks what someone said
    "head",  # uses the noun of the wh-phrase
    "head_by_entity",  # uses it right beside an entity ("pitcher Nathan Eovaldi")
    "years",  # states the years asked
    "other_years",  # states years, none of them asked
    "dated",  # states no year, and its article is dated in a year asked (+1) or another (-1)
    "agreement",  # its answer is also given by other articles retrieved
    "question_like",  # is itself a question
    "boilerplate",  # a link, a handle, a caption or a fragment
    "lead",  # 1 / (1 + its position in the article)
    "short",  # under 40 characters
    "absent",  # the rarest question word missing from it and its chunk, by rarity over the rarest asked
    "page_date",  # its short answer is the date a search result's page was published (page_date)
]
CONFIDENCE_FEATURES = [
    "share",  # the best sentence's share of the softmax over all candidates
    "margin",  # its score over the second best's
    "score",  # its score
    "meaning",
    "words",
    "kind_missing",
    "kind_missing_noun",
    "passage",
    "agreement",
    "speaker_near",
    "speaker_missing",  # asked what someone said, and they say nothing in its chunk
    "years",  # a question naming a year is answered by text tied to it: stating it,
    "dated",  # or in an article dated in it
    "absent",
    "page_date",
]


@dataclass
class Model:
    """A logistic regression over named features, standardised."""

    features: list[str]
    mean: list[float]
    scale: list[float]
    coef: list[float]
    intercept: float

    def score(self, rows: list[dict[str, float]]) -> np.ndarray:
        if not rows:
            return np.zeros(0)
        x = np.array([[row[name] for name in self.features] for row in rows], dtype=np.float64)
        return ((x - np.array(self.mean)) / np.array(self.scale)) @ np.array(self.coef) + self.intercept

    def probability(self, rows: list[dict[str, float]]) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-self.score(rows)))

    def to_dict(self) -> dict:
        return self.__dict__.copy()


@dataclass
class Weights:
    passage: Model
    sentence: Model
    confidence: Model
    verdict: Model  # the probability that a yes/no question's answer is yes (verdicts.py)
    threshold: float  # the confidence under which the reader declines
    version: int = VERSION
    fitted_on: dict = field(default_factory=dict)

    def save(self, path: Path) -> None:
        data = {
            "version": self.version,
            "passage": self.passage.to_dict(),
            "sentence": self.sentence.to_dict(),
            "confidence": self.confidence.to_dict(),
            "verdict": self.verdict.to_dict(),
            "threshold": self.threshold,
            "fitted_on": self.fitted_on,
        }
        path.write_text(json.dumps(data, indent=1) + "\n")

    @classmethod
    def load(cls, path: Path = WEIGHTS) -> Weights:
        data = json.loads(path.read_text())
        if data.get("version") != VERSION:
            raise ValueError(
                f"{path} holds reader weights of version {data.get('version')}, not {VERSION}; run assistant fit"
            )
        return cls(
            passage=Model(**data["passage"]),
            sentence=Model(**data["sentence"]),
            confidence=Model(**data["confidence"]),
            verdict=Model(**data["verdict"]),
            threshold=data["threshold"],
            version=data["version"],
            fitted_on=data.get("fitted_on", {}),
        )


@lru_cache(maxsize=4)
def weights(path: Path = WEIGHTS) -> Weights:
    return Weights.load(path)


# -- features -------------------------------------------------------------------------------------


def share_present(names: tuple[str, ...] | list[str], present: set[str] | frozenset[str]) -> float:
    """The share of `names` whose terms all occur among a text's terms (`present`); 0 when there are none.

    A place is not stated by the word for its people here: "Japanese" passages are not about Japan the more
    ("released in Japan" is not "the Japanese version"), and taking them so lowered rgb-dev's hit@5 by
    0.03 (12-order cross-validation)."""
    if not names:
        return 0.0
    return sum(all(term in present for term in terms(name)) for name in names) / len(names)


def name_words_unnamed(query: Query, text: str) -> set[str]:
    """The terms of the question's names of two words or more that `text` writes only in lower case: there
    they are words of their own, not the name ("road movie" is not "The Salt Road"), while a name's word
    written as a name stands for it ("Marsh said" for Helena Marsh)."""
    unnamed = set()
    for name in query.names:
        words = re.findall(r"[\w'\u2019-]+", name)
        if len(words) < 2:
            continue
        for word in words:
            if word[:1].isalpha() and not re.search(rf"\b{re.escape(word[:1].upper() + word[1:])}\b", text):
                unnamed.update(terms(word))
    return unnamed


def _states(term: str, present: set[str]) -> bool:
    """Whether a text whose terms are `present` (with_verb_stems) states a question's term: as written, as its
    verb's lemma ("won" of "win"), or, for a place, by a word made from it ("Chinese" of "China": holds)."""
    return verb_stem(term) in present or holds(term, present)


def weighted_overlap(wanted: dict[str, float], present: set[str] | frozenset[str]) -> float:
    """The share of the question's terms, weighted by rarity, that a text whose terms are `present` states
    (`_states`: a verb's irregular forms count as one, a place is stated by its people's word)."""
    total = sum(wanted.values()) or 1.0
    present = with_verb_stems(present)
    return sum(weight for term, weight in wanted.items() if _states(term, present)) / total


# A number in words: news spells out one opening a sentence ("Thirteen-year-old Lilly plays …"), and many outlets
# any under ten.
_UNITS = "one|two|three|four|five|six|seven|eight|nine"
_TEENS = "(?:thir|four|fif|six|seven|eigh|nine)teen"
_NUMBER_IN_WORDS = (
    rf"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:{_UNITS}))?"
    rf"|ten|eleven|twelve|{_TEENS}|{_UNITS})"
)
_NUMBER = re.compile(
    rf"\d|\b(?:{_NUMBER_IN_WORDS}|dozens?|hundreds?|thousands?|millions?|billions?|trillions?)\b", re.IGNORECASE
)
_STATED_YEAR = re.compile(r"\b\d{4}\b|'\d\d\b")
COUNTING = frozenset({"how many", "how much", "how old", "how big"})  # wh-words answered by a number


def could_answer(query: Query, text: str, start: int, end: int, asked: set[str]) -> bool:
    """Whether the entity at text[start:end] could be the answer: it names something the question does not already name
    (in its words, among the names read from it, by a name it gives alone: `_holds_a_name_asked`, or spelt out
    where the question uses an acronym: "the Asia-Pacific Economic Cooperation" is what "APEC" names), and it has
    the shape the question asks for. A count, an amount or
    an age is a number ("Wednesday" is a date but no one's age), and an age is written as one (`_states_age`) and
    counts and dates nothing; a length is a count of units (`_lasts`), and says how long, not when (`_spans`); a
    place answering "where" is written as where something happens (`_situated`) or someone asked about is from
    (`_affiliating`), and a date or place set off in an aside about another event situates that event
    (`_in_another_aside`); a person holding the title asked by at someone else is not the one asked for
    (`_titled_by_another`), nor a figure given as someone else's (`_of_another`), nor a date or place of another
    clause or another's event (`in_the_event_asked`), nor what another numbered instalment did
    (`of_another_instalment`); "what year" asks for a year, which "last week" does not state,
    and "how many years" counts them. Asked which person holds a role, neither the other names beside an unnamed
    holder of it (`_held_by_someone_unnamed`) nor a place after "in" or "at" is the answer."""
    surface = text[start:end].strip(" ,.;:")
    fuller = fuller_name_asked(query)
    if fuller is not None:
        return _a_full_name_of(surface, set(terms(fuller)))
    words = terms(surface)
    # A name the question gives is what it asks about, in its words or as a name it reads: "Sullivan" of
    # "the Sullivan-Wang talks", which its words hold only joined.
    named = asked | _terms_of_names(query)
    if not words or set(words) <= named or any(spelled_out(name, surface) for name in query.names):
        return False
    if _in_identifier(text, start, end) or _in_dateline(text, end) or _holds_a_name_asked(query, surface):
        return False
    if set(terms(_whole_words(text, start, end))) <= asked:  # "Runner" of "Runner-up", asked "who was runner-up"
        return False
    if (
        query.wh in COUNTING
        and (not _NUMBER.search(surface) or _RANK_BEFORE.search(text[:start]))
        and not _counts_a_streak(query, text, start, end)
    ):
        return False
    if query.wh in COUNTING and (
        _numbers_a_list_item(text, start, end)
        or (
            (_numbers_a_name(query, text, start, end) or _a_day(text, start, end))
            and not _counts_the_noun_asked(query, text, end)
        )
    ):
        return False
    if _counts_another(query, text, start, end) or _a_tally_for_another_figure(query, text, start, end):
        return False
    if query.wh == "how old" and not (
        _states_age(text, start, end)
        and (_beside_a_name(query, text, start, end) or _age_of_the_subject(query, text, start, end))
    ):
        return False
    dating = asks_a_date(query) and not _STATED_YEAR.fullmatch(surface)  # "Oppenheimer (2023)" is a year
    if (query.wh in ("how many", "how much", "how big") or dating) and _states_age(text, start, end):
        return False  # an age describes someone: it counts nothing ("participants aged 40 to 79"), dates nothing
    if query.wh == "how long" and (not _lasts(text[start:end]) or _LATER.match(text, end)):
        return False  # "two years later" says when
    if query.wh == "how long" and _APART.match(text, end) and not _lasting(query, text, start):
        return False  # "took place a day after the talks" says when
    if query.wh == "how long" and lasts_anothers_act(query, text, start, end):
        return False
    if query.wh == "when" and _spans(text, start, end):
        return False
    if asks_where(query) and not (_situated(text, start, end) or _affiliating(query, text, start, end)):
        return False
    if _in_another_aside(query, text, start, end) or _titled_by_another(query, text, start, end):
        return False
    if _held_by_someone_unnamed(query, text, start, end):
        return False
    if likeliest(query) == "PERSON" and _titled_work(text, start, end):
        return False
    if _asks_for_someone_by_a_noun(query) and _IN_A_PLACE.search(text[:start]):
        return False  # asked which official: "talks in Oslo" tells where, not who
    if _of_another(query, text, start) or not in_the_event_asked(query, text, start, end):
        return False
    if of_another_instalment(query, text, start, end):
        return False
    # "What year" asks for a year; "how many years" counts them ("seven years").
    return query.head != "year" or query.wh in COUNTING or bool(_STATED_YEAR.search(surface))


# "What is the first name of …", "the full name of …": what follows asks for someone's name in full.
_NAME_OF = re.compile(
    r"\b(?:(?:first|full|last|given|whole)\s+)?name\s+of\s+(.+?)(?:,|\?|\s+(?:who|which|that|whom)\b|$)", re.I
)


_NAME_OWNED = re.compile(r"([\w\-]+)['\u2019]s\s+(?:(?:first|full|last|given|whole)\s+)?name\b", re.I)


def fuller_name_asked(query: Query) -> str | None:
    """The name a question gives alone and asks the full or first name of ("What is the first name of Japan's
    foreign minister Kamikawa?": "Kamikawa"), or None. News names a person in full at first and by surname
    after, so only a name holding the one asked and longer answers; where the coverage gives the surname
    alone, it does not say ("defense chief Li")."""
    return _fuller_name_asked(query.text, query.names) if query.wh == "what" else None


@lru_cache(maxsize=256)  # asked of every entity of every candidate sentence
def _fuller_name_asked(text: str, names: tuple[str, ...]) -> str | None:
    phrase, owned = _NAME_OF.search(text), _NAME_OWNED.search(text)
    if owned is not None:
        last = owned.group(1)
    elif phrase is not None and phrase.group(1).split():
        last = phrase.group(1).split()[-1].strip("'\u2019.")
    else:
        return None
    named = {term for name in names for term in terms(name)}
    return last if terms(last) and set(terms(last)) <= named else None


def _a_full_name_of(surface: str, names: set[str]) -> bool:
    """Whether a name is the fuller one of someone named alone by one of `names` (terms): two or three
    capitalised words, the first or the last of them that name ("Yoko Kamikawa"; "Wang Yi", a Chinese name
    putting the family's first; "Joe Biden's" is Biden)."""
    words = surface.split()
    if not 1 < len(words) <= 3 or not all(word[:1].isupper() for word in words):
        return False
    return bool(names & set(terms(words[0])[:1] + terms(words[-1])[-1:]))


def _holds_a_name_asked(query: Query, surface: str) -> bool:
    """Whether an entity names someone the question names: it holds a full name the question gives ("QB Brock
    Purdy" of a question about Brock Purdy, with his title), with or without a middle name or initial between
    its first and last words, which news gives one time and not the next ("Doug Spencer Bowser" of Doug Bowser:
    `_with_a_middle_name`), or it is the full name of one the question gives alone, as news and questions name
    people after their first mention ("Jake Sullivan" of "the Sullivan-Wang talks": `_a_full_name_of`). A name
    the question gives as the possessor of what it asks for is another's kin or thing ("Victoria Beckham", asked
    who Beckham's wife is)."""
    if any(
        len(name.split()) > 1
        and (re.search(rf"\b{re.escape(name)}\b", surface, re.IGNORECASE) or _with_a_middle_name(surface, name))
        for name in query.names
    ):
        return True
    head = re.escape(query.head.split()[-1]) if query.head else None
    alone = {
        term
        for name in query.names
        if " " not in name
        and not (head and re.search(rf"\b{re.escape(name)}['\u2019]s\s+(?:[\w\-]+\s+){{0,2}}{head}", query.text, re.I))
        for term in terms(name)
    }
    return _a_full_name_of(surface, alone)


def _with_a_middle_name(surface: str, name: str) -> bool:
    """Whether `surface` is the two-word `name` with a middle name or initial between ("Doug Spencer Bowser",
    "Niels B. Christiansen" of "Niels Christiansen")."""
    words, given = surface.split(), name.split()
    return (
        len(given) == 2
        and len(words) == 3
        and words[1][:1].isupper()
        and [words[0].lower(), words[2].lower()] == [word.lower() for word in given]
    )


# A wire story's dateline: the place it was filed from, often its date, and the agency, before a dash
# ("CARDIFF, May 18 (Northline Wire) - ", "BEIJING, Sept. 18 (Kyodo) -- ", "PARIS – ").
_DATELINE = re.compile(
    r"[A-Z][A-Z .'\-]+(?:,\s+[A-Z][\w .'\-]*?)?(?:,\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?(?:\s+\([^()]{2,40}\))?"
    r"\s+(?:-{1,2}|\u2013|\u2014)\s"
)


def _in_dateline(text: str, end: int) -> bool:
    """Whether text[:end] lies in the dateline a wire story opens with. A dateline says where and when the
    report was filed and who filed it, not where, when or by whom anything in it happened: the festival
    "held from June 7 to June 15" is not held on the dateline's "June 16"."""
    dateline = _DATELINE.match(text)
    return dateline is not None and end <= dateline.end()


def _in_identifier(text: str, start: int, end: int) -> bool:
    """Whether the entity at text[start:end] is part of an identifier: a DOI, a web address, an e-mail
    address or a path ("DOI: 10.1016/j.mayocp.2023.05.031", "nature.com/articles/s41586-023"): a string
    without spaces holding "@", "://", or a slash beside letters and digits or dots (not "AC/DC" or "24/7").
    Science and web coverage prints them beside its findings, and the tagger reads their digits as numbers
    and years, which state no amount and no date."""
    token = re.search(r"\S*$", text[:start]).group() + text[start:end] + re.match(r"\S*", text[end:]).group()
    if "@" in token or "://" in token:
        return True
    return "/" in token and any(c.isalpha() for c in token) and any(c.isdigit() or c == "." for c in token)


# "No. 1", "#3": a number after these is a place in a ranking, not a count or an amount.
_RANK_BEFORE = re.compile(r"(?:\bNos?\.|#)\s*$", re.IGNORECASE)


def _numbers_a_list_item(text: str, start: int, end: int) -> bool:
    """Whether the number at text[start:end] numbers the list item the text is ("1. 'Renaissance', $21
    million"): a bare number opening it, followed by a point or a bracket. Charts and rankings in news are
    numbered lists; the number is a place in the list, no count."""
    return (
        not text[:start].strip(" \t\n-\u2022*")
        and text[start:end].strip().isdigit()
        and text[end : end + 1] in (".", ")")
    )


def _counts_the_noun_asked(query: Query, text: str, end: int) -> bool:
    """Whether the number ending at text[end] is followed by the noun a "how many" question counts ("Across
    Texas 82 people have died", "In May 12 people died"): it counts them, whatever name or month comes
    before it."""
    following = re.match(r"\s+([\w'\u2019-]+)", text[end:])
    return bool(query.head and following and set(terms(query.head)) <= set(terms(following.group(1))))


# A line of names each with a number, as results and standings are written ("Lakers 112, Celtics 108",
# "Arsenal 3 Chelsea 1", "Djokovic 24, Nadal 22").
_SCORELINE = re.compile(r"(?:[A-Z][\w.'\u2019-]*\s+){1,3}\d+(?:\s*[,;]\s*|\s+)(?:[A-Z][\w.'\u2019-]*\s+){1,3}\d+")


def _numbers_a_name(query: Query, text: str, start: int, end: int) -> bool:
    """Whether the number at text[start:] is part of a name the question gives, written right after it: a
    sequel, a model or a mission is named by a number after its name ("Super Mario Odyssey 2", "iPhone 15",
    "Apollo 11"), which counts nothing. Only a name the question gives is read so, after its last word
    with no mark between, and not a day's ("On Friday 13 people died" counts the dead); only a bare number,
    as an amount after a name is an object ("MLB fined the Astros $5 million", "5 million"); and not in a
    line of names each with its number, a result or a standing ("Lakers 112, Celtics 108": `_SCORELINE`)."""
    # A bare number: an amount ("fined the Astros $5 million", "5.2 million") is no part of a name.
    number = re.match(r"\d+(?![.,]\d)\b", text[start:])
    if number is None or _SCALE.match(text[start + number.end() :].lstrip()):
        return False
    if _TALLY_REST.match(text, start + number.end()):  # "passed the Senate 51-49" is a tally, no name
        return False
    before = re.search(r"(\S+) $", text[:start])
    if before is None or before.group(1).lower() in WEEKDAYS:
        return False
    if any(m.start() <= start and end <= m.end() for m in _SCORELINE.finditer(text, max(0, start - 60), end + 60)):
        return False  # a score or a tally beside another name's
    return any(name.split()[-1] == before.group(1) for name in query.names)


# The months as news cuts them short ("Sept." too); "May" is never cut.
_MONTHS_SHORT = r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec"
# A month's name, in full or cut short, as news writes it beside a day ("27 October", "Oct. 27").
_MONTH = rf"(?:{'|'.join(month.capitalize() for month in MONTHS)}|{_MONTHS_SHORT})\.?"
_MONTH_BEFORE = re.compile(rf"\b{_MONTH}\s+$")
_MONTH_AFTER = re.compile(rf"\s+{_MONTH}(?!\w)")


def _a_day(text: str, start: int, end: int) -> bool:
    """Whether the number at text[start:end] is the day of a date, written with its month's name before or
    after it ("Published 27 October", "on Oct. 27"), which the tagger may read as a bare number: a day of
    the month counts nothing. A year after a month ("October 2023") is no day, and is left to the year's
    own rules."""
    surface = text[start:end].strip()
    if not surface.isdigit() or not 1 <= int(surface) <= 31:
        return False
    return bool(_MONTH_BEFORE.search(text[:start]) or _MONTH_AFTER.match(text, end))


# News writes a score, a vote or a record as numbers joined by a hyphen or a dash ("a 2-1 win", "voted 7-2",
# "26–3"), which the tagger often cuts after the first: the answer is the whole tally.
_TALLY_REST = re.compile(r"(?:[-\u2013]\d+)+")
_TALLY = re.compile(r"\d+(?:[-\u2013]\d+)+")
# What a tally counts on each side: the units contests and votes are decided in.
_TALLIED = frozenset(terms("votes goals points runs games sets wins losses seats"))
# What a tally is: the outcome of a contest or a vote between sides, or a side's record of them.
_OUTCOMES = frozenset(terms("score scoreline result outcome record tally vote margin count split verdict"))
# A place or a time that says where or when something happens follows a preposition ("held in San Francisco",
# "on Monday", "off the coast of"); one that only describes someone does not ("U.S. officials", "this year's
# budget"). Prepositions that as often relate parties ("a win over Harbor City", "talks between Kenya and
# the U.S.", "under the deal", "an inquiry into Boeing") are left out, as is the "to" of "according to".
# Prepositions of place, and those of source, agent or time.
_OF_PLACE = r"in|at|on|near|(?<!according )to|outside|inside|off|across|throughout|within|around|along|onto|beside"
_OF_PLACE += r"|behind|beyond|aboard"
_OF_SOURCE_OR_TIME = r"from|by|during|until|since|before|after"
_SITUATING = rf"\b(?:{_OF_PLACE}|{_OF_SOURCE_OR_TIME})\s+(?:the\s+)?$"
# The same, or with the place named by what it is first: "in the Mediterranean island nation of Malta",
# "at the town of Sderot". Only after a preposition of place: after one of source, agent or time the noun
# before "of" is what the phrase is about ("from the perspective of the United States", "by the government
# of Japan", "during the presidency of"), and the name after it places nothing. `_KIND_OF` is the words
# naming it first, up to "of" (short_answer reads them after the preposition a question asks with too).
_KIND_OF = r"(?:[\w'-]+\s+){1,4}of\s+"
_SITUATED = re.compile(rf"{_SITUATING}|\b(?:{_OF_PLACE})\s+(?:the\s+)?{_KIND_OF}$", re.IGNORECASE)
# A preposition placing what follows it ("talks in Oslo", "a rally at Wembley"), which no person follows.
_IN_A_PLACE = re.compile(r"\b(?:in|at|near|outside|inside|across|throughout|within|beyond|aboard)\s+(?:the\s+)?$", re.I)


# A non-restrictive relative clause: set off by a comma, it describes the name before it ("Wang, who was
# expected to represent China in New York, …") and runs to the next comma or the sentence's end.
_ASIDE_OPENING = re.compile(r",\s+(?:who|which|whose|whom|where)\b[^,]*$", re.IGNORECASE)


def _in_another_aside(query: Query, text: str, start: int, end: int) -> bool:
    """Whether the entity at text[start:end] lies in an aside that does not speak of the event whose date,
    place or agent is asked (question.names_event). An aside tells of its own event, not the sentence's:
    "Sullivan and Wang, who was expected to represent China in New York, had 12 hours of talks" places Wang's
    expected visit, not the talks, while "Wang, who met Sullivan in Malta, …" places the meeting. A phrasal
    verb, which passages may say in other words, is looked for here by its verb: an aside that never says
    "sit" does not place where two ministers "sat down"."""
    opening = _ASIDE_OPENING.search(text[:start])
    if opening is None:
        return False
    closing = text.find(",", end)
    aside = text[opening.start() : closing if closing >= 0 else len(text)]
    return not names_event(replace(query, verb=query.verb.split()[0]) if query.verb else query, aside)


# "Alexei Ekimov of Nanocrystals Technology", "Sen. Maria Lopez of Texas": a name, then "of".
_NAME_THEN_OF = re.compile(r"([A-Z][\w'\u2019-]+)\s+of\s+(?:the\s+)?$")


def _affiliating(query: Query, text: str, start: int, end: int) -> bool:
    """Whether the place or body at text[start:end] follows "of" after the name of someone the question asks
    about: news gives a person's employer or home so ("Moungi Bawendi of MIT, Alexei Ekimov of Nanocrystals
    Technology"), which answers where they work or come from. So does a "native" of a place, before their
    name or after it ("Durango, Colorado, native Sepp Kuss"; "Kuss, a native of Durango")."""
    after_name = _NAME_THEN_OF.search(text[:start])
    if after_name is not None and after_name.group(1) in query.proper_names:
        return True
    asked = _terms_of_names(query)
    native = _NATIVE_BEFORE_NAME.match(text, end)
    if native is not None:
        return bool(set(terms(native.group(1))) & asked)
    native_of = _NATIVE_OF.search(text[max(0, start - 80) : start])
    return native_of is not None and bool(set(terms(native_of.group(1))) & asked)


# "Durango, Colorado, native Sepp Kuss": the place, perhaps its state, then "native" and the name.
_NATIVE_BEFORE_NAME = re.compile(
    r"(?:,\s+[A-Z][\w.'\-]*(?:\s+[A-Z][\w.'\-]*)*)?,?\s+native\s+((?:[A-Z][\w.'\-]*\s*){1,3})"
)
# "Sepp Kuss, a native of Durango": the name, then "a native of" right before the place.
_NATIVE_OF = re.compile(r"([A-Z][\w.'\-]*(?:\s+[A-Z][\w.'\-]*)*),\s+an?\s+native\s+of\s+(?:the\s+)?$")


# Whose title someone holds, as news writes it around their name: "Northwind's co-founder and chief executive,
# Arjun Mehta", "Arjun Mehta, Northwind's chief executive", "Arjun Mehta, chief executive of Northwind".
_OWNER = r"[A-Z][\w&.\-]*(?:\s+[A-Z][\w&.\-]*)*"
_TITLE = r"(?:[\w\-]+\s+){0,5}[\w\-]+"
_OWNED_TITLE_BEFORE = re.compile(rf"({_OWNER})['\u2019]s\s+({_TITLE}),?\s+$")
_OWNED_TITLE_AFTER = re.compile(
    rf",\s+(?:({_OWNER})['\u2019]s\s+({_TITLE})|(?:the\s+)?({_TITLE})\s+of\s+(?:the\s+)?({_OWNER}))"
)


def _terms_of_names(query: Query) -> set[str]:
    """The terms of every name the question gives."""
    return {term for name in query.names for term in terms(name)}


def _titled_by_another(query: Query, text: str, start: int, end: int) -> bool:
    """Whether the person at text[start:end] holds the title a "who" question asks by ("Who is Calder's chief
    executive?") at someone the question does not name. News gives a title with whose it is, and coverage of
    a deal, a match or talks gives the same title to a person on each side: "Northwind's co-founder and chief
    executive, Arjun Mehta" is not Calder's chief executive."""
    if query.wh != "who" or not query.head or not query.names:
        return False
    before = _OWNED_TITLE_BEFORE.search(text[max(0, start - 80) : start])
    after = _OWNED_TITLE_AFTER.match(text, end)
    owned = [(before.group(1), before.group(2))] if before else []
    if after:
        owned.append((after.group(1), after.group(2)) if after.group(1) else (after.group(4), after.group(3)))
    asked = _terms_of_names(query)
    return any(set(terms(query.head)) & set(terms(title)) and not set(terms(owner)) & asked for owner, title in owned)


# The marks news sets a work's title in: straight or curly, double or single.
_TITLE_MARKS = "\"'\u2018\u2019\u201c\u201d"


def _titled_work(text: str, start: int, end: int) -> bool:
    """Whether the name at text[start:end] stands alone in quotation marks: news sets the title of a film, a
    book, a song or a show so ("'Nomadland' took best picture"), and the tagger reads many as people. A title
    is no one; a nickname in quotes stands inside the name it belongs to ("Dwayne 'The Rock' Johnson")."""
    return (
        0 < start
        and end < len(text)
        and text[start - 1] in _TITLE_MARKS
        and text[end] in _TITLE_MARKS
        and not text[start - 2 : start - 1].isalnum()
    )


def _asks_for_someone_by_a_noun(query: Query) -> bool:
    """Whether the question asks for a person by what they are ("Which official …?", "Who was the envoy …?")."""
    return bool(query.head) and likeliest(query) == "PERSON"


def _held_by_someone_unnamed(query: Query, text: str, start: int, end: int) -> bool:
    """Whether a question asking which person holds a role (its wh-phrase's noun: "Which official briefed
    reporters?") meets a sentence bringing in a holder of that role unnamed, away from the entity at
    text[start:end]. News brings in an unnamed source so ("A senior administration official said Sunday that
    Sullivan and Wang, expected in New York, …"), and names a holder beside the role's noun ("Apple CEO Tim
    Cook", "Tim Cook, Apple's chief executive", "a senior official, Ann Lee,"): the other names in such a
    sentence are other people and places."""
    if not _asks_for_someone_by_a_noun(query):
        return False
    noun = re.escape(query.head.split()[-1])
    # "a", then the role's modifiers, none of them a function word ("a meeting with the official delegation").
    unnamed = re.compile(rf"\b(?:an?)\s+(?:(?!{_FUNCTION_WORDS}\b)[\w\-]+\s+){{0,4}}{noun}s?\b", re.IGNORECASE)
    if not unnamed.search(text):
        return False
    return not set(terms(query.head)) & set(_terms_around(text, start, end))


_FUNCTION_WORDS = "(?:the|a|an|of|with|for|to|in|on|at|by|from|and|or|but|who|which|that)"


def _of_another(query: Query, text: str, start: int) -> bool:
    """Whether the amount or thing at text[start:] is given as what the wh-phrase's noun is for someone the
    question does not name, when it names whose it asks about ("What was Calder's revenue?"): news writes
    whose a figure is right before its noun, as a possessor or a subject ("Northwind's revenue rose to $780
    million", "Northwind reported revenue of $780 million"), and coverage of two companies, teams or
    countries gives each its own."""
    if query.wh not in ("what", "which", "how much", "how many", "how big") or not query.head or not query.names:
        return False
    noun = re.escape(query.head.split()[-1])
    owned = re.search(
        rf"({_OWNER})(?:['\u2019]s)?\s+(?:[a-z]+\s+){{0,3}}{noun}s?(?:\s+[a-z]+){{0,3}}\s+(?:\$|\u00a3|\u20ac)?$",
        text[max(0, start - 80) : start],
    )
    if owned is None or not terms(owned.group(1)):
        return False
    asked = _terms_of_names(query)
    return not set(terms(owned.group(1))) & (asked | set(terms(query.text)))


def _situated(text: str, start: int, end: int) -> bool:
    """Whether the place at text[start:end] is written as where something is or happens: after a preposition
    ("met in New York", "at the stadium") or as "<place>-based". A place standing before a noun only says
    whose it is ("U.S. Secretary of State", "Kenyan officials") and answers no "where"."""
    return bool(_SITUATED.search(text[:start])) or text[end:].startswith("-based")


def _counts_another(query: Query, text: str, start: int, end: int) -> bool:
    """Whether the number at text[start:end] counts something other than what the question asks about.

    English writes the thing a number counts in the number's own phrase ("440 million tonnes", "38
    percent") or right after it, perhaps behind a modifier ("more than 400 ships", "five consecutive
    games"): "how many workers" is not answered by "400 ships", "38 percent", "12%" or "$900 million" (a sign
    counts money or a share, unless those are what is counted: "how many dollars"). After a number of two or
    more a verb takes no -s ("14,200 watched", "400 ships wait"), so the first word there ending in -s is
    the plural noun counted, through "of" too ("Two of the biggest stars" counts stars, not theaters); a
    number followed by none ("14,200 watched at", "three of them", "26 people") may count anything. "How
    much" asks for an amount, written with its unit, currency or sign ("5,000 tonnes", "$4 million", "12%")
    or in millions or fractions ("180 million euros", "2.5"); a bare number counts things ("two Japanese
    firms", "a crowd of 14,200", "one-on-one") and measures nothing. A size ("how big") may be told in any
    unit, but a score or a vote ("2-1") tallies two sides, not a size."""
    if query.wh == "how big":  # a size is told in any unit ("a crowd of 23,418", "a $19.6 million shortfall")
        return bool(_TALLY.fullmatch(_with_tally(text[start:end].strip(), text, end)))
    if query.wh not in ("how many", "how much") or (query.wh == "how many" and not query.head):
        return False
    if _counts_a_streak(query, text, start, end):
        return False  # "his fifth straight win": the streak asked, whatever its games are called
    words = text[start:end].split()
    last = max((i for i, word in enumerate(words) if _NUMBER.search(word)), default=-1)
    inside = [word for word in words[last + 1 :] if word.strip(".,;:").isalpha()]
    written = text[max(start - 1, 0) : end + 1]  # the tagger may leave "$" or "%" outside
    signed = any(unicodedata.category(c) == "Sc" or c == "%" for c in written)
    if query.wh == "how much":  # an amount: with its unit ("5,000 tonnes"), currency or sign, or in millions
        return not (inside or _SCALE.search(written) or signed)
    wanted = set(terms(query.head))
    if wanted == {"time"} and query.verb:  # how often an act was done is counted in times or in the acts
        wanted |= set(terms(query.verb))  # ("has made 33 dives", asked how many times he dived)
    if signed and not wanted & _SIGNED_UNITS:
        return True  # "$900 million" counts money and "38%" a share: neither counts the people asked about
    compound = _compound_unit(text, start, end)
    if compound is not None:
        return not wanted & set(terms(compound))
    if inside:
        return not wanted & set(terms(inside[-1]))
    # A score, a vote or a record ("at 5-4 in the deciding set", "a 26-1 record") tallies two sides in what
    # contests are counted in (_TALLIED: "voted 7-2" answers how many votes): it counts nothing else a "how
    # many" asks (aces, spectators), unless the noun asked follows it (a range: "10-12 people").
    following = re.findall(r"[^\W\d][\w'\-]*|\S", text[end:])[:3]
    if _TALLY.fullmatch(_with_tally(text[start:end].strip(), text, end)):
        return not (wanted & _TALLIED or following and wanted & set(terms(following[0])))
    counted = _counted_of(text[end:]) if following and following[0].lower() == "of" else None
    if counted is not None:
        return not wanted & set(terms(counted))
    for word in following:
        if not word[:1].isalpha() or word.lower() in STOPWORDS:
            return False
        if _plural(word):
            return not wanted & set(terms(word)) and not _repeats_the_act_on(query, wanted, text, start, end)
    return False


def _repeats_the_act_on(query: Query, wanted: set[str], text: str, start: int, end: int) -> bool:
    """Whether the number at text[start:end] counts the times the act asked was done to the noun asked, its
    object: "has won the title three times" is three titles won, "contesting a Grand Slam final 29 times" 29
    finals contested; not "defended the title three times" (titles won?), "reached a final after her serve
    broke down 12 times", nor a multiple ("four times the jobs", "three times as many cars")."""
    span = parsed(text).char_span(start, end, alignment_mode="expand")
    times = span.root.head if span is not None else None
    if times is None or times.lower_ != "times" or _MULTIPLYING.match(text, times.idx + len(times.text)):
        return False
    act = times.head  # the question's own verb, as its words read it (Query.content: the parse may miss it)
    if act.lemma_.lower() not in query.content:
        return False
    done_to = [*times.children, *(w for c in act.children if c.dep_ == "dobj" and c != times for w in c.subtree)]
    return any(wanted & set(terms(word.text)) for word in done_to)


# "Times" multiplying what follows it: "four times the jobs", "three times as many", "ten times more".
_MULTIPLYING = re.compile(r"\s+(?:as|the|more|less|fewer|that|over|higher|larger|bigger)\b", re.IGNORECASE)


def _plural(word: str) -> bool:
    """Whether a word after a number reads as the plural noun it counts: it ends in -s, not as "-ss", "-us"
    or "-ous" do ("famous"), and is no possessive ("company's")."""
    lowered = word.lower()
    return (
        lowered.endswith("s")
        and not lowered.endswith(("ss", "us"))
        and "'" not in lowered
        and "\u2019" not in lowered
        and lowered not in STOPWORDS
    )


def _counted_of(after: str) -> str | None:
    """The plural noun a number counts through "of" ("Two of the biggest stars", "400 of the workers"): the
    first within the few words after it, a name's words left aside ("20 of the Texas stores"); None where
    there is none ("three of them", "one of 12")."""
    words = re.findall(r"[^\W\d][\w'\u2019\-]*|\S", after)[1:6]
    for word in words:
        if not word[:1].isalpha():
            return None
        if _plural(word) and not word[:1].isupper():
            return word
    return None


# The units a currency sign or a percent sign stands for, which a "how many" may ask for ("how many dollars").
_SIGNED_UNITS = frozenset(terms("dollars euros pounds yen yuan rupees percent cents"))


def _compound_unit(text: str, start: int, end: int) -> str | None:
    """The word a number joined by hyphens into one word counts ("day" of "a two-day meeting", "on" of "a
    one-on-one meeting"): such a word describes the noun after it, which the number does not count. None for
    a number standing alone or in a tally ("7-2")."""
    word_start = text.rfind(" ", 0, start) + 1
    word = re.match(r"\S*", text[word_start:]).group().strip(".,;:!?()\"'\u201c\u201d")
    if "-" not in word or word_start + len(word) < end:
        return None
    units = [part for part in word.split("-") if part.isalpha() and not _NUMBER.search(part)]
    return units[-1] if units else None


_SCALE = re.compile(r"\b(?:hundreds?|thousands?|millions?|billions?|trillions?|[mb]n)\b|\d\.\d", re.IGNORECASE)


def _a_tally_for_another_figure(query: Query, text: str, start: int, end: int) -> bool:
    """Whether the number at text[start:end] opens a tally ("a 4-2 win") and the question's wh-phrase asks
    for a figure that is no tally ("What was the attendance?", "What was the final score?" is one): a tally
    sets two sides against each other, the outcome of a contest or a vote (_OUTCOMES), counted in what
    contests are decided in (_TALLIED), and says nothing of a crowd, a price or a length."""
    if query.wh not in ("what", "which") or not query.head:
        return False
    whole = _with_tally(text[start:end].strip(), text, end)
    if not _TALLY.fullmatch(whole) or _STATED_YEAR.match(whole):  # "the 2023-24 season" is a span of years
        return False
    return not set(terms(query.head) + list(query.content)) & (_OUTCOMES | _TALLIED)


def _with_tally(surface: str, text: str, end: int) -> str:
    """A number with the rest of the tally it opens ("7" of "voted 7-2" is "7-2", "6" of "6–4" is "6–4"),
    or the currency it is written in ("about 1.2 million" of "about 1.2 million euros")."""
    rest = (_TALLY_REST.match(text, end) if surface[-1:].isdigit() else None) or _CURRENCY_AFTER.match(text, end)
    return surface + rest.group() if rest else surface


# Words that join the parts of a name and never end one ("the Bank of England", "Mission to the United Nations").
_JOINING = frozenset("of to for at in on and the".split())


def _completed(surface: str, text: str, end: int, spans: list[tuple[int, int]]) -> str:
    """A name the tagger cut short at a word that joins its parts ("the Chinese Mission to", before "the United
    Nations"): run on through the name that follows it, or, with none, without that word. No name ends in
    "of", "to" or "the"."""
    words = surface.split()
    if len(words) < 2 or words[-1].lower() not in _JOINING:
        return surface
    gap = re.match(r"\s+", text[end:])
    following = next((e for s, e in spans if gap and s == end + gap.end()), None)
    return surface + text[end:following] if following else surface.rsplit(None, 1)[0]


# Words counting units without a number: "several weeks", "the last few years", "many months".
_COUNTLESS = re.compile(r"\b(?:several|few|many|couple)\b", re.I)


def _lasts(surface: str) -> bool:
    """Whether a time or a measure is a length, as "how long" asks: a count of units ("six years", "about four
    hours", "a week", "a three-week strike", "3 miles", "the last few weeks") or units in the plural ("for
    decades"). A point in time ("Thursday", "May 12, 2023", "last year", "two years ago") says when, not how
    long; so do uncounted units made definite ("the coming weeks", "those years"), which pick out one stretch
    of time, as a date does, where a length is indefinite: so many of a unit, or the unit in the plural."""
    words = surface.strip(" ,.;:").replace("-", " ").split()  # "a three-week strike" lasts three weeks
    last = words[-1].lower() if words else ""
    if not last.isalpha() or last == "ago" or words[-1][:1].isupper():  # a name: "Thursday", "May"
        return False
    if _NUMBER.search(surface) or re.match(r"(?:a|an)\b", surface, re.I) or _COUNTLESS.search(surface):
        return True
    return last.endswith("s") and not re.match(r"(?:the|these|those|this|that)\b", surface, re.I)


# A bound on a length ("less than four years", "over two decades"), or a preposition that spans it ("for
# decades", "within a week"); "ago", "later", "earlier", "before", "after" or "since" after one makes it a point
# in time again.
_BOUNDED = re.compile(r"(?:less|more|fewer)\s+than|nearly|almost|over|under|up\s+to|at\s+least", re.I)
_SPANNING_BEFORE = re.compile(r"\b(?:for|over|within|throughout|spanning)\s+(?:the\s+(?:past|last)\s+)?$", re.I)
_FROM_A_POINT = re.compile(r"\s*(?:ago|later|earlier|before|after|since)\b", re.I)
# A length counted from a point that always makes it a point in time ("two years later"), where "before" or
# "after" may follow a length ("lasted three weeks before workers returned").
_LATER = re.compile(r"\s*(?:ago|later|earlier)\b", re.I)


# A length before "before" or "after" says how far apart two times are ("took place a day after the talks"),
# unless a verb of lasting takes it ("lasted three weeks before workers returned").
_APART = re.compile(r"\s*(?:before|after)\b", re.I)
# Verbs whose object may be a length: how long something went on.
_DURATIVE = frozenset("last wait spend run stay remain continue serve".split())


def _lasting(query: Query, text: str, start: int) -> bool:
    """Whether a length at text[start:] is how long something went on: "for" spans it ("held for seven days
    before fighting resumed"), or the verb before it is one of lasting or the question's own ("How long did
    they wait?": "waited three hours before boarding"); then what follows it is the time it ran up to. After
    any other verb ("The meeting took place a day after …") the length and "after" say when."""
    if _SPANNING_BEFORE.search(text[max(0, start - 30) : start]):
        return True
    verbs = [token for token in parsed(text) if token.pos_ in ("VERB", "AUX") and token.idx < start]
    return bool(verbs) and verbs[-1].lemma_ in _DURATIVE | {query.verb}


def _spans(text: str, start: int, end: int) -> bool:
    """Whether the time at text[start:end] is a length written as one, which says how long, not when: "the
    second accident on the line in less than four years", "for decades". A length counted from a point
    ("two years ago", "a week later") and one after a bare "in" ("will open in two years") say when."""
    surface = text[start:end].strip(" ,.;:")
    if not _lasts(surface) or _FROM_A_POINT.match(text, end):
        return False
    return bool(_BOUNDED.match(surface) or _SPANNING_BEFORE.search(text[max(0, start - 30) : start]))


def _whole_words(text: str, start: int, end: int) -> str:
    """text[start:end] widened to the whole words it cuts into: the tagger may take part of a hyphenated word
    for a name ("Runner" of "Runner-up")."""
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "-"):
        start -= 1
    while end < len(text) and (text[end].isalnum() or text[end] == "-"):
        end += 1
    return text[start:end]


def _beside_a_name(query: Query, text: str, start: int, end: int) -> bool:
    """Whether the name nearest text[start:end] is one the question uses ("Maria Lopez, 54"; "a 71-year-old
    named Ann Price"): news writes an age right against the name of the one it belongs to. A question that
    asks by what someone is ("How old is the mayor?", `Query.head`) is answered by the age of the one the
    text so describes, in a title before the name, an apposition after the age or the words a hyphenated age
    describes ("Mayor Tom Reyes, 61"; "Tyler Brandt, 27, a contract firefighter"; "74-year-old retired postman
    Gerald Finch")."""
    asked = _terms_of_names(query)
    aged = _DESCRIBED_BY_AGE.match(text[end:]) if text[start:end].endswith("-old") else None
    if aged and not _CAPITALISED_WORD.match(text[end + aged.end() :].lstrip()):
        # A hyphenated age before a noun and no name is that noun's ("whose five-year-old daughter", "the
        # 30-year-old family business"), whatever name stands near.
        described = aged.group(1)
    else:
        # A capitalised word of no name ("The" opening "The 59-year-old Evason") is no one's, nor is the age
        # ("Thirteen-year-old").
        names = [
            (max(start - m.end(), m.start() - end, 0), m)
            for m in _CAPITALISED_WORD.finditer(text)
            if m.group().lower() not in STOPWORDS and not start <= m.start() < end
        ]
        distance, name = min(names, key=lambda pair: pair[0], default=(len(text), None))
        if name is None or distance > 50:
            return False
        if set(terms(name.group())) & asked:
            return True
        described = " ".join(
            [
                _title_before(text, min(name.end(), start)),
                *_DESCRIPTION_AFTER.findall(text[end:]),
                *([aged.group(1)] if aged else []),
            ]
        )
    return bool(query.head) and bool(set(terms(query.head)) & set(terms(described)))


def _age_of_the_subject(query: Query, text: str, start: int, end: int) -> bool:
    """Whether the age at text[start:end] is told of the subject of its clause, a person the question names:
    "Everton chairman Bill Kenwright, an acclaimed theatre producer, has died at the age of 78". News puts an
    age against the name (`_beside_a_name`) or, telling of a death, a retirement or a record, in the predicate
    ("died aged 91", "retired at the age of 36"), where it is the subject's: the name proper heading the
    subject, with its first names, is read, not names standing in an aside to it."""
    document = parsed(text)
    span = document.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    verb = span.root
    # Up from the number to its clause's verb through the prepositions and adverbials that give an age ("at the
    # age of", "aged"), not through an apposition or an object: "met Bo Park, 61" gives Park's age.
    while verb.pos_ not in ("VERB", "AUX"):
        if verb.dep_ not in _ADVERBIAL or verb.head is verb:
            return False
        verb = verb.head
    subjects = [child for child in verb.children if child.dep_ in ("nsubj", "nsubjpass")]
    named = {
        term
        for subject in subjects
        for word in (subject, *(child for child in subject.children if child.dep_ == "compound"))
        if word.pos_ == "PROPN"
        for term in terms(word.text)
    }
    return bool(named & _terms_of_names(query))


_ADVERBIAL = frozenset({"pobj", "prep", "npadvmod", "acomp", "advmod"})


# A hyphenated age is an adjective of the words after it: "74-year-old retired postman Gerald Finch".
_DESCRIBED_BY_AGE = re.compile(r"^\s+((?:[a-z][\w'\-]*\s+){0,3}[a-z][\w'\-]*)")
# An apposition after an age describes whose it is: "Tyler Brandt, 27, a contract firefighter from …".
_DESCRIPTION_AFTER = re.compile(r"^\s*[,)]\s*(?:an?\s+|the\s+)?((?:[\w'\-]+\s+){0,3}[\w'\-]+)")


_CAPITALISED_WORD = re.compile(r"\b[A-Z][\w'\-]+")
_AGE_WRITTEN = re.compile(
    rf"(?:\d+|\b{_NUMBER_IN_WORDS})\s*-?\s*years?[\s\-]*old\b|\bage(?:d|\s+of)?\s+\d+", re.IGNORECASE
)
_AGE_WORDS_AFTER = re.compile(r"^\s*-?\s*years?[\s\-]*old\b", re.IGNORECASE)
_AGE_WORD_BEFORE = re.compile(r"\bage(?:d|\s+of)?\s+$", re.IGNORECASE)
_NAME_THEN_OPENING = re.compile(r"[A-Z][\w.'\-]*(?:,|\s\()\s*$")
_CLOSING = re.compile(r"^\s*[,)]")
# A dash closes an aside too ("Sean, 18, and Jayden, 17 – who"), and a result's line as often ("Labour, 411 –
# a landslide", "Jokic, 32 – plus 14 rebounds", "Leeds, 3 – 1"): a number of a lifetime's size, before the
# clause or the next name a dash goes on with.
_DASH = re.compile(r"^\s*(?:[\u2013\u2014]|-(?=\s))\s*(?:who|whose|and)\b", re.IGNORECASE)
_OLDEST = 120


def _states_age(text: str, start: int, end: int) -> bool:
    """Whether the number at text[start:end] is written as someone's age. News gives an age in set shapes:
    after the name between commas, in brackets or before a dash ("Wang Yi, 70, said"; "Smith (45)"; "Jayden,
    17 – who"), as "70-year-old" or
    "70 years old", or after "aged", "age" or "the age of": any other number beside a person ("the two
    governments") is not an age."""
    before, after = text[max(0, start - 40) : start], text[end : end + 15]
    return bool(
        _AGE_WRITTEN.search(text[start:end])
        or _AGE_WORDS_AFTER.match(after)
        or _AGE_WORD_BEFORE.search(before)
        or (
            _NAME_THEN_OPENING.search(before)
            and (_CLOSING.match(after) or (_DASH.match(after) and _a_lifetime(text[start:end])))
        )
    )


def _a_lifetime(number: str) -> bool:
    """Whether a number, as written, could be someone's age in years."""
    return number.strip().isdigit() and int(number) <= _OLDEST


# A name's words: capitalised ("Cell", "J.", "U.S.", "O'Brien") or holding a digit ("Daam1", "F-35"), joined by "of",
# "and" or "&" inside a name ("Bank of America").
_NAME_WORD = r"(?:[A-Z](?:\.(?:[A-Z]\.)*|[\w'\u2019-]*)|[\w-]*\d[\w-]*)"
_NAME_RUN = rf"{_NAME_WORD}(?:\s+(?:(?:of|and|&)\s+)?{_NAME_WORD})*"


def apposed(query: Query, text: str, entities: list[tuple[int, int, str]], offset: int) -> list[tuple[int, int, str]]:
    """The names `text` gives in apposition to the noun of the question's wh-phrase, where the tagger found no
    entity: "published in the journal Cell Metabolism", "a previously unknown gene, Daam1", for "which
    journal" and "which gene". English names a thing of a kind by putting its name after the kind's noun, and
    the small tagger misses the names of kinds it was not trained on (journals, genes, drugs, ships). Each is
    labelled the likeliest kind asked for (spans as `entities`, offsets from the article's start)."""
    if not query.head or not query.labels or query.wh not in ("what", "which"):
        return []
    label = likeliest(query)
    pattern = re.compile(rf"\b(?i:{re.escape(query.head)}s?),?\s+({_NAME_RUN})")
    found = []
    for match in pattern.finditer(text):
        start, end = match.start(1) + offset, match.end(1) + offset
        if not any(s < end and start < e for s, e, _ in entities):
            found.append((start, end, label))
    return found


def with_scorelines(text: str, entities: list[tuple[int, int, str]], offset: int) -> list[tuple[int, int, str]]:
    """The entities with every scoreline in `text` ("4-2", "23–20") a figure of its own (CARDINAL).

    Sport writes a result as its two scores joined by a dash ("beat Croatia 4-2", "Chelsea 1-0 Arsenal"),
    which the small tagger leaves out or runs into the names beside it ("Croatia 4-2" as a person): the names
    are cut apart from it, and the score answers "what was the score?". A dash joining figures inside another
    figure ("10-12 hours", "the 2018-19 season"), a model's ("Boeing 737-800", "A320-200") or a title's is
    no score (spans as `entities`, offsets from the article's start)."""
    scores = [(m.start() + offset, m.end() + offset) for m in _SCORE.finditer(text)]
    if not scores:
        return entities
    kept = []
    for start, end, label in entities:
        inside = [score for score in scores if start <= score[0] and score[1] <= end]
        if not inside or label in FIGURE_LABELS or label in _NAMES_WITH_FIGURES:
            kept.append((start, end, label))
            continue
        edges = [start, *(edge for score in inside for edge in score), end]
        for left, right in zip(edges[::2], edges[1::2], strict=True):  # the names between the scores
            name = text[left - offset : right - offset]
            stripped = name.strip(" ,:;")
            if stripped:
                first = left + name.index(stripped)
                kept.append((first, first + len(stripped), label))
    kept += [(s, e, "CARDINAL") for s, e in scores if not any(ks <= s and e <= ke for ks, ke, _ in kept)]
    return sorted(kept)


# Two scores of up to three figures joined by a hyphen or an en dash, not part of a longer run of figures or a
# model's name ("A320-200", "777-300ER").
_SCORE = re.compile(r"(?<![\w\-\u2013.,/])\d{1,3}\s?[\-\u2013]\s?\d{1,3}(?![\w\-\u2013/]|[.,]\d)")
# What is named with figures in it: a product's model, a title, a law.
_NAMES_WITH_FIGURES = frozenset({"PRODUCT", "WORK_OF_ART", "LAW"})


def kind_weight(
    query: Query, entities: list[tuple[int, int, str]], text: str, offset: int, by_grammar: bool = False
) -> float:
    """The likeliest kind of answer among the entities in `text` that could answer (`could_answer`). The
    answer to "why" is a reason, which no entity is: a text holds one where it gives a reason (`gives_a_reason`).

    Read `by_grammar` (of a sentence, as a passage is too long to parse for each question), the grammar names
    the answer surer than any label: an entity playing, in the act asked of, the part the wh-phrase plays
    ("Directed by Justin Kurzel", asked who directed the film: `in_the_part_asked`) is the one asked for,
    where a name merely beside the act's words ("Côté, creative director of the game") is only of the kind
    asked, and weighs 1. Not so asked who said something: every speaker says, and what they said tells which
    (the answerer reads that from the sentences' speakers)."""
    if query.wh == "why":
        return float(gives_a_reason(text))
    asked = set(terms(query.text))
    best = 0.0
    grammar = by_grammar and not query.asks_who_spoke
    for start, end, label in entities:
        weight = _weight(query, label, text, start - offset, end - offset)
        if weight > 0 and (weight > best or grammar) and could_answer(query, text, start - offset, end - offset, asked):
            best = max(best, weight)
            # Whichever entity the act's doer is, not only the likeliest label's ("After McIlroy faltered,
            # Scheffler won the Masters").
            if grammar and in_the_part_asked(query, text, start - offset, end - offset):
                return 1.0
    return best


# The words English gives a reason with: a cause ("because of the pandemic", "due to" but not "due to start
# at 3 p.m.", "amid criticism", "citing health reasons", "in protest", "the reason"), a purpose ("in order to",
# "so that", "given that"), an act chosen instead of another ("rather than seek the record"), and a clause
# opened by "as" after a comma or at a sentence's start, before a noun phrase ("As Han's position is
# ceremonial, …"). "Since" and "after" tell a time as often as a cause, and are left out, as are "instead of"
# and a bare "given" ("Given the nod by the selectors, …"), which say which and who as often.
_REASON = re.compile(
    r"\b(?:because|due\s+to(?!\s+[a-z]+\s+(?:at|on|in|by|next|this|from)\b)|owing\s+to|thanks\s+to"
    r"|as\s+a\s+result\s+of|in\s+order\s+to|so\s+that|citing|amid|in\s+protest|to\s+protest"
    r"|in\s+response\s+to|in\s+retaliation|reasons?\b|the\s+cause\s+of"
    r"|rather\s+than\s+(?!(?:the|a|an|that|those|in|at|on|by|to|for|with|from|of|during|into|over|after|before)\b)"
    r"(?-i:[a-z]+)\s+(?:the|a|an|his|her|its|their|to|it|them|him)\b"
    r"|given\s+that\b)"
    r"|(?:^|[,;:]\s+)as\s+(?:the|a|an|his|her|its|their|our|this|that|[A-Z][\w\u2019']*['\u2019]s)\b",
    re.IGNORECASE,
)


def gives_a_reason(text: str) -> bool:
    """Whether a text gives a reason for something, as a "why" question asks: in the words English marks a
    cause or a purpose with (`_REASON`), or the act chosen instead of another ("elected to retire rather than
    seek the record" is why he did not seek it; "in Geneva rather than Vienna" says where, not why)."""
    return bool(_REASON.search(text))


# Where a clause ends: a mark of punctuation, but not the period of an abbreviation ("the U.S. agency").
_CLAUSE_END = re.compile(r"(?:[,;:!?\u2014]|(?<![A-Z])\.)(?:\s|$)")


def reason_clause(text: str) -> str | None:
    """The clause a text gives a reason in, from its marker to the clause's end ("because inspectors found
    cracks"), as the short answer to a "why" question. An act chosen instead of another ("elected to retire
    rather than seek the record") gives its reason before the marker, in no clause of its own: none."""
    match = next((m for m in _REASON.finditer(text) if not m.group().lower().startswith("rather")), None)
    if match is None:
        return None
    clause = _CLAUSE_END.split(text[match.start() :].lstrip(" ,;:"), maxsplit=1)[0].strip()
    return clause if " " in clause else None


# What a noun is or comes to, said right after it: "Turnout was 68.2 percent", "the fine stood at about $2 million".
_COPULA = r"(?:is|was|are|were|stood\s+at|came\s+to|totall?ed)"
_ROUGHLY = r"(?:(?:about|around|nearly|almost|roughly|some|just\s+over|just\s+under|more\s+than|less\s+than)\s+)?"


def _predicated_of(noun: str, text: str, start: int, label: str) -> bool:
    """Whether the entity at text[start:] is said of the wh-phrase's noun: what follows a noun and a copula is
    what it is ("Turnout was 68.2 percent" answers "what was the turnout?"), as is an amount after "of" ("a
    turnout of 68.2 percent"), whatever kind the noun's meaning suggests (a turnout reads as an event)."""
    word = re.escape(noun.split()[-1])
    linking = rf"{_COPULA}|of" if label in FIGURE_LABELS else _COPULA
    return bool(
        re.search(rf"\b{word}s?\s+(?:{linking})\s+(?:the\s+)?{_ROUGHLY}$", text[max(0, start - 60) : start], re.I)
    )


def _carries_its_kind(noun: str, name: str) -> bool:
    """Whether a name says it is a `noun` by its first or last word: English names places, bodies and events
    by their kind ("the Copper Gulch Fire", "Columbia River", "Hurricane Ian", "Lake Tahoe"), and a
    compound noun ends in its kind ("wildfire" is a fire). The tagger often mislabels such names (a fire as
    an organisation); the name itself answers "which wildfire"."""
    words = [word for word in re.findall(r"[\w'-]+", name) if word.lower() != "the"]
    if len(words) < 2:
        return False
    kind = noun.split()[-1].lower()
    return any(
        word[0].isupper() and len(word) >= 3 and (set(terms(word)) & set(terms(kind)) or kind.endswith(word.lower()))
        for word in (words[0], words[-1])
    )


def _weight(query: Query, label: str, text: str, start: int, end: int) -> float:
    """How likely the entity of this label at text[start:end] is the kind of answer asked for. A number
    written with the noun a "how many" counts ("19 days", "two-day" for "how many days") is that count,
    whatever the tagger labels it (a period is a DATE to it, days a TIME to the meaning of the question's
    noun); one before a currency's name is money ("about 1.2 million euros", which the tagger often reads as
    a count with a word after it), as is an amount opening with a currency's code ("NIS 405 million", which
    it may read as an organisation); a name carrying the kind a "which" noun asks for, or what the text says
    that noun is, is one (`_carries_its_kind`, `_predicated_of`). Asked where, a name after "at" is a site
    ("sat down at the Chinese Mission", "a rally at Wembley", "met at the Kremlin"), which the tagger often
    labels a body or an event: English puts a place, not a party, at that point (`_at_a_site`)."""
    surface = text[start:end]
    if query.wh == "how many" and query.head and set(terms(query.head)) <= set(terms(surface.replace("-", " "))):
        return max(query.labels.values(), default=0.0)
    if (
        query.wh in ("what", "which")
        and query.head
        and (_carries_its_kind(query.head, surface) or _predicated_of(query.head, text, start, label))
    ):
        return max(query.labels.values(), default=0.0)
    if (label == "CARDINAL" and _CURRENCY_AFTER.match(text, end)) or _CODED_AMOUNT.match(surface):
        return query.label_weight("MONEY")
    if _counts_a_streak(query, text, start, end):
        return max(query.labels.values(), default=0.0)
    if label in _SITE_LABELS and asks_where(query) and _at_a_site(text, start):
        return max(query.label_weight(label), query.label_weight("FAC"))
    return query.label_weight(label)


def _counts_a_streak(query: Query, text: str, start: int, end: int) -> bool:
    """Whether the ordinal at text[start:end] counts a streak a question asks the length of: news tells a run
    by its latest ("scored in his 14th consecutive game", "their fifth straight win"), so asked "in how many
    consecutive games", the ordinal before "consecutive" is the count, if its run is of what the question
    counts or does ("games", "won": not "their third straight loss")."""
    if query.wh != "how many" or not _ORDINAL.fullmatch(text[start:end].strip()):
        return False
    streak = _STREAK.match(text, end)
    return (
        streak is not None
        and bool(_STREAK_ASKED.search(query.text))
        and bool(set(terms(streak.group(1))) & set(query.content))
    )


_STREAK = re.compile(r"\s+(?:consecutive|straight|successive)\s+([\w'\-]+)", re.IGNORECASE)
_STREAK_ASKED = re.compile(r"\b(?:consecutive|straight|successive|in a row)\b", re.IGNORECASE)
_ORDINAL = re.compile(
    r"\d+(?:st|nd|rd|th)|(?:twenty|thirty|forty|fifty)?-?(?:first|second|third|fourth|fifth|sixth|seventh|eighth"
    rf"|ninth|tenth|eleventh|twelfth|{_TEENS}th|twentieth|thirtieth)",
    re.IGNORECASE,
)


# Names a site may be tagged as (a building, a body housed in one, an event held at one), and "at" before one.
_SITE_LABELS = frozenset({"ORG", "FAC", "EVENT", "LOC"})
_AT_A_SITE = re.compile(r"\bat\s+(?:the\s+)?$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-Z\"\u201c])")


def _at_a_site(text: str, start: int) -> bool:
    """Whether the name at text[start:] follows an "at" that places an act ("sat down at the Chinese Mission",
    "a rally at Wembley"), not one that tells whom someone works for ("officials at the State Department
    said", "analysts at Goldman Sachs"): the parse hangs a place's "at" from a verb or an event's noun, an
    employer's from the people who work there."""
    before = _AT_A_SITE.search(text[:start])
    if before is None:
        return False
    opening = max((m.end() for m in _SENTENCE_END.finditer(text, 0, before.start())), default=0)
    clause = text[opening : start + 40]
    at = next((t for t in parsed(clause) if t.idx == before.start() - opening and t.lower_ == "at"), None)
    return at is None or not (at.head.pos_ in ("NOUN", "PROPN") and at.head.tag_ in ("NNS", "NNPS"))


# The names of currencies, written after an amount ("1.2 million euros", "500 yen").
_CURRENCY_AFTER = re.compile(
    r"\s+(?:euros?|dollars?|pounds?|yen|yuan|renminbi|francs?|rupees?|pesos?|kron[aeo]r?|rand|roubles?|rubles?"
    r"|shekels?|lira|dirhams?|riyals?|ringgits?|baht|dinars?)\b",
    re.IGNORECASE,
)


# An amount written after a currency's ISO code ("NIS 405 million", "EUR 12 million", "CHF 3.1bn").
_CODED_AMOUNT = re.compile(
    r"(?:USD|EUR|GBP|JPY|CNY|RMB|CHF|INR|NIS|ILS|AUD|CAD|NZD|HKD|SGD|KRW|TWD|SEK|NOK|DKK|PLN|CZK|HUF|RUB|BRL|MXN"
    r"|ZAR|TRY|AED|SAR|QAR|EGP|NGN|KES)\s?\d"
)


def year_features(query: Query, text: str, date: str | None, context: str | None = None) -> dict[str, float]:
    """The text's years against those asked, counting those it gives from the year it was written in (of its
    article or its passage, `context`: question.written_in); a text naming no year is dated by its article. A
    past or coming period asked relative to now ("last year's final") is stated as the years are ("Last
    year's Golden Lantern was won by …")."""
    written = written_in(text if context is None else context, date)
    stated = states_years(query, text, written) or float(bool(set(query.periods) & periods_stated(text)))
    dated = 0.0
    if not stated and query.years and date:
        dated = 1.0 if query.dated_in(date) else -1.0
    return {"years": float(stated > 0), "other_years": float(stated < 0), "dated": dated}


def number_features(query: Query, text: str) -> dict[str, float]:
    """The text's numbered instalments against those asked (question.states_numbers)."""
    stated = states_numbers(query, text)
    return {"numbers": float(stated > 0), "other_numbers": float(stated < 0)}


def page_date(answer: str | None, sentence: str) -> bool:
    """Whether a short answer is the date a search result's page was published, which opens its snippet.

    That date says when the page appeared: it answers "when" where the page announces what is asked
    ("Google has officially announced the Pixel 6"), not where it looks back ("Cyberpunk 2077's original
    release date was April 16, 2020"). The fitted models weigh it as they find it right."""
    opening = PAGE_DATE.match(sentence)
    return bool(answer and opening and answer in opening.group())


def year_unconfirmed(query: Query, passage: str, date: str | None) -> bool:
    """Whether a question asks about a year that nothing about a passage ties it to: the passage states no year
    asked and its article is not dated in one.

    A year in a question picks one edition of what recurs (an award, a tournament, a season, a product), and
    coverage of another edition reads the same. A passage stating another year is no candidate at all
    (question.answerable_in_years); one stating none may be about any edition ("Walter Camp Award for player
    of the year: Baker Mayfield"), so an answer from it is declined (ruled_out)."""
    if not query.years:
        return False  # asked about no year: the passage's years (whose reading may parse it) matter not
    stated = years_stated(passage, written_in(passage, date))
    return not stated & set(query.years) and not query.dated_in(date)


def month_fit(query: Query, date: str | None) -> float:
    if not query.months or not date or len(date) < 7 or not date[5:7].isdigit():
        return 0.0
    return 1.0 if MONTHS[int(date[5:7]) - 1] in query.months else -1.0


_BOILERPLATE = re.compile(r"https?://|pic\.twitter|@\w{2,}|\b(photo|image|file)\s*:|^\W*$", re.IGNORECASE)
# A news page links its other stories by their headlines behind a label in capitals ("MORE: How the Dodgers'
# payroll looks", "READ MORE:", "WATCH:", "RELATED:"): a headline of another story, which states nothing here.
_LINK_TO_ANOTHER_STORY = re.compile(r"\s*(?:READ |SEE |ALSO )?(?:MORE|WATCH|RELATED|READ)\b[A-Z ]{0,20}:\s")


def head_by_entity(query: Query, text: str, entities: list[tuple[int, int, str]], offset: int) -> bool:
    """Whether the wh-phrase's noun stands right beside an entity or ends its name: "pitcher Nathan Eovaldi",
    "Eovaldi, the pitcher", "Wankhede Stadium" (a place or body often carries its kind in its name)."""
    if not query.head:
        return False
    head = set(terms(query.head))
    return any(head & set(_terms_around(text, start - offset, end - offset)) for start, end, _ in entities)


def _terms_around(text: str, start: int, end: int) -> list[str]:
    """The terms right beside the entity at text[start:end], and its last: where news writes what someone or
    something is ("pitcher Nathan Eovaldi", "Eovaldi, the pitcher", "Wankhede Stadium")."""
    return terms(text[max(0, start - 25) : start]) + terms(text[end : end + 25]) + terms(text[start:end])[-1:]


def sentence_features(
    query: Query, text: str, entities: list[tuple[int, int, str]], offset: int, speakers: list[str]
) -> dict[str, float]:
    """The features of a sentence that depend on it alone (the answerer adds the rest)."""
    kind = kind_weight(query, entities, text, offset, by_grammar=True)
    return {
        "kind": kind,
        "figureless": float(figureless(query, text, entities, offset)),
        "nameless": float(fuller_name_asked(query) is not None and kind == 0.0),
        "speaker": float(speaker_fits(query, speakers)),
        "quote": float(query.asks_speech and bool(QUOTATION_MARK.search(text))),
        "head": float(query.uses_head(set(terms(text)))),
        "head_by_entity": float(head_by_entity(query, text, entities, offset)),
        "question_like": float(text.rstrip().endswith("?")),
        "boilerplate": float(
            bool(_BOILERPLATE.search(text) or _LINK_TO_ANOTHER_STORY.match(text)) or len(terms(text)) < 4
        ),
        "short": float(len(text) < 40),
    }


def absent(wanted: dict[str, float], present: set[str] | frozenset[str]) -> float:
    """The rarest question word a text lacks, by rarity over the rarest word asked (0 when it lacks none).

    A question hinges on its rarest words: a passage on a regional election, however much else it shares
    with a question about the national one, lacks "national" and answers something else. Beside the
    rarity-weighted overlap ("words"), which one rare word can dominate, it lets each model weigh that
    word apart from the rest: the fitted sentence model, given the overlap, counts it in the candidate's
    favour (a sentence sharing several of the question's words outranks one sharing its rarest alone),
    the confidence model against answering."""
    if not wanted:
        return 0.0
    present = with_verb_stems(present)
    missing = [weight for term, weight in wanted.items() if not _states(term, present)]
    return max(missing, default=0.0) / (max(wanted.values()) or 1.0)


def figureless(query: Query, text: str, entities: list[tuple[int, int, str]], offset: int) -> bool:
    """Whether the question asks for a time, an amount or a measure (the greater share of its kinds: "when",
    "how many", "how old", "in what year") and the sentence holds no figure of the kind asked that could
    answer. Such an answer is declined (ruled_out): news states a date, a sum or a count in figures or
    number words, which the tagger finds, so a sentence without one says nothing of it however many of the
    question's words it shares ("two Japanese firms must compensate the workers", for "how much
    compensation must the firms pay?"; "Meltwater was founded in Norway", for "in what year was it
    founded?"). A name the tagger missed is no such sign, so questions asking for names are left to the
    confidence model. An amount after a currency's code is a figure whatever the tagger labels it ("NIS 3.5
    billion" may be a product to it; see `_weight`)."""
    if sum(share for label, share in query.labels.items() if label in FIGURE_LABELS) < 0.5:
        return False
    asked = set(terms(query.text))
    return not any(
        (
            label in FIGURE_LABELS
            or _CODED_AMOUNT.match(text, start - offset, end - offset)
            or _counts_a_streak(query, text, start - offset, end - offset)
        )
        and _weight(query, label, text, start - offset, end - offset) > 0
        and could_answer(query, text, start - offset, end - offset, asked)
        for start, end, label in entities
    )


def dayless(query: Query, key: str | None, label: str | None) -> bool:
    """Whether a question asking for a date ("On what date …?", "What is the release date …?") is given one that
    names no day: a month or a year spans many dates, and which of them is asked the text does not say (a
    summit "in November", asked the date it opens). `key` is the answer's answer_key."""
    return (
        query.head == "date" and label == "DATE" and not any(w.isdigit() and len(w) <= 2 for w in (key or "").split())
    )


def ruled_out(best: dict[str, float]) -> bool:
    """Whether the best sentence (its features) is declined whatever its confidence: it holds no figure of the
    kind a question asking for a time or an amount wants (figureless), nothing ties its passage to the year
    the question asks about (year_unconfirmed), its date names no day where one is asked (dayless), or it
    holds no fuller name of someone whose full name is asked (nameless). It cannot be known to answer,
    however well it matches the question."""
    return any(best[rule] == 1.0 for rule in ("figureless", "year_unconfirmed", "dayless", "nameless"))


def ranked(model: Model, rows: list[dict[str, float]]) -> tuple[list[int], dict[str, float]]:
    """Candidate indices best first under the sentence model, and the confidence features of the best."""
    scores = model.score(rows)
    order = [int(i) for i in np.argsort(-scores, kind="stable")]
    shares = np.exp(scores - scores.max())
    shares /= shares.sum()
    best = rows[order[0]]
    second = scores[order[1]] if len(order) > 1 else scores[order[0]] - 5.0
    confidence = {
        "share": float(shares[order[0]]),
        "margin": float(scores[order[0]] - second),
        "score": float(scores[order[0]]),
        **{name: best[name] for name in CONFIDENCE_FEATURES[3:]},
    }
    return order, confidence


# -- the short answer -----------------------------------------------------------------------------

# The dependency of what an act is done to.
_DONE_TO = frozenset({"dobj"})


def done_to(sentence: str) -> list[int]:
    """The offsets in a sentence of the words its parse shows an act was done to: each verb's direct object,
    and the words joined to it by "and" ("Halep defeated Serena Williams and Coco Gauff").

    Asked who did something ("Who won Wimbledon in 2019?", "Which team beat Japan?"), the answer is the doer,
    whom English writes as the subject, before the verb; the one it was done to follows the verb as its
    object, nearer the words a question shares ("Simona Halep defeated Serena Williams in the final to win
    the title"), and is not the answer."""
    objects = []
    for token in parsed(sentence):
        if token.dep_ in _DONE_TO or (token.dep_ == "conj" and token.head.dep_ in _DONE_TO):
            objects.append(token.idx)
    return objects


def by_the_doer(entities: list[tuple[int, int, str]], sentence: str, offset: int) -> list[tuple[int, int, str]]:
    """The entities of a sentence (at `offset` in its article) that are not what an act was done to (done_to)."""
    objects = done_to(sentence)
    return [(s, e, label) for s, e, label in entities if not any(s <= offset + at < e for at in objects)]


_QUOTED = re.compile(r"[\"\u201c]([^\"\u201c\u201d]{3,})[\"\u201d]")


def short_answer(query: Query, text: str, entities: list[tuple[int, int, str]], offset: int) -> str | None:
    """The phrase of `text` that answers: the quoted words for speech, else the entity of the kind asked for
    nearest the question's own words, a person or a body the more so as its title holds them
    (`_title_before`), any the more so as the sentence's grammar gives it the part the question's wh-phrase
    plays in its verb's act ("won on Sunday by Marta Kostyuk, while Elena Ruiz, the Open's top seed, watched":
    question.in_the_part_asked); None when the question asks for neither."""
    if query.asks_speech:
        return quoted_words(text, set(query.content))
    if not query.typed:
        return None
    asked = set(terms(query.text))
    anchors = [m.span() for m in re.finditer(r"\w+", text) if terms(m.group()) and terms(m.group())[0] in asked]
    # An acronym asked about anchors where the text spells it out ("APEC": "Asia-Pacific Economic Cooperation").
    anchors += [run.span() for name in query.proper_names for run in spelled_out(name, text)]
    # "By how much …?" is answered by what follows "by" ("broke it by 41 seconds"), "In which country …?" by
    # what follows "in", perhaps named by its kind first ("in the Mediterranean island nation of Malta").
    after_preposition = (
        re.compile(rf"\b{re.escape(query.preposition)}\s+(?:the\s+)?(?:{_KIND_OF})?$", re.I)
        if query.preposition
        else None
    )
    opening = PAGE_DATE.match(text)
    spans = [(start - offset, end - offset) for start, end, _ in entities]
    found = []  # (score, phrase, whether it lies in the page date a snippet opens with)
    for start, end, label in entities:
        surface = text[start - offset : end - offset]
        if not could_answer(query, text, start - offset, end - offset, asked):
            continue
        distance = _gap(start - offset, end - offset, anchors, none=len(text))
        score = _weight(query, label, text, start - offset, end - offset) * (1.0 + 1.0 / (1.0 + distance / 20))
        if label in _TITLED:
            title = set(terms(_title_before(text, start - offset)))
            score *= 1.0 + 0.5 * sum(holds(term, title) for term in asked)
        if (asks_where(query) or query.wh == "when") and _situated(text, start - offset, end - offset):
            score *= 1.5
        if after_preposition and after_preposition.search(text[: start - offset]):
            score *= 1.5
        if in_the_part_asked(query, text, start - offset, end - offset):
            score *= 2.0
        if score > 0:
            whole = _page_date_holding(text, start - offset, end - offset) or _with_tally(
                _completed(surface, text, end - offset, spans), text, end - offset
            )
            found.append((score, whole.strip(" ,.;:"), opening is not None and end - offset <= opening.end()))
    # A search result's snippet opens with its page's date, which says when the page appeared; what the text
    # itself gives says when, where or who in what it tells, so the page's date answers only where the text
    # gives nothing that may.
    own = [phrase for phrase in found if not phrase[2]] or found
    return max(own, key=lambda phrase: phrase[0])[1] if own else None


def _gap(start: int, end: int, anchors: list[tuple[int, int]], none: int) -> int:
    """The characters between text[start:end] and the nearest of the `anchors` (spans; 0 where one touches
    or overlaps it), `none` without any. Characters, so a long anchor ("North Atlantic Treaty Organization")
    is as near to what follows it as a short one."""
    return min((max(a_start - end, start - a_end, 0) for a_start, a_end in anchors), default=none)


# The terms of the reporting verbs: a question's "say" or "tell" points at no quotation.
_SPEECH_TERMS = frozenset(term for verb in SPEECH_VERBS for term in terms(verb))


def quoted_words(text: str, about: set[str] | frozenset[str] = frozenset()) -> str | None:
    """The quotation in `text` that says what is asked `about` (the question's terms, its names left out);
    failing one, the part of a quotation the sentence holds.

    A sentence may quote a speaker twice, each time on something else ('other countries are longing for
    "steady and sound" relations, as that would benefit "the world at large"'): the quotation that uses the
    question's words, else the one written nearest them, is the one asked about; the longest where the
    question's words tell none apart. A quotation of several sentences is cut by the sentence splitter: its
    first sentence opens a quotation it does not close (`Schumer told the press, "it is clear …`), its last
    closes one opened before it. A straight mark opens where a word begins and closes where one ends."""
    quotes = list(_QUOTED.finditer(text))
    if quotes:
        about = about - _SPEECH_TERMS
        quoted = [quote.span() for quote in quotes]
        anchors = [
            m.span()
            for m in re.finditer(r"\w+", text)
            if not any(start <= m.start() < end for start, end in quoted) and set(terms(m.group())) & about
        ]

        def fit(quote: re.Match) -> tuple[int, int, int]:
            uses = len(set(terms(quote.group(1))) & about)
            return (-uses, _gap(quote.start(), quote.end(), anchors, none=0), -len(quote.group(1)))

        return min(quotes, key=fit).group(1).strip(" ,.")
    marks = list(QUOTATION_MARK.finditer(text))
    if len(marks) != 1:
        return None
    mark = marks[0]
    opens = mark.group() == "\u201c" or (mark.group() == '"' and text[mark.start() - 1 : mark.start()].strip() == "")
    words = (text[mark.end() :] if opens else text[: mark.start()]).strip(" ,.")
    return words if len(words) >= 3 else None


def _page_date_holding(text: str, start: int, end: int) -> str | None:
    """The whole page date a snippet opens with (`page_date`), if text[start:end] lies inside it: the tagger
    often takes "13, 2017" of "Apr 13, 2017 ..." for the date, leaving the month out."""
    opening = PAGE_DATE.match(text)
    if opening is None or start < opening.start() or end > opening.end():
        return None
    return opening.group().strip().rstrip(".\u2026").strip()


def in_full(answer: str | None, people: Iterable[str]) -> str | None:
    """The answer, a surname given in full as the one person of `people` (names its article writes) it ends:
    news names a person in full once, then by surname, and the answer should name them as the coverage
    first did ("Samuel Chukwueze", not "Chukwueze"). A surname two people share stays as written. `people`
    is read only for a one-word answer. A month news style abbreviates ("Sept. 18", "Nov 15") is spelled
    out: the short answer stands alone, in words any reader knows, while the cited sentence keeps the text."""
    if answer:
        answer = _MONTH_ABBREVIATION.sub(lambda m: _MONTH_NAMES[m.group(1).lower()[:3]], answer)
    if not answer or " " in answer:
        return answer
    whole = {person.removesuffix("'s").removesuffix("\u2019s") for person in people}
    found = _by_surname({person: person for person in whole}, [answer])
    return found[answer][1] if found else answer


def shown(answer: str | None, text: str, people: Iterable[str], label: str) -> str | None:
    """A short answer (an entity of `label`, or "") as it should stand alone, away from its sentence `text`:
    a surname in full, a month spelled out (`in_full`), an amount with its currency's sign (`signed`), a
    title whole (`whole_title`)."""
    answer = in_full(answer, people)
    return whole_title(signed(answer, text) if label == "MONEY" else answer, text)


# A title of a work set in quotation marks: the title's words between a pair of marks. A mark after a letter
# is an apostrophe ("the Rams' Matthew Stafford"), not an opening one, and a curly one may stand inside
# ("\u201cOcean\u2019s Eleven\u201d").
_QUOTED_TITLE = re.compile(
    r"\u201c([^\u201c\u201d]{1,80})\u201d|(?<!\w)\"([^\"]{1,80})\"|(?<!\w)['\u2018]([^'\u2018\u2019]{1,80})['\u2019](?!\w)"
)
# The words English titles leave in lower case: articles, short prepositions and conjunctions, a closed class.
_TITLE_SMALL_WORDS = frozenset("a an the and or nor but of in on at to for by from with as vs per via".split())


def whole_title(answer: str | None, text: str) -> str | None:
    """The whole title of a work that a short answer opens, where the text sets it in quotation marks: news
    sets the title of a film, a book or a show so ("for “Once Upon a Time in Hollywood”"), and the
    tagger may cut it at a small word. A quotation is a title only in title case (every word but a short
    function word capitalised): speech is written in sentence case."""
    if not answer:
        return answer
    for quoted in _QUOTED_TITLE.finditer(text):
        # American style sets the comma inside the marks.
        title = next(group for group in quoted.groups() if group is not None).strip().rstrip(",.;:")
        words = title.split()
        if (
            title.startswith(answer + " ")
            and len(words) <= 10
            and all(word[:1].isupper() or word[:1].isdigit() or word in _TITLE_SMALL_WORDS for word in words)
        ):
            return title
    return answer


# A currency's sign, with the country letters news may put before it ("US$", "A$", "NZ$").
_SIGN = r"(?:\b[A-Z]{1,2})?[$\u20ac\u00a3\u00a5\u20b9]"
_SIGN_BEFORE = re.compile(rf"{_SIGN}\s?$")
_SIGN_AFTER = re.compile(rf"\s*{_SIGN}$")


def signed(answer: str | None, text: str) -> str | None:
    """An amount with the currency sign its text writes before it ("$44" of "down to $44"): the tagger leaves
    the sign out of the amount, and a price without it is no price. The sign of the amount after it, which
    the tagger may run on into ("$249 $299.99" tagged "249 $"), is not this one's."""
    if not answer or not any(character.isdigit() for character in answer):
        return answer
    answer = _SIGN_AFTER.sub("", answer)
    written = re.search(rf"(?<![\w.,]){re.escape(answer)}(?![\w])", text)
    sign = _SIGN_BEFORE.search(text[: written.start()]) if written and answer[:1].isdigit() else None
    return sign.group().strip() + answer if sign else answer


_MONTH_NAMES = {month[:3]: month.capitalize() for month in MONTHS}
# An abbreviated month before a day or a year; "May" needs none, and "Mar"/"Jan" alone may be a name.
_MONTH_ABBREVIATION = re.compile(rf"\b({_MONTHS_SHORT})\b\.?(?=\s+\d)")


def _title_before(text: str, start: int) -> str:
    """The words right before a name that make up its title in news ("Chinese Commerce Minister Wang Wentao",
    "Chief executive Maja Ek", "lead author Borja del Pozo Cruz"): the run of words back to the first
    function word or mark ("which bought the unit from Norcom" gives Norcom no title). The more of the
    question's words a title holds, the better the person it introduces fits a question that asks by them
    ("China's commerce minister"), where the nearest word asked may belong to another person's title."""
    title: list[str] = []
    for word in reversed(text[max(0, start - 60) : start].split()):
        if not re.fullmatch(r"[\w'\u2019.\-]+", word) or word.lower() in STOPWORDS:
            break
        title.append(word)
    return " ".join(reversed(title))


_TITLED = frozenset({"PERSON", "ORG"})  # what news introduces by a title: people, and bodies ("the journal Nature")


def agreement(keys: list[str | None], articles: list[str]) -> list[float]:
    """For each sentence, how many other articles give its answer (by `answer_key`), as log(1 + n).

    Near-duplicate coverage repeats the right answer, often in part: "Barty" and "Sept. 18" back
    "Ashleigh Barty" and "September 18, 2019", as every word of theirs is in the fuller answer."""
    words = {key: set(key.split()) for key in keys if key}
    result = []
    for key, article in zip(keys, articles, strict=True):
        if not key:
            result.append(0.0)
            continue
        backers = {other for k, other in zip(keys, articles, strict=True) if k and words[k] <= words[key]}
        result.append(math.log1p(len(backers - {article})))
    return result


def speaking(
    entities: list[tuple[int, int, str]], speakers: list[str], text: str, offset: int
) -> list[tuple[int, int, str]]:
    """The entities of `text` that name one of the speakers it reports ("the State Department" of "…, the State
    Department said"), by their words: those holding a speaker's whole name, else those within one ("Blinken"
    of "Antony Blinken"), so that "State" of "Secretary of State" is not taken for the department."""
    named = [set(terms(name)) for name in speakers if terms(name)]
    words = [(entity, set(terms(text[entity[0] - offset : entity[1] - offset]))) for entity in entities]
    whole = [entity for entity, have in words if have and any(name <= have for name in named)]
    return whole or [entity for entity, have in words if have and any(have <= name for name in named)]


def label_of(answer: str | None, entities: list[tuple[int, int, str]], text: str, offset: int) -> str:
    """The label of the entity a short answer is ("" if none, or no answer)."""
    return next((lab for s, e, lab in entities if text[s - offset : e - offset].strip(" ,.;:") == answer), "")


def key_of(answer: str | None, label: str) -> str | None:
    return answer_key(answer, label) if answer else None


def specificity(key: str | None, label: str) -> float:
    """How much an answer (by its `key_of`) says, in words, at most 4, over 4: a full name over a surname, a
    full date over a bare day. A date counts only the words that place it on the calendar (a day, a month, a
    weekday, a year): one counted from the day of writing ("nearly two years ago", "the end of this year")
    says when only beside that day, which its sentence does not give."""
    words = (key or "").split()
    if label == "DATE":
        words = [word for word in words if word.isdigit() or word in MONTHS or word in WEEKDAYS]
    return min(len(words), 4) / 4


# -- answers several articles agree on ------------------------------------------------------------

_SEVERAL = re.compile(r"\b(articles|reports|stories|outlets|sources)\b", re.IGNORECASE)


def across_articles(question: str, outlets: list[str]) -> bool:
    """Whether a question asks what several pieces of coverage say together: it names two outlets or more,
    or speaks of articles, reports or sources in the plural. "Both" alone is no such sign: it pairs anything
    ("who scored both goals?"), and "as reported by both …" names its two outlets. The sections of one
    publication ("The Independent - Sports", "The Independent - Travel") are one outlet named."""
    publications = {publication(outlet).lower() for outlet in outlets}
    return len(publications) >= 2 or bool(_SEVERAL.search(question))


def consensus(
    query: Query, chunks: list[tuple[str, float, list[tuple[str, str, str]]]]
) -> tuple[str, frozenset[str]] | None:
    """The answer of the kind asked that most articles give, and the keys that name it ("taylor swift" and
    "swift"); None if they give none.

    `chunks` are (article id, passage probability, entities as (key, label, surface)). Each article
    backs each answer once, weighted by how likely that kind is asked for and how well its passage
    fits: an answer the question's several sources share outweighs one a single passage names."""
    full = _full_names([entity for _, _, entities in chunks for entity in entities])
    support: dict[str, float] = {}
    backers: dict[str, set[str]] = {}
    surfaces: dict[str, str] = {}
    for article, passage, entities in chunks:
        for key, label, surface in entities:
            if key in full:
                key, surface = full[key]
                label = "PERSON"
            weight = query.label_weight(label)
            if not weight or article in backers.setdefault(key, set()):
                continue
            backers[key].add(article)
            support[key] = support.get(key, 0.0) + weight * (0.5 + passage)
            surfaces.setdefault(key, surface)
    if not support:
        return None
    best = max(support, key=support.get)
    return surfaces[best], frozenset({best} | {short for short, (key, _) in full.items() if key == best})


_INITIALS = re.compile(r"[A-Z]{2,5}")  # "SBF"
# Labels the tagger gives a lone surname it does not read as a person's (a place's name stays a place).
_NAMES_OF_ANYONE = frozenset({"PERSON", "ORG", "NORP", "PRODUCT", "WORK_OF_ART"})


def _full_names(entities: list[tuple[str, str, str]]) -> dict[str, tuple[str, str]]:
    """Each person named by surname alone, or by initials, mapped to the one full name it stands for (key
    and surface).

    News names a person in full once, then by surname ("Taylor Swift", then "Swift"), and a well-known
    one by initials ("Sam Bankman-Fried", "SBF"): each is one answer, and a person's, whatever label the
    tagger gave the short form (it often reads a lone surname as an organisation: "Bankman-Fried"). A
    surname that ends two full names ("Smith": "Anna Smith", "John Smith"), or initials two names share,
    stay apart."""
    people = {key: surface for key, label, surface in entities if label == "PERSON"}
    single = {key for key, label, surface in entities if label in _NAMES_OF_ANYONE and " " not in surface}
    initials = {key for key, _, surface in entities if _INITIALS.fullmatch(surface)}
    full = _by_surname(people, people.keys() | single)
    for key in initials:
        named = [name for name in people if len(name.split()) > 1 and "".join(w[0] for w in name.split()) == key]
        if len(named) == 1:
            full[key] = (named[0], people[named[0]])
    return full


def _by_surname(people: dict[str, str], names: Iterable[str]) -> dict[str, tuple[str, str]]:
    """Each of `names` that ends exactly one of `people` (key -> surface) as a last word, mapped to that
    person's key and surface: the one full name a surname stands for."""
    found = {}
    for name in names:
        longer = [other for other in people if other != name and other.endswith(" " + name)]
        if len(longer) == 1:
            found[name] = (longer[0], people[longer[0]])
    return found


def answer_entities(
    query: Query, entities: list[tuple[int, int, str]], text: str, offset: int
) -> list[tuple[str, str, str]]:
    """The entities of `text` that could answer (not named by the question): (key, label, surface)."""
    asked = set(terms(query.text))
    found = []
    for start, end, label in entities:
        surface = text[start - offset : end - offset].strip(" ,.;:")
        if could_answer(query, text, start - offset, end - offset, asked):
            found.append((answer_key(surface, label), label, surface))
    return found
