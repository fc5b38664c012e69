"""The runner alone: queued tasks go heaviest first, outcomes come back in a stable order, a stop cancels."""

from __future__ import annotations

import threading
from concurrent.futures import Executor, Future, ThreadPoolExecutor

import pytest

from pipeline.builder.runner import Runner
from pipeline.builder.toolchain import EnvironmentProblem


class Item:
    def __init__(self, name: str) -> None:
        self.name = name


def double(value: int) -> int:
    return value * 2


class InlineExecutor(Executor):
    """Runs each task at once, in this process."""

    def submit(self, fn, /, *args, **kwargs) -> Future:
        future: Future = Future()
        future.set_result(fn(*args, **kwargs))
        return future


def test_queued_tasks_are_submitted_heaviest_first_and_all_gathered() -> None:
    submitted, gathered, sizes = [], [], []
    runner = Runner(lambda tasks: sizes.append(tasks) or InlineExecutor(),
                    lambda kind, item, extra, outcome: gathered.append((kind, item.name, outcome)))
    for name, weight in [("light", 1), ("heavy", 9), ("middle", 5)]:
        runner.defer(1, lambda name=name, weight=weight: (submitted.append(name),
                     runner.submit("task", Item(name), None, double, weight)), weight=weight)
    assert submitted == [] and runner.executor is None  # planning only queues
    runner.drain()
    assert submitted == ["heavy", "middle", "light"]
    assert sizes == [3]  # the executor was sized by the queued tasks
    assert sorted(gathered) == [("task", "heavy", 18), ("task", "light", 2), ("task", "middle", 10)]


def test_submit_early_only_when_a_pool_is_worth_it() -> None:
    runner = Runner(lambda tasks: InlineExecutor(), lambda *args: None, pool_worth=lambda n: n >= 2)
    runner.defer(1, lambda: runner.submit("task", Item("a"), None, double, 1))
    runner.submit_early()
    assert runner.executor is None
    runner.defer(1, lambda: runner.submit("task", Item("b"), None, double, 2))
    runner.submit_early()
    assert runner.executor is not None and len(runner.pending) == 2  # both submitted; gathered at drain
    runner.drain()


def test_a_stop_cancels_what_has_not_started_and_submits_nothing_more() -> None:
    gate = threading.Event()
    gathered = []
    pool = ThreadPoolExecutor(max_workers=1)
    runner = Runner(lambda tasks: pool, lambda kind, item, extra, outcome: gathered.append(item.name))
    runner.planning()
    runner.submit_queued()
    runner.submit("task", Item("first"), None, gate.wait, 5)
    runner.submit("task", Item("second"), None, double, 1)
    runner.stop()
    runner.submit("task", Item("third"), None, double, 1)
    gate.set()
    runner.drain()
    assert gathered == ["first"]  # the second was cancelled, the third never submitted
    pool.shutdown()


def test_the_executors_own_failure_is_an_environment_problem() -> None:
    class Broken(InlineExecutor):
        def submit(self, fn, /, *args, **kwargs) -> Future:
            future: Future = Future()
            future.set_exception(RuntimeError("cluster lost"))
            return future

    runner = Runner(lambda tasks: Broken(), lambda *args: None)
    runner.planning()
    runner.submit_queued()
    runner.submit("task", Item("a"), None, double, 1)
    with pytest.raises(EnvironmentProblem, match="the executor failed: RuntimeError: cluster lost"):
        runner.drain()


def test_a_window_of_tasks_is_in_flight_and_arguments_are_made_when_handed_over() -> None:
    made, in_flight = [], []
    pool = ThreadPoolExecutor(max_workers=2)
    runner = Runner(lambda tasks: pool, lambda kind, item, extra, outcome: in_flight.append(len(runner.pending)), window=3)
    for n in range(10):
        runner.defer(1, lambda n=n: (made.append(n), runner.submit("task", Item(str(n)), None, double, n)), weight=n)
    runner.drain()
    assert sorted(made) == list(range(10)) and max(in_flight) <= 3  # never more than the window pending
