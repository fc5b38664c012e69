"""Benchmark of `pipeline build` (not a test): prints figures, each as a ratio to a baseline measured in the same run.

    .venv/bin/python bench/bench_build.py --sizes 100,1000 --only tei,web,print --jobs 2

For each N: a synthetic corpus of N transcripts (bench/corpus.py), then
  - a clean build: seconds per document, and how that grows from the smallest N (linear: ≤ 1.2×);
  - a no-op rebuild, as a fraction of the clean build (target ≤ 2 %);
  - a one-document edit, as a fraction of the clean build (target ≤ 5 % at N = 1,000);
  - an edit of one file's dates (which the edition-wide index and facet pages show), as a fraction;
  - the peak resident memory of a process per step, for the clean build and the one-document edit (target
    < 300 MiB): each step's figure is the largest peak of a process that ran it, read when the step ended
    (a worker's peak so far, so a step that follows a larger one in the same process inherits its figure);
    "main process" is the build's own process, read as it publishes.
At the smallest N: the speed-up of 2 workers over 1 (target ≥ 1.7×), over pairs of clean builds (-j 1, -j 2)
alternating, each pair's ratio and their median, and the same for the per-document phase alone.
Per document: the web stylesheet's time against an identity transform of the same document on the same
compiled processor (the floor), and validation against jing on the same files (when pipeline.validate exists).
On the bundled corpus: `pipeline convert` in one command against pandoc (`-f markdown -t tei`, one process
per file). Start-up: `pipeline --help` and a no-op build, less a bare interpreter's start-up (target < 150 ms).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from corpus import generate  # noqa: E402

PYTHON = Path(sys.executable)
PIPELINE = PYTHON.parent / "pipeline"
#: The environment of every command run: set by main() (the snapshot on PYTHONPATH, bytecode cached).
ENV: dict[str, str] = dict(os.environ)


def snapshot(work: Path, revision: str) -> Path:
    """The project's code at `revision` (git archive), so that work going on in the tree cannot change the figures."""
    project = work / "project"
    project.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", revision, "pipeline", "xslt", "schema"],
                             capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(project)], input=archive, check=True)
    (project / "node_modules").symlink_to(ROOT / "node_modules")
    return project


def build(folder: Path, *args: str, toolchain: str | None = None) -> tuple[float, dict]:
    """Run `pipeline build` in `folder`; (wall seconds, report)."""
    command = [str(PIPELINE), "build", "-q", *args]
    if toolchain:
        command += ["--toolchain", toolchain]
    started = time.perf_counter()
    done = subprocess.run(command, cwd=folder, capture_output=True, text=True, env=ENV)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"pipeline build failed in {folder}: {done.stderr.strip()}")
    report = json.loads((folder / "build" / "report.json").read_text())
    return elapsed, report


def best_of(times: int, command: list[str], cwd: Path | None = None) -> float:
    best = float("inf")
    for _ in range(times):
        started = time.perf_counter()
        subprocess.run(command, cwd=cwd, capture_output=True, check=False, env=ENV)
        best = min(best, time.perf_counter() - started)
    return best


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kib / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    load = ", load average %.1f %.1f %.1f" % os.getloadavg()
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} × {cpu}{memory}{load}, Python {platform.python_version()}"


def stage_line(report: dict) -> str:
    return ", ".join(
        f"{stage} {t['work']:.1f}s" for stage, t in report["timings"].items() if t["work"] and stage not in ("schema",)
    )


def memory_line(report: dict) -> str:
    """Peak resident memory of a process per step (MiB; the build's own process: "main")."""
    parts = [f"{stage} {t['peak_mib']:.0f}" for stage, t in report["timings"].items()
             if t.get("peak_mib") and stage != "publish"]
    main = report["timings"].get("publish", {}).get("peak_mib")
    if main:
        parts.append(f"main process {main:.0f}")
    worst = max([t.get("peak_mib", 0) for t in report["timings"].values()] or [0])
    return f"{', '.join(parts) or 'n/a'} (largest {worst:.0f} MiB; target < 300 MiB)"


def edition_steps(report: dict) -> list[str]:
    """The edition-wide steps a build made again."""
    return sorted(item["step"] for item in report["rebuilt"] if item["document"] is None)


