"""Text rendering of results for people (the CLI's non-JSON output)."""
from __future__ import annotations

import shutil
import textwrap

__all__ = ["render_comparison"]

_WORDS = {1: "very similar", 2: "somewhat similar", 3: "somewhat dissimilar", 4: "very dissimilar"}


def render_comparison(c, name_a: str, name_b: str, width: int | None = None) -> str:
    width = width or max(80, min(shutil.get_terminal_size((100, 20)).columns, 160))
    verdict = "SAME STORY" if c.same_story else "DIFFERENT STORIES"
    if not c.confident:
        verdict = f"UNCERTAIN ({'probably ' + verdict.lower()})"
    lines = [f"{verdict}: overall {c.overall:.2f} ({_WORDS[round(c.overall)]}), similarity {c.similarity:.2f}",
             f"  A: {name_a} [{c.languages[0]}]   B: {name_b} [{c.languages[1]}]   model {c.model}"]
    lines += [f"  warning: {w}" for w in c.warnings]
    lines.append("  dimensions (1 = very similar … 4 = very dissimilar): "
                 + "  ".join(f"{k} {v:.1f}" for k, v in c.dimensions.items()))
    if c.shared_entities:
        shown = [e["a"] if e["a"] == e["b"] else f"{e['a']}/{e['b']}" for e in c.shared_entities]
        lines.append("  shared: " + ", ".join(shown[:30]) + (" …" if len(shown) > 30 else ""))
    lines += ["", *_table(c, width)]
    for side, only, sentences in (("A", c.only_in_a, c.sentences_a), ("B", c.only_in_b, c.sentences_b)):
        if only:
            lines += ["", f"only in {side}:"] + [f"  [{i}] {_short(sentences[i], width - 8)}" for i in only]
    removed = [("A", r) for r in c.removed_a] + [("B", r) for r in c.removed_b]
    if removed:
        lines += ["", "removed by cleaning:"] + [f"  {s} {r.reason.value:<16} {_short(r.text, width - 24)}"
                                                 for s, r in removed]
    return "\n".join(lines)


def _table(c, width: int) -> list[str]:
    col = (width - 12) // 2
    out = [f"{'score':>6}  {'A':<{col}}  B", f"{'-' * 6}  {'-' * col}  {'-' * col}"]
    for g in sorted(c.alignment.groups, key=lambda g: (min(g.a), min(g.b))):
        left = textwrap.wrap(" ".join(c.sentences_a[i] for i in g.a), col) or [""]
        right = textwrap.wrap(" ".join(c.sentences_b[j] for j in g.b), col) or [""]
        for k in range(max(len(left), len(right))):
            score = f"{g.score:6.2f}" if k == 0 else " " * 6
            l = left[k] if k < len(left) else ""
            r = right[k] if k < len(right) else ""
            out.append(f"{score}  {l:<{col}}  {r}")
    return out


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"
