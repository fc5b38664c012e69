"""The whole build in one function: plan by content hashes, run in a pool, gather, publish, report.

Order of work: per document, convert (if its transcript changed), submitted
first, so that the pool starts while the schema compiles (if its ODD
changed); then validate, summary, PDF (each if its inputs changed),
pipelined so that a document's rendering starts as soon as its conversion
ends; then its web pages, once every summary is in, with the cross-document
steps beside them (started from what they need of each document, and used if
that did not change before the pages were in); then one atomic publish of the
new outputs, state and report. Tasks are submitted heaviest first.

Failures: a document whose step fails is reported and fails the build
(exit code 1). With --keep-going its outputs are dropped, the failure is
recorded (a rebuild of the same inputs fails the same way without work) and
everything else is built and published. Without it, no new work starts after
the first failure; what finished is published (each output matches the
inputs it was made from), the failed document keeps its previous outputs,
and the cross-document steps wait for a build without failures.
"""

from __future__ import annotations

import os
import signal
import time
from typing import TYPE_CHECKING
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline import __version__

if TYPE_CHECKING:  # concurrent.futures imports logging: only a build with work to do pays for it
    from concurrent.futures import Executor, Future
from pipeline.builder import report as report_format
from pipeline.builder.corpus import Document, find_documents
from pipeline.builder.hashing import DigestCache, combine, digest_bytes
from pipeline.builder.lock import OutputLock
from pipeline.builder.progress import Progress
from pipeline.builder.staging import Staging, clean_leftovers, _explain
from pipeline.builder.state import STATE_NAME, Record, State, changed_inputs
from pipeline.builder.toolchain import (
    DEFAULT_TOOLCHAIN,
    OUTPUT_OF_STEP,
    OUTPUTS,
    SITE_STEPS,
    EnvironmentProblem,
    StepError,
    load_toolchain,
)

REPORT_JSON = "report.json"
REPORT_HTML = "report.html"
#: File digests of the last build (a cache: kept beside the outputs, not part of them).
HASHES_NAME = ".pipeline-hashes.json"
_RESERVED = {REPORT_JSON, REPORT_HTML, STATE_NAME, HASHES_NAME}
#: What an output directory may hold before a first build takes it over (e.g. from `pipeline web`).
_OWN_ENTRIES = {"web", "print", ".cache", *_RESERVED}
#: Step whose fingerprint a cross-document step shares.
_SITE_CODE = {"web-site": "web", "print-edition": "print"}
#: Steps of a document's first task (after its conversion); "web" runs once every summary is in,
#: since a document's pages link to its neighbours in the edition.
_RENDER_STEPS = ("validate", "summary", "print")
_FAIL_ORDER = ("convert", "validate", "summary", "print", "web")
#: Files of a target kept for later steps but not part of the edition (e.g. search passages).
PRIVATE = ".cache/"


@dataclass(frozen=True)
class Options:
    """Everything `pipeline build` can be told."""

    paths: tuple[Path, ...] = ()
    sources_dir: Path = Path("sources")
    tei_dir: Path = Path("tei")
    output: Path = Path("build")
    only: frozenset[str] = frozenset(OUTPUTS)
    keep_going: bool = False
    jobs: int = 0  # 0: one per core
    executor: str = "local"
    scheduler: str | None = None
    toolchain: str = DEFAULT_TOOLCHAIN


@dataclass
class BuildResult:
    exit_code: int
    report: dict[str, Any]


class Interrupted(EnvironmentProblem):
    """The build was stopped by a signal; nothing was published."""


@dataclass
class _Doc:
    """A document while it is being built."""

    doc: Document
    old: dict[str, Record]
    new: dict[str, Record] = field(default_factory=dict)
    source: bytes | None = None
    tei: bytes | None = None
    tei_hash: str | None = None
    failure: tuple[str, str] | None = None  # (step, one-line error)
    links_hash: str | None = None
    private: dict[str, bytes] = field(default_factory=dict)
    unfinished: bool = False  # work planned for it has not come back
    extra_messages: list[dict[str, Any]] = field(default_factory=list)


