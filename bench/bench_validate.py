"""Benchmark `pipeline validate` against jing on the same files, in the same run.

Prints the time to validate one file (whole command), the validation corpus, and a
200-file synthetic set, each as a ratio against jing on the same compiled RELAX NG;
the in-process cost per typical file of the RELAX NG and of the Schematron; and the
ODD compile time; the phases of a one-file run's start-up; and invalid files (one, the corpus's invalid cases, and 200
mutants of documents generated from the grammar), where the validator explains every
fault. Targets (from the issues): one file <= 0.25x jing, 200 files <= 1.0x jing,
invalid files <= 1.0x jing, RELAX NG <= 2 ms and Schematron <= 10 ms per typical file.

    .venv/bin/python bench/bench_validate.py [--repeat N]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PIPELINE = Path(sys.executable).parent / "pipeline"
RNG = ROOT / "schema" / "compiled" / "pmo.rng"
CORPUS = ROOT / "tests" / "data" / "validation"


def wall(command: list[str], repeat: int) -> float:
    """The median wall time of a command, in seconds (its exit status is not a failure: invalid files exit 1)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def typical_files() -> list[Path]:
    files = sorted((ROOT / "tei").glob("*.xml")) + sorted((CORPUS / "valid").glob("*.xml"))
    if not files:
        raise SystemExit("no TEI files to benchmark (tei/ and tests/data/validation/valid/ are empty)")
    return files


def synthetic_set(directory: Path, count: int = 200) -> list[Path]:
    """`count` files made from the typical ones, each with its own identifier."""
    sources = typical_files()
    made = []
    for index in range(count):
        source = sources[index % len(sources)]
        text = source.read_text(encoding="utf-8").replace('xml:lang="en"', f'xml:lang="en" n="copy-{index}"', 1)
        target = directory / f"s{index:03d}_{source.name}"
        target.write_text(text, encoding="utf-8")
        made.append(target)
    return made


def mutant_set(directory: Path, count: int = 200) -> list[Path]:
    """`count` one-change mutants of documents generated from the grammar that the grammar refuses (lxml decides)."""
    import random

    from lxml import etree

    from pipeline.odd.generate import Generator, mutate

    generator = Generator(RNG, seed=1)
    grammar = etree.RelaxNG(etree.parse(str(RNG)))
    names = sorted({e.get("name") for e in etree.parse(str(RNG)).iter("{http://relaxng.org/ns/structure/1.0}element")})
    rng = random.Random(1)
    made: list[Path] = []
    while len(made) < count:
        tree, _change = mutate(generator.document(), rng, names)
        if grammar.validate(tree):
            continue
        target = directory / f"m{len(made):03d}.xml"
        tree.write(str(target), xml_declaration=True, encoding="UTF-8")
        made.append(target)
    return made


def per_file_costs(files: list[Path], rounds: int = 20) -> tuple[float, float]:
    """Milliseconds per file for the RELAX NG and for the Schematron, in one process, schemas compiled once."""
    from pipeline.safexml import parse
    from pipeline.validate import Validator

    validator = Validator()
    trees = [(parse(f.read_bytes(), name=f.name), f.name) for f in files]
    start = time.perf_counter()
    for _ in range(rounds):
        for tree, _name in trees:
            validator._relaxng.validate(tree)
    relaxng = (time.perf_counter() - start) / (rounds * len(trees)) * 1000
    start = time.perf_counter()
    for _ in range(rounds):
        for tree, name in trees:
            validator._schematron.transform("schematron", tree, name=name)
    schematron = (time.perf_counter() - start) / (rounds * len(trees)) * 1000
    return relaxng, schematron


#: Run in a fresh interpreter: the phases of a one-file `pipeline validate`, in milliseconds, as JSON.
_PHASES = r"""
import json, sys, time
start = time.perf_counter()
phases = {}
def lap(name):
    global start
    now = time.perf_counter(); phases[name] = (now - start) * 1000; start = now
import pipeline.cli, click; lap("import pipeline.cli (click)")
import pipeline.validate; lap("import pipeline.validate (lxml)")
schema = pipeline.validate.current_schema(); lap("current_schema (ODD digest)")
from lxml import etree
etree.RelaxNG(etree.parse(str(schema / "pmo.rng"))); lap("RELAX NG compile (lxml)")
from pipeline.xslt import XsltRunner
runner = XsltRunner({"schematron": schema / "pmo.sch.xsl"}); lap("Saxon start + Schematron compile")
from pipeline.safexml import parse
tree = parse(open(sys.argv[1], "rb").read(), name="f"); lap("read + parse the file")
runner.transform("schematron", tree, name="f"); lap("first Schematron run")
print(json.dumps(phases))
"""