def bench_sizes(sizes: list[int], work: Path, only: str, jobs: int, toolchain: str | None) -> dict[int, float]:
    per_doc: dict[int, float] = {}
    for n in sizes:
        folder = work / f"n{n}"
        generate(n, folder / "sources")
        clean, report = build(folder, "--only", only, "-j", str(jobs), toolchain=toolchain)
        per_doc[n] = clean / n
        failed = report["summary"]["failed"]
        shards = sorted((folder / "build" / "web" / "assets" / "search").glob("*.js"))
        noop, _ = build(folder, "--only", only, "-j", str(jobs), toolchain=toolchain)
        edited = sorted((folder / "sources").glob("*.txt"))[n // 2]
        edited.write_text(edited.read_text("utf-8") + "\n\nA paragraph added by the benchmark.\n", "utf-8")
        edit, edit_report = build(folder, "--only", only, "-j", str(jobs), toolchain=toolchain)
        # an edit of what the edition-wide pages show (a file's dates): the index and facet pages are made again
        dated = sorted((folder / "sources").glob("*.txt"))[n // 3]
        dated.write_text(re.sub(r"(?<!ACT )(?<!Act )\b(19[6-9]\d)\b", lambda m: str(int(m.group(1)) - 1),
                                dated.read_text("utf-8")), "utf-8")
        meta, meta_report = build(folder, "--only", only, "-j", str(jobs), toolchain=toolchain)
        print(f"N = {n}: clean build {clean:.1f} s = {1000 * clean / n:.0f} ms per document"
              f" ({report['statistics']['documents']} documents, {failed} files failed); work: {stage_line(report)}")
        if shards:
            print(f"  search: {len(shards)} indexes (one per file), {sum(p.stat().st_size for p in shards) / 1e6:.1f} MB")
        print(f"  no-op rebuild      {noop:.2f} s = {100 * noop / clean:.2f} % of the clean build (target ≤ 2 %)")
        print(f"  one-document edit  {edit:.2f} s = {100 * edit / clean:.2f} % of the clean build "
              f"(target ≤ 5 % at N = 1,000); rebuilt {len(edit_report['rebuilt'])} targets"
              f" ({', '.join(edition_steps(edit_report)) or 'no edition-wide step'})")
        print(f"  one-document metadata edit (its dates) {meta:.2f} s = {100 * meta / clean:.2f} % of the clean build;"
              f" rebuilt {len(meta_report['rebuilt'])} targets ({', '.join(edition_steps(meta_report)) or 'no edition-wide step'});"
              f" work: {stage_line(meta_report)}")
        print(f"  peak memory per process per step (MiB), clean build: {memory_line(report)}")
        print(f"  peak memory per process per step (MiB), one-document edit: {memory_line(edit_report)}")
        if n != sizes[0]:
            growth = per_doc[n] / per_doc[sizes[0]]
            print(f"  per-document time at N = {n} / at N = {sizes[0]}: {growth:.2f}× (linear: ≤ 1.2×)")
    return per_doc


def machine_busy() -> float:
    """CPU seconds the whole machine has been busy (every process, every session), from /proc/stat."""
    fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:8]
    user, nice, system, _idle, _iowait, irq, softirq = map(int, fields)
    return (user + nice + system + irq + softirq) / os.sysconf("SC_CLK_TCK")


def own_cpu() -> float:
    """CPU seconds of this process and of the builds it ran (their worker processes included)."""
    me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


def bench_speedup(n: int, work: Path, only: str, toolchain: str | None, runs: int) -> None:
    """2 workers over 1: clean builds of one corpus, -j 1 and -j 2 alternating (which goes first alternates
    too), each ratio from a pair of builds made one after the other; the median of the ratios.

    Each build also says how many cores the rest of the machine kept busy meanwhile: Linux gives each
    session (autogroup) an equal share of the CPUs, so while another session keeps even one core busy,
    a 2-worker build gets one core, as a 1-worker build does, and the pair measures the sharing, not
    the build. The median over the pairs made on an otherwise idle machine (others < 0.2 cores) is
    printed apart, next to the median over all pairs.
    """
    template = work / f"speedup-sources-{n}"
    generate(n, template)
    ratios, phase_ratios, quiet, state = [], [], [], None
    for run in range(runs):
        times, phases, others = {}, {}, {}
        for jobs in ((1, 2) if run % 2 == 0 else (2, 1)):
            folder = work / "speedup"
            shutil.rmtree(folder, ignore_errors=True)
            shutil.copytree(template, folder / "sources")
            busy, own = machine_busy(), own_cpu()
            times[jobs], report = build(folder, "--only", only, "-j", str(jobs), toolchain=toolchain)
            others[jobs] = max(0.0, (machine_busy() - busy) - (own_cpu() - own)) / times[jobs]
            phases[jobs] = report["timings"]["documents"]["wall"]
            made = (folder / "build" / ".pipeline-build.json").read_bytes()
            if state is not None and made != state:
                raise SystemExit("speed-up: -j 1 and -j 2 did not make the same outputs")
            state = made
        ratios.append(times[1] / times[2])
        phase_ratios.append(phases[1] / phases[2])
        if max(others.values()) < 0.2:
            quiet.append(ratios[-1])
        print(f"  run {run + 1}: -j 1 {times[1]:.2f} s, -j 2 {times[2]:.2f} s = {ratios[-1]:.2f}×;"
              f" per-document phase {phases[1]:.2f} s / {phases[2]:.2f} s = {phase_ratios[-1]:.2f}×"
              f" (load average {os.getloadavg()[0]:.2f}; the rest of the machine kept"
              f" {others[1]:.2f} and {others[2]:.2f} cores busy)")
    print(f"speed-up of 2 workers over 1 (N = {n}, clean builds, {runs} pairs): median {statistics.median(ratios):.2f}×"
          f" ({min(ratios):.2f}–{max(ratios):.2f}×) (target ≥ 1.7×); per-document phase alone:"
          f" median {statistics.median(phase_ratios):.2f}× ({min(phase_ratios):.2f}–{max(phase_ratios):.2f}×)")
    if quiet:
        print(f"  over the {len(quiet)} pairs made with the rest of the machine idle: median {statistics.median(quiet):.2f}×"
              f" ({min(quiet):.2f}–{max(quiet):.2f}×)")
    else:
        print("  no pair was made with the rest of the machine idle: these ratios measure how the CPUs were shared")


IDENTITY = """<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:mode on-no-match="shallow-copy"/>
</xsl:stylesheet>
"""


def bench_xslt(tei_dir: Path, work: Path, limit: int = 25) -> None:
    """The web stylesheet per document against the identity transform, on one compiled processor."""
    from pipeline.safexml import parse
    from pipeline.web.renderer import STYLESHEET, file_key
    from pipeline.xslt import XsltRunner

    from lxml import etree

    identity = work / "identity.xsl"
    identity.write_text(IDENTITY)
    runner = XsltRunner({"web": STYLESHEET, "identity": identity})
    files = sorted(tei_dir.glob("*.xml"))[:limit]
    texts = [(p.name, etree.tostring(parse(p.read_bytes(), name=p.name).getroot(), encoding="unicode")) for p in files]
    params = {"edition-title": "PMO Papers", "base-url": ""}
    for name, text in texts[:2]:  # warm up
        runner.transform("identity", text, name=name)
        runner.transform("web", text, name=name, params={**params, "file": file_key(name), "task": "render"})
    t_identity = t_web = 0.0
    for name, text in texts:
        started = time.perf_counter()
        runner.transform("identity", text, name=name)
        t_identity += time.perf_counter() - started
        started = time.perf_counter()
        runner.transform("web", text, name=name, params={**params, "file": file_key(name), "task": "render"})
        t_web += time.perf_counter() - started
    print(f"web stylesheet per document: {1000 * t_web / len(texts):.1f} ms against the identity transform's "
          f"{1000 * t_identity / len(texts):.1f} ms = {t_web / t_identity:.1f}× the floor ({len(texts)} documents)")


def bench_validation(tei_dir: Path, limit: int = 50) -> None:
    try:
        import pipeline.validate  # noqa: F401
    except ImportError:
        print("validation against jing: n/a (pipeline.validate is not installed)")
        return
    from pipeline.builder.steps import _open_validator
    from pipeline.safexml import parse

    files = sorted(tei_dir.glob("*.xml"))[:limit]
    validator = _open_validator()
    rng = Path(sys.modules["pipeline.validate"].COMPILED) / "pmo.rng"
    started = time.perf_counter()
    for path in files:
        data = path.read_bytes()
        validator(parse(data, name=path.name), data, path.name)
    ours = time.perf_counter() - started
    started = time.perf_counter()
    subprocess.run(["jing", str(rng), *map(str, files)], capture_output=True)
    jing = time.perf_counter() - started
    print(f"validation of {len(files)} files: {ours:.2f} s against jing's {jing:.2f} s (one process, RELAX NG only)"
          f" = {ours / jing:.2f}×")


def bench_convert(work: Path) -> None:
    """The bundled corpus converted in one command against pandoc (bench_convert.against_pandoc), on the snapshot."""
    from bench_convert import against_pandoc

    against_pandoc(work, sorted((ROOT / "sources").glob("*.txt")), PIPELINE, ENV)


def bench_startup(noop_folder: Path, only: str, toolchain: str | None) -> None:
    bare = best_of(7, [str(PYTHON), "-c", "pass"])
    helped = best_of(7, [str(PIPELINE), "--help"])
    noop_args = [str(PIPELINE), "build", "-q", "--only", only] + (["--toolchain", toolchain] if toolchain else [])
    noop = best_of(5, noop_args, cwd=noop_folder)
    print(f"start-up: python {1000 * bare:.0f} ms; pipeline --help {1000 * helped:.0f} ms "
          f"(+{1000 * (helped - bare):.0f} ms); no-op build of the bundled corpus {1000 * noop:.0f} ms "
          f"(+{1000 * (noop - bare):.0f} ms) (target < 150 ms over python)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000", help="corpus sizes N, comma-separated")
    parser.add_argument("--only", default="tei,web,print", help="outputs to build (as pipeline build --only)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--speedup-size", type=int, default=0, help="N for the 1-vs-2 workers figure (default: the smallest N)")
    parser.add_argument("--speedup-runs", type=int, default=7, help="pairs of clean builds (-j 1, -j 2) for that figure")
    parser.add_argument("--skip", default="", help="parts to skip: sizes,speedup,xslt,validation,convert,startup")
    parser.add_argument("--workdir", type=Path, help="where corpora and builds go (default: a temporary folder, removed)")
    parser.add_argument("--revision", default="HEAD", help="the commit whose code is measured (default HEAD)")
    parser.add_argument("--toolchain", help=argparse.SUPPRESS)
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)
    sizes = sorted(int(s) for s in args.sizes.split(",") if s)
    skip = set(args.skip.split(","))
    work = args.workdir or Path(tempfile.mkdtemp(prefix="bench-build-"))
    work.mkdir(parents=True, exist_ok=True)
    project = snapshot(work, args.revision)
    ENV.pop("PYTHONDONTWRITEBYTECODE", None)
    ENV["PYTHONPYCACHEPREFIX"] = str(work / "pycache")  # bytecode cached, as on any machine
    ENV["PYTHONPATH"] = os.pathsep.join(filter(None, [str(project), os.environ.get("PYTHONPATH", "")]))
    sys.path.insert(0, str(project))
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", args.revision], capture_output=True, text=True).stdout.strip()
    print(f"machine: {machine()}")
    print(f"code: commit {commit}; outputs: {args.only}; jobs: {args.jobs}")
    try:
        bundled = work / "bundled"
        shutil.copytree(ROOT / "sources", bundled / "sources", dirs_exist_ok=True)
        build(bundled, "--only", args.only, "-j", str(args.jobs), toolchain=args.toolchain)
        if "sizes" not in skip:
            bench_sizes(sizes, work, args.only, args.jobs, args.toolchain)
        if "speedup" not in skip:
            bench_speedup(args.speedup_size or sizes[0], work, args.only, args.toolchain, args.speedup_runs)
        tei_dir = work / f"n{sizes[0]}" / "tei"
        if not tei_dir.is_dir():
            tei_dir = bundled / "tei"
        if "xslt" not in skip:
            bench_xslt(tei_dir, work)
        if "validation" not in skip:
            bench_validation(tei_dir)
        if "convert" not in skip:
            bench_convert(work)
        if "startup" not in skip:
            bench_startup(bundled, args.only, args.toolchain)
    finally:
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
