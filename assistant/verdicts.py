"""Questions that ask for a verdict across articles: "Did TechCrunch report X before The Verge reported Y?"

A yes/no question is one whose clause is inverted (English syntax, not a word
list of topics): it opens with an auxiliary verb ("Did", "Does", "Is", "Was",
"Has" …), or one follows an opening phrase ("After TechCrunch reported …, did
…?"), and no wh-word asks for something else.

The verdict comes from a model fitted on data (reader_weights.json, `verdict`)
over what the coverage shows: how well the best sentence of each outlet the
question names bears the question out, how many of those outlets the corpus
holds, whether the question negates or contrasts, and, when it asks "before"
or "after", whether the articles' dates fall in that order. Each claim is
cited: the best sentence of each named outlet's article.
"""

from __future__ import annotations

import re

WH = re.compile(r"\b(who|whom|whose|what|which|where|when|why|how)\b", re.IGNORECASE)
AUXILIARY = r"(did|does|do|is|are|was|were|has|have|had|can|could|will|would|should|might|may)"
_OPENS = re.compile(rf"^\s*{AUXILIARY}\b", re.IGNORECASE)
_INVERTED = re.compile(rf",\s*{AUXILIARY}\s+(the|a|an|there|it|they|both|[A-Z'\"])", re.IGNORECASE)
# Negation and contrast are closed classes of English words. A negated question claims that something is not
# so ("was there no change …?"); a contrasting one compares what two articles say ("while the other differs").
_NEGATION = re.compile(r"\b(not|no|never|without|neither|nor)\b|n't\b", re.IGNORECASE)
_CONTRAST = re.compile(
    r"\b(fail\w*|lack\w*|contrar\w*|contradict\w*|inconsisten\w*|differ\w*|unlike|instead|oppos\w*)\b",
    re.IGNORECASE,
)
_ORDER = re.compile(r"\b(before|after|earlier|later|prior to|following)\b", re.IGNORECASE)

VERDICT_FEATURES = [
    "outlets_found",  # share of the outlets it names that the corpus holds (1 when it names none)
    "support_min",  # the weakest of those outlets' best sentences (sentence model score)
    "support_mean",
    "words_min",  # the smallest share of the question's words one of them holds
    "negation",  # negating words in the question
    "contrast",  # contrasting words in the question
    "order",  # the articles' dates fall in the order asked (+1), the other way (-1), or it does not ask (0)
]


# A request for an answer, put as a yes/no question or a wish ("Can you tell me …", "Do you know …", "I'd like
# to know …"): English politeness, which asks what the wh-clause after it asks.
_REQUEST = re.compile(
    r"^\s*(?:please\s+)?(?:"
    r"(?:can|could|would|will)\s+(?:you|anyone|someone)\s+(?:please\s+)?(?:tell|show|remind)\s+(?:me|us)"
    r"|(?:can|could|would|will)\s+(?:you|anyone|someone)\s+(?:please\s+)?(?:let\s+(?:me|us)\s+know|explain|say)"
    r"|(?:tell|show|remind)\s+(?:me|us)|let\s+(?:me|us)\s+know|explain"
    r"|(?:do|does)\s+(?:you|anyone|anybody|someone)\s+know"
    r"|i(?:'d|\s+would)\s+like\s+to\s+know|i\s+(?:want|need)\s+to\s+know|i\s+wonder"
    rf")\s*,?\s+(?={WH.pattern})",
    re.IGNORECASE,
)


def unframed(question: str) -> str:
    """The question a request for an answer frames: "Can you tell me where they met?" asks "where they
    met?", not whether the reader can tell; "I'd like to know when it opens" asks "when it opens"."""
    return _REQUEST.sub("", question, count=1)


# English's prepositions, a closed class.
PREPOSITIONS = frozenset(
    """about above across after against along among around as at before behind below beneath beside between
    beyond by down during for from in inside into like near of off on onto out outside over past since than
    through to toward towards under until up upon with within without""".split()
)
# A wh-phrase ending a question asks for what it names, as quizzes ask ("Kamikawa, who was due to meet
# Blinken, is foreign minister of which country?", "raised the voting age to what?"), whatever inverted clause
# comes before it: after its preposition, the wh-word alone or with its noun. Without one, a wh-word near the
# end opens a relative clause ("the firefighter who died?"), except a bare "what" or "whom".
_ENDS_ASKING = re.compile(
    rf"(?:\b(?:{'|'.join(sorted(PREPOSITIONS))})\s+(?:what|which|whom|whose)(?:\s+[\w'\u2019-]+)?"
    r"|\b(?:what|whom))\s*[?.!]*\s*$",
    re.IGNORECASE,
)


def asks_at_the_end(question: str) -> bool:
    """Whether a wh-phrase ends the question and asks it ("…, is an island nation in which sea?")."""
    return bool(_ENDS_ASKING.search(question))


def asks_verdict(question: str) -> bool:
    """Whether the question asks for yes or no (an inverted clause, no wh-word asking for something); a
    request for an answer ("Can you tell me where …?") asks what its wh-clause asks."""
    question = unframed(question)
    if asks_at_the_end(question):
        return False
    opening = question.split(",")[0]
    if _OPENS.match(question):
        return not WH.match(question.strip())
    return bool(_INVERTED.search(question)) and not WH.search(opening.split()[0] if opening.split() else "")


def order_fit(question: str, outlets: list[str], dates: dict[str, str | None]) -> float:
    """+1 if the first and second outlets named have dates in the order the question's "before"/"after" says."""
    found = _ORDER.search(question)
    named = [o for o in outlets if dates.get(o)]
    if not found or len(named) < 2:
        return 0.0
    first, second = dates[named[0]], dates[named[1]]
    if first == second:
        return -1.0
    word = found.group(1).lower()
    forward = word in ("before", "earlier", "prior to")
    # "After X reported, did Y report …": the clause after the word is the earlier one.
    if question.lower().lstrip().startswith(("after", "following")):
        forward = not forward
    return 1.0 if (first < second) == forward else -1.0


def negation(question: str) -> float:
    return float(len(_NEGATION.findall(question)))


def contrast(question: str) -> float:
    return float(len(_CONTRAST.findall(question)))


def claims(outlets: list[str], rows: list[tuple[float, dict, str | None, str]]) -> list[int]:
    """The sentence standing for each claim: the best (by score) of each named outlet's, or, when the
    question names none, the best two of different articles. `rows` are (score, features, source, article)."""
    order = sorted(range(len(rows)), key=lambda i: rows[i][0], reverse=True)
    if outlets:
        picked = [next((i for i in order if rows[i][2] == outlet), None) for outlet in outlets]
        return [i for i in dict.fromkeys(picked) if i is not None]
    chosen: list[int] = []
    for i in order:
        if rows[i][3] not in {rows[j][3] for j in chosen}:
            chosen.append(i)
        if len(chosen) == 2:
            break
    return chosen


def features(
    question: str, outlets: list[str], rows: list[tuple[float, dict, str | None, str]], dates: dict[str, str | None]
) -> dict[str, float]:
    picked = claims(outlets, rows)
    scores = [rows[i][0] for i in picked] or [0.0]
    words = [rows[i][1].get("words", 0.0) for i in picked] or [0.0]
    found = {rows[i][2] for i in picked}
    return {
        "outlets_found": sum(o in found for o in outlets) / len(outlets) if outlets else 1.0,
        "support_min": min(scores),
        "support_mean": sum(scores) / len(scores),
        "words_min": min(words),
        "negation": negation(question),
        "contrast": contrast(question),
        "order": order_fit(question, outlets, dates),
    }
