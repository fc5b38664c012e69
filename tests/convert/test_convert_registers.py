"""The registers of persons, organisations and places: read strictly, matched with a stated
certainty, linked in the TEI (every @ref resolving in the file), and the unmatched names reported."""

from __future__ import annotations

import subprocess

import pytest
from lxml import etree

from pipeline.convert import convert_bytes
from pipeline.convert.entities import RegisterError, read_register, registers_from
from pipeline.convert.inputs import read_register_files
from tests.conftest import ROOT, SOURCES

NS = {"t": "http://www.tei-c.org/ns/1.0"}
REGISTERS = ROOT / "registers"


def register(body: str, listing: str = "listPerson") -> bytes:
    return (f'<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>R</title></titleStmt>'
            f'<publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader>'
            f'<standOff><{listing}>{body}</{listing}></standOff></TEI>').encode()


PERSONS = register(
    '<person xml:id="per-powell" sortKey="Powell,Charles"><persName type="standard">Charles Powell</persName>'
    '<persName type="variant">C D Powell</persName><persName type="initials">CDP</persName>'
    '<occupation from="1983" to="1991">Private Secretary to the Prime Minister</occupation></person>'
    '<person xml:id="per-thatcher" sortKey="Thatcher,Margaret"><persName type="standard">Margaret Thatcher</persName>'
    '<persName type="variant">Margaret</persName><occupation from="1979-05-04" to="1990-11-28">Prime Minister</occupation>'
    '<idno type="wikidata">Q7416</idno></person>'
    '<person xml:id="per-major" sortKey="Major,John"><persName type="standard">John Major</persName>'
    '<occupation from="1990-11-28" to="1997-05-02">Prime Minister</occupation></person>'
    '<person xml:id="per-carrington" sortKey="Carrington"><persName type="standard">Lord Carrington</persName>'
    '<persName type="variant">Carrington</persName><occupation from="1979" to="1982-04-05">Foreign Secretary</occupation></person>'
    '<person xml:id="per-pym" sortKey="Pym,Francis"><persName type="standard">Francis Pym</persName>'
    '<occupation from="1982-04-05" to="1983-06-11">Foreign Secretary</occupation></person>'
    '<person xml:id="per-reagan" sortKey="Reagan,Ronald"><persName type="standard">Ronald Reagan</persName>'
    '<persName type="variant">President Reagan</persName><persName type="variant">Ron</persName></person>'
    '<person xml:id="per-shultz" sortKey="Shultz,George"><persName type="standard">George Shultz</persName>'
    '<persName type="variant">Shultz</persName></person>')
ORGS = register('<org xml:id="org-fco"><orgName type="standard">Foreign and Commonwealth Office</orgName>'
                '<orgName type="variant">Resident Clerk</orgName></org>', "listOrg")


@pytest.fixture(scope="module")
def registers():
    return registers_from((("persons.xml", PERSONS), ("orgs.xml", ORGS)))


@pytest.mark.parametrize(("name", "date", "entry", "cert"), [
    ("Charles Powell", None, "per-powell", None),  # the standard name
    ("C. D. POWELL", None, "per-powell", None),  # a variant, in other case and stops
    ("Mr C D Powell Esq", None, "per-powell", None),  # forms of address are not the name
    ("C Powell", None, "per-powell", "medium"),  # initials that fit
    ("Margaret", None, "per-thatcher", "high"),  # a one-word variant
    ("Prime Minister", "1988-12-21", "per-thatcher", "high"),  # the office at the date
    ("Prime Minister", "1991-03-01", "per-major", "high"),
    ("Prime Minister", None, None, None),  # two holders, no date: no guess
    ("D Powell", None, None, None),  # initials that do not fit
    ("C J Powell", None, None, None),  # a middle initial the register contradicts
    ("Colin Powell", None, None, None),  # a forename written out is not an initial
    ("Mark Thatcher", None, None, None),
    ("Stephen Wall", None, None, None),
    ("President Reagan", None, "per-reagan", None),  # a variant with its form of address: sure
    ("Reagan", None, "per-reagan", "high"),
    ("Mrs Reagan", None, None, None),  # a form of address the register does not give him
    ("Lord Carrington", None, "per-carrington", None),
    ("Lady Carrington", None, None, None),  # the other sex than the register's "Lord"
    ("Mr Shultz", None, "per-shultz", "high"),  # a form where the register has none
    ("Foreign Secretary", "1979-03-01", "per-carrington", "medium"),  # within a year dated only by the year
    ("Foreign Secretary", "1981-06-01", "per-carrington", "high"),
    ("Foreign Secretary", "1982-06-01", "per-pym", "high"),
    ("President", None, None, None),
])
def test_names_match_with_a_stated_certainty(registers, name, date, entry, cert) -> None:
    match = registers.match("person", name, date)
    assert (match.entry.id if match else None, match.cert if match else None) == (entry, cert)


