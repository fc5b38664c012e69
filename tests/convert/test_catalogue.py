"""The file catalogue: read strictly, located errors, and its reference and title in the TEI."""

from __future__ import annotations

import pytest
from lxml import etree

from pipeline.convert import CatalogueError, convert_bytes, read_catalogue
from tests.conftest import SOURCES

NS = {"t": "http://www.tei-c.org/ns/1.0"}
CATALOGUE = ("transcript,reference,title,from,to,facsimile,notes\n"
             "004_570edd33cf41b241.txt,PREM 19/2878,\"USSR: relations; part 34\",1989-01-02,1989-01-02,https://example.org/iiif/manifest.json,\n")


def tei(name: str, catalogue: bytes | None) -> etree._Element:
    path = SOURCES / name
    entry = read_catalogue(catalogue).get(name) if catalogue else None
    return etree.fromstring(convert_bytes(path.read_bytes(), name, catalogue=entry).tei)


def test_the_catalogue_gives_the_reference_and_title() -> None:
    root = tei("004_570edd33cf41b241.txt", CATALOGUE.encode())
    assert root.find(".//t:msIdentifier/t:idno[@type='reference']", NS).text == "PREM 19/2878"
    assert root.find(".//t:msIdentifier/t:collection", NS).text == "PREM 19"
    assert root.find(".//t:titleStmt/t:title", NS).text == "USSR: relations; part 34"


def test_without_the_catalogue_the_cards_give_the_reference_and_say_so() -> None:
    path = SOURCES / "004_570edd33cf41b241.txt"
    conversion = convert_bytes(path.read_bytes(), path.name)
    assert etree.fromstring(conversion.tei).find(".//t:msIdentifier/t:idno[@type='reference']", NS).text == "PREM 19/3174"
    assert [w.code for w in conversion.warnings if w.code == "reference-from-cards"] == ["reference-from-cards"]


@pytest.mark.parametrize(("csv", "says"), [
    ("name,reference\nx.txt,PREM 19/1\n", "catalogue.csv:1: the header row must name columns"),
    ("transcript,reference\nx.txt,PREM 19\n", "catalogue.csv:2: reference 'PREM 19' is not series and piece"),
    ("transcript,from,to\nx.txt,1989-02-01,1989-01-01\n", "catalogue.csv:2: the covering dates run backwards"),
    ("transcript,from\nx.txt,2 Jan 89\n", "catalogue.csv:2: from '2 Jan 89' is not a date in ISO form"),
    ("transcript,from\nx.txt,1988-02-30\n", "catalogue.csv:2: from '1988-02-30' is not a date in ISO form"),
    ("transcript,to\nx.txt,1989-13-45\n", "catalogue.csv:2: to '1989-13-45' is not a date in ISO form"),
    ("transcript,facsimile\nx.txt,javascript:alert(1)\n", "is not an http(s) URL"),
    ("transcript\n../etc/passwd\n", "must be a transcript's file name"),
    ("transcript\nx.txt\nx.txt\n", "catalogue.csv:3: x.txt is catalogued twice"),
])
def test_a_bad_catalogue_is_a_located_error(csv: str, says: str) -> None:
    with pytest.raises(CatalogueError, match=says.replace("(", r"\(").replace(")", r"\)")):
        read_catalogue(csv.encode())


def test_an_empty_catalogue_and_a_byte_order_mark() -> None:
    assert read_catalogue(b"") == {}
    assert read_catalogue("\ufefftranscript,reference\nx.txt,FCO 28/123\n".encode())["x.txt"].series == "FCO 28"


def test_the_catalogue_gives_covering_dates_notes_and_facsimile() -> None:
    catalogue = CATALOGUE.replace(",\n", ",Seen by the editors at Kew.\n").encode()
    ms = tei("004_570edd33cf41b241.txt", catalogue).find(".//t:msDesc", NS)
    date = ms.find("t:history/t:origin/t:origDate", NS)
    assert (date.get("when"), date.text) == ("1989-01-02", "2 January 1989")
    assert ms.find("t:additional/t:adminInfo/t:note[@type='catalogue']", NS).text == "Seen by the editors at Kew."
    assert ms.find("t:additional/t:surrogates/t:ref[@type='facsimile']", NS).get("target") == "https://example.org/iiif/manifest.json"


def test_the_project_names_the_archive_and_a_series_the_file_does_not_give() -> None:
    from pipeline.convert.tei.header import Publication

    path = SOURCES / "000_c7bc312db51ab6dd.txt"  # no closure card: no series of its own
    publication = Publication(archive="Archives nationales", series="AG 5")
    ms = etree.fromstring(convert_bytes(path.read_bytes(), path.name, publication=publication).tei).find(".//t:msIdentifier", NS)
    assert [(etree.QName(e).localname, e.text) for e in ms] == [("repository", "Archives nationales"), ("collection", "AG 5")]
    carded = SOURCES / "004_570edd33cf41b241.txt"  # its cards give its series and piece: they win
    ms = etree.fromstring(convert_bytes(carded.read_bytes(), carded.name, publication=publication).tei).find(".//t:msIdentifier", NS)
    assert ms.find("t:idno[@type='reference']", NS).text == "PREM 19/3174"


def test_a_file_whose_piece_nothing_gives_is_reported() -> None:
    path = SOURCES / "000_c7bc312db51ab6dd.txt"
    codes = [w.code for w in convert_bytes(path.read_bytes(), path.name).warnings]
    assert "reference-missing" in codes
    entry = read_catalogue(b"transcript,reference\n000_c7bc312db51ab6dd.txt,PREM 19/2700\n")[path.name]
    assert "reference-missing" not in [w.code for w in convert_bytes(path.read_bytes(), path.name, catalogue=entry).warnings]
