"""Benchmark: ``compare`` of long documents, time and peak memory as the documents grow.

A document of N English sentences (WMT21 news, 5 sentences a paragraph) against a copy with
every fifth sentence deleted, for N = 250 (the baseline), 1,000 and 2,500. Each compare runs in a
fresh process (the CLI, models loaded included), which reports its own peak RSS. Above
``AlignConfig.max_cells`` (2000 x 2000) the aligner works in segments between anchor links, so
memory stays bounded however long the documents are.

    .venv/bin/python bench/bench_long_compare.py [--data ../shared/data] [--sizes 250 1000 2500]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = (
    "import resource, sys\n"
    "from samestory.cli import main\n"
    "code = main(sys.argv[1:])\n"
    "sys.stderr.write(f'maxrss_kb={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}\\n')\n"
    "sys.exit(code)\n"
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="../shared/data")
    parser.add_argument("--sizes", type=int, nargs="+", default=[250, 1000, 2500])
    args = parser.parse_args()
    sentences = _english_sentences(Path(args.data) / "wmt21-docs", max(args.sizes))
    if sentences is None:
        print(f"bench_long_compare: {args.data}/wmt21-docs is absent (the project's shared/ data): nothing to measure")
        return 0
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            a, b = Path(tmp, f"a{n}.txt"), Path(tmp, f"b{n}.txt")
            a.write_text("A long report\n" + _paragraphs(sentences[:n]), encoding="utf-8")
            b.write_text("A long report, abridged\n" + _paragraphs(_abridged(sentences[:n])), encoding="utf-8")
            rows.append((n, *_run(a, b)))
    base_seconds, base_rss = rows[0][1], rows[0][2]
    print(f"{'sentences':>10}{'seconds':>9}{'x base':>8}{'peak RSS MB':>13}{'x base':>8}{'aligned':>9}  verdict")
    for n, seconds, rss, groups, verdict in rows:
        print(
            f"{n:>10}{seconds:>9.1f}{seconds / base_seconds:>8.1f}{rss / 1024:>13.0f}{rss / base_rss:>8.2f}"
            f"{groups:>9}  {verdict}"
        )
    return 0


def _run(a: Path, b: Path) -> tuple[float, int, int, str]:
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, "compare", str(a), str(b), "--json"], capture_output=True, text=True
    )
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"compare failed ({proc.returncode}): {proc.stderr[-300:]}")
    rss = int(next(line for line in proc.stderr.splitlines() if line.startswith("maxrss_kb=")).split("=")[1])
    result = json.loads(proc.stdout)
    verdict = f"overall {result['overall']:.2f}, same_story={result['same_story']}"
    return seconds, rss, len(result["alignment"]), verdict


def _english_sentences(folder: Path, n: int) -> list[str] | None:
    if not folder.is_dir():
        return None
    out: list[str] = []
    for split in ("dev", "test"):
        with open(folder / f"{split}.jsonl", encoding="utf-8") as handle:
            for line in handle:
                doc = json.loads(line)
                side = "sentences1" if doc["lang1"] == "en" else "sentences2" if doc["lang2"] == "en" else None
                out += [s for s in doc.get(side, []) if s.strip()] if side else []
    return out[:n]


def _abridged(sentences: list[str]) -> list[str]:
    return [s for i, s in enumerate(sentences) if i % 5 != 4]


def _paragraphs(sentences: list[str]) -> str:
    return "\n".join(" ".join(sentences[i : i + 5]) for i in range(0, len(sentences), 5))


if __name__ == "__main__":
    sys.exit(main())
