"""``samestory eval clean``: how well the cleaner keeps bodies and drops junk.

(a) Plain-text scrapes, simulated from WCXB: each page's gold main text, with its ``without[]``
    boilerplate snippets inserted as paragraphs at seeded random gaps. Junk recall is the share of
    snippets removed; body retention the share of gold body characters kept.
(b) HTML: token F1 (WCXB's bag of ``\\w+`` tokens) of our extraction (trafilatura, then our
    plain-text cleaner) against the gold main text, on WCXB and on the Scrapinghub AEB set, next
    to plain ``trafilatura.extract`` in the same run.

WCXB ships one split. We tuned the cleaner on the pages whose id is even ("tune") and report the
odd ones ("check") separately, next to the whole set.
"""

from __future__ import annotations

import gzip
import html
import json
import random
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from ..cleaner import HTML_CLEAN, LineJudge, clean_text
from ..errors import DataError, InputError
from ..language import identify
from ..progress import Progress
from ..resources import Resources
from .metrics import token_f1

__all__ = ["evaluate_clean", "load_wcxb", "render_clean_report", "simulate_scrape", "score_simulation"]


def evaluate_clean(
    extraction_dir: Path, resources: Resources, *, limit: int | None = None, seed: int = 13, quiet: bool = False
) -> dict:
    wcxb = load_wcxb(extraction_dir / "wcxb-test", limit)
    aeb = _load_aeb(extraction_dir / "scrapinghub-aeb", limit)
    plain = _plain_text_simulation(wcxb, resources, seed, quiet)
    html_scores = {name: _html_scores(pages, name, resources, quiet) for name, pages in (("wcxb", wcxb), ("aeb", aeb))}
    return {
        "junk_recall": plain["all"]["junk_recall"],
        "body_retention": plain["all"]["body_retention"],
        "html_f1": {k: v["ours"]["f1"] for k, v in html_scores.items()},
        "trafilatura_f1": {k: v["trafilatura"]["f1"] for k, v in html_scores.items()},
        "plain_text": plain,
        "html": html_scores,
        "pages": {"wcxb": len(wcxb), "aeb": len(aeb)},
        "seed": seed,
    }


# -- data -------------------------------------------------------------------------------------


def load_wcxb(folder: Path, limit: int | None) -> list[dict]:
    truth = folder / "ground-truth"
    if not truth.is_dir():
        raise DataError(f"{folder}: no ground-truth/ folder (WCXB layout expected)")
    pages = []
    for path in sorted(truth.glob("*.json"))[:limit]:
        record = _json_file(path, dict)
        gold = record.get("ground_truth")
        # a page without main text has "main_content": null (4 of wcxb-test's 511): read as ""
        if not isinstance(gold, dict) or not isinstance(gold.get("main_content") or "", str):
            raise DataError(f'{path}: no "ground_truth" object with a "main_content" text (WCXB layout expected)')
        without = gold.get("without") or []
        if not isinstance(gold.get("title") or "", str) or not (
            isinstance(without, list) and all(isinstance(w, str) for w in without)
        ):
            raise DataError(f'{path}: "title" must be a text and "without" a list of texts (WCXB layout expected)')
        pages.append(
            {
                "id": path.stem,
                "html": folder / "html" / f"{path.stem}.html.gz",
                "title": gold.get("title") or "",
                "gold": gold.get("main_content") or "",
                "without": [html.unescape(w) for w in without],
                "type": (record.get("_internal") or {}).get("page_type", {}).get("primary")
                or record.get("page_type")
                or "unknown",
            }
        )
    return pages


def _load_aeb(folder: Path, limit: int | None) -> list[dict]:
    truth = folder / "ground-truth.json"
    if not truth.is_file():
        raise DataError(f"{truth}: missing (Scrapinghub AEB layout expected)")
    records = _json_file(truth, dict)
    if not all(isinstance(rec, dict) and isinstance(rec.get("articleBody") or "", str) for rec in records.values()):
        raise DataError(
            f'{truth}: each page\'s entry must be an object with an "articleBody" text (Scrapinghub AEB layout expected)'
        )
    return [
        {"id": key, "html": folder / "html" / f"{key}.html.gz", "gold": rec.get("articleBody") or ""}
        for key, rec in sorted(records.items())[:limit]
    ]


