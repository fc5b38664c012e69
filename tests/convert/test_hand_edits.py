"""`tei/` is the edition: a re-conversion never overwrites a file an editor changed."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from pipeline.convert_cli import convert
from pipeline.output import accepted_hashes, is_hand_edited, remove_tei
from tests.conftest import SOURCES

SOURCE = next(SOURCES.glob("003_*.txt"))


def convert_into(out: Path, *extra: str):
    return CliRunner().invoke(convert, [str(SOURCE), "-o", str(out), "-q", *extra])


def test_regenerating_an_unedited_file_is_fine(tmp_path: Path) -> None:
    assert convert_into(tmp_path).exit_code == 0
    assert convert_into(tmp_path).exit_code == 0


def test_edited_file_is_left_byte_identical(tmp_path: Path) -> None:
    convert_into(tmp_path)
    target = tmp_path / (SOURCE.stem + ".xml")
    edited = target.read_bytes().replace(b"Lord Carrington", b"Lord Carrington (ed.)")
    target.write_bytes(edited)
    result = convert_into(tmp_path)
    assert result.exit_code == 1
    assert str(target) in result.stderr and "edited by hand" in result.stderr
    assert target.read_bytes() == edited


def test_force_keeps_a_backup(tmp_path: Path) -> None:
    convert_into(tmp_path)
    target = tmp_path / (SOURCE.stem + ".xml")
    target.write_bytes(target.read_bytes() + b"<!-- note -->\n")
    edited = target.read_bytes()
    result = convert_into(tmp_path, "--force")
    assert result.exit_code == 0 and "backup" in result.output
    assert (tmp_path / (target.name + ".bak")).read_bytes() == edited
    assert target.read_bytes() != edited


def test_unknown_existing_file_counts_as_edited(tmp_path: Path) -> None:
    target = tmp_path / (SOURCE.stem + ".xml")
    target.write_bytes(b"<TEI/>")
    assert convert_into(tmp_path).exit_code == 1
    assert target.read_bytes() == b"<TEI/>"


def test_no_temporary_files_left(tmp_path: Path) -> None:
    convert_into(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".generated.json", SOURCE.stem + ".xml"]


def test_a_write_killed_before_it_was_recorded_is_not_a_hand_edit(tmp_path: Path) -> None:
    from pipeline.output import _append, atomic_write, sha256

    convert_into(tmp_path)
    target = tmp_path / (SOURCE.stem + ".xml")
    newer = target.read_bytes().replace(b"Lord Carrington", b"Lord Carrington ")
    _append(tmp_path, {"file": target.name, "writing": sha256(newer)})  # the converter began a write ...
    atomic_write(target, newer)  # ... replaced the file, and was killed before recording it
    assert not is_hand_edited(target)
    assert convert_into(tmp_path).exit_code == 0
    assert accepted_hashes(tmp_path)[target.name] == {sha256(target.read_bytes())}
    assert not (tmp_path / ".generated.journal").exists()


def test_another_files_unfinished_write_survives_a_write(tmp_path: Path) -> None:
    from pipeline.output import _append, atomic_write, sha256, write_tei

    write_tei(tmp_path / "a.xml", b"<a/>")
    _append(tmp_path, {"file": "a.xml", "writing": sha256(b"<a n='2'/>")})
    atomic_write(tmp_path / "a.xml", b"<a n='2'/>")  # killed here
    write_tei(tmp_path / "b.xml", b"<b/>")
    assert not is_hand_edited(tmp_path / "a.xml")
    assert write_tei(tmp_path / "a.xml", b"<a n='3'/>") == "written"


def test_a_torn_journal_line_is_ignored(tmp_path: Path) -> None:
    convert_into(tmp_path)
    with open(tmp_path / ".generated.journal", "a") as journal:
        journal.write('{"file": "x.xml", "writ')
    assert convert_into(tmp_path).exit_code == 0


def test_remove_tei_keeps_hand_edits(tmp_path: Path) -> None:
    convert_into(tmp_path)
    target = tmp_path / (SOURCE.stem + ".xml")
    target.write_bytes(target.read_bytes() + b"<!-- mine -->")
    assert remove_tei(target) is False and target.exists()
    target.unlink()
    convert_into(tmp_path)
    assert remove_tei(target) is True and not target.exists()
    assert target.name not in accepted_hashes(tmp_path)


# ---- concurrency, compare-and-swap, kills, temporary files ----------------------------------------

import os  # noqa: E402
import random  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import threading  # noqa: E402

import pytest  # noqa: E402

from pipeline import output  # noqa: E402
from pipeline.output import EditedDuringWrite, HandEditedError, read_manifest, write_tei  # noqa: E402


@pytest.fixture
def hooks():
    """Install write hooks for one test."""
    installed: list = []
    output.write_hooks.extend(installed)
    yield installed
    for hook in installed:
        output.write_hooks.remove(hook)


def _install(hooks: list, hook) -> None:
    hooks.append(hook)
    output.write_hooks.append(hook)


@pytest.mark.parametrize("seed", range(50))
def test_two_converts_at_once_lose_no_entry_and_misclassify_no_file(tmp_path: Path, hooks, seed: int) -> None:
    """Two writers of one folder (two `pipeline convert`s, or a build beside one), each file written by
    both with its own converter's bytes, interleaved by seeded pauses at every write point (inside the
    record's read-modify-write too)."""
    names = [f"f{i}.xml" for i in range(6)]
    linked = tmp_path / "link"
    linked.symlink_to(tmp_path, target_is_directory=True)  # the second writer names the folder through a link
    pauses = {}

    def pause(point, path):
        rng = pauses.get(threading.get_ident())
        if rng is not None:
            time_to_wait = rng.random() * 0.002
            if time_to_wait > 0.0008:
                threading.Event().wait(time_to_wait)

    _install(hooks, pause)
    errors: list[BaseException] = []

    def writer(folder: Path, version: str, order: list[str], rng_seed: int) -> None:
        pauses[threading.get_ident()] = random.Random(rng_seed)
        try:
            for name in order:
                write_tei(folder / name, f"<TEI n='{name}' v='{version}'/>".encode())
        except BaseException as error:  # noqa: BLE001
            errors.append(error)

    rng = random.Random(seed)
    threads = [
        threading.Thread(target=writer, args=(tmp_path, "a", rng.sample(names, len(names)), rng.random())),
        threading.Thread(target=writer, args=(linked, "b", rng.sample(names, 4), rng.random())),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []  # no file of either writer taken for a hand edit
    manifest = read_manifest(tmp_path)
    assert sorted(manifest) == names  # no entry lost
    for name in names:
        assert manifest[name] == output.sha256((tmp_path / name).read_bytes())
        assert not is_hand_edited(tmp_path / name)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([".generated.json", "link", *names])


def test_a_hand_edit_landing_between_check_and_replace_is_kept(tmp_path: Path, hooks) -> None:
    target = tmp_path / "a.xml"
    write_tei(target, b"<TEI v='1'/>")
    edited = b"<TEI v='1'><!-- the editor's --></TEI>"

    def editor_saves(point, path):
        if point == "before-replace" and path.name == "a.xml":
            path.write_bytes(edited)  # after the check found the file as generated

    _install(hooks, editor_saves)
    with pytest.raises(EditedDuringWrite) as raised:
        write_tei(target, b"<TEI v='2'/>")
    assert target.read_bytes() == edited
    beside = tmp_path / "a.xml.new"
    assert beside.read_bytes() == b"<TEI v='2'/>"
    assert str(target) in str(raised.value) and str(beside) in str(raised.value)
    assert is_hand_edited(target)  # and so never overwritten by the next conversion either
    output.write_hooks.remove(editor_saves)
    hooks.remove(editor_saves)
    with pytest.raises(HandEditedError):
        write_tei(target, b"<TEI v='3'/>")
    assert target.read_bytes() == edited
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(output.TEMPORARY_PREFIX)]


