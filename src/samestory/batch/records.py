"""A batch run's output files: prepared articles as Parquet rows, and back.

An article row holds everything the corpus would compute for it (language, cleaned paragraphs
and removals, sentences, vectors, facts, the hash of the record as read), so that
``samestory add --from-batch`` stores it without running a model, and the story stage clusters
it without re-embedding. Vectors are float32 bytes (``document``: one row; ``rows``: the title's
and each kept paragraph's, ``n_rows`` of them), not int8 as in the store: the story stage reads
them exactly as the local pipeline made them.

Every file is written to a temporary name in its own folder and renamed into place
(``os.replace`` is atomic on POSIX), so a reader, a re-run or a crash never sees half a file: a
shard's file either exists whole or not at all. That is what makes a re-run skip finished
shards and complete half-finished ones.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from ..errors import InputError
from ..store.records import facts_from_json, facts_to_json
from ..types import Article, Cleaned, Embedding, LanguageGuess, Reason, Removal
from .shards import shard_name

__all__ = [
    "ARTICLE_SCHEMA",
    "article_row",
    "row_article",
    "error_row",
    "write_table",
    "read_rows",
    "article_files",
    "article_file",
]

ARTICLE_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("record_hash", pa.string()),
        ("origin", pa.string()),
        ("format", pa.string()),
        ("title", pa.string()),
        ("text", pa.string()),
        ("declared_lang", pa.string()),
        ("url", pa.string()),
        ("published", pa.string()),
        ("source", pa.string()),
        ("warnings", pa.list_(pa.string())),
        ("lang", pa.string()),
        ("lang_confidence", pa.float64()),
        ("clean_title", pa.string()),
        ("paragraphs", pa.list_(pa.string())),
        ("removed", pa.string()),  # JSON list of removals
        ("clean_warnings", pa.list_(pa.string())),
        ("sentences", pa.list_(pa.string())),
        ("space", pa.string()),
        ("dim", pa.int32()),
        ("document", pa.binary()),
        ("n_rows", pa.int32()),
        ("rows", pa.binary()),
        ("facts", pa.string()),  # JSON (samestory.store.records.facts_to_json)
        ("content_hash", pa.string()),  # the normalised body's hash (exact copies)
        ("bands", pa.list_(pa.int64())),  # MinHash LSH band keys (near-copy candidates)
    ]
)

#: The rejected records of a shard: where, why (the error's class) and what was wrong.
ERROR_SCHEMA = pa.schema([("where", pa.string()), ("kind", pa.string()), ("problem", pa.string())])


def article_row(
    article: Article, record_hash: str, content_hash: str | None = None, bands: Sequence[int] = ()
) -> dict[str, Any]:
    """The row of a prepared article (language, clean, sentences, embed and entities done), with
    its dedup keys (:func:`samestory.dedup.shingle`, :func:`samestory.dedup.band_keys`)."""
    cleaned, language, embedding = article.cleaned, article.language, article.embedding
    assert cleaned is not None and language is not None and embedding is not None
    document = np.asarray(embedding.document, np.float32)
    rows = np.asarray(embedding.paragraphs, np.float32)
    return {
        "id": article.id,
        "record_hash": record_hash,
        "origin": article.origin,
        "format": article.format,
        "title": article.title,
        "text": article.text,
        "declared_lang": article.declared_lang,
        "url": article.url,
        "published": article.published,
        "source": article.source,
        "warnings": list(article.warnings),
        "lang": language.lang,
        "lang_confidence": float(language.confidence),
        "clean_title": cleaned.title,
        "paragraphs": list(cleaned.paragraphs),
        "removed": json.dumps([r.to_dict() for r in cleaned.removed], ensure_ascii=False),
        "clean_warnings": list(cleaned.warnings),
        "sentences": list(article.sentences),
        "space": embedding.space,
        "dim": int(document.shape[0]),
        "document": document.tobytes(),
        "n_rows": int(rows.shape[0]),
        "rows": rows.tobytes(),
        "facts": facts_to_json(article.facts),
        "content_hash": content_hash,
        "bands": list(bands),
    }


def row_article(row: dict[str, Any]) -> Article:
    """The prepared article a row was made from (the line judge's vectors excepted)."""
    dim, n_rows = int(row["dim"]), int(row["n_rows"])
    removed = tuple(
        Removal(r["line"], r["text"], Reason(r["reason"]), r.get("detail", ""), r.get("lines", 1))
        for r in json.loads(row["removed"])
    )
    cleaned = Cleaned(row["clean_title"], tuple(row["paragraphs"]), removed, tuple(row["clean_warnings"] or ()))
    embedding = Embedding(
        row["space"],
        np.frombuffer(row["document"], np.float32).copy(),
        np.frombuffer(row["rows"], np.float32).reshape(n_rows, dim).copy(),
    )
    return Article(
        id=row["id"],
        text=row["text"],
        title=row["title"],
        origin=row["origin"],
        declared_lang=row["declared_lang"],
        url=row["url"],
        published=row["published"],
        source=row["source"],
        format=row["format"],
        warnings=tuple(row["warnings"] or ()),
        language=LanguageGuess(row["lang"], float(row["lang_confidence"])),
        cleaned=cleaned,
        sentences=tuple(row["sentences"] or ()),
        embedding=embedding,
        facts=facts_from_json(row["facts"]),
    )


def error_row(error: InputError) -> dict[str, str]:
    return {"where": error.where, "kind": type(error).__name__, "problem": error.problem}


def write_table(path: Path, rows: Sequence[dict[str, Any]], schema: pa.Schema) -> None:
    """Write ``rows`` as one Parquet file at ``path``, atomically (see the module docstring)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{uuid.uuid4().hex}.partial")
    try:
        pq.write_table(pa.Table.from_pylist(list(rows), schema=schema), partial, compression="zstd")
        with open(partial, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, path)
    finally:
        if partial.exists():
            partial.unlink()


def read_rows(path: Path, columns: Sequence[str] | None = None) -> Iterator[dict[str, Any]]:
    """The rows of one Parquet file, a record batch at a time (a shard never sits whole in memory
    as Python objects)."""
    handle = pq.ParquetFile(path)
    for batch in handle.iter_batches(batch_size=256, columns=list(columns) if columns else None):
        yield from batch.to_pylist()


def article_file(out: Path, index: int) -> Path:
    """The article file of shard ``index`` in a batch folder."""
    return out / "articles" / f"{shard_name(index)}.parquet"


def article_files(out: Path) -> list[Path]:
    """The article shards of a batch folder, in shard order."""
    return sorted((out / "articles").glob("shard-*.parquet"))
