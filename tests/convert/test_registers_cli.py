"""`pipeline registers add` turns a converter's candidate into a register entry the next conversion links."""

from __future__ import annotations

import shlex
from pathlib import Path

from click.testing import CliRunner
from lxml import etree

from pipeline.convert.entities import read_register
from pipeline.convert_cli import convert
from pipeline.registers_cli import registers
from tests.convert.test_decisions import TRANSCRIPT

NS = {"t": "http://www.tei-c.org/ns/1.0"}


def project(tmp_path: Path) -> Path:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "900_letter.txt").write_text(TRANSCRIPT)
    (tmp_path / "registers").mkdir()
    return tmp_path


def convert_in(root: Path):
    return CliRunner().invoke(convert, [str(root / "sources"), "-o", str(root / "tei"), "--registers", str(root / "registers")])


def add(root: Path, *args: str):
    return CliRunner().invoke(registers, ["add", *args, "--dir", str(root / "registers")])


def test_a_candidate_added_with_the_command_it_names_is_linked_next_time(tmp_path: Path) -> None:
    root = project(tmp_path)
    first = convert_in(root)
    assert first.exit_code == 0, first.output
    suggestion = next(line for line in first.output.splitlines() if "'Charles Powell'" in line and "register-candidate" in line)
    command = shlex.split(suggestion.split("add one with: ")[1].rsplit(" [", 1)[0])
    assert command[:3] == ["pipeline", "registers", "add"]
    added = add(root, *command[3:])
    assert added.exit_code == 0, added.output
    again = convert_in(root)
    assert again.exit_code == 0, again.output
    assert "'Charles Powell'" not in again.output
    tei = etree.parse(str(root / "tei" / "900_letter.xml"))
    name = tei.find(".//t:correspAction[@type='sent']/t:persName", NS)
    assert name.get("ref") == "#per-powell-charles"
    assert tei.xpath("//t:standOff/t:listPerson/t:person/@xml:id", namespaces=NS) == ["per-powell-charles"]


def test_add_writes_a_register_that_reads_back_and_refuses_a_known_name(tmp_path: Path) -> None:
    root = project(tmp_path)
    assert add(root, "person", "C D Powell", "--standard", "Charles Powell", "--initials", "CDP").exit_code == 0
    assert add(root, "org", "Foreign and Commonwealth Office").exit_code == 0
    entries = read_register((root / "registers" / "persons.xml").read_bytes(), "persons.xml")
    assert [(e.id, e.standard, e.variants, e.initials) for e in entries] == [
        ("per-powell-charles", "Charles Powell", ("C D Powell",), ("CDP",))]
    again = add(root, "person", "C. D. Powell")
    assert again.exit_code == 1 and "already a name of per-powell-charles" in again.output
    before = (root / "registers" / "persons.xml").read_bytes()
    assert add(root, "person", "Someone", "--id", "per-powell-charles").exit_code == 1
    assert (root / "registers" / "persons.xml").read_bytes() == before  # nothing half-written


def test_a_broken_register_stops_conversion_with_its_place(tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / "registers" / "persons.xml").write_text("<TEI xmlns='http://www.tei-c.org/ns/1.0'><standOff><listPerson>"
                                                    "<person><persName type='standard'>X</persName></person></listPerson></standOff></TEI>")
    result = convert_in(root)
    assert result.exit_code == 1
    assert "persons.xml:1: a person entry needs an xml:id" in result.output
    assert "Traceback" not in result.output


def test_a_variant_joins_the_entry_its_standard_name_names(tmp_path: Path) -> None:
    root = project(tmp_path)
    assert add(root, "person", "Charles Powell", "--initials", "CDP").exit_code == 0
    joined = add(root, "person", "C. D. POWELL", "--standard", "Charles Powell")
    assert joined.exit_code == 0 and "added 'C. D. POWELL' to per-powell-charles" in joined.output
    entries = read_register((root / "registers" / "persons.xml").read_bytes(), "persons.xml")
    assert [(e.id, e.variants) for e in entries] == [("per-powell-charles", ("C. D. POWELL",))]


def test_a_name_that_would_make_another_ambiguous_is_refused(tmp_path: Path) -> None:
    root = project(tmp_path)
    assert add(root, "person", "Margaret Thatcher").exit_code == 0
    assert add(root, "person", "Margaret", "--standard", "Margaret Thatcher").exit_code == 0
    before = (root / "registers" / "persons.xml").read_bytes()
    refused = add(root, "person", "Margaret")
    assert refused.exit_code == 1 and "also a name of per-thatcher-margaret" in refused.output
    assert (root / "registers" / "persons.xml").read_bytes() == before


def test_names_xml_cannot_hold_and_symlinked_registers_are_one_line_errors(tmp_path: Path) -> None:
    root = project(tmp_path)
    bad = add(root, "person", "Bad\x01Name")
    assert bad.exit_code == 1 and "not a name" in bad.output and "Traceback" not in bad.output
    outside = tmp_path / "elsewhere.xml"
    outside.write_text("<TEI/>")
    (root / "registers" / "persons.xml").symlink_to(outside)
    linked = add(root, "person", "Someone Else")
    assert linked.exit_code == 1 and "symbolic link" in linked.output
    assert outside.read_text() == "<TEI/>"  # never written through
