"""Helpers for the build tests: run the command, and read a build's outputs as bytes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from pipeline.builder.cli import build

FAKE = "buildfakes:FakeToolchain"
HERE = Path(__file__).resolve().parent
#: Not compared between builds: the reports (timings) and the build's own state (a clean build
#: records a hand-edited TEI file's warning, which an incremental one never meets again).
REPORTS = {"report.html", "report.json", ".pipeline-build.json", ".pipeline-hashes.json"}


def run(*args: str, toolchain: str = FAKE):
    """`pipeline build ARGS` in this process; returns (exit code, output, report or None)."""
    result = CliRunner().invoke(build, ["--toolchain", toolchain, *args], catch_exceptions=False)
    output = Path(args[args.index("-o") + 1]) if "-o" in args else Path("build")
    report_path = output / "report.json"
    report = json.loads(report_path.read_text()) if report_path.exists() else None
    return result.exit_code, result.output, report


def spawn(*args: str, toolchain: str = FAKE, cwd: Path | None = None, new_session: bool = False) -> subprocess.Popen:
    """`pipeline build ARGS --json` as its own process, JSON events on stdout."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(HERE), os.environ.get("PYTHONPATH", "")]))
    return subprocess.Popen(
        [str(Path(sys.executable).parent / "pipeline"), "build", "--toolchain", toolchain, "--json", *args],
        cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=new_session,
    )


def snapshot(*roots: Path, skip_reports: bool = True) -> dict[str, bytes]:
    """Every file under `roots` (relative path -> bytes), reports left out unless asked for."""
    files = {}
    for root in roots:
        if not root.exists():
            continue
        for path in sorted(root.rglob("*")):
            if path.is_file():
                rel = path.relative_to(root.parent).as_posix()
                if skip_reports and path.name in REPORTS:
                    continue
                files[rel] = path.read_bytes()
    return files


def rebuilt(report: dict) -> set[tuple[str, str | None]]:
    """(step, document) of every target the build rebuilt."""
    return {(item["step"], item["document"]) for item in report["rebuilt"]}
