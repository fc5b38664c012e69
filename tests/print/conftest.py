"""Fixtures of the print tests: the sample's PDF and the edition's PDF, each made once per session."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from pipeline.print import Printer, TeiFile, read_tei
from pipeline.print.edition import part_ids, read_odd
from pipeline.safexml import XMLInputError
from pdftext import joined_html
from printpaths import ARTIFACTS, SAMPLE, sample_pages, tei_inputs


@dataclass
class Book:
    """A PDF made in the test session, with the TEI and the paged HTML of its pieces (front matter,
    each file's part, back matter) as one document (see joined_html)."""

    files: list[TeiFile]
    html: str
    pdf: Path
    pieces: list[str]  # the paged HTML each piece was typeset from


@pytest.fixture(scope="session")
def printer() -> Printer:
    """A printer with the project's ODD (or, while schema/pmo.odd is being written and unreadable, without)."""
    try:
        odd = read_odd()
    except XMLInputError:
        odd = None
    return Printer(odd=odd)


def _book(printer: Printer, paths: list[Path], scope: str, out: Path) -> Book:
    files = [read_tei(p.read_bytes(), name=p.name) for p in paths]
    part_htmls = [printer.paged_html([f], scope="file", piece="part") for f in files]
    book = printer.book(files, [printer.typeset(h, kind="part", ids=part_ids(f)) for f, h in zip(files, part_htmls)], scope=scope)
    out.write_bytes(book.pdf)
    pieces = [book.front, *part_htmls, book.back]
    return Book(files, joined_html(pieces), out, pieces)


@pytest.fixture(scope="session")
def sample_book(printer: Printer, tmp_path_factory: pytest.TempPathFactory) -> Book:
    """The contract sample as one archival file's PDF."""
    return _book(printer, [SAMPLE], "file", tmp_path_factory.mktemp("print") / "sample.pdf")


@pytest.fixture(scope="session")
def edition_book(printer: Printer, tmp_path_factory: pytest.TempPathFactory) -> Book:
    """The whole edition's PDF (the real TEI files once they exist); sample pages go to test-artifacts/."""
    book = _book(printer, tei_inputs(), "edition", tmp_path_factory.mktemp("print") / "edition.pdf")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTIFACTS.glob("edition-*.png"):
        old.unlink()
    for number in sample_pages(book.pdf):
        subprocess.run(["pdftoppm", "-r", "80", "-png", "-f", str(number), "-l", str(number), str(book.pdf),
                        str(ARTIFACTS / "edition")], check=True)
    return book
