"""`pipeline validate`: files, directories and globs; text and JSON reports; exit 0, 1 or 2."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.validate_cli import validate
from validation_corpus import CORPUS

VALID = CORPUS / "valid" / "base.xml"
INVALID = CORPUS / "invalid" / "hand-not-declared.xml"
HOSTILE = CORPUS / "hostile" / "doctype-entity.xml"
PIPELINE = Path(sys.executable).parent / "pipeline"


def invoke(*args: str):
    return CliRunner().invoke(validate, list(args))


def test_valid_files_exit_0():
    result = invoke(str(VALID), str(CORPUS / "valid" / "telegram.xml"))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "2 files checked: 2 valid, 0 invalid" in result.stderr


def test_an_invalid_file_exits_1_with_located_messages():
    result = invoke(str(VALID), str(INVALID))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines and all(line.startswith(f"{INVALID}:") for line in lines)
    assert any("[pmo-hands-declared]" in line and "expected one of #typescript, #hand-CDP" in line for line in lines)
    assert "1 invalid" in result.stderr


def test_unreadable_or_missing_input_exits_2():
    assert invoke(str(HOSTILE)).exit_code == 2
    missing = invoke("no/such/file.xml")
    assert missing.exit_code == 2 and "no such file" in missing.stderr
    mixed = invoke(str(INVALID), str(HOSTILE))
    assert mixed.exit_code == 2 and "DOCTYPE" in mixed.stdout


def test_directories_and_globs(tmp_path):
    (tmp_path / "sub").mkdir()
    shutil.copy(VALID, tmp_path / "a.xml")
    shutil.copy(VALID, tmp_path / "sub" / "b.xml")
    (tmp_path / "notes.txt").write_text("not XML, not looked at")
    by_directory = invoke(str(tmp_path))
    assert by_directory.exit_code == 0 and "2 files checked" in by_directory.stderr
    by_glob = invoke(str(tmp_path / "**" / "*.xml"))
    assert by_glob.exit_code == 0 and "2 files checked" in by_glob.stderr
    assert invoke(str(tmp_path / "*.nothing")).exit_code == 2


def test_links_out_of_a_directory_are_not_followed(tmp_path):
    outside = tmp_path / "outside.xml"
    shutil.copy(INVALID, outside)
    inside = tmp_path / "inside"
    inside.mkdir()
    shutil.copy(VALID, inside / "a.xml")
    (inside / "b.xml").symlink_to(outside)
    result = invoke(str(inside))
    assert result.exit_code == 0 and "1 file checked" in result.stderr


def test_json_report_has_one_object_per_file():
    result = invoke("--format", "json", str(VALID), str(INVALID), str(HOSTILE))
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    assert [entry["file"] for entry in report] == [str(VALID), str(INVALID), str(HOSTILE)]
    assert [entry["valid"] for entry in report] == [True, False, False]
    assert [entry["readable"] for entry in report] == [True, True, False]
    message = report[1]["messages"][0]
    assert set(message) == {"line", "column", "node", "message", "expected", "rule", "source", "severity"}
    grammar = json.loads(invoke("--format", "json", str(CORPUS / "invalid" / "div-type-unknown.xml")).stdout)[0]["messages"][0]
    assert grammar["rule"] is None and grammar["source"] == "relaxng" and grammar["node"] == "@type on <div>"


def test_expected_elements_are_listed_in_json():
    report = json.loads(invoke("--format", "json", str(CORPUS / "invalid" / "paragraph-in-subst.xml")).stdout)
    message = report[0]["messages"][0]
    assert message["expected"] == ["<add>", "<del>", "the end of <subst>"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_special_files_are_not_read(tmp_path):
    fifo = tmp_path / "pipe.xml"
    os.mkfifo(fifo)
    result = invoke(str(fifo))  # reading it would block forever
    assert result.exit_code == 2 and "not a regular file" in result.stdout


def test_the_installed_command_end_to_end(tmp_path):
    result = subprocess.run([str(PIPELINE), "validate", str(VALID), str(INVALID)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stdout.splitlines()[0].startswith(f"{INVALID}:")


def test_help_is_light():
    result = subprocess.run([str(PIPELINE), "validate", "--help"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "Exit status" in result.stdout
    probe = "import sys, pipeline.validate_cli; print('saxonche' in sys.modules, 'lxml.etree' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True).stdout.split() == ["False", "False"]


def test_a_missing_compiled_schema_is_a_message_not_a_traceback(monkeypatch, tmp_path):
    import pipeline.validate as api

    monkeypatch.setattr(api.Validator.__init__, "__defaults__", (tmp_path, "pmo"))
    result = invoke(str(VALID))
    assert result.exit_code == 2
    assert "the compiled schema cannot be loaded" in result.stderr and "pipeline schema" in result.stderr


def test_a_broken_schematron_compiled_in_the_background_is_a_message_not_a_traceback(monkeypatch, tmp_path):
    import pipeline.validate as api

    shutil.copy(api.COMPILED / "pmo.rng", tmp_path / "pmo.rng")
    (tmp_path / "pmo.sch.xsl").write_text("<xsl:stylesheet xmlns:xsl='http://www.w3.org/1999/XSL/Transform' version='3.0'><xsl:nonsense/></xsl:stylesheet>")
    monkeypatch.setattr(api, "current_schema", lambda: tmp_path)
    result = invoke(str(VALID))
    assert result.exit_code == 2
    assert "the compiled schema cannot be loaded" in result.stderr and "pmo.sch.xsl" in result.stderr
    assert "Traceback" not in result.output + result.stderr
    from pipeline.xslt import XsltError

    with pytest.raises(XsltError, match="does not compile"):
        api.Validator(tmp_path)  # without background, the same error is raised when the validator is made


def test_a_stale_committed_schema_is_noted(monkeypatch, tmp_path):
    import pipeline.validate as api

    copy = tmp_path / "fresh"
    shutil.copytree(api.COMPILED, copy)
    monkeypatch.setattr(api, "current_schema", lambda: copy)
    result = invoke(str(VALID))
    assert result.exit_code == 0
    assert "schema/pmo.odd has changed since schema/compiled/ was made" in result.stderr


def test_many_files_shared_with_a_second_process_give_the_same_report_in_the_same_order(monkeypatch, tmp_path):
    import pipeline.validate_cli as cli

    invalid = sorted((CORPUS / "invalid").glob("*.xml"))[:12]
    for index in range(24):  # valid and invalid files interleaved, and one that cannot be read near the end
        source = invalid[index % len(invalid)] if index % 2 else VALID
        shutil.copy(source, tmp_path / f"f{index:02d}.xml")
    os.mkfifo(tmp_path / "f22b.xml")
    one_process = invoke("--format", "json", str(tmp_path))
    monkeypatch.setattr(cli, "PARALLEL_FROM", 8)
    monkeypatch.setattr(cli, "START_UP_IN_FILES", 0)  # the second process takes half: the unreadable file is its
    spawned = []
    from concurrent.futures import ProcessPoolExecutor

    real_submit = ProcessPoolExecutor.submit
    monkeypatch.setattr(ProcessPoolExecutor, "submit", lambda self, fn, *a: spawned.append(a[-1]) or real_submit(self, fn, *a))
    two_processes = invoke("--format", "json", str(tmp_path))
    assert spawned and len(spawned[0]) == 13 and spawned[0][-1].endswith("f23.xml")
    assert two_processes.exit_code == one_process.exit_code == 2
    assert json.loads(two_processes.stdout) == json.loads(one_process.stdout)
    assert [entry["file"] for entry in json.loads(two_processes.stdout)] == sorted(str(p) for p in tmp_path.iterdir())
