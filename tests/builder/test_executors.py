"""The local pool alone: a worker past its memory bound is replaced, an edition-wide step has a process of its own."""

from __future__ import annotations

import os
import time

from pipeline.builder.executors import WorkerPool
from pipeline.builder.worker import resident_mib

#: what the tasks below hold in their process (as Saxon and WeasyPrint keep some of every document)
_HELD: list[bytearray] = []


def hold(mib: int) -> tuple[int, float]:
    """Keep `mib` MiB in this process (touched, so resident); this process's id and resident memory."""
    _HELD.append(bytearray(mib * 1024 * 1024))
    _HELD[-1][::4096] = b"x" * len(range(0, len(_HELD[-1]), 4096))
    return os.getpid(), resident_mib()


def pid_after(seconds: float) -> int:
    time.sleep(seconds)
    return os.getpid()


def test_a_worker_past_its_memory_bound_ends_and_a_fresh_one_goes_on() -> None:
    pool = WorkerPool(1, None, memory_mib=100)
    try:
        ran = [pool.submit(hold, 30).result(timeout=60) for _ in range(8)]
    finally:
        pool.shutdown()
    # each task adds 30 MiB to its worker: the task after one that ended past 100 MiB has a fresh worker
    for (pid, memory), (next_pid, _) in zip(ran, ran[1:]):
        assert (next_pid != pid) == (memory > 100), ran
    assert max(memory for _, memory in ran) < 100 + 30 + 5 and len({pid for pid, _ in ran}) >= 2
    assert os.getpid() not in {pid for pid, _ in ran}


def test_a_worker_under_its_bound_runs_every_task() -> None:
    pool = WorkerPool(1, None, memory_mib=10_000)
    try:
        pids = {pool.submit(hold, 1).result(timeout=60)[0] for _ in range(5)}
    finally:
        pool.shutdown()
    assert len(pids) == 1 and pool.renewed == 1  # ended only by the shutdown


def test_a_task_alone_has_a_new_process_ended_after_it_and_tasks_go_to_idle_workers() -> None:
    pool = WorkerPool(2, None, memory_mib=10_000)
    try:
        alone = pool.submit_alone(pid_after, 1.5)  # a long edition-wide step
        short = [pool.submit(pid_after, 0.05) for _ in range(6)]  # all go to the other worker, none waits for it
        first = {future.result(timeout=60) for future in short}
        assert not alone.done()
        again = pool.submit_alone(pid_after, 0).result(timeout=60)
        alone_pid = alone.result(timeout=60)
    finally:
        pool.shutdown()
    assert len(first) == 1 and alone_pid not in first and again not in first | {alone_pid}


def test_shutting_down_cancels_the_tasks_not_started() -> None:
    pool = WorkerPool(1, None, memory_mib=10_000)
    running = pool.submit(pid_after, 0.5)
    waiting = pool.submit(pid_after, 0)
    pool.shutdown(wait=True)
    assert running.result(timeout=60) and waiting.cancelled()


def test_shutting_down_waits_for_a_task_alone() -> None:
    pool = WorkerPool(1, None, memory_mib=10_000)
    alone = pool.submit_alone(pid_after, 1.0)
    pool.shutdown(wait=True)
    assert alone.done() and alone.result() != os.getpid()


def test_a_worker_that_dies_breaks_its_task_only_and_a_fresh_one_goes_on() -> None:
    from concurrent.futures.process import BrokenProcessPool

    import pytest

    pool = WorkerPool(1, None, memory_mib=10_000)
    try:
        with pytest.raises(BrokenProcessPool):
            pool.submit(os._exit, 1).result(timeout=60)
        assert pool.submit(pid_after, 0).result(timeout=60) != os.getpid()
    finally:
        pool.shutdown()
