"""Persons keyed by the registers (REGISTERS.md): the correspondent and hand facets and the people page show
one entry per register id, labelled by its standard name and sorted by its sort key; a name without @ref
stands by itself; facet addresses are made from the id. And the web tests' data are valid."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from lxml import html

from pipeline.web.catalogue import catalogue_data
from pipeline.web.edition import WebEdition, _summary

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def edition() -> WebEdition:
    return WebEdition(guidelines=None)


@pytest.fixture(scope="module")
def summaries(edition) -> list[dict]:
    return [
        edition.summary((DATA / "second.xml").read_bytes(), "901_second.xml"),
        edition.summary((DATA / "registers.xml").read_bytes(), "903_registers.xml"),
    ]


def facet(data: dict, key: str) -> list[tuple[str, str, int]]:
    found = next(f for f in data["facets"] if f["key"] == key)
    return [(v["n"], v["label"], v["count"]) for v in found["values"]]


def test_a_summary_keys_each_party_by_its_register_id(summaries):
    d01, d02, _ = summaries[1]["documents"]
    assert d01["people"] == [
        {"role": "sent", "id": "per-cradock-percy", "name": "Percy Cradock", "sort": "Cradock,Percy"},
        {"role": "received", "id": "per-braithwaite-rodric", "name": "Rodric Braithwaite", "sort": "Braithwaite,Rodric"},
        {"role": "received", "id": "org-mod", "name": "Ministry of Defence", "sort": "Ministry of Defence"},
    ]
    assert d02["handPeople"] == [{"id": "per-cradock-percy", "name": "Percy Cradock", "sort": "Cradock,Percy"}]


def test_the_correspondent_facet_has_one_value_per_person(summaries):
    data = catalogue_data([_summary(s) for s in summaries])
    assert facet(data, "correspondent") == [
        ("per-braithwaite-rodric", "Rodric Braithwaite", 2),  # "R BRAITHWAITE", "RODRIC BRAITHWAITE": by @ref, under B
        ("c-d-powell", "C. D. Powell", 2),                   # no @ref: "C D Powell" (901) and "C. D. Powell" (903)
        ("per-cradock-percy", "Percy Cradock", 2),           # "P CRADOCK", "Sir Percy Cradock"
        ("org-mod", "Ministry of Defence", 1),
        ("prime-minister", "Prime Minister", 2),
    ]
    assert ("per-cradock-percy", "Percy Cradock", 1) in facet(data, "hand")
    by_key = {d["key"]: d["facets"]["correspondent"].split() for d in data["documents"]}
    assert by_key["f903_registers.d02"] == ["per-braithwaite-rodric", "per-cradock-percy"]


def test_facet_addresses_stay_when_other_values_come_and_go(summaries):
    both = facet(catalogue_data([_summary(s) for s in summaries]), "correspondent")
    alone = facet(catalogue_data([_summary(summaries[1])]), "correspondent")
    assert {n for n, _, _ in alone} <= {n for n, _, _ in both}


def test_the_people_page_has_one_section_per_person(edition, summaries):
    files = edition.site(summaries)
    page = html.fromstring(files["persons.html"])
    names = [h.text_content().strip() for h in page.xpath("//section[@class='person']/h2")]
    assert names.count("Percy Cradock") == 1 and names.count("Rodric Braithwaite") == 1
    assert names.index("Rodric Braithwaite") < names.index("Percy Cradock")  # by the sort key: surname first
    cradock = " ".join(page.xpath("//section[@id='person-per-cradock-percy']")[0].text_content().split())
    assert "Sent (1)" in cradock and "Received (1)" in cradock and "Wrote in (hand) (1)" in cradock
    assert "browse/correspondent-per-cradock-percy.html" in files
    facets = json.loads(files["assets/search/facets.js"].decode().split(" = ", 1)[1].rstrip(";\n"))
    assert ["per-cradock-percy", "Percy Cradock"] in next(f["values"] for f in facets["facets"] if f["key"] == "correspondent")


def test_the_test_data_are_valid_tei(jing):
    """Every fixture but the hostile one is valid against tei_all and against the project's schema and rules."""
    files = [DATA / n for n in ("search.xml", "second.xml", "registers.xml")]
    result = subprocess.run([jing, str(ROOT / ".cache" / "tei_all.rng"), *map(str, files)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    from pipeline.validate import Validator

    validator = Validator()
    for path in files:
        assert list(validator.iter_errors(path.read_bytes(), name=path.name)) == []


def test_a_file_page_names_its_file_and_shows_what_the_catalogue_says(tmp_path):
    """A file whose piece is unknown is headed by its own name, never a bare series shared by others; its
    covering dates, catalogue note and facsimile link are shown."""
    from pipeline.convert import convert_bytes, read_catalogue
    from pipeline.web.cli import web
    from click.testing import CliRunner

    source = ROOT / "sources" / "000_c7bc312db51ab6dd.txt"  # no closure card: its piece is unknown
    catalogue = read_catalogue(b"transcript,from,to,facsimile,notes\n000_c7bc312db51ab6dd.txt,1989-01-02,1989-01-05,"
                               b"https://example.org/iiif/manifest.json,Seen at Kew.\n")
    tei = tmp_path / "tei"
    tei.mkdir()
    (tei / "900_file.xml").write_bytes(convert_bytes(source.read_bytes(), "900_file.txt", catalogue=catalogue[source.name]).tei)
    result = CliRunner().invoke(web, [str(tei), "-o", str(tmp_path / "site")])
    assert result.exit_code == 0, result.output
    page = (tmp_path / "site" / "files" / "900_file.html").read_text(encoding="utf-8")
    assert '<h1 id="file-title">File 900_file (PREM 19)</h1>' in page
    assert "<dt>Covering dates</dt><dd>2 January 1989 – 5 January 1989</dd>" in page
    assert "<dt>Catalogue note</dt><dd>Seen at Kew.</dd>" in page
    assert 'href="https://example.org/iiif/manifest.json"' in page
