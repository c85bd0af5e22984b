"""The `Assistant`: one object that the CLI, the API and the UI all drive.

Asking runs a LangChain chain, condense -> retrieve -> answer -> enforce citations:

    {"question", "history"} | assign(standalone) | assign(documents=retriever) | answerer, enforce

The same chain streams (Assistant.stream) and answers whole (Assistant.ask).
"""

from __future__ import annotations

from collections.abc import Iterator
from operator import itemgetter
from pathlib import Path

from langchain_core.runnables import Runnable, RunnableLambda, RunnablePassthrough
from langchain_core.runnables.utils import AddableDict
from threadpoolctl import threadpool_limits

from . import answerers
from .answer import Answer
from .citations import enforce
from .documents import clean_text, read_upload
from .embeddings import SentenceEmbeddings, precision_of
from .errors import BadQuestion
from .ingest import IngestReport, ingest, ingest_path
from .question import warm_up
from .retrieval import HybridRetriever
from .settings import Settings
from .store import CorpusInfo, Progress, Store, check_corpus_name, identities

Message = dict[str, str]
"""A chat turn: {"role": "user" | "assistant", "content": "..."}."""


class Assistant:
    def __init__(self, settings: Settings | None = None, embeddings: SentenceEmbeddings | None = None) -> None:
        self.settings = settings or Settings()
        # numpy's products while answering are of one vector with a few thousand at most, as quick on one thread;
        # OpenBLAS's other threads spin after each, taking the core that the question's parse runs on beside
        # them (retrieval.py): with the parse beside, retrieval p95 at 100k chunks 70-73 -> 62-63 ms.
        threadpool_limits(1, user_api="blas")
        self.embeddings = embeddings or SentenceEmbeddings(
            self.settings.embedding_model, self.settings.embedding_batch_size, precision=self._precision()
        )
        self.store = Store(self.settings, self.embeddings)
        self._answerers: dict[str, answerers.Answerer] = {}

    def warm(self) -> None:
        """Load the models a question needs now, not on the first question (a server calls this as it starts)."""
        self.embeddings.encode(["warm up"])
        warm_up(self.embeddings)

    def _precision(self) -> str:
        """The embedding precision: as set, or for "auto" the one the data dir's corpora were built at, so that
        a data dir stays readable when the machine's best precision (or this default) changes."""
        precision = self.settings.embedding_precision
        if precision != "auto":
            return precision
        built = [precision_of(identity, self.settings.embedding_model) for identity in identities(self.settings)]
        return next((p for p in built if p), precision)

    def ask(
        self,
        question: str,
        history: list[Message] | None = None,
        *,
        corpus: str | None = None,
        answerer: str | None = None,
    ) -> Answer:
        """Answer `question` from a corpus (default: the active one), every claim cited."""
        question = self.check_question(question)
        backend_name = answerer or self.settings.answerer
        chain = self.chain(corpus or self.settings.corpus, backend_name)
        output = chain.invoke({"question": question, "history": _clean(history)})
        if "answer" not in output:
            raise RuntimeError(f"answerer {backend_name!r} ended without an Answer; its stream must yield one last")
        return output["answer"]

    def stream(
        self,
        question: str,
        history: list[Message] | None = None,
        *,
        corpus: str | None = None,
        answerer: str | None = None,
    ) -> Iterator[str | Answer]:
        """Yield the answer text in pieces as it is produced, then the finished `Answer`.

        Citations are final only in the `Answer`: a consumer shows the pieces, then replaces
        them with the finished answer.
        """
        question = self.check_question(question)
        chain = self.chain(corpus or self.settings.corpus, answerer or self.settings.answerer)
        for output in chain.stream({"question": question, "history": _clean(history)}):
            yield from (output[key] for key in ("text", "answer") if key in output)

    def standalone(self, question: str, history: list[Message], backend: answerers.Answerer) -> str:
        """A follow-up rewritten to stand alone: by the model if the backend has one, else by rules."""
        return backend.condense(question, history) if history else question

    def check_question(self, question: str) -> str:
        question = (question or "").strip()
        if not question:
            raise BadQuestion("the question is empty; ask something about the coverage")
        if clean_text(question) != question:
            raise BadQuestion("the question holds an invalid character (a lone UTF-16 surrogate); send UTF-8 text")
        limit = self.settings.max_question_chars
        if len(question) > limit:
            raise BadQuestion(
                f"the question is {len(question):,} characters, over the {limit:,} limit; "
                "ask a shorter question (or raise ASSISTANT_MAX_QUESTION_CHARS)"
            )
        return question

    def chain(self, corpus: str, answerer: str) -> Runnable:
        """condense -> retrieve -> answer and enforce citations, as one Runnable. It streams the text as the
        backend writes it, in pieces ({"text": …}), then the checked answer ({"answer": Answer}); invoked, the
        pieces add up to one dict. The answer is what counts: the text is the backend's draft (a model's reply
        that failed its check is replaced by the extractive answer), and a declined answer may have none."""
        self.store.corpus(corpus)  # fail early, with the list of corpora, on an unknown name
        backend = self.answerer(answerer)
        retriever = self.retriever(corpus)

        def standalone(state: dict) -> str:
            return self.standalone(state["question"], state["history"], backend)

        def answer(state: dict) -> Iterator[AddableDict]:
            # Loaded once: the answer is checked against the very snapshot it was written from, even if an
            # ingest swaps it meanwhile.
            loaded = self.store.corpus(corpus)
            for event in backend.stream(state["standalone"], state["documents"], loaded):
                yield (
                    AddableDict(answer=enforce(event, loaded)) if isinstance(event, Answer) else AddableDict(text=event)
                )

        return (
            RunnablePassthrough.assign(standalone=RunnableLambda(standalone, name="condense"))
            | RunnablePassthrough.assign(documents=itemgetter("standalone") | retriever)
            | RunnableLambda(answer, name="answer_and_enforce_citations")
        ).with_types(input_type=dict, output_type=dict)

    def retriever(self, corpus: str) -> HybridRetriever:
        return HybridRetriever(
            store=self.store,
            embeddings=self.embeddings,
            corpus=corpus,
            k=self.settings.retrieval_k,
            candidate_k=self.settings.candidate_k,
            rrf_k=self.settings.rrf_k,
        )

    def configured_answerers(self) -> list[str]:
        """The answerers that have what they need in the settings (extractive always does)."""
        configured = {
            "extractive": True,
            "openai": bool(self.settings.openai_model),
            "ollama": bool(self.settings.ollama_model),
            "transformers": bool(self.settings.transformers_model),
            self.settings.answerer: True,
        }
        return [name for name, ready in configured.items() if ready]

    def answerer(self, name: str) -> answerers.Answerer:
        if name not in self._answerers:
            self._answerers[name] = answerers.create(name, self.settings, self.embeddings)
        return self._answerers[name]

    def ingest(self, path: Path, corpus: str | None = None, progress: Progress | None = None) -> IngestReport:
        return ingest_path(self.store, corpus or self.settings.corpus, path, self.settings.limits, progress)

    def ingest_uploads(
        self, files: list[tuple[str, bytes]], corpus: str, progress: Progress | None = None
    ) -> IngestReport:
        """Add uploaded (file name, content) pairs to a corpus, creating it if needed."""
        check_corpus_name(corpus)
        items = [item for name, data in files for item in read_upload(name, data, self.settings.limits)]
        return ingest(self.store, corpus, items, progress)

    def ensure_default_corpus(self, progress: Progress | None = None) -> IngestReport | None:
        """Ingest the bundled articles as the 'default' corpus if it has no index yet."""
        if self.settings.corpus != "default" or self.store.exists("default"):
            return None
        return self.ingest(self.settings.default_corpus_path, "default", progress)

    def corpora(self) -> list[CorpusInfo]:
        return [self.store.info(name) for name in self.store.names()]


def _clean(history: list[Message] | None) -> list[Message]:
    """Earlier turns with any character that cannot be encoded replaced: they are context, not a request."""
    return [{**turn, "content": clean_text(turn.get("content") or "")} for turn in history or []]
