"""Where tasks run: in this process, in a local process pool, or on a Dask cluster.

All three are `concurrent.futures.Executor`s. The local pool spawns its
processes (no fork of a process holding Saxon) and opens the steps once per
process in its initializer; on Dask, each worker opens them on its first task.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import Executor, Future, ProcessPoolExecutor

from pipeline.builder import worker
from pipeline.builder.toolchain import EnvironmentProblem


class InlineExecutor(Executor):
    """Runs each task at once, in this process (one job, or too little work for a pool)."""

    def submit(self, fn, /, *args, **kwargs) -> Future:
        future: Future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except Exception as error:  # noqa: BLE001 - handed back through the future, as a pool does
            future.set_exception(error)
        return future


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


def close_in_background(executor: Executor):
    """Shut an executor down once its work is done, without waiting here: a local pool's processes exit
    while the build publishes. Returns the function that waits for the end of it."""
    if not isinstance(executor, ProcessPoolExecutor):
        executor.shutdown(wait=True)
        return lambda: None
    import threading

    closing = threading.Thread(target=executor.shutdown, name="pool-shutdown", daemon=True)
    closing.start()
    return closing.join


def make_executor(kind: str, jobs: int, tasks: int, toolchain_spec: str, scheduler: str | None) -> Executor:
    """The executor for a build of `tasks` tasks with `jobs` workers."""
    if kind == "dask":
        return DaskExecutor(scheduler, jobs)
    workers = max(1, min(jobs, tasks))
    if workers == 1:
        worker.open_here(toolchain_spec)
        return InlineExecutor()
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=worker.initialize,
        initargs=(toolchain_spec, os.getpid()),
    )
