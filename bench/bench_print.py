"""Benchmark of `pipeline print` at scale: time and peak memory per process, at N files.

    python bench/bench_print.py --sizes 100            # corpora made by bench/corpus.py, converted once
    python bench/bench_print.py --tei DIR              # a TEI folder as it is

For each size it runs `pipeline print` on the whole corpus in a fresh process (as a user would) and
prints, as JSON: files, pages, the command's wall time and CPU time (its own and its typesetting
process's), seconds per page, and the peak resident memory (VmHWM) of each of its processes: the main
one (XSLT, binding) and the typesetting one (WeasyPrint). Targets (issue 11, issue 16): every process
under 300 MiB at 1,000 files, the main process under 150 MiB. Nothing is asserted: these are figures.
For the ratio against WeasyPrint alone on the same paged HTML, see `python -m pipeline.print.bench`.
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
    peaks: dict[int, float] = {}
    while process.poll() is None:
        for pid in (process.pid, *_children(process.pid)):
            value = _hwm(pid)
            if value is not None:
                peaks[pid] = max(value, peaks.get(pid, 0.0))
        time.sleep(0.2)
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100", help="comma-separated corpus sizes (default 100)")
    parser.add_argument("--tei", type=Path, help="measure this TEI folder instead of generated corpora")
    parser.add_argument("--work", type=Path, default=Path("/tmp/pipeline-bench-print"), help="where corpora and outputs go")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    folders = [args.tei] if args.tei else [corpus(int(n), args.work) for n in args.sizes.split(",")]
    for folder in folders:
        print(json.dumps(measure(folder, args.work / f"out-{folder.name}"), indent=2), flush=True)


if __name__ == "__main__":
    main()
