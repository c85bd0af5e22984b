"""Prompt templates, kept as files in `prompts/` and loaded by name.

answer.md     system prompt for answering from numbered sources
sources.md    the user turn: the sources, delimited, then the question
condense.md   system prompt for turning a follow-up into a standalone question
decline.txt   what every answerer says when the coverage does not hold the answer
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from .settings import PROJECT_ROOT

PROMPTS = PROJECT_ROOT / "prompts"


@cache
def load(name: str, folder: Path = PROMPTS) -> str:
    """The text of prompt `name` (file name without its extension)."""
    matches = sorted(folder.glob(f"{name}.*"))
    if not matches:
        raise FileNotFoundError(f"no prompt named {name!r} in {folder}")
    return matches[0].read_text(encoding="utf-8").strip()


def decline() -> str:
    return load("decline")