def test_hands_match_by_initials(registers) -> None:
    assert registers.match_initials("C.D.P.").entry.id == "per-powell"
    assert registers.match_initials("XYZ") is None


@pytest.mark.parametrize(("data", "says"), [
    (register('<person><persName type="standard">A</persName></person>'), "a person entry needs an xml:id"),
    (register('<person xml:id="per-p1"><persName type="variant">A</persName></person>'), "per-p1 needs exactly one persName of type 'standard'"),
    (register('<person xml:id="per-p1"><persName type="standard">A</persName><idno type="wikidata">7416</idno></person>'),
     "is not a Wikidata id"),
    (register('<person xml:id="per-p1"><persName type="standard">A</persName><idno type="viaf">Q1</idno></person>'), "is not"),
    (register('<person xml:id="per-p1"><persName>A</persName></person>'), "needs type 'standard', 'variant' or 'initials'"),
    (b"<TEI", "persons.xml"),
    (b'<?xml version="1.0"?><!DOCTYPE x SYSTEM "file:///etc/passwd"><x/>', "persons.xml"),
])
def test_a_register_that_cannot_be_used_is_a_located_error(data, says) -> None:
    with pytest.raises(RegisterError, match=says.replace("(", r"\(").replace(")", r"\)")) as error:
        read_register(data, "persons.xml")
    assert "persons.xml" in str(error.value)


def test_two_entries_with_one_id_are_refused() -> None:
    with pytest.raises(RegisterError, match="'per-powell' is used by two register entries"):
        registers_from((("a.xml", PERSONS), ("b.xml", PERSONS)))


def test_register_files_are_regular_files_only(tmp_path) -> None:
    (tmp_path / "persons.xml").write_bytes(PERSONS)
    assert [name for name, _ in read_register_files(tmp_path)] == [str(tmp_path / "persons.xml")]
    outside = tmp_path.parent / f"{tmp_path.name}-outside.xml"
    outside.write_bytes(ORGS)
    (tmp_path / "linked.xml").symlink_to(outside)
    with pytest.raises(RegisterError, match="linked.xml is a symbolic link"):
        read_register_files(tmp_path)  # never read through, never silently left out
    assert read_register_files(tmp_path / "absent") is None


@pytest.fixture(scope="module")
def bundled():
    """The bundled corpus converted with the edition's registers."""
    registers = registers_from(read_register_files(REGISTERS))
    return {path.name: convert_bytes(path.read_bytes(), path.name, registers=registers) for path in sorted(SOURCES.glob("*.txt"))}


def test_every_person_of_a_header_signature_or_hand_resolves_in_the_bundled_corpus(bundled) -> None:
    for name, conversion in bundled.items():
        root = etree.fromstring(conversion.tei)
        ids = set(root.xpath("t:standOff//@xml:id", namespaces=NS))
        for person in root.xpath("t:teiHeader//t:persName | .//t:signed//t:persName", namespaces=NS):
            assert person.get("ref", "")[1:] in ids, (name, person.text)
        for note in root.xpath(".//t:handNote[t:persName]", namespaces=NS):
            assert note.get("scribeRef", "")[1:] in ids, (name, note.get("{http://www.w3.org/XML/1998/namespace}id"))
        refs = {value[1:] for value in root.xpath(".//t:persName/@ref | .//t:orgName/@ref | .//t:placeName/@ref | .//t:settlement/@ref | .//t:country/@ref | .//@scribeRef",
                                                  namespaces=NS)}
        assert refs <= ids and ids <= refs, name  # every pointer resolves; only what is used is embedded


def test_one_person_under_many_names_is_one_entry(bundled) -> None:
    root = etree.fromstring(bundled["002_6107bf163eec2d22.txt"].tei)
    names = {p.text for p in root.iterfind(".//t:persName[@ref='#per-powell-charles']", NS)}
    assert {"C D Powell", "Charles Powell", "CHARLES POWELL"} <= names
    assert root.xpath(".//t:handNote[@xml:id='hand-CDP']/@scribeRef", namespaces=NS)[0] == "#per-powell-charles"


def test_signatures_and_addresses_are_linked_where_they_name_someone(bundled) -> None:
    root = etree.fromstring(bundled["004_570edd33cf41b241.txt"].tei)
    signed = [etree.tostring(s, encoding="unicode") for s in root.iterfind(".//t:signed", NS)]
    assert any('<persName ref="#per-dorey-g-j">G J Dorey</persName> <orgName ref="#org-csce-unit">CSCE Unit</orgName>' in s for s in signed)
    office = root.find(".//t:correspAction/t:orgName[.='Resident Clerk']", NS)
    assert office is not None and office.get("ref") == "#org-fco-resident-clerk"  # an office, not a person


