"""The whole build: the planner's decisions, run by the runner, gathered here, published by the publisher.

Order of work: per document, convert (if its transcript changed), submitted
first, so that the pool starts while the schema compiles (if its ODD
changed); then validate, summary, PDF (each if its inputs changed),
pipelined so that a document's rendering starts as soon as its conversion
ends; then its web pages, once every summary is in, with the cross-document
steps beside them (started from what they need of each document, and used if
that did not change before the pages were in); then one atomic publish of the
new outputs, state and report. Tasks are submitted heaviest first.

The parts: `planner` (pure: records and hashes -> what to run and why),
`runner` (executor, queueing, gathering, stopping), `publisher` (lock,
leftovers, staging, the exchange with state and report); this module holds
what a build knows of each document while it runs, and gathers outcomes.

Failures: a document whose step fails is reported and fails the build
(exit code 1). With --keep-going its outputs are dropped, the failure is
recorded (a rebuild of the same inputs fails the same way without work) and
everything else is built and published. Without it, no new work starts after
the first failure; what finished is published (each output matches the
inputs it was made from), the failed document keeps its previous outputs,
and the cross-document steps wait for a build without failures. A transcript
changed under a hand-edited TEI file is a conflict: both are kept, the
document is built from the editor's file, and the build fails unless
--keep-going (the conflict is reported again by every build until resolved).
"""

from __future__ import annotations

import os
import signal
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline import __version__
from pipeline.builder import planner
from pipeline.builder import report as report_format
from pipeline.builder.corpus import Document, find_documents
from pipeline.builder.hashing import DigestCache, combine, digest_bytes, digest_file
from pipeline.builder.planner import STEPS, describe
from pipeline.builder.progress import Progress
from pipeline.builder.publisher import (
    HASHES_NAME, PRIVATE, REPORT_HTML, REPORT_JSON, RESERVED, Publisher,
)
from pipeline.builder.runner import Interrupted, Runner
from pipeline.builder.sources import read_transcript
from pipeline.convert.catalogue import CatalogueError
from pipeline.convert.entities import RegisterError
from pipeline.convert.inputs import Editorial, editorial_inputs
from pipeline.project import catalogue_cache
from pipeline.builder.staging import _explain
from pipeline.builder.state import STATE_NAME, Record, State
from pipeline.builder.toolchain import (
    DEFAULT_TOOLCHAIN,
    OUTPUT_OF_STEP,
    OUTPUTS,
    SITE_STEPS,
    EnvironmentProblem,
    StepError,
    load_toolchain,
)

__all__ = ["BuildResult", "Interrupted", "Options", "REPORT_HTML", "REPORT_JSON", "run_build"]

#: What an output directory may hold before a first build takes it over (e.g. from `pipeline web`).
_OWN_ENTRIES = {"web", "print", ".cache", *RESERVED}
#: Step whose fingerprint a cross-document step shares.
_SITE_CODE = {"web-site": "web", "web-search": "web", "print-edition": "print"}


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
    registers_dir: Path | None = None  # the registers names are linked to (None: no linking)
    #: The file catalogue, when the project file puts it elsewhere than sources_dir/catalogue.csv.
    catalogue: Path | None = None


@dataclass
class BuildResult:
    exit_code: int
    report: dict[str, Any]


REVIEW_LINES = 6  # transcript lines shown beside a review warning
#: tasks handed to a local pool per worker at a time: enough that no worker waits, few enough that the
#: build's own process holds a handful of documents' inputs rather than the whole edition's
IN_FLIGHT_PER_WORKER = 4
#: resident memory (MiB) past which a local worker process ends after its task and a fresh one takes its
#: place: WeasyPrint and Saxon keep some of every document they handle (a worker opens at about 145 MiB,
#: passes 250 after 5 documents, 270 after 15-30, 280 after 50; a fresh one costs some 2.5 s, its start
#: and its first document's PDF): renewed every 20 documents or so, it stays under 290 MiB at its peak
WORKER_MEMORY_MIB = 270


