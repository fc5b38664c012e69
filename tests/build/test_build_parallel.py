"""Per-document steps in a process pool (steps opened once per worker), and on a Dask cluster."""

from __future__ import annotations

import pytest

from buildhelpers import run, snapshot


def _opened(project) -> list[str]:
    folder = project / "code" / "opened"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_steps_are_opened_once_per_worker_process(project):
    code, _, _ = run("-j", "2")
    assert code == 0
    opened = _opened(project)
    pids = {name.split("-")[0] for name in opened}
    # 6 documents, 12 tasks, 2 processes: each opened its steps exactly once
    assert len(opened) == 2 and len(pids) == 2


def test_one_job_runs_in_process_and_opens_once(project):
    code, _, _ = run("-j", "1")
    assert code == 0
    assert len(_opened(project)) == 1


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
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        code, output, report = run("--scheduler", cluster.scheduler_address, "-o", "dask", "--tei-dir", "tei-dask")
        assert code == 0, output
        assert {k.split("/", 1)[1]: v for k, v in snapshot(project / "dask").items()} == {
            k.split("/", 1)[1]: v for k, v in local.items()
        }
        # the cluster's workers opened the steps themselves, once each at most
        assert 1 <= len(_opened(project)) - 1 <= 2
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
