"""Benchmark of the web edition in the browser (not a test): prints figures, each against a baseline measured
in the same run.

    .venv/bin/python bench/bench_web.py --sizes 100,1000

For each N: a synthetic corpus of N transcripts (bench/corpus.py), converted and made into a site
(`pipeline web`); then in Debian's chromium (Playwright), from disk (file://), the time from opening
search.html?q=WORD to its first results, with the index split by term (assets/search/meta.js and the
shards of the query's terms: target under 1 s at N = 1,000), against the same site with every file's
postings loaded instead (meta.js hidden: what every search cost before the index was split).
The edition-wide index step (pipeline.web.search.search_index) on the site's postings, in a process of its
own: its peak resident memory against the same process's before the step (target: every process of the
build < 300 MiB).
Per document: the web stylesheet's render task, its params made and its pages put together as the build does
(pipeline.web.renderer: the file's summary, as the summary task made it, and its documents' citations; then
pipeline.web.pages), against an identity transform of the same TEI file on the same compiled processor
(target ≤ 5×), in CPU time (Saxon runs in this process; on a shared machine the wall clock measures the other
sessions' load as much as the stylesheet). With --instructions, the same ratio in instructions counted by valgrind
(callgrind), which the machine's load does not change: each run N rounds over the files and none, in processes
of their own, the difference over N rounds being its cost (some minutes).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))
from corpus import generate  # noqa: E402

PIPELINE = Path(sys.executable).parent / "pipeline"
CHROMIUM = "/usr/bin/chromium"
QUERIES = ["gorbachev", "refuseniks", '"human rights"', "conferense"]
IDENTITY = """<xsl:stylesheet xmlns:xsl="http://www.w3.org/1999/XSL/Transform" version="3.0">
  <xsl:mode on-no-match="shallow-copy"/>
</xsl:stylesheet>
"""


def make_site(n: int, work: Path) -> Path:
    sources, tei, site = work / f"src{n}", work / f"tei{n}", work / f"site{n}"
    if not (site / "search.html").is_file():
        generate(n, sources)
        subprocess.run([str(PIPELINE), "convert", *map(str, sorted(sources.glob("*.txt"))), "-o", str(tei)],
                       check=True, capture_output=True)
        started = time.perf_counter()
        subprocess.run([str(PIPELINE), "web", str(tei), "-o", str(site)], check=True, capture_output=True)
        print(f"N = {n}: site made in {time.perf_counter() - started:.1f} s "
              f"({sum(1 for _ in (site / 'assets' / 'search' / 'terms').iterdir())} term shards)")
    return site


def first_search(browser, site: Path, query: str) -> float:
    """Seconds from opening search.html?q=… from disk to its results shown (a fresh page, nothing cached)."""
    from urllib.parse import quote

    context = browser.new_context()
    page = context.new_page()
    page.goto(site.resolve().as_uri() + "/search.html?q=" + quote(query))
    page.wait_for_function("/ for /.test(document.getElementById('search-status').textContent)", timeout=120_000)
    seconds = page.evaluate("performance.now()") / 1000
    context.close()
    return seconds


def bench_search(sizes: list[int], work: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])
        for n in sizes:
            site = make_site(n, work)
            split = {q: statistics.median(first_search(browser, site, q) for _ in range(3)) for q in QUERIES}
            meta = site / "assets" / "search" / "meta.js"
            hidden = meta.with_suffix(".hidden")
            meta.rename(hidden)
            try:
                whole = {q: first_search(browser, site, q) for q in QUERIES[:1]}
            finally:
                hidden.rename(meta)
            for q, seconds in split.items():
                print(f"N = {n}: first search {q!r} from disk {1000 * seconds:.0f} ms"
                      + (f" against {1000 * whole[q]:.0f} ms loading every file's postings = {seconds / whole[q]:.2f}×"
                         if q in whole else ""))
            bench_index_memory(n, site)
            phrase = next(q for q in QUERIES if q.startswith('"'))
            print(f"N = {n}: the phrase {phrase} against the one-word search {QUERIES[0]!r}: "
                  f"{split[phrase] / split[QUERIES[0]]:.2f}× (the phrase answered from the index's word pairs)")
        browser.close()


# the peak resident memory of this process (VmHWM: ru_maxrss would keep the bench's own peak across fork and exec)
INDEX_MEMORY = """
import re, sys, time
from pathlib import Path
from pipeline.web.search import search_index
peak = lambda: int(re.search(r"VmHWM:\\s+(\\d+)", Path("/proc/self/status").read_text()).group(1)) / 1024
postings = {p.stem: p.read_bytes() for p in sorted(Path(sys.argv[1]).glob("*.js"))}
before = peak()
started = time.perf_counter()
out = search_index(postings)
print(before, peak(), time.perf_counter() - started,
      sum(map(len, postings.values())) / 2**20, sum(map(len, out.values())) / 2**20)
