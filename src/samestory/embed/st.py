"""Optional backend: a user's own sentence-transformers model folder (extra ``samestory[st]``).

For models no registry package carries (LaBSE, multilingual MiniLM/mpnet, bge-m3 …). It never
downloads: the argument must be an existing local folder, and ``local_files_only=True`` is passed
where the installed version accepts it (the process environment is left alone: set
``HF_HUB_OFFLINE=1`` yourself to forbid the hub to every library in the process). ``torch`` and ``sentence_transformers`` are imported only on the
first :meth:`embed_batch` (or the first read of ``dim``).
"""

from __future__ import annotations

import inspect
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ModelError
from .base import check_positive, embed_sorted

__all__ = ["SentenceTransformerEmbedder"]

_INSTALL = "pip install 'samestory[st]' (install torch==2.13.0 first, from the CPU index, or pip pulls a CUDA build)"


class SentenceTransformerEmbedder:
    """A local sentence-transformers model folder behind :class:`~samestory.embed.base.Embedder`.

    ``languages``: what the model was trained on, if you know it (``None`` = unknown / ~all).
    ``dim`` is read from the model, so reading it loads the model.
    """

    languages: frozenset[str] | None

    def __init__(
        self,
        model_path: str | os.PathLike,
        batch_size: int = 32,
        device: str = "cpu",
        languages: frozenset[str] | None = None,
    ):
        check_positive("batch_size", batch_size)
        self.path = Path(model_path).expanduser()
        if not self.path.is_dir():
            raise ModelError(
                f"{self.path}: not a model folder; SentenceTransformerEmbedder loads only a "
                "local sentence-transformers folder (it never downloads a model by name)"
            )
        self.name = f"st:{self.path.resolve().name}"
        self.batch_size = batch_size
        self.device = device
        self.languages = languages
        self._model: Any = None

    @property
    def dim(self) -> int:
        model = self._load()
        # sentence-transformers 6 renamed the method; older releases only have the long name.
        get = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        return int(get())

    def embed_batch(self, texts: Sequence[str]) -> np.ndarray:
        model = self._load()
        dim = self.dim
        if len(texts) == 0:
            return np.zeros((0, dim), dtype=np.float32)

        def encode(batch: list[str]) -> np.ndarray:
            return model.encode(
                batch,
                batch_size=self.batch_size,
                convert_to_numpy=True,
                normalize_embeddings=True,
                show_progress_bar=False,
            )

        return embed_sorted(texts, encode, dim, len(texts))

    def _load(self):
        if self._model is None:
            try:
                from sentence_transformers import SentenceTransformer
            except ImportError as exc:
                raise ModelError(f"sentence-transformers is not installed: {_INSTALL}") from exc
            kwargs: dict[str, Any] = {"device": self.device}
            if "local_files_only" in inspect.signature(SentenceTransformer).parameters:
                kwargs["local_files_only"] = True
            try:
                self._model = SentenceTransformer(str(self.path), **kwargs)
            except Exception as exc:
                raise ModelError(f"{self.path}: not a loadable sentence-transformers model ({exc})") from exc
        return self._model
