"""The `transformers` answerer: a local model folder or GGUF file, loaded offline with transformers."""

from __future__ import annotations

from pathlib import Path

from ..embeddings import SentenceEmbeddings
from ..errors import Unavailable
from ..settings import Settings
from . import register
from .extractive import ExtractiveAnswerer
from .generative import GenerativeAnswerer


@register("transformers")
def create(settings: Settings, embeddings: SentenceEmbeddings) -> GenerativeAnswerer:
    try:
        from langchain_huggingface import ChatHuggingFace, HuggingFacePipeline
        from transformers import AutoModelForCausalLM, AutoTokenizer, pipeline
    except ImportError:
        raise Unavailable(
            "the transformers answerer needs langchain-huggingface, gguf and accelerate: "
            "pip install 'news-assistant[local]'"
        ) from None
    if not settings.transformers_model:
        raise Unavailable("the transformers answerer needs ASSISTANT_TRANSFORMERS_MODEL (a model folder or .gguf file)")
    path = Path(settings.transformers_model).expanduser()
    if not path.exists():
        raise Unavailable(
            f"ASSISTANT_TRANSFORMERS_MODEL={path} does not exist; point it at a model folder or .gguf file"
        )
    folder, extra = (path.parent, {"gguf_file": path.name}) if path.is_file() else (path, {})
    try:
        # local_files_only: a local model only, never a reach for the hub
        tokenizer = AutoTokenizer.from_pretrained(str(folder), local_files_only=True, **extra)
        model = AutoModelForCausalLM.from_pretrained(str(folder), local_files_only=True, **extra)
    except (OSError, ValueError) as error:
        raise Unavailable(f"cannot load ASSISTANT_TRANSFORMERS_MODEL={path} ({error})") from None
    generate = pipeline(
        "text-generation",
        model=model,
        tokenizer=tokenizer,
        max_new_tokens=settings.llm_max_tokens,
        do_sample=False,
        return_full_text=False,
    )
    chat = ChatHuggingFace(llm=HuggingFacePipeline(pipeline=generate), tokenizer=tokenizer, model_id=str(path))
    return GenerativeAnswerer(
        "transformers", chat, embeddings, ExtractiveAnswerer(embeddings), "ASSISTANT_TRANSFORMERS_MODEL"
    )
