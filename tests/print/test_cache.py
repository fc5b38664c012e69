"""The books' front and back matter kept between runs (pipeline.print.cache): a book whose inputs are
unchanged is bound from the kept pieces without typesetting them again, and the same bytes come out."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from pipeline.print import Printer, read_tei
from pipeline.print.cache import cache_beside
from pipeline.print.pdf import PdfMaker
from printpaths import tei_inputs


class CountingMaker(PdfMaker):
    """WeasyPrint as the printer uses it, counting what it typesets."""

    def __init__(self) -> None:
        super().__init__()
        self.typeset_html: list[str] = []

    def typeset(self, html: str, **kwargs):
        self.typeset_html.append(html)
        return super().typeset(html, **kwargs)


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """Two files' parts, typeset once, and an edition bound from them with an empty cache."""
    files = [read_tei(p.read_bytes(), name=p.name) for p in tei_inputs()[:2]]
    maker = CountingMaker()
    folder = tmp_path_factory.mktemp("cache")
    printer = Printer(typesetter=maker, cache=folder)
    parts = [printer.part(f) for f in files]
    maker.typeset_html.clear()
    first = printer.book(files, parts, scope="edition")
    return files, parts, folder, first, len(maker.typeset_html)


def test_a_first_book_typesets_its_front_and_back_matter_and_keeps_them(made):
    files, parts, folder, first, typeset = made
    assert typeset == 3  # the back matter, the front matter, the folio sheet
    names = sorted(p.name for p in folder.iterdir())
    assert [n.split(".")[0] for n in names if n.endswith(".pdf")] == ["edition-back-edition", "edition-front-edition", "folios"]
    assert all(len(n.split(".")[1]) == 64 for n in names)


def test_the_same_book_again_is_bound_from_the_kept_pieces_to_the_same_bytes(made):
    files, parts, folder, first, _ = made
    maker = CountingMaker()
    again = Printer(typesetter=maker, cache=folder).book(files, parts, scope="edition")
    assert maker.typeset_html == []
    assert again.pdf == first.pdf and again.front == first.front and again.back == first.back


def test_a_part_of_another_length_makes_the_matter_again_with_its_page_numbers(made):
    files, parts, folder, first, _ = made
    longer = replace(parts[0], pages=parts[0].pages + 2)  # the next file's anchors move by two pages
    maker = CountingMaker()
    book = Printer(typesetter=maker, cache=folder).book(files, [longer, parts[1]], scope="edition")
    assert len(maker.typeset_html) == 2  # back and front: the folio sheet is kept
    assert book.front != first.front and book.back != first.back
    # one entry per piece: the newer replaced the older
    assert len([p for p in folder.iterdir() if p.name.startswith("edition-front-edition.")]) == 3


def test_an_edit_to_a_file_s_outline_makes_the_matter_again(made):
    files, parts, folder, first, _ = made
    edited = replace(files[0], outline=files[0].outline.replace("<title type=\"main\">", "<title type=\"main\">Edited ", 1))
    edited = replace(files[0], outline=files[0].outline.replace('<title type="main">', '<title type="main">Edited ', 1))
    maker = CountingMaker()
    book = Printer(typesetter=maker, cache=folder).book([edited, files[1]], parts, scope="edition")
    assert len(maker.typeset_html) == 2 and "Edited " in book.front


def test_a_damaged_entry_is_made_again(made, tmp_path):
    files, parts, _, first, _ = made
    printer = Printer(typesetter=PdfMaker(), cache=tmp_path)
    printer.book(files, parts, scope="edition")
    for kept in tmp_path.glob("edition-front-edition.*.pdf"):
        kept.write_bytes(kept.read_bytes()[:-100])
    maker = CountingMaker()
    again = Printer(typesetter=maker, cache=tmp_path).book(files, parts, scope="edition")
    assert len(maker.typeset_html) == 1 and again.pdf == first.pdf


def test_a_cache_that_cannot_be_written_only_spares_nothing(made, tmp_path):
    files, parts, _, first, _ = made
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    book = Printer(typesetter=PdfMaker(), cache=blocked / "cache").book(files, parts, scope="edition")
    assert book.pdf == first.pdf


def test_pipeline_print_keeps_its_cache_beside_the_output():
    assert cache_beside(Path("/x/build/print")) == Path("/x/build/.print.print-cache")