"""


def bench_index_memory(n: int, site: Path) -> None:
    """The index step's peak memory, in a fresh process (its input read first, as a build worker gets it)."""
    result = subprocess.run([sys.executable, "-c", INDEX_MEMORY, str(site / "assets" / "search" / "postings")],
                            check=True, capture_output=True, text=True, cwd=ROOT)
    before, peak, seconds, given, made = map(float, result.stdout.split())
    print(f"N = {n}: the search index step peaks at {peak:.0f} MiB (the process with its {given:.0f} MiB of postings read: "
          f"{before:.0f} MiB; {made:.0f} MiB of shards made in {seconds:.1f} s)")


def transform_inputs(tei_dir: Path, work: Path, limit: int = 25):
    """A runner of the web stylesheet and of the identity transform, the TEI files checked (name, text), and the web
    edition's step per file on the same runner: the render task, given what the build gives it (the file's
    summary, made before, and its documents' citations), its pages put together (WebRenderer.render_pages)."""
    from pipeline.web.renderer import STYLESHEET, WebRenderer
    from pipeline.xslt import XsltRunner

    identity = work / "identity.xsl"
    identity.write_text(IDENTITY)
    runner = XsltRunner({"web": STYLESHEET, "identity": identity})
    renderer = WebRenderer(runner=runner)
    sources = {p.name: renderer.load(p.read_bytes(), p.name) for p in sorted(tei_dir.glob("*.xml"))[:limit]}
    summaries = {name: renderer.summarise(source) for name, source in sources.items()}

    def render(name: str) -> None:
        renderer.render_pages(sources[name], summaries[name])

    return runner, [(name, source.text) for name, source in sources.items()], render


def bench_transform(tei_dir: Path, work: Path) -> None:
    runner, texts, render = transform_inputs(tei_dir, work)
    for name, text in texts[:2]:
        runner.transform("identity", text, name=name)
        render(name)
    t_identity, t_web = [], []
    for name, text in texts:
        identity_runs, web_runs = [], []
        for _ in range(5):  # interleaved, so that a change of the machine's load touches both alike
            started = time.process_time()
            runner.transform("identity", text, name=name)
            identity_runs.append(time.process_time() - started)
            started = time.process_time()
            render(name)
            web_runs.append(time.process_time() - started)
        t_identity.append(statistics.median(identity_runs))
        t_web.append(statistics.median(web_runs))
    web, ident = sum(t_web) / len(t_web), sum(t_identity) / len(t_identity)
    print(f"web stylesheet per TEI file: {1000 * web:.1f} ms against the identity transform's {1000 * ident:.1f} ms "
          f"= {web / ident:.1f}× (CPU time of this process, where Saxon runs: median of 5 interleaved runs per file, "
          f"{len(texts)} files)")


# N rounds of the web edition's step or of the identity transform over the TEI files (after two rounds of warming up)
TRANSFORM_ROUNDS = """
import sys
from pathlib import Path
sys.path.insert(0, "bench")
from bench_web import transform_inputs
kind, rounds, tei_dir, work = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4])
runner, texts, render = transform_inputs(tei_dir, work)
for _ in range(2 + rounds):
    for name, text in texts:
        if kind == "web":
            render(name)
        else:
            runner.transform("identity", text, name=name)
"""


def bench_transform_instructions(tei_dir: Path, work: Path, rounds: int = 16) -> None:
    """The web edition's step per file against the identity transform, in instructions per file (valgrind)."""
    import re

    if not shutil.which("valgrind"):
        print("instructions: valgrind is not installed (apt-get install valgrind)")
        return
    files = len(sorted(tei_dir.glob("*.xml"))[:25])

    def count(kind: str, n: int) -> int:
        result = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, "-c",
                                 TRANSFORM_ROUNDS, kind, str(n), str(tei_dir), str(work)],
                                capture_output=True, text=True, cwd=ROOT, check=True, env={**os.environ, "PYTHONHASHSEED": "0"})
        return int(re.search(r"Collected : (\d+)", result.stderr).group(1))

    per_file = {kind: (count(kind, rounds) - count(kind, 0)) / (rounds * files) / 1e6 for kind in ("web", "identity")}
    print(f"web stylesheet per TEI file: {per_file['web']:.1f} million instructions against the identity transform's "
          f"{per_file['identity']:.1f} million = {per_file['web'] / per_file['identity']:.2f}× (valgrind, {rounds} rounds of "
          f"{files} files less none)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000")
    parser.add_argument("--work", type=Path, default=None, help="keep the corpora and sites here (default: a temporary folder)")
    parser.add_argument("--only", default="search,transform")
    parser.add_argument("--instructions", action="store_true", help="the transform ratio in instructions too (valgrind)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-web-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        if "transform" in args.only:
            bench_transform(ROOT / "tei", work)
            if args.instructions:
                bench_transform_instructions(ROOT / "tei", work)
        if "search" in args.only:
            bench_search(sizes, work)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