def test_names_the_registers_do_not_know_are_candidates_with_the_command_to_add_them(bundled) -> None:
    candidates = [w for w in bundled["004_570edd33cf41b241.txt"].warnings if w.code == "register-candidate"]
    assert [w.message for w in candidates] == [
        "no register entry for the person 'COR' (hand hand-COR); add one with: "
        "pipeline registers add person 'FULL NAME' --initials COR"]


def test_the_linked_files_and_the_registers_are_valid_tei_all(bundled, jing, tei_all, tmp_path) -> None:
    for name, conversion in bundled.items():
        (tmp_path / name.replace(".txt", ".xml")).write_bytes(conversion.tei)
    files = [*map(str, sorted(tmp_path.glob("*.xml"))), *map(str, sorted(REGISTERS.glob("*.xml")))]
    result = subprocess.run([jing, str(tei_all), *files], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_the_registers_and_the_linked_files_pass_the_project_schema_and_its_rules(bundled) -> None:
    from pipeline.validate import iter_errors

    for path in sorted(REGISTERS.glob("*.xml")):
        assert [str(m) for m in iter_errors(path)] == [], path.name
    for name, conversion in bundled.items():
        assert [str(m) for m in iter_errors(conversion.tei, name=name)] == [], name


def test_a_pointer_to_no_entry_is_refused_by_the_project_rules(bundled) -> None:
    from pipeline.validate import iter_errors

    tei = bundled["002_6107bf163eec2d22.txt"].tei.replace(b'ref="#per-reagan-ronald"', b'ref="#per-nobody"', 1)
    messages = [str(m) for m in iter_errors(tei, name="002.xml")]
    assert messages and any("per-nobody" in m for m in messages)


def test_a_register_id_the_converter_also_gives_is_a_clear_error() -> None:
    path = SOURCES / "002_6107bf163eec2d22.txt"  # converted as per-powell-charles.txt, its file's id is the entry's
    with pytest.raises(RegisterError, match="'per-powell-charles' is an id the converter gives"):
        convert_bytes(path.read_bytes(), "per-powell-charles.txt", registers=registers_from(read_register_files(REGISTERS)))


@pytest.mark.parametrize(("text", "encoded"), [
    ("Yours ever, Margaret", 'Yours ever, <persName ref="#per-thatcher-margaret" cert="high">Margaret</persName>'),
    ("Margaret Beckett", "Margaret Beckett"),  # a one-word name inside a longer one
    ("Lady Carrington", "Lady Carrington"),
    ("Carrington-Smith", "Carrington-Smith"),
    ("10 Washington Street", "10 Washington Street"),
    ("10 DOWNING STREET LONDON SW1A 2AA",
     '<orgName ref="#org-no10">10 DOWNING STREET</orgName> <placeName ref="#pla-london">LONDON</placeName> SW1A 2AA'),
    ("(J S Wall)", '(<persName ref="#per-wall-stephen">J S Wall</persName>)'),
])
def test_names_in_signatures_and_addresses_are_whole_names(text, encoded) -> None:
    from pipeline.convert.linking import _encode_names

    signed = etree.Element("{http://www.tei-c.org/ns/1.0}signed", nsmap={None: "http://www.tei-c.org/ns/1.0"})
    signed.text = text
    _encode_names(signed, registers_from(read_register_files(REGISTERS)))
    inner = etree.tostring(signed, encoding="unicode").split(">", 1)[1].rsplit("</signed>", 1)[0]
    assert inner == encoded


@pytest.mark.parametrize(("body", "says"), [
    ('<person xml:id="hand-CDP"><persName type="standard">A</persName></person>', "needs an xml:id starting 'per-'"),
    ('<person xml:id="per-a"><persName type="standard" xml:id="typescript">A</persName></person>', "an xml:id inside the entry per-a"),
    ('<person xml:id="per-a"><persName type="standard">A</persName><persName type="variant" xml:id="x1">B</persName>'
     '<persName type="variant" xml:id="x1">C</persName></person>', "persons.xml"),
])
def test_ids_a_file_could_also_have_are_refused_in_the_register(body, says) -> None:
    with pytest.raises(RegisterError, match=says):
        read_register(register(body), "persons.xml")


def test_nested_entries_are_refused() -> None:
    nested = register('<place xml:id="pla-uk"><placeName type="standard">United Kingdom</placeName>'
                      '<place xml:id="pla-london"><placeName type="standard">London</placeName></place></place>', "listPlace")
    with pytest.raises(RegisterError, match="pla-london is inside another entry"):
        read_register(nested, "places.xml")
