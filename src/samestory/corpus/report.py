"""What an ``add`` did: counts by outcome, the duplicates it found, and every rejected record."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..errors import InputError
from ..ingest import WarcStats, skipped_note

__all__ = ["AddReport", "ConflictError"]


class ConflictError(InputError):
    """A record whose id is already stored with other text (a new version needs ``--update``)."""


@dataclass
class AddReport:
    """Counts of one ``add`` run. ``rejected`` maps a reason (the error's class) to a count;
    ``errors`` keeps each rejected record's error, in input order, for the caller to print."""

    read: int = 0
    added: int = 0
    already_present: int = 0
    updated: int = 0
    duplicates: Counter[str] = field(default_factory=Counter)
    rejected: Counter[str] = field(default_factory=Counter)
    skipped: list[str] = field(default_factory=list)
    warc: WarcStats = field(default_factory=WarcStats)
    errors: list[InputError] = field(default_factory=list)
    seconds: float = 0.0

    def reject(self, error: InputError) -> None:
        self.rejected[_reason(error)] += 1
        self.errors.append(error)

    def to_dict(self) -> dict:
        return {
            "read": self.read,
            "added": self.added,
            "already_present": self.already_present,
            "updated": self.updated,
            "duplicates": {k: self.duplicates[k] for k in ("copy", "near-copy", "translation")},
            "rejected": dict(sorted(self.rejected.items())),
            "skipped": len(self.skipped),
            "warc_records_skipped": dict(sorted(self.warc.skipped.items())),
            "seconds": round(self.seconds, 2),
            "articles_per_second": round(self.added / self.seconds, 2) if self.seconds else None,
        }

    def error_list(self) -> list[dict[str, str]]:
        """Each rejected record: where it was (file:line, or request[i]), the error's kind, and
        the one-line message (what ``add --json`` and the HTTP API return)."""
        return [{"where": e.where, "error": type(e).__name__, "message": str(e)} for e in self.errors]

    def summary(self) -> str:
        d = self.to_dict()
        dup = d["duplicates"]
        parts = [
            f"added {self.added}",
            f"already present {self.already_present}",
            *([f"updated {self.updated}"] if self.updated else []),
            f"copies {dup['copy']}, near-copies {dup['near-copy']}, translations {dup['translation']} of stored articles",
            "rejected " + (", ".join(f"{n} {k}" for k, n in d["rejected"].items()) if self.rejected else "0"),
        ]
        if self.skipped:
            parts.append(f"skipped {len(self.skipped)} non-article file(s)")
        if note := skipped_note(self.warc.skipped):
            parts.append(note)
        return "; ".join(parts)


def _reason(error: InputError) -> str:
    """A stable, readable reason for the summary: the error's kind in words."""
    name = type(error).__name__.removesuffix("Error")
    words = "".join(f" {c.lower()}" if c.isupper() else c for c in name).strip()
    return words or "input"
