"""`tei/` is the edition: a re-conversion never overwrites a file an editor changed."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from pipeline.convert_cli import convert
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
