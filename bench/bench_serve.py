"""Load on the HTTP server, with a real load tool (Debian's ``hey``) and 8 concurrent clients.

    .venv/bin/python bench/bench_serve.py [--db DIR] [--clients 8] [--stories-requests 800]
                                          [--compare-requests 64] [--json OUT]

Starts ``samestory serve`` (one uvicorn process, models loaded before it answers) on a free
loopback port over ``--db`` (default: a fresh store of examples/ and demo/), then measures:

- ``GET /stories`` (the first page of 50): bar p95 < 50 ms;
- ``POST /compare`` of two ~500-word articles, English against German (each is two bundled
  examples joined, cut at 500 words): bar p95 < 2 s;

zero errors (non-2xx or transport errors) in both. Prints a table; ``--json`` writes the figures.
Each client sends its next request as soon as the previous one is answered (closed loop), the
hardest reading of "8 concurrent clients"; ``--compare-rate R`` paces each client at R requests/s
instead (hey's ``-q``), for the latency an analyst sees when the server is busy but not saturated.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

BARS = {"GET /stories": 0.050, "POST /compare": 2.0}
#: rows measured for information (no bar): one client alone shows the service time
WORDS = 500


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", help="the store to serve (default: a fresh one from examples/ and demo/)")
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--stories-requests", type=int, default=800)
    ap.add_argument("--compare-requests", type=int, default=64)
    ap.add_argument(
        "--compare-rate", type=float, default=0.0, help="requests/s per client for compare (0: closed loop)"
    )
    ap.add_argument("--url", help="measure this running server instead of starting one")
    ap.add_argument("--json", help="write the figures here")
    args = ap.parse_args(argv)

    hey = shutil.which("hey")
    if not hey:
        print("bench_serve: needs Debian's `hey` load tool (apt-get install hey)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        body = Path(tmp) / "compare.json"
        a, b = (
            _article(["examples/harbor-fire.en.txt", "examples/kedrovaya-comet.en.txt"]),
            _article(["examples/harbor-fire.de.txt", "demo/kedrovaya-comet.de.txt"]),
        )
        body.write_text(json.dumps({"a": a, "b": b}), encoding="utf-8")
        server = None
        if args.url:
            base = args.url.rstrip("/")
        else:
            server, base = _start(args.db or _fresh_store(Path(tmp) / "store"), _free_port())
        try:
            _warm(base, body)
            rows = [
                _hey(hey, "GET /stories", f"{base}/stories", args.clients, args.stories_requests),
                _hey(hey, "POST /compare, 1 client", f"{base}/compare", 1, 16, body=body),
                _hey(
                    hey,
                    "POST /compare",
                    f"{base}/compare",
                    args.clients,
                    args.compare_requests,
                    body=body,
                    rate=args.compare_rate,
                ),
            ]
        finally:
            if server is not None:
                server.terminate()
                server.wait(timeout=20)
    words = (len(a.split()), len(b.split()))
    print(_table(rows, args.clients, words, args.compare_rate))
    if args.json:
        Path(args.json).write_text(json.dumps({"clients": args.clients, "words": words, "rows": rows}, indent=2) + "\n")
    return 0 if all(r["pass"] for r in rows) else 1


def _fresh_store(path: Path) -> str:
    from samestory.corpus import Corpus

    started = time.monotonic()
    with Corpus(path) as corpus:
        report = corpus.add([ROOT / "examples", ROOT / "demo"])
    print(f"store: {report.added} articles added in {time.monotonic() - started:.1f} s", file=sys.stderr)
    return str(path)


def _article(paths: list[str]) -> str:
    """The files' texts joined, cut at WORDS words (whole lines kept but the last)."""
    from samestory.ingest.encoding import decode

    lines, n = [], 0
    for p in paths:
        for line in decode((ROOT / p).read_bytes(), p).text.splitlines():
            words = line.split()
            if n + len(words) > WORDS:
                lines.append(" ".join(words[: WORDS - n]))
                return "\n".join(lines)
            lines.append(line)
            n += len(words)
        lines.append("")
    return "\n".join(lines)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(db: str, port: int) -> tuple[subprocess.Popen, str]:
    code = f"from samestory.serve import run; run({db!r}, port={port}, log_level='warning')"
    env = {**os.environ, "OMP_NUM_THREADS": os.environ.get("OMP_NUM_THREADS", "1")}
    server = subprocess.Popen([sys.executable, "-c", code], env=env)
    base = f"http://127.0.0.1:{port}"
    started = time.monotonic()
    while time.monotonic() - started < 180:
        if server.poll() is not None:
            raise SystemExit(f"the server exited with {server.returncode}")
        try:
            urllib.request.urlopen(base + "/health", timeout=1).read()
            print(f"server: answering after {time.monotonic() - started:.1f} s", file=sys.stderr)
            return server, base
        except OSError:
            time.sleep(0.25)
    server.terminate()
    raise SystemExit("the server did not answer /health in 180 s")


