"""The print and web editions render the same TEI with the same meaning: per document, the
reading text extracted from each is the same words in the same order."""

from __future__ import annotations

from pathlib import Path

import pytest

from printpaths import FIXTURES, SAMPLE, tei_inputs
from pdftext import article, html_tree, text_of, words
from readingtext import documents

#: What the web page shows beside the reading text (its reading view hides deletions, forme work,
#: changes of hand and original readings; the rest is labels and apparatus).
WEB_APPARATUS = ("fw", "handshift", "orig", "vh", "pb", "gap", "note-ref", "unclear", "withheld", "rule", "annotation-label")
#: What the printed page shows beside the reading text: notes, sigla, page markers, the withheld notice.
PRINT_APPARATUS = ("note", "page-break", "editorial", "withheld", "withheld-note", "unclear")


def _strip_del(element):
    for deleted in element.xpath(".//del"):
        deleted.drop_tree()
    return element


@pytest.fixture(scope="module")
def web():
    from pipeline.web import WebRenderer

    return WebRenderer()


@pytest.mark.parametrize("path", sorted({SAMPLE, *FIXTURES.glob("*.xml"), *tei_inputs()}), ids=lambda p: p.name)
def test_print_and_web_give_the_same_reading_text(printer, web, path: Path):
    data = path.read_bytes()
    web_pages = web.render(web.load(data, name=path.name)).files
    from pipeline.print import read_tei

    tei = read_tei(data, name=path.name)
    printed = html_tree(printer.paged_html([tei], scope="file"))
    compared = 0
    for div in documents(tei.text):
        doc_id = div.get("{http://www.w3.org/XML/1998/namespace}id")
        page = web_pages[f"documents/{doc_id}.html"].decode("utf-8")
        web_text = _strip_del(html_tree(page).xpath("//div[contains(concat(' ', @class, ' '), ' text ')]")[0])
        print_text = article(printed, doc_id).xpath(".//div[@class = 'text']")[0]
        assert words(text_of(print_text, skip_classes=PRINT_APPARATUS)) == words(text_of(web_text, skip_classes=WEB_APPARATUS)), doc_id
        web_card = web_text.xpath(".//*[contains(concat(' ', @class, ' '), ' card-text ')]")
        print_card = print_text.xpath(".//*[contains(concat(' ', @class, ' '), ' card-text ')]")
        assert len(web_card) == len(print_card), doc_id
        for w, p in zip(web_card, print_card):
            assert words(text_of(p, skip_classes=("card-label",))) == words(text_of(w, skip_classes=("orig", "vh"))), doc_id
        compared += 1
    assert compared == len(documents(tei.text)) > 0