class _Build:
    def __init__(self, options: Options, progress: Progress) -> None:
        self.o = options
        self.progress = progress
        self.out = options.output
        self.toolchain = load_toolchain(options.toolchain)
        self.jobs = options.jobs or os.cpu_count() or 1
        self.staging: Staging | None = None
        self.executor: Executor | None = None
        self._closing = None  # waits for the executor's shutdown, begun once the last task was gathered
        self.pending: dict[Future, tuple[str, _Doc | None, Any]] = {}
        self._completed = None  # a queue of the futures as they end (waiting on every pending one is O(n) a time)
        self.rebuilt: list[dict[str, Any]] = []
        self.removed: list[dict[str, Any]] = []
        self.timings: dict[str, dict[str, float]] = {}
        self.stopping = False
        self.owners: dict[str, str] = {}
        self._queue: list | None = []
        self._expected_tasks = 0
        self.speculated: dict[str, tuple[dict[str, str], Any]] = {}  # step -> (inputs assumed, outcome)

    # ---- the build -------------------------------------------------------------------------

    def run(self) -> BuildResult:
        t0 = time.perf_counter()
        documents = find_documents(
            list(self.o.paths), self.o.tei_dir, default_sources=self.o.sources_dir, output=self.out
        )
        self._check_output(documents)
        with OutputLock(self.out):
            clean_leftovers(self.out)
            self.old = State.load(self.out)
            self.new = State()
            self.cache = DigestCache(self.out / HASHES_NAME)
            try:
                return self._run(documents, t0)
            finally:
                if self.executor is not None:
                    self.executor.shutdown(wait=True, cancel_futures=True)
                if self._closing is not None:
                    self._closing()
                if self.staging is not None:
                    self.staging.discard()

    def _check_output(self, documents: list[Document]) -> None:
        """Refuse an output directory the build would wrongly replace: one holding its inputs, or not its own."""
        from pipeline.builder.corpus import UsageProblem

        out = self.out.resolve()
        inputs = [Path.cwd(), self.o.tei_dir, self.o.sources_dir, *self.o.paths]
        inputs += [d.source for d in documents if d.source is not None]
        for path in inputs:
            path = Path(path).resolve()
            if path == out or out in path.parents:
                raise UsageProblem(f"the output directory {self.out} may not hold the build's inputs ({path})")
        if self.out.exists() and not self.out.is_dir():
            raise UsageProblem(f"{self.out} is not a folder")
        if self.out.is_dir() and not (self.out / STATE_NAME).exists():
            foreign = sorted(p.name for p in self.out.iterdir() if p.name not in _OWN_ENTRIES)
            if foreign:
                raise UsageProblem(
                    f"{self.out} holds files that pipeline build did not make ({', '.join(foreign[:3])}…): "
                    "choose another output directory, or empty it"
                )

    def _run(self, documents: list[Document], t0: float) -> BuildResult:
        self.fingerprints = self.toolchain.fingerprints(cache=self.cache)
        started = time.perf_counter()
        docs = [_Doc(d, self.old.documents.get(d.name, {})) for d in documents]
        # Conversions first, and submitted at once when they are enough for a pool: its processes start
        # and convert while this process compiles the schema (conversion does not depend on it).
        ready = [item for item in docs if self._plan_convert(item)]
        self._submit_early()
        planned = time.perf_counter() - started
        self._schema()
        started = time.perf_counter()
        kept = {d.name for d in self._drop_orphans([item.doc for item in docs])}
        docs = [item for item in docs if item.doc.name in kept]
        for item in docs:
            self.new.documents[item.doc.name] = item.new
        for item in ready:
            if item.doc.name in kept:
                self._plan_tei(item)
        self._remove_gone({d.doc.name for d in docs})
        self._stage("plan", planned + time.perf_counter() - started, 0.0, len(docs))
        started = time.perf_counter()
        self._drain()
        self._queue = []
        self._speculate_sites(docs)
        self._plan_web(docs)
        self._drain()
        self._stage("documents", time.perf_counter() - started, 0.0, 0)
        started = time.perf_counter()
        self._site(docs)
        self._drain()
        self._stage("edition", time.perf_counter() - started, 0.0, 0)
        if self.executor is not None:
            from pipeline.builder.executors import close_in_background

            self._closing = close_in_background(self.executor)  # its processes exit while this one publishes
            self.executor = None
        self._keep_old_site()
        started = time.perf_counter()
        result = self._finish(docs)
        self._stage("publish", time.perf_counter() - started, 0.0, 0)
        result.report["timings"] = self.timings
        return result

    def _spec(self) -> str:
        """The toolchain as workers name it: its import path and the fingerprint of its steps."""
        return f"{self.o.toolchain}#{combine(*sorted(self.fingerprints.items()))}#{','.join(sorted(self.o.only))}"

    def _stage(self, name: str, wall: float, work: float, targets: int) -> None:
        entry = self.timings.setdefault(name, {"wall": 0.0, "work": 0.0, "targets": 0})
        entry["wall"] += wall
        entry["work"] += work
        entry["targets"] += targets

    # ---- the schema ------------------------------------------------------------------------

    def _schema(self) -> None:
        started = time.perf_counter()
        inputs = {"code": self.fingerprints["schema"]}
        old = self.old.site.get("schema")
        reasons = changed_inputs(old, inputs)
        if not reasons:
            self.new.site["schema"] = old
            return
        try:
            messages = self.toolchain.compile_schema()
        except StepError as error:
            raise EnvironmentProblem(f"the schema does not compile: {error}") from None
        self.new.site["schema"] = Record(inputs=inputs, messages=[m.as_dict() for m in messages])
        self.rebuilt.append({"step": "schema", "document": None, "reasons": _reasons("schema", reasons)})
        self.fingerprints = self.toolchain.fingerprints(cache=self.cache)  # validation depends on the compiled schema
        self._stage("schema", time.perf_counter() - started, time.perf_counter() - started, 1)

    # ---- planning --------------------------------------------------------------------------

    def _plan_convert(self, item: _Doc) -> bool:
        """Queue a document's conversion if its transcript or the converter changed; True when its TEI
        file is what to plan next (no transcript, or its conversion is up to date)."""
        doc = item.doc
        if doc.source is None:
            return True
        try:
            source_hash, item.source = self.cache.digest(doc.source)
            inputs = {"source": source_hash, "code": self.fingerprints["convert"]}
            old = item.old.get("convert")
            reasons = changed_inputs(old, inputs)
            if not doc.tei.is_file() and not reasons:
                reasons = ["output missing"]
            if reasons and item.source is None:
                item.source = doc.source.read_bytes()
        except OSError as error:
            self._fail(item, "convert", f"cannot read {doc.source}: {error.strerror}")
            return False
        if reasons:
            self._submit_convert(item, inputs, _reasons("convert", reasons))
            return False
        item.new["convert"] = old
        item.source = None
        if not old.ok:  # the same transcript fails the same way: nothing to render
            item.failure = ("convert", old.error or "cannot convert")
            return False
        return True

    def _plan_tei(self, item: _Doc) -> None:
        """Plan the steps of a document whose TEI file is up to date (known once the schema is)."""
        try:
            item.tei_hash, item.tei = self.cache.digest(item.doc.tei)
        except OSError as error:
            self._fail(item, "validate", f"cannot read {item.doc.tei}: {error.strerror}")
            return
        self._plan_render(item)

    def _tei_bytes(self, item: _Doc) -> bytes:
        """A document's TEI, read now if planning did not have to read it."""
        if item.tei is None:
            item.tei = item.doc.tei.read_bytes()
        return item.tei

    def _inputs(self, item: _Doc, step: str) -> dict[str, str]:
        code = self.fingerprints["web" if step == "summary" else step]
        if step == "web":
            return {"tei": item.tei_hash, "code": code, "links": item.links_hash}
        return {"tei": item.tei_hash, "code": code}

    def _plan_render(self, item: _Doc) -> None:
        """Decide which of validate/summary/print to run on a document whose TEI hash is known."""
        steps: list[str] = []
        reasons_of: dict[str, list[str]] = {}
        for step in _RENDER_STEPS:
            old = item.old.get(step)
            if OUTPUT_OF_STEP[step] not in self.o.only:
                if old is not None:
                    item.new[step] = old  # not asked for: left as it was
                continue
            reasons = changed_inputs(old, self._inputs(item, step))
            if not reasons and any(not self._published(p) for p in old.outputs):
                reasons = ["output missing"]
            if reasons:
                steps.append(step)
                reasons_of[step] = _reasons(step, reasons)
            else:
                item.new[step] = old
                for relative in old.outputs:
                    self.owners[relative] = f"{step} {item.doc.name}"
        failed = next((step for step in _RENDER_STEPS if step in item.new and not item.new[step].ok), None)
        if failed is not None:
            # A recorded failure: the same inputs fail the same way, and the document stays out.
            for step in ("summary", "web", "print"):
                if step != failed:
                    item.new.pop(step, None)
                    self._drop_outputs(item.old.get(step))
            item.failure = (failed, item.new[failed].error or f"{failed} failed")
            return
        if steps:
            self._submit_render(item, steps, reasons_of)

    # ---- tasks -----------------------------------------------------------------------------

    def _executor(self) -> Executor:
        if self.executor is None:
            from pipeline.builder.executors import make_executor

            self.executor = make_executor(self.o.executor, self.jobs, self._expected_tasks, self._spec(), self.o.scheduler)
        return self.executor

    def _submit(self, kind: str, item: _Doc | None, extra: Any, fn, *args) -> None:
        if self.stopping:
            return
        future = self._executor().submit(fn, self._spec(), *args)
        self.pending[future] = (kind, item, extra)
        if self._completed is None:
            import queue

            self._completed = queue.SimpleQueue()
        future.add_done_callback(self._completed.put)

    def _submit_convert(self, item: _Doc, inputs: dict[str, str], reasons: list[str]) -> None:
        from pipeline.builder.worker import convert_task

        item.unfinished = True
        self._defer(1, lambda: self._submit("convert", item, (inputs, reasons), convert_task, item.source, item.doc.source.name),
                    weight=len(item.source))

    def _submit_render(self, item: _Doc, steps: list[str], reasons: dict[str, list[str]]) -> None:
        from pipeline.builder.worker import render_task

        item.unfinished = True
        links = self.links.get(item.doc.name) if "web" in steps and self.links else None
        tei = self._tei_bytes(item)
        self._defer(len(steps), lambda: self._submit(
            "render", item, (steps, reasons), render_task, item.doc.name, tei, tuple(steps), links), weight=len(tei))

    def _defer(self, targets: int, submit, weight: float = 0) -> None:
        """While planning, tasks are only queued (to size the pool, and to submit the heaviest first)."""
        if self._queue is not None:
            self._queue.append((weight, targets, submit))
        else:
            self.progress.add(targets)
            submit()

    def _submit_queued(self) -> None:
        """Submit what planning queued, the heaviest first: the last tasks to end are then short ones,
        and the workers finish together."""
        queued = sorted(self._queue or [], key=lambda entry: -entry[0])  # stable: ties in planning order
        self._queue = None
        if queued:
            self._expected_tasks = len(queued)
            self.progress.add(sum(targets for _, targets, _ in queued))
            for _, _, submit in queued:
                submit()

    def _submit_early(self) -> None:
        """Submit the tasks queued so far if they are enough for a pool; planning goes on queueing."""
        if self._queue and (self.o.executor != "local" or min(self.jobs, len(self._queue)) > 1):
            self._submit_queued()
            self._queue = []

    def _drain(self) -> None:
        """Submit what planning queued, then gather results until no task is left."""
        self._submit_queued()
        try:
            while self.pending:
                done = [self._completed.get()]
                while not self._completed.empty():
                    done.append(self._completed.get())
                for future in sorted(done, key=lambda f: self._order(f)):
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
                    getattr(self, f"_gather_{kind}")(item, extra, outcome)
        except KeyboardInterrupt:
            self.stopping = True
            raise Interrupted("interrupted: nothing was published; the previous outputs are intact") from None

    def _order(self, future: Future) -> str:
        kind, item, _ = self.pending.get(future, ("", None, None))
        return f"{kind}:{item.doc.name if item else ''}"

    # ---- gathering -------------------------------------------------------------------------

    def _gather_convert(self, item: _Doc, extra, outcome) -> None:
        inputs, reasons = extra
        item.unfinished = False
        self._stage("convert", 0.0, outcome.seconds, 1)
        self.progress.step(item.doc.name, "convert", outcome.ok, outcome.error or "")
        if not outcome.ok:
            self._fail(item, "convert", outcome.error, record=Record(inputs=inputs, ok=False, error=outcome.error))
            return
        source_lines = item.source.decode("utf-8", "replace").splitlines()
        messages = []
        for m in outcome.messages:
            m = dict(m, step="convert", file=str(item.doc.source))
            line = m.get("line")
            if isinstance(line, int) and 0 < line <= len(source_lines):
                m["text"] = source_lines[line - 1][:300]
            messages.append(m)
        item.source = None
        self.rebuilt.append({"step": "convert", "document": item.doc.name, "reasons": reasons})
        try:
            warning = self.toolchain.write_tei(item.doc.tei, outcome.tei)
        except OSError as error:
            raise EnvironmentProblem(_explain(error, f"cannot write {item.doc.tei}")) from None
        except Exception as error:  # noqa: BLE001 - this document's TEI could not be written
            self._fail(item, "convert", f"cannot write {item.doc.tei}: {' '.join(str(error).split())}")
            return
        if warning is not None:
            messages.append(dict(warning.as_dict(), step="convert", file=str(item.doc.tei)))
            try:
                item.tei = item.doc.tei.read_bytes()
            except OSError as error:
                self._fail(item, "convert", f"cannot read {item.doc.tei}: {error.strerror}")
                return
        else:
            item.tei = outcome.tei
        item.tei_hash = digest_bytes(item.tei)
        item.new["convert"] = Record(inputs=inputs, messages=messages, data={"source": str(item.doc.source)})
        self._plan_render(item)

    def _gather_render(self, item: _Doc, extra, outcomes) -> None:
        steps, reasons = extra
        item.unfinished = False
        ran = [step for step in steps if step in outcomes]  # after a failed validation, nothing else ran
        for step in ran:
            outcome = outcomes[step]
            self._stage(step, 0.0, outcome.seconds, 1)
            self.progress.step(item.doc.name, step, outcome.ok, outcome.error or "")
            self.rebuilt.append({"step": step, "document": item.doc.name, "reasons": reasons[step]})
        records = {
            step: Record(
                inputs=self._inputs(item, step),
                ok=outcomes[step].ok,
                messages=[dict(m, step=step, file=str(item.doc.tei)) for m in outcomes[step].messages],
                data=outcomes[step].data,
                error=outcomes[step].error,
            )
            for step in ran
        }
        failed = next((step for step in ran if not records[step].ok), None)
        for step in ran:
            for relative in list(outcomes[step].outputs):
                if relative.startswith(PRIVATE):
                    item.private[relative] = outcomes[step].outputs[relative]
        if failed is None:
            owner = f"{{step}} {item.doc.name}"
            for step in ran:
                problem = self._check_outputs(outcomes[step].outputs, owner.format(step=step))
                if problem:
                    records[step].ok, records[step].error, failed = False, problem, step
                    break
        if failed is not None:
            if "validate" in records and records["validate"].ok:
                item.new["validate"] = records["validate"]
            self._fail(item, failed, records[failed].error, record=records[failed])
            return
        for step in ran:
            self._write_outputs(item.old.get(step), records[step], outcomes[step].outputs, f"{step} {item.doc.name}")
            item.new[step] = records[step]

    def _fail(self, item: _Doc, step: str, error: str, *, record: Record | None = None) -> None:
        """A document failed at `step`.

        With --keep-going, the failure is recorded and the document's rendered
        outputs go (it is left out of the edition). Without it, no new work
        starts and the document keeps its previous records and outputs.
        """
        item.failure = (step, error)
        if record is not None:
            item.extra_messages = list(record.messages)
        if not self.o.keep_going:
            self.stopping = True
            item.new.clear()
            item.new.update(item.old)
            for future in list(self.pending):
                future.cancel()
            return
        if step == "convert":
            dropped = ("validate", "summary", "web", "print")
        else:
            dropped = tuple(s for s in ("summary", "web", "print") if s != step)
        for other in dropped:
            self._drop_outputs(item.new.pop(other, None))
            self._drop_outputs(item.old.get(other))
        self._drop_outputs(item.old.get(step))
        if record is not None:
            item.new[step] = record
        else:
            item.new.pop(step, None)

    # ---- outputs ---------------------------------------------------------------------------

    def _stage_dir(self) -> Staging:
        if self.staging is None:
            self.staging = Staging(self.out)
            self.staging.create()
        return self.staging

    def _published(self, relative: str) -> bool:
        """Whether an output is there (os.path, not pathlib: a no-op build asks this of every output)."""
        base = self.staging.path if self.staging is not None else self.out
        return os.path.isfile(os.path.join(base, relative))

    def _check_outputs(self, outputs: dict[str, bytes], owner: str) -> str | None:
        """Why these outputs cannot be written (an unsafe path, another target's file), or None."""
        for relative in outputs:
            problem = _unsafe(relative)
            if problem:
                return f"refused output {relative!r}: {problem}"
            if self.owners.get(relative, owner) != owner:
                return f"output {relative} is also made by {self.owners[relative]}"
        return None

    def _write_outputs(
        self, old: Record | None, record: Record, outputs: dict[str, bytes], owner: str,
        kept: dict[str, str] | None = None,
    ) -> None:
        """Stage a target's outputs; `kept`: published outputs of its old record that stay (path -> hash)."""
        staging = self._stage_dir()
        for relative, data in sorted(outputs.items()):
            if isinstance(data, str):
                data = data.encode("utf-8")
            staging.write(relative, data)
            record.outputs[relative] = digest_bytes(data)
            self.owners[relative] = owner
        for relative, digest in (kept or {}).items():
            record.outputs[relative] = digest
            self.owners[relative] = owner
        record.outputs = dict(sorted(record.outputs.items()))
        if old is not None:
            for relative in old.outputs:
                if relative not in record.outputs and self.owners.get(relative, owner) == owner:
                    staging.remove(relative)

    def _drop_outputs(self, record: Record | None) -> None:
        if record is None or not record.outputs:
            return
        staging = self._stage_dir()
        for relative in record.outputs:
            staging.remove(relative)

    def _drop_orphans(self, documents: list[Document]) -> list[Document]:
        """TEI files whose transcript was deleted since the last build go too, unless edited by hand."""
        kept = []
        self.orphans: dict[str, str] = {}
        for doc in documents:
            convert = self.old.record(doc.name, "convert")
            recorded = convert.data.get("source") if convert is not None else None
            if doc.source is None and recorded and not Path(recorded).exists():
                if self.toolchain.remove_tei(doc.tei):
                    self.orphans[doc.name] = f"its transcript was deleted; {doc.tei} removed"
                    continue
                self.orphans[doc.name] = f"its transcript was deleted; {doc.tei} kept (edited by hand)"
            kept.append(doc)
        return kept

    def _remove_gone(self, present: set[str]) -> None:
        """A document no longer in the edition: its outputs go."""
        for name in sorted(set(self.old.documents) - present):
            for record in self.old.documents[name].values():
                self._drop_outputs(record)
            self.removed.append({"document": name, "reason": self.orphans.get(name, "no longer part of the edition")})

    # ---- the web pages, once every document's summary is in ---------------------------------

    def _links_hashes(self, included: list[_Doc]) -> dict[str, str]:
        """Per document, the hash of what its pages link to; recomputed only when a summary changed."""
        inputs = {
            "summaries": combine(*(f"{d.doc.name}={d.new['summary'].key}" for d in included)),
            "code": self.fingerprints["web"],
        }
        old = self.old.site.get("links")
        if old is not None and not changed_inputs(old, inputs):
            self.new.site["links"] = old
            return old.data["hashes"]
        self._compute_links(included)
        hashes = {d.doc.name: digest_bytes(_canonical(self.links.get(d.doc.name))) for d in included}
        self.new.site["links"] = Record(inputs=inputs, data={"hashes": hashes})
        return hashes

    def _compute_links(self, included: list[_Doc]) -> None:
        if self.links is not None:
            return
        summaries = {d.doc.name: d.new["summary"].data.get("summary") for d in included}
        try:
            self.links = self.toolchain.web_links(summaries)
        except StepError as error:
            raise EnvironmentProblem(f"cannot link the web edition's pages: {error}") from None

    def _plan_web(self, docs: list[_Doc]) -> None:
        """Plan each document's pages: they depend on its TEI and on its neighbours in the edition."""
        self.links: dict[str, Any] | None = None
        if "web" not in self.o.only or self.stopping:
            for item in docs:  # not asked for, or stopped: left as they were
                if "web" not in item.new and "web" in item.old and item.failure is None:
                    item.new["web"] = item.old["web"]
            return
        included = [d for d in docs if d.failure is None and d.new.get("summary") is not None]
        hashes = self._links_hashes(included)
        for item in included:
            item.links_hash = hashes[item.doc.name]
            old = item.old.get("web")
            reasons = changed_inputs(old, self._inputs(item, "web"))
            if not reasons and any(not self._published(p) for p in old.outputs):
                reasons = ["output missing"]
            if reasons:
                self._compute_links(included)
                self._submit_render(item, ["web"], {"web": _reasons("web", reasons)})
            else:
                item.new["web"] = old
                for relative in old.outputs:
                    self.owners[relative] = f"web {item.doc.name}"

    def _speculate_sites(self, docs: list[_Doc]) -> None:
        """Start the edition-wide steps now, beside the documents' pages (first, as the longest tasks),
        instead of after them.

        The edition's PDF needs each file's PDF target, all in now. The web site needs of each document
        its summary, in now, and the private files of its pages, assumed to be none (not tried when
        pages of the last build had some). Either outcome is used only if the step's inputs, once every
        page is in, are the ones it was made from (see _site): a page that failed, or brought private
        files, makes the step run again after the pages.
        """
        from pipeline.builder.toolchain import SiteDocument
        from pipeline.builder.worker import site_task

        if self.stopping:
            return
        included = [d for d in docs if d.failure is None and d.tei_hash is not None]
        for step in SITE_STEPS:
            if OUTPUT_OF_STEP[step] not in self.o.only:
                continue
            own = "web" if step == "web-site" else "print"
            if own == "web":
                if any(path.startswith(PRIVATE) for d in included for path in getattr(d.old.get("web"), "outputs", ())):
                    continue
                summaries = [(d.doc.name, d.new["summary"].data.get("summary")) for d in included if d.new.get("summary")]
                inputs = self._site_inputs(step, [(name, _web_member(summary, [])) for name, summary in summaries])
            else:
                members = [d for d in included if own in d.new]
                inputs = self._site_inputs(step, [(d.doc.name, self._site_member(d, own)) for d in members])
            if not self._site_reasons(step, inputs):
                continue
            if own == "web":
                payload = [SiteDocument(name, None, summary, {}) for name, summary in summaries]
            else:
                payload = [self._site_document(d, own) for d in members]
            previous = self._previous_pages(self.old.site.get(step), inputs)

            def submit(step=step, inputs=inputs, payload=payload, previous=previous) -> None:
                self._submit("speculated", None, (step, inputs), site_task, step, payload, previous)

            if self.executor is None:  # queued, to size the pool with the pages; submitted first
                self._defer(0, submit, weight=float("inf"))
            else:
                submit()

    def _gather_speculated(self, _item, extra, outcome) -> None:
        step, inputs = extra
        self.speculated[step] = (inputs, outcome)

    # ---- the cross-document steps ------------------------------------------------------------

    def _site(self, docs: list[_Doc]) -> None:
        from pipeline.builder.worker import site_task

        if self.stopping:
            return
        included = [d for d in docs if d.failure is None and d.tei_hash is not None]
        self._queue = []
        for step in SITE_STEPS:
            if OUTPUT_OF_STEP[step] not in self.o.only:
                continue
            own = "web" if step == "web-site" else "print"
            members = [d for d in included if own in d.new]
            inputs = self._site_inputs(step, [(d.doc.name, self._site_member(d, own)) for d in members])
            old = self.old.site.get(step)
            reasons = self._site_reasons(step, inputs)
            if not reasons:
                self.new.site[step] = old
                for relative in old.outputs:
                    self.owners[relative] = step
                continue
            speculated = self.speculated.pop(step, None)
            if speculated is not None and speculated[0] == inputs:  # made beside the pages, from these inputs
                self.progress.add(1)
                self._gather_site(None, (step, inputs, _reasons(step, reasons)), speculated[1])
                continue
            payload = [self._site_document(d, own) for d in members]
            previous = self._previous_pages(old, inputs)
            self._defer(1, lambda step=step, inputs=inputs, reasons=reasons, payload=payload, previous=previous:
                        self._submit("site", None, (step, inputs, _reasons(step, reasons)), site_task, step,
                                     payload, previous))

    def _site_inputs(self, step: str, members: list[tuple[str, str]]) -> dict[str, str]:
        """A cross-document step's inputs: (name, _site_member) of each document, and its code."""
        return {"documents": combine(*(f"{name}={digest}" for name, digest in members)),
                "code": self.fingerprints[_SITE_CODE[step]]}

    def _site_reasons(self, step: str, inputs: dict[str, str]) -> list[str]:
        old = self.old.site.get(step)
        reasons = changed_inputs(old, inputs)
        if not reasons and any(not self._published(p) for p in old.outputs):
            reasons = ["output missing"]
        return reasons

    def _previous_pages(self, old: Record | None, inputs: dict[str, str]) -> dict[str, str]:
        """What an edition-wide step made its published pages from (its record's data "pages": path ->
        hash), for the pages it may keep: made by the same code, and still published."""
        if old is None or not old.ok or old.inputs.get("code") != inputs["code"]:
            return {}
        pages = old.data.get("pages") or {}
        return {path: digest for path, digest in pages.items() if path in old.outputs and self._published(path)}

    def _site_member(self, item: _Doc, own: str) -> str:
        """What a cross-document step depends on of one document.

        The edition's PDF: its PDF target (its TEI). The web site: only what the site step is given of
        it, its summary (what it is, not the TEI it was made from) and its private files, so that an
        edit to a document's text alone (its pages and its own search index) does not remake the
        edition-wide pages.
        """
        record = item.new[own]
        if own != "web":
            return record.key
        summary = item.new.get("summary")
        private = sorted((path, digest) for path, digest in record.outputs.items() if path.startswith(PRIVATE))
        return _web_member(summary.data.get("summary") if summary else None, private)

    def _site_document(self, item: _Doc, own: str):
        """What a cross-document step gets of one document: its TEI, web summary and private files."""
        from pipeline.builder.toolchain import SiteDocument

        private = {}
        record = item.new.get(own)
        for relative in sorted(record.outputs if record else ()):
            if relative.startswith(PRIVATE):
                data = item.private.get(relative)
                if data is None:
                    base = self.staging.path if self.staging is not None else self.out
                    data = (base / relative).read_bytes()
                private[relative[len(PRIVATE):]] = data
        summary = item.new.get("summary")
        tei = self._tei_bytes(item) if own == "print" else None
        return SiteDocument(item.doc.name, tei, summary.data.get("summary") if summary else None, private)

    def _gather_site(self, _item, extra, outcome) -> None:
        step, inputs, reasons = extra
        self._stage(step, 0.0, outcome.seconds, 1)
        self.progress.step("(edition)", step, outcome.ok, outcome.error or "")
        self.rebuilt.append({"step": step, "document": None, "reasons": reasons})
        record = Record(inputs=inputs, ok=outcome.ok, error=outcome.error)
        if outcome.ok:
            old = self.old.site.get(step)
            # pages the step left as published (their inputs unchanged): kept, with their old hashes
            kept = {path: old.outputs[path] for path in outcome.data.get("kept", ()) if old and path in old.outputs}
            problem = self._check_outputs(outcome.outputs, step)
            if problem:
                record.ok, record.error = False, problem
            elif len(kept) != len(outcome.data.get("kept", ())) or set(kept) & set(outcome.outputs):
                record.ok, record.error = False, f"{step}: kept pages it had not made"
            else:
                if outcome.data.get("pages"):
                    record.data = {"pages": dict(sorted(outcome.data["pages"].items()))}
                self._write_outputs(old, record, outcome.outputs, step, kept)
        if not record.ok:
            self._drop_outputs(self.old.site.get(step))
            record.outputs = {}
        self.new.site[step] = record

    def _keep_old_site(self) -> None:
        """Cross-document targets not rebuilt this time (not asked for, or stopped) stay as they were."""
        for step, record in self.old.site.items():
            self.new.site.setdefault(step, record)

    # ---- the end -----------------------------------------------------------------------------

    def _finish(self, docs: list[_Doc]) -> BuildResult:
        for item in docs:
            if item.unfinished:  # stopped before its work came back: it stays as it was
                item.new.clear()
                item.new.update(item.old)
        report = self._report(docs)
        state_bytes = self.new.dump()
        json_bytes = report_format.to_json(report)
        html_bytes = report_format.to_html(report)
        if self.staging is None and self.out.is_dir() and state_bytes == self.old.raw:
            _write_in_place(self.out / REPORT_JSON, json_bytes)
            _write_in_place(self.out / REPORT_HTML, html_bytes)
            self.cache.save()
            return BuildResult(report["exit_code"], report)
        staging = self._stage_dir()
        staging.write(STATE_NAME, state_bytes)
        staging.write(REPORT_JSON, json_bytes)
        staging.write(REPORT_HTML, html_bytes)
        for relative in self.old.all_outputs() - self.new.all_outputs():
            staging.remove(relative)  # whatever no record owns any more
        try:
            staging.publish()
        except OSError as error:
            raise EnvironmentProblem(_explain(error, f"cannot publish {self.out}")) from None
        self.staging = None
        self.cache.save(self.out / HASHES_NAME)
        return BuildResult(report["exit_code"], report)

    def _report(self, docs: list[_Doc]) -> dict[str, Any]:
        from pipeline.builder.stats import corpus_stats

        entries = []
        stats = {}
        errors = warnings = failed = 0
        for item in docs:
            messages: list[dict[str, Any]] = []
            for step in _FAIL_ORDER:
                record = item.new.get(step)
                if record is not None:
                    messages.extend(record.messages)
            if item.failure is not None and not self.o.keep_going:
                messages.extend(m for m in item.extra_messages if m not in messages)
            failure = item.failure
            if failure is None:
                for step in _FAIL_ORDER:
                    record = item.new.get(step)
                    if record is not None and not record.ok:
                        failure = (step, record.error or "failed")
                        break
            ok = failure is None
            failed += not ok
            errors += sum(m.get("severity") == "error" for m in messages)
            warnings += sum(m.get("severity") == "warning" for m in messages)
            validated = item.new.get("validate")
            if ok and validated is not None:
                stats[item.doc.name] = validated.data.get("stats", {})
            entries.append({
                "name": item.doc.name,
                "source": str(item.doc.source) if item.doc.source else None,
                "tei": str(item.doc.tei),
                "ok": ok,
                "error": f"{failure[0]}: {failure[1]}" if failure else None,
                "errors": sum(m.get("severity") == "error" for m in messages),
                "warnings": sum(m.get("severity") == "warning" for m in messages),
                "messages": messages,
            })
        site = [{"step": s, "ok": r.ok, "error": r.error} for s, r in sorted(self.new.site.items())]
        site_failed = any(not s["ok"] for s in site)
        exit_code = 1 if failed or site_failed else 0
        return {
            "pipeline": __version__,
            "result": "success" if exit_code == 0 else "failed",
            "exit_code": exit_code,
            "output": str(self.out),
            "only": sorted(self.o.only),
            "summary": {"files": len(docs), "failed": failed, "errors": errors, "warnings": warnings},
            "rebuilt": self.rebuilt,
            "removed": self.removed,
            "timings": self.timings,
            "documents": entries,
            "site": site,
            "statistics": corpus_stats(stats),
        }


