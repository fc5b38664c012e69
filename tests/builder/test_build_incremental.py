"""Incremental by content: no-op, touch, edits, additions, deletions and code changes equal a clean build."""

from __future__ import annotations

import os
import random
import shutil
import time
from pathlib import Path

from buildhelpers import rebuilt, run, snapshot


def _clean_build(project: Path, *args: str) -> dict[str, bytes]:
    """The outputs of a clean build of the same inputs, made in a copy of the project."""
    clean = project.parent / "clean"
    shutil.rmtree(clean, ignore_errors=True)
    shutil.copytree(project, clean, ignore=shutil.ignore_patterns("build", ".build*"))
    cwd = os.getcwd()
    os.chdir(clean)
    try:
        code, _, _ = run(*args)
    finally:
        os.chdir(cwd)
    assert code in (0, 1)
    return snapshot(clean / "build", clean / "tei")


def test_first_build_makes_every_output(project):
    code, output, report = run("-j", "2")
    assert code == 0, output
    files = snapshot(project / "build", project / "tei")
    for i in range(6):
        assert f"tei/doc{i:02d}.xml" in files
        assert f"build/web/doc{i:02d}.html" in files
        assert f"build/print/doc{i:02d}.pdf" in files
    assert {"build/web/index.html", "build/print/edition.pdf"} <= set(files)
    assert report["result"] == "success" and report["exit_code"] == 0
    assert ("web-site", None) in rebuilt(report)
    assert report["statistics"]["withheld_by_reason"] == {"temporarily-retained": 6}
    assert report["statistics"]["annotations_by_hand"] == {"hand-CDP": 6}
    assert set(report["statistics"]["documents_by_year"]) == {"1980", "1981", "1982", "undated"}


def test_noop_and_touch_rebuild_nothing(project):
    run()
    before = snapshot(project / "build", project / "tei")
    inodes = {p: p.stat().st_ino for p in (project / "build" / "web").rglob("*.html")}
    later = time.time() + 100
    for path in list((project / "sources").iterdir()) + list((project / "tei").iterdir()):
        os.utime(path, (later, later))
    code, _, report = run()
    assert code == 0
    assert report["rebuilt"] == [] and report["removed"] == []
    assert snapshot(project / "build", project / "tei") == before
    # nothing was even re-published: the same files, not copies
    assert {p: p.stat().st_ino for p in (project / "build" / "web").rglob("*.html")} == inodes


def test_one_edit_rebuilds_its_document_and_the_edition(project):
    run()
    source = project / "sources" / "doc03.txt"
    source.write_text(source.read_text() + "one more line\n")
    code, _, report = run()
    assert code == 0
    # the edition's PDF is made from every TEI file; the web site only from the summaries (and private
    # files), which an edit to the text alone leaves as they were
    assert rebuilt(report) == {
        ("convert", "doc03"), ("validate", "doc03"), ("summary", "doc03"), ("web", "doc03"), ("print", "doc03"),
        ("print-edition", None),
    }
    assert {tuple(i["reasons"]) for i in report["rebuilt"] if i["step"] == "convert"} == {("transcript changed",)}
    assert snapshot(project / "build", project / "tei") == _clean_build(project)


def test_an_edit_to_what_the_site_shows_rebuilds_the_site(project):
    run()
    source = project / "sources" / "doc03.txt"
    source.write_text(source.read_text().replace("Letter 3", "Letter three"))
    code, _, report = run()
    assert code == 0
    assert ("web-site", None) in rebuilt(report)
    assert [i["reasons"] for i in report["rebuilt"] if i["step"] == "web-site"] == [["documents changed"]]
    assert b"Letter three" in (project / "build" / "web" / "index.html").read_bytes()
    assert snapshot(project / "build", project / "tei") == _clean_build(project)


def test_hand_edited_tei_is_built_and_never_overwritten(project):
    run()
    tei = project / "tei" / "doc01.xml"
    edited = tei.read_bytes().replace(b"Letter 1", b"Letter one, corrected by hand")
    tei.write_bytes(edited)
    code, _, report = run()
    assert code == 0
    assert {("validate", "doc01"), ("summary", "doc01"), ("web", "doc01"), ("print", "doc01"), ("web-site", None), ("print-edition", None)} <= rebuilt(report)
    assert b"corrected by hand" in (project / "build" / "web" / "doc01.html").read_bytes()
    # a converter change under the hand edit: the editor's file is kept, and the build says so
    (project / "code" / "convert.txt").write_text("conv-2")
    code, _, report = run()
    assert code == 0 and tei.read_bytes() == edited
    doc = next(d for d in report["documents"] if d["name"] == "doc01")
    assert any(m.get("code") == "hand-edited" for m in doc["messages"])
    assert report["conflicts"] == []


