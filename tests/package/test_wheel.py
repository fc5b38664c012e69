"""The wheel works anywhere: built from this checkout, installed (not editable) into a fresh virtual
environment in a temporary folder, it makes a new project (`pipeline init`) and builds its web and
print editions (`pipeline build`), titled from the project file, with no file of this repository read.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pikepdf
import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow

#: What the wheel is built from (everything else of the checkout stays out of reach).
SOURCE = ("pyproject.toml", "README.md", "pipeline", "xslt", "schema")
TRANSCRIPTS = [ROOT / "tests" / "convert" / "dev" / name for name in ("dev_01.txt", "dev_02.txt")]
TITLE = "The Wheel Papers"


def _run(args, cwd: Path, env: dict | None = None, timeout: int = 600) -> subprocess.CompletedProcess:
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"{args} exited {result.returncode}:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel, built (pip wheel) from a copy of the checkout's sources; node_modules is linked, as `npm ci` leaves it."""
    source = tmp_path_factory.mktemp("source")
    for name in SOURCE:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, symlinks=True,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info"))
        else:
            shutil.copy2(ROOT / name, source / name)
    (source / "node_modules").symlink_to(ROOT / "node_modules")
    dist = tmp_path_factory.mktemp("dist")
    _run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(dist), str(source)], cwd=dist)
    (built,) = dist.glob("pipeline-*.whl")
    return built


def test_the_wheel_carries_the_commands_files_and_the_npm_licences(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("pipeline/data/xslt/web/web.xsl", "pipeline/data/xslt/print/print.css", "pipeline/data/schema/pmo.odd",
                   "pipeline/data/schema/compiled/pmo.rng", "pipeline/data/npm/lunr/lunr.min.js", "pipeline/data/npm/lunr/LICENSE",
                   "pipeline/data/npm/minisearch/dist/umd/index.js", "pipeline/data/npm/minisearch/LICENSE.txt",
                   "pipeline/data/npm/@fontsource/eb-garamond/LICENSE", "pipeline/init/pipeline.toml"):
        assert needed in names
    assert not any("/node_modules/" in name or name.startswith("tests/") for name in names)


@pytest.fixture(scope="module")
def venv(wheel, tmp_path_factory) -> Path:
    """A fresh virtual environment with the wheel installed, not editable. The dependencies come from
    this checkout's environment, listed as a plain path (its .pth files, among them the editable
    install's finder, are not run), so the wheel's `pipeline` is the only one importable."""
    folder = tmp_path_factory.mktemp("venv")
    _run([sys.executable, "-m", "venv", str(folder)], cwd=folder)
    python = folder / "bin" / "python"
    purelib = Path(_run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], cwd=folder).stdout.strip())
    (purelib / "checkout_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    _run([str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)], cwd=folder)
    return folder


def _clean_env() -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "PIPELINE_", "VIRTUAL_ENV"))}
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if not p.startswith(str(ROOT)))
    return env


def test_init_then_build_gives_whole_editions_titled_by_the_project_file(venv, tmp_path):
    env = _clean_env()
    pipeline = str(venv / "bin" / "pipeline")
    where = _run([str(venv / "bin" / "python"), "-c", "import pipeline, pipeline.resources as r; print(pipeline.__file__); print(r.data_dir())"],
                 cwd=tmp_path, env=env).stdout.split()
    assert all(str(venv) in path and str(ROOT) not in os.path.realpath(path) for path in where), where

    _run([pipeline, "init", "edition", "--title", TITLE, "--editor", "A. Editor"], cwd=tmp_path, env=env)
    project = tmp_path / "edition"
    for transcript in TRANSCRIPTS:
        shutil.copy(transcript, project / "sources" / transcript.name)
    _run([pipeline, "doctor"], cwd=project, env=env)
    built = _run([pipeline, "build", "-j", "2", "-q"], cwd=project / "sources", env=env)  # found by walking up
    assert "Traceback" not in built.stderr

    out = project / "build"
    report = json.loads((out / "report.json").read_text())
    assert report["result"] == "success" and report["summary"]["files"] == 2
    assert all(doc["ok"] for doc in report["documents"]) and all(step["ok"] for step in report["site"])
    # web: every document's page, the search assets and fonts with their licences, the schemas
    web = out / "web"
    assert f"{TITLE}</title>" in (web / "index.html").read_text()
    pages = sorted((web / "documents").glob("*.html"))
    assert len(pages) == report["statistics"]["documents"] >= 2
    for page in pages:
        assert TITLE in page.read_text()
    for asset in ("lunr.min.js", "minisearch.js", "fonts/LICENSE.txt"):
        assert (web / "assets" / asset).stat().st_size > 0
    assert (web / "schema" / "pmo.rng").read_bytes() == (project / "schema" / "pmo.rng").read_bytes()
    # print: the edition and each file's PDF, titled from the project file
    for name in ("edition", "dev_01", "dev_02"):
        with pikepdf.open(out / "print" / f"{name}.pdf") as pdf:
            assert len(pdf.pages) > 2
            if name == "edition":
                assert str(pdf.docinfo["/Title"]) == TITLE
    # TEI: the project's publisher, and xml-model instructions that reach the project's schemas
    for name in ("dev_01", "dev_02"):
        tei = (project / "tei" / f"{name}.xml").read_text()
        assert f"<publisher>{TITLE}</publisher>" in tei
        assert '<?xml-model href="../schema/pmo.rng"' in tei and (project / "tei" / "../schema/pmo.sch").is_file()
