"""What an answer is: its text with `[n]` markers, the citations behind the markers, the sources.

These models cross every boundary (CLI `--json`, the HTTP API, the UI), so
they are pydantic models with a stable JSON shape.
"""

from __future__ import annotations

import re

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

    def to_markdown(self, footnotes: bool = False) -> str:
        """The answer followed by its sources, each with the quoted span.

        With `footnotes`, markers become markdown footnotes (`[^1]`), as chat front ends render them.
        """
        if not self.citations:
            return self.text
        if footnotes:
            return f"{footnote_markers(self.text)}\n\n{self.footnotes()}"
        lines = [f"[{c.marker}] {describe(c)}: \u201c{c.quote}\u201d" for c in self.citations]
        return "\n".join([self.text, "", *lines])

    def footnotes(self) -> str:
        """Markdown footnote definitions, one per citation."""
        return "\n".join(f"[^{c.marker}]: {describe(c)}: \u201c{c.quote}\u201d" for c in self.citations)


def footnote_markers(text: str) -> str:
    """`[1]` -> `[^1]`."""
    return re.sub(r"\[(\d+)\]", r"[^\1]", text)


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
