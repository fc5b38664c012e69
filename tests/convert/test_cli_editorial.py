"""`pipeline convert` with what lies beside the transcripts: decisions, the catalogue; invalid TEI kept aside."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from lxml import etree

from pipeline.convert_cli import convert
from tests.convert.test_decisions import DECISIONS, TRANSCRIPT

NS = {"t": "http://www.tei-c.org/ns/1.0"}


def folder(tmp_path: Path) -> Path:
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "900_letter.txt").write_text(TRANSCRIPT)
    return sources


def run(tmp_path: Path, sources: Path):
    return CliRunner().invoke(convert, [str(sources), "-o", str(tmp_path / "tei")])


def test_decisions_and_catalogue_beside_the_transcript_are_applied(tmp_path: Path) -> None:
    sources = folder(tmp_path)
    (sources / "900_letter.decisions.toml").write_bytes(DECISIONS)
    (sources / "catalogue.csv").write_text("transcript,reference,title\n900_letter.txt,PREM 19/2345,Human rights: the Moscow meeting\n")
    result = run(tmp_path, sources)
    assert result.exit_code == 0, result.output
    root = etree.parse(str(tmp_path / "tei" / "900_letter.xml"))
    assert len(root.findall(".//t:body/t:div", NS)) == 2
    assert root.find(".//t:idno[@type='reference']", NS).text == "PREM 19/2345"
    assert root.find(".//t:titleStmt/t:title", NS).text == "Human rights: the Moscow meeting"


def test_a_stale_decision_stops_that_file_and_keeps_its_tei(tmp_path: Path) -> None:
    sources = folder(tmp_path)
    assert run(tmp_path, sources).exit_code == 0
    tei = (tmp_path / "tei" / "900_letter.xml").read_bytes()
    (sources / "900_letter.decisions.toml").write_bytes(DECISIONS.replace(b"MOSCOW HUMAN RIGHTS", b"MOSCOW SUMMIT"))
    result = run(tmp_path, sources)
    assert result.exit_code == 1
    assert "900_letter.decisions.toml: decision 1 (split at line 17)" in result.output
    assert (tmp_path / "tei" / "900_letter.xml").read_bytes() == tei


def test_a_bad_catalogue_is_a_located_error(tmp_path: Path) -> None:
    sources = folder(tmp_path)
    (sources / "catalogue.csv").write_text("transcript,reference\n900_letter.txt,PREM19\n")
    result = run(tmp_path, sources)
    assert result.exit_code == 1 and "catalogue.csv:2: reference 'PREM19' is not series and piece" in result.output


def test_invalid_tei_is_kept_aside_never_written_as_the_file(tmp_path: Path, monkeypatch) -> None:
    from pipeline.convert import InvalidTEIError, converter

    def refuse(root, tei: bytes, transcript) -> None:
        raise InvalidTEIError("line 1 (document 1): the converter made TEI its schema rejects (test)", tei)

    monkeypatch.setattr(converter, "check", refuse)
    sources = folder(tmp_path)
    result = run(tmp_path, sources)
    assert result.exit_code == 1 and "900_letter.xml.invalid" in result.output
    assert not (tmp_path / "tei" / "900_letter.xml").exists()
    assert (tmp_path / "tei" / "900_letter.xml.invalid").read_bytes().startswith(b"<?xml")


def test_pipeline_decisions_turns_a_hand_edit_into_a_decision_file(tmp_path: Path) -> None:
    from pipeline.decisions_cli import decisions

    sources = folder(tmp_path)
    assert run(tmp_path, sources).exit_code == 0
    tei = tmp_path / "tei" / "900_letter.xml"
    tei.write_bytes(tei.read_bytes().replace(b'<div type="letter"', b'<div type="minute"', 1))
    result = CliRunner().invoke(decisions, [str(tei), "--sources", str(sources), "--write"])
    assert result.exit_code == 0, result.output
    written = (sources / "900_letter.decisions.toml").read_text()
    assert 'action = "set"' in written and 'type = "minute"' in written
    again = CliRunner().invoke(convert, [str(sources), "-o", str(tmp_path / "tei2")])
    assert again.exit_code == 0 and b'<div type="minute"' in (tmp_path / "tei2" / "900_letter.xml").read_bytes()
