"""The embedded store: SQLite (WAL) as the source of truth, ANN indexes derived from it.

schema    numbered migrations; the application id that marks a samestory store
records   Entry (what is put), StoredArticle / StoredRef (what comes out), DuplicateLink
index     VectorIndex seam: usearch HNSW, an exact numpy fake; IndexSet per vector space
postings  posting lists (key → articles) derived from the key tables: bands, facts, story keys
kept      KeptReads: records a reader keeps for the transaction it reads them in
sqlite    SQLiteStore: open/refuse/migrate and close; the class is built in layers over
            sqlite_reads (article lookups, queries), sqlite_vectors (vectors, ANN search, index
            catch-up) and sqlite_writes (the write lock, transactions, puts)
"""

from __future__ import annotations

from .index import ExactIndex, IndexSet, UsearchIndex, VectorIndex
from .kept import KeptReads
from .memory import MemoryStore, Store
from .records import DuplicateLink, Entry, StoredArticle, StoredRef
from .schema import SCHEMA_VERSION
from .sqlite import SQLiteStore

__all__ = [
    "Store",
    "KeptReads",
    "SQLiteStore",
    "MemoryStore",
    "Entry",
    "DuplicateLink",
    "StoredArticle",
    "StoredRef",
    "VectorIndex",
    "UsearchIndex",
    "ExactIndex",
    "IndexSet",
    "SCHEMA_VERSION",
]
