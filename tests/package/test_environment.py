"""Environment problems are environment problems: found before any work starts, one line naming the
fix, exit 2 (`pipeline build`); `pipeline doctor` lists what is there and what is not."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline import resources
from pipeline.cli import main

DEV = Path(__file__).resolve().parents[1] / "convert" / "dev"


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    (tmp_path / "pipeline.toml").write_text('[edition]\ntitle = "Env"\n')
    (tmp_path / "sources").mkdir()
    shutil.copy(DEV / "dev_01.txt", tmp_path / "sources")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _data_without(tmp_path: Path, *, drop: str) -> Path:
    """A copy of the package's data folder (links to its parts) lacking one file or folder."""
    data = tmp_path / "data-copy"
    data.mkdir()
    for part in ("xslt", "schema", "npm"):
        (data / part).symlink_to(resources.data_dir() / part)
    top, _, rest = drop.partition("/")
    if rest:  # a deeper file: copy that part's tree as links, leaving the file out
        (data / top).unlink()
        shutil.copytree(resources.data_dir() / top, data / top, symlinks=True,
                        ignore=lambda folder, names: [n for n in names if str(Path(folder, n)).endswith(rest)],
                        copy_function=lambda src, dst: Path(dst).symlink_to(Path(src).resolve()))
    else:
        (data / top).unlink()
    return data


def _missing_module(monkeypatch, name: str) -> None:
    """The module cannot be imported, as when its package is not installed."""
    monkeypatch.setitem(sys.modules, name, None)
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda module, *a: None if module == name else real(module, *a))


def _assert_stopped_before_work(result, project: Path, fix: str) -> None:
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and fix in lines[0], result.stderr
    assert "Traceback" not in result.output
    assert not (project / "tei").exists() and not (project / "build").exists()


@pytest.mark.parametrize("drop, fix", [
    ("npm", "npm ci"),
    ("npm/minisearch/dist/umd/index.js", "npm ci"),
    ("npm/lunr/LICENSE", "npm ci"),
    ("xslt/web/web.xsl", "pip install --upgrade pipeline"),
    ("schema/compiled/pmo.rng", "pip install --upgrade pipeline"),
])
def test_missing_package_data(project, tmp_path, monkeypatch, drop, fix):
    data = _data_without(tmp_path, drop=drop)
    monkeypatch.setattr(resources, "data_dir", lambda: data)
    _assert_stopped_before_work(CliRunner().invoke(main, ["build"]), project, fix)


@pytest.mark.parametrize("module, fix", [
    ("saxonche", "pip install 'saxonche"),
    ("weasyprint", "pip install 'weasyprint"),
    ("pikepdf", "pip install 'pikepdf"),
])
def test_missing_python_dependency(project, monkeypatch, module, fix):
    _missing_module(monkeypatch, module)
    _assert_stopped_before_work(CliRunner().invoke(main, ["build"]), project, fix)


def test_missing_pango(project, monkeypatch):
    import ctypes

    real = ctypes.CDLL

    def load(name, *args, **kwargs):
        if "pango" in str(name):
            raise OSError(f"{name}: cannot open shared object file")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(ctypes, "CDLL", load)
    _assert_stopped_before_work(CliRunner().invoke(main, ["build"]), project, "apt-get install libpango")


def test_missing_print_fonts(project, tmp_path, monkeypatch):
    from pipeline.print import pdf

    monkeypatch.setattr(pdf, "FONT_DIR", tmp_path / "no-fonts")
    _assert_stopped_before_work(CliRunner().invoke(main, ["build"]), project, "apt-get install fonts-ebgaramond")


def test_only_what_the_outputs_need_is_asked_for(project, tmp_path, monkeypatch):
    from pipeline.print import pdf

    monkeypatch.setattr(pdf, "FONT_DIR", tmp_path / "no-fonts")
    _missing_module(monkeypatch, "weasyprint")
    result = CliRunner().invoke(main, ["build", "--only", "tei", "-q"])
    assert result.exit_code == 0, result.output
    assert (project / "tei" / "dev_01.xml").is_file()


def test_json_events_say_it_too(project, tmp_path, monkeypatch):
    import json

    from pipeline.print import pdf

    monkeypatch.setattr(pdf, "FONT_DIR", tmp_path / "no-fonts")
    result = CliRunner().invoke(main, ["build", "--json"])
    assert result.exit_code == 2
    (event,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert event["event"] == "error" and "fonts-ebgaramond" in event["message"] and event["exit_code"] == 2


def test_doctor_lists_what_is_there_and_what_is_not(project, tmp_path, monkeypatch):
    result = CliRunner().invoke(main, ["doctor"])
    assert result.exit_code == 0, result.output
    assert "ok       saxonche" in result.stdout and str(project / "pipeline.toml") in result.stdout

    from pipeline.print import pdf

    monkeypatch.setattr(pdf, "FONT_DIR", tmp_path / "no-fonts")
    data = _data_without(tmp_path, drop="npm")
    monkeypatch.setattr(resources, "data_dir", lambda: data)
    result = CliRunner().invoke(main, ["doctor"])
    assert result.exit_code == 1
    missing = [line for line in result.stdout.splitlines() if "MISSING" in line]
    assert len(missing) == 2 and "fonts-ebgaramond" in missing[1] and "npm ci" in missing[0]


def test_version():
    from pipeline import __version__

    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0 and __version__ in result.stdout


def test_summary_line_says_why_a_build_failed():
    from pipeline.builder.summary import summary_lines

    report = {"result": "failed", "summary": {"files": 2, "failed": 0, "errors": 0, "warnings": 0},
              "statistics": {"documents": 3}, "rebuilt": [], "removed": [], "documents": [], "timings": {},
              "site": [{"step": "web-site", "ok": False, "error": "the search index could not be written"}]}
    first = summary_lines(report, Path("build"))[0]
    assert first.startswith("build failed (web-site: the search index could not be written):")
    report["site"], report["summary"]["failed"] = [], 1
    assert summary_lines(report, Path("build"))[0].startswith("build failed (1 file failed):")