def test_a_transcript_changed_under_a_hand_edit_is_a_conflict(project):
    run()
    tei = project / "tei" / "doc01.xml"
    edited = tei.read_bytes().replace(b"Letter 1", b"Letter one, corrected by hand")
    tei.write_bytes(edited)
    source = project / "sources" / "doc01.txt"
    source.write_text(source.read_text() + "new line\n")
    code, output, report = run()
    assert code == 1  # both kept, the build fails and names it
    assert tei.read_bytes() == edited and "new line" in source.read_text()
    assert [c["document"] for c in report["conflicts"]] == ["doc01"]
    doc = next(d for d in report["documents"] if d["name"] == "doc01")
    assert not doc["ok"] and "conflict" in doc["error"] and "sources/doc01.txt" in doc["error"]
    assert any(m.get("code") == "conflict" for m in doc["messages"])
    # with --keep-going: built from the editor's file, exit 0, and still reported by every build
    for _ in range(2):
        code, _, report = run("-k")
        assert code == 0 and [c["document"] for c in report["conflicts"]] == ["doc01"]
        assert b"corrected by hand" in (project / "build" / "web" / "doc01.html").read_bytes()
        assert tei.read_bytes() == edited
    code, _, report = run()
    assert code == 1 and report["conflicts"]


def test_a_stylesheet_change_rebuilds_only_what_depends_on_it(project):
    run()
    (project / "code" / "web.txt").write_text("web-2")
    code, _, report = run()
    assert code == 0
    assert {step for step, _ in rebuilt(report)} == {"summary", "web", "web-site"}
    assert all(b"web-2" in (project / "build" / "web" / f"doc{i:02d}.html").read_bytes() for i in range(6))
    assert snapshot(project / "build", project / "tei") == _clean_build(project)
    (project / "code" / "schema.odd").write_text("odd-2")  # a new schema: everything is validated again
    code, _, report = run()
    assert {step for step, _ in rebuilt(report)} == {"schema", "validate"}


def test_only_limits_the_outputs_brought_up_to_date(project):
    run()
    (project / "code" / "web.txt").write_text("web-2")
    (project / "code" / "print.txt").write_text("print-2")
    code, _, report = run("--only", "print")
    assert {step for step, _ in rebuilt(report)} == {"print", "print-edition"}
    assert b"web-1" in (project / "build" / "web" / "doc00.html").read_bytes()
    code, _, report = run("--only", "tei,web")
    assert {step for step, _ in rebuilt(report)} == {"summary", "web", "web-site"}
    code, _, report = run()
    assert report["rebuilt"] == []


def test_deleted_source_removes_its_outputs(project):
    run()
    (project / "sources" / "doc02.txt").unlink()
    code, _, report = run()
    assert code == 0
    assert not (project / "tei" / "doc02.xml").exists()
    assert not (project / "build" / "web" / "doc02.html").exists()
    assert not (project / "build" / "print" / "doc02.pdf").exists()
    assert b"doc02" not in (project / "build" / "web" / "index.html").read_bytes()
    assert report["removed"][0]["document"] == "doc02"


def test_deleted_output_is_made_again(project):
    run()
    (project / "build" / "web" / "doc04.html").unlink()
    code, _, report = run()
    assert rebuilt(report) == {("web", "doc04")}
    assert (project / "build" / "web" / "doc04.html").exists()


def test_seeded_series_of_changes_equals_clean_builds(project):
    """Edits, additions, deletions and code changes, in a seeded order: after each, incremental == clean."""
    rng = random.Random(20261123)
    run("-j", "2")
    counter = 100
    hand_edited: set[str] = set()
    for round_ in range(10):
        sources = sorted((project / "sources").glob("*.txt"))
        action = rng.choice(["edit", "edit", "add", "delete", "code", "tei-edit"])
        conflict = False
        if action == "edit" or (action == "delete" and len(sources) < 3):
            path = rng.choice(sources)
            path.write_text(path.read_text() + f"edit {round_}\nDATE 19{rng.randint(70, 99)}-01-01\n")
            conflict = path.stem in hand_edited
        elif action == "add":
            counter += 1
            (project / "sources" / f"new{counter}.txt").write_text(f"New {counter}\nHAND hand-X{rng.randint(1, 3)}\n")
        elif action == "delete":
            rng.choice(sources).unlink()
        elif action == "tei-edit":
            tei = rng.choice(sorted((project / "tei").glob("*.xml")))
            tei.write_bytes(tei.read_bytes().replace(b"</body>", b"<p>edited by hand</p></body>"))
            hand_edited.add(tei.stem)
        elif action == "code":
            name = rng.choice(["convert.txt", "web.txt", "print.txt"])
            (project / "code" / name).write_text(f"{name}-{round_}")
        jobs = str(rng.choice([1, 2]))
        if conflict:  # a transcript changed under a hand edit: the build fails, naming it; -k builds on
            code, output, report = run("-j", jobs)
            assert code == 1 and [c["document"] for c in report["conflicts"]] == [path.stem], output
            code, output, _ = run("-j", jobs, "-k")
        else:
            code, output, _ = run("-j", jobs)
        assert code == 0, output
        assert snapshot(project / "build", project / "tei") == _clean_build(project), (round_, action)
