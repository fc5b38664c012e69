"""Per-document steps in a process pool (steps opened once per worker), and on a Dask cluster."""

from __future__ import annotations

import os

import pytest

from buildhelpers import rebuilt, run, snapshot
from pipeline.builder.hashing import digest_bytes


def _opened(project) -> list[str]:
    folder = project / "code" / "opened"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def _site_pids(project) -> set[str]:
    folder = project / "code" / "site-runs"
    return {p.name.rsplit("-", 2)[1] for p in folder.iterdir()} if folder.exists() else set()


def test_steps_are_opened_once_per_worker_process(project):
    code, _, _ = run("-j", "2")
    assert code == 0
    opened = [name.split("-")[0] for name in _opened(project)]
    site = _site_pids(project)
    # 6 documents, 2 processes for their tasks, each opened its steps exactly once; each run of an
    # edition-wide step (the web site's twice: made beside the pages, then with their private files)
    # in a process of its own, which opened the steps once too; none in the build's
    workers = [pid for pid in opened if pid not in site]
    assert len(workers) == 2 and len(set(workers)) == 2
    runs = len(list((project / "code" / "site-runs").iterdir()))
    assert len(site) == runs == 3 and sorted(site) == sorted(pid for pid in opened if pid in site)
    assert str(os.getpid()) not in opened


def test_one_job_runs_in_one_worker_process_and_opens_once(project):
    code, _, _ = run("-j", "1")
    assert code == 0
    workers = [name.split("-")[0] for name in _opened(project) if name.split("-")[0] not in _site_pids(project)]
    assert len(workers) == 1 and workers != [str(os.getpid())]


def test_edition_wide_steps_never_run_in_the_builds_own_process(project):
    """Not even in a build with a single task to do (a one-document edit), where they would be the
    largest thing this process held."""
    code, _, _ = run("-j", "2")
    assert code == 0
    (project / "sources" / "doc03.txt").write_text("Letter 3, edited\nDATE 1983-01-01\n")
    for jobs in ("1", "2"):
        code, _, report = run("-j", jobs)
        assert code == 0 and {("web-site", None), ("print-edition", None)} <= rebuilt(report)
        (project / "sources" / "doc03.txt").write_text(f"Letter 3, edited {jobs}\nDATE 1983-01-01\n")
    runs = len(list((project / "code" / "site-runs").iterdir()))  # 2 a build at least: 6
    assert runs >= 6 and len(_site_pids(project)) == runs and str(os.getpid()) not in _site_pids(project)


def test_parallel_and_serial_builds_are_identical(project, tmp_path):
    code, _, _ = run("-j", "2", "-o", "par")
    assert code == 0
    code, _, _ = run("-j", "1", "-o", "ser", "--tei-dir", "tei-ser")
    assert code == 0
    par = {k.split("/", 1)[1]: v for k, v in snapshot(project / "par", project / "tei").items()}
    ser = {k.split("/", 1)[1]: v for k, v in snapshot(project / "ser", project / "tei-ser").items()}
    assert par == ser


@pytest.mark.slow
def test_dask_local_cluster_builds_the_same_edition(project):
    distributed = pytest.importorskip("distributed")
    code, _, _ = run("-j", "1", "-o", "local")
    assert code == 0
    local = snapshot(project / "local")
    before = len(_opened(project))  # the local build's worker, and the processes of its edition-wide steps
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        code, output, report = run("--scheduler", cluster.scheduler_address, "-o", "dask", "--tei-dir", "tei-dask")
        assert code == 0, output
        assert {k.split("/", 1)[1]: v for k, v in snapshot(project / "dask").items()} == {
            k.split("/", 1)[1]: v for k, v in local.items()
        }
        # the cluster's workers opened the steps themselves, once each at most
        assert 1 <= len(_opened(project)) - before <= 2
        # an edit on the cluster rebuilds that document, the page before it (whose "next" link
        # names it), and the edition
        (project / "sources" / "doc02.txt").write_text("edited\n")
        code, _, report = run("--executor", "dask", "--scheduler", cluster.scheduler_address, "-o", "dask", "--tei-dir", "tei-dask")
        assert code == 0
        assert {(i["step"], i["document"]) for i in report["rebuilt"] if i["document"] != "doc02"} == {
            ("web", "doc01"), ("web-site", None), ("print-edition", None)}