@dataclass
class _Doc:
    """A document while it is being built."""

    doc: Document
    old: dict[str, Record]
    new: dict[str, Record] = field(default_factory=dict)
    source: bytes | None = None
    tei: bytes | None = None
    tei_hash: str | None = None
    size: int = 0  # bytes of its TEI (the weight of its tasks), known once its TEI was read
    failure: tuple[str, str] | None = None  # (step, one-line error)
    links_hash: str | None = None
    private: dict[str, bytes] = field(default_factory=dict)
    unfinished: bool = False  # work planned for it has not come back
    extra_messages: list[dict[str, Any]] = field(default_factory=list)
    editorial: Editorial | None = None  # its editors' decisions and catalogue entry

    @property
    def name(self) -> str:
        return self.doc.name


class _Build:
    def __init__(self, options: Options, progress: Progress) -> None:
        self.o = options
        self.progress = progress
        self.out = options.output
        self._catalogues: dict = {}  # each transcript folder's catalogue, read once
        self.toolchain = load_toolchain(options.toolchain)
        self.jobs = options.jobs or os.cpu_count() or 1
        self.runner = Runner(self._make_executor, self._gather, on_submitted=progress.add,
                             pool_worth=lambda n: n > 0,
                             window=IN_FLIGHT_PER_WORKER * self.jobs if options.executor == "local" else 0)
        self._closing = None  # waits for the executor's shutdown, begun once the last task was gathered
        self.rebuilt: list[dict[str, Any]] = []
        self.removed: list[dict[str, Any]] = []
        self.skipped: list[str] = []
        self.conflicts: list[dict[str, Any]] = []
        self.timings: dict[str, dict[str, float]] = {}
        self.speculated: dict[str, tuple[dict[str, str], Any]] = {}  # step -> (inputs assumed, outcome)
        self.publisher: Publisher | None = None

    # ---- the build -------------------------------------------------------------------------

    def run(self) -> BuildResult:
        t0 = time.perf_counter()
        documents = find_documents(
            list(self.o.paths), self.o.tei_dir, default_sources=self.o.sources_dir, output=self.out,
            skipped=self.skipped,
        )
        for warning in self.skipped:
            self.progress.note(f"warning: {warning}")
        self._check_output(documents)
        with Publisher(self.out) as publisher:
            self.publisher = publisher
            self.toolchain.clean_tei(self.o.tei_dir)
            self.old = State.load(publisher.output_dir)
            self.new = State()
            self.cache = DigestCache(publisher.output_dir / HASHES_NAME)
            try:
                return self._run(documents, t0)
            finally:
                self.runner.shutdown()
                if self._closing is not None:
                    self._closing()

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
        if out.exists() and not out.is_dir():
            raise UsageProblem(f"{self.out} is not a folder")
        if out.is_dir() and not (out / STATE_NAME).exists():
            foreign = sorted(p.name for p in out.iterdir() if p.name not in _OWN_ENTRIES)
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
        # and convert while this process checks the names and compiles the schema (conversion depends on
        # neither, and writes nothing: TEI files are written here, as conversions are gathered).
        ready = [item for item in docs if self._plan_convert(item)]
        waits = getattr(self.toolchain, "converts_with_schema", None)
        if not (waits and waits() and planner.changed_inputs(self.old.site.get("schema"), {"code": self.fingerprints["schema"]})):
            self.runner.submit_early()
        self._check_names(documents)
        planned = time.perf_counter() - started
        self._schema()
        started = time.perf_counter()
        kept = {d.name for d in self._drop_orphans([item.doc for item in docs])}
        docs = [item for item in docs if item.name in kept]
        for item in docs:
            self.new.documents[item.name] = item.new
        for item in ready:
            if item.name in kept:
                self._plan_tei(item)
        self._remove_gone({d.name for d in docs})
        self._stage("plan", planned + time.perf_counter() - started, 0.0, len(docs))
        started = time.perf_counter()
        self.runner.drain()
        self.runner.planning()
        self._speculate_sites(docs)
        self._plan_web(docs)
        self.runner.drain()
        self._stage("documents", time.perf_counter() - started, 0.0, 0)
        started = time.perf_counter()
        self._site(docs)
        self.runner.drain()
        self._stage("edition", time.perf_counter() - started, 0.0, 0)
        self._closing = self.runner.release()  # its processes exit while this one publishes
        self._keep_old_site()
        started = time.perf_counter()
        result = self._finish(docs, started)
        return result

    def _spec(self, only: frozenset[str] | None = None) -> str:
        """The toolchain as workers name it: its import path, the fingerprint of its steps, the outputs
        whose steps to open (`only`, or those built)."""
        outputs = ",".join(sorted(only or self.o.only))
        return f"{self.o.toolchain}#{combine(*sorted(self.fingerprints.items()))}#{outputs}"

    def _make_executor(self, _tasks: int):
        from pipeline.builder.executors import make_executor

        return make_executor(self.o.executor, self.jobs, self._spec(), self.o.scheduler, WORKER_MEMORY_MIB)

    def _submit(self, kind: str, item: _Doc | None, extra: Any, fn, *args) -> None:
        self.runner.submit(kind, item, extra, fn, self._spec(), *args)

    def _submit_site(self, kind: str, extra: Any, step: str, payload: list, previous: Any) -> None:
        """An edition-wide step, in a process of its own that opens only that output's steps (on a local
        pool): the build's own process never runs one, and its worker has not grown with documents."""
        from pipeline.builder.worker import site_task

        spec = self._spec(frozenset({OUTPUT_OF_STEP[step]})) if self.o.executor == "local" else self._spec()
        self.runner.submit(kind, None, extra, site_task, spec, step, payload, previous, self._site_folder(step),
                           self._site_cache(step), alone=True)

    def _stage(self, name: str, wall: float, work: float, targets: int, peak_mib: float = 0.0) -> None:
        entry = self.timings.setdefault(name, {"wall": 0.0, "work": 0.0, "targets": 0})
        entry["wall"] += wall
        entry["work"] += work
        entry["targets"] += targets
        if peak_mib:
            entry["peak_mib"] = round(max(entry.get("peak_mib", 0.0), peak_mib), 1)

    def _check_names(self, documents: list[Document]) -> None:
        """Two transcripts whose TEI files would share an xml:id: a usage error, at planning time.

        Asked of the toolchain only when the transcripts' names changed since the last build (the
        converter's import is not a no-op build's to pay)."""
        names = sorted(d.source.name for d in documents if d.source is not None)
        inputs = {"names": combine(*names), "code": self.fingerprints["convert"]}
        old = self.old.site.get("names")
        if old is None or planner.changed_inputs(old, inputs):
            planner.check_names(documents, self.toolchain.file_id)
            old = Record(inputs=inputs)
        self.new.site["names"] = old

    # ---- the schema ------------------------------------------------------------------------

    def _schema(self) -> None:
        started = time.perf_counter()
        inputs = {"code": self.fingerprints["schema"]}
        old = self.old.site.get("schema")
        reasons = planner.changed_inputs(old, inputs)
        if not reasons:
            self.new.site["schema"] = old
            return
        try:
            messages = self.toolchain.compile_schema()
        except StepError as error:
            raise EnvironmentProblem(f"the schema does not compile: {error}") from None
        self.new.site["schema"] = Record(inputs=inputs, messages=[m.as_dict() for m in messages])
        self.rebuilt.append({"step": "schema", "document": None, "reasons": describe("schema", reasons)})
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
            source_hash, item.source = self.cache.digest(doc.source, regular_only=True)
            if not self._catalogues and self.o.catalogue is not None:  # the project file's catalogue, read once
                self._catalogues.update(catalogue_cache(self.o.sources_dir, self.o.catalogue))
            item.editorial = editorial_inputs(doc.source, self._catalogues, self.o.registers_dir)
            inputs = {"source": source_hash, "code": self.fingerprints["convert"], "editorial": item.editorial.digest()}
            old = item.old.get("convert")
            changed = planner.convert_reasons(old, inputs, doc.tei.is_file())
            if changed and item.source is None:
                item.source = read_transcript(doc.source)
        except OSError as error:
            self._fail(item, "convert", f"cannot read {doc.source}: {error.strerror}")
            return False
        except (CatalogueError, RegisterError) as error:
            self._fail(item, "convert", str(error))
            return False
        if changed:
            self._submit_convert(item, inputs, changed)
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
            item.tei_hash, item.tei = self.cache.digest(item.doc.tei, regular_only=True)
            item.size = len(item.tei) if item.tei is not None else item.doc.tei.stat().st_size
        except OSError as error:
            self._fail(item, "validate", f"cannot read {item.doc.tei}: {error.strerror}")
            return
        self._plan_render(item)

    def _tei_bytes(self, item: _Doc) -> bytes:
        """A document's TEI, read now if planning did not have to read it."""
        if item.tei is None:
            item.tei = read_transcript(item.doc.tei)  # a regular file, not through a link
        return item.tei

    def _take_tei(self, item: _Doc) -> bytes | None:
        """A document's TEI for a task, no longer held here (read again if a later step needs it);
        None, the document failed, when it cannot be read."""
        try:
            tei = self._tei_bytes(item)
        except OSError as error:
            item.unfinished = False
            self._fail(item, "validate", f"cannot read {item.doc.tei}: {error.strerror}")
            return None
        item.tei = None
        return tei

    def _inputs(self, item: _Doc, step: str) -> dict[str, str]:
        code = self.fingerprints["web" if step == "summary" else step]
        if step == "web":
            return planner.web_inputs(item.tei_hash, code, item.links_hash)
        return {"tei": item.tei_hash, "code": code}

    def _plan_render(self, item: _Doc) -> None:
        """Run validate/summary/print on a document whose TEI hash is known, as the planner decides."""
        plan = planner.plan_render(item.old, lambda step: self._inputs(item, step),
                                   lambda step: OUTPUT_OF_STEP[step] in self.o.only, self.publisher.published)
        for step, record in plan.kept.items():
            item.new[step] = record
            if OUTPUT_OF_STEP[step] in self.o.only:
                for relative in record.outputs:
                    self.publisher.claim(relative, f"{step} {item.name}")
        if plan.failed is not None:
            for step in plan.dropped:
                item.new.pop(step, None)
                self._drop_outputs(item.old.get(step))
            item.failure = (plan.failed, item.new[plan.failed].error or f"{plan.failed} failed")
            return
        if plan.run:
            self._submit_render(item, plan.run, plan.reasons)

    # ---- tasks -----------------------------------------------------------------------------

    def _submit_convert(self, item: _Doc, inputs: dict[str, str], changed: list[str]) -> None:
        from pipeline.builder.worker import convert_task

        item.unfinished = True
        self.runner.defer(1, lambda: self._submit("convert", item, (inputs, changed), convert_task, item.source,
                                                  item.doc.source.name, item.editorial), weight=len(item.source))

    def _submit_render(self, item: _Doc, steps: list[str], reasons: dict[str, list[str]]) -> None:
        from pipeline.builder.worker import render_task

        item.unfinished = True
        links = self.links.get(item.name) if "web" in steps and self.links else None
        made = item.new.get("summary") if "web" in steps and "summary" not in steps else None
        summary = made.data.get("summary") if made is not None else None
        weight = len(item.tei) if item.tei is not None else item.size

        def submit() -> None:  # the TEI is read (or taken) when the task is handed over, and not kept
            tei = self._take_tei(item)
            if tei is not None:
                self._submit("render", item, (steps, reasons), render_task, item.name, tei, tuple(steps), links,
                             summary)

        self.runner.defer(len(steps), submit, weight=weight)

    # ---- gathering -------------------------------------------------------------------------

    def _gather(self, kind: str, item, extra, outcome) -> None:
        getattr(self, f"_gather_{kind}")(item, extra, outcome)

    def _gather_convert(self, item: _Doc, extra, outcome) -> None:
        inputs, changed = extra
        item.unfinished = False
        self._stage("convert", 0.0, outcome.seconds, 1, outcome.peak_mib)
        self.progress.step(item.name, "convert", outcome.ok, outcome.error or "")
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
                if str(m.get("code", "")).startswith("review-"):  # the lines an editor checks the decision against
                    last = min(m.get("last_line") or line, line + REVIEW_LINES - 1, len(source_lines))
                    m["lines"] = [text[:300] for text in source_lines[line - 1 : last]]
            messages.append(m)
        item.source = None
        self.rebuilt.append({"step": "convert", "document": item.name, "reasons": describe("convert", changed)})
        try:
            warning = self.toolchain.write_tei(item.doc.tei, outcome.tei)
        except OSError as error:
            raise EnvironmentProblem(_explain(error, f"cannot write {item.doc.tei}")) from None
        except Exception as error:  # noqa: BLE001 - this document's TEI could not be written
            self._fail(item, "convert", f"cannot write {item.doc.tei}: {' '.join(str(error).split())}")
            return
        record = Record(inputs=inputs, messages=messages, data={"source": str(item.doc.source)})
        if warning is not None:
            if warning.code == "edited-during-write" or planner.is_conflict(changed):
                if not self._conflict(item, warning, record):
                    return
            else:
                messages.append(dict(warning.as_dict(), step="convert", file=str(item.doc.tei)))
            try:
                item.tei = read_transcript(item.doc.tei)
            except OSError as error:
                self._fail(item, "convert", f"cannot read {item.doc.tei}: {error.strerror}")
                return
        else:
            item.tei = outcome.tei
        item.tei_hash, item.size = digest_bytes(item.tei), len(item.tei)
        item.new["convert"] = record
        self._plan_render(item)

    def _conflict(self, item: _Doc, warning, record: Record) -> bool:
        """A transcript changed under a hand-edited TEI file (or the file was edited while being replaced):
        both are kept. Fails the document unless --keep-going; True when it is built from the editor's file."""
        text = (f"conflict: {item.doc.source} changed, but {item.doc.tei} was edited by hand since it was "
                f"generated; both are kept (turn the hand edits into editorial decisions, or convert with --force)")
        if warning.code == "edited-during-write":
            text = f"conflict: {warning.message}"
        self.conflicts.append({"document": item.name, "source": str(item.doc.source), "tei": str(item.doc.tei),
                               "message": text})
        message = {"severity": "error" if not self.o.keep_going else "warning", "message": text,
                   "code": "conflict", "step": "convert", "file": str(item.doc.tei)}
        if not self.o.keep_going:
            self._fail(item, "convert", text)
            item.extra_messages = [*record.messages, message]
            return False
        record.messages.append(message)
        old = item.old.get("convert")
        if old is not None:  # the transcript stays unconverted: every build reports the conflict until it is resolved
            record.inputs = dict(old.inputs)
        return True

    def _gather_render(self, item: _Doc, extra, outcomes) -> None:
        steps, reasons = extra
        item.unfinished = False
        ran = [step for step in steps if step in outcomes]  # after a failed validation, nothing else ran
        for step in ran:
            outcome = outcomes[step]
            self._stage(step, 0.0, outcome.seconds, 1, outcome.peak_mib)
            self.progress.step(item.name, step, outcome.ok, outcome.error or "")
            self.rebuilt.append({"step": step, "document": item.name, "reasons": reasons[step]})
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
                if relative.startswith(PRIVATE) and step != "print" and not self._for_search(relative):  # the edition's PDF reads the parts where staged, the search step its own
                    item.private[relative] = outcomes[step].outputs[relative]
        if failed is None:
            for step in ran:
                problem = self.publisher.refusal(outcomes[step].outputs, f"{step} {item.name}")
                if problem:
                    records[step].ok, records[step].error, failed = False, problem, step
                    break
        if failed is not None:
            if "validate" in records and records["validate"].ok:
                item.new["validate"] = records["validate"]
            self._fail(item, failed, records[failed].error, record=records[failed])
            return
        for step in ran:
            self._write_outputs(item.old.get(step), records[step], outcomes[step].outputs, f"{step} {item.name}")
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
            self.runner.stop()
            item.new.clear()
            item.new.update(item.old)
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

    def _write_outputs(
        self, old: Record | None, record: Record, outputs: dict[str, bytes], owner: str,
        kept: dict[str, str] | None = None,
    ) -> None:
        """Stage a target's outputs; `kept`: published outputs of its old record that stay (path -> hash)."""
        for relative, data in sorted(outputs.items()):
            if isinstance(data, Path):  # written by the step in the publisher's work folder
                record.outputs[relative] = digest_file(data)
                self.publisher.move(relative, data, owner)
                continue
            if isinstance(data, str):
                data = data.encode("utf-8")
            self.publisher.write(relative, data, owner)
            record.outputs[relative] = digest_bytes(data)
        for relative, digest in (kept or {}).items():
            record.outputs[relative] = digest
            self.publisher.claim(relative, owner)
        record.outputs = dict(sorted(record.outputs.items()))
        if old is not None:
            for relative in old.outputs:
                if relative not in record.outputs:
                    self.publisher.remove_unless_owned(relative, owner)

    def _drop_outputs(self, record: Record | None) -> None:
        if record is None or not record.outputs:
            return
        for relative in record.outputs:
            self.publisher.remove(relative)

    def _drop_orphans(self, documents: list[Document]) -> list[Document]:
        """TEI files whose transcript was deleted since the last build go too, unless edited by hand."""
        self.orphans: dict[str, str] = {}
        removed = set()
        for doc in planner.deleted_transcripts(documents, self.old, planner.exists_on_disk):
            if self.toolchain.remove_tei(doc.tei):
                self.orphans[doc.name] = f"its transcript was deleted; {doc.tei} removed"
                removed.add(doc.name)
            else:
                self.orphans[doc.name] = f"its transcript was deleted; {doc.tei} kept (edited by hand)"
        return [doc for doc in documents if doc.name not in removed]

    def _remove_gone(self, present: set[str]) -> None:
        """A document no longer in the edition: its outputs go."""
        for name in planner.gone(self.old, present):
            for record in self.old.documents[name].values():
                self._drop_outputs(record)
            self.removed.append({"document": name, "reason": self.orphans.get(name, "no longer part of the edition")})

    # ---- the web pages, once every document's summary is in ---------------------------------

    def _links_hashes(self, included: list[_Doc]) -> dict[str, str]:
        """Per document, the hash of what its pages link to; recomputed only when a summary changed."""
        inputs = planner.links_inputs([(d.name, d.new["summary"].key) for d in included], self.fingerprints["web"])
        old = self.old.site.get("links")
        if old is not None and not planner.changed_inputs(old, inputs):
            self.new.site["links"] = old
            return old.data["hashes"]
        self._compute_links(included)
        hashes = {d.name: digest_bytes(planner.canonical(self.links.get(d.name))) for d in included}
        self.new.site["links"] = Record(inputs=inputs, data={"hashes": hashes})
        return hashes

    def _compute_links(self, included: list[_Doc]) -> None:
        if self.links is not None:
            return
        summaries = {d.name: d.new["summary"].data.get("summary") for d in included}
        try:
            self.links = self.toolchain.web_links(summaries)
        except StepError as error:
            raise EnvironmentProblem(f"cannot link the web edition's pages: {error}") from None

    def _plan_web(self, docs: list[_Doc]) -> None:
        """Plan each document's pages: they depend on its TEI and on its neighbours in the edition."""
        self.links: dict[str, Any] | None = None
        if "web" not in self.o.only or self.runner.stopping:
            for item in docs:  # not asked for, or stopped: left as they were
                if "web" not in item.new and "web" in item.old and item.failure is None:
                    item.new["web"] = item.old["web"]
            return
        included = [d for d in docs if d.failure is None and d.new.get("summary") is not None]
        hashes = self._links_hashes(included)
        for item in included:
            item.links_hash = hashes[item.name]
            old = item.old.get("web")
            reasons = planner.stale(old, self._inputs(item, "web"), self.publisher.published)
            if reasons:
                self._compute_links(included)
                self._submit_render(item, ["web"], {"web": describe("web", reasons)})
            else:
                item.new["web"] = old
                for relative in old.outputs:
                    self.publisher.claim(relative, f"web {item.name}")

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

        if self.runner.stopping:
            return
        included = [d for d in docs if d.failure is None and d.tei_hash is not None]
        for step in SITE_STEPS:
            if OUTPUT_OF_STEP[step] not in self.o.only or step == "web-search":  # the search index needs the pages
                continue
            own = "web" if step == "web-site" else "print"
            if own == "web":
                if any(path.startswith(PRIVATE) and not self._for_search(path)
                       for d in included for path in getattr(d.old.get("web"), "outputs", ())):
                    continue
                summaries = [(d.name, d.new["summary"].data.get("summary")) for d in included if d.new.get("summary")]
                inputs = self._site_inputs(step, [(name, planner.web_member(summary, [])) for name, summary in summaries])
            else:
                members = [d for d in included if own in d.new]
                inputs = self._site_inputs(step, [(d.name, self._site_member(d, own)) for d in members])
            if not self._site_reasons(step, inputs):
                continue
            if own == "web":
                payload = [SiteDocument(name, None, summary, {}) for name, summary in summaries]
            else:
                payload = [self._site_document(d, own) for d in members]
            previous = planner.previous_pages(self.old.site.get(step), inputs["code"], self.publisher.published)

            def submit(step=step, inputs=inputs, payload=payload, previous=previous) -> None:
                self._submit_site("speculated", (step, inputs), step, payload, previous)

            if self.runner.executor is None:  # queued, to size the pool with the pages; submitted first
                self.runner.defer(0, submit, weight=float("inf"))
            else:
                submit()

    def _gather_speculated(self, _item, extra, outcome) -> None:
        step, inputs = extra
        self.speculated[step] = (inputs, outcome)

    # ---- the cross-document steps ------------------------------------------------------------

    def _site(self, docs: list[_Doc]) -> None:
        from pipeline.builder.toolchain import SiteDocument

        if self.runner.stopping:
            return
        included = [d for d in docs if d.failure is None and d.tei_hash is not None]
        self.runner.planning()
        postings = getattr(self.toolchain, "search_postings", None)
        for step in SITE_STEPS:
            if OUTPUT_OF_STEP[step] not in self.o.only or (step == "web-search" and not postings):
                continue
            own = OUTPUT_OF_STEP[step]
            members = [d for d in included if own in d.new]
            if step == "web-search":
                found = {d.name: self._outputs_under(d, own, postings) for d in members}
                inputs = self._site_inputs(step, [(d.name, planner.web_member(None, found[d.name])) for d in members])
            else:
                inputs = self._site_inputs(step, [(d.name, self._site_member(d, own)) for d in members])
            old = self.old.site.get(step)
            reasons = self._site_reasons(step, inputs)
            if not reasons:
                self.new.site[step] = old
                for relative in old.outputs:
                    self.publisher.claim(relative, step)
                continue
            speculated = self.speculated.pop(step, None)
            if speculated is not None and speculated[0] == inputs:  # made beside the pages, from these inputs
                self.progress.add(1)
                self._gather_site(None, (step, inputs, describe(step, reasons)), speculated[1])
                continue
            if speculated is not None:  # made beside the pages in vain: its work counted, and how often
                self._stage(step, 0.0, speculated[1].seconds, 0, speculated[1].peak_mib)
                self.timings[step]["discarded"] = self.timings[step].get("discarded", 0) + 1
            if step == "web-search":  # what it gets of a document: where its postings are (read there, one at a time)
                payload = [SiteDocument(d.name, None, None, {path: str(self.publisher.path(path)) for path, _ in found[d.name]})
                           for d in members]
            else:
                payload = [self._site_document(d, own) for d in members]
            previous = planner.previous_pages(old, inputs["code"], self.publisher.published)
            self.runner.defer(1, lambda step=step, inputs=inputs, reasons=reasons, payload=payload, previous=previous:
                              self._submit_site("site", (step, inputs, describe(step, reasons)), step, payload, previous))

    def _site_cache(self, step: str) -> str | None:
        """Where the edition's PDF keeps its typeset front and back matter between builds (pipeline.print.cache):
        `.NAME.print-cache` beside the output folder, which no clean-up of the build removes."""
        if step != "print-edition":
            return None
        from pipeline.print.cache import cache_beside

        return str(cache_beside(self.publisher.output_dir))

    def _site_folder(self, step: str) -> str | None:
        """Where the edition's PDF is written as it is bound (it is moved into the outputs when gathered)."""
        return str(self.publisher.work_folder()) if step == "print-edition" else None

    def _site_inputs(self, step: str, members: list[tuple[str, str]]) -> dict[str, str]:
        return planner.site_inputs(members, self.fingerprints[_SITE_CODE[step]])

    def _site_reasons(self, step: str, inputs: dict[str, str]) -> list[str]:
        return planner.stale(self.old.site.get(step), inputs, self.publisher.published)

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
        private = sorted((path, digest) for path, digest in record.outputs.items()
                         if path.startswith(PRIVATE) and not self._for_search(path))
        return planner.web_member(summary.data.get("summary") if summary else None, private)

    def _for_search(self, path: str) -> bool:
        """An output of the pages that the step after them (web-search) takes, not the web site's step."""
        prefixes = getattr(self.toolchain, "search_postings", None)
        return bool(prefixes) and path.startswith(prefixes)

    @staticmethod
    def _outputs_under(item: _Doc, own: str, prefix: str | tuple[str, ...]) -> list[tuple[str, str]]:
        """A document's outputs of a step whose paths begin with `prefix` (or one of them): (path, hash), sorted."""
        record = item.new.get(own)
        return sorted((path, digest) for path, digest in (record.outputs if record else {}).items()
                      if path.startswith(prefix))

    def _site_document(self, item: _Doc, own: str):
        """What a cross-document step gets of one document: its TEI, web summary and private files."""
        from pipeline.builder.toolchain import SiteDocument

        private = {}
        record = item.new.get(own)
        for relative in sorted(record.outputs if record else ()):
            if relative.startswith(PRIVATE) and own == "print":  # the typeset parts: read where they are, when bound
                private[relative[len(PRIVATE):]] = str(self.publisher.path(relative))
            elif relative.startswith(PRIVATE) and not self._for_search(relative):
                data = item.private.get(relative)
                if data is None:
                    data = self.publisher.read(relative)
                private[relative[len(PRIVATE):]] = data
        summary = item.new.get("summary")
        tei = str(item.doc.tei) if own == "print" else None  # read there by the step: not held here for the whole edition
        return SiteDocument(item.name, None, summary.data.get("summary") if summary else None, private,
                            tei_path=tei, tei_hash=item.tei_hash if tei else None)

    def _gather_site(self, _item, extra, outcome) -> None:
        step, inputs, reasons = extra
        self._stage(step, 0.0, outcome.seconds, 1, outcome.peak_mib)
        self.progress.step("(edition)", step, outcome.ok, outcome.error or "")
        self.rebuilt.append({"step": step, "document": None, "reasons": reasons})
        record = Record(inputs=inputs, ok=outcome.ok, error=outcome.error)
        if outcome.ok:
            old = self.old.site.get(step)
            # pages the step left as published (their inputs unchanged): kept, with their old hashes
            kept = {path: old.outputs[path] for path in outcome.data.get("kept", ()) if old and path in old.outputs}
            problem = self.publisher.refusal(outcome.outputs, step)
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

    def _finish(self, docs: list[_Doc], started: float) -> BuildResult:
        """Publish the outputs with the state, the report and the digest cache, in one exchange."""
        from pipeline.builder.worker import peak_mib

        for item in docs:
            if item.unfinished:  # stopped before its work came back: it stays as it was
                item.new.clear()
                item.new.update(item.old)
        report = self._report(docs)
        files = {STATE_NAME: self.new.dump(), HASHES_NAME: self.cache.dump()}
        self.publisher.publish(files, self.old.all_outputs() - self.new.all_outputs(),
                               report=lambda: self._report_files(report, started, peak_mib))
        return BuildResult(report["exit_code"], report)

    def _report_files(self, report: dict[str, Any], started: float, peak_mib) -> dict[str, bytes]:
        """report.json and report.html, from one report, made last (the publish's own time in it)."""
        self._stage("publish", time.perf_counter() - started, 0.0, 0, peak_mib())
        report["timings"] = self.timings
        as_json = report_format.to_json(report)
        return {REPORT_JSON: as_json, REPORT_HTML: report_format.to_html(report, digest_bytes(as_json))}

    def _report(self, docs: list[_Doc]) -> dict[str, Any]:
        from pipeline.builder.stats import corpus_stats

        entries = []
        stats = {}
        errors = warnings = failed = 0
        for item in docs:
            messages: list[dict[str, Any]] = []
            for step in STEPS:
                record = item.new.get(step)
                if record is not None:
                    messages.extend(record.messages)
            if item.failure is not None and not self.o.keep_going:
                messages.extend(m for m in item.extra_messages if m not in messages)
            failure = item.failure
            if failure is None:
                for step in STEPS:
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
                stats[item.name] = validated.data.get("stats", {})
            entries.append({
                "name": item.name,
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
            "skipped": self.skipped,
            "conflicts": self.conflicts,
            "timings": self.timings,
            "documents": entries,
            "site": site,
            "statistics": corpus_stats(stats),
        }


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
