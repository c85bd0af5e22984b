"""Answering with a chat model, held to the same citation contract as the extractive default.

The model sees the retrieved chunks as numbered, delimited sources (prompts/)
and is told that source text is data, never instructions. Its reply is then
checked sentence by sentence (verification.py): markers naming no source are
dropped, each sentence is marked supported or not, and every citation quotes
the article exactly. A reply with no supported sentence is not shown as an
answer: the extractive answer is, with a note saying so.
"""

from __future__ import annotations

from collections.abc import Iterator
from html import escape

from langchain_core.documents import Document
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import HumanMessage, SystemMessage

from .. import prompts
from ..answer import Answer, sources_for
from ..embeddings import SentenceEmbeddings
from ..errors import Unavailable
from ..store import Corpus
from ..verification import check_reply
from . import Answerer

FALLBACK_NOTE = (
    "The model's answer could not be checked against the coverage, so these are the passages "
    "that answer the question most closely."
)


class GenerativeAnswerer(Answerer):
    def __init__(
        self, name: str, model: BaseChatModel, embeddings: SentenceEmbeddings, fallback: Answerer, settings_hint: str
    ) -> None:
        self.name = name
        self.model = model
        self.embeddings = embeddings
        self.fallback = fallback
        self.settings_hint = settings_hint

    def stream(self, question: str, documents: list[Document], corpus: Corpus) -> Iterator[str | Answer]:
        """Yield the reply as the model writes it, then the checked `Answer`."""
        if not documents:
            yield Answer.declined(question, corpus.name, self.name)
            return
        reply = ""
        for piece in self._generate(self._messages(question, documents)):
            reply += piece
            yield piece
        yield self._finish(question, reply, documents, corpus)

    def condense(self, question: str, history: list[dict[str, str]]) -> str:
        """The follow-up `question` rewritten to stand alone, given the conversation."""
        conversation = "\n".join(f"{turn['role']}: {turn['content']}" for turn in history[-6:])
        messages = [
            SystemMessage(prompts.load("condense")),
            HumanMessage(f"Conversation:\n{conversation}\n\nLast question: {question}"),
        ]
        rewritten = "".join(self._generate(messages)).strip().splitlines()
        return rewritten[0].strip() if rewritten and rewritten[0].strip() else question

    def _messages(self, question: str, documents: list[Document]) -> list:
        sources = "\n".join(
            f'<source id="{number}" title="{escape(document.metadata.get("title") or "", quote=True)}">\n'
            f"{document.page_content}\n</source>"
            for number, document in enumerate(documents, start=1)
        )
        return [
            SystemMessage(prompts.load("answer").format(decline=prompts.decline())),
            HumanMessage(prompts.load("sources").format(sources=sources, question=question)),
        ]

    def _generate(self, messages: list) -> Iterator[str]:
        try:
            for chunk in self.model.stream(messages):
                if isinstance(chunk.content, str) and chunk.content:
                    yield chunk.content
        except Exception as error:  # connection refused, unknown model, timeout: all say which setting to fix
            raise Unavailable(
                f"the {self.name} answerer failed ({type(error).__name__}: {error}); check {self.settings_hint}"
            ) from None

    def _finish(self, question: str, reply: str, documents: list[Document], corpus: Corpus) -> Answer:
        if prompts.decline().lower().rstrip(".") in reply.lower():
            return Answer.declined(question, corpus.name, self.name)
        checked = check_reply(reply, documents, corpus, self.embeddings)
        if not checked.supported:
            fallback = self.fallback.answer(question, documents, corpus)
            return fallback.model_copy(update={"answerer": self.name, "note": FALLBACK_NOTE})
        return Answer(
            question=question,
            text=checked.text,
            citations=checked.citations,
            sources=sources_for(checked.citations),
            answered=True,
            corpus=corpus.name,
            answerer=self.name,
            statements=checked.statements,
        )
