"""The `openai` answerer: any OpenAI-compatible server (vLLM, llama.cpp's server, LM Studio, OpenAI)."""

from __future__ import annotations

from ..embeddings import SentenceEmbeddings
from ..errors import Unavailable
from ..settings import Settings
from . import register
from .extractive import ExtractiveAnswerer
from .generative import GenerativeAnswerer


@register("openai")
def create(settings: Settings, embeddings: SentenceEmbeddings) -> GenerativeAnswerer:
    try:
        from langchain_openai import ChatOpenAI
    except ImportError:
        raise Unavailable("the openai answerer needs langchain-openai: pip install 'news-assistant[llm]'") from None
    if not settings.openai_model:
        raise Unavailable("the openai answerer needs ASSISTANT_OPENAI_MODEL (and ASSISTANT_OPENAI_BASE_URL)")
    key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else "not-needed"
    model = ChatOpenAI(
        base_url=settings.openai_base_url,
        model=settings.openai_model,
        api_key=key,
        timeout=settings.llm_timeout,
        max_retries=0,
        temperature=0,
    )
    hint = "ASSISTANT_OPENAI_BASE_URL, ASSISTANT_OPENAI_MODEL and ASSISTANT_OPENAI_API_KEY"
    return GenerativeAnswerer("openai", model, embeddings, ExtractiveAnswerer(embeddings), hint)