def _json_file(path: Path, kind: type) -> Any:
    """A JSON file holding a ``kind``; else a :class:`DataError` naming it."""
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, OSError) as err:
        raise DataError(f"{path}: not readable JSON ({err})") from None
    if not isinstance(value, kind):
        raise DataError(f"{path}: holds a JSON {type(value).__name__}, not an object")
    return value


def _read_html(path: Path) -> bytes:
    try:
        return gzip.decompress(path.read_bytes())
    except (OSError, EOFError) as exc:
        raise DataError(f"{path}: cannot read: {exc}") from exc


# -- (a) plain-text simulation ----------------------------------------------------------------


def simulate_scrape(gold: str, snippets: list[str], rng: random.Random) -> tuple[str, list[int], list[int]]:
    """Gold paragraphs with each snippet inserted as its own paragraph at a random gap.

    Returns the text, the indices (among non-empty lines) of the snippet lines, and of gold lines.
    """
    blocks: list[tuple[str, bool]] = [(b, False) for b in gold.split("\n\n") if b.strip()]
    for snippet in snippets:
        one_line = " ".join(snippet.split())
        if one_line:
            blocks.insert(rng.randint(0, len(blocks)), (one_line, True))
    junk: list[int] = []
    body: list[int] = []
    n = 0
    for block, is_junk in blocks:
        for line in block.split("\n"):
            if line.strip():
                (junk if is_junk else body).append(n)
                n += 1
    return "\n\n".join(b for b, _ in blocks), junk, body


def score_simulation(text: str, junk: list[int], body: list[int], removed) -> dict:
    """Counts for one simulated page given the cleaner's removals."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    gone: dict[int, str] = {}
    for r in removed:
        for k in range(r.line, r.line + r.lines):
            gone[k] = r.reason.value
    body_chars = sum(len(lines[i]) for i in body)
    lost: Counter[str] = Counter()
    for i in body:
        if i in gone:
            lost[gone[i]] += len(lines[i])
    caught = Counter(gone[i] for i in junk if i in gone)
    return {
        "junk": len(junk),
        "junk_removed": sum(caught.values()),
        "body_chars": body_chars,
        "body_chars_lost": sum(lost.values()),
        "lost_by_reason": lost,
        "caught_by_reason": caught,
    }


def _held_out_judge(judge: LineJudge, page_id: str) -> LineJudge:
    """The line judge's model trained on the other half of WCXB (see :mod:`samestory.cleaner.judge`)."""
    other = "odd" if int(page_id) % 2 == 0 else "even"
    return judge.only(other) if set(judge.models) == {"even", "odd"} else judge


def _plain_text_simulation(pages: list[dict], resources: Resources, seed: int, quiet: bool) -> dict:
    judge = resources.line_judge
    totals: dict[str, Counter] = defaultdict(Counter)
    by_reason_lost: Counter[str] = Counter()
    by_reason_caught: Counter[str] = Counter()
    with Progress("eval clean: plain text", len(pages), quiet=quiet) as bar:
        for page in pages:
            if page["gold"].strip():
                rng = random.Random(f"{seed}:{page['id']}")
                text, junk, body = simulate_scrape(page["gold"], page["without"], rng)
                cleaned = clean_text(
                    text,
                    identify(text, resources.language),
                    title=page["title"] or None,
                    embedder=resources.embedder.fast,
                    judge=_held_out_judge(judge, page["id"]),
                )
                counts = score_simulation(text, junk, body, cleaned.removed)
                by_reason_lost.update(counts.pop("lost_by_reason"))
                by_reason_caught.update(counts.pop("caught_by_reason"))
                half = "tune" if int(page["id"]) % 2 == 0 else "check"
                for key in ("all", half, f"type:{page['type']}"):
                    totals[key].update(counts)
            bar.advance()
    out = {key: _rates(c) for key, c in sorted(totals.items())}
    out["body_chars_lost_by_reason"] = dict(by_reason_lost)
    out["junk_caught_by_reason"] = dict(by_reason_caught)
    return out


