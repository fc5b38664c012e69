"""The build beside editors and other commands: locks through links, kills at every write point,
hand edits landing mid-write, sources that are links, names that would clash."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from buildhelpers import HERE, run, snapshot, spawn
from pipeline.builder.hashing import digest_bytes
from pipeline.output import TEMPORARY_PREFIX
from test_build_atomic import _slow_sources, _wait_for_events
from test_build_incremental import _clean_build


@pytest.fixture
def real_writes(project, monkeypatch):
    """The fake toolchain writing TEI files with the project's own writer (lock, record, compare-and-swap)."""
    monkeypatch.setenv("BUILD_FAKE_REAL_WRITES", "1")
    return project


def _leftovers(project: Path) -> list[str]:
    found = [p.name for p in project.iterdir() if p.name.startswith(".build.") and p.name != ".build.lock"]
    for folder in (project / "tei", project / "build"):
        if folder.is_dir():
            found += [str(p) for p in folder.rglob("*") if p.name.startswith(TEMPORARY_PREFIX) or p.name.endswith(".tmp")]
    found += [str(p) for p in (project / "tei").glob(".generated.journal")]
    return found


def _reports_agree(out: Path) -> bool:
    as_json = (out / "report.json").read_bytes()
    report = json.loads(as_json)
    html = (out / "report.html").read_text()
    return f'content="{digest_bytes(as_json)}"' in html and f"(exit code {report['exit_code']})" in html


def test_a_symlinked_output_dir_is_locked(project):
    (project / "bl").symlink_to(project / "build", target_is_directory=True)
    code, _, _ = run()
    assert code == 0
    _slow_sources(project, 0.3, "slow")
    first = spawn("-j", "1")
    events = _wait_for_events(first, 1)
    assert events and events[0]["event"] == "start"
    code, output, _ = run("-o", "bl")
    assert code == 2 and "another build is running" in output
    assert first.wait(timeout=60) == 0
    first.stdout.close()
    first.stderr.close()
    code, _, report = run("-o", "bl")
    assert code == 0 and report["rebuilt"] == []
    assert (project / "bl").is_symlink()  # published where it points; the link stays a link


_KILLER = """
import os, sys
from pipeline import output
from pipeline.builder import staging
point, nth = sys.argv[1], int(sys.argv[2])
seen = []
def kill(name, path):
    if name == point:
        seen.append(path)
        if len(seen) == nth:
            os._exit(9)
output.write_hooks.append(kill)
staging.publish_hooks.append(kill)
from pipeline.builder.cli import build
build(sys.argv[3:])
"""

WRITE_POINTS = [("journal", 1), ("temporary", 1), ("temporary", 2), ("before-replace", 2), ("replaced", 1),
                ("recorded", 3), ("staged", 1), ("written", 4), ("before-exchange", 1), ("exchanged", 1)]


@pytest.mark.parametrize("point,nth", WRITE_POINTS)
def test_a_kill_at_each_write_point_leaves_nothing_the_next_build_does_not_remove(real_writes, point, nth):
    project = real_writes
    code, output, _ = run()
    assert code == 0, output
    for path in sorted((project / "sources").glob("*.txt"))[:3]:
        path.write_text(path.read_text() + "second version\n")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(HERE), os.environ.get("PYTHONPATH", "")]))
    killed = subprocess.run([sys.executable, "-c", _KILLER, point, str(nth), "--toolchain", "buildfakes:FakeToolchain",
                             "-j", "1"], cwd=project, env=env, capture_output=True, text=True)
    assert killed.returncode == 9, killed.stderr
    assert _reports_agree(project / "build")  # the old report, with the old outputs
    code, output, report = run()
    assert code == 0, output
    assert _leftovers(project) == []
    assert _reports_agree(project / "build")
    assert all(b"second version" in (project / "tei" / f"doc{i:02d}.xml").read_bytes() for i in range(3))
    assert not any(doc["messages"] for doc in report["documents"])  # no generated file taken for a hand edit
    assert snapshot(project / "build", project / "tei") == _clean_build(project)


