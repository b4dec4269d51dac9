"""The Ray engine on a real local Ray instance (2 CPUs): the same stories as the local engine,
and a worker process killed with SIGKILL mid-run loses and doubles nothing."""

from __future__ import annotations

import os
import signal
import threading
import time

import pytest

from samestory.batch import BatchOptions, run_batch
from samestory.pipeline.executors import LocalExecutor
from test_batch import _stream, bcubed, members

ray = pytest.importorskip("ray", reason="the Ray engine needs the 'ray' extra (pip install 'samestory[ray]')")

OPTIONS = BatchOptions(records_per_shard=12)


@pytest.fixture(scope="module")
def engine():
    from samestory.batch.ray_engine import RayExecutor

    executor = RayExecutor(2, threads=1)
    yield executor
    executor.close()


@pytest.fixture(scope="module")
def stream(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("ray")
    path, gold = _stream(tmp, n_multi=12, n_single=12, seed=11)
    return tmp, path, gold


@pytest.fixture(scope="module")
def local_result(stream, resources):
    tmp, path, _ = stream
    out = tmp / "local"
    run_batch([path], out, LocalExecutor(), options=OPTIONS, resources=resources)
    return {k: v[0] for k, v in members(out).items()}


def test_ray_gives_the_stories_of_the_local_engine(stream, engine, local_result):
    tmp, path, gold = stream
    out = tmp / "ray"
    report = run_batch([path], out, engine, options=OPTIONS)
    found = members(out)
    assert set(found) == set(gold) and all(len(v) == 1 for v in found.values())
    assert bcubed(local_result, {k: v[0] for k, v in found.items()}) >= 0.995
    assert report.engine == "ray" and report.workers == 2 and report.retried_tasks == 0


def test_a_killed_worker_is_replaced_and_its_shard_redone(stream, engine, local_result):
    tmp, path, gold = stream
    out = tmp / "killed"
    victim = engine.pids()[0]  # the pool is up; its first worker dies once a shard is done
    result: dict = {}

    def batch() -> None:
        try:
            result["report"] = run_batch([path], out, engine, options=OPTIONS)
        except Exception as err:  # surfaced by the assertion below
            result["error"] = err

    worker = threading.Thread(target=batch)
    worker.start()
    deadline = time.monotonic() + 300
    while not list((out / "articles").glob("shard-*.parquet")) and time.monotonic() < deadline:
        time.sleep(0.05)
    os.kill(victim, signal.SIGKILL)
    worker.join(timeout=600)
    assert "error" not in result, result.get("error")
    report = result["report"]
    assert report.retried_tasks >= 1  # the killed worker held a shard: it ran again elsewhere
    assert victim not in engine.pids()  # Ray restarted the actor in a new process
    found = members(out)
    assert set(found) == set(gold) and all(len(v) == 1 for v in found.values())
    assert bcubed(local_result, {k: v[0] for k, v in found.items()}) >= 0.995


def test_an_address_nothing_answers_at_fails_fast_with_the_reason(cli, tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"id": "a", "text": "The ferry left on time."}\n', encoding="utf-8")
    result = cli("batch", feed, "--out", tmp_path / "out", "--engine", "ray", "--address", "127.0.0.1:1", "--quiet")
    assert result.code == 1 and "cannot reach Ray at 127.0.0.1:1" in result.err
    result = cli("batch", feed, "--out", tmp_path / "out", "--engine", "ray", "--address", "nonsense", "--quiet")
    assert result.code == 2 and "HOST:PORT" in result.err
