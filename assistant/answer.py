"""What an answer is: its text with `[n]` markers, the citations behind the markers, the sources.

These models cross every boundary (CLI `--json`, the HTTP API, the UI), so
they are pydantic models with a stable JSON shape.
"""

from __future__ import annotations

import re
from html import escape

from pydantic import BaseModel, Field

from .prompts import decline


class Citation(BaseModel):
    marker: int = Field(description="The n of the [n] marker in the answer text.")
    article_id: str
    title: str
    url: str | None = None
    date: str | None = None
    source: str | None = None
    chunk_id: str
    start: int = Field(description="Offset of the quote in the article text.")
    end: int
    quote: str = Field(description="article.text[start:end], checked before the answer is returned.")


class Source(BaseModel):
    """A cited article, once, with the markers that point into it."""

    article_id: str
    title: str
    date: str | None = None
    source: str | None = None
    url: str | None = None
    markers: list[int]


class Statement(BaseModel):
    """One sentence of a generated answer, checked against the passages it cites."""

    text: str = Field(description="The sentence, with its [n] markers.")
    markers: list[int]
    supported: bool = Field(description="Whether the cited passages bear the sentence out.")


class Answer(BaseModel):
    question: str
    short_answer: str | None = Field(
        default=None,
        description=(
            "The phrase that answers ('San Francisco', 'about 12 hours', 'Yes', 'before'), shown before the cited "
            "sentences; null when declined or when only the sentences answer."
        ),
    )
    text: str
    citations: list[Citation] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)
    answered: bool = Field(description="False when the coverage does not hold the answer.")
    corpus: str
    answerer: str
    statements: list[Statement] = Field(
        default_factory=list, description="A generated answer's sentences, each marked supported or not."
    )
    note: str | None = Field(default=None, description="Anything the reader should know about how it was made.")

    @classmethod
    def declined(cls, question: str, corpus: str, answerer: str, note: str | None = None) -> Answer:
        """The plain 'the coverage doesn't say', citing nothing."""
        return cls(question=question, text=decline(), answered=False, corpus=corpus, answerer=answerer, note=note)

    @property
    def body(self) -> str:
        """The short answer on a line of its own, then the cited sentences: what every surface shows first."""
        return f"{self.short_answer}\n\n{self.text}" if self.short_answer else self.text

    def to_text(self) -> str:
        """The answer followed by its sources, each with the quoted span, as plain text (a terminal)."""
        noted = f"{self.body}\n\nNote: {self.note}" if self.note else self.body
        if not self.citations:
            return noted
        lines = [f"[{c.marker}] {describe(c)}: \u201c{c.quote}\u201d" for c in self.citations]
        return "\n".join([noted, "", *lines])

    def to_markdown(self) -> str:
        """The answer as safe markdown (see `safe_markdown`), its note, and markers as footnotes (`[^1]`)
        defined below it."""
        shown = safe_markdown(self.body) + self.noted()
        return f"{shown}\n\n{self.footnotes()}" if self.citations else shown

    def noted(self) -> str:
        """The note as a markdown paragraph to follow the answer ("" without one)."""
        return f"\n\n*Note: {safe_markdown(self.note)}*" if self.note else ""

    def footnotes(self) -> str:
        """Markdown footnote definitions, one per citation."""
        return "\n".join(
            f"[^{c.marker}]: {safe_markdown(describe(c))}: \u201c{safe_markdown(c.quote)}\u201d" for c in self.citations
        )


_MARKER = re.compile(r"(\[\d+\])")
_TAG = re.compile(r"<!--.*?-->|</?[A-Za-z][^<>]*>", re.DOTALL)
_HANDLER = re.compile(r"(\bon[a-z]+)(\s*)=", re.IGNORECASE)


def safe_markdown(text: str) -> str:
    """Text from articles as markdown that shows as the words it holds, whatever renders it.

    A client may render markdown with raw HTML allowed, so tags are dropped, `<`, `>` and `&`
    escaped, `on…=` (an event-handler attribute) entity-encoded and brackets escaped, so no link or
    image can form; `[n]` markers become footnote references `[^n]`.
    """
    pieces = []
    for part in _MARKER.split(text):
        if _MARKER.fullmatch(part):
            pieces.append(f"[^{part[1:-1]}]")
            continue
        part = escape(_TAG.sub("", part), quote=False)
        part = _HANDLER.sub(r"\1\2&#61;", part)
        pieces.append(part.replace("[", "\\[").replace("]", "\\]"))
    return "".join(pieces)


def describe(citation: Citation | Source) -> str:
    """'Title (Source, date)' with whatever parts are known."""
    details = ", ".join(part for part in (citation.source, citation.date) if part)
    return f"{citation.title} ({details})" if details else citation.title


def sources_for(citations: list[Citation]) -> list[Source]:
    sources: dict[str, Source] = {}
    for citation in citations:
        if citation.article_id in sources:
            sources[citation.article_id].markers.append(citation.marker)
        else:
            sources[citation.article_id] = Source(
                article_id=citation.article_id,
                title=citation.title,
                date=citation.date,
                source=citation.source,
                url=citation.url,
                markers=[citation.marker],
            )
    return list(sources.values())
