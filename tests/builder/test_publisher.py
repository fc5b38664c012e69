"""The publisher alone: one lock per output folder (through links), leftovers removed, one exchange."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.builder.lock import BuildLocked
from pipeline.builder.publisher import Publisher, unsafe
from pipeline.output import TEMPORARY_PREFIX


def _publish(out: Path, files: dict[str, bytes]) -> None:
    with Publisher(out) as publisher:
        for relative, data in files.items():
            publisher.write(relative, data, "test")
        publisher.publish({".pipeline-build.json": b"{}"}, set(), report=lambda: {"report.json": b"{}"})


def test_a_symlinked_output_folder_is_locked_and_stays_a_link(tmp_path: Path) -> None:
    out = tmp_path / "build"
    link = tmp_path / "bl"
    _publish(out, {"web/a.html": b"1"})
    link.symlink_to(out, target_is_directory=True)
    with Publisher(out):
        with pytest.raises(BuildLocked, match="another build is running"):
            Publisher(link).__enter__()
    with Publisher(link):
        with pytest.raises(BuildLocked):
            Publisher(out).__enter__()
    _publish(link, {"web/a.html": b"2"})
    assert link.is_symlink() and (out / "web" / "a.html").read_bytes() == b"2"


def test_leftovers_are_removed_and_temporary_files_never_published(tmp_path: Path) -> None:
    out = tmp_path / "build"
    _publish(out, {"web/a.html": b"1"})
    (tmp_path / ".build.staging-0123456789ab").mkdir()
    (out / f"{TEMPORARY_PREFIX}report.json-0a1b").write_bytes(b"half")
    (out / ".report.json.1234.tmp").write_bytes(b"half, from an earlier version")
    with Publisher(out) as publisher:
        assert not list(tmp_path.glob(".build.staging-*"))
        assert not [p for p in out.iterdir() if p.name.startswith(TEMPORARY_PREFIX) or p.name.endswith(".tmp")]
        (out / f"{TEMPORARY_PREFIX}late").write_bytes(b"x")  # made while staging: still not carried over
        publisher.write("web/b.html", b"2", "test")
        publisher.publish({}, set())
    assert sorted(p.name for p in out.iterdir()) == [".pipeline-build.json", "report.json", "web"]


def test_a_file_written_in_the_work_folder_is_moved_into_the_outputs_and_the_folder_goes(tmp_path: Path) -> None:
    out = tmp_path / "build"
    _publish(out, {"print/edition.pdf": b"old"})
    (tmp_path / ".build.work-0123456789ab").mkdir()  # a killed build's
    with Publisher(out) as publisher:
        assert not list(tmp_path.glob(".build.work-0123456789ab"))
        folder = publisher.work_folder()
        assert folder.parent == tmp_path and folder.name.startswith(".build.work-")
        (folder / "edition.pdf").write_bytes(b"new")
        publisher.move("print/edition.pdf", folder / "edition.pdf", "test")
        assert (out / "print" / "edition.pdf").read_bytes() == b"old"  # not published yet
        publisher.publish({}, set())
    assert (out / "print" / "edition.pdf").read_bytes() == b"new"
    assert not list(tmp_path.glob(".build.work-*"))


def test_nothing_is_visible_before_the_exchange(tmp_path: Path) -> None:
    out = tmp_path / "build"
    _publish(out, {"web/a.html": b"1"})
    with Publisher(out) as publisher:
        publisher.write("web/a.html", b"2", "test")
        publisher.remove("web/a.html")
        publisher.write("web/b.html", b"3", "test")
        assert (out / "web" / "a.html").read_bytes() == b"1" and not (out / "web" / "b.html").exists()
        assert publisher.published("web/b.html") and not publisher.published("web/a.html")
    assert (out / "web" / "a.html").read_bytes() == b"1"  # not published: discarded
    assert not list(tmp_path.glob(".build.staging-*"))


def test_outputs_a_step_may_not_write() -> None:
    assert unsafe("web/a.html") is None and unsafe(".cache/passages/a.json") is None
    for path in ["/etc/passwd", "../x", "web/../../x", "report.json", ".pipeline-build.json", ".hidden", "a\\b", ""]:
        assert unsafe(path), path


_KILLER = """
import os, sys
from pathlib import Path
from pipeline.builder import staging
from pipeline.builder.publisher import Publisher
point = sys.argv[1]
def kill(name, path):
    if name == point:
        os._exit(9)
staging.publish_hooks.append(kill)
if point == "half-exchanged":
    staging._exchange = lambda a, b: False
with Publisher(Path(sys.argv[2])) as publisher:
    publisher.write("web/a.html", b"new", "test")
    publisher.write("web/b.html", b"new", "test")
    publisher.publish({".pipeline-build.json": b"new"}, set(), report=lambda: {"report.json": b"new"})
"""


@pytest.mark.parametrize("point", ["staged", "written", "before-exchange", "half-exchanged", "exchanged"])
def test_a_kill_at_each_publish_point_leaves_old_or_new_whole_and_nothing_behind(tmp_path: Path, point: str) -> None:
    out = tmp_path / "build"
    _publish(out, {"web/a.html": b"old", "web/b.html": b"old"})
    killed = subprocess.run([sys.executable, "-c", _KILLER, point, str(out)], capture_output=True)
    assert killed.returncode == 9, killed.stderr
    with Publisher(out):
        pass  # the next build's start
    contents = {(out / "web" / name).read_bytes() for name in ("a.html", "b.html")} | {(out / "report.json").read_bytes()}
    assert contents in ({b"old", b"{}"}, {b"new"})
    assert sorted(p.name for p in tmp_path.iterdir()) == [".build.lock", "build"]
