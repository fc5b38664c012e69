"""CMIF export: valid TEI (tei_all, by jing), one correspDesc per dated letter with its parties and page."""

from __future__ import annotations

import subprocess
from pathlib import Path

from lxml import etree

from pipeline.cmif import cmif_document
from pipeline.convert import convert_bytes
from pipeline.convert.entities import registers_from
from pipeline.convert.inputs import read_register_files
from tests.conftest import ROOT, SOURCES

NS = {"t": "http://www.tei-c.org/ns/1.0"}


def converted() -> list[etree._Element]:
    registers = registers_from(read_register_files(ROOT / "registers"))
    return [etree.fromstring(convert_bytes(p.read_bytes(), p.name, registers=registers).tei) for p in sorted(SOURCES.glob("*.txt"))]


def test_cmif_is_valid_tei_and_lists_every_dated_letter(tmp_path: Path, jing: str, tei_all: Path) -> None:
    trees = converted()
    data = cmif_document(trees, title="PMO Papers", base_url="https://example.org/pmo", editor="The editors", today="2026-12-03")
    target = tmp_path / "cmif.xml"
    target.write_bytes(data)
    result = subprocess.run([jing, str(tei_all), str(target)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    cmif = etree.fromstring(data)
    listed = {c.get("ref").rsplit("/", 1)[1].removesuffix(".html") for c in cmif.iterfind(".//t:correspDesc", NS)}
    sent = {}  # each dated document with a sender or addressee, that is no draft and no further copy: its type
    for tree in trees:
        for div in tree.iterfind("t:text/t:body/t:div", NS):
            corresp = tree.find(f".//t:correspDesc[@corresp='#{div.get('{http://www.w3.org/XML/1998/namespace}id')}']", NS)
            if (corresp is not None and corresp.find("t:correspAction/t:date", NS) is not None
                    and corresp.find("t:correspAction/t:persName", NS) is not None
                    and corresp.find("t:correspContext/t:ref[@type='draft-of']", NS) is None
                    and corresp.find("t:correspContext/t:ref[@type='copy-of']", NS) is None):
                sent[div.get("{http://www.w3.org/XML/1998/namespace}id")] = div.get("type")
    assert {"letter", "minute"} <= set(sent.values()) and set(sent) <= listed
    assert not any(name.endswith(("f002_6107bf163eec2d22.d03", "f002_6107bf163eec2d22.d05")) for name in listed)  # copies of d01
    assert cmif.find(".//t:publicationStmt/t:idno[@type='url']", NS).text == "https://example.org/pmo/cmif.xml"
    assert all(c.get("source") == "#edition" for c in cmif.iterfind(".//t:correspDesc", NS))


def test_dates_are_days_and_cards_are_left_out() -> None:
    data = cmif_document(converted(), title="PMO Papers", base_url="", editor="The editors", today="2026-12-03")
    cmif = etree.fromstring(data)
    assert all(len(d.get("when")) == 10 for d in cmif.iterfind(".//t:date[@when]", NS) if d.getparent().tag.endswith("correspAction"))
    assert "closureCard" not in data.decode()


def test_persons_are_named_in_standard_form_with_their_authority_identifier() -> None:
    cmif = etree.fromstring(cmif_document(converted(), title="PMO Papers", base_url="https://example.org/pmo",
                                          editor="The editors", today="2026-12-03"))
    names = {(p.text, p.get("ref")) for p in cmif.iterfind(".//t:correspAction/t:persName", NS)}
    assert ("Margaret Thatcher", "http://www.wikidata.org/entity/Q7416") in names  # signed "Margaret"
    assert ("Ronald Reagan", "http://www.wikidata.org/entity/Q9960") in names  # addressed as "Ron"
    assert ("Charles Powell", None) in names  # in the register, with no authority identifier
    assert not any(ref and ref.startswith("#") for _, ref in names)  # never a pointer into a file


def test_places_of_sending_come_from_the_letterhead_with_their_authority_identifier() -> None:
    cmif = etree.fromstring(cmif_document(converted(), title="PMO Papers", base_url="https://example.org/pmo",
                                          editor="The editors", today="2026-12-03"))
    places = {(p.text, p.get("ref")) for p in cmif.iterfind(".//t:correspAction[@type='sent']/t:placeName", NS)}
    assert places == {("London", "http://www.wikidata.org/entity/Q84")}