@pytest.mark.slow
def test_dask_executor_without_a_scheduler_starts_a_local_cluster(project):
    pytest.importorskip("distributed")
    code, output, report = run("--executor", "dask", "-j", "2")
    assert code == 0, output
    assert len(_opened(project)) == 2  # two worker processes, each opened the steps once
    assert (project / "build" / "web" / "index.html").is_file()


def test_workers_started_before_the_schema_compiles_validate_with_the_new_schema(project):
    """The pool starts converting while the schema compiles: a worker opened before the compile
    must not validate with the schema it read then."""
    code, _, _ = run("-j", "2")
    assert code == 0
    opened = len(_opened(project))
    (project / "code" / "schema.odd").write_text("odd-2\nFORBID Letter 3\n")
    # a clean build elsewhere: every document is converted (the pool starts early) and validated
    code, _, report = run("-j", "2", "-o", "other", "--tei-dir", "tei-other")
    assert code == 1
    assert [d["name"] for d in report["documents"] if not d["ok"]] == ["doc03"]
    assert ("schema", None) in rebuilt(report)
    # the two workers opened their steps before the schema was compiled, and again after (at least one)
    assert len(_opened(project)) - opened >= 3


def _site_runs(project, step: str = "web-site") -> int:
    folder = project / "code" / "site-runs"
    return len([p for p in folder.iterdir() if p.name.startswith(step + "-")]) if folder.exists() else 0


def test_the_edition_wide_web_step_runs_beside_the_pages(project, monkeypatch):
    """Pages without private files: the edition-wide web step starts with the pages (from the
    summaries) and runs once; the same bytes as a build with one job."""
    monkeypatch.setenv("BUILD_FAKE_NO_PASSAGES", "1")
    code, _, report = run("-j", "2")
    assert code == 0 and _site_runs(project) == 1 and _site_runs(project, "print-edition") == 1
    assert {("web-site", None), ("print-edition", None)} <= rebuilt(report)
    code, _, _ = run("-j", "1", "-o", "ser", "--tei-dir", "tei-ser")
    assert code == 0 and _site_runs(project) == 2
    par = {k.split("/", 1)[1]: v for k, v in snapshot(project / "build", project / "tei").items()}
    ser = {k.split("/", 1)[1]: v for k, v in snapshot(project / "ser", project / "tei-ser").items()}
    assert par == ser
    # an edit of what the edition-wide pages show: made once more, beside that document's pages
    (project / "sources" / "doc04.txt").write_text("Another title\nDATE 1985-01-01\n")
    code, _, report = run("-j", "2")
    assert code == 0 and _site_runs(project) == 3
    assert b"Another title" in (project / "build" / "web" / "index.html").read_bytes()


def test_the_edition_wide_web_step_waits_for_the_private_files_of_the_pages(project):
    """Pages with private files (search passages): what the edition-wide step was given of them is
    in its outputs, whatever ran beside the pages."""
    code, _, _ = run("-j", "2")
    assert code == 0
    search = (project / "build" / "web" / "search.js").read_bytes()
    for i in range(6):
        passage = (project / "build" / ".cache" / "passages" / f"doc{i:02d}.json").read_bytes()
        assert passage in search


@pytest.mark.parametrize("passages", [False, True])
def test_a_page_failing_beside_the_edition_wide_steps_leaves_its_document_out_of_them(project, monkeypatch, passages):
    """The edition-wide steps start with the pages, from every document then in; one whose page then
    fails (--keep-going) is out of them all the same."""
    if not passages:
        monkeypatch.setenv("BUILD_FAKE_NO_PASSAGES", "1")
    (project / "sources" / "doc03.txt").write_text("A page that fails\nFAIL-WEB\n")
    code, _, report = run("-j", "2", "--keep-going")
    assert code == 1
    assert [d["error"].split(":")[0] for d in report["documents"] if not d["ok"]] == ["web"]
    tei = (project / "tei" / "doc03.xml").read_bytes()
    edition = (project / "build" / "print" / "edition.pdf").read_bytes()
    assert digest_bytes(tei).encode() not in edition
    assert digest_bytes((project / "tei" / "doc02.xml").read_bytes()).encode() in edition
    index = (project / "build" / "web" / "index.html").read_bytes()
    assert b"doc03" not in index and b"doc02" in index
    # made again after the pages, without it
    assert _site_runs(project, "print-edition") == 2 and _site_runs(project) == 2