def _warm(base: str, body: Path) -> None:
    request = urllib.request.Request(
        base + "/compare", data=body.read_bytes(), headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=60) as answer:
        verdict = json.load(answer)
    print(
        f"warm-up compare: same_story={verdict['same_story']}, {len(verdict['alignment'])} aligned groups",
        file=sys.stderr,
    )
    urllib.request.urlopen(base + "/stories", timeout=10).read()


def _hey(hey: str, name: str, url: str, clients: int, n: int, body: Path | None = None, rate: float = 0.0) -> dict:
    cmd = [hey, "-n", str(n), "-c", str(clients), "-t", "60"]
    if body is not None:
        cmd += ["-m", "POST", "-T", "application/json", "-D", str(body)]
    if rate:
        cmd += ["-q", str(rate)]
    cmd.append(url)
    print("$ " + " ".join(cmd), file=sys.stderr)
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    pct = {int(p): float(s) for p, s in re.findall(r"(\d+)%+ in ([\d.]+) secs", out)}
    codes = {int(c): int(k) for c, k in re.findall(r"\[(\d+)\]\s+(\d+) responses", out)}
    errors_block = out.split("Error distribution:")[1] if "Error distribution:" in out else ""
    transport_errors = sum(int(k) for k in re.findall(r"\[(\d+)\]", errors_block))
    ok = sum(k for c, k in codes.items() if 200 <= c < 300)
    errors = n - ok if not transport_errors else max(n - ok, transport_errors)
    rps = float(m.group(1)) if (m := re.search(r"Requests/sec:\s+([\d.]+)", out)) else 0.0
    p95 = pct.get(95, float("nan"))
    return {
        "name": name,
        "clients": clients,
        "requests": n,
        "p50_s": pct.get(50),
        "p95_s": p95,
        "p99_s": pct.get(99),
        "requests_per_s": rps,
        "errors": errors,
        "status_codes": codes,
        "bar_p95_s": BARS.get(name),
        "pass": errors == 0 and (name not in BARS or p95 < BARS[name]),
    }


def _table(rows: list[dict], clients: int, words: tuple[int, int], rate: float) -> str:
    def ms(s: float | None) -> str:
        return "-" if s is None else f"{s * 1000:,.1f}"

    head = f"{'endpoint':<24} {'clients':>7} {'requests':>8} {'p50 ms':>9} {'p95 ms':>9} {'p99 ms':>9} {'req/s':>7} {'errors':>6}  {'bar p95':>8}  verdict"
    lines = [
        f"hey on loopback, {clients} concurrent clients; compare: {words[0]} + {words[1]} words (en, de)"
        + (f", each client paced at {rate}/s" if rate else ", closed loop"),
        head,
        "-" * len(head),
    ]
    for r in rows:
        lines.append(
            f"{r['name']:<24} {r['clients']:>7} {r['requests']:>8} {ms(r['p50_s']):>9} {ms(r['p95_s']):>9} {ms(r['p99_s']):>9} "
            f"{r['requests_per_s']:>7.1f} {r['errors']:>6}  {ms(r['bar_p95_s']):>8}  {('PASS' if r['pass'] else 'FAIL') if r['bar_p95_s'] else 'info'}"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
