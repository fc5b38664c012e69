"""Running a build's tasks: queued while planning, submitted heaviest first, gathered as they end.

The runner knows nothing of documents: a task is a function of the worker
module and its arguments, with a `kind` and a payload handed back, with its
outcome, to the `gather` callback (in a stable order among the tasks that
ended together). The executor (inline, process pool, Dask) is made on the
first submission, sized by the tasks queued. After a failure (`stop()`) no
new task starts and the pending ones are cancelled.

Queued tasks are handed to the executor a window at a time (`window` in flight), the next as one
ends: a task's arguments (a document's TEI) are made when it is handed over, so the build's own
process holds the inputs of the tasks in flight, not those of the whole edition. A task submitted
`alone` runs in a process of its own where the executor has them (executors.WorkerPool.submit_alone).
"""

from __future__ import annotations

import queue
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from pipeline.builder.toolchain import EnvironmentProblem

if TYPE_CHECKING:  # concurrent.futures imports logging: only a build with work to do pays for it
    from concurrent.futures import Executor, Future


class Interrupted(EnvironmentProblem):
    """The build was stopped by a signal; nothing was published."""


class Runner:
    """Tasks of one build, on one executor."""

    def __init__(
        self, make_executor: Callable[[int], Executor], gather: Callable[[str, Any, Any, Any], None],
        on_submitted: Callable[[int], None] = lambda targets: None, pool_worth: Callable[[int], bool] = lambda n: n > 1,
        window: int = 0,
    ) -> None:
        self._make_executor = make_executor  # called with the number of tasks expected
        self._gather = gather  # gather(kind, item, extra, outcome)
        self._on_submitted = on_submitted  # told how many targets were submitted (for progress)
        self._pool_worth = pool_worth  # whether n queued tasks are enough to start a pool early
        self.executor: Executor | None = None
        self.pending: dict[Future, tuple[str, Any, Any]] = {}
        self._completed: queue.SimpleQueue | None = None
        self._queue: list | None = []
        self._backlog: list[Callable[[], None]] = []  # queued tasks not yet handed to the executor, next first
        self._window = window  # tasks in flight at most (0: no limit)
        self._expected = 0
        self.stopping = False

    # ---- submitting -------------------------------------------------------------------------

    def submit(self, kind: str, item: Any, extra: Any, fn, *args, alone: bool = False) -> None:
        """Submit one task now (no-op once stopping); `alone`: in a process of its own, if the executor can."""
        if self.stopping:
            return
        if self.executor is None:
            self.executor = self._make_executor(self._expected)
        submit = getattr(self.executor, "submit_alone", None) if alone else None
        future = (submit or self.executor.submit)(fn, *args)
        self.pending[future] = (kind, item, extra)
        if self._completed is None:
            self._completed = queue.SimpleQueue()
        future.add_done_callback(self._completed.put)

    def defer(self, targets: int, submit: Callable[[], None], weight: float = 0) -> None:
        """While planning, tasks are only queued (to size the pool, and to submit the heaviest first)."""
        if self._queue is not None:
            self._queue.append((weight, targets, submit))
        else:
            self._on_submitted(targets)
            submit()

    def planning(self) -> None:
        """Queue what is deferred from now on, until the next submit_queued()."""
        self._queue = []

    def submit_queued(self) -> None:
        """Submit what planning queued, the heaviest first: the last tasks to end are then short ones,
        and the workers finish together."""
        queued = sorted(self._queue or [], key=lambda entry: -entry[0])  # stable: ties in planning order
        self._queue = None
        if queued:
            self._expected = len(queued)
            self._on_submitted(sum(targets for _, targets, _ in queued))
            self._backlog.extend(submit for _, _, submit in queued)
            self._top_up()

    def _top_up(self) -> None:
        """Hand queued tasks to the executor until the window is full."""
        while self._backlog and not self.stopping and (not self._window or len(self.pending) < self._window):
            self._backlog.pop(0)()

    def submit_early(self) -> None:
        """Submit the tasks queued so far if they are enough for a pool; planning goes on queueing."""
        if self._queue and self._pool_worth(len(self._queue)):
            self.submit_queued()
            self._queue = []

    # ---- gathering --------------------------------------------------------------------------

    def drain(self) -> None:
        """Submit what planning queued, then gather results until no task is left."""
        self.submit_queued()
        try:
            while self.pending or self._backlog:
                if not self.pending:
                    self._top_up()
                    if not self.pending:
                        break
                done = [self._completed.get()]
                while not self._completed.empty():
                    done.append(self._completed.get())
                for future in sorted(done, key=self._order):
                    if future not in self.pending:
                        continue
                    kind, item, extra = self.pending.pop(future)
                    try:
                        outcome = future.result()
                    except Exception as error:  # the pool's or cluster's own failure, not a document's
                        if future.cancelled():
                            continue
                        from concurrent.futures.process import BrokenProcessPool

                        if isinstance(error, BrokenProcessPool):
                            raise EnvironmentProblem("a worker process died (killed, or out of memory); nothing was published") from None
                        raise EnvironmentProblem(f"the executor failed: {type(error).__name__}: {error}") from None
                    self._gather(kind, item, extra, outcome)
                self._top_up()
        except KeyboardInterrupt:
            self.stopping = True
            raise Interrupted("interrupted: nothing was published; the previous outputs are intact") from None

    def _order(self, future: Future) -> str:
        kind, item, _ = self.pending.get(future, ("", None, None))
        return f"{kind}:{getattr(item, 'name', '') or ''}"

    def stop(self) -> None:
        """No new work: cancel what has not started."""
        self.stopping = True
        self._backlog.clear()
        for future in list(self.pending):
            future.cancel()

    def release(self):
        """Let the executor's processes exit while the build goes on; returns what waits for them."""
        if self.executor is None:
            return lambda: None
        from pipeline.builder.executors import close_in_background

        executor, self.executor = self.executor, None
        return close_in_background(executor)

    def shutdown(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)
            self.executor = None
