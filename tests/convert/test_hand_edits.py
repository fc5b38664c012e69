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
