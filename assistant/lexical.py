"""Word-level matching: the terms shared by the lexical index and answer scoring.

The lexical index itself is an FTS5 table in the corpus database (store.py),
ranked by BM25; it changes with each article written, row by row, so adding an
article never rebuilds it.
"""

from __future__ import annotations

import math
import re
import unicodedata
from functools import lru_cache

STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had
    has have having he her here hers herself him himself his how i if in into is it its itself just
    me more most my myself no nor not now of off on once only or other our ours ourselves out over own
    same she should so some such than that the their theirs them themselves then there these they
    this those through to too under until up very was we were what when where which while who whom
    why will with would you your yours yourself yourselves s t don also""".split()
)

_WORD = re.compile(r"[\w][\w\-\.']*[\w]|[\w]")


@lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return _stemmer().stemWord(word)


# A question's text, its names and its head noun are split into terms for every passage it is compared with:
# texts of a question's length are split once (at most 8192 kept, a few megabytes).
_KEPT_LENGTH = 1000


def terms(text: str) -> list[str]:
    """Lower-cased, stemmed content words: "U.S." and "US" are one term ("us"), "Han's" becomes "han".

    Inside a term "-", "." and "'" become "_", which the lexical index's tokenizer keeps, so a term
    is the same here and in the index. Accents are dropped (see `folded`), and so are the dots of an
    initialism (see `_INITIALISM`)."""
    return list(_short_terms(text)) if len(text) <= _KEPT_LENGTH else _terms(text)


@lru_cache(maxsize=8192)
def _short_terms(text: str) -> tuple[str, ...]:
    return tuple(_terms(text))


def _terms(text: str) -> list[str]:
    result = []
    for match in _WORD.finditer(folded(text.lower())):
        word = match.group()
        if word.endswith("'s"):
            word = word[:-2]
        word = _INITIALISM.sub(_undotted, word.strip(".'"))
        if word and word not in STOPWORDS:
            result.append(_INDEXED.sub("_", stem(word)))
    return result


# Letters each followed by a dot ("u.s", "u.k", "d.c", "j.k"): an initialism. House styles differ on
# writing its dots (AP and Kyodo write "U.S.", Reuters and the Guardian "US"; readers type either), so
# it is one term either way. Only single letters: "3.5" and "st.louis" keep their dots.
_INITIALISM = re.compile(r"\b(?:[a-z]\.)+[a-z]\b")


def _undotted(match: re.Match) -> str:
    return match.group().replace(".", "")


@lru_cache(maxsize=4096)
def place_forms(term: str) -> frozenset[str]:
    """The terms of the words English makes from a place's name for its people and things, by the regular
    demonym suffixes: Japan -> Japanese, Korea -> Korean, China -> Chinese, Israel -> Israeli, Italy ->
    Italian, Germany -> German. News writes "Chinese Vice President Han Zheng" where a reader asks for
    "China's vice president", so a name is stated by these too. Irregular ones (France, French) are not
    made; a term under four letters has none."""
    if len(term) < 4 or not term.isalpha():
        return frozenset()
    bases = {term}
    if term[-1] in "aeoi":  # a stem writes a final "y" as "i" ("itali", "germani")
        bases.add(term[:-1])  # "chin" of China, "ital" of Italy, "mexic" of Mexico
    words = {base + suffix for base in bases for suffix in ("ese", "ian", "an", "n", "i")}
    if term.endswith("i"):
        words.add(term[:-1])  # "german" of Germany
    return frozenset(t for word in words for t in _terms(word) if t != term)


def holds(term: str, present: set[str] | frozenset[str]) -> bool:
    """Whether a text whose terms are `present` states `term`, or, for a place, a word made from it."""
    return term in present or not place_forms(term).isdisjoint(present)


def folded(text: str) -> str:
    """`text` without accents or compatibility forms ("Beyoncé" -> "Beyonce", "ﬁ" -> "fi"), its apostrophes
    straight ("O’Brien" -> "O'Brien").

    News spells names with their accents (Málaga, Pokémon, São Paulo) and readers often type them
    without; and the index's tokenizer drops single accents itself, so a term that kept its accent
    would count as absent from a corpus that holds it. News sites set apostrophes typographically and
    readers type them straight: "O’Brien" must be the one term "O'Brien" is, not "o" and "brien"."""
    if text.isascii():
        return text
    text = text.translate(_APOSTROPHES)
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})


def indexed(text: str) -> str:
    """A text's terms as the lexical index (SQLite FTS5, unicode61 tokenizer) stores them."""
    return " ".join(terms(text))


def match_expression(words: list[str]) -> str:
    """An FTS5 MATCH expression for any of `words` (already passed through `indexed`)."""
    return " OR ".join(f'"{word}"' for word in dict.fromkeys(words))


def bm25_idf(documents: int, frequency: int) -> float:
    """BM25's inverse document frequency; 0 for a term no document holds."""
    if frequency <= 0:
        return 0.0
    return math.log((documents - frequency + 0.5) / (frequency + 0.5) + 1.0)


_INDEXED = re.compile(r"[^\w]")
