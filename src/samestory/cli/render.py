"""What the command line prints: text for people, and the ``clean --json`` object."""

from __future__ import annotations

import shutil
import textwrap

from ..comparison import Comparison
from ..errors import InputError
from ..types import Article
from .terminal import printable

__all__ = ["render_comparison", "cleaned_text", "clean_json"]

_WORDS = {1: "very similar", 2: "somewhat similar", 3: "somewhat dissimilar", 4: "very dissimilar"}


def render_comparison(c: Comparison, name_a: str, name_b: str, width: int | None = None) -> str:
    width = width or max(80, min(shutil.get_terminal_size((100, 20)).columns, 160))
    verdict = "SAME STORY" if c.same_story else "DIFFERENT STORIES"
    if not c.confident:
        verdict = f"UNCERTAIN ({'probably ' + verdict.lower()})"
    lines = [
        f"{verdict}: overall {c.overall:.2f} ({_WORDS[round(c.overall)]}), similarity {c.similarity:.2f}",
        f"  A: {name_a} [{c.languages[0]}]   B: {name_b} [{c.languages[1]}]   model {c.model}",
    ]
    lines += [f"  warning: {w}" for w in c.warnings]
    lines.append(
        "  dimensions (1 = very similar … 4 = very dissimilar): "
        + "  ".join(f"{k} {v:.1f}" for k, v in c.dimensions.items())
    )
    if c.shared_entities:
        shown = [e["a"] if e["a"] == e["b"] else f"{e['a']}/{e['b']}" for e in c.shared_entities]
        lines.append("  shared: " + ", ".join(shown[:30]) + (" …" if len(shown) > 30 else ""))
    lines += ["", *_table(c, width)]
    for side, only, sentences in (("A", c.only_in_a, c.sentences_a), ("B", c.only_in_b, c.sentences_b)):
        if only:
            lines += ["", f"only in {side}:"] + [f"  [{i}] {_short(sentences[i], width - 8)}" for i in only]
    removed = [("A", r) for r in c.removed_a] + [("B", r) for r in c.removed_b]
    if removed:
        lines += ["", "removed by cleaning:"] + [
            f"  {s} {r.reason.value:<16} {_short(r.text, width - 24)}" for s, r in removed
        ]
    return "\n".join(lines)


def _table(c: Comparison, width: int) -> list[str]:
    col = (width - 12) // 2
    out = [f"{'score':>6}  {'A':<{col}}  B", f"{'-' * 6}  {'-' * col}  {'-' * col}"]
    for g in sorted(c.alignment.groups, key=lambda g: (min(g.a), min(g.b))):
        left = textwrap.wrap(printable(" ".join(c.sentences_a[i] for i in g.a)), col) or [""]
        right = textwrap.wrap(printable(" ".join(c.sentences_b[j] for j in g.b)), col) or [""]
        for k in range(max(len(left), len(right))):
            score = f"{g.score:6.2f}" if k == 0 else " " * 6
            a = left[k] if k < len(left) else ""
            b = right[k] if k < len(right) else ""
            out.append(f"{score}  {a:<{col}}  {b}")
    return out


def _short(text: str, n: int) -> str:
    text = printable(text)  # escapes first: they count towards the width
    return text if len(text) <= n else text[: n - 1] + "…"


def cleaned_text(article: Article, *, explain: bool, many: bool) -> str:
    """An article's cleaned text for people: a header when there are many, the removals on request."""
    cleaned, language = article.cleaned, article.language
    assert cleaned is not None and language is not None
    out = []
    if many:
        out.append(f"==> {article.origin} [{language.lang}] <==")
    if cleaned.title:
        out += [cleaned.title, ""]
    out.append("\n\n".join(cleaned.paragraphs))
    if explain:
        out += ["", f"-- removed {len(cleaned.removed)} line(s), language {language.lang} ({language.confidence:.2f})"]
        # r.line counts the body's non-empty lines (the headline and blank lines are not counted)
        out += [
            f"   body line {r.line + 1:>3}  {r.reason.value:<16} {r.text[:100]}"
            + (f"  [{r.detail}]" if r.detail else "")
            for r in cleaned.removed
        ]
    return "\n".join(out) + ("\n" if many else "")


def clean_json(articles: list[Article], errors: list[InputError], skipped: list[str]) -> dict:
    return {
        "articles": [_cleaned_dict(a) for a in articles],
        "errors": [{"where": e.where, "error": type(e).__name__, "message": str(e)} for e in errors],
        "skipped": skipped,
        "counts": {
            "articles": len(articles),
            "errors": len(errors),
            "skipped": len(skipped),
            "removed_lines": sum(len(a.cleaned.removed) for a in articles if a.cleaned is not None),
        },
    }


def _cleaned_dict(article: Article) -> dict:
    """One article of ``clean --json``: its cleaned text, language, removals and warnings."""
    assert article.cleaned is not None and article.language is not None
    cleaned = article.cleaned.to_dict()
    return {
        "id": article.id,
        "origin": article.origin,
        "title": cleaned["title"],
        "text": cleaned["text"],
        "paragraphs": cleaned["paragraphs"],
        "language": article.language.to_dict(),
        "removed": cleaned["removed"],
        "sentences": len(article.sentences),
        "warnings": list(article.warnings) + cleaned["warnings"],
    }
