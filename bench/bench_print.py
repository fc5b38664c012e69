"""Benchmark of `pipeline print` at scale: time and peak memory per process, at N files.

    python bench/bench_print.py --sizes 100            # corpora made by bench/corpus.py, converted once
    python bench/bench_print.py --tei DIR              # a TEI folder as it is

For each size it runs `pipeline print` on the whole corpus in a fresh process (as a user would) and
prints, as JSON: files, pages, the command's wall time and CPU time (its own and its typesetting
process's), seconds per page, and the peak resident memory (VmHWM) of each of its processes: the main
one (XSLT, binding) and the typesetting one (WeasyPrint). Targets (issue 11, issue 16): every process
under 300 MiB at 1,000 files, the main process under 150 MiB. Nothing is asserted: these are figures.
For the ratio against WeasyPrint alone on the same paged HTML, see `python -m pipeline.print.bench`.

    python bench/bench_print.py --edition-step 1000    # the build's print-edition step alone, at N files

measures the build's edition-PDF step (pipeline.builder.worker.site_task, print-edition, as `pipeline
build` runs it) at N files without typesetting N parts: the parts of the TEI folder's files (default
tei/) are typeset once, kept as a build keeps them (.cache/print/NAME.pdf and .json) under N names, and
the step binds the edition from them in a fresh process, writing it into a work folder (with
`--as-print`, as `pipeline print`'s main process binds it, for its peak memory: target < 150 MiB; with
`--cached` too, twice with a cache folder and the second run measured: the front and back matter kept,
as after an edit that moves no page, pipeline.print.cache). It prints that
process's peak memory (a build's worker: the stylesheets and schemas it opens, and the binding) and the
largest of the processes it starts for the front and back matter (Saxon, WeasyPrint), against issue
11's 300 MiB a process; its time, the edition's pages and size, and the size of what the build's main
process sends it (the TEI and the parts' paths).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PIPELINE = [sys.executable, "-c", "from pipeline.cli import main; main()"]


def _hwm(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def _children(pid: int) -> list[int]:
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as children:
                found += [int(c) for c in children.read().split()]
    except OSError:
        pass
    return found


def _watch(process: subprocess.Popen) -> dict[int, float]:
    """The peak resident memory (VmHWM, MiB) of a process and of each of its children, until it ends."""
    peaks: dict[int, float] = {}
    while process.poll() is None:
        for pid in (process.pid, *_children(process.pid)):
            value = _hwm(pid)
            if value is not None:
                peaks[pid] = max(value, peaks.get(pid, 0.0))
        time.sleep(0.2)
    return peaks


def corpus(size: int, work: Path) -> Path:
    """A converted corpus of `size` transcripts (made once, kept in `work`)."""
    tei = work / f"tei-{size}"
    if len(list(tei.glob("*.xml"))) == size:
        return tei
    sources = work / f"sources-{size}"
    subprocess.run([sys.executable, str(ROOT / "bench" / "corpus.py"), str(size), str(sources)], check=True)
    subprocess.run([*PIPELINE, "convert", *map(str, sorted(sources.glob("*.txt"))), "-o", str(tei)],
                   check=True, capture_output=True, cwd=ROOT)
    return tei


def measure(tei: Path, out: Path) -> dict:
    paths = sorted(tei.glob("*.xml"))
    start = time.perf_counter()
    process = subprocess.Popen([*PIPELINE, "print", *map(str, paths), "-o", str(out)], cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peaks = _watch(process)
    wall = time.perf_counter() - start
    if process.returncode != 0:
        raise SystemExit(f"pipeline print failed with status {process.returncode}")
    import resource

    cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    pages = int(next(line.split()[-1] for line in subprocess.run(
        ["pdfinfo", str(out / "edition.pdf")], capture_output=True, text=True, check=True).stdout.splitlines()
        if line.startswith("Pages:")))
    main = peaks.pop(process.pid, 0.0)
    return {
        "files": len(paths),
        "edition_pages": pages,
        "wall_s": round(wall, 1),
        "cpu_s_all_processes": round(cpu.ru_utime + cpu.ru_stime, 1),
        "edition_mib": round((out / "edition.pdf").stat().st_size / 2**20, 1),
        "peak_rss_mib_main_process": round(main, 1),
        "peak_rss_mib_other_processes": sorted(round(v, 1) for v in peaks.values()),
    }


_STEP = """
import json, pickle, sys, time
from pathlib import Path
from pipeline.builder.toolchain import DEFAULT_TOOLCHAIN, SiteDocument
from pipeline.builder.worker import site_task

def main():
    kept, folder = Path(sys.argv[1]), sys.argv[2]
    documents = []
    for tei in sorted((kept / "tei").glob("*.xml")):
        name = tei.stem
        documents.append(SiteDocument(name, tei.read_bytes(), None,
            {f"print/{name}.{kind}": str(kept / ".cache" / "print" / f"{name}.{kind}") for kind in ("pdf", "json")}))
    payload = len(pickle.dumps(documents))
    started, cpu = time.perf_counter(), time.process_time()
    outcome = site_task(DEFAULT_TOOLCHAIN + "##print", "print-edition", documents, None, folder)
    if not outcome.ok:
        raise SystemExit(outcome.error)
    print(json.dumps({"payload_mib": payload / 2**20, "wall_s": time.perf_counter() - started, "cpu_s": time.process_time() - cpu,
                      "edition": str(outcome.outputs["print/edition.pdf"]),
}))

if __name__ == "__main__":
    main()
