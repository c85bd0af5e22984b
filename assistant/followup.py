"""Follow-up questions without a language model: pronouns resolved from the previous question.

"Who did Blinken meet in New York?" then "What did he say about relations?"
becomes "What did Blinken say about relations?". A follow-up that names nothing
and has no pronoun ("And when?") carries the previous question's names forward.
Generative answerers condense with their model instead.
"""

from __future__ import annotations

import re

_NAME = re.compile(r"(?<!^)(?<![.?!] )\b([A-Z][\w'\-]*(?:\s+[A-Z][\w'\-]*)*)")
_SUBJECT = re.compile(r"\b(he|she|they)\b", re.IGNORECASE)
_OBJECT = re.compile(r"\b(him|them)\b", re.IGNORECASE)
_POSSESSIVE = re.compile(r"\b(his|their)\b", re.IGNORECASE)


def names(text: str) -> list[str]:
    """Capitalised names in a question, its first word aside: 'Blinken', 'New York'."""
    return [name.removesuffix("'s") for name in _NAME.findall(text.strip())]


def resolve(question: str, history: list[dict[str, str]]) -> str:
    previous = next((turn["content"] for turn in reversed(history) if turn.get("role") == "user"), None)
    if not previous or not names(previous):
        return question
    name = names(previous)[0]
    for pattern, replacement in ((_SUBJECT, name), (_OBJECT, name), (_POSSESSIVE, f"{name}'s")):
        if pattern.search(question):
            return pattern.sub(replacement, question, count=1)
    if not names(question):
        return f"{question.rstrip('?')} ({', '.join(names(previous))})?"
    return question
