"""The corpus: add articles to a store, find their duplicates, export and check it.

corpus       Corpus: add (idempotent, batched, crash-safe), the add loop
duplicates   copies, near-copies and translations of a new article among the stored ones
report       AddReport: what an add did
"""

from __future__ import annotations

from .corpus import DEFAULT_STORE, Corpus, record_hash
from .report import AddReport, ConflictError

__all__ = ["Corpus", "DEFAULT_STORE", "AddReport", "ConflictError", "record_hash"]
