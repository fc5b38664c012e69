"""One bad document in many, with and without --keep-going; usage and environment errors."""

from __future__ import annotations

import errno
import json
import os

import pytest

from buildhelpers import rebuilt, run, snapshot


def _doc(report, name):
    return next(d for d in report["documents"] if d["name"] == name)


@pytest.mark.parametrize("directive,step", [("FAIL-CONVERT", "convert"), ("INVALID", "validate"), ("FAIL-PRINT", "print")])
def test_keep_going_builds_everything_else(project, directive, step):
    run()
    (project / "sources" / "doc03.txt").write_text(f"Broken\n{directive}\n")
    (project / "sources" / "doc05.txt").write_text("Changed too\n")
    code, output, report = run("--keep-going", "-j", "2")
    assert code == 1
    assert "doc03" in output
    bad = _doc(report, "doc03")
    assert not bad["ok"] and bad["error"].startswith(step)
    assert report["result"] == "failed" and report["summary"]["failed"] == 1
    # the failed document is out of the edition; the others are in it, up to date
    assert not (project / "build" / "web" / "doc03.html").exists()
    assert not (project / "build" / "print" / "doc03.pdf").exists()
    index = (project / "build" / "web" / "index.html").read_bytes()
    assert b"doc03" not in index and b"doc05" in index
    assert b"Changed too" in (project / "build" / "web" / "doc05.html").read_bytes()
    if step == "validate":
        assert bad["messages"][0]["code"] == "fake-rule" and bad["messages"][0]["line"] == 1
    # the failure is remembered: the same inputs fail again without work, and still exit 1
    code, _, report = run("--keep-going")
    assert code == 1 and report["rebuilt"] == []
    # fixed: built again, and back in the edition
    (project / "sources" / "doc03.txt").write_text("Fixed\n")
    code, _, report = run()
    assert code == 0
    assert b"doc03" in (project / "build" / "web" / "index.html").read_bytes()


def test_without_keep_going_a_failure_stops_new_work_and_keeps_old_outputs(project):
    run()
    old_page = (project / "build" / "web" / "doc01.html").read_bytes()
    old_index = (project / "build" / "web" / "index.html").read_bytes()
    (project / "sources" / "doc01.txt").write_text("Broken\nINVALID\n")
    code, output, report = run("-j", "1")
    assert code == 1
    assert "doc01" in output
    assert _doc(report, "doc01")["error"].startswith("validate")
    # the failed document keeps its previous outputs, and the edition-wide ones wait
    assert (project / "build" / "web" / "doc01.html").read_bytes() == old_page
    assert (project / "build" / "web" / "index.html").read_bytes() == old_index
    assert not {("web-site", None), ("print-edition", None)} & rebuilt(report)
    # and it is tried again next time
    code, _, report = run()
    assert code == 1 and ("validate", "doc01") in rebuilt(report)


def test_usage_errors_exit_2(project):
    code, output, _ = run("no/such/file.txt")
    assert code == 2 and "no such file" in output
    code, output, _ = run("--only", "pdf")
    assert code == 2
    (project / "other").mkdir()
    (project / "other" / "doc01.txt").write_text("a second doc01")
    code, output, _ = run("sources", "other")
    assert code == 2 and "two transcripts are named doc01" in output
    assert "Traceback" not in output


def test_a_missing_step_is_an_environment_error(project):
    code, output, _ = run(toolchain="no_such_module:Toolchain")
    assert code == 2 and "cannot load the build toolchain" in output


def test_a_broken_schema_stops_the_build_before_anything_is_published(project):
    run()
    before = snapshot(project / "build")
    (project / "code" / "schema.odd").write_text("BROKEN")
    code, output, _ = run()
    assert code == 2 and "schema does not compile" in output
    assert snapshot(project / "build") == before


def test_full_disk_gives_a_clear_error_and_publishes_nothing(project, monkeypatch):
    run()
    before = snapshot(project / "build", skip_reports=False)
    (project / "code" / "web.txt").write_text("web-2")
    real_open = open
    calls = {"n": 0}

    def full_disk(file, mode="r", *args, **kwargs):
        if "x" in mode and "staging" in str(file):
            calls["n"] += 1
            if calls["n"] > 2:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(file))
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr("builtins.open", full_disk)
    code, output, _ = run()
    monkeypatch.setattr("builtins.open", real_open)
    assert code == 2
    assert "disk is full" in output and "previous outputs are intact" in output
    assert snapshot(project / "build", skip_reports=False) == before
    assert not list(project.glob(".build.staging-*"))
    code, output, _ = run()
    assert code == 0, output


def test_read_only_output_location_is_reported_before_work(project, monkeypatch):
    import pipeline.builder.staging as staging

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(staging.Path, "mkdir", read_only)
    code, output, _ = run("-o", "out")
    assert code == 2 and "read-only" in output
    assert not (project / "out").exists() and not (project / "tei").exists()


def test_json_events_and_exit_code(project):
    from click.testing import CliRunner

    from pipeline.builder.cli import build

    result = CliRunner().invoke(build, ["--toolchain", "buildfakes:FakeToolchain", "--json", "-j", "1"])
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert events[0]["event"] == "start"
    assert {e["step"] for e in events if e["event"] == "target"} == {"convert", "validate", "summary", "web", "print", "web-site", "print-edition"}
    assert events[-1]["event"] == "summary" and events[-1]["exit_code"] == 0 == result.exit_code


def test_output_directory_that_is_not_the_builds_own_is_refused(project):
    (project / "docs").mkdir()
    (project / "docs" / "notes.txt").write_text("mine")
    code, output, _ = run("-o", "docs")
    assert code == 2 and "did not make" in output
    assert (project / "docs" / "notes.txt").read_text() == "mine"
    for target in (".", "sources", ".."):
        code, output, _ = run("-o", target)
        assert code == 2 and "may not hold the build's inputs" in output
    code, _, _ = run("-o", "fresh")
    assert code == 0


def test_a_folder_holding_the_output_is_searched_without_it(project):
    code, _, _ = run()
    assert code == 0
    # (the web edition carries TEI files of its own: they must not become documents)
    (project / "build" / "web" / "tei").mkdir()
    (project / "build" / "web" / "tei" / "doc99.xml").write_text("<TEI/>")
    code, output, report = run(".")
    names = {d["name"] for d in report["documents"]}
    assert {f"doc{i:02d}" for i in range(6)} <= names and "doc99" not in names