def _rates(c: Counter) -> dict:
    return {
        "junk_recall": round(c["junk_removed"] / max(c["junk"], 1), 4),
        "body_retention": round(1 - c["body_chars_lost"] / max(c["body_chars"], 1), 4),
        "snippets": c["junk"],
        "body_chars": c["body_chars"],
    }


# -- (b) HTML extraction ------------------------------------------------------------------------


def _html_scores(pages: list[dict], name: str, resources: Resources, quiet: bool) -> dict:
    from ..ingest.html import MIN_ARTICLE_WORDS, extract_html, trafilatura_baseline

    ours, base, extract_only, refused = [], [], [], 0
    with Progress(f"eval clean: html {name}", len(pages), quiet=quiet) as bar:
        for page in pages:
            raw = _read_html(page["html"])
            base.append(token_f1(trafilatura_baseline(raw) or "", page["gold"]))
            try:
                # Extraction quality is measured on everything the extractor finds; how many
                # pages the product would refuse as "no article" is reported beside it.
                article = extract_html(raw, where=str(page["html"]), min_words=1)
                refused += _word_count(article.text) < MIN_ARTICLE_WORDS
                extracted = article.text
                cleaned = clean_text(
                    article.text, identify(article.text, resources.language), title=article.title, config=HTML_CLEAN
                )
                predicted = cleaned.text
            except InputError:
                extracted = predicted = ""
            extract_only.append(token_f1(extracted, page["gold"]))
            ours.append(token_f1(predicted, page["gold"]))
            bar.advance()
    return {
        "ours": _mean_prf(ours),
        "extraction_only": _mean_prf(extract_only),
        "trafilatura": _mean_prf(base),
        "pages": len(pages),
        "refused_as_no_article": refused,
    }


def _word_count(text: str) -> int:
    from ..ingest.html import _word_count as count

    return count(text)


def _mean_prf(rows: list[tuple[float, float, float]]) -> dict:
    n = max(len(rows), 1)
    return {k: round(sum(r[i] for r in rows) / n, 4) for i, k in enumerate(("precision", "recall", "f1"))}


# -- rendering ----------------------------------------------------------------------------------


def render_clean_report(report: dict) -> str:
    plain = report["plain_text"]
    lines = [
        f"Plain-text scrapes (WCXB gold text + its boilerplate snippets, seed {report['seed']})",
        f"  {'subset':<22}{'junk recall':>12}{'body retention':>16}{'snippets':>10}",
    ]
    for key in ("all", "tune", "check", *sorted(k for k in plain if k.startswith("type:"))):
        if key in plain:
            r = plain[key]
            lines.append(f"  {key:<22}{r['junk_recall']:>12.3f}{r['body_retention']:>16.4f}{r['snippets']:>10}")
    lines.append("  body characters lost by rule: " + _fmt_counts(plain["body_chars_lost_by_reason"]))
    lines.append("  snippets caught by rule:      " + _fmt_counts(plain["junk_caught_by_reason"]))
    lines += [
        "",
        "HTML extraction, token F1 (precision / recall / F1); 'refused' = pages under the "
        "product's no-article threshold (measured anyway)",
        f"  {'set':<8}{'pages':>6}  {'samestory':>24}  {'extraction only':>24}  {'trafilatura':>24}",
    ]
    for name, r in report["html"].items():
        cells = [
            f"{r[k]['precision']:.3f} / {r[k]['recall']:.3f} / {r[k]['f1']:.3f}"
            for k in ("ours", "extraction_only", "trafilatura")
        ]
        lines.append(
            f"  {name:<8}{r['pages']:>6}  "
            + "  ".join(f"{c:>24}" for c in cells)
            + f"  refused {r['refused_as_no_article']}"
        )
    return "\n".join(lines)


def _fmt_counts(counts: dict) -> str:
    return ", ".join(f"{k} {v}" for k, v in sorted(counts.items(), key=lambda kv: -kv[1])) or "none"