def test_a_hand_edit_landing_between_the_builds_check_and_replace_is_kept(real_writes, monkeypatch):
    project = real_writes
    from pipeline import output

    run()
    source = project / "sources" / "doc02.txt"
    source.write_text(source.read_text() + "second version\n")
    tei = project / "tei" / "doc02.xml"
    edited = tei.read_bytes().replace(b"Letter 2", b"Letter two, by hand")

    def editor_saves(point, path):
        if point == "before-replace" and path.name == "doc02.xml":
            path.write_bytes(edited)

    monkeypatch.setattr(output, "write_hooks", [editor_saves])
    code, _, report = run("-j", "1")
    assert code == 1
    assert tei.read_bytes() == edited
    assert b"second version" in (project / "tei" / "doc02.xml.new").read_bytes()
    assert [c["document"] for c in report["conflicts"]] == ["doc02"]
    assert "doc02.xml.new" in report["conflicts"][0]["message"]


def test_sources_linked_outside_are_not_read(project):
    outside = project.parent / "outside.txt"
    outside.write_text("SECRET-OUTSIDE-THE-PROJECT\n")
    (project / "sources" / "doc99.txt").symlink_to(outside)
    os.mkfifo(project / "sources" / "doc98.txt")
    code, output, report = run()
    assert code == 0, output
    assert any("doc99.txt: skipped, a symbolic link" in text for text in report["skipped"])
    assert any("doc98.txt: skipped, not a regular file" in text for text in report["skipped"])
    assert "doc99" not in {doc["name"] for doc in report["documents"]}
    for path in [*(project / "build").rglob("*"), *(project / "tei").rglob("*")]:
        if path.is_file():
            assert b"SECRET-OUTSIDE-THE-PROJECT" not in path.read_bytes(), path
    assert "skipped, a symbolic link" in (project / "build" / "report.html").read_text()


def test_a_transcript_swapped_for_a_link_after_it_was_found_is_not_read(project, monkeypatch):
    from pipeline.builder import sources

    outside = project.parent / "outside.txt"
    outside.write_text("SECRET-SWAPPED-IN\n")
    real = sources.search_folder

    def search_then_swap(folder, suffix, found, skip=None):
        real(folder, suffix, found, skip)
        if suffix == ".txt":
            target = project / "sources" / "doc03.txt"
            target.unlink()
            target.symlink_to(outside)

    monkeypatch.setattr(sources, "search_folder", search_then_swap)
    code, _, report = run("-k")
    assert code == 1
    doc = next(d for d in report["documents"] if d["name"] == "doc03")
    assert "symbolic link" in doc["error"]
    assert not any(b"SECRET-SWAPPED-IN" in p.read_bytes() for p in (project / "build").rglob("*") if p.is_file())


def test_transcripts_whose_xml_ids_would_clash_are_refused_at_planning(project):
    (project / "sources" / "a b.txt").write_text("Letter\n")
    (project / "sources" / "a_b.txt").write_text("Letter\n")
    code, output, _ = run()
    assert code == 2
    assert "sources/a b.txt and sources/a_b.txt would have one xml:id, a_b" in output
    assert not (project / "build").exists() and not (project / "tei").exists()


def test_tei_files_linked_outside_are_not_read(project):
    outside = project.parent / "outside.xml"
    outside.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>SECRET-TEI</p></body></text></TEI>')
    (project / "tei").mkdir()
    (project / "tei" / "extra.xml").symlink_to(outside)
    code, output, report = run()
    assert code == 0, output
    assert any("extra.xml: skipped, a symbolic link" in text for text in report["skipped"])
    assert not any(b"SECRET-TEI" in p.read_bytes() for p in (project / "build").rglob("*") if p.is_file())