def test_a_hand_edit_landing_before_a_removal_is_kept(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "a.xml"
    write_tei(target, b"<TEI v='1'/>")
    edited = b"<TEI v='1'><!-- mine --></TEI>"
    real_rename = os.rename

    def rename(src, dst):  # the editor saves just before the file is moved out of place
        if Path(src) == target:
            target.write_bytes(edited)
        return real_rename(src, dst)

    monkeypatch.setattr(output.os, "rename", rename)
    assert remove_tei(target) is False
    assert target.read_bytes() == edited


def test_a_file_created_between_check_and_write_is_kept(tmp_path: Path, hooks) -> None:
    target = tmp_path / "a.xml"

    def editor_creates(point, path):
        if point == "before-replace":
            path.write_bytes(b"<TEI mine='yes'/>")

    _install(hooks, editor_creates)
    with pytest.raises(EditedDuringWrite):
        write_tei(target, b"<TEI/>")
    assert target.read_bytes() == b"<TEI mine='yes'/>"
    assert (tmp_path / "a.xml.new").read_bytes() == b"<TEI/>"


POINTS = ["journal", "temporary", "before-replace", "replaced", "recorded"]
_KILLER = """
import os, sys
from pathlib import Path
from pipeline import output
point, nth = sys.argv[1], int(sys.argv[2])
seen = []
def kill(name, path):
    if name == point:
        seen.append(path)
        if len(seen) == nth:
            os._exit(9)
output.write_hooks.append(kill)
from pipeline.convert_cli import convert
convert(sys.argv[3:])
"""


@pytest.mark.parametrize("point", POINTS)
@pytest.mark.parametrize("nth", [1, 2])
def test_a_kill_at_each_write_point_leaves_nothing_the_next_run_does_not_remove(tmp_path: Path, point: str, nth: int) -> None:
    """`pipeline convert` killed at a write point (the nth time it is reached: a TEI file or the record);
    the next convert removes every temporary file, and takes no generated file for a hand edit."""
    out = tmp_path / "tei"
    sources = sorted(SOURCES.glob("00[34]_*.txt"))
    args = [*map(str, sources), "-o", str(out), "-q"]
    killed = subprocess.run([sys.executable, "-c", _KILLER, point, str(nth), *args], capture_output=True, cwd=tmp_path)
    assert killed.returncode == 9, killed.stderr
    result = CliRunner().invoke(convert, args)
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted([".generated.json", *(s.stem + ".xml" for s in sources)])
    for source in sources:
        assert not is_hand_edited(out / (source.stem + ".xml"))


def test_sources_linked_outside_are_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "outside" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("SECRET-TEXT-OUTSIDE\n")
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "001_a.txt").write_bytes(SOURCE.read_bytes())
    (sources / "002_link.txt").symlink_to(secret)
    (sources / "003_fifo.txt").touch()
    os.unlink(sources / "003_fifo.txt")
    os.mkfifo(sources / "003_fifo.txt")
    out = tmp_path / "tei"
    result = CliRunner().invoke(convert, [str(sources), "-o", str(out), "-q"])
    assert result.exit_code == 0
    assert "002_link.txt: skipped, a symbolic link" in result.stderr
    assert "003_fifo.txt: skipped, not a regular file" in result.stderr
    assert sorted(p.name for p in out.glob("*.xml")) == ["001_a.xml"]
    named = CliRunner().invoke(convert, [str(sources / "002_link.txt"), "-o", str(out), "-q"])
    assert "skipped, a symbolic link" in named.stderr and not (out / "002_link.xml").exists()
    assert all(b"SECRET-TEXT-OUTSIDE" not in p.read_bytes() for p in out.iterdir())


