"""What goes into the store and what comes out: small frozen records, and their (de)serialisation."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from itertools import starmap
from typing import Any

import numpy as np

from ..types import Article, DateMention, Facts, Mention, Quantity

__all__ = [
    "Entry",
    "DuplicateLink",
    "StoredRef",
    "StoredArticle",
    "facts_to_json",
    "facts_from_json",
    "quantise",
    "dequantise",
]


@dataclass(frozen=True)
class Entry:
    """A prepared article (embedded, facts extracted) and what the store keeps beside it."""

    article: Article
    record_hash: str
    content_hash: str | None
    signature: np.ndarray | None = field(default=None, compare=False)
    bands: tuple[int, ...] = ()
    version: int = 1


@dataclass(frozen=True)
class DuplicateLink:
    """An article is a ``cls`` ("copy", "near-copy", "translation") of ``target`` (the stored
    article it was verified against), in the group whose earliest article is ``leader``; with a
    score and the evidence people are shown."""

    target: int
    leader: int
    cls: str
    score: float
    evidence: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class StoredRef:
    """Where an article is: its key, id, version and the hash of the record it was read from."""

    key: int
    id: str
    version: int
    record_hash: str


@dataclass(frozen=True)
class StoredArticle:
    """An article as the store holds it (the current version unless asked otherwise)."""

    key: int
    id: str
    version: int
    current: bool
    origin: str
    format: str
    title: str | None
    url: str | None
    published: str | None
    source: str | None
    lang: str
    lang_confidence: float
    paragraphs: tuple[str, ...]
    sentences: tuple[str, ...]
    removed: tuple[dict, ...]
    warnings: tuple[str, ...]
    space: str
    added: str
    facts: Facts | None = field(default=None, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "version": self.version,
            "origin": self.origin,
            "title": self.title,
            "url": self.url,
            "published": self.published,
            "source": self.source,
            "lang": self.lang,
            "text": "\n\n".join(self.paragraphs),
            "added": self.added,
        }


def facts_to_json(facts: Facts | None) -> str:
    if facts is None:
        return "null"
    return json.dumps(
        {
            "lang": facts.lang,
            # a mention is a named tuple (text, key, kind, count, ref, script): JSON writes it as
            # that array, without a list built for each
            "names": facts.names,
            "candidates": facts.candidates,
            "numbers": [[q.text, q.value, q.kind, q.key, q.count] for q in facts.numbers],
            "dates": [[d.text, d.day, d.month, d.year, d.key] for d in facts.dates],
        },
        ensure_ascii=False,
    )


def facts_from_json(text: str) -> Facts | None:
    data = json.loads(text)
    if data is None:
        return None
    return Facts(
        data["lang"],
        tuple(starmap(Mention, data["names"])),
        tuple(Quantity(*row) for row in data["numbers"]),
        tuple(DateMention(*row) for row in data["dates"]),
        tuple(starmap(Mention, data["candidates"])),
    )


def quantise(vectors: np.ndarray) -> bytes:
    """L2-normalised float rows as int8 (x 127): a quarter of float32's bytes, cosines within ~0.01."""
    return np.clip(np.rint(np.asarray(vectors, dtype=np.float32) * 127), -127, 127).astype(np.int8).tobytes()


def dequantise(blob: bytes, rows: int) -> np.ndarray:
    m = np.frombuffer(blob, dtype=np.int8).astype(np.float32).reshape(rows, -1) / 127
    return m / np.maximum(np.linalg.norm(m, axis=1, keepdims=True), 1e-12)
