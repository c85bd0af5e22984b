"""The `ollama` answerer: a model served by Ollama."""

from __future__ import annotations

from ..embeddings import SentenceEmbeddings
from ..errors import Unavailable
from ..settings import Settings
from . import register
from .extractive import ExtractiveAnswerer
from .generative import GenerativeAnswerer


@register("ollama")
def create(settings: Settings, embeddings: SentenceEmbeddings) -> GenerativeAnswerer:
    try:
        from langchain_ollama import ChatOllama
    except ImportError:
        raise Unavailable("the ollama answerer needs langchain-ollama: pip install 'news-assistant[llm]'") from None
    if not settings.ollama_model:
        raise Unavailable("the ollama answerer needs ASSISTANT_OLLAMA_MODEL (and ASSISTANT_OLLAMA_URL)")
    model = ChatOllama(
        base_url=settings.ollama_url,
        model=settings.ollama_model,
        temperature=0,
        client_kwargs={"timeout": settings.llm_timeout},
    )
    hint = "ASSISTANT_OLLAMA_URL and ASSISTANT_OLLAMA_MODEL (is `ollama serve` running and the model pulled?)"
    return GenerativeAnswerer("ollama", model, embeddings, ExtractiveAnswerer(embeddings), hint)
