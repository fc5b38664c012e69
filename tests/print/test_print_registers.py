"""Names from the registers (the encoding contract in REGISTERS.md: entries embedded in each file's
standOff, names pointing at them with @ref) in the print edition: one index entry a person, under the
standard name, sorted by @sortKey; the source note's names standard, and its cross-references to
related documents (correspContext/ref)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pdftext import html_tree, pages, squash
from printpaths import FIXTURES

REGISTERS = sorted((FIXTURES / "registers").glob("*.xml"))


@pytest.fixture(scope="module")
def registered(printer, tmp_path_factory):
    """The two register fixtures as one edition: its back matter's HTML, its parts' HTML and its PDF's text."""
    from pipeline.print import read_tei

    files = [read_tei(p.read_bytes(), name=p.name) for p in REGISTERS]
    parts_html = [printer.paged_html([f], scope="file", piece="part") for f in files]
    book = printer.book(files, [printer.typeset(h) for h in parts_html], scope="edition")
    pdf = tmp_path_factory.mktemp("registers") / "edition.pdf"
    pdf.write_bytes(book.pdf)
    return book.back, parts_html, pages(pdf)


def _index(back: str) -> list[str]:
    return [" ".join(li.text_content().split()) for li in html_tree(back).xpath("//ol[@class = 'index']/li")]


def test_one_index_entry_a_person_under_the_standard_name_sorted_by_sort_key(registered):
    back, _, _ = registered
    entries = _index(back)
    labels = [e.split(" from ")[0].split(" to ")[0] for e in entries]
    # Powell is written "C D Powell", "CHARLES POWELL" and "Powell" in two files: one entry
    assert labels == ["Foreign and Commonwealth Office", "Gorbachev, Mikhail", "Powell, Charles",
                      "Thatcher, Margaret", "Wall, J S"], entries
    powell = entries[2]
    assert " from " in powell and " to " in powell
    # pages from both files: the first file's third document and the second file's two
    assert len(powell.split(" from ")[1].split(" to ")[0].split(", ")) == 2


def test_the_source_note_names_people_by_their_standard_names_and_cites_related_documents(registered):
    _, parts, texts = registered
    notes = [" ".join(n.text_content().split()) for h in parts for n in html_tree(h).xpath("//p[@class = 'source-note']")]
    assert len(notes) == 5
    letter, draft, copy, minute, reply = notes
    assert "Sent by Margaret Thatcher." in letter
    assert "For its draft, see No. 2." in letter and "For another copy, see No. 3." in letter
    assert "Drafted for Margaret Thatcher." in draft and "Sent by" not in draft
    assert "Amended in the hand of Charles Powell." in draft and "Draft of No. 1." in draft
    assert "Sent by Charles Powell." in copy and "Another copy of No. 1." in copy
    assert "Sent by Charles Powell." in minute
    assert "Sent by J S Wall." in reply and "In reply to No. 1." in reply  # no @ref: the name as written
    printed = squash(" ".join(texts))
    for phrase in ("Draft of No. 1.", "Amended in the hand of Charles Powell.", "In reply to No. 1."):
        assert squash(phrase) in printed


def test_a_ref_that_resolves_to_nothing_is_the_name_as_written(printer):
    from pipeline.print import read_tei

    text = REGISTERS[1].read_text("utf-8").replace('<persName>J S Wall</persName>', '<persName ref="#per-nobody">J S Wall</persName>')
    back = printer.paged_html([read_tei(text.encode("utf-8"), name="f913_registers.xml")], scope="file", piece="back")
    assert any(e.startswith("Wall, J S ") for e in _index(back))
