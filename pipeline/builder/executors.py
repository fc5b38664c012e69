"""Where tasks run: in local worker processes, or on a Dask cluster.

Both are `concurrent.futures.Executor`s. The local pool spawns its processes
(no fork of a process holding Saxon) and opens the steps once per process in
its initializer; on Dask, each worker opens them on its first task. No task
runs in the build's own process: it stays small whatever the edition's size.
"""

from __future__ import annotations

import collections
import functools
import multiprocessing
import os
import threading
from concurrent.futures import Executor, Future, ProcessPoolExecutor

from pipeline.builder import worker as worker_module
from pipeline.builder.toolchain import EnvironmentProblem


class DaskExecutor(Executor):
    """A Dask cluster's executor (`client.get_executor()`), closing the client it made when shut down."""

    def __init__(self, scheduler: str | None, jobs: int) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise EnvironmentProblem(
                "--executor dask needs dask.distributed: pip install 'pipeline[dask]'"
            ) from None
        self._cluster = None
        try:
            if scheduler:
                self._client = Client(scheduler, timeout="20s")
            else:
                self._cluster = LocalCluster(
                    n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None
                )
                self._client = Client(self._cluster)
        except (OSError, TimeoutError, ValueError) as error:
            raise EnvironmentProblem(f"cannot reach the Dask scheduler {scheduler}: {error}") from None
        self._executor = self._client.get_executor(pure=False)

    def submit(self, fn, /, *args, **kwargs) -> Future:
        return self._executor.submit(fn, *args, **kwargs)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        if self._client is None:  # shut down already
            return
        self._executor.shutdown(wait=wait)
        self._client.close()
        self._client = None
        if self._cluster is not None:
            self._cluster.close()


class _Slot:
    """One of a pool's workers: its process (a one-process pool; None until needed), and whether it works."""

    def __init__(self) -> None:
        self.executor: ProcessPoolExecutor | None = None
        self.alone: ProcessPoolExecutor | None = None  # the process of the task it runs alone, if it does
        self.busy = False


class WorkerPool(Executor):
    """The local pool: at most `jobs` worker processes, each renewed once it holds more than `memory_mib`.

    Each worker is a one-process `ProcessPoolExecutor` of its own, handed a task only when idle (tasks
    wait here, in order, as in one pool's queue), so that one worker is replaced without waiting for
    the others: after a task, a worker whose resident memory passed the bound (Saxon and WeasyPrint
    keep some of every document they handle) ends, and a fresh one takes its place for the next task.
    A task given to `submit_alone` runs in a new process of its own, which opens only what the task
    opens and ends after it (an edition-wide step: it starts small, not from a worker grown by the
    documents it handled). Workers are started as tasks need them, up to `jobs`. Shutting the pool down
    cancels the tasks that have not started (a build shuts it down once it has gathered everything,
    or to stop).
    """

    def __init__(self, jobs: int, toolchain_spec: str, memory_mib: float) -> None:
        self._jobs = max(1, jobs)
        self._spec = toolchain_spec
        self._memory_mib = memory_mib
        self._slots: list[_Slot] = []
        self._waiting: collections.deque = collections.deque()  # (future, fn, args, alone), next first
        self._lock = threading.RLock()  # a task may end as it is handed over: its callback runs then
        self._retired: list = []  # what waits for the end of each process ended
        self._closed = False
        self.renewed = 0  # worker processes ended for their memory (or by the shutdown)

    def submit(self, fn, /, *args, **kwargs) -> Future:
        return self._queue(functools.partial(fn, **kwargs) if kwargs else fn, args, alone=False)

    def submit_alone(self, fn, /, *args) -> Future:
        """Run one task in a new process of its own, ended after it."""
        return self._queue(fn, args, alone=True)

    def _queue(self, fn, args: tuple, alone: bool) -> Future:
        future: Future = Future()
        with self._lock:
            if self._closed:
                raise RuntimeError("cannot schedule new futures after shutdown")
            self._waiting.append((future, fn, args, alone))
            self._dispatch()
        return future

    def _dispatch(self) -> None:
        """Hand waiting tasks to idle workers, starting workers up to `jobs` (called holding the lock)."""
        while self._waiting and not self._closed:
            slot = next((s for s in self._slots if not s.busy), None)
            if slot is None and len(self._slots) < self._jobs:
                slot = _Slot()
                self._slots.append(slot)
            if slot is None:
                return
            future, fn, args, alone = self._waiting.popleft()
            if not future.set_running_or_notify_cancel():  # cancelled while it waited
                continue
            if alone:  # the slot's worker, if any, waits meanwhile: the task's process takes its turn
                executor = slot.alone = self._process(None)
            else:
                if slot.executor is None:
                    slot.executor = self._process(self._spec)
                executor = slot.executor
            slot.busy = True
            task = executor.submit(worker_module.measured, fn, *args)
            task.add_done_callback(functools.partial(self._ended, slot, future, executor if alone else None))

    def _process(self, toolchain_spec: str | None) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=worker_module.initialize, initargs=(toolchain_spec, os.getpid()))

    def _retire(self, slot: _Slot) -> None:
        """End a worker's process once it has nothing left to do (it exits in the background)."""
        if slot.executor is not None:
            self._retired.append(close_in_background(slot.executor))
            slot.executor = None
            self.renewed += 1

    def _ended(self, slot: _Slot, future: Future, alone: ProcessPoolExecutor | None, task: Future) -> None:
        error = task.exception()
        result, memory = (None, 0.0) if error is not None else task.result()
        with self._lock:
            slot.busy = False
            if alone is not None:
                if slot.alone is alone:  # not ended by a shutdown already (an executor is shut down once)
                    self._retired.append(close_in_background(alone))
                    slot.alone = None
            elif error is not None or memory > self._memory_mib:
                self._retire(slot)
            self._dispatch()
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(result)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        with self._lock:
            self._closed = True
            waiting, self._waiting = list(self._waiting), collections.deque()
            for slot in self._slots:
                self._retire(slot)
                if slot.alone is not None:
                    self._retired.append(close_in_background(slot.alone))
                    slot.alone = None
            joins, self._retired = self._retired, []
        for future, *_ in waiting:
            future.cancel()
        if wait:
            for join in joins:
                join()


def close_in_background(executor: Executor):
    """Shut an executor down once its work is done, without waiting here: a local pool's processes exit
    while the build publishes. Returns the function that waits for the end of it."""
    if not isinstance(executor, (ProcessPoolExecutor, WorkerPool)):
        executor.shutdown(wait=True)
        return lambda: None
    closing = threading.Thread(target=executor.shutdown, name="pool-shutdown", daemon=True)
    closing.start()
    return closing.join


def make_executor(kind: str, jobs: int, toolchain_spec: str, scheduler: str | None, memory_mib: float) -> Executor:
    """The executor of a build with `jobs` workers (local ones renewed past `memory_mib` MiB)."""
    if kind == "dask":
        return DaskExecutor(scheduler, jobs)
    return WorkerPool(jobs, toolchain_spec, memory_mib)
