"""The Ray executor: a job's tasks on a pool of Ray actors, on this machine or a cluster.

Each actor holds one copy of the job and loads its models once (:meth:`Job.setup` on its first
task), so a worker embeds shard after shard without reloading. Tasks are handed out one per idle
actor (a shard is minutes of work: no queue of tasks waits on a worker that may die). When a
worker process dies (killed, out of memory, its node lost), Ray restarts the actor and the task
it held is run again, up to ``retries`` times; jobs write whole files atomically, so a task run
twice leaves one result. An exception raised by the job itself is not retried: it is a bug or a
missing model, and the same input would fail again.

``ray`` is imported here only, when an executor is made: the rest of samestory never needs it.
"""

from __future__ import annotations

import os
import uuid
from collections import Counter, deque
from collections.abc import Iterator, Sequence
from typing import Any, TypeVar

from ..errors import EngineError, ModelError, SamestoryError, UsageError
from ..pipeline.executors import Job

__all__ = ["RayExecutor", "import_ray"]

T = TypeVar("T")


def import_ray():
    try:
        import ray
    except ImportError:
        raise ModelError(
            "the Ray engine needs the 'ray' extra: pip install 'samestory[ray]' (or use --engine local)"
        ) from None
    return ray


class _Worker:
    """The actor: loads models once (on the first task that needs them) and keeps them across
    stages; sets a stage's job up on its first task of that stage."""

    def __init__(self, threads: int):
        self.threads = threads
        self.resources: Any = None  # a samestory Resources, made on the first task that needs models
        self.stage: str | None = None
        self.job: Job | None = None

    def run(self, stage: str, job: Job, task: Any) -> Any:
        if stage != self.stage:
            if hasattr(job, "resources"):
                if self.resources is None:
                    from ..resources import Resources

                    self.resources = Resources(threads=self.threads)
                job.resources = self.resources
            job.setup()
            self.stage, self.job = stage, job
        assert self.job is not None
        return self.job(task)

    def pid(self) -> int:
        return os.getpid()


class RayExecutor:
    """``workers`` actors of ``threads`` CPUs each. ``address``: a running cluster ("auto", or
    "ray://head:10001"); None starts a local Ray instance with ``workers × threads`` CPUs, shut
    down by :meth:`close`."""

    name = "ray"

    def __init__(self, workers: int = 2, *, threads: int = 1, address: str | None = None, retries: int = 3):
        if workers < 1 or threads < 1 or retries < 0:
            raise UsageError("workers and threads must be at least 1, retries at least 0")
        self.workers, self.threads, self.address, self.retries = workers, threads, address, retries
        self._ray = import_ray()
        self._started = False
        self._actors: list[Any] = []
        #: task number → times its worker was lost (this run)
        self.retried: Counter = Counter()
        #: tasks run again because their worker was lost (all runs)
        self.lost = 0

    def _connect(self) -> None:
        ray = self._ray
        if self.address and self.address != "auto":
            _check_reachable(self.address)  # even when this process already joined another instance
        if ray.is_initialized():
            return
        try:
            if self.address:
                ray.init(address=self.address, logging_level="ERROR", log_to_driver=False)
            else:
                ray.init(
                    num_cpus=self.workers * self.threads,
                    include_dashboard=False,
                    logging_level="ERROR",
                    log_to_driver=False,
                )
                self._started = True
        except (ConnectionError, RuntimeError, ValueError) as err:
            raise EngineError(f"cannot start or reach Ray at {self.address or 'a new local instance'}: {err}") from None

    def run(self, job: Job, tasks: Sequence[T]) -> Iterator[tuple[T, Any]]:
        if not tasks:
            return
        self._connect()
        ray = self._ray
        from ray.exceptions import ActorUnavailableError, RayActorError, RayTaskError

        portable = job.without_resources() if hasattr(job, "without_resources") else job
        stage, job_ref = uuid.uuid4().hex, ray.put(portable)
        actors = self._pool()
        waiting = deque(enumerate(tasks))
        running: dict[Any, tuple[Any, int, T]] = {}
        idle = deque(actors)
        self.retried.clear()
        try:
            while waiting or running:
                while waiting and idle:
                    actor = idle.popleft()
                    number, task = waiting.popleft()
                    running[actor.run.remote(stage, job_ref, task)] = (actor, number, task)
                (ref,), _ = ray.wait(list(running), num_returns=1)
                actor, number, task = running.pop(ref)
                idle.append(actor)
                try:
                    result = ray.get(ref)
                except RayTaskError as err:
                    cause = getattr(err, "cause", None)
                    if isinstance(cause, SamestoryError):
                        raise cause from None
                    raise EngineError(f"a task failed: {_first_line(err)}") from None
                except (RayActorError, ActorUnavailableError) as err:
                    self.retried[number] += 1
                    self.lost += 1
                    if self.retried[number] > self.retries:
                        raise EngineError(
                            f"task {number} lost its worker {self.retried[number]} times; giving up "
                            f"({_first_line(err)}). Finished work is kept: run the batch again to complete it"
                        ) from None
                    waiting.appendleft((number, task))
                    continue
                yield task, result
        except BaseException:
            self._stop_pool()  # a task may still run on an actor: start clean next time
            raise

    def _pool(self) -> list[Any]:
        """The actors, made on first use and kept for every stage (models load once per worker)."""
        if not self._actors:
            actor_class = self._ray.remote(num_cpus=self.threads, max_restarts=-1, max_task_retries=0)(_Worker)
            self._actors = [actor_class.remote(self.threads) for _ in range(self.workers)]
        return self._actors

    def pids(self) -> list[int]:
        """The worker processes' ids (what an operator, or a fault test, kills)."""
        return self._ray.get([actor.pid.remote() for actor in self._pool()])

    def _stop_pool(self) -> None:
        for actor in self._actors:
            self._ray.kill(actor)
        self._actors = []

    def close(self) -> None:
        if self._ray.is_initialized():
            self._stop_pool()
        if self._started and self._ray.is_initialized():
            self._ray.shutdown()
        self._started = False


def _check_reachable(address: str) -> None:
    """Fail in seconds, with the reason, on an address nothing answers at (Ray itself retries
    for minutes, logging each try)."""
    import socket

    host, _, port = address.removeprefix("ray://").rpartition(":")
    if not host or not port.isdigit():
        raise UsageError(f"--address {address!r}: expected 'auto', HOST:PORT or ray://HOST:PORT")
    try:
        socket.create_connection((host, int(port)), timeout=5).close()
    except OSError as err:
        raise EngineError(f"cannot reach Ray at {address}: {err.strerror or err}") from None


def _first_line(err: Exception) -> str:
    text = str(err).strip().splitlines()
    return text[-1] if text else type(err).__name__
