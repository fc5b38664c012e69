"""Benchmark the converter: its score on the development corpus, its speed against pandoc, and its
linearity on one very long block.

Prints:
- the development corpus score (tests/convert/dev, the same checks as its test), structural and
  vocabulary-dependent, against the floors the test guards;
- `pipeline convert` over the bundled corpus and the development corpus in one command, against
  pandoc (`-f markdown -t tei`, one process per file, as a project converting with pandoc would);
- the bundled corpus converted with the registers loaded against without them (linking names costs
  little: the registers are parsed once per process);
- a block of 10,000, 20,000 and 40,000 lines converted in one process: seconds, and each against the
  same text parsed by the converter's Markdown parser alone (the floor), so the ratio shows whether
  the converter's own cost per line grows with the block (target: 40,000 lines under 2 s).

Usage: .venv/bin/python bench/bench_convert.py
"""

from __future__ import annotations

import importlib.util
import io
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import redirect_stdout
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "tests" / "convert" / "dev"
sys.path.insert(0, str(ROOT))

from pipeline.convert import convert_bytes  # noqa: E402
from pipeline.convert.reader.markdown import parser  # noqa: E402


def dev_score(out: Path) -> str:
    for source in sorted(DEV.glob("dev_*.txt")):
        (out / f"{source.stem}.xml").write_bytes(convert_bytes(source.read_bytes(), source.name).tei)
    spec = importlib.util.spec_from_file_location("dev_score", DEV / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    report = io.StringIO()
    with redirect_stdout(report):
        module.main(["score.py", str(out)])
    return report.getvalue().strip().splitlines()[-1]


def against_pandoc(work: Path, sources: list[Path] | None = None, pipeline: Path | None = None,
                   env: dict[str, str] | None = None) -> None:
    """`pipeline convert` of the transcripts in one command against pandoc, one process per file
    (default: the bundled and development transcripts, with this interpreter's pipeline)."""
    sources = sources or sorted((ROOT / "sources").glob("*.txt")) + sorted(DEV.glob("dev_*.txt"))
    pipeline = pipeline or Path(sys.executable).parent / "pipeline"
    started = time.perf_counter()
    subprocess.run([str(pipeline), "convert", "-q", "-o", str(work / "ours"), *map(str, sources)], capture_output=True,
                   check=False, env=env)
    ours = time.perf_counter() - started
    if not shutil.which("pandoc"):
        print("convert against pandoc: n/a (pandoc is not installed)")
        return
    started = time.perf_counter()
    for source in sources:
        subprocess.run(["pandoc", "-f", "markdown", "-t", "tei", str(source), "-o", str(work / f"{source.stem}.pandoc.xml")],
                       capture_output=True, check=False)
    pandoc = time.perf_counter() - started
    print(f"converting {len(sources)} transcripts: pipeline convert {ours:.2f} s in one command, pandoc {pandoc:.2f} s "
          f"one process per file = {ours / pandoc:.2f}x (target <= 1.0x)")


def best(runs: int, work) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def long_blocks() -> None:
    parser()
    for lines in (10_000, 20_000, 40_000):
        text = "\n".join(f"Line {n} of one long block of typed text, as an OCR might run a file together  " for n in range(lines))
        data = text.encode()
        ours = best(2, lambda: convert_bytes(data, "long.txt"))
        floor = best(2, lambda: parser().parse(text))
        print(f"one block of {lines:,} lines: {ours:.2f} s; {ours / floor:.1f}x the Markdown parse alone ({floor:.2f} s)"
              + (" (target < 2 s)" if lines == 40_000 else ""))


def with_registers() -> None:
    """The bundled corpus converted in one process with the edition's registers and without them."""
    from pipeline.convert.entities import registers_from
    from pipeline.convert.inputs import read_register_files

    sources = [(path.name, path.read_bytes()) for path in sorted((ROOT / "sources").glob("*.txt"))]
    files = read_register_files(ROOT / "registers")
    if not files:
        print("registers: n/a (no registers/ folder)")
        return
    registers_from(files)  # parsed once per process, as a build's worker does
    plain = best(3, lambda: [convert_bytes(data, name) for name, data in sources])
    linked = best(3, lambda: [convert_bytes(data, name, registers=registers_from(files)) for name, data in sources])
    print(f"converting the {len(sources)} bundled transcripts with the registers: {linked:.2f} s, without {plain:.2f} s "
          f"= {linked / plain:.2f}x (target <= 1.1x)")


def main() -> None:
    sys.stdout.reconfigure(line_buffering=True)
    with tempfile.TemporaryDirectory(prefix="bench-convert-") as folder:
        work = Path(folder)
        print(f"development corpus: {dev_score(work)} (floors in tests/convert/test_dev_corpus.py)")
        against_pandoc(work)
    with_registers()
    long_blocks()


if __name__ == "__main__":
    main()
