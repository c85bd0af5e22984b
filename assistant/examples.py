"""Example questions for a corpus, drawn from who is quoted in it (as found at ingest)."""

from __future__ import annotations

from .store import Corpus


def suggest_questions(corpus: Corpus, limit: int = 4) -> list[str]:
    """What the most quoted people said; failing any quotes, who the most named people are."""
    questions = [f"What did {name} say?" for name in corpus.quoted_people(limit)]
    return questions or [f"Who is {name}?" for name in corpus.named_people(limit)]
