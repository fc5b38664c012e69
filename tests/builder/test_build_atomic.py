"""A killed build leaves the published outputs whole; two builds on one output directory do not interleave."""

from __future__ import annotations

import json
import os
import signal
import time

import pytest

from buildhelpers import run, snapshot, spawn


def _slow_sources(project, seconds: float, tag: str) -> None:
    for path in sorted((project / "sources").glob("*.txt")):
        path.write_text(path.read_text().split("SLEEP")[0] + f"{tag}\nSLEEP={seconds}\n")


def _wait_for_events(process, count: int, timeout: float = 60) -> list[dict]:
    events = []
    deadline = time.monotonic() + timeout
    while len(events) < count and time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        events.append(json.loads(line))
    return events


def _live_members(pgid: int) -> list[int]:
    """Processes of a process group that still run (zombies, already dead, are not counted)."""
    live = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = open(f"/proc/{entry}/stat").read()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        if int(fields[2]) == pgid and fields[0] not in ("Z", "X"):
            live.append(int(entry))
    return live


def _group_gone(pgid: int, timeout: float = 20) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not _live_members(pgid):
            return True
        time.sleep(0.2)
    return False


@pytest.mark.slow
@pytest.mark.parametrize("kill_after_events", [1, 4, 9, 15, 17, 19])
def test_sigkill_leaves_published_outputs_whole(project, kill_after_events):
    code, _, _ = run()
    assert code == 0
    before = snapshot(project / "build", skip_reports=False)
    _slow_sources(project, 0.15, "second version")
    process = spawn("-j", "2")
    events = _wait_for_events(process, kill_after_events)
    process.send_signal(signal.SIGKILL)
    process.wait()
    process.stdout.close()
    process.stderr.close()
    after = snapshot(project / "build", skip_reports=False)
    finished = any(e["event"] == "summary" for e in events)
    if after != before:
        # killed after publishing: then it is the whole new build
        assert finished or b"second version" in after["build/web/doc00.html"]
        assert all(b"second version" in after[f"build/web/doc{i:02d}.html"] for i in range(6))
    # the next build cleans up and equals a clean build
    code, output, report = run()
    assert code == 0, output
    assert not list(project.glob(".build.staging-*")) and not list(project.glob(".build.old-*"))
    assert all(b"second version" in (project / "build" / "web" / f"doc{i:02d}.html").read_bytes() for i in range(6))


def test_killed_workers_do_not_outlive_the_build(project):
    _slow_sources(project, 1.0, "slow")
    process = spawn("-j", "2", new_session=True)
    _wait_for_events(process, 1)  # started: the pool is up and converting
    time.sleep(0.5)
    process.send_signal(signal.SIGKILL)
    process.wait()
    process.stdout.close()
    process.stderr.close()
    try:
        assert _group_gone(process.pid), [open(f"/proc/{p}/cmdline").read() for p in _live_members(process.pid)]
    finally:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def test_two_builds_on_one_output_directory(project):
    _slow_sources(project, 0.2, "slow")
    first = spawn("-j", "1")
    events = _wait_for_events(first, 1)
    assert events and events[0]["event"] == "start"
    code, output, _ = run()
    assert code == 2
    assert "another build is running" in output
    assert first.wait(timeout=60) == 0
    first.stdout.close()
    first.stderr.close()
    code, _, report = run()
    assert code == 0 and report["rebuilt"] == []


def test_publish_without_an_atomic_exchange_and_its_repair(project, monkeypatch):
    """Where directories cannot be exchanged atomically: two renames, repaired if cut in half."""
    import pipeline.builder.staging as staging

    code, _, _ = run()
    assert code == 0
    monkeypatch.setattr(staging, "_exchange", lambda a, b: False)
    (project / "sources" / "doc01.txt").write_text("second\n")
    code, _, _ = run()
    assert code == 0 and b"second" in (project / "build" / "web" / "doc01.html").read_bytes()
    assert not list(project.glob(".build.old-*"))
    # a build killed between the two renames: the output directory is missing, its old self beside it
    before = snapshot(project / "build", skip_reports=False)
    (project / "build").rename(project / ".build.old-0123456789ab")
    (project / ".build.staging-0123456789ab").mkdir()
    code, _, report = run()
    assert code == 0 and report["rebuilt"] == []
    assert snapshot(project / "build", skip_reports=False).keys() == before.keys()
    assert not list(project.glob(".build.old-*")) and not list(project.glob(".build.staging-*"))