def startup_phases(path: Path, repeat: int) -> dict[str, float]:
    """The median milliseconds of each phase of a one-file run, each run in a fresh interpreter (sequential, no thread)."""
    import json

    runs = [json.loads(subprocess.run([sys.executable, "-c", _PHASES, str(path)], capture_output=True, text=True, check=True).stdout) for _ in range(repeat)]
    return {name: statistics.median(run[name] for run in runs) for name in runs[0]}


def compile_time(repeat: int) -> float:
    from pipeline.odd.compile import DEFAULT_ODD, compile_odd

    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        compile_odd(DEFAULT_ODD)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per timed command (the median is kept)")
    options = parser.parse_args()
    if shutil.which("jing") is None:
        raise SystemExit("jing is needed for the baseline (Debian package jing)")
    repeat = options.repeat
    typical = typical_files()
    one = typical[0]
    corpus = sorted((CORPUS / "valid").glob("*.xml")) + sorted((CORPUS / "invalid").glob("*.xml")) + sorted((ROOT / "tei").glob("*.xml"))
    rows = []
    with tempfile.TemporaryDirectory() as temporary:
        many = synthetic_set(Path(temporary))
        invalid = sorted((CORPUS / "invalid").glob("*.xml"))
        mutants = mutant_set(Path(temporary))
        for label, files, target in (
            (f"one file ({one.name}), whole command", [one], 0.25),
            (f"validation corpus + tei/ ({len(corpus)} files)", corpus, None),
            (f"synthetic set ({len(many)} files), one command", many, 1.0),
            (f"one invalid file ({invalid[0].name}), whole command", invalid[:1], 1.0),
            (f"invalid cases of the corpus ({len(invalid)} files), one command", invalid, 1.0),
            (f"invalid mutants ({len(mutants)} files), one command", mutants, 1.0),
        ):
            # ours and jing alternate, so a change in the machine's load hits both alike; the ratio is the median of the pairs'
            pairs = [(wall([str(PIPELINE), "validate", "--quiet", *map(str, files)], 1), wall(["jing", str(RNG), *map(str, files)], 1)) for _ in range(repeat)]
            ours = statistics.median(o for o, _ in pairs)
            jing = statistics.median(j for _, j in pairs)
            rows.append((label, ours, jing, target, statistics.median(o / j for o, j in pairs)))
    phases = startup_phases(one, max(repeat, 5))
    relaxng_ms, schematron_ms = per_file_costs(typical)
    odd_seconds = compile_time(repeat)

    print(f"pipeline validate vs jing (same compiled RELAX NG, same files; {repeat} alternating pairs, medians; ratio = median of the pairs' ratios)")
    print(f"{'case':58} {'pipeline':>10} {'jing':>10} {'ratio':>7}  target")
    for label, ours, jing, target, ratio in rows:
        verdict = "" if target is None else (f"<= {target:.2f}x  {'ok' if ratio <= target else 'MISSED'}")
        print(f"{label:58} {ours:9.3f}s {jing:9.3f}s {ratio:6.2f}x  {verdict}")
    print(f"{'RELAX NG per typical file (lxml, in process)':58} {relaxng_ms:8.2f}ms {'':>10} {'':>7}  <= 2 ms   {'ok' if relaxng_ms <= 2 else 'MISSED'}")
    print(f"{'Schematron per typical file (saxonche, in process)':58} {schematron_ms:8.2f}ms {'':>10} {'':>7}  <= 10 ms  {'ok' if schematron_ms <= 10 else 'MISSED'}")
    print(f"{'ODD compile (all five outputs, in process)':58} {odd_seconds:9.3f}s")
    print("start-up of a one-file run, phase by phase (fresh interpreters, medians; the command overlaps the Saxon phase with the next three on a thread):")
    for name, ms in phases.items():
        print(f"  {name:56} {ms:8.1f}ms")


if __name__ == "__main__":
    main()
