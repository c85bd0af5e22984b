"""Answerers: turn a question and its retrieved chunks into a cited `Answer`.

Each backend is one module that registers a factory under its name; the
setting `answerer` (or a per-request choice) picks one.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator

from langchain_core.documents import Document

from .. import followup
from ..answer import Answer
from ..embeddings import SentenceEmbeddings
from ..errors import BadInput
from ..settings import Settings
from ..store import Corpus


class Answerer(ABC):
    """A backend: `stream` is its one method, and a whole answer and a follow-up's rewrite are built on it."""

    name: str

    @abstractmethod
    def stream(self, question: str, documents: list[Document], corpus: Corpus) -> Iterator[str | Answer]:
        """Yield the answer's text in pieces as it is produced, then the finished `Answer`, answered from
        `documents` (chunks of `corpus`) and citing spans of its articles."""

    def answer(self, question: str, documents: list[Document], corpus: Corpus) -> Answer:
        """The finished answer alone: the last thing `stream` yields."""
        *_, answer = self.stream(question, documents, corpus)
        return answer

    def condense(self, question: str, history: list[dict[str, str]]) -> str:
        """A follow-up `question` rewritten to stand alone, given the conversation: by rules (followup.py)
        unless the backend has a model to do it."""
        return followup.resolve(question, history)


Factory = Callable[[Settings, SentenceEmbeddings], Answerer]
_REGISTRY: dict[str, Factory] = {}


def register(name: str) -> Callable[[Factory], Factory]:
    def decorate(factory: Factory) -> Factory:
        _REGISTRY[name] = factory
        return factory

    return decorate


def names() -> list[str]:
    _load_builtins()
    return sorted(_REGISTRY)


def create(name: str, settings: Settings, embeddings: SentenceEmbeddings) -> Answerer:
    _load_builtins()
    if name not in _REGISTRY:
        raise BadInput(f"unknown answerer {name!r}; choose one of: {', '.join(sorted(_REGISTRY))}")
    backend = _REGISTRY[name](settings, embeddings)
    if not isinstance(backend, Answerer):
        raise TypeError(f"answerer {name!r} is a {type(backend).__name__}; a backend subclasses answerers.Answerer")
    return backend


def _load_builtins() -> None:
    """Import every module of this package: each registers its backend, so adding one is adding a file."""
    import importlib
    import pkgutil

    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
