"""Executors: who runs a job's tasks. The seam between the pipeline and a distributed engine.

A :class:`Job` is a small picklable object: its configuration travels to every worker, where
:meth:`Job.setup` loads what it reads (models, the judge) once, and each call handles one task
(a shard of input, a partition of keys, a block of articles) and returns a small result; the
bulk of the output goes to files the task writes itself. An :class:`Executor` runs a job over
tasks and yields ``(task, result)`` pairs as they finish, in any order.

:class:`LocalExecutor` runs them one after another in this process. The Ray executor
(``samestory.batch.ray_engine``) runs them on a pool of actors, one job copy per actor, and
retries the task of a worker that died. Jobs must be written so that running a task twice is
harmless (they write whole files atomically), because a retried task may have run halfway.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, Protocol, TypeVar

__all__ = ["Job", "Executor", "LocalExecutor"]

T = TypeVar("T")


class Job(Protocol):
    """One stage's work, run on each worker."""

    def setup(self) -> None:
        """Load what every task reads (called once per worker, before its first task)."""
        ...

    def __call__(self, task: Any) -> Any:
        """Do one task; return a small, picklable result."""
        ...


class Executor(Protocol):
    """The executor seam: one required method."""

    def run(self, job: Job, tasks: Sequence[T]) -> Iterator[tuple[T, Any]]:
        """Run ``job`` on every task; yield each task with its result as it finishes."""
        ...


class LocalExecutor:
    """Every task in this process, in order: what ``--engine local`` runs."""

    name = "local"
    workers = 1

    def run(self, job: Job, tasks: Sequence[T]) -> Iterator[tuple[T, Any]]:
        if not tasks:
            return
        job.setup()
        for task in tasks:
            yield task, job(task)

    def close(self) -> None:
        pass