def test_transcripts_whose_xml_ids_would_clash_are_refused_before_any_write(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "003 a.txt").write_bytes(SOURCE.read_bytes())
    (sources / "003_a.txt").write_bytes(SOURCE.read_bytes())
    result = CliRunner().invoke(convert, [str(sources), "-o", str(tmp_path / "tei"), "-q"])
    assert result.exit_code == 2
    assert "003 a.txt" in result.output and "003_a.txt" in result.output and "one xml:id" in result.output
    assert not (tmp_path / "tei").exists() or not list((tmp_path / "tei").iterdir())


def test_two_convert_commands_at_once_lose_no_entry(tmp_path: Path) -> None:
    """Two `pipeline convert` processes writing one folder at once (one naming it through a link)."""
    out = tmp_path / "tei"
    out.mkdir()
    (tmp_path / "link").symlink_to(out, target_is_directory=True)
    sources = sorted(SOURCES.glob("*.txt"))
    command = [sys.executable, "-m", "pipeline", "convert", "-q"]
    processes = [subprocess.Popen([*command, "-o", str(out), *map(str, sources)], stdout=subprocess.PIPE, stderr=subprocess.PIPE),
                 subprocess.Popen([*command, "-o", str(tmp_path / "link"), *map(str, reversed(sources))],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE)]
    for process in processes:
        _, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
    manifest = read_manifest(out)
    assert sorted(manifest) == sorted(s.stem + ".xml" for s in sources)
    assert not any(is_hand_edited(out / name) for name in manifest)
