"""What a question asks for, read with rules so that queries stay fast.

- the kind of answer: a person or organisation for "who", a date for "when",
  a place for "where"/"which city", money for "revenue"/"price", a count for
  "how many", an amount for "how much" …
  (as spaCy entity labels, matched against the entities found at ingest);
- constraints a passage must not contradict: years ("in 2019") and ordinals
  ("the 92nd Academy Awards");
- the speaker of a "what did X say" question;
- names: capitalised words past the first, acronyms and numbers, which the
  corpus must mention at all for the question to be answerable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .lexical import terms

PERSON = frozenset({"PERSON"})
PEOPLE = frozenset({"PERSON", "ORG", "NORP", "GPE"})
DATES = frozenset({"DATE"})
PLACES = frozenset({"GPE", "LOC", "FAC"})
MONEY = frozenset({"MONEY"})
COUNTS = frozenset({"CARDINAL", "QUANTITY"})
AMOUNTS = MONEY | COUNTS | frozenset({"PERCENT"})

_SPEECH = r"(?:say|said|tell|told|warn|warned|think|mean|emphasi[sz]e|note|add|claim|argue|stress|announce|describe)"
_SPEAKER = re.compile(
    r"\b(?:did|does|do|has|have|had|will|would)\s+((?:the\s+)?[A-Z][\w.'\-]*(?:\s+[A-Z][\w.'\-]*)*)\s+"
    + _SPEECH
    + r"\b"
)
_ACCORDING = re.compile(r"\baccording to\s+((?:the\s+)?[A-Z][\w.'\-]*(?:\s+[A-Z][\w.'\-]*)*)")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_ORDINAL = re.compile(r"\b(\d+(?:st|nd|rd|th))\b", re.IGNORECASE)
_NAMED = re.compile(r"\b(?:[A-Z][\w'\-]*|\d[\w,.]*)")
_PERSON_NOUNS = (
    "person|player|director|actor|actress|author|writer|singer|president|ceo|chairman|founder|coach|minister"
)
_CONTESTS = r"\b(election|presidency|primary|nomination|mayoral|governorship)\b"  # won by people, not places
_PERSON_VERBS = "directed|wrote|sang|founded|invented|play|plays|played|playing|starred|composed|painted"


@dataclass(frozen=True)
class Query:
    text: str
    answer_types: frozenset[str]
    years: tuple[str, ...]
    ordinals: tuple[str, ...]
    speaker: str | None
    names: tuple[str, ...]
    role: str | None = None  # "president" in "Who is the president of FIFA?": asked in the present

    @property
    def constraints(self) -> tuple[str, ...]:
        return self.years + self.ordinals


@lru_cache(maxsize=1024)
def analyze(question: str) -> Query:
    speaker = _SPEAKER.search(question) or _ACCORDING.search(question)
    names = _NAMED.findall(question)
    if names and question.lstrip().startswith(names[0]):
        names = names[1:]
    return Query(
        text=question,
        answer_types=_answer_types(question) if not speaker else frozenset(),
        years=tuple(dict.fromkeys(_YEAR.findall(question))),
        ordinals=tuple(dict.fromkeys(o.lower() for o in _ORDINAL.findall(question))),
        speaker=speaker.group(1).removeprefix("the ").strip() if speaker else None,
        names=tuple(names),
        role=_role(question),
    )


_ROLE = re.compile(
    r"^\s*who\s+(?:is|are)\s+the\s+(?:current\s+)?((?:[\w\-]+\s+){0,2}?[\w\-]+)\s*(?:\b(?:of|in|at|for|on)\b|\?|$)",
    re.IGNORECASE,
)


def _role(question: str) -> str | None:
    """The role asked about, by its head noun: "actress" in "Who is the lead actress in La La Land?"."""
    match = _ROLE.match(question)
    return match.group(1).split()[-1].lower() if match else None


def names_role(query: Query, text: str) -> bool:
    """Whether the text names the role asked about, if any: a list of FIFA's match pages does not name its president."""
    return not query.role or bool(set(terms(query.role)) & set(terms(text)))


def holds_former(query: Query, text: str) -> bool:
    """Whether the text gives the role asked about in the present as someone's former one ("the former president")."""
    if not query.role:
        return False
    pattern = rf"\b(former|ex-|onetime|late|then-)\s*(\w+\s+){{0,2}}{re.escape(query.role)}"
    return re.search(pattern, text, re.IGNORECASE) is not None


