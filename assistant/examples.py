"""Example questions for a corpus, drawn from who is quoted in it and who it names most."""

from __future__ import annotations

import re
from collections import Counter

from .store import Corpus

_SPEAKER = re.compile(
    r"((?:the )?[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}) (?:said|says|told|warned|noted|emphasized|stressed|added|urged)\b"
)


_PERSON = re.compile(r"\b([A-Z][a-z]+ [A-Z][a-z]+)\b")


def suggest_questions(corpus: Corpus, limit: int = 4) -> list[str]:
    """What quoted people said, most quoted first; failing that, who the most named people are."""
    speakers: Counter[str] = Counter()
    names: Counter[str] = Counter()
    for article in corpus.articles.values():
        speakers.update(_SPEAKER.findall(article.text))
        names.update(_PERSON.findall(article.text))
    questions = [f"What did {name} say?" for name, _ in speakers.most_common(limit)]
    return questions or [f"Who is {name}?" for name, _ in names.most_common(limit)]