"""


#: The same, as `pipeline print` binds the edition in its main process (pipeline.print.cli).
_PRINT = """
import json, sys, time
from dataclasses import replace
from pathlib import Path
from pipeline.print import Printer, read_tei
from pipeline.print.pdf import Typeset
from pipeline.print.process import HtmlProcess, PdfProcess

def main():
    kept, folder = Path(sys.argv[1]), Path(sys.argv[2])
    cache = Path(sys.argv[3]) if len(sys.argv) > 3 else None  # the front and back matter kept (pipeline.print.cache)
    tei = sorted((kept / "tei").glob("*.xml"))
    files = [read_tei(p.read_bytes(), name=p.name) for p in tei]
    parts = [Typeset.from_layout(b"", (kept / ".cache" / "print" / f"{p.stem}.json").read_bytes()) for p in tei]
    where = {id(part): kept / ".cache" / "print" / f"{p.stem}.pdf" for part, p in zip(parts, tei)}
    files = [replace(file, text="") for file in files]  # as pipeline print does once the parts are made
    started, cpu = time.perf_counter(), time.process_time()
    with PdfProcess(pieces=1) as pdfs, HtmlProcess(transforms=1) as htmls:
        Printer(typesetter=pdfs, xslt=htmls, cache=cache).write_book(folder / "edition.pdf", files, parts, scope="edition",
                                                        pdf_of=lambda part: where[id(part)].read_bytes())
    print(json.dumps({"payload_mib": 0.0, "wall_s": time.perf_counter() - started, "cpu_s": time.process_time() - cpu,
                      "edition": str(folder / "edition.pdf"),
}))

if __name__ == "__main__":
    main()
"""


def edition_step(size: int, tei: Path, work: Path, as_print: bool = False, cached: bool = False) -> dict:
    """The build's print-edition step at `size` files, from the parts of `tei`'s files kept under `size`
    names; `cached` (with as_print): bound twice with a cache folder, the second run's figures."""
    import shutil

    from pipeline.print import Printer, read_tei

    kept = work / f"edition-step-{size}{'-print' if as_print else ''}"
    shutil.rmtree(kept, ignore_errors=True)
    (kept / "tei").mkdir(parents=True)
    (kept / ".cache" / "print").mkdir(parents=True)
    printer = Printer()
    sources = sorted(tei.glob("*.xml"))
    typeset = []
    for path in sources:
        part = printer.part(read_tei(path.read_bytes(), name=path.name))
        typeset.append((path, part))
    for k in range(size):
        path, part = typeset[k % len(typeset)]
        name = f"{k:04d}_{path.stem}"
        (kept / "tei" / f"{name}.xml").write_bytes(path.read_bytes())
        (kept / ".cache" / "print" / f"{name}.pdf").write_bytes(part.pdf)
        layout = json.loads(part.layout())
        rename = lambda anchor: anchor.replace(f":{path.stem}", f":{name}", 1)  # noqa: E731 - anchors name their file
        layout["anchors"] = {rename(a): v for a, v in layout["anchors"].items()}
        layout["titles"] = {rename(a): v for a, v in layout["titles"].items()}
        (kept / ".cache" / "print" / f"{name}.json").write_text(json.dumps(layout))
    folder = kept / "work"
    folder.mkdir()
    script = work / "edition_step.py"  # a file: spawned processes import their parent's main module
    script.write_text(_PRINT if as_print else _STEP)
    extra = [str(kept / "cache")] if cached and as_print else []
    for _ in range(2 if extra else 1):  # with a cache: the first run fills it, the second is measured
        process = subprocess.Popen([sys.executable, str(script), str(kept), str(folder), *extra], cwd=ROOT, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
        peaks = _watch(process)  # VmHWM: getrusage's figure of a process includes its parent's when it was started
        stdout, stderr = process.communicate()
    if process.returncode != 0:
        raise SystemExit(f"the print-edition step failed: {stderr.strip()[-2000:]}")
    figures = json.loads(stdout.strip().splitlines()[-1])
    figures["peak_rss_mib_step_process"] = peaks.pop(process.pid, 0.0)
    figures["peak_rss_mib_other_processes"] = sorted(round(v, 1) for v in peaks.values())
    edition = Path(figures.pop("edition"))
    pages = int(next(line.split()[-1] for line in subprocess.run(
        ["pdfinfo", str(edition)], capture_output=True, text=True, check=True).stdout.splitlines() if line.startswith("Pages:")))
    return {"files": size, "edition_pages": pages, "edition_mib": round(edition.stat().st_size / 2**20, 1),
            **{k: round(v, 1) if isinstance(v, float) else v for k, v in figures.items()}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100", help="comma-separated corpus sizes (default 100)")
    parser.add_argument("--tei", type=Path, help="measure this TEI folder instead of generated corpora")
    parser.add_argument("--work", type=Path, default=Path("/tmp/pipeline-bench-print"), help="where corpora and outputs go")
    parser.add_argument("--edition-step", type=int, metavar="N", help="measure the build's print-edition step alone at N files")
    parser.add_argument("--as-print", action="store_true", help="with --edition-step: bind as pipeline print's main process does")
    parser.add_argument("--cached", action="store_true", help="with --as-print: bind twice with a cache folder, measure the second (front and back matter kept)")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    if args.edition_step:
        print(json.dumps(edition_step(args.edition_step, args.tei or ROOT / "tei", args.work, args.as_print, args.cached), indent=2), flush=True)
        return
    folders = [args.tei] if args.tei else [corpus(int(n), args.work) for n in args.sizes.split(",")]
    for folder in folders:
        print(json.dumps(measure(folder, args.work / f"out-{folder.name}"), indent=2), flush=True)


if __name__ == "__main__":
    main()
