"""Citations: built from a span of an article, and checked against the article before any answer leaves.

A citation's quote is always sliced from the article text, and it is checked
again at the end of the chain (`enforce`), so an answer can never cite text its article
does not hold at the stated offsets (e.g. after the corpus changed mid-answer).
"""

from __future__ import annotations

import re

from .answer import Answer, Citation, sources_for
from .store import Corpus
from .text import Span


def cite(corpus: Corpus, article_id: str, chunk_id: str, span: Span, marker: int) -> Citation:
    article = corpus.article(article_id)
    return Citation(
        marker=marker,
        article_id=article.id,
        title=article.title,
        url=article.url,
        date=article.date,
        source=article.source,
        chunk_id=chunk_id,
        start=span.start,
        end=span.end,
        quote=span.of(article.text),
    )


def is_valid(citation: Citation, corpus: Corpus) -> bool:
    article = corpus.article(citation.article_id)
    return (
        article is not None
        and 0 <= citation.start < citation.end <= len(article.text)
        and article.text[citation.start : citation.end] == citation.quote
    )


def enforce(answer: Answer, corpus: Corpus) -> Answer:
    """Drop citations whose quote is not at its offsets, and their markers; decline if none survive."""
    valid = [citation for citation in answer.citations if is_valid(citation, corpus)]
    if len(valid) == len(answer.citations):
        return answer
    if not valid:
        return Answer.declined(answer.question, answer.corpus, answer.answerer)
    dropped = {citation.marker for citation in answer.citations} - {citation.marker for citation in valid}
    text = re.sub(r"\s*\[(\d+)\]", lambda m: "" if int(m.group(1)) in dropped else m.group(0), answer.text)
    return answer.model_copy(update={"text": text, "citations": valid, "sources": sources_for(valid)})