def _reasons(step: str, changed: list[str]) -> list[str]:
    words = {
        "new": "new",
        "source": "transcript changed",
        "tei": "TEI changed",
        "documents": "documents changed",
        "code": "code, stylesheets or schema changed" if step != "convert" else "converter changed",
        "output missing": "output missing",
    }
    return [words.get(c, f"{c} changed") for c in changed]


def _web_member(summary: Any, private: list[tuple[str, str]]) -> str:
    """What the edition-wide web step depends on of one document: its summary and private files (path, hash)."""
    return digest_bytes(_canonical([summary, private]))


def _canonical(value: Any) -> bytes:
    import json

    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _unsafe(relative: str) -> str | None:
    if not relative or relative.startswith("/") or "\\" in relative or "\0" in relative:
        return "not a relative path"
    parts = relative.split("/")
    if any(p in ("", ".", "..") for p in parts):
        return "leaves the output directory"
    if relative in _RESERVED or (parts[0].startswith(".") and not relative.startswith(PRIVATE)):
        return "reserved by the build"
    return None


def _write_in_place(path: Path, data: bytes) -> None:
    """Replace one file atomically (write beside it, then rename)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError as error:
        tmp.unlink(missing_ok=True)
        raise EnvironmentProblem(_explain(error, f"cannot write {path}")) from None


def run_build(options: Options, progress: Progress) -> BuildResult:
    """Build the edition; raises EnvironmentProblem or UsageProblem for what stops it before a result."""
    previous = signal.getsignal(signal.SIGTERM)

    def _terminate(signum, frame):
        raise KeyboardInterrupt

    if previous in (signal.SIG_DFL, None):
        signal.signal(signal.SIGTERM, _terminate)
    try:
        return _Build(options, progress).run()
    except KeyboardInterrupt:
        raise Interrupted("interrupted: nothing was published; the previous outputs are intact") from None
    finally:
        if previous in (signal.SIG_DFL, None):
            signal.signal(signal.SIGTERM, previous)