def _answer_types(question: str) -> frozenset[str]:
    lowered = question.lower()
    words = re.findall(r"[a-z]+", lowered)
    first = words[0] if words else ""
    if re.match(r"\s*[Ww]ho\s+(is|was|are|were)\s+[A-Z]", question):
        return frozenset()  # "Who is Kamikawa?" asks for a description, not a name
    if re.search(rf"\b(which|what|the) ({_PERSON_NOUNS})\b", lowered) or (
        first == "who"
        and (re.search(rf"\bwho (\w+ ){{0,2}}({_PERSON_VERBS})\b", lowered) or re.search(_CONTESTS, lowered))
    ):
        return PERSON
    if first in ("who", "whom", "whose") or re.search(r"\b(which|what) (company|team|organi[sz]ation)\b", lowered):
        return PEOPLE
    if first == "when" or re.search(r"\b(what|which) (date|day|year|month)\b|\brelease date\b|\bwhat time\b", lowered):
        return DATES
    if first == "where" or re.search(r"\b(which|what) (city|country|state|place|venue)\b|\blocation\b", lowered):
        return PLACES
    if re.search(r"\bhow many\b", lowered):
        return COUNTS
    if re.search(r"\b(revenues?|prices?|costs?|profits?|salary|salaries|worth|earnings|paid|pay)\b", lowered):
        return MONEY  # a count or a share in the same report ("254,530 cars", "up 74%") is not an answer
    if re.search(r"\bhow much\b", lowered):
        return AMOUNTS
    return frozenset()


def mentions(query: Query, corpus) -> bool:
    """Whether the corpus uses every name in the question (else it cannot hold the answer)."""
    return all(corpus.document_frequency(term) > 0 for name in query.names for term in terms(name))


def answers_in(
    query: Query, entities: list[tuple[int, int, str]], text: str, offset: int = 0, datelines: bool = False
) -> list[str]:
    """The possible answers a text holds: entities of the wanted kind the question does not name, normalised.

    A dateline ("Nov 5, 2019 ...") dates the report, not the event asked about; it counts only with `datelines`.
    """
    if not query.answer_types:
        return []
    asked = set(terms(query.text))
    found = []
    dateline = None if datelines else _DATELINE.match(text)
    for start, end, label in entities:
        if label == "DATE" and dateline and start - offset < dateline.end():
            continue
        if label in query.answer_types:
            surface = text[start - offset : end - offset]
            words = terms(surface)
            if words and not set(words) <= asked:
                key = answer_key(surface, label)
                if key:
                    found.append(key)
    return list(dict.fromkeys(found))


_DATELINE = re.compile(r"\s*[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4}\s*(\.\.\.|\u2026|\u2014|-)")
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday of".split())
_MONTHS = {
    m[:3]: m for m in "january february march april may june july august september october november december".split()
}


def answer_key(surface: str, label: str) -> str:
    """One spelling per answer: "Apr. 29, 2015" and "April 29 2015" agree, as do "The Walt Disney Co." variants."""
    words = re.findall(r"[a-z0-9]+", surface.lower().removesuffix("'s").removeprefix("the "))
    if label == "DATE":
        words = [
            _MONTHS[word[:3]]
            if _MONTHS.get(word[:3], "").startswith(word) and len(word) >= 3
            else re.sub(r"^(\d+)(st|nd|rd|th)$", r"\1", word)
            for word in words
        ]
        # "Sunday, Nov. 17" is "November 17"; "2019, September 20" and "September 20, 2019" are one date.
        words = sorted(word for word in words if word not in _WEEKDAYS) or words
    return " ".join(words)


def constraint_fit(query: Query, text: str) -> int:
    """+1 if the text states every year and ordinal asked, -1 if it states others instead, else 0.

    A dateline's year dates the report: it counts only when the text after it names no year at all.
    """
    if not query.constraints:
        return 0
    dateline = _DATELINE.match(text)
    if dateline:
        return _fit(query, text[dateline.end() :]) or _fit(query, text)
    return _fit(query, text)


def _fit(query: Query, text: str) -> int:
    lowered = text.lower()
    if all(re.search(rf"\b{re.escape(c)}\b", lowered) for c in query.constraints):
        return 1
    others = (query.years and _YEAR.search(text)) or (query.ordinals and _ORDINAL.search(text))
    return -1 if others else 0


def speaker_fits(query: Query, speakers: list[str]) -> bool:
    """Whether a passage's speakers include the one asked about ("Wang" matches "Wang Yi")."""
    if not query.speaker:
        return False
    wanted = query.speaker.lower().split()
    return any(all(word in speaker.lower().split() for word in wanted) for speaker in speakers)
