"""The tasks a pool process runs, with the toolchain's steps opened once per process (and per thread).

Every task is a pure function of bytes: it reads and writes no file of the
edition, and turns any failure of a step into a one-line error in its result.
The one exception is the edition's PDF (print-edition): it reads each file's
kept part where the build staged it, and writes the PDF into the build's work
folder as it binds it, so that neither the parts nor the book pass through memory.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Any

from pipeline.builder.toolchain import OUTPUTS, Worker, load_toolchain

_local = threading.local()


def initialize(toolchain_spec: str | None, parent: int) -> None:
    """Pool initializer: open the steps (compile stylesheets and schemas) for this process (None: the
    process's one task opens what it needs).

    A failure here is left for the tasks to meet again and report per document,
    instead of breaking the whole pool without a word.
    """
    _exit_with_parent(parent)
    if toolchain_spec is None:
        return
    try:
        _worker(toolchain_spec)
    except Exception:  # noqa: BLE001
        pass


def measured(fn, *args) -> tuple[Any, float]:
    """Run a task; its result, and this process's resident memory after it (MiB), by which the pool
    decides whether the process goes on."""
    return fn(*args), resident_mib()


def resident_mib() -> float:
    """This process's resident memory now, in MiB (its peak so far where /proc is not there)."""
    try:
        with open("/proc/self/status", "rb") as status:
            for line in status:
                if line.startswith(b"VmRSS:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    return peak_mib()


def _exit_with_parent(parent: int) -> None:
    """End this pool process when the build that started it is gone (even killed with SIGKILL).

    A pool process waiting for work would otherwise wait for ever: it holds
    both ends of the pool's queue itself, so it never sees the build close it.
    `parent` is the build's pid, as the build gave it: read here, it could
    already be init's, if the build was killed while this process started.
    """
    import os

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.2)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def _worker(toolchain_spec: str) -> Worker:
    """The opened steps for a toolchain "module:attribute#fingerprint#outputs".

    The fingerprint part makes a process that serves several builds (tests,
    a long-lived Dask worker) open the steps again when their code changed;
    the outputs part says which steps to compile (tei, web, print).
    """
    opened = getattr(_local, "opened", None)
    if opened is None or opened[0] != toolchain_spec:
        _local.opened = None  # drop the previous steps before compiling the new ones
        name, _, rest = toolchain_spec.partition("#")
        outputs = frozenset(filter(None, rest.partition("#")[2].split(",")))
        _local.opened = (toolchain_spec, load_toolchain(name).open_worker(outputs or frozenset(OUTPUTS)))
    return _local.opened[1]


@dataclass
class Outcome:
    """What one step did for one target."""

    ok: bool
    seconds: float
    outputs: dict[str, bytes] = field(default_factory=dict)
    messages: list[dict[str, Any]] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    error: str | None = None
    tei: bytes | None = None
    peak_mib: float = 0.0  # the process's peak resident memory when the step ended (its peak so far)


def peak_mib() -> float:
    """This process's peak resident memory so far, in MiB (Linux reports KiB)."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _failure(step: str, error: BaseException, started: float) -> Outcome:
    text = " ".join(str(error).split()) or type(error).__name__
    from pipeline.builder.toolchain import StepError

    if not isinstance(error, StepError):
        text = f"{step} failed: {type(error).__name__}: {text}"
    return Outcome(ok=False, seconds=time.perf_counter() - started, error=text[:2000], peak_mib=peak_mib())


def convert_task(toolchain_spec: str, source: bytes, source_name: str, editorial=None) -> Outcome:
    """Convert one transcript (with its editors' decisions and catalogue entry); its TEI comes back in
    `tei`, its warnings in `messages`."""
    started = time.perf_counter()
    try:
        converted = _worker(toolchain_spec).convert(source, source_name, editorial)
    except Exception as error:  # noqa: BLE001 - any failure is this document's, reported in one line
        return _failure("convert", error, started)
    return Outcome(
        ok=True,
        seconds=time.perf_counter() - started,
        messages=[m.as_dict() for m in converted.warnings],
        tei=converted.tei,
        peak_mib=peak_mib(),
    )


def render_task(toolchain_spec: str, name: str, tei: bytes, steps: tuple[str, ...], links: Any = None,
                summary: Any = None) -> dict[str, Outcome]:
    """Run the named per-document steps (validate, summary, print, web) on one TEI file.

    When validation is among them and finds errors, the others are not run. `summary` is the file's summary
    when an earlier task made it (the web step then does not make it again).
    """
    outcomes: dict[str, Outcome] = {}
    worker = None
    for step in steps:
        started = time.perf_counter()
        try:
            worker = worker or _worker(toolchain_spec)
            if step == "validate":
                validated = worker.validate(tei, name)
                outcomes[step] = Outcome(
                    ok=validated.ok,
                    seconds=time.perf_counter() - started,
                    messages=[m.as_dict() for m in validated.messages],
                    data={"stats": validated.stats},
                    error=None if validated.ok else "the TEI file is not valid",
                )
                if not validated.ok:
                    break
            elif step == "summary":
                summary = worker.web_summary(tei, name)
                outcomes[step] = Outcome(True, 0.0, data={"summary": summary})
            elif step == "web":
                made = worker.web_document(tei, name, links, summary)
                outputs, messages = made if isinstance(made, tuple) else (made, [])
                outcomes[step] = Outcome(True, 0.0, outputs=outputs, messages=[m.as_dict() for m in messages])
            elif step == "print":
                outcomes[step] = Outcome(True, 0.0, outputs=worker.print_document(tei, name))
            else:
                raise ValueError(f"unknown step {step}")
            outcomes[step].seconds = time.perf_counter() - started
            outcomes[step].peak_mib = peak_mib()
        except Exception as error:  # noqa: BLE001
            outcomes[step] = _failure(step, error, started)
            break
    return outcomes


def site_task(toolchain_spec: str, step: str, documents: list, previous: dict | None = None,
              folder: str | None = None, cache: str | None = None) -> Outcome:
    """Run one cross-document step (web-site, web-search, print-edition) on every gathered document.

    A toolchain whose worker has `write_print_edition(documents, folder) -> {path: file}` writes the
    edition's PDF into `folder` (given by the build, beside its output) instead of returning its bytes;
    with `cache`, as `write_print_edition(documents, folder, cache=cache)`: a folder kept between builds
    for what the step can reuse (the typeset front and back matter).

    A toolchain whose worker has `web_site_pages(documents, previous) -> (outputs, pages, kept)` makes
    the web site's pages incrementally: `previous` is the `pages` of the published build (same code),
    and the outcome's data says which pages it left as published (`kept`)."""
    started = time.perf_counter()
    data: dict[str, Any] = {}
    try:
        worker = _worker(toolchain_spec)
        incremental = getattr(worker, "web_site_pages", None)
        if step == "web-site" and incremental is not None:
            outputs, pages, kept = incremental(documents, previous or {})
            data = {"pages": pages, "kept": kept}
        elif step == "web-site":
            outputs = worker.web_site(documents)
        elif step == "web-search":
            outputs = worker.web_search(documents)
        elif step == "print-edition" and folder is not None and hasattr(worker, "write_print_edition"):
            outputs = (worker.write_print_edition(documents, folder, cache=cache) if cache is not None
                       else worker.write_print_edition(documents, folder))
        elif step == "print-edition":
            outputs = worker.print_edition(documents)
        else:
            raise ValueError(f"unknown step {step}")
    except Exception as error:  # noqa: BLE001
        return _failure(step, error, started)
    return Outcome(ok=True, seconds=time.perf_counter() - started, outputs=outputs, data=data, peak_mib=peak_mib())
