"""The paged HTML: ids unique whatever the TEI's ids, inputs that are not TEI refused."""

from __future__ import annotations

import subprocess
from collections import Counter

import pytest

from pdftext import article, html_tree, joined_html, text_of, words
from printpaths import FIXTURES, SAMPLE, VNU
from readingtext import documents, reading_text
from pipeline.print import read_tei
from pipeline.safexml import XMLInputError


def _book_html(printer, files, scope):
    """The paged HTML of every piece of a book, as one document (page numbers left out)."""
    parts = [printer.paged_html([f], scope="file", piece="part") for f in files]
    front, back = (printer.paged_html(files, scope=scope, piece=piece) for piece in ("front", "back"))
    return joined_html([front, *parts, back])


def test_ids_stay_unique_when_files_share_xml_ids(printer):
    text = SAMPLE.read_bytes()
    # the same file twice, and a document whose id is one the book uses for itself
    clash = text.replace(b'xml:id="f900_sample.d04"', b'xml:id="introduction"')
    tree = html_tree(_book_html(printer, [read_tei(text, name="a.xml"), read_tei(clash, name="b.xml")], "edition"))
    ids = Counter(e.get("id") for e in tree.xpath("//*[@id]"))
    assert [i for i, n in ids.items() if n > 1] == []
    # every link of the contents leads somewhere
    for link in tree.xpath("//nav//a/@href"):
        assert ids[link[1:]] == 1, link
    assert len(tree.xpath("//article")) == 8


def test_a_file_that_is_not_tei_is_refused():
    with pytest.raises(XMLInputError, match="not a TEI"):
        read_tei(b"<html><body/></html>", name="x.xml")
    with pytest.raises(XMLInputError, match="not a TEI"):
        read_tei(b"<TEI/>", name="x.xml")


def test_a_file_without_documents_still_makes_a_book(printer):
    tei = read_tei(b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/><text><body><p>x</p></body></text></TEI>', name="e.xml")
    html = _book_html(printer, [tei], "file")
    assert "Contents" in html
    # no list of withheld documents (nor a page saying there are none) when none is withheld
    assert 'id="print:withheld"' not in html and 'href="#print:withheld"' not in html
    # text outside any document is still printed
    assert "<p>x</p>" in html


def test_structures_the_converter_seldom_writes_make_valid_html_and_lose_no_text(printer, tmp_path):
    path = FIXTURES / "structures" / "f902_structures.xml"
    tei = read_tei(path.read_bytes(), name=path.name)
    html = printer.paged_html([tei], scope="file")
    page = tmp_path / "structures.html"
    page.write_text(html, encoding="utf-8")
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", str(page)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    tree = html_tree(html)
    for div in documents(tei.text):
        printed = words(text_of(article(tree, div.get("{http://www.w3.org/XML/1998/namespace}id")).xpath(".//div[@class = 'text']")[0], skip_classes=("note", "editorial", "page-break")))
        expected = words(reading_text(div))
        # every word of the reading text, in order
        at = 0
        for word in expected:
            at = printed.index(word, at) + 1
    # a lemma keeps the spaces inside it and loses those around it
    assert "a marginal addition]" in html and "Foreign and Commonwealth Office]" in html
