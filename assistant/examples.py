"""Example questions for a corpus, drawn from who is quoted in it (as found at ingest)."""

from __future__ import annotations

from collections import Counter

from .store import Corpus


def suggest_questions(corpus: Corpus, limit: int = 4) -> list[str]:
    """What the most quoted people said; failing any quotes, who the most named people are."""
    quoted: Counter[str] = Counter()
    named: Counter[str] = Counter()
    for article_id, notes in corpus.notes.items():
        text = corpus.articles[article_id].text
        people = {text[start:end].removesuffix("'s") for start, end, label in notes.entities if label == "PERSON"}
        named.update(name for name in people if " " in name)
        quoted.update(name for _, _, name in notes.speakers if name in people)
    questions = [f"What did {name} say?" for name, _ in quoted.most_common(limit)]
    return questions or [f"Who is {name}?" for name, _ in named.most_common(limit)]
